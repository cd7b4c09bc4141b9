// Brevo (formerly Sendinblue): SMTP login plus SMTP key (not the API key); its refusal.
import type { ProviderInput } from '../schema.js';

const smtpDoc = { title: 'Brevo: SMTP integration', url: 'https://developers.brevo.com/docs/smtp-integration' };

export const brevo: ProviderInput = {
  id: 'brevo',
  name: 'Brevo (formerly Sendinblue)',
  kind: 'transactional',
  recognise: { hosts: ['smtp-relay.brevo.com', 'smtp-relay.sendinblue.com'] },
  submission: {
    endpoints: [
      { host: 'smtp-relay.brevo.com', port: 587, security: 'starttls' },
      { host: 'smtp-relay.brevo.com', port: 465, security: 'tls' },
      { host: 'smtp-relay.brevo.com', port: 2525, security: 'starttls' },
    ],
    username: {
      form: 'login',
      text: 'the SMTP login shown on the SMTP & API → SMTP page (e.g. 1a2b3c001@smtp-brevo.com; the account e-mail on older accounts)',
    },
    secret: 'an SMTP key created on the SMTP tab — not the account password, not a v3 API key (xkeysib-…)',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: ['smtp-relay.sendinblue.com is the old host name.'],
    sources: [
      'https://developers.brevo.com/docs/smtp-integration (smtp-relay.brevo.com; ports 587/2525, 465 SSL; SMTP login + SMTP key)',
    ],
    verified: '2026-11-24',
  },
  docs: [smtpDoc],
  signatures: [
    {
      id: 'brevo.invalid-login-or-password',
      phases: ['auth'],
      match: { codes: [535], text: 'Invalid login or password' },
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Brevo rejected the SMTP login and key',
          summary:
            'Brevo accepts only the SMTP login shown on its SMTP page with an SMTP key; API keys (xkeysib-…) and the account password are refused.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Use the SMTP login exactly as shown on the SMTP page, and a freshly generated SMTP key as the password.',
            },
          ],
          deadEnds: [{ text: 'Using the API key (xkeysib-…)', why: 'SMTP accepts only SMTP keys.' }],
          docs: [smtpDoc],
        },
      ],
      samples: ['535 5.7.0 Invalid login or password'],
      sources: [
        "observed:https://github.com/marcpope/borgbackupserver/issues/16 ('Authentication failed: 535 5.7.0 Invalid login or password' with Brevo SMTP keys, 2026)",
      ],
      verified: '2026-11-24',
      certainty: 'reported',
    },
    {
      id: 'brevo.smtp-account-not-activated',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [502], text: 'SMTP account is not yet activated' },
      standalone: 'Your SMTP account is not yet activated',
      causes: [
        {
          finding: 'account-locked',
          detail: 'not-activated',
          title: 'Brevo has not activated sending over SMTP for this account',
          summary:
            'The login worked, but Brevo refuses to send: the account’s transactional (SMTP) sending is not activated yet. Brevo activates it on request, after reviewing the account.',
          confidence: 'high',
          fixes: [
            {
              text: 'Ask Brevo support to activate the transactional (SMTP) platform for the account, then send again.',
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'A new SMTP key', why: 'the login already worked.' },
            {
              topic: 'switch-ports',
              text: 'Switching between ports 587, 465 and 2525',
              why: 'the account is refused.',
            },
          ],
          docs: [smtpDoc],
        },
      ],
      samples: ['502 5.7.0 Your SMTP account is not yet activated'],
      sources: [
        "observed:https://github.com/supabase/agent-skills/issues/133 (smtp-relay.brevo.com: '502 5.7.0 Your SMTP account is not yet activated' after a working login; a support ticket activated the account)",
        "observed:https://github.com/WPManageNinja/fluent-smtp/issues/157 ('Your SMTP account is not yet activated. Please contact us at contact@sendinblue.com to request activation')",
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
  ],
};
