// Mailjet: API key as user name and secret key as password; its exact current refusal text is not sourced.
import type { ProviderInput } from '../schema.js';

export const mailjet: ProviderInput = {
  id: 'mailjet',
  name: 'Mailjet',
  kind: 'transactional',
  recognise: { hosts: ['in-v3.mailjet.com', 'in.mailjet.com'] },
  submission: {
    endpoints: [
      { host: 'in-v3.mailjet.com', port: 587, security: 'starttls' },
      { host: 'in-v3.mailjet.com', port: 465, security: 'tls' },
      { host: 'in-v3.mailjet.com', port: 2525, security: 'starttls' },
    ],
    username: { form: 'access-key', text: 'the Mailjet API key (public key)' },
    secret: 'the Mailjet secret key of the same (sub-)account',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: ['After a secret-key reset the old key keeps working for SMTP for more than an hour.'],
    sources: [
      'https://rubydoc.info/gems/mailjet/Mailjet/Mailer (official gem: in-v3.mailjet.com, 587, plain, api_key/secret_key, STARTTLS)',
      'https://sendy.co/mailjet (API Key -> Username, Secret Key -> Password)',
      'https://documentation.mailjet.com/hc/en-us/articles/360043227053-How-to-reset-my-Secret-Key- (old key valid > 1 hour for SMTP)',
    ],
    verified: '2026-11-24',
  },
  docs: [
    {
      title: 'Mailjet: API key and secret key',
      url: 'https://www.mailjet.com/support/what-are-the-api-key-and-secret-keys-how-should-i-use-them,109.htm',
    },
  ],
  signatures: [
    {
      id: 'mailjet.authentication-failed',
      phases: ['auth'],
      match: { codes: [535, 435], text: 'authentication failed' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Mailjet rejected the key pair',
          summary:
            'The API key and secret key do not match: the account password was used, key and secret were swapped, the key is deactivated, or they come from different (sub-)accounts.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Use the API key as the user name and the secret key as the password, both from the same (sub-)account (Account settings → API key management).',
            },
          ],
          deadEnds: [{ text: 'Using the Mailjet login password', why: 'SMTP accepts only the key pair.' }],
        },
      ],
      samples: ['435 4.7.8 Error: authentication failed:'],
      sources: [
        "https://smtptester.org/guides/mailjet-smtp-test/ (535 'Authentication failed' causes)",
        "observed:https://github.com/mailjet/mailjet-gem/issues/14 and /17 ('435 4.7.8 Error: authentication failed:' - 2014, Postfix-style reply in soft-bounce mode)",
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'Mailjet’s current 535 wording was not found in a primary source; the sample is the 2014 transcript.',
    },
  ],
};
