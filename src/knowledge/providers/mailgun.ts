// Mailgun: per-domain SMTP credentials, separate US and EU regions; its refusals.
import type { ProviderInput } from '../schema.js';

const smtpDoc = {
  title: 'Mailgun: send via SMTP',
  url: 'https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp',
};

export const mailgun: ProviderInput = {
  id: 'mailgun',
  name: 'Mailgun',
  kind: 'transactional',
  recognise: {
    hosts: ['smtp.mailgun.org', 'smtp.eu.mailgun.org'],
    mxHosts: ['mxa.mailgun.org', 'mxb.mailgun.org', 'mxa.eu.mailgun.org', 'mxb.eu.mailgun.org'],
    // "220 Mailgun Influx ready" from smtp.mailgun.org:587 in independent transcripts (telnet, strace, an Arduino
    // client: search index ids 3519331309, 9087502430, 3080189786, 4539385246).
    banner: ['^Mailgun Influx ready\\b'],
  },
  submission: {
    endpoints: [
      { host: 'smtp.mailgun.org', port: 587, security: 'starttls', note: 'US region' },
      { host: 'smtp.eu.mailgun.org', port: 587, security: 'starttls', note: 'EU region' },
      { host: 'smtp.mailgun.org', port: 465, security: 'tls', note: 'US region' },
      { host: 'smtp.mailgun.org', port: 2525, security: 'starttls', note: 'US region' },
    ],
    username: { form: 'login', text: 'the domain’s SMTP login, e.g. postmaster@mg.example.com' },
    secret: 'the SMTP credential password of that login — not the account password, not the private API key',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: ['US and EU are separate systems: a domain and its SMTP credentials work only on their region’s host.'],
    sources: [
      'https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp (Send via SMTP: per-domain SMTP credentials under Sending > Domain Settings > SMTP Credentials; ports 25, 465 (TLS), 587, 2525)',
      "https://documentation.mailgun.com/docs/mailgun/user-manual/smtp-protocol/smtp-relay (SMTP username/password per domain; 'You can use SMTP Credentials, but not your Control Panel password')",
      'https://spreecommerce.org/docs/integrations/email/mailgun (US and EU are separate infrastructure; an account in one is invisible to the other)',
    ],
    verified: '2026-11-24',
  },
  docs: [smtpDoc],
  signatures: [
    {
      id: 'mailgun.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], text: '^Authentication failed$|Mailgun is not loving your login or password' },
      scope: 'provider',
      standalone: 'Mailgun is not loving your login or password',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Mailgun rejected the SMTP credentials',
          summary:
            'Frequent causes: the private API key used as the password; an SMTP password never copied after a reset (it is shown once); an EU domain used with smtp.mailgun.org (or the reverse); a login without its @domain part.',
          confidence: 'high',
          fixes: [
            { text: 'Reset the SMTP credential password in the domain’s SMTP credentials tab and copy it right away.' },
            { text: 'Use the host of the domain’s region: smtp.eu.mailgun.org for EU domains.' },
            { text: 'Use the full SMTP login, including @domain.' },
          ],
          deadEnds: [{ text: 'Switching between 587 and 465', why: 'the verdict is the same.' }],
          docs: [smtpDoc],
        },
      ],
      samples: ['535 Authentication failed', '535 5.7.0 Mailgun is not loving your login or password'],
      sources: [
        "observed:https://github.com/ToolJet/ToolJet/issues/5742 ('Invalid login: 535 Authentication failed', 2023; ports 587 and 465 both fail)",
        'observed:https://github.com/mailgun/documentation/issues/132 (older wording: 535 5.7.0 Mailgun is not loving your login or password)',
        'https://smtptester.org/guides/mailgun-smtp-test/ (common causes of 535)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes: 'The "not loving" wording is historical (2015–2020); recent reports show "535 Authentication failed".',
    },
    {
      id: 'mailgun.account-not-activated',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [421, 550], text: 'Please activate your Mailgun account' },
      standalone: 'Please activate your Mailgun account',
      causes: [
        {
          finding: 'account-locked',
          detail: 'not-activated',
          title: 'The Mailgun account is not activated',
          summary:
            'Mailgun refuses to send from the domain until the account is activated (the activation e-mail, or the verification Mailgun asks for in its control panel). The credentials are not what is refused.',
          confidence: 'high',
          fixes: [
            {
              text: 'Activate the Mailgun account: follow the activation e-mail (the control panel resends it) and complete the verification it asks for.',
            },
            { text: 'On a sandbox domain, also add the recipients as authorized recipients.' },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Resetting the SMTP password', why: 'the account is refused.' }],
          docs: [smtpDoc],
        },
      ],
      samples: [
        '421 Domain sandbox0123.mailgun.org is not allowed to send: Please activate your Mailgun account. Check your inbox or log in to your control panel to resend the activation email.',
      ],
      sources: [
        "observed:https://github.com/Monstarrrr/rebutify/issues/162 (Django smtplib: 421 'Domain sandbox….mailgun.org is not allowed to send: Please activate your Mailgun account'; fixed by completing Mailgun's account verification)",
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
  ],
};
