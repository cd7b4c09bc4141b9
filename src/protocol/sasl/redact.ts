// Redacted twins of SASL lines: they say what was sent (user, shape of the secret) without the bytes.
import { describeShape, type Secret } from '../../model/secret.js';

/** JSON quoting makes stray spaces and invisible characters visible. */
export function quoteUser(username: string): string {
  return JSON.stringify(username);
}

export function describeSecret(secret: Secret): string {
  return describeShape(secret.shape);
}

export function describeCredentials(username: string, secret: Secret, extra = ''): string {
  return `[base64 of ${extra}user ${quoteUser(username)} and ${describeSecret(secret)}]`;
}
