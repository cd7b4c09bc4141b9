// Option checks at the library's door: a wrong type or value is a UsageError naming the option, what it got and what
// it expects — before anything runs, so that a caller's mistake never surfaces as a TypeError deep inside.
import { UsageError } from '../model/errors.js';
import { Secret } from '../model/secret.js';

/** Options as the caller passed them, before they are known to be what the types say. */
export type Raw = Record<string, unknown>;

/** Milliseconds a Node timer can wait: a larger delay fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * What a value is, for a message: its type and, for numbers and short strings, the value itself (escaped, so a
 * control or bidi character cannot reach a terminal). `secret` keeps a string's content out: it may be a password.
 */
export function describeValue(value: unknown, secret = false): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  // A secret put where it does not belong may be a password of any type: its kind is said, never its value.
  if (secret && ['string', 'number', 'bigint', 'boolean'].includes(typeof value)) return `a ${typeof value}`;
  if (typeof value === 'string') {
    return value.length > 60 ? `a string of ${value.length} characters` : `the string ${quote(value)}`;
  }
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (typeof value === 'bigint') return `the bigint ${String(value)}n`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Secret) return 'a Secret';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** JSON quoting with every non-printable-ASCII character escaped. */
function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** Builds the one message shape: "check: port must be a whole number from 1 to 65535, not the string "587x"". */
export class Checker {
  constructor(readonly entry: string) {}

  fail(option: string, value: unknown, expected: string, secret = false): UsageError {
    return new UsageError(`${this.entry}: ${option} must be ${expected}, not ${describeValue(value, secret)}`);
  }

  /** The options object itself (undefined: none); anything else is the caller passing the wrong argument. */
  options(value: unknown, name = 'options'): Raw {
    if (value === undefined) return {};
    if (!isPlainObject(value)) throw this.fail(name, value, 'an object');
    return value;
  }

  /** Rejects keys the entry does not know: a typo (timeout for timeoutMs) would otherwise be ignored in silence. */
  known(options: Raw, keys: readonly string[], where = ''): void {
    for (const key of Object.keys(options)) {
      if (keys.includes(key) || options[key] === undefined) continue;
      const near = keys.find((k) => similar(k, key));
      throw new UsageError(
        `${this.entry}: unknown option ${where}${key}${near ? ` (did you mean ${where}${near}?)` : ''}; known: ${keys.join(', ')}`,
      );
    }
  }

  string(options: Raw, key: string, { empty = false, where = '' } = {}): void {
    const v = options[key];
    if (v === undefined) return;
    if (typeof v !== 'string' || (!empty && v === ''))
      throw this.fail(where + key, v, empty ? 'a string' : 'a non-empty string');
  }

  boolean(options: Raw, key: string): void {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') throw this.fail(key, v, 'true or false');
  }

  integer(options: Raw, key: string, min: number, max: number, what = 'a whole number', where = ''): void {
    const v = options[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw this.fail(where + key, v, `${what} from ${min} to ${max}`);
  }

  /** A time in milliseconds that a timer can wait. */
  milliseconds(options: Raw, key: string, min = 1): void {
    this.integer(options, key, min, MAX_TIMER_MS, 'a whole number of milliseconds');
  }

  oneOf(options: Raw, key: string, values: readonly string[], where = ''): void {
    const v = options[key];
    if (v === undefined) return;
    if (typeof v !== 'string' || !values.includes(v))
      throw this.fail(where + key, v, `one of ${values.map((x) => `"${x}"`).join(', ')}`);
  }

  func(options: Raw, key: string): void {
    const v = options[key];
    if (v !== undefined && typeof v !== 'function') throw this.fail(key, v, 'a function');
  }

  object(options: Raw, key: string, where = ''): Raw | undefined {
    const v = options[key];
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) throw this.fail(where + key, v, 'an object');
    return v;
  }

  /** `{ username, secret, authzid? }` with the secret a Secret: a plain string is refused without quoting it. */
  credentials(options: Raw): void {
    const c = this.object(options, 'credentials');
    if (!c) return;
    this.known(c, ['username', 'secret', 'authzid'], 'credentials.');
    if (typeof c.username !== 'string')
      throw this.fail('credentials.username', c.username, 'a string (the user name to log in as)');
    if (!(c.secret instanceof Secret))
      throw this.fail(
        'credentials.secret',
        c.secret,
        'a Secret (new Secret(password), or new Secret(token, "token") for XOAUTH2)',
        true,
      );
    // new Secret(process.env.SMTP_PASS) with the variable unset: a Secret of undefined, which no login can send.
    const value: unknown = c.secret.reveal();
    if (typeof value !== 'string')
      throw this.fail('credentials.secret', value, 'a Secret of a string (is the variable it was read from unset?)');
    const kind: unknown = c.secret.kind;
    if (kind !== 'password' && kind !== 'token')
      throw this.fail('credentials.secret.kind', kind, '"password" or "token"');
    this.string(c, 'authzid', { empty: true, where: 'credentials.' });
  }

  /**
   * `oauth`: the types of each setting, and a copy with each secret (token, refreshToken, clientSecret) a Secret — a
   * string is taken and wrapped at once; a wrong type is refused without quoting it. How the settings fit together is
   * checked where the CLI's flags are checked too (check/oauth.ts).
   */
  oauth(options: Raw): Raw | undefined {
    const o = this.object(options, 'oauth');
    if (!o) return undefined;
    this.known(o, ['token', 'refreshToken', 'clientId', 'clientSecret', 'tokenUrl', 'tenant', 'scope'], 'oauth.');
    const out: Raw = { ...o };
    for (const key of ['token', 'refreshToken', 'clientSecret'] as const) {
      const v = o[key];
      if (v === undefined) continue;
      const value: unknown = v instanceof Secret ? v.reveal() : v;
      if (typeof value !== 'string' || value === '')
        throw this.fail(
          `oauth.${key}`,
          v instanceof Secret ? value : v,
          'a non-empty string or a Secret of one (is the variable it was read from unset?)',
          true,
        );
      out[key] = new Secret(value, key === 'clientSecret' ? 'password' : 'token');
    }
    for (const key of ['clientId', 'tokenUrl', 'tenant', 'scope'] as const) this.string(o, key, { where: 'oauth.' });
    return out;
  }

  /** `{ from, to: [...] }` for a test message. */
  send(options: Raw): void {
    const s = this.object(options, 'send');
    if (!s) return;
    this.known(s, ['from', 'to'], 'send.');
    if (typeof s.from !== 'string') throw this.fail('send.from', s.from, 'a string (the sender address)');
    if (!Array.isArray(s.to) || s.to.length === 0 || !s.to.every((t) => typeof t === 'string'))
      throw this.fail('send.to', s.to, 'a non-empty array of recipient addresses (strings)');
  }

  /** An AbortSignal, by its shape (another realm's AbortSignal is one too). */
  signal(options: Raw, key: string): void {
    const v = options[key];
    if (v === undefined) return;
    if (
      !(v instanceof AbortSignal) &&
      !(typeof v === 'object' && v !== null && 'aborted' in v && 'addEventListener' in v)
    )
      throw this.fail(key, v, 'an AbortSignal');
  }
}

export function isPlainObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Same letters bar case, one a prefix of the other ("timeout" / "timeoutMs"), or one edit apart. */
function similar(known: string, given: string): boolean {
  const a = known.toLowerCase();
  const b = given.toLowerCase();
  if (a.startsWith(b) || b.startsWith(a)) return true;
  return editDistance(a, b) <= (b.length > 4 ? 2 : 1);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
