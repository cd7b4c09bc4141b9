// Reply parser: turns server bytes, split anywhere, into complete replies — bounded in memory by the limits module.
import type { Reply, ReplyAnomaly } from '../model/reply.js';
import type { ProtocolViolation } from '../model/session.js';
import { matchEnhanced } from './enhanced-status.js';
import { preview } from './escape.js';
import { DEFAULT_LIMITS, PREVIEW_CHARS, type ProtocolLimits } from './limits.js';

export type ParseEvent = { type: 'reply'; reply: Reply } | { type: 'violation'; violation: ProtocolViolation };

interface ReplyLine {
  code: number;
  final: boolean;
  text: string;
  raw: string;
}

const LF = 0x0a;
const CR = 0x0d;
const LINE = /^(\d{3})(?:([ -])([\s\S]*))?$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class ReplyParser {
  readonly #limits: ProtocolLimits;
  #lineChunks: Buffer[] = [];
  #lineBytes = 0;
  #lines: ReplyLine[] = [];
  #replyBytes = 0;
  #anomalies = new Set<ReplyAnomaly>();
  #failed = false;
  #discarded = 0;

  constructor(limits: ProtocolLimits = DEFAULT_LIMITS) {
    this.#limits = limits;
  }

  /** True once a limit or a malformed line stopped the parser; everything after is counted, not kept. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Bytes dropped after the parser stopped. */
  get discardedBytes(): number {
    return this.#discarded;
  }

  /** Bytes received that do not yet form a complete reply. */
  get pendingBytes(): number {
    return this.#replyBytes + this.#lineBytes;
  }

  push(chunk: Uint8Array): ParseEvent[] {
    if (this.#failed) {
      this.#discarded += chunk.length;
      return [];
    }
    const events: ParseEvent[] = [];
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    while (start < buf.length) {
      const lf = buf.indexOf(LF, start);
      const end = lf === -1 ? buf.length : lf;
      const piece = buf.subarray(start, end);
      // A CR right before LF is not part of the line; allow one extra byte for it.
      if (this.#lineBytes + piece.length > this.#limits.maxLineBytes + 1) {
        this.#lineChunks.push(piece.subarray(0, PREVIEW_CHARS));
        events.push(this.#fail('line-too-long', `a reply line exceeded ${this.#limits.maxLineBytes} bytes`));
        this.#discarded += buf.length - start;
        break;
      }
      if (lf === -1) {
        this.#lineChunks.push(Buffer.from(piece)); // copy: the caller may reuse its buffer
        this.#lineBytes += piece.length;
        break;
      }
      this.#lineChunks.push(piece);
      const line = Buffer.concat(this.#lineChunks, this.#lineBytes + piece.length);
      this.#lineChunks = [];
      this.#lineBytes = 0;
      const event = this.#acceptLine(line);
      start = lf + 1;
      if (!event) continue;
      events.push(event);
      if (event.type === 'violation') {
        this.#discarded += buf.length - start;
        break;
      }
    }
    return events;
  }

  /**
   * Hands over and forgets everything not yet part of a complete reply. Used after the 220 to STARTTLS:
   * those bytes arrived in plaintext and must not be read as if they came through TLS.
   */
  takePending(): Buffer {
    const parts = this.#lines.map((l) => Buffer.from(`${l.raw}\r\n`, 'utf8'));
    const pending = Buffer.concat([...parts, ...this.#lineChunks]);
    this.#reset();
    return pending;
  }

  #reset(): void {
    this.#lineChunks = [];
    this.#lineBytes = 0;
    this.#lines = [];
    this.#replyBytes = 0;
    this.#anomalies = new Set();
  }

  #fail(kind: ProtocolViolation['kind'], detail: string): ParseEvent {
    const sample = Buffer.concat([...this.#lineChunks]);
    this.#failed = true;
    this.#reset();
    return { type: 'violation', violation: { kind, detail, preview: preview(sample, PREVIEW_CHARS) } };
  }

  #acceptLine(bytes: Buffer): ParseEvent | null {
    let body = bytes;
    if (body.length > 0 && body[body.length - 1] === CR) body = body.subarray(0, body.length - 1);
    else this.#anomalies.add('bare-lf');

    const text = this.#decode(body);
    const m = LINE.exec(text);
    if (!m) {
      this.#lineChunks = [body.subarray(0, PREVIEW_CHARS)];
      return this.#fail('malformed-line', 'a line from the server does not start with a three-digit reply code');
    }
    const [, codeText, sep, rest] = m as unknown as [string, string, string | undefined, string | undefined];
    const line: ReplyLine = { code: Number(codeText), final: sep !== '-', text: rest ?? '', raw: text };

    this.#lines.push(line);
    this.#replyBytes += bytes.length + 1;
    if (this.#lines.length > this.#limits.maxReplyLines) {
      return this.#fail('reply-too-many-lines', `a reply went on for more than ${this.#limits.maxReplyLines} lines`);
    }
    if (this.#replyBytes > this.#limits.maxReplyBytes) {
      return this.#fail('reply-too-large', `a reply grew beyond ${this.#limits.maxReplyBytes} bytes`);
    }
    if (!line.final) return null;

    const reply = buildReply(this.#lines, this.#anomalies);
    this.#lines = [];
    this.#replyBytes = 0;
    this.#anomalies = new Set();
    return { type: 'reply', reply };
  }

  #decode(body: Buffer): string {
    let text: string;
    try {
      text = strictUtf8.decode(body);
    } catch {
      this.#anomalies.add('invalid-utf8');
      text = body.toString('utf8');
    }
    if (text.includes('\0')) this.#anomalies.add('nul-byte');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    if (/[\x01-\x08\x0b-\x1f\x7f]/.test(text)) this.#anomalies.add('control-chars');
    return text;
  }
}

function buildReply(lines: ReplyLine[], anomalies: Set<ReplyAnomaly>): Reply {
  const last = lines[lines.length - 1] as ReplyLine;
  const code = last.code;
  if (lines.some((l) => l.code !== code)) anomalies.add('mixed-codes');
  const cls = Math.floor(code / 100);
  if (cls < 2 || cls > 5) anomalies.add('code-out-of-range');

  // RFC 2034 §4: 3xx replies carry no enhanced code, and the class must agree with the reply code.
  const first = lines[0] as ReplyLine;
  const found = cls === 3 ? null : matchEnhanced(first.text);
  let enhanced = found?.status ?? null;
  if (enhanced && enhanced.class !== cls) {
    anomalies.add('enhanced-class-mismatch');
    enhanced = null;
  }
  const texts = lines.map((l) => {
    if (!enhanced) return l.text;
    const m = matchEnhanced(l.text);
    return m && m.status.code === enhanced.code ? l.text.slice(m.length) : l.text;
  });
  return {
    code,
    enhanced,
    lines: texts,
    text: texts.join(' ').replace(/\s+/g, ' ').trim(),
    raw: lines.map((l) => l.raw),
    anomalies: [...anomalies],
  };
}

/** Parses a complete reply given as text (tests, fixtures, pasted replies); null when it is not one. */
export function parseReplyText(text: string, limits: ProtocolLimits = DEFAULT_LIMITS): Reply | null {
  const normalized = text.endsWith('\n') ? text : `${text}\r\n`;
  const events = new ReplyParser(limits).push(Buffer.from(normalized, 'utf8'));
  const first = events[0];
  return events.length === 1 && first?.type === 'reply' ? first.reply : null;
}
