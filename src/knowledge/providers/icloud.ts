// iCloud Mail: settings (app-specific password, port 587 STARTTLS); Apple's exact SMTP refusal text is not sourced.
import type { ProviderInput } from '../schema.js';

const asp = {
  title: 'Apple: sign in to apps with app-specific passwords',
  url: 'https://support.apple.com/en-us/102654',
};

/**
 * Apple's page says what revokes an app-specific password (a change or reset of the Apple Account password, revoking
 * it under Sign-In and Security) but not its form; notes written against Apple's generator show four groups of four
 * lower-case letters joined by hyphens, 19 characters in all.
 */
const APP_PASSWORD_FORM = [
  'https://support.apple.com/en-us/102654 (app-specific passwords: up to 25 active; revoked one by one or all at once; all revoked automatically when the Apple Account password is changed or reset)',
  'observed:hisgarden/QuickRecorder@e83c933:scripts/APPLE_ID_GUIDE.md ("App-Specific Password … Format: xxxx-xxxx-xxxx-xxxx (16 characters)")',
  'observed:https://github.com/Fliplet/fliplet-widget-app-submission/pull/100 (the app-specific password field takes at most 19 characters)',
];

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
          // A secret shaped like an app-specific password (xxxx-xxxx-xxxx-xxxx) is one already: see the next cause.
          when: { credential: 'password', secret: 'other' },
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
        {
          finding: 'credentials-rejected',
          detail: 'app-password',
          title: 'The app-specific password is wrong or revoked, or the user name is not the iCloud address',
          summary:
            'The secret has the form of an app-specific password (four groups of four letters), so Apple refused that password: it was mistyped, revoked under Sign-In and Security, or revoked with all the others when the Apple Account password was changed or reset; or the user name is not the full iCloud address of the Apple Account that created it.',
          confidence: 'medium',
          when: { credential: 'password', secret: 'app-password' },
          fixes: [
            {
              text: 'Create a new app-specific password at account.apple.com → Sign-In and Security → App-Specific Passwords, and paste it exactly as shown.',
            },
            {
              text: 'Use the full iCloud address (name@icloud.com, me.com or mac.com) of that Apple Account as the user name, also when sending from a custom domain.',
            },
          ],
          deadEnds: [
            {
              text: 'Entering the Apple Account password instead',
              why: 'mail programs must use an app-specific password.',
            },
          ],
          docs: [asp],
        },
      ],
      samples: ['535 5.7.8 Authentication failed'],
      sources: [
        'https://support.apple.com/en-us/102654',
        'observed:https://github.com/nylas/nylas-mail/issues/1911 (fixed with an app password)',
        ...APP_PASSWORD_FORM,
      ],
      verified: '2026-12-02',
      certainty: 'reported',
      notes:
        'Apple’s exact SMTP reply text was not found in a verifiable transcript: this signature matches any 535 from an iCloud host, and the sample is the generic form.',
    },
  ],
};
