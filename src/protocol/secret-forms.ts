// Secret forms: every way a secret can be written down — plain, case-folded, escaped (JSON, \u, HTML, URL), hex,
// base64 (standard, URL-safe, twice) at each byte alignment, spelled out — and the scrubber that takes them, and any
// long enough piece of them, out of text. A short or word-like secret is taken out only as a whole token.
import { base64Runs, decodeEscapes } from './decoded-view.js';
import { eachWindowHash, WindowIndex, windowHash } from './text-windows.js';

/** Shorter strings would scrub ordinary words. */
export const MIN_FORM_LENGTH = 4;

/**
 * A run this long copied out of a secret form is a leak too (a server echoing the tail of a decoded PLAIN blob, a
 * secret cut by a preview). Shorter runs would scrub ordinary words and codes from replies, which are evidence.
 */
export const MIN_FRAGMENT_LENGTH = 8;

/** A secret of fewer code points than this is weak: it is an ordinary token of some text somewhere. */
export const WEAK_SECRET_LENGTH = 6;

/** One word, lower-case, Capitalised or UPPER-CASE, in any script ("password", "Gmail", "contraseña"). */
const ONE_WORD = /^(?:\p{Lu}?\p{Ll}+|\p{Lu}+)$/u;

/**
 * A weak secret — shorter than WEAK_SECRET_LENGTH, or a single word — can be a word of a reply, a host or our own
 * prose ("test" in lab.test, "password" in "Create an app password"): it is taken out only where it stands as a whole
 * token, never from inside another word. Any other secret is taken out as a substring too, and in pieces.
 */
export function isWeakSecret(value: string): boolean {
  const points = Array.from(value).length;
  return points < WEAK_SECRET_LENGTH || (points <= 24 && ONE_WORD.test(value));
}

/**
 * The forms in which an echo of `value` can show up: as typed, case-folded, escaped, URL-encoded, hex, and base64 at
 * each of the three byte alignments (inside a PLAIN or XOAUTH2 blob only the characters that depend on the secret
 * alone), URL-safe and twice over.
 */
export function secretForms(value: string): string[] {
  const { readable, encoded } = secretFormsByKind(value);
  return [...new Set([...readable, ...encoded])];
}

/**
 * The same forms, split by how they read: `readable` ones (as typed, escaped) can share words with a server's reply
 * text; `encoded` ones (hex, base64, \u escapes) look random, so any piece of them found in a reply is an echo.
 * `echoes: false` leaves out the rarer echo forms (HTML, \u, spelled out, URL-safe and double base64): explain with
 * tens of thousands of pasted secrets builds the forms of each of them on every scrub.
 */
