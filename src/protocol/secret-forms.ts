// Secret forms: every way a secret can be written down — plain, escaped, URL, hex, base64 at each byte alignment — and
// the scrubber that takes them, and any long enough piece of them, out of text.
import { eachWindowHash, WindowIndex, windowHash } from './text-windows.js';

/** Shorter strings would scrub ordinary words. */
export const MIN_FORM_LENGTH = 4;

/**
 * A run this long copied out of a secret form is a leak too (a server echoing the tail of a decoded PLAIN blob, a
 * secret cut by a preview). Shorter runs would scrub ordinary words and codes from replies, which are evidence.
 */
export const MIN_FRAGMENT_LENGTH = 8;

/**
 * The forms in which an echo of `value` can show up: as typed, JSON-escaped, URL-encoded, hex, and base64 at each of
 * the three byte alignments (inside a PLAIN or XOAUTH2 blob only the characters that depend on the secret alone).
 */
export function secretForms(value: string): string[] {
  const { readable, encoded } = secretFormsByKind(value);
  return [...new Set([...readable, ...encoded])];
}

/**
 * The same forms, split by how they read: `readable` ones (as typed, escaped) can share words with a server's reply
 * text; `encoded` ones (hex, base64) look random, so any piece of them found in a reply is an echo.
 */
export function secretFormsByKind(value: string): { readable: string[]; encoded: string[] } {
  const bytes = Buffer.from(value, 'utf8');
  // Plain ASCII letters, digits and "-._*" read the same escaped, URL-encoded and form-encoded: no need to encode.
  const plain = PLAIN.test(value);
  const readable = [
    value,
    // A server that folds case (some log or echo the user name and password upper- or lower-cased).
    value.toUpperCase(),
    value.toLowerCase(),
    // As a JSON string or a log line shows it, with quotes and backslashes escaped.
    plain ? value : JSON.stringify(value).slice(1, -1),
    plain ? value : encodeURIComponent(value),
    plain ? value : new URLSearchParams({ v: value }).toString().slice(2),
  ];
  const encoded: string[] = [];
  for (const hex of [HEX_LOWER, HEX_UPPER]) {
    let joined = '';
    let percent = '';
    let colons = '';
    let spaces = '';
    let escapes = '';
    for (let i = 0; i < bytes.length; i++) {
      const h = hex[bytes[i] ?? 0] ?? '';
      joined += h;
      percent += `%${h}`;
      escapes += `\\x${h}`;
      colons += i === 0 ? h : `:${h}`;
      spaces += i === 0 ? h : ` ${h}`;
    }
    // Every byte percent-encoded, and the separated hex dumps of debuggers and logs.
    encoded.push(joined, percent, colons, spaces, escapes);
  }
  const padded = Buffer.alloc(bytes.length + 2);
  bytes.copy(padded, 2);
  for (let offset = 0; offset < 3; offset++) {
    const b64 = padded.subarray(2 - offset).toString('base64');
    // Keep only the characters that depend on the secret alone: drop the group mixed with the prefix and the padded tail.
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    if (offset === 0) encoded.push(b64);
    if (to - from >= 6) encoded.push(b64.slice(from, to));
  }
  return { readable: keep(readable), encoded: keep(encoded) };
}

/** Characters that JSON, encodeURIComponent and form encoding all leave as they are. */
const PLAIN = /^[A-Za-z0-9._*-]*$/;
const HEX_LOWER = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const HEX_UPPER = HEX_LOWER.map((h) => h.toUpperCase());

