// PLAIN (RFC 4616): authzid NUL user NUL password, UTF-8, in one base64 response.
import { encodeBase64 } from '../base64.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { describeCredentials, quoteUser } from './redact.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslMechanism, type SaslOptions } from './types.js';

export const plain: SaslMechanism = {
  name: 'PLAIN',
  credential: 'password',
  revealsSecret: true,
  serverFirst: false,
  create(credentials: SaslCredentials, options: SaslOptions): SaslExchange {
    const { username, secret, authzid = '' } = credentials;
    const wire = encodeBase64(`${authzid}\0${username}\0${secret.reveal()}`);
    const redacted = describeCredentials(username, secret, authzid ? `authzid ${quoteUser(authzid)}, ` : '');
    const withResponse = `AUTH PLAIN ${wire}`;
    const initial = options.initialResponse && withResponse.length <= DEFAULT_LIMITS.maxAuthLineBytes;
    let sent = initial;
    return {
      mechanism: 'PLAIN',
      usedInitialResponse: initial,
      start: () =>
        initial
          ? { wire: withResponse, redacted: `AUTH PLAIN ${redacted}`, secret: true }
          : { wire: 'AUTH PLAIN', redacted: 'AUTH PLAIN' },
      respond: () => {
        if (sent) return cancel('the server sent another challenge after the PLAIN response');
        sent = true;
        return { kind: 'send', line: { wire, redacted, secret: true } };
      },
      complete: () => sent,
      details: () => ({}),
    };
  },
};
