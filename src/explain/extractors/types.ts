// Extractor contract: one client's way of wrapping server replies, turned back into wire lines with a phase.
import type { ReplyCertainty } from '../../model/evidence.js';
import type { Phase } from '../../model/transcript.js';

export interface FoundReply {
  /** Wire lines as the server sent them: "535-5.7.8 …", "535 5.7.8 …". */
  lines: string[];
  phase: Phase | null;
  /** Character range in the normalised, redacted text that this reply was read from. */
  start: number;
  end: number;
  /** The extractor that found it. */
  source: string;
  /** What the text says, when the wire lines were rebuilt from a client's wording of the reply (.NET). */
  quote?: string;
  /** How sure the find is a reply (model/evidence.ts); absent: `wire` for transcripts, `wrapped` for the others. */
  certainty?: ReplyCertainty;
}

export interface Extractor {
  id: string;
  /**
   * A fallback reads replies in no particular client's format: what it finds where another extractor already read a
   * reply is dropped (the client-specific reading knows where that reply starts and ends).
   */
  fallback?: true;
  extract(text: string): FoundReply[];
}

/**
 * Wire lines from a reply whose client stripped the codes from continuation lines (Python smtplib, Go textproto,
 * .NET): "5.7.8 Username…\n5.7.8  https://…" with code 535 → "535-5.7.8 Username…", "535 5.7.8  https://…".
 */
export function wireLines(code: number, message: string): string[] {
  const parts = message.split('\n').map((l) => l.replace(/\s+$/, ''));
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((part, i) => {
    const body = new RegExp(`^${code}[ -]`).test(part) ? part.slice(4) : part;
    return `${code}${i === parts.length - 1 ? ' ' : '-'}${body}`;
  });
}

/**
 * Following lines of the text that continue a reply with the same code (the ones after a wrapper's first line); with
 * an enhanced code, also lines that start with it alone (Go and Python drop the reply code there).
 */
export function continuation(
  text: string,
  from: number,
  code: number,
  enhanced?: string,
  maxLines = Infinity,
): { lines: string[]; end: number } {
  const lines: string[] = [];
  let end = from;
  const alone = enhanced ? `|${enhanced.replace(/\./g, '\\.')}\\s.*` : '';
  const re = new RegExp(`^[ \\t]*(${code}[ -].*${alone})$`);
  let pos = from;
  while (pos < text.length && text[pos] === '\n' && lines.length < maxLines) {
    const next = text.indexOf('\n', pos + 1);
    const line = text.slice(pos + 1, next === -1 ? text.length : next);
    const m = re.exec(line);
    if (!m) break;
    const body = (m[1] ?? '').trimEnd();
    lines.push(body.startsWith(String(code)) ? body : `${code} ${body}`);
    end = next === -1 ? text.length : next;
    pos = end;
  }
  return { lines, end };
}

/** End of the line that contains the offset. */
export function lineEnd(text: string, offset: number): number {
  const next = text.indexOf('\n', offset);
  return next === -1 ? text.length : next;
}

/** How many wrapped lines a reply printed in a row may take (a bounce wraps a few hundred characters). */
const MAX_WRAPPED = 8;

/**
 * The rest of a multi-line reply whose lines were printed in a row on one line and then wrapped: the line ends inside
 * a continuation line ("… 550-The mail server could not"), and the indented lines after it carry on up to the one with
 * the reply's last line ("… 550 Sender verify" — its own words may wrap once more). Postfix's bounces wrap the
 * remote server's reply this way. Nothing when no indented line brings the last line.
 */
export function wrappedRest(
  text: string,
  eol: number,
  code: string,
  first: string,
): { text: string; end: number } | null {
  const marks = [...first.matchAll(new RegExp(`(?:^|\\s)${code}([ -])`, 'g'))];
  if (marks.length === 0 || marks[marks.length - 1]?.[1] !== '-') return null;
  const last = new RegExp(`(?:^|\\s)${code} `);
  const words: string[] = [];
  let pos = eol;
  let done = false;
  for (let n = 0; n < MAX_WRAPPED && text.charAt(pos) === '\n'; n++) {
    const nextEnd = lineEnd(text, pos + 1);
    const line = text.slice(pos + 1, nextEnd);
    if (!/^[ \t]+\S/.test(line)) break;
    // After the last line began, one more indented line may finish its words.
    if (done) {
      words.push(line.trim());
      pos = nextEnd;
      break;
    }
    words.push(line.trim());
    pos = nextEnd;
    if (last.test(line)) done = true;
  }
  return done ? { text: words.join(' '), end: pos } : null;
}
