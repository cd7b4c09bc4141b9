// CRAM-MD5 (RFC 2195): the server sends a challenge, we answer "user HMAC-MD5(password, challenge)" in hex.
import { createHmac } from 'node:crypto';
import { decodeBase64Strict, encodeBase64 } from '../base64.js';
import { quoteUser } from './redact.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslMechanism } from './types.js';

export const cramMd5: SaslMechanism = {
  name: 'CRAM-MD5',
  credential: 'password',
  revealsSecret: false,
  serverFirst: true,
  create(credentials: SaslCredentials): SaslExchange {
    const { username, secret } = credentials;
    let answered = false;
    return {
      mechanism: 'CRAM-MD5',
      usedInitialResponse: false,
      start: () => ({ wire: 'AUTH CRAM-MD5', redacted: 'AUTH CRAM-MD5' }),
      respond: (challenge) => {
        if (answered) return cancel('the server sent another challenge after the CRAM-MD5 response');
        const decoded = decodeBase64Strict(challenge.trim());
        if (!decoded || decoded.length === 0) return cancel('the CRAM-MD5 challenge is not valid base64');
        let digest: string;
        try {
          digest = createHmac('md5', Buffer.from(secret.reveal(), 'utf8')).update(decoded).digest('hex');
        } catch {
          return cancel('MD5 is not available in this Node.js build (FIPS mode?)');
        }
        answered = true;
        // The digest is redacted too: with the challenge it allows an offline guess of the password.
        return {
          kind: 'send',
          line: {
            wire: encodeBase64(`${username} ${digest}`),
            redacted: `[base64 of user ${quoteUser(username, secret)} and HMAC-MD5 digest]`,
          },
        };
      },
      complete: () => answered,
      details: () => ({}),
    };
  },
};
