// Secret shapes: what the app passwords providers issue look like, so a check can tell one from an account password.
import type { CharClass, SecretShape } from '../model/secret.js';

export interface SecretShapeEntry {
  /** What issues it. */
  providers: readonly string[];
  /** Unicode length as typed or pasted. */
  length: number;
  /** Exactly these character classes. */
  classes: readonly CharClass[];
  /** How it looks, for docs. */
  example: string;
  sources: readonly string[];
}

/**
 * App passwords are 16 lower-case letters. Google and Yahoo show them in four groups of four with spaces (19 characters
 * pasted with them); Apple joins the groups with hyphens (also 19). A shape keeps only the length and the character
 * classes, so 19 characters of lower-case letters and punctuation stand for the hyphenated form.
 */
export const APP_PASSWORD_SHAPES: readonly SecretShapeEntry[] = [
  {
    providers: ['google', 'yahoo'],
    length: 16,
    classes: ['lowercase'],
    example: 'abcdefghijklmnop',
    sources: [
      'https://support.google.com/accounts/answer/185833 (a 16-character code)',
      'https://help.yahoo.com/kb/SLN15241.html (generate an app password)',
    ],
  },
  {
    providers: ['google', 'yahoo'],
    length: 19,
    classes: ['lowercase', 'spaces'],
    example: 'abcd efgh ijkl mnop',
    sources: ['https://support.google.com/accounts/answer/185833 (shown in four groups of four)'],
  },
  {
    providers: ['icloud'],
    length: 19,
    classes: ['lowercase', 'symbols'],
    example: 'abcd-efgh-ijkl-mnop',
    sources: ['https://support.apple.com/en-us/102654 (app-specific passwords, xxxx-xxxx-xxxx-xxxx)'],
  },
];

/** The shape of the secret in the terms signature conditions use; null when unknown (no secret, or a token). */
export function secretForm(shape: SecretShape | undefined): 'app-password' | 'other' | null {
  if (!shape || shape.kind !== 'password') return null;
  if (shape.leadingWhitespace || shape.trailingWhitespace) return 'other';
  const fits = (entry: SecretShapeEntry): boolean =>
    shape.length === entry.length &&
    shape.classes.length === entry.classes.length &&
    entry.classes.every((c) => shape.classes.includes(c));
  return APP_PASSWORD_SHAPES.some(fits) ? 'app-password' : 'other';
}
