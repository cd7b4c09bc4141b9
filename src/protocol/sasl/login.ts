// LOGIN (draft-murchison-sasl-login): user name and password in two base64 answers, whatever the prompts say.
import { decodeBase64Strict, encodeBase64 } from '../base64.js';
import type { OutgoingLine } from '../commands.js';
import { describeSecret, quoteUser } from './redact.js';
import {
  cancel,
  type SaslCredentials,
  type SaslExchange,
  type SaslMechanism,
  type SaslOptions,
  type SaslStep,
} from './types.js';

type Prompt = 'username' | 'password' | 'unknown';

/** Servers are meant to say "Username:" / "Password:" but wording varies, and the spec says to ignore it. */
function classifyPrompt(challenge: string): Prompt {
  const decoded = decodeBase64Strict(challenge.trim());
  const text = (decoded ? decoded.toString('utf8') : challenge).toLowerCase();
  if (/pass/.test(text)) return 'password';
  if (/user|login|name/.test(text)) return 'username';
  return 'unknown';
}

export const login: SaslMechanism = {
  name: 'LOGIN',
  credential: 'password',
  revealsSecret: true,
  serverFirst: false,
  create(credentials: SaslCredentials, options: SaslOptions): SaslExchange {
    const { username, secret } = credentials;
    const userLine = { wire: encodeBase64(username), redacted: `[base64 of user ${quoteUser(username, secret)}]` };
    const passwordLine: OutgoingLine = {
      wire: encodeBase64(secret.reveal()),
      redacted: `[base64 of ${describeSecret(secret)}]`,
      secret: true,
    };
    let userSent = options.initialResponse;
    let passwordSent = false;

    const sendPassword = (): SaslStep => {
      passwordSent = true;
      return { kind: 'send', line: passwordLine };
    };
    const sendUser = (): SaslStep => {
      userSent = true;
      return { kind: 'send', line: userLine };
    };

    return {
      mechanism: 'LOGIN',
      usedInitialResponse: options.initialResponse,
      start: () =>
        options.initialResponse
          ? { wire: `AUTH LOGIN ${userLine.wire}`, redacted: `AUTH LOGIN ${userLine.redacted}` }
          : { wire: 'AUTH LOGIN', redacted: 'AUTH LOGIN' },
      respond: (challenge) => {
        if (passwordSent) return cancel('the server sent another challenge after the password');
        const asked = classifyPrompt(challenge);
        if (asked === 'password')
          return userSent ? sendPassword() : cancel('the server asked for the password before the user name');
        if (asked === 'username' && userSent) return cancel('the server asked for the user name twice');
        return userSent ? sendPassword() : sendUser();
      },
      complete: () => passwordSent,
      details: () => ({}),
    };
  },
};
