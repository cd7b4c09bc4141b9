// OAUTHBEARER (RFC 7628): a GS2 header, host and port, and "auth=Bearer TOKEN"; a failure comes as a base64 JSON challenge.
import { InputError } from '../../model/errors.js';
import { encodeBase64 } from '../base64.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { describeSecret, quoteUser } from './redact.js';
import { escapeSaslName } from './scram.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslMechanism, type SaslOptions } from './types.js';
import { decodeErrorDocument } from './xoauth2.js';

/** RFC 7628 §3.2.3: the client answers the error challenge with a single %x01, then reads the final failure. */
const ERROR_ANSWER = encodeBase64('\x01');

export const oauthbearer: SaslMechanism = {
  name: 'OAUTHBEARER',
  credential: 'token',
  revealsSecret: true,
  serverFirst: false,
  create(credentials: SaslCredentials, options: SaslOptions): SaslExchange {
    const { username, secret } = credentials;
    if (username.includes('\x01'))
      throw new InputError('the user name contains a ^A character, which OAUTHBEARER cannot carry');
    const where = `${options.host !== undefined ? `host=${options.host}\x01` : ''}${options.port !== undefined ? `port=${String(options.port)}\x01` : ''}`;
    const wire = encodeBase64(`n,a=${escapeSaslName(username)},\x01${where}auth=Bearer ${secret.reveal()}\x01\x01`);
    const redacted = `[base64 of user ${quoteUser(username, secret)} and bearer ${describeSecret(secret)}]`;
    const initial = options.initialResponse && `AUTH OAUTHBEARER ${wire}`.length <= DEFAULT_LIMITS.maxAuthLineBytes;
    let sent = initial;
    let errorSeen = false;
    const details: Record<string, string> = {};
    return {
      mechanism: 'OAUTHBEARER',
      usedInitialResponse: initial,
      start: () =>
        initial
          ? { wire: `AUTH OAUTHBEARER ${wire}`, redacted: `AUTH OAUTHBEARER ${redacted}`, secret: true }
          : { wire: 'AUTH OAUTHBEARER', redacted: 'AUTH OAUTHBEARER' },
      respond: (challenge) => {
        if (!sent) {
          sent = true;
          return { kind: 'send', line: { wire, redacted, secret: true } };
        }
        if (errorSeen) return cancel('the server sent another challenge after the OAUTHBEARER error');
        errorSeen = true;
        Object.assign(details, decodeErrorDocument(challenge));
        return { kind: 'send', line: { wire: ERROR_ANSWER, redacted: ERROR_ANSWER }, answersError: true };
      },
      complete: () => sent,
      details: () => ({ ...details }),
    };
  },
};
