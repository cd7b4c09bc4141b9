// XOAUTH2 (Google/Microsoft): "user=U^Aauth=Bearer TOKEN^A^A"; a failure arrives as a base64 JSON challenge.
import { InputError } from '../../model/errors.js';
import { decodeBase64Strict, encodeBase64 } from '../base64.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { describeSecret, quoteUser } from './redact.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslMechanism, type SaslOptions } from './types.js';

export const xoauth2: SaslMechanism = {
  name: 'XOAUTH2',
  credential: 'token',
  revealsSecret: true,
  serverFirst: false,
  create(credentials: SaslCredentials, options: SaslOptions): SaslExchange {
    const { username, secret } = credentials;
    if (username.includes('\x01'))
      throw new InputError('the user name contains a ^A character, which XOAUTH2 cannot carry');
    const wire = encodeBase64(`user=${username}\x01auth=Bearer ${secret.reveal()}\x01\x01`);
    const redacted = `[base64 of user ${quoteUser(username, secret)} and bearer ${describeSecret(secret)}]`;
    const initial = options.initialResponse && `AUTH XOAUTH2 ${wire}`.length <= DEFAULT_LIMITS.maxAuthLineBytes;
    let sent = initial;
    let errorSeen = false;
    const details: Record<string, string> = {};
    return {
      mechanism: 'XOAUTH2',
      usedInitialResponse: initial,
      start: () =>
        initial
          ? { wire: `AUTH XOAUTH2 ${wire}`, redacted: `AUTH XOAUTH2 ${redacted}`, secret: true }
          : { wire: 'AUTH XOAUTH2', redacted: 'AUTH XOAUTH2' },
      respond: (challenge) => {
        if (!sent) {
          sent = true;
          return { kind: 'send', line: { wire, redacted, secret: true } };
        }
        if (errorSeen) return cancel('the server sent another challenge after the XOAUTH2 error');
        errorSeen = true;
        Object.assign(details, decodeErrorDocument(challenge));
        // The spec requires an empty response to the error challenge; the server then sends its final 5xx.
        return { kind: 'send', line: { wire: '', redacted: '' }, answersError: true };
      },
      complete: () => sent,
      details: () => ({ ...details }),
    };
  },
};

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
