// Proton Mail: the local Bridge (127.0.0.1:1025) and SMTP submission with tokens for custom domains.
import type { ProviderInput } from '../schema.js';

const submissionDoc = { title: 'Proton: SMTP submission', url: 'https://proton.me/support/smtp-submission' };

export const proton: ProviderInput = {
  id: 'proton',
  name: 'Proton Mail (Bridge and SMTP submission)',
  kind: 'mailbox',
  recognise: {
    hosts: ['smtp.protonmail.ch', 'smtp.proton.me'],
    mxHosts: ['mail.protonmail.ch', 'mailsec.protonmail.ch'],
    emailDomains: ['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'],
  },
  submission: {
    endpoints: [
      {
        host: '127.0.0.1',
        port: 1025,
        security: 'starttls',
        note: 'Proton Mail Bridge on this computer (self-signed certificate)',
      },
      {
        host: 'smtp.protonmail.ch',
        port: 587,
        security: 'starttls',
        note: 'SMTP submission for custom-domain addresses on business plans',
      },
    ],
    username: {
      form: 'address',
      text: 'the Proton address as Bridge shows it, or the custom-domain address for SMTP submission',
    },
    secret: 'the password Bridge generates (not the account password), or an SMTP token for smtp.protonmail.ch',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: [
      'Bridge listens on localhost only, by design; its certificate is self-signed (export and trust it).',
      'SMTP tokens are for custom-domain addresses; personal @proton.me addresses go through Bridge.',
    ],
    sources: [
      'observed:https://github.com/ProtonMail/proton-bridge/issues/66 (maintainer: binding on localhost only is intended)',
      'ProtonMail/proton-bridge@00256fa:go.mod (SMTP server built on github.com/emersion/go-smtp)',
      'https://proton.me/support/smtp-submission (cited in observed:https://gitlab.com/gitlab-org/omnibus-gitlab/-/issues/8079 with a working GitLab config)',
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (Proton: smtp.protonmail.ch 587 requireTLS)',
    ],
    verified: '2026-11-24',
  },
  docs: [submissionDoc],
  signatures: [
    {
      id: 'proton.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], text: 'Error: authentication failed' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          detail: 'smtp-token',
          title: 'Proton accepts only SMTP tokens here',
          summary: 'smtp.protonmail.ch refused the login; it accepts SMTP tokens only, never the account password.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Generate an SMTP token (Settings → IMAP/SMTP → SMTP tokens) for the custom-domain address and use it as the password.',
            },
            {
              text: 'For personal @proton.me addresses use Proton Mail Bridge instead.',
              settings: { host: '127.0.0.1', port: 1025, security: 'starttls' },
            },
          ],
          deadEnds: [
            { text: 'Re-entering the account password', why: 'it is never accepted by the submission server.' },
            { text: 'SPF or DNS changes', why: 'they have nothing to do with AUTH.' },
          ],
          docs: [submissionDoc],
        },
      ],
      samples: ['535 5.7.8 Error: authentication failed: authentication failed'],
      sources: [
        "observed:https://github.com/dawidd6/action-send-mail/issues/208 ('Invalid login: 535 5.7.8 Error: authentication failed: authentication failed' with EMAIL_PASSWORD = account password)",
        'https://proton.me/support/smtp-submission',
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'One transcript; the format is Postfix’s.',
    },
  ],
};
