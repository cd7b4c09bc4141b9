// Causes of the mechanism rule: the SASL mechanism the client used (or could use) is not among those the server offers, or
// smtp-doctor does not speak it.
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
    'mechanism.not-implemented': {
      finding: 'mechanism-unsupported',
      detail: 'not-implemented',
      title: 'smtp-doctor does not speak {{mechanism}} yet',
      summary:
        'The server offers {{mechanism}}, but smtp-doctor does not speak {{mechanism}} yet, so no credentials were sent and this login was not tested.{{#spoken}} The server also offers {{spoken|list}}, which smtp-doctor speaks.{{/spoken}}{{^spoken}} The server offers no mechanism smtp-doctor speaks (it lists {{offered|spaces}}).{{/spoken}}',
      fixes: ['mechanism.check-with-spoken', 'mechanism.client-speaks-it'],
      deadEnds: ['change-password.never-sent'],
      sources: [
        'https://www.iana.org/assignments/sasl-mechanisms/sasl-mechanisms.xhtml (the registered SASL mechanisms: DIGEST-MD5, NTLM, GSSAPI, SCRAM-SHA-256, …)',
      ],
    },
  },
  fixes: {
    'mechanism.check-with-spoken': {
      text: 'Test the login with a mechanism smtp-doctor speaks: run the check again with --mechanism {{suggested}}{{#others}} (the server also offers {{others|spaces}}){{/others}}.',
    },
    'mechanism.client-speaks-it': {
      text: 'If your client must use {{mechanism}}, test the login with a tool that speaks it: smtp-doctor can say only that the server offers it.',
    },
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
