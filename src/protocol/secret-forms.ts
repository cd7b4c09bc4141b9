// Secret forms: every way a secret can be written down — plain, escaped, URL, hex, base64 at each byte alignment — and
// the scrubber that takes them, and any long enough piece of them, out of text.

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
function secretFormsByKind(value: string): { readable: string[]; encoded: string[] } {
  const bytes = Buffer.from(value, 'utf8');
  const readable = [
    value,
    // A server that folds case (some log or echo the user name and password upper- or lower-cased).
    value.toUpperCase(),
    value.toLowerCase(),
    // As a JSON string or a log line shows it, with quotes and backslashes escaped.
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
  ];
  const hexBytes = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  const encoded: string[] = [];
  for (const hex of [hexBytes, hexBytes.map((h) => h.toUpperCase())]) {
    encoded.push(
      hex.join(''),
      // Every byte percent-encoded, and the separated hex dumps of debuggers and logs.
      hex.map((h) => `%${h}`).join(''),
      hex.join(':'),
      hex.join(' '),
      hex.map((h) => `\\x${h}`).join(''),
    );
  }
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Keep only the characters that depend on the secret alone: drop the group mixed with the prefix and the padded tail.
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    if (offset === 0) encoded.push(b64);
    if (to - from >= 6) encoded.push(b64.slice(from, to));
  }
  const keep = (forms: string[]): string[] => [...new Set(forms)].filter((f) => f.length >= MIN_FORM_LENGTH);
  return { readable: keep(readable), encoded: keep(encoded) };
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

/** Removes registered strings from text: whole, and for a secret's forms any piece of MIN_FRAGMENT_LENGTH or more. */
export class FormScrubber {
  readonly #forms = new Set<string>();
  /** Every MIN_FRAGMENT_LENGTH-character window of every encoded form: a text window found here is an echo. */
  readonly #encodedWindows = new Set<string>();
  /** The same for readable forms, whose pieces may also be ordinary words (see WORD_LIKE_PIECE). */
  readonly #readableWindows = new Set<string>();
  /** Forms whose windows are in already (kind and form): a secret registered again costs no second pass. */
  readonly #windowed = new Set<string>();
  #sorted: string[] | undefined;

  constructor(private readonly replacement: string) {}

  get size(): number {
    return this.#forms.size;
  }

  /** Registers every form of a secret. */
  addSecret(value: string): void {
    const { readable, encoded } = secretFormsByKind(value);
    for (const form of readable) this.add(form, 'readable');
    for (const form of encoded) this.add(form, 'encoded');
  }

  /**
   * Registers one string. `exact` (the default) scrubs it only whole: a wire line such as "AUTH PLAIN <blob>" has
   * pieces ("AUTH PLAIN ") that are no secret. `readable` and `encoded` forms of a secret are scrubbed in pieces too.
   */
  add(form: string, kind: 'exact' | 'readable' | 'encoded' = 'exact'): void {
    if (form.length < MIN_FORM_LENGTH) return;
    if (!this.#forms.has(form)) {
      this.#forms.add(form);
      this.#sorted = undefined;
    }
    if (kind === 'exact' || this.#windowed.has(`${kind}\0${form}`)) return;
    this.#windowed.add(`${kind}\0${form}`);
    const windows = kind === 'readable' ? this.#readableWindows : this.#encodedWindows;
    // A long form (a token of kilobytes) keeps every STRIDE-th window: memory stays a fraction of the form's, and any
    // piece of MIN_FRAGMENT_LENGTH + STRIDE - 1 characters still holds one of them.
    const stride = form.length > LONG_FORM ? LONG_FORM_STRIDE : 1;
    for (let i = 0; i + MIN_FRAGMENT_LENGTH <= form.length; i += stride)
      windows.add(form.slice(i, i + MIN_FRAGMENT_LENGTH));
  }

  scrub(text: string): string {
    if (this.#forms.size === 0) return text;
    let out = text;
    // Longest first: a shorter form inside a longer one must not leave the longer one's remains behind.
    this.#sorted ??= [...this.#forms].sort((a, b) => b.length - a.length);
    for (const form of this.#sorted) if (out.includes(form)) out = out.split(form).join(this.replacement);
    if (this.#encodedWindows.size === 0 && this.#readableWindows.size === 0) return out;
    const runs = [
      ...runsOf(out, this.#encodedWindows).filter(
        ([start, end]) => end - start >= PROMPT_SHARED_RUN || !insidePrompt(out, start, end),
      ),
      ...runsOf(out, this.#readableWindows).filter(([start, end]) => !WORD_LIKE_PIECE.test(out.slice(start, end))),
    ];
    return runs.length === 0 ? out : replaceRuns(out, mergeRuns(runs), this.replacement);
  }
}

/** The run [start, end) lies inside one of LOGIN's base64 prompts in the text. */
function insidePrompt(text: string, start: number, end: number): boolean {
  return LOGIN_PROMPTS.some((prompt) => {
    for (let at = text.indexOf(prompt, Math.max(0, end - prompt.length)); at !== -1 && at <= start;) {
      if (at + prompt.length >= end) return true;
      at = text.indexOf(prompt, at + 1);
    }
    return false;
  });
}

/** One linear pass: the maximal runs of text covered by windows found in the set. */
function runsOf(text: string, windows: ReadonlySet<string>): [number, number][] {
  const n = MIN_FRAGMENT_LENGTH;
  const runs: [number, number][] = [];
  if (windows.size === 0) return runs;
  for (let i = 0; i + n <= text.length; i++) {
    if (!windows.has(text.slice(i, i + n))) continue;
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

function replaceRuns(text: string, runs: readonly [number, number][], replacement: string): string {
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
