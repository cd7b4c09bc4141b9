// OAUTHBEARER (RFC 7628): a GS2 header, host and port, and "auth=Bearer TOKEN"; a failure comes as a base64 JSON challenge.
import { encodeBase64 } from '../base64.js';
import { createBearerExchange, type BearerMechanism } from './bearer.js';
import { escapeSaslName } from './scram.js';
import type { SaslMechanism } from './types.js';

const FORMAT: BearerMechanism = {
  name: 'OAUTHBEARER',
  message: (username, token, options) => {
    const host = options.host !== undefined ? `host=${options.host}\x01` : '';
    const port = options.port !== undefined ? `port=${String(options.port)}\x01` : '';
    return `n,a=${escapeSaslName(username)},\x01${host}${port}auth=Bearer ${token}\x01\x01`;
  },
  // RFC 7628 §3.2.3: the client answers the error challenge with a single %x01, then reads the final failure.
  errorAnswer: encodeBase64('\x01'),
};

export const oauthbearer: SaslMechanism = {
  name: 'OAUTHBEARER',
  credential: 'token',
  revealsSecret: true,
  serverFirst: false,
  create: (credentials, options) => createBearerExchange(FORMAT, credentials, options),
};
