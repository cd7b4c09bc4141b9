// Redacted twins of SASL lines: they say what was sent (user, shape of the secret) without the bytes.
import { describeShape, type Secret } from '../../model/secret.js';
import { MIN_FRAGMENT_LENGTH } from '../secret-forms.js';

/**
 * JSON quoting makes stray spaces and invisible characters visible. A user name that holds the secret (the password
 * typed into the user field, or appended to it) is shown as what it is: the secret, redacted.
 */
export function quoteUser(username: string, secret?: Secret): string {
  return secret !== undefined && holdsSecret(username, secret.reveal()) ? USER_IS_SECRET : JSON.stringify(username);
}

const USER_IS_SECRET = '[redacted: the user name holds the secret]';

/** The user name is the secret, or holds a secret too long to be there by chance (MIN_FRAGMENT_LENGTH or more). */
export function holdsSecret(username: string, secret: string): boolean {
  return (
    secret.length > 0 && (username === secret || (secret.length >= MIN_FRAGMENT_LENGTH && username.includes(secret)))
  );
}

export function describeSecret(secret: Secret): string {
  return describeShape(secret.shape);
}

export function describeCredentials(username: string, secret: Secret, extra = ''): string {
  return `[base64 of ${extra}user ${quoteUser(username, secret)} and ${describeSecret(secret)}]`;
}
