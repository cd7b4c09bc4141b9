// Causes of the auth-ok rule: the configured login worked — with or without other problems the run saw around it.
import type { CauseArea } from './types.js';

export const authOk = {
  causes: {
    'auth-ok.login-works': {
      finding: 'auth-ok',
      title: 'The login works',
      summary: '{{host}}:{{port}} ({{security|mode}}) accepted "{{user}}" with {{mechanism}}.',
      fixes: [
        'auth-ok.use-settings',
        'auth-ok.fix-problems-first',
        'auth-ok.plan-oauth-microsoft365',
        'auth-ok.prefer-current-mechanism',
      ],
    },
  },
  fixes: {
    'auth-ok.use-settings': { text: 'Nothing to change: use these settings in your application.' },
    // One sentence per problem another rule reports as an error or a warning: "use these settings" must not stand
    // under a certificate that passed only with checks off, a password sent in the clear, or a refused test message.
    'auth-ok.fix-problems-first': {
      text: 'The login works; fix the other problems in this report before relying on these settings.{{#certificateUnverified}} The certificate did not verify{{#checksOff}} and was accepted only because certificate checks were off{{/checksOff}}.{{/certificateUnverified}}{{#inClear}} The credentials crossed the network without TLS.{{/inClear}}{{#senderRefused}} The server refused the sender of the test message.{{/senderRefused}}{{#recipientRefused}} The server refused a recipient of the test message.{{/recipientRefused}}{{#messageRefused}} The server refused the test message.{{/messageRefused}}{{#sendFailed}} The test message could not be sent.{{/sendFailed}}',
    },
    // Microsoft 365 accepts the password today; its dated statement says until when (knowledge/oauth-errors.ts).
    'auth-ok.plan-oauth-microsoft365': {
      text: 'Works today, but Microsoft said on {{statementDate}} that Basic authentication for SMTP AUTH stays unchanged until {{unchangedUntil}} and is then {{existingTenants}}; the final removal date will be announced in {{finalRemovalAnnounced}}. Move this login to OAuth (XOAUTH2) before then.',
      sources: [
        'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835 (statement of 2026-01-29)',
      ],
    },
    'auth-ok.prefer-current-mechanism': {
      text: '{{mechanism}} is historic ({{historic}}): it works here, but prefer {{#suggested}}{{suggested}}{{/suggested}}{{^suggested}}SCRAM or PLAIN over TLS{{/suggested}}.',
    },
  },
  deadEnds: {},
  notes: {
    'auth-ok.historic-mechanism': { text: '{{mechanism}} is historic: {{historic}}' },
  },
} as const satisfies CauseArea;
