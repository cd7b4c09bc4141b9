// Causes of the mechanism-retry rule: one mechanism refused the credentials that another accepted on the same endpoint.
import type { CauseArea } from './types.js';

const RFC4616 = 'https://www.rfc-editor.org/rfc/rfc4616#section-2 (PLAIN: authcid and password are UTF-8)';
const LOGIN_DRAFT =
  'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00 (LOGIN: no character set defined for the user name and password)';

export const mechanismRetry = {
  causes: {
    'mechanism-retry.refused-then-accepted': {
      finding: 'mechanism-unsupported',
      detail: 'refused-credentials',
      title: '{{refusedWith}} refused these credentials; {{acceptedWith}} accepted them',
      summary:
        '{{host}}:{{port}} ({{security|mode}}) refused the login with {{refusedWith}}{{#forced}} (the mechanism you chose){{/forced}}{{^forced}} (the one smtp-doctor, like most clients, tried first){{/forced}} and accepted the same user name and secret with {{acceptedWith}}. The credentials are right; the two mechanisms carry them differently{{#nonAscii}}: the secret has non-ASCII characters, which PLAIN sends as UTF-8 (RFC 4616) while LOGIN has no defined character set, so the server decodes one of them differently.{{/nonAscii}}{{^nonAscii}}, and the server’s back end for one of them is misconfigured or stricter.{{/nonAscii}}',
      fixes: ['mechanism-retry.use-accepted', 'mechanism-retry.ascii-password'],
      deadEnds: ['mechanism-retry.typo-hunt'],
      sources: [RFC4616, LOGIN_DRAFT],
    },
  },
  fixes: {
    'mechanism-retry.use-accepted': { text: 'Make your client use {{mechanism}} ({{@mechanism}}).' },
    'mechanism-retry.ascii-password': {
      text: 'Or change the password to ASCII characters only, which every mechanism carries the same way.',
      sources: [RFC4616, LOGIN_DRAFT],
    },
  },
  deadEnds: {
    'mechanism-retry.typo-hunt': {
      topic: 'hunt-for-typo',
      text: 'Hunting for a typo in the user name or password',
      why: 'the server accepted both with {{acceptedWith}}.',
    },
  },
  notes: {
    'mechanism-retry.accepted-with': {
      text: 'the same credentials with {{mechanism}} on {{host}}:{{port}} ({{security|mode}})',
    },
  },
} as const satisfies CauseArea;
