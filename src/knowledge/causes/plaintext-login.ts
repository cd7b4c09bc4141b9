// Causes of the plaintext-login rule: a password or token crossed the network without TLS, whatever the server answered.
import type { CauseArea } from './types.js';

export const plaintextLogin = {
  causes: {
    'plaintext-login.secret-in-clear': {
      finding: 'credentials-sent-in-clear',
      title:
        '{{#accepted}}The login works, but the {{#token}}token{{/token}}{{^token}}password{{/token}} was sent unencrypted{{/accepted}}{{^accepted}}The {{#token}}token{{/token}}{{^token}}password{{/token}} was sent unencrypted{{/accepted}}',
      summary:
        'The {{#token}}token{{/token}}{{^token}}password{{/token}} went to {{host}}:{{port}} without TLS (base64 is not encryption), so anyone on the path could read it; the server then {{#accepted}}accepted the login{{/accepted}}{{^accepted}}{{#code}}answered {{code}}{{/code}}{{^code}}never answered{{/code}}{{/accepted}}. Change it if that network is not your own, and use TLS from now on.',
      fixes: ['proven.use-endpoint', 'plaintext-login.use-tls', 'plaintext-login.change-secret'],
      sources: [
        'https://www.rfc-editor.org/rfc/rfc4616#section-5 (PLAIN sends the password in the clear: only over a protected connection)',
        'https://www.rfc-editor.org/rfc/rfc4954#section-4 (the AUTH exchange is base64, not encryption)',
      ],
    },
  },
  fixes: {
    'plaintext-login.use-tls': {
      text: 'Use STARTTLS (587) or implicit TLS (465); if the server offers neither, ask its administrator to enable TLS.',
    },
    'plaintext-login.change-secret': {
      text: 'Change the {{#token}}token{{/token}}{{^token}}password{{/token}} if this connection went over a network you do not control.',
    },
  },
  deadEnds: {},
  notes: {
    'plaintext-login.sent-without-tls': {
      text: '{{#mechanism}}{{mechanism}}{{/mechanism}}{{^mechanism}}AUTH{{/mechanism}} sent to {{host}}:{{port}} without TLS',
    },
  },
} as const satisfies CauseArea;
