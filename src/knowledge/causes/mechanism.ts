// Causes of the mechanism rule: the SASL mechanism the client used (or could use) is not among those the server offers.
import type { CauseArea } from './types.js';

export const mechanism = {
  causes: {
    'mechanism.not-offered': {
      finding: 'mechanism-unsupported',
      title:
        '{{#mechanism}}The server does not offer {{mechanism}}{{/mechanism}}{{^mechanism}}{{#secretMismatch}}None of the offered mechanisms suits this secret{{/secretMismatch}}{{^secretMismatch}}Client and server share no SASL mechanism{{/secretMismatch}}{{/mechanism}}',
      summary:
        '{{^listed}}The client found no mechanism it supports among those the server lists.{{/listed}}{{#listed}}{{#mechanism}}The client used {{mechanism}}, but the server {{/mechanism}}{{^mechanism}}The server {{/mechanism}}{{#offered}}offers only {{offered|list}}{{^mechanism}}; {{#secretMismatch}}none can carry this kind of secret{{/secretMismatch}}{{^secretMismatch}}the client supports none of them{{/secretMismatch}}{{/mechanism}}{{/offered}}{{^offered}}lists no mechanism at all{{/offered}}.{{/listed}}',
      fixes: ['mechanism.use-offered', 'mechanism.choose-from-list'],
      sources: [
        'https://www.rfc-editor.org/rfc/rfc4954#section-4 (504 5.5.4: the mechanism is not supported; use one from the EHLO AUTH line)',
      ],
    },
  },
  fixes: {
    'mechanism.use-offered': {
      text: 'Use {{suggested}}, which the server offers{{#offered}} (it lists {{offered|spaces}}){{/offered}}.',
    },
    'mechanism.choose-from-list': {
      text: 'Choose a mechanism from the server’s list: {{#offered}}{{offered|spaces}}{{/offered}}{{^offered}}(none listed){{/offered}}.',
    },
  },
  deadEnds: {},
  notes: {
    'mechanism.offered': {
      text: 'AUTH offered: {{#offered}}{{offered|spaces}}{{/offered}}{{^offered}}(none){{/offered}}',
    },
    'mechanism.none-usable': {
      text: 'the server offers only {{offered|spaces}}, none of which we can use with a {{#token}}token{{/token}}{{^token}}password{{/token}}',
    },
  },
} as const satisfies CauseArea;
