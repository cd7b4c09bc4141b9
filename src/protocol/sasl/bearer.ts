// The exchange XOAUTH2 and OAUTHBEARER share: one message carrying the bearer token, then, on failure, a base64 JSON
// error challenge that the client must answer (each mechanism its own way) before the server sends its final reply.
import { InputError } from '../../model/errors.js';
import { decodeBase64Strict, encodeBase64 } from '../base64.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { describeSecret, quoteUser } from './redact.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslOptions } from './types.js';

export interface BearerMechanism {
  name: 'XOAUTH2' | 'OAUTHBEARER';
  /** The client's message before base64: it holds the token. */
  message(username: string, token: string, options: SaslOptions): string;
  /** What the client sends back to the error challenge (already base64, or the empty line). */
  errorAnswer: string;
}

export function createBearerExchange(
  mechanism: BearerMechanism,
  credentials: SaslCredentials,
  options: SaslOptions,
): SaslExchange {
  const { username, secret } = credentials;
  const name = mechanism.name;
  // Both formats end fields with ^A: a user name holding one would forge the fields after it.
  if (username.includes('\x01'))
    throw new InputError(`the user name contains a ^A character, which ${name} cannot carry`);
  const wire = encodeBase64(mechanism.message(username, secret.reveal(), options));
  const redacted = `[base64 of user ${quoteUser(username, secret)} and bearer ${describeSecret(secret)}]`;
  const initial = options.initialResponse && `AUTH ${name} ${wire}`.length <= DEFAULT_LIMITS.maxAuthLineBytes;
  let sent = initial;
  let errorSeen = false;
  const details: Record<string, string> = {};
  return {
    mechanism: name,
    usedInitialResponse: initial,
    start: () =>
      initial
        ? { wire: `AUTH ${name} ${wire}`, redacted: `AUTH ${name} ${redacted}`, secret: true }
        : { wire: `AUTH ${name}`, redacted: `AUTH ${name}` },
    respond: (challenge) => {
      if (!sent) {
        sent = true;
        return { kind: 'send', line: { wire, redacted, secret: true } };
      }
      if (errorSeen) return cancel(`the server sent another challenge after the ${name} error`);
      errorSeen = true;
      Object.assign(details, decodeErrorDocument(challenge));
      const answer = mechanism.errorAnswer;
      return { kind: 'send', line: { wire: answer, redacted: answer }, answersError: true };
    },
    complete: () => sent,
    details: () => ({ ...details }),
  };
}

/** The JSON the server puts in its error challenge (XOAUTH2, OAUTHBEARER): status, schemes, scope, openid-configuration. */
export function decodeErrorDocument(challenge: string): Record<string, string> {
  const bytes = decodeBase64Strict(challenge.trim());
  if (!bytes) return { error: 'the error challenge is not valid base64' };
  try {
    const doc: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof doc !== 'object' || doc === null) return { error: 'the error challenge is not a JSON object' };
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc)) {
      if (typeof value === 'string' || typeof value === 'number') out[key.slice(0, 40)] = String(value).slice(0, 200);
    }
    return out;
  } catch {
    return { error: 'the error challenge is not JSON' };
  }
}