/** The forms long enough to scrub, each once, in their first order. */
function keep(forms: readonly string[]): string[] {
  const out: string[] = [];
  for (const form of forms) if (form.length >= MIN_FORM_LENGTH && !out.includes(form)) out.push(form);
  return out;
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

/**
 * Removes registered strings from text: whole, and for a secret's forms any piece of MIN_FRAGMENT_LENGTH or more.
 * A scrub costs time linear in the text and in the registered forms, however many secrets there are and however
 * many of them the text holds: the text's windows are indexed once and every form is looked up in that index.
 */
export class FormScrubber {
  /** What was registered, in order: a secret (all its forms) or one string of a kind. */
  readonly #entries: ({ secret: string } | { form: string; kind: FormKind })[] = [];
  readonly #registered = new Set<string>();
  /** The forms of every entry when there are few, built on the first scrub after a registration. */
  #forms: [string, FormKind][] | undefined;

  constructor(private readonly replacement: string) {}

  /** How many different strings are scrubbed whole. */
  get size(): number {
    return new Set(this.#all().map(([form]) => form)).size;
  }

  /** Every registered form with its kind: kept when there are few. */
  #all(): [string, FormKind][] {
    if (this.#entries.length > KEPT_ENTRIES) return this.#entries.flatMap(formsOf);
    this.#forms ??= this.#entries.flatMap(formsOf);
    return this.#forms;
  }

  /** Registers every form of a secret. */
  addSecret(value: string): void {
    this.#register(`secret\0${value}`, { secret: value });
  }

  /**
   * Registers one string. `exact` (the default) scrubs it only whole: a wire line such as "AUTH PLAIN <blob>" has
   * pieces ("AUTH PLAIN ") that are no secret. `readable` and `encoded` forms of a secret are scrubbed in pieces too.
   */
  add(form: string, kind: FormKind = 'exact'): void {
    if (form.length < MIN_FORM_LENGTH) return;
    this.#register(`${kind}\0${form}`, { form, kind });
  }

  scrub(text: string): string {
    if (this.#entries.length === 0) return text;
    const index = new WindowIndex(text, MIN_FRAGMENT_LENGTH);
    const relevant = this.#relevant(index);
    const out = wholeFormsOut(text, relevant.sorted, this.replacement, index);
    // What the whole forms left is read again only when they took something out.
    const outIndex = out === text ? index : new WindowIndex(out, MIN_FRAGMENT_LENGTH);
    const forms = out === text ? relevant : this.#relevant(outIndex);
    if (forms.encoded.length === 0 && forms.readable.length === 0) return out;
    const prompts = promptStarts(out);
    const runs = [
      ...runsOf(outIndex, out.length, forms.encoded).filter(
        ([start, end]) => end - start >= PROMPT_SHARED_RUN || !insidePrompt(prompts, start, end),
      ),
      ...runsOf(outIndex, out.length, forms.readable).filter(
        ([start, end]) => !WORD_LIKE_PIECE.test(out.slice(start, end)),
      ),
    ];
    return runs.length === 0 ? out : replaceRuns(out, mergeRuns(runs), this.replacement);
  }

  #register(key: string, entry: { secret: string } | { form: string; kind: FormKind }): void {
    if (this.#registered.has(key)) return;
    this.#registered.add(key);
    this.#entries.push(entry);
    this.#forms = undefined;
  }

  /**
   * The forms that can take something out of the indexed text — those shorter than a window, and those with a window
   * the text holds: the others find nothing, so leaving them out changes nothing. Longest first, and in the order
   * registered among equal lengths (a form registered twice counts once: its second copy finds nothing the first did
   * not take), and those scrubbed in pieces by kind. A few secrets' forms are built once and kept (a session scrubs
   * every line with them); many secrets' forms are built at each scrub and only the few that matter are kept.
   */
  #relevant(index: WindowIndex): RegisteredForms {
    const byLength = new Map<number, string[]>();
    const readable: string[] = [];
    const encoded: string[] = [];
    const push = (form: string, kind: FormKind): void => {
      if (!mayOccur(form, index)) return;
      const bucket = byLength.get(form.length);
      if (bucket) bucket.push(form);
      else byLength.set(form.length, [form]);
      if (kind === 'readable') readable.push(form);
      else if (kind === 'encoded') encoded.push(form);
    };
    if (this.#entries.length <= KEPT_ENTRIES) for (const [form, kind] of this.#all()) push(form, kind);
    else
      for (const entry of this.#entries) {
        if ('form' in entry) {
          push(entry.form, entry.kind);
          continue;
        }
        const forms = secretFormsByKind(entry.secret);
        for (const form of forms.readable) push(form, 'readable');
        for (const form of forms.encoded) push(form, 'encoded');
      }
    const sorted = [...byLength.keys()].sort((a, b) => b - a).flatMap((length) => byLength.get(length) ?? []);
    return { sorted, readable, encoded };
  }
}

/** Up to this many registrations, their forms are built once and kept. */
const KEPT_ENTRIES = 64;

/** Every form of a registration, with its kind. */
function formsOf(entry: { secret: string } | { form: string; kind: FormKind }): [string, FormKind][] {
  if ('form' in entry) return [[entry.form, entry.kind]];
  const forms = secretFormsByKind(entry.secret);
  return [
    ...forms.readable.map((form): [string, FormKind] => [form, 'readable']),
    ...forms.encoded.map((form): [string, FormKind] => [form, 'encoded']),
  ];
}

/** The form is shorter than a window, or the text holds (by hash) one of its windows. */
function mayOccur(form: string, index: WindowIndex): boolean {
  return form.length < MIN_FRAGMENT_LENGTH || index.maySomeWindowOf(form);
}

type FormKind = 'exact' | 'readable' | 'encoded';

interface RegisteredForms {
  sorted: string[];
  readable: string[];
  encoded: string[];
}

/**
 * Every occurrence of the forms (sorted longest first) replaced, as if each form in turn were split out of what the
 * longer ones left: an occurrence overlapping one of a longer form is gone, and a form's occurrences are taken left to
 * right without overlapping each other.
 */
function wholeFormsOut(text: string, sorted: readonly string[], replacement: string, index: WindowIndex): string {
  const n = MIN_FRAGMENT_LENGTH;
  const short = shortFormPositions(
    text,
    sorted.filter((f) => f.length < n),
  );
  // Spans taken so far; each taken span is at least as long as the one being tried (longest first), so a span
  // overlaps a taken one exactly when its first or last character is taken.
  const taken = new Uint8Array(text.length);
  const spans: [number, number][] = [];
  for (const form of sorted) {
    let lastEnd = 0;
    const take = (p: number): void => {
      const end = p + form.length;
      if (p < lastEnd || taken[p] === 1 || taken[end - 1] === 1) return;
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
  if (spans.length === 0) return text;
  return replaceRuns(
    text,
    spans.sort((a, b) => a[0] - b[0]),
    replacement,
  );
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
export function scrubDeep<T>(value: T, scrubber: FormScrubber): T {
  if (typeof value === 'string') return scrubber.scrub(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v, scrubber)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, scrubber);
    return out as T;
  }
  return value;
}
