// XOAUTH2 (Google/Microsoft): "user=U^Aauth=Bearer TOKEN^A^A"; a failure arrives as a base64 JSON challenge.
import { createBearerExchange, type BearerMechanism } from './bearer.js';
import type { SaslMechanism } from './types.js';

const FORMAT: BearerMechanism = {
  name: 'XOAUTH2',
  message: (username, token) => `user=${username}\x01auth=Bearer ${token}\x01\x01`,
  // Google's protocol page: the client answers the error challenge with an empty response; the final 5xx follows.
  errorAnswer: '',
};

export const xoauth2: SaslMechanism = {
  name: 'XOAUTH2',
  credential: 'token',
  revealsSecret: true,
  serverFirst: false,
  create: (credentials, options) => createBearerExchange(FORMAT, credentials, options),
};
