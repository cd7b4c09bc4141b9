// Transcript recorder: timestamps every event and scrubs any known secret form out of all text it is given.
import type { Reply } from '../model/reply.js';
import type { Direction, Phase, TranscriptEvent } from '../model/transcript.js';
import type { Secret } from '../model/secret.js';
import { escapeControl } from '../protocol/escape.js';
import { MIN_FORM_LENGTH, secretForms } from '../protocol/secret-forms.js';

const SCRUBBED = '[redacted]';
/** Shorter strings would scrub ordinary words; our own lines never contain secrets anyway (redacted at the source). */
const MIN_SCRUB_LENGTH = MIN_FORM_LENGTH;
/** Bounds a transcript against a server that makes us record without end. */
const MAX_EVENTS = 2_000;

export class TranscriptRecorder {
  readonly #events: TranscriptEvent[] = [];
  readonly #sensitive = new Set<string>();
  readonly #start: number;
  readonly #now: () => number;
  #dropped = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#start = now();
  }

  elapsed(): number {
    return Math.round((this.#now() - this.#start) * 10) / 10;
  }

  /**
   * Registers a secret so that any echo of it is removed from everything recorded later: the plain text,
   * its base64 at each of the three byte alignments (as inside a PLAIN blob), its JSON, URL and hex encodings.
   */
  protect(secret: Secret): void {
    for (const form of secretForms(secret.reveal())) this.addSensitive(form);
  }

  /** Registers one exact string (e.g. a base64 blob we sent) to scrub from server echoes. */
  addSensitive(value: string): void {
    if (value.length < MIN_SCRUB_LENGTH || this.#sensitive.has(value)) return;
    this.#sensitive.add(value);
    this.#sorted = undefined;
  }

  scrub(text: string): string {
    let out = text;
    // Longest first: a shorter form inside a longer one must not leave the longer one's remains behind.
    for (const value of this.#byLength()) if (out.includes(value)) out = out.split(value).join(SCRUBBED);
    return out;
  }

  /** A copy of a server reply with every known secret form removed: replies end up in evidence and reports. */
  scrubReply(reply: Reply): Reply {
    if (this.#sensitive.size === 0) return reply;
    return {
      ...reply,
      lines: reply.lines.map((l) => this.scrub(l)),
      text: this.scrub(reply.text),
      raw: reply.raw.map((l) => this.scrub(l)),
    };
  }

  #sorted: string[] | undefined;

  #byLength(): string[] {
    this.#sorted ??= [...this.#sensitive].sort((a, b) => b.length - a.length);
    return this.#sorted;
  }

  record(dir: Direction, phase: Phase, tls: boolean, text: string, options: { redacted?: boolean } = {}): void {
    if (this.#events.length >= MAX_EVENTS) {
      this.#dropped += 1;
      return;
    }
    const escaped = text.split('\n').map(escapeControl).join('\n');
    const event: TranscriptEvent = { t: this.elapsed(), dir, phase, tls, text: this.scrub(escaped) };
    if (options.redacted) event.redacted = true;
    this.#events.push(event);
  }

  /** Server text is recorded line by line as received; record() escapes each line so it cannot drive a terminal. */
  recordServerLines(phase: Phase, tls: boolean, lines: readonly string[]): void {
    this.record('server', phase, tls, lines.join('\n'));
  }

  events(): TranscriptEvent[] {
    const copy = this.#events.map((e) => ({ ...e }));
    if (this.#dropped > 0) {
      copy.push({
        t: this.elapsed(),
        dir: 'error',
        phase: 'quit',
        tls: false,
        text: `${this.#dropped} more events not recorded`,
      });
    }
    return copy;
  }
}