export function secretFormsByKind(
  value: string,
  echoes = true,
  min = MIN_FORM_LENGTH,
): { readable: string[]; encoded: string[] } {
  const bytes = Buffer.from(value, 'utf8');
  // Plain ASCII letters, digits and "-._*" read the same escaped, URL-encoded and form-encoded: no need to encode.
  const plain = PLAIN.test(value);
  const readable = [
    value,
    // A server that folds case (some log or echo the user name and password upper- or lower-cased, or swapped).
    value.toUpperCase(),
    value.toLowerCase(),
    // Capitalised, as a server that starts its sentence with the echo writes it ("Hunter2 was refused").
    titleCase(value),
    ...(echoes ? [swapCase(value)] : []),
    // As a JSON string or a log line shows it, with quotes and backslashes escaped.
    plain ? value : JSON.stringify(value).slice(1, -1),
    plain ? value : encodeURIComponent(value),
    plain ? value : new URLSearchParams({ v: value }).toString().slice(2),
  ];
  const encoded: string[] = [];
  if (echoes) {
    const points = Array.from(value);
    // Spelled out, one character at a time ("p a s s", "p.a.s.s"); reversed; rot13 (contrived, but free).
    if (points.length > 1) readable.push(points.join(' '), points.join('.'), [...points].reverse().join(''));
    readable.push(value.replace(/[a-z]/gi, rot13));
    // HTML: the markup characters as entities, or every character as a numeric one.
    readable.push(value.replace(/[&<>"']/g, (c) => HTML_NAMED[c] ?? c));
    readable.push(
      JSON.stringify(value)
        .slice(1, -1)
        .replace(/[^\x20-\x7e]/g, unicodeEscape),
    );
    encoded.push(points.map((c) => `&#${String(c.codePointAt(0) ?? 0)};`).join(''));
    encoded.push(points.map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join(''));
    // Every UTF-16 unit as a \u escape (what JSON.stringify with ASCII output, or Java, writes).
    const units = Array.from({ length: value.length }, (_, i) => value.charCodeAt(i).toString(16).padStart(4, '0'));
    encoded.push(units.map((u) => `\\u${u}`).join(''), units.map((u) => `\\u${u.toUpperCase()}`).join(''));
    // The same units as a hex dump of UTF-16, and the bytes in decimal (a debugger's or a language's byte list).
    encoded.push(units.join(' '), units.join(''), Array.from(bytes, String).join(' '));
  }
  for (const hex of [HEX_LOWER, HEX_UPPER]) {
    const h = Array.from(bytes, (b) => hex[b] ?? '');
    // Every byte percent-encoded, and the separated hex dumps of debuggers and logs.
    encoded.push(
      h.join(''),
      h.map((x) => `%${x}`).join(''),
      h.join(':'),
      h.join(' '),
      h.map((x) => `\\x${x}`).join(''),
    );
    // And with C's "0x" before each byte, as a byte array prints ("0x68, 0x75").
    if (echoes) encoded.push(h.join('-'), ...[' ', ', ', ','].map((sep) => h.map((x) => `0x${x}`).join(sep)));
  }
  const b64 = base64Alignments(bytes);
  encoded.push(...b64);
  if (echoes) {
    // URL-safe base64 (JWTs, cookies), and base64 of base64 (a server that encodes our encoded line again).
    for (const form of b64) encoded.push(form.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    for (const form of b64) encoded.push(...base64Alignments(Buffer.from(form, 'latin1')));
  }
  return { readable: keep(readable, min), encoded: keep(encoded, min) };
}

/**
 * The base64 of `bytes` when they start at byte offset 0, 1 or 2 of a longer blob: whole at offset 0, and otherwise
 * only the characters that depend on the bytes alone (the group mixed with the prefix and the padded tail dropped).
 */
function base64Alignments(bytes: Buffer): string[] {
  const out: string[] = [];
  const padded = Buffer.alloc(bytes.length + 2);
  bytes.copy(padded, 2);
  for (let offset = 0; offset < 3; offset++) {
    const b64 = padded.subarray(2 - offset).toString('base64');
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    if (offset === 0) out.push(b64);
    if (to - from >= 6) out.push(b64.slice(from, to));
  }
  return out;
}

const HTML_NAMED: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function rot13(c: string): string {
  const base = c <= 'Z' ? 65 : 97;
  return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
}

/** The first character upper-case, the rest lower-case. */
function titleCase(value: string): string {
  const [first = '', ...rest] = Array.from(value);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

function swapCase(value: string): string {
  let out = '';
  for (const c of value) {
    const upper = c.toUpperCase();
    out += c === upper ? c.toLowerCase() : upper;
  }
  return out;
}

/** Characters that JSON, encodeURIComponent and form encoding all leave as they are. */
const PLAIN = /^[A-Za-z0-9._*-]*$/;
const HEX_LOWER = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const HEX_UPPER = HEX_LOWER.map((h) => h.toUpperCase());

/** The forms long enough to scrub, each once, in their first order. */
function keep(forms: readonly string[], min = MIN_FORM_LENGTH): string[] {
  return [...new Set(forms.filter((form) => form.length >= min))];
}

/**
 * LOGIN's prompts, "Username:" and "Password:" in base64, are the encoded text a reply most often holds: a secret
 * holding one of those words shares a run with them ("mypassword" and UGFzc3dvcmQ6 share GFzc3dvcmQ). A piece of an
 * encoded form shorter than 12 characters that lies inside one of them is the prompt, not an echo.
 */
const LOGIN_PROMPTS = ['VXNlcm5hbWU6', 'UGFzc3dvcmQ6', 'dXNlcm5hbWU6', 'cGFzc3dvcmQ6'];
const PROMPT_SHARED_RUN = 12;

/**
 * A short piece of a readable form that reads as ordinary words — lower-case, Capitalised or UPPER-CASE words
 * separated by spaces or prose punctuation — may be words of the reply itself (" password:", "Accepted"): a user
 * whose password contains one must still get Gmail's reply intact, because the reply text is what names the cause.
 * Digits, symbols, control or non-ASCII characters, a capital inside a word ("BatteryStaple"), or length make it an
 * echo. Whole forms are always scrubbed.
 */
const WORD_LIKE_PIECE =
  /^(?=.{1,15}$)[ .,:;'"()!?-]*(?:[A-Z]?[a-z]+|[A-Z]+)(?:[ .,:;'"()!?-]+(?:[A-Z]?[a-z]+|[A-Z]+))*[ .,:;'"()!?-]*$/;

const LONG_FORM = 4096;
const LONG_FORM_STRIDE = 8;

/** Control characters a server may slip between the characters of an echo (NUL every few bytes): never prose. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const FILLER = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * A letter or digit, or a joiner inside a word ("lab.test", "alice@x", "app-password"): a weak secret found next to
 * one of these is part of a longer token, not the secret. "=" and ":" join nothing: "password=test" is an echo.
 */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const JOINER = /[.@\-+/\\'’]/;
/** A span that is one word of letters: what a standard reply's word can be (never an encoded form). */
const WHOLE_WORD = /^\p{L}+$/u;

/** How a registered string is matched: anywhere and in pieces, anywhere whole, or only as a whole token. */
type FormKind = 'exact' | 'readable' | 'encoded' | 'token';

type Entry = { secret: string; weak: boolean } | { form: string; kind: FormKind };

/**
 * Whether the token at [start, end) of a server's text stands in the server's own standard wording (a known reply
 * says these words around it): then it is the server's word, not an echo of a weak secret that happens to be a word.
 */
export type StandardWording = (text: string, start: number, end: number) => boolean;

/** Options of one scrub. */
export interface ScrubOptions {
  /**
   * Only the strong secrets and the long exact strings: what our own prose may be scrubbed with, since their forms
   * never read as words. A weak secret's token is left alone.
   */
  strongOnly?: boolean;
}

/**
 * Removes registered strings from text: whole, and for a strong secret's forms any piece of MIN_FRAGMENT_LENGTH or
 * more; a weak secret's forms only where they stand as whole tokens. A scrub costs time linear in the text and in the
 * registered forms, however many secrets there are and however many of them the text holds: the text's windows are
 * indexed once and every form is looked up in that index.
 */
export class FormScrubber {
  /** What was registered, in order: a secret (all its forms) or one string of a kind. */
  readonly #entries: Entry[] = [];
  readonly #registered = new Set<string>();
  /** The forms of every entry when there are few, built on the first scrub after a registration. */
  #forms: [string, FormKind][] | undefined;
  #longestBound = 0;
  #standardWording: StandardWording | undefined;
  /** Texts already scrubbed since the last registration, with their results. */
  readonly #memo = new Map<string, string>();
  #memoChars = 0;
  /** The strong secrets with their ASCII letters folded, scrubbed from the text with its letters folded. */
  #folded: FormScrubber | undefined;

  constructor(private readonly replacement: string) {}

  /**
   * Leaves a weak secret's token alone where it is a word of a server's standard reply ("Application-specific password
   * required" when the password is "password"): the same words come whatever the password, so they reveal nothing, and
   * taking them out would hide the reply's meaning from the diagnosis. A strong secret is never a standard word.
   */
  keepStandardWording(isStandard: StandardWording): void {
    this.#standardWording = isStandard;
    this.#memo.clear();
    this.#memoChars = 0;
  }

  /** How many different strings are scrubbed whole. */
  get size(): number {
    return new Set(this.#all().map(([form]) => form)).size;
  }

  /** Every registered form with its kind: kept when there are few. */
  #all(): [string, FormKind][] {
    if (this.#entries.length > KEPT_ENTRIES) return this.#entries.flatMap((e) => formsOf(e, false));
    this.#forms ??= this.#entries.flatMap((e) => formsOf(e, true));
    return this.#forms;
  }

  /** Registers every form of a secret. */
  addSecret(value: string): void {
    if (value.length === 0) return;
    const weak = isWeakSecret(value);
    this.#register(`secret\0${value}`, { secret: value, weak });
    // A strong secret in any mix of cases ("hUnTeR2"): its letters folded, matched in the text with its letters folded.
    if (!weak) {
      this.#folded ??= new FormScrubber(this.replacement);
      this.#folded.add(asciiLower(value), 'readable');
    }
  }

  /**
   * Registers one string. `exact` (the default) scrubs it only whole: a wire line such as "AUTH PLAIN <blob>" has
   * pieces ("AUTH PLAIN ") that are no secret; one shorter than MIN_FRAGMENT_LENGTH only as a whole token. `readable`
   * and `encoded` forms of a secret are scrubbed in pieces too.
   */
  add(form: string, kind: Exclude<FormKind, 'token'> = 'exact'): void {
    if (form.length < MIN_FORM_LENGTH) return;
    const as: FormKind = kind === 'exact' && form.length < MIN_FRAGMENT_LENGTH ? 'token' : kind;
    this.#register(`${as}\0${form}`, { form, kind: as });
  }

  /**
   * Registers what we sent in place of a secret (an AUTH line and its blob): the line whole, and each blob in it —
   * as sent and URL-safe whole, base64-encoded again in pieces too. A server that echoes only the blob, or its decoding
   * re-encoded, echoes the secret even when the secret itself is too weak to be taken out of base64 by its forms.
   */
  addSent(wire: string): void {
    this.add(wire);
    const parts = wire.split(' ');
    // "AUTH OAUTHBEARER <blob>": the verb and the mechanism's name are protocol words, not the secret — registered,
    // they would turn every later "OAUTHBEARER" (our transcript, a server's 504) into the placeholder.
    const words = parts[0]?.toUpperCase() === 'AUTH' ? parts.slice(2) : parts;
    for (const part of words) {
      if (part.length < MIN_FRAGMENT_LENGTH) continue;
      // Whole: a piece of a blob may encode only its known part ("auth=Bearer "), which a server's own base64 (an
      // XOAUTH2 error challenge) shares. Encoded again, its pieces are an echo: no server writes base64 of base64.
      this.add(part);
      this.add(part.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
      for (const form of base64Alignments(Buffer.from(part, 'latin1'))) this.add(form, 'encoded');
    }
  }

  /**
   * Registers the login data's standard encodings, whatever mechanism carried them: a server may echo the PLAIN blob
   * of the same user and secret (with or without the authorization identity, or "user\0secret") even when we logged in
   * with LOGIN and never sent it, and LOGIN's base64 of the secret alone. Each is registered as sent (whole, URL-safe,
   * and in pieces encoded again): a weak secret's base64 inside a blob is no whole token, so its forms would miss it.
   */
  addLogin(username: string, secret: string, authzid = ''): void {
    if (secret.length === 0) return;
    const blobs = new Set([`${authzid}\0${username}\0${secret}`, `\0${username}\0${secret}`, `${username}\0${secret}`]);
    for (const blob of blobs) this.addSent(Buffer.from(blob, 'utf8').toString('base64'));
    this.addSent(Buffer.from(secret, 'utf8').toString('base64'));
  }

  scrub(text: string, options: ScrubOptions = {}): string {
    if (this.#entries.length === 0 || text.length === 0) return text;
    const strongOnly = options.strongOnly === true;
    // A session's reply reaches the report by several paths (evidence, transcript, a finding's quote): each text is
    // scrubbed once. Results hold until the next registration; short texts only, and a bounded number of them.
    const key = text.length <= MEMO_TEXT ? `${strongOnly ? '1' : '0'}${text}` : undefined;
    const known = key === undefined ? undefined : this.#memo.get(key);
    if (known !== undefined) return known;
    const spans = this.#spans(text, strongOnly);
    const out = spans.length === 0 ? text : replaceRuns(text, spans, this.replacement);
    if (key !== undefined) {
      this.#memoChars += key.length + out.length;
      if (this.#memoChars > MEMO_CHARS) {
        this.#memo.clear();
        this.#memoChars = key.length + out.length;
      }
      this.#memo.set(key, out);
    }
    return out;
  }

  /**
   * The lines of one reply (or one message) scrubbed as one text: a secret the server split across two lines, its
   * first half at the end of one line and the rest after the next line's reply code, is taken out of both.
   * `textStart(line)`: where the line's own text begins (after "535-5.7.8 ").
   */
  scrubLines(lines: readonly string[], textStart: (line: string) => number = () => 0): string[] {
    if (this.#entries.length === 0 || lines.length === 0) return [...lines];
    const spans = lines.map((line) => this.#spans(line, false));
    // Where a line alone holds a secret in base64: a run read across a junction there is the server's next word
    // glued to an echo the line already shows whole ("250-mx hello" before "250-X-LAST <base64>").
    const ownBase64 = lines.map((line) => this.#base64Spans(line, false, true));
    const reach = Math.min(JUNCTION_REACH, this.#longest() + 1);
    for (let i = 0; i + 1 < lines.length; i++) {
      const a = lines[i] ?? '';
      const b = lines[i + 1] ?? '';
      const textAt = Math.min(b.length, Math.max(0, textStart(b)));
      const tailFrom = Math.max(0, a.length - reach);
      const tail = a.slice(tailFrom);
      // The rest may follow the next line's reply code, or its first word too: an EHLO line's keyword ("X-LAST er2").
      const keyword = /^\S+[ \t]+(?=\S)/.exec(b.slice(textAt, textAt + reach))?.[0].length ?? 0;
      for (const bStart of keyword > 0 ? [textAt, textAt + keyword] : [textAt]) {
        const head = b.slice(bStart, bStart + reach);
        const headCut = bStart + reach < b.length;
        // Read as one text, and with a space between: a secret spelled out or dumped in spaced hex ("p a s s" and
        // "w o r d") lost the space the line break stood for.
        for (const gap of JUNCTION_GAPS) {
          const joined = tail + gap + head;
          const headAt = tail.length + gap.length;
          // Only a run that holds a secret whole: one that holds a piece reads the next line's word as more base64.
          const runs = this.#base64Spans(joined, false, true).filter(
            ([start, end]) =>
              !covered(ownBase64[i] ?? [], tailFrom + start, a.length) &&
              !(end > headAt && covered(ownBase64[i + 1] ?? [], bStart, bStart + end - headAt)),
          );
          for (const [start, end] of mergeRuns([...this.#spans(joined, false, false), ...runs])) {
            if (start < tail.length && end > headAt) {
              spans[i]?.push([tailFrom + start, a.length]);
              spans[i + 1]?.push([bStart, bStart + end - headAt]);
            } else if (gap === '' && start >= headAt && (end < joined.length || !headCut)) {
              // Inside the next line, found only with this one before it: a URL path segment whose "://" is above.
              spans[i + 1]?.push([bStart + start - headAt, bStart + end - headAt]);
            } else if (gap === '' && end <= tail.length && (start > 0 || tailFrom === 0)) {
              spans[i]?.push([tailFrom + start, tailFrom + end]);
            }
          }
        }
      }
    }
    return lines.map((line, i) => {
      const own = mergeRuns(spans[i] ?? []);
      return own.length === 0 ? line : replaceRuns(line, own, this.replacement);
    });
  }

  /**
   * A whole text (a pasted log) scrubbed as scrub() does, and also of a secret split across two lines of one
   * multi-line reply: wherever a line holds a continuation code ("535-"), its end and the text of the next line (after
   * its reply code) are read as one. Linear: the junctions are read in one more pass over a text no longer than
   * twice the longest form per junction.
   */
  scrubAcrossLines(text: string): string {
    if (this.#entries.length === 0 || text.length === 0) return text;
    const spans = this.#spans(text, false);
    const reach = Math.min(JUNCTION_REACH, this.#longest() + 1);
    // Each junction as a segment of one view: [view start, text start of the tail, tail length, text start of head,
    // length of the gap between them] — once as one text, once with a space for the line break.
    const segments: [number, number, number, number, number][] = [];
    let view = '';
    for (let from = 0; from < text.length;) {
      const newline = text.indexOf('\n', from);
      if (newline === -1) break;
      const next = text.indexOf('\n', newline + 1);
      const nextEnd = next === -1 ? text.length : next;
      if (CONTINUATION.test(text.slice(from, Math.min(newline, from + LINE_CODE_REACH)))) {
        const start = text.slice(newline + 1, Math.min(nextEnd, newline + 1 + LINE_CODE_REACH)).match(REPLY_START);
        if (start?.index !== undefined) {
          const tailFrom = Math.max(from, newline - reach);
          const headFrom = newline + 1 + start.index + start[0].length;
          for (const gap of JUNCTION_GAPS) {
            segments.push([view.length, tailFrom, newline - tailFrom, headFrom, gap.length]);
            view += `${text.slice(tailFrom, newline)}${gap}${text.slice(headFrom, Math.min(nextEnd, headFrom + reach))}\n`;
          }
        }
      }
      from = newline + 1;
    }
    if (segments.length > 0)
      for (const [start, end] of this.#spans(view, false)) {
        // The segment of the span: the last that starts at or before it (segments are in view order).
        let lo = 0;
        let hi = segments.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((segments[mid]?.[0] ?? 0) <= start) lo = mid;
          else hi = mid - 1;
        }
        const [at, tailFrom, tailLength, headFrom, gap] = segments[lo] ?? [0, 0, 0, 0, 0];
        const junction = at + tailLength;
        if (start >= junction || end <= junction + gap) continue;
        spans.push([tailFrom + start - at, tailFrom + tailLength], [headFrom, headFrom + end - junction - gap]);
      }
    const split = this.#splitPlainSpans(text);
    spans.push(...split, ...this.#repeatedPieces(text, mergeRuns([...spans])));
    const merged = mergeRuns(spans);
    return merged.length === 0 ? text : replaceRuns(text, merged, this.replacement);
  }

  /**
   * A secret as typed, split over any two lines of a paste: its first part a whole token at the end of one line (3
   * characters or more, or half of it), and the next line — after its reply code, if it has one — starting with the
   * rest; and a strong secret's first 4 characters or more, a whole token ending a line, even without the rest (a log
   * that quoted only the reply's first line), unless they read as words. Linear: each line's last token is looked up
   * among the secrets that start with its first two characters.
   */
  #splitPlainSpans(text: string): [number, number][] {
    const byStart = new Map<string, { secret: string; weak: boolean }[]>();
    let longest = 0;
    for (const e of this.#entries) {
      if (!('secret' in e) || e.secret.length < 2) continue;
      longest = Math.max(longest, e.secret.length);
      const key = e.secret.slice(0, 2);
      const list = byStart.get(key);
      if (list) list.push(e);
      else byStart.set(key, [e]);
    }
    const spans: [number, number][] = [];
    if (byStart.size === 0) return spans;
    // Every line end: each newline, and the end of the text (a last line without one).
    for (let end = text.indexOf('\n'), done = false; !done; end = text.indexOf('\n', end + 1)) {
      if (end === -1) [end, done] = [text.length, true];
      const lineEnd = end > 0 && text[end - 1] === '\r' ? end - 1 : end;
      let start = lineEnd;
      // A token no longer than the longest secret (a first part is shorter than its secret).
      const reach = Math.min(JUNCTION_REACH, longest);
      while (start > 0 && lineEnd - start < reach && !/\s/.test(text[start - 1] ?? ' ')) start--;
      // The token may start inside the run ("credentials=hun"): each start from the run's first character on.
      for (let from = start; lineEnd - from >= 2; from++) {
        if (!isWholeToken(text, from, lineEnd, this.replacement)) continue;
        const candidates = byStart.get(text.slice(from, from + 2));
        if (!candidates) continue;
        const token = text.slice(from, lineEnd);
        const next = text.indexOf('\n', end + 1);
        const nextLine = text.slice(end + 1, next === -1 ? text.length : next);
        const code = /^\s*(?:[2-5]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?)?/.exec(nextLine)?.[0].length ?? 0;
        for (const { secret, weak } of candidates) {
          if (!secret.startsWith(token) || token.length >= secret.length) continue;
          const rest = secret.slice(token.length);
          const headFrom = end + 1 + code;
          if (
            (token.length >= 3 || 2 * token.length >= secret.length) &&
            text.startsWith(rest, headFrom) &&
            isWholeToken(text, from, headFrom + rest.length, this.replacement) &&
            !WORD_CHAR.test(text[headFrom + rest.length] ?? '')
          ) {
            spans.push([from, lineEnd], [headFrom, headFrom + rest.length]);
            break;
          }
          if (!weak && token.length >= 4 && !WORD_LIKE_PIECE.test(token)) {
            spans.push([from, lineEnd]);
            break;
          }
        }
      }
    }
    return spans;
  }

  /**
   * The pieces of a secret found split over two lines (already in `spans`), wherever else the text holds them as
   * whole tokens: a log that quotes the reply's first line again ("Error: Invalid login: 535 … hun") repeats the piece.
   * Only pieces of 2 characters or more that are not already inside a span.
   */
  #repeatedPieces(text: string, spans: readonly [number, number][]): [number, number][] {
    const pieces = new Set<string>();
    for (let i = 0; i < spans.length; i++) {
      const [start, end] = spans[i] ?? [0, 0];
      // A piece split off a secret: a span that ends a line or starts one (after its reply code).
      if (end - start < 2 || end - start > JUNCTION_REACH) continue;
      const endsLine = text[end] === '\n' || (text[end] === '\r' && text[end + 1] === '\n');
      const startsLine = /\n[^\n]{0,24}$/.test(text.slice(Math.max(0, start - 25), start));
      if (endsLine || startsLine) pieces.add(text.slice(start, end));
    }
    const out: [number, number][] = [];
    if (pieces.size === 0 || pieces.size > MAX_REPEATED_PIECES) return out;
    for (const piece of pieces)
      for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1))
        if (isWholeToken(text, at, at + piece.length, this.replacement)) out.push([at, at + piece.length]);
    return out;
  }

  /**
   * At least the longest registered form: how far a secret split across two lines can reach into either. A form is
   * at most FORM_GROWTH characters per UTF-8 byte of its secret (an HTML entity per character, base64 twice).
   */
  #longest(): number {
    return this.#longestBound;
  }

  /** The spans of `text` to take out, sorted and merged; also those hidden behind control characters. */
  #spans(text: string, strongOnly: boolean, base64 = true): [number, number][] {
    const spans = this.#unfilledSpans(text, strongOnly);
    // Case-folded, when few strong secrets are registered (a paste of thousands reads each line once more otherwise).
    const folded = this.#folded;
    if (folded !== undefined && folded.#entries.length <= KEPT_ENTRIES && /[A-Z]/.test(text))
      spans.push(...folded.#plainSpans(asciiLower(text), false));
    // Matched again with every escape decoded: a server escapes whichever characters it likes (%27 or ', &#119; or
    // w), and a form built with one choice leaves the rest of another's as a tail. Decoded, every choice reads alike.
    const decoded = decodeEscapes(text);
    if (decoded !== undefined)
      for (const [start, end] of this.#unfilledSpans(decoded.view, strongOnly))
        spans.push([decoded.from[start] ?? 0, decoded.to[end - 1] ?? 0]);
    if (base64) spans.push(...this.#base64Spans(text, strongOnly));
    return mergeRuns(spans);
  }

  /** The spans of the text, and those hidden behind control characters (NUL every few bytes), mapped back. */
  #unfilledSpans(text: string, strongOnly: boolean): [number, number][] {
    const spans = this.#plainSpans(text, strongOnly);
    if (!FILLER.test(text)) return spans;
    const at: number[] = [];
    let stripped = '';
    for (let i = 0; i < text.length; i++) {
      if (FILLER.test(text[i] ?? '')) continue;
      at.push(i);
      stripped += text[i] ?? '';
    }
    for (const [start, end] of this.#plainSpans(stripped, strongOnly))
      spans.push([at[start] ?? 0, (at[end - 1] ?? 0) + 1]);
    return spans;
  }

  /**
   * The base64 runs of the text whose decoding holds a secret: a strong one anywhere (base64 of a prefix, the
   * secret and a suffix, at any offset), a weak one as a field (between control characters, spaces, "=" or ":" and
   * the ends). Quotes are no field bounds: JSON a server encoded ({"status":…}) holds ordinary words, and is evidence.
   * `wholeOnly`: only runs whose decoding holds a secret whole (not one of its forms' pieces).
   */
  #base64Spans(text: string, strongOnly: boolean, wholeOnly = false): [number, number][] {
    const secrets = this.#entries.filter(
      (e): e is { secret: string; weak: boolean } => 'secret' in e && !(strongOnly && e.weak),
    );
    if (secrets.length === 0 || text.length < 8) return [];
    const spans: [number, number][] = [];
    let work = BASE64_SECRET_WORK;
    for (const run of base64Runs(text)) {
      work -= (run.end - run.start) * secrets.length;
      if (work < 0) break;
      const holds = secrets.some(({ secret, weak }) => {
        const bytes = Buffer.from(secret, 'utf8');
        const folded = Buffer.from(secret.toLowerCase(), 'utf8');
        return run.decoded.some((d) =>
          weak ? holdsWeak(d, bytes) || holdsWeak(lowerAscii(d), folded) : d.includes(bytes),
        );
      });
      // Decoded, the run may hold a form of a strong secret rather than the secret (its hex, upper case, reversed, JSON
      // \u escapes…): base64 of an echo is an echo too. Only strong forms: a weak one is an ordinary word in a server's
      // own base64. Only decodings that read as text: an echo form is text, and reading every long word of a reply
      // decoded at four offsets as if it were one cost a check more CPU than all else it does.
      if (
        holds ||
        (!wholeOnly &&
          run.decoded.some((d) => readsAsText(d, true) && this.#spans(d.toString('utf8'), true, false).length > 0))
      )
        spans.push([run.start, run.end]);
    }
    return spans;
  }

  #plainSpans(text: string, strongOnly: boolean): [number, number][] {
    const index = new WindowIndex(text, MIN_FRAGMENT_LENGTH);
    const forms = this.#relevant(index, strongOnly);
    const whole = wholeFormSpans(text, forms.sorted, index, this.replacement);
    const isStandard = this.#standardWording;
    const spans =
      isStandard === undefined || !this.#hasWeakSecret()
        ? whole
        : whole.filter(([start, end]) => !(WHOLE_WORD.test(text.slice(start, end)) && isStandard(text, start, end)));
    if (forms.encoded.length === 0 && forms.readable.length === 0) return spans;
    const prompts = promptStarts(text);
    spans.push(
      ...runsOf(index, text.length, forms.encoded).filter(
        ([start, end]) => end - start >= PROMPT_SHARED_RUN || !insidePrompt(prompts, start, end),
      ),
      ...runsOf(index, text.length, forms.readable).filter(
        ([start, end]) => !WORD_LIKE_PIECE.test(text.slice(start, end)),
      ),
    );
    return spans;
  }

  #hasWeakSecret(): boolean {
    return this.#entries.some((e) => 'secret' in e && e.weak);
  }

  #register(key: string, entry: Entry): void {
    if (this.#registered.has(key)) return;
    this.#registered.add(key);
    this.#entries.push(entry);
    const bound = 'form' in entry ? entry.form.length : FORM_GROWTH * (Buffer.byteLength(entry.secret) + 2);
    this.#longestBound = Math.max(this.#longestBound, bound);
    this.#forms = undefined;
    this.#memo.clear();
    this.#memoChars = 0;
  }

  /**
   * The forms that can take something out of the indexed text — those shorter than a window, and those with a window
   * the text holds: the others find nothing, so leaving them out changes nothing. Longest first, and in the order
   * registered among equal lengths, each with whether it is taken only as a whole token (a string registered both
   * ways is taken anywhere); and those scrubbed in pieces by kind. A few secrets' forms are built once and kept (a
   * session scrubs every line with them); many secrets' forms are built at each scrub and only the few that matter
   * are kept.
   */
  #relevant(index: WindowIndex, strongOnly: boolean): RegisteredForms {
    const byLength = new Map<number, Map<string, boolean>>();
    const readable: string[] = [];
    const encoded: string[] = [];
    const push = (form: string, kind: FormKind): void => {
      if (strongOnly && kind === 'token') return;
      if (!mayOccur(form, index)) return;
      let bucket = byLength.get(form.length);
      if (!bucket) byLength.set(form.length, (bucket = new Map<string, boolean>()));
      bucket.set(form, (bucket.get(form) ?? true) && kind === 'token');
      if (kind === 'readable') readable.push(form);
      else if (kind === 'encoded') encoded.push(form);
    };
    if (this.#entries.length <= KEPT_ENTRIES) for (const [form, kind] of this.#all()) push(form, kind);
    else for (const entry of this.#entries) for (const [form, kind] of formsOf(entry, false)) push(form, kind);
    const sorted = [...byLength.keys()]
      .sort((a, b) => b - a)
      .flatMap((length) => [...(byLength.get(length) ?? new Map<string, boolean>())]);
    return { sorted, readable, encoded };
  }
}

/** Texts up to this long are remembered with their scrubbed form, up to MEMO_CHARS characters in all. */
const MEMO_TEXT = 4096;
const MEMO_CHARS = 1 << 18;

/** How many run characters times secrets one scrub may compare in decoded base64 runs. */
const BASE64_SECRET_WORK = 1 << 22;

/** A byte that bounds a field before a weak secret in decoded bytes: none, a control byte, a space, "=" or ":". */
function opensField(b: number | undefined): boolean {
  return b === undefined || b < 0x21 || b === 0x3d || b === 0x3a || b === 0x7f;
}

/** A byte that ends a field after a weak secret: none, a control byte or a space. */
function closesField(b: number | undefined): boolean {
  return b === undefined || b < 0x21 || b === 0x7f;
}

/** The decoded bytes hold `secret` as a field of its own ("\0user\0secret", "pass=secret"). */
/** ASCII letters lower-cased, every other character as it is: the same length, so spans map back one to one. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** ASCII letters lower-cased, other bytes as they are: a case-folded echo's bytes compared with the folded secret's. */
function lowerAscii(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const b = out[i] ?? 0;
    if (b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
  }
  return out;
}

function holdsField(decoded: Buffer, secret: Buffer): boolean {
  for (let at = decoded.indexOf(secret); at !== -1; at = decoded.indexOf(secret, at + 1))
    if (opensField(decoded[at - 1]) && closesField(decoded[at + secret.length])) return true;
  return false;
}

/**
 * The decoded bytes hold a weak secret as a field, or anywhere inside a line of text that is no challenge a server
 * writes of its own accord: a server that base64-encodes text quoting the password ("xpassword was refused") echoes
 * it glued to whatever came before. Random bytes rarely read as text, so an ordinary word of a reply that happens to
 * be base64's alphabet is not taken for one; LOGIN's prompts, a JSON error challenge (XOAUTH2's "status" and "scope"),
 * DIGEST-MD5's and CRAM-MD5's challenges hold words of their own and stay evidence.
 */
function holdsWeak(decoded: Buffer, secret: Buffer): boolean {
  if (holdsField(decoded, secret)) return true;
  if (secret.length < 2 || decoded.indexOf(secret) === -1 || !readsAsText(decoded)) return false;
  const text = decoded.toString('latin1');
  return !SERVER_CHALLENGE.test(text) || (text.startsWith('{') && holdsJsonValue(text, secret.toString('latin1')));
}

/**
 * A JSON challenge holds the secret as the whole string value of a field of its own ({"token":"gmail"}): an echo. The
 * fields RFC 7628 and Google define for the error challenge (status, schemes, scope) hold the server's own words.
 */
function holdsJsonValue(text: string, secret: string): boolean {
  for (let at = text.indexOf(`"${secret}"`); at !== -1; at = text.indexOf(`"${secret}"`, at + 1)) {
    const key = /"([^"\\]*)"\s*:\s*$/.exec(text.slice(Math.max(0, at - 64), at))?.[1];
    if (key !== undefined && !CHALLENGE_FIELDS.has(key.toLowerCase())) return true;
  }
  return false;
}

const CHALLENGE_FIELDS: ReadonlySet<string> = new Set(['status', 'schemes', 'scope']);

/**
 * Valid UTF-8 with no control character but tabs and line ends (and NULs, with `nul`): what base64 of a line of text
 * (or of a SASL blob) decodes to. Random bytes almost never do: a word of a reply that happens to be base64's alphabet
 * decodes to such bytes.
 */
function readsAsText(bytes: Buffer, nul = false): boolean {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && !(nul && b === 0)) || b === 0x7f) return false;
      i += 1;
      continue;
    }
    // A UTF-8 sequence: its lead byte's length, each continuation byte 10xxxxxx, no overlong or surrogate form.
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return false;
    const second = bytes[i + 1] ?? 0;
    const [low, high] =
      b === 0xe0
        ? [0xa0, 0xbf]
        : b === 0xed
          ? [0x80, 0x9f]
          : b === 0xf0
            ? [0x90, 0xbf]
            : b === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    if (second < low || second > high) return false;
    for (let k = 2; k < n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    i += n;
  }
  return true;
}

/** A server's own challenge text: LOGIN's prompts, a JSON object, CRAM-MD5's <id@host>, DIGEST-MD5's and SCRAM's fields. */
const SERVER_CHALLENGE = /^(?:(?:user ?name|password):?\s*$|\{[\s\S]*\}\s*$|<[^<>]*>\s*$|[\s\S]*\bnonce=|r=[^,]*,s=)/i;

/** Up to this many registrations, their forms are built once and kept (with every echo form). */
const KEPT_ENTRIES = 64;

/** A secret's longest form, in characters per UTF-8 byte of the secret (bounds #longest). */
const FORM_GROWTH = 10;

/** At most this many different split pieces are looked for again in a paste (each costs a pass over it). */
const MAX_REPEATED_PIECES = 32;

/** What the break between two lines of a reply may have stood for: nothing, or a space. */
const JUNCTION_GAPS = ['', ' '];

/** How far into each of two lines a secret split between them is looked for. */
const JUNCTION_REACH = 1024;
/** A line that holds a reply code followed by "-" (before its end) continues a multi-line reply. */
const CONTINUATION = /(?:^|[^0-9])[2-5]\d\d-/;
/** Where the next line's reply text begins: after its code and enhanced code. */
const REPLY_START = /(?:^|[^0-9])[2-5]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?/;
/** How far into a line its reply code is looked for (log prefixes, "reply: b'"). */
const LINE_CODE_REACH = 80;

/** Every form of a registration, with its kind: a weak secret's forms are whole tokens only, of any length. */
function formsOf(entry: Entry, echoes: boolean): [string, FormKind][] {
  if ('form' in entry) return [[entry.form, entry.kind]];
  if (entry.weak) {
    const { readable, encoded } = weakForms(entry.secret, echoes);
    return [...new Set([...readable, ...encoded])].map((form): [string, FormKind] => [form, 'token']);
  }
  const forms = secretFormsByKind(entry.secret, echoes);
  return [
    ...forms.readable.map((form): [string, FormKind] => [form, 'readable']),
    ...forms.encoded.map((form): [string, FormKind] => [form, 'encoded']),
  ];
}

/**
 * A weak secret's forms, down to a single character (a whole token of one character is still the secret), with its
 * case-folded copies as whole tokens too ("PA" for "Pa": a server that folds case echoes it so); a single character
 * without them.
 */
function weakForms(value: string, echoes: boolean): { readable: string[]; encoded: string[] } {
  const forms = secretFormsByKind(value, echoes, 1);
  if (Array.from(value).length > 1) return forms;
  // One character only as typed: "C" (the case-folded "c") is the client mark of every transcript.
  const folded = new Set([value.toUpperCase(), value.toLowerCase(), swapCase(value)]);
  folded.delete(value);
  return { readable: forms.readable.filter((f) => !folded.has(f)), encoded: forms.encoded };
}

/** The form is shorter than a window, or the text holds (by hash) one of its windows. */
function mayOccur(form: string, index: WindowIndex): boolean {
  return form.length < MIN_FRAGMENT_LENGTH || index.maySomeWindowOf(form);
}

interface RegisteredForms {
  /** Longest first: each form, and whether it is taken only as a whole token. */
  sorted: [string, boolean][];
  readable: string[];
  encoded: string[];
}

/**
 * [start, end) of `text` stands as a whole token: no letter or digit (or a joiner followed by one) touches it on
 * either side, and it is not the inside of a redaction marker already there.
 */
function isWholeToken(text: string, start: number, end: number, replacement: string): boolean {
  if (start > 0 && text[start - 1] === replacement[0] && text.startsWith(replacement, start - 1)) return false;
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) return false;
  if (JOINER.test(before) && WORD_CHAR.test(text[start - 2] ?? '') && joins(text, start - 1)) return false;
  if (JOINER.test(after) && WORD_CHAR.test(text[end + 1] ?? '') && joins(text, end)) return false;
  return true;
}

/** A reply code standing alone just before a "-": at the start, or after a space or a log's prefix ("S: ", "<~ "). */
const REPLY_CODE_BEFORE = /(?:^|[^\p{L}\p{N}_.-])[2-5]\d\d$/u;

/** How far back the scheme of a URL is looked for from a "/" in it. */
const URL_REACH = 512;

/**
 * The joiner at `at` makes one token of its neighbours. A "/" inside a URL does not: it separates path segments, and a
 * weak secret that is a whole segment ("https://lab.test/gmail") is a token, as is a query value after "=". A "/"
 * elsewhere ("text/plain", base64) still joins. Nor does the "-" of a multi-line reply's code ("220-password").
 */
function joins(text: string, at: number): boolean {
  // The "-" after a multi-line reply's code ("220-", "334-") ends the code: the line's text starts after it.
  if (text[at] === '-') return !REPLY_CODE_BEFORE.test(text.slice(Math.max(0, at - 4), at));
  if (text[at] !== '/') return true;
  for (let i = at - 1; i >= Math.max(0, at - URL_REACH); i--) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) return true;
    if (c === ':' && text.startsWith('//', i + 1)) return false;
  }
  return true;
}

/**
 * The spans of every occurrence of the forms (sorted longest first), as if each form in turn were split out of what
 * the longer ones left: an occurrence overlapping one of a longer form is gone, and a form's occurrences are taken
 * left to right without overlapping each other. A token-only form counts only where it stands as a whole token.
 */
function wholeFormSpans(
  text: string,
  sorted: readonly [string, boolean][],
  index: WindowIndex,
  replacement: string,
): [number, number][] {
  const n = MIN_FRAGMENT_LENGTH;
  const short = shortFormPositions(
    text,
    sorted.map(([f]) => f).filter((f) => f.length < n),
  );
  // Spans taken so far; each taken span is at least as long as the one being tried (longest first), so a span
  // overlaps a taken one exactly when its first or last character is taken.
  const taken = new Uint8Array(text.length);
  const spans: [number, number][] = [];
  for (const [form, tokenOnly] of sorted) {
    let lastEnd = 0;
    const take = (p: number): void => {
      const end = p + form.length;
      if (p < lastEnd || taken[p] === 1 || taken[end - 1] === 1) return;
      if (tokenOnly && !isWholeToken(text, p, end, replacement)) return;
      taken.fill(1, p, end);
      spans.push([p, end]);
      lastEnd = end;
    };
    if (form.length < n) {
      for (const p of short.get(form) ?? []) take(p);
      continue;
    }
    const anchor = windowHash(form, 0, n);
    if (!index.mayHold(anchor)) continue;
    index.eachPosition(
      form.slice(0, n),
      (p) => {
        if (text.startsWith(form, p)) take(p);
      },
      anchor,
    );
  }
  return spans;
}

/** Where each form shorter than a window occurs in the text, left to right: one rolling pass per length. */
function shortFormPositions(text: string, forms: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const length of new Set(forms.map((f) => f.length))) {
    const byHash = new Map<number, string[]>();
    for (const form of forms) {
      if (form.length !== length) continue;
      const h = windowHash(form, 0, length);
      byHash.set(h, [...(byHash.get(h) ?? []), form]);
    }
    eachWindowHash(text, length, 1, (p, h) => {
      for (const form of byHash.get(h) ?? []) {
        if (!text.startsWith(form, p)) continue;
        const positions = out.get(form);
        if (positions) positions.push(p);
        else out.set(form, [p]);
      }
    });
  }
  return out;
}

/** Where the text holds one of LOGIN's base64 prompts (all of them PROMPT_SHARED_RUN characters long). */
function promptStarts(text: string): Set<number> {
  const starts = new Set<number>();
  for (const prompt of LOGIN_PROMPTS)
    for (let at = text.indexOf(prompt); at !== -1; at = text.indexOf(prompt, at + 1)) starts.add(at);
  return starts;
}

/** The run [start, end) lies inside one of LOGIN's base64 prompts in the text. */
function insidePrompt(prompts: ReadonlySet<number>, start: number, end: number): boolean {
  for (let at = Math.max(0, end - PROMPT_SHARED_RUN); at <= start; at++) if (prompts.has(at)) return true;
  return false;
}

/**
 * One linear pass: the maximal runs of text covered by windows of the forms (every window, or every
 * LONG_FORM_STRIDE-th of a form longer than LONG_FORM: memory and time stay a fraction of the form's, and any piece of
 * MIN_FRAGMENT_LENGTH + STRIDE - 1 characters still holds one of them).
 */
function runsOf(index: WindowIndex, length: number, forms: readonly string[]): [number, number][] {
  const n = MIN_FRAGMENT_LENGTH;
  const runs: [number, number][] = [];
  if (forms.length === 0 || length < n) return runs;
  const hit = new Uint8Array(length - n + 1);
  const marked = new Set<string>();
  for (const form of forms) {
    const stride = form.length > LONG_FORM ? LONG_FORM_STRIDE : 1;
    eachWindowHash(form, n, stride, (j, h) => {
      if (!index.mayHold(h)) return;
      const window = form.slice(j, j + n);
      if (marked.has(window)) return;
      marked.add(window);
      index.eachPosition(window, (p) => (hit[p] = 1), h);
    });
  }
  for (let i = 0; i < hit.length; i++) {
    if (hit[i] !== 1) continue;
    const last = runs.at(-1);
    if (last && i <= last[1]) last[1] = i + n;
    else runs.push([i, i + n]);
  }
  return runs;
}

function mergeRuns(runs: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of runs.sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function replaceRuns(text: string, runs: readonly (readonly [number, number])[], replacement: string): string {
  let out = '';
  let from = 0;
  for (const [start, end] of runs) {
    out += text.slice(from, start) + replacement;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * A copy of plain data (a report, evidence) with every string scrubbed: the last line of defence for text that did
 * not pass through a session's recorder (certificate names, the notes of a session that never held the secret).
 */
export function scrubDeep<T>(value: T, scrubber: FormScrubber, options: ScrubOptions = {}): T {
  if (typeof value === 'string') return scrubber.scrub(value, options) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v, scrubber, options)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, scrubber, options);
    return out as T;
  }
  return value;
}

/** True when [from, to) lies inside one of the spans. */
function covered(spans: readonly (readonly [number, number])[], from: number, to: number): boolean {
  return spans.some(([start, end]) => start <= from && end >= to);
}
