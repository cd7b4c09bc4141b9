// iCloud Mail: settings (app-specific password, port 587 STARTTLS); Apple's exact SMTP refusal text is not sourced.
import type { ProviderInput } from '../schema.js';

const asp = {
  title: 'Apple: sign in to apps with app-specific passwords',
  url: 'https://support.apple.com/en-us/102654',
};

export const icloud: ProviderInput = {
  id: 'icloud',
  name: 'iCloud Mail (Apple)',
  kind: 'mailbox',
  recognise: {
    hosts: ['smtp.mail.me.com', 'smtp.me.com', '*.mail.icloud.com'],
    mxHosts: ['*.mail.icloud.com'],
    emailDomains: ['icloud.com', 'me.com', 'mac.com'],
  },
  submission: {
    endpoints: [{ host: 'smtp.mail.me.com', port: 587, security: 'starttls' }],
    username: {
      form: 'address',
      text: 'your full iCloud address (name@icloud.com, me.com or mac.com), also when sending from a custom domain',
    },
    secret: 'an app-specific password (Apple Account with two-factor authentication), not the Apple Account password',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: ['Apple documents port 587 with STARTTLS; reports on port 465 conflict.'],
    sources: [
      'https://support.apple.com/en-us/102525 (iCloud Mail server settings, cited by developer.nylas.com/docs/cookbook/email/icloud-mail-api)',
      'https://support.apple.com/en-us/102654 (app-specific passwords)',
      'deltachat/provider-db@5c14381:_providers/icloud.md (smtp.mail.me.com 587 STARTTLS; IMAP username_pattern emaillocalpart; custom domains use the iCloud login)',
      'observed:https://github.com/dawidd6/action-send-mail/issues/84',
    ],
    verified: '2026-11-24',
  },
  docs: [asp],
  signatures: [
    {
      id: 'icloud.auth-failed',
      phases: ['auth'],
      match: { codes: [535] },
      scope: 'provider',
      causes: [
        {
          finding: 'app-password-required',
          title: 'iCloud wants an app-specific password',
          summary:
            'Apple refuses the Apple Account password in third-party mail programs; accounts with two-factor authentication need an app-specific password.',
          confidence: 'medium',
          when: { credential: 'password' },
          fixes: [
            {
              text: 'Create an app-specific password at account.apple.com → Sign-In and Security → App-Specific Passwords.',
            },
            {
              text: 'Use the full iCloud address as the user name, on smtp.mail.me.com port 587 with STARTTLS.',
              settings: { host: 'smtp.mail.me.com', port: 587, security: 'starttls' },
            },
          ],
          deadEnds: [{ text: 'Entering the Apple Account password again', why: 'it is never accepted here.' }],
          docs: [asp],
        },
      ],
      samples: ['535 5.7.8 Authentication failed'],
      sources: [
        'https://support.apple.com/en-us/102654',
        'observed:https://github.com/nylas/nylas-mail/issues/1911 (fixed with an app password)',
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes:
        'Apple’s exact SMTP reply text was not found in a verifiable transcript: this signature matches any 535 from an iCloud host, and the sample is the generic form.',
    },
  ],
};
