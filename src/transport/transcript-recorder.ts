// Transcript recorder: timestamps every event and scrubs any known secret form out of the text that came from outside
// (server replies, socket and TLS errors); our own lines and notes only of the forms no word can be (strong secrets).
import type { Reply } from '../model/reply.js';
import type { Direction, Phase, TranscriptEvent } from '../model/transcript.js';
import type { Secret } from '../model/secret.js';
import { escapeControl, previewText } from '../protocol/escape.js';
import { FormScrubber, scrubDeep } from '../protocol/secret-forms.js';

export const SCRUBBED = '[redacted]';
/** Bounds a transcript against a server that makes us record without end. */
const MAX_EVENTS = 2_000;

/** Where a reply line's own text begins: after "535-" and an enhanced code ("535-5.7.8 "). */
function replyTextStart(line: string): number {
  return /^\d{3}[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?/.exec(line)?.[0].length ?? 0;
}

export class TranscriptRecorder {
  readonly #events: TranscriptEvent[] = [];
  readonly #scrubber: FormScrubber;
  readonly #start: number;
  readonly #now: () => number;
  #dropped = 0;

  /** `scrubber`: one shared by every session of a run, so that a secret's forms are computed once. */
  constructor(now: () => number = () => performance.now(), scrubber = new FormScrubber(SCRUBBED)) {
    this.#now = now;
    this.#start = now();
    this.#scrubber = scrubber;
  }

  elapsed(): number {
    return Math.round((this.#now() - this.#start) * 10) / 10;
  }

  /**
   * Registers a secret so that any echo of it is removed from everything recorded later: the plain text,
   * its base64 at each of the three byte alignments (as inside a PLAIN blob), its JSON, URL and hex encodings; with
   * `login`, the login data's blobs too (FormScrubber.addLogin).
   */
  protect(secret: Secret, login?: { username: string; authzid?: string | undefined }): void {
    this.#scrubber.addSecret(secret.reveal());
    // The login data's standard blobs (PLAIN's, LOGIN's) whatever mechanism is used: a server may echo any of them.
    if (login) this.#scrubber.addLogin(login.username, secret.reveal(), login.authzid);
  }

  /**
   * Registers a line we sent in place of a secret (an AUTH line with its blob) to scrub from server echoes: the line
   * whole, and each blob in it, also URL-safe and re-encoded, in pieces (FormScrubber.addSent).
   */
  addSensitive(value: string): void {
    this.#scrubber.addSent(value);
  }

  /**
   * Text from outside (a server's reply, a socket or TLS error, a certificate name) without any registered form: whole,
   * in pieces of MIN_FRAGMENT_LENGTH characters or more, and a weak secret as a whole token.
   */
  scrub(text: string): string {
    return this.#scrubber.scrub(text);
  }

  /** A copy of plain data from outside (certificate facts) with every string scrubbed as scrub() does. */
  scrubValue<T>(value: T): T {
    return this.#scrubber.size === 0 ? value : scrubDeep(value, this.#scrubber);
  }

  /**
   * Our own text (a command line we built, a note that may quote outside text already scrubbed): only the forms of
   * strong secrets and of what we sent, which no word of ours can be. A weak secret ("mail") is a word of our prose.
   */
  scrubOwn(text: string): string {
    return this.#scrubber.scrub(text, { strongOnly: true });
  }

  /**
   * A short, escaped sample of server bytes for evidence, scrubbed before it is escaped and cut: a secret with a control
   * character in it, or one cut in half by the preview, must not survive in either form.
   */
  previewOf(data: Uint8Array | string, maxChars: number): string {
    const text = typeof data === 'string' ? data : Buffer.from(data.subarray(0, maxChars * 4)).toString('utf8');
    return previewText(this.scrub(text), maxChars);
  }

  /**
   * A copy of a server reply with every known secret form removed: replies end up in evidence and reports. The lines
   * are scrubbed as one text, so that a secret split across two lines is taken out of both.
   */
  scrubReply(reply: Reply): Reply {
    if (this.#scrubber.size === 0) return reply;
    const lines = this.#scrubber.scrubLines(reply.lines);
    // Built as the parser builds it, from the scrubbed lines, then scrubbed as a whole once more. A one-line reply
    // whose line came out as it went in, and whose text is that line, needs no second scrub: scrubbing one line is
    // scrubbing it as a text, so the same text would come out unchanged again (most replies: 220, 235, 221).
    const joined = lines.join(' ').replace(/\s+/g, ' ').trim();
    const single = lines.length === 1 && lines[0] === reply.lines[0] && joined === lines[0];
    return {
      ...reply,
      lines,
      text: single ? joined : this.scrub(joined),
      raw: this.#scrubber.scrubLines(reply.raw, replyTextStart),
    };
  }

  /** How many events are kept so far: the index the next kept event will get. */
  get size(): number {
    return this.#events.length;
  }

  /**
   * `redacted`: the text stands in for what was sent; `secret`: the line carried the secret itself (see
   * TranscriptEvent.secret). Beyond MAX_EVENTS nothing more is kept, so indices of kept events never shift.
   */
  record(
    dir: Direction,
    phase: Phase,
    tls: boolean,
    text: string,
    options: { redacted?: boolean; secret?: boolean; scrubbed?: boolean } = {},
  ): void {
    if (this.#events.length >= MAX_EVENTS) {
      this.#dropped += 1;
      return;
    }
    // Scrub first: escaping would turn a secret with a control character in it into a form nobody registered. Server
    // text is scrubbed fully (unless the caller already did, as for a reply); our own lines and notes only of strong
    // forms: what they quote from outside was scrubbed where it came in, and the rest is our words.
    const clean = options.scrubbed ? text : dir === 'server' ? this.scrub(text) : this.scrubOwn(text);
    const escaped = clean.split('\n').map(escapeControl).join('\n');
    const event: TranscriptEvent = { t: this.elapsed(), dir, phase, tls, text: escaped };
    if (options.redacted) event.redacted = true;
    if (options.secret) event.secret = true;
    this.#events.push(event);
  }

  /**
   * Server text is recorded line by line as received; record() escapes each line so it cannot drive a terminal.
   * `scrubbed`: the lines come from scrubReply() (scrubbing twice would read our own markers as server text).
   */
  recordServerLines(phase: Phase, tls: boolean, lines: readonly string[], scrubbed = false): void {
    this.record(
      'server',
      phase,
      tls,
      scrubbed ? lines.join('\n') : this.#scrubber.scrubLines(lines, replyTextStart).join('\n'),
      {
        scrubbed: true,
      },
    );
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
