// SASL registry: the mechanisms we speak, in the order we prefer them when the server offers several.
import { cramMd5 } from './cram-md5.js';
import { digestMd5 } from './digest-md5.js';
import { login } from './login.js';
import { oauthbearer } from './oauthbearer.js';
import { plain } from './plain.js';
import { scramSha1, scramSha256 } from './scram.js';
import type { SaslMechanism } from './types.js';
import { xoauth2 } from './xoauth2.js';

/**
 * PLAIN first (RFC 4954's mandatory mechanism, one round trip), LOGIN for servers that offer nothing else; then the
 * challenge-response ones (the server's verifier must match, so they fail where PLAIN may not), DIGEST-MD5 last
 * (historic, RFC 6331); XOAUTH2 before OAUTHBEARER for tokens (what Gmail and Microsoft 365 speak).
 */
export const SASL_MECHANISMS: readonly SaslMechanism[] = [
  plain,
  login,
  cramMd5,
  scramSha256,
  scramSha1,
  digestMd5,
  xoauth2,
  oauthbearer,
];

/** RFC 4422 §3.1: a mechanism name is 1 to 20 characters of A-Z, 0-9, "-" and "_". */
const MECHANISM_NAME = /^[A-Za-z0-9_-]{1,20}$/;

/**
 * A SASL mechanism name as the user wrote it, in upper case (names are case-insensitive in practice, and servers list
 * them in upper case); undefined when it is not a syntactically valid name (RFC 4422 §3.1). Valid names include the
 * ones smtp-doctor does not speak (NTLM, GSSAPI, SCRAM-SHA-256-PLUS): the session then sends no AUTH with them.
 */
export function saslMechanismName(text: string): string | undefined {
  return MECHANISM_NAME.test(text) ? text.toUpperCase() : undefined;
}

export function findMechanism(name: string): SaslMechanism | undefined {
  const upper = name.toUpperCase();
  return SASL_MECHANISMS.find((m) => m.name === upper);
}

/** The best mechanism the server offers that can carry this kind of credential; null when there is none. */
export function chooseMechanism(offered: readonly string[], credential: 'password' | 'token'): SaslMechanism | null {
  return SASL_MECHANISMS.find((m) => m.credential === credential && offered.includes(m.name)) ?? null;
}
