// Secret: a password or token that cannot be printed, logged or serialized by accident.
import { inspect } from 'node:util';

export type SecretKind = 'password' | 'token';

/** What a secret looks like without what it is: the shape is evidence (a stray space, a non-ASCII letter). */
export interface SecretShape {
  kind: SecretKind;
  /** Unicode code points. */
  length: number;
  /** UTF-8 bytes on the wire. */
  bytes: number;
  classes: CharClass[];
  leadingWhitespace: boolean;
  trailingWhitespace: boolean;
}

export type CharClass = 'lowercase' | 'uppercase' | 'digits' | 'symbols' | 'spaces' | 'non-ascii' | 'control';

const REDACTED = '[secret]';

export class Secret {
  readonly #value: string;
  readonly #kind: SecretKind;

  constructor(value: string, kind: SecretKind = 'password') {
    this.#value = value;
    this.#kind = kind;
  }

  get kind(): SecretKind {
    return this.#kind;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  /** The only way to read the value: every call site is a place where the wire bytes are built. */
  reveal(): string {
    return this.#value;
  }

  get shape(): SecretShape {
    return shapeOf(this.#value, this.#kind);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function shapeOf(value: string, kind: SecretKind): SecretShape {
  const classes = new Set<CharClass>();
  for (const ch of value) classes.add(classify(ch));
  const order: CharClass[] = ['lowercase', 'uppercase', 'digits', 'symbols', 'spaces', 'non-ascii', 'control'];
  return {
    kind,
    length: Array.from(value).length,
    bytes: Buffer.byteLength(value, 'utf8'),
    classes: order.filter((c) => classes.has(c)),
    leadingWhitespace: /^\s/u.test(value),
    trailingWhitespace: /\s$/u.test(value),
  };
}

function classify(ch: string): CharClass {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp > 0x7e) return cp >= 0x80 && cp <= 0x9f ? 'control' : 'non-ascii';
  if (cp < 0x20 || cp === 0x7f) return cp === 0x09 ? 'spaces' : 'control';
  if (ch === ' ') return 'spaces';
  if (ch >= 'a' && ch <= 'z') return 'lowercase';
  if (ch >= 'A' && ch <= 'Z') return 'uppercase';
  if (ch >= '0' && ch <= '9') return 'digits';
  return 'symbols';
}

/** "16 characters: lowercase, digits; TRAILING WHITESPACE" — what a redacted transcript shows in place of a secret. */
export function describeShape(shape: SecretShape): string {
  const unit = shape.length === 1 ? 'character' : 'characters';
  let head = `${shape.kind}: ${shape.length} ${unit}`;
  if (shape.bytes !== shape.length) head += ` (${shape.bytes} bytes)`;
  if (shape.classes.length > 0) head += `, ${shape.classes.join('+')}`;
  const parts = [head];
  if (shape.leadingWhitespace) parts.push('LEADING WHITESPACE');
  if (shape.trailingWhitespace) parts.push('TRAILING WHITESPACE');
  return parts.join('; ');
}
