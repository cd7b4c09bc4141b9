// SparkPost: user name SMTP_Injection, password an API key with "Send via SMTP"; US and EU hosts.
import type { ProviderInput } from '../schema.js';

const smtpDoc = { title: 'SparkPost: SMTP relay', url: 'https://developers.sparkpost.com/api/smtp/' };
const SUPPORT_DOCS =
  'SparkPost/support-docs@255627e:articles/faq/error-messages-smtp.md (= https://www.sparkpost.com/docs/faq/error-messages-smtp/)';

export const sparkpost: ProviderInput = {
  id: 'sparkpost',
  name: 'SparkPost',
  kind: 'transactional',
  recognise: { hosts: ['smtp.sparkpostmail.com', 'smtp.eu.sparkpostmail.com'] },
  submission: {
    endpoints: [
      { host: 'smtp.sparkpostmail.com', port: 587, security: 'starttls', note: 'US accounts' },
      { host: 'smtp.eu.sparkpostmail.com', port: 587, security: 'starttls', note: 'EU accounts' },
      { host: 'smtp.sparkpostmail.com', port: 2525, security: 'starttls', note: 'US accounts' },
    ],
    username: { form: 'literal', literal: 'SMTP_Injection', text: 'the literal word SMTP_Injection' },
    secret: 'a SparkPost API key with the "Send via SMTP" permission',
    mechanisms: ['LOGIN'],
    notes: ['EU accounts must use smtp.eu.sparkpostmail.com.'],
    sources: [
      'https://developers.sparkpost.com/api/smtp/ (SMTP relay: smtp.sparkpostmail.com, 587 or 2525, STARTTLS, AUTH LOGIN, SMTP_Injection)',
    ],
    verified: '2026-11-24',
  },
  docs: [smtpDoc],
  signatures: [
    {
      id: 'sparkpost.sorry',
      phases: ['auth'],
      match: { codes: [535], text: '^Sorry\\.' },
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'SparkPost rejected the login',
          summary:
            'The user name is not SMTP_Injection, or the API key lacks the "Send via SMTP" permission (or belongs to the other region).',
          confidence: 'high',
          fixes: [
            { text: 'Use the user name SMTP_Injection.', settings: { username: 'SMTP_Injection' } },
            { text: 'Use an API key with the "Send via SMTP" permission; EU accounts use smtp.eu.sparkpostmail.com.' },
          ],
          deadEnds: [
            { text: 'Using an e-mail address as the user name', why: 'SparkPost expects the literal SMTP_Injection.' },
          ],
          docs: [smtpDoc],
        },
      ],
      samples: ['535 5.7.8 Sorry.'],
      sources: [
        SUPPORT_DOCS,
        "observed:https://github.com/the-refinery/sparkpost_rails/issues/27 ('Net::SMTPAuthenticationError: 535 5.7.8 Sorry.')",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'sparkpost.unconfigured-sending-domain',
      phases: ['mail', 'data'],
      match: { codes: [550], text: 'Unconfigured Sending Domain' },
      standalone: 'Unconfigured Sending Domain',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'unverified-identity',
          title: 'The From domain is not a SparkPost sending domain',
          summary: 'The login worked; the domain of the From address is not set up as a sending domain.',
          confidence: 'high',
          fixes: [{ text: 'Add and verify the sending domain, and use a From address in it.' }],
          deadEnds: [{ text: 'Regenerating API keys', why: 'the login already worked.' }],
        },
      ],
      samples: ['550 5.7.1 Unconfigured Sending Domain <example.com>'],
      sources: [
        SUPPORT_DOCS,
        "observed:https://pastebin.com/xieze6a2 ('550 5.7.1 Unconfigured Sending Domain <localhost>')",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
