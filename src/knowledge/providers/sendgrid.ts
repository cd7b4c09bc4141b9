// Twilio SendGrid: the user name is the literal word "apikey" and the password an API key; its replies.
import type { ProviderInput } from '../schema.js';

const SMTP_API = 'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api';
const ERRORS = 'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/smtp-errors-and-troubleshooting';
const smtpDoc = { title: 'SendGrid: integrating with the SMTP API', url: SMTP_API };

export const sendgrid: ProviderInput = {
  id: 'sendgrid',
  name: 'Twilio SendGrid',
  kind: 'transactional',
  recognise: {
    hosts: ['smtp.sendgrid.net', 'smtp.sendgrid.com'],
    // "220 SG ESMTP service ready at ismtpd0013p1las1.sendgrid.net" and "250-smtp.sendgrid.net" in several
    // independent telnet transcripts (search index ids 1745271075, 36025789558, 13768259193).
    banner: ['^SG ESMTP service ready\\b', '\\.sendgrid\\.net$'],
    ehlo: ['^smtp\\.sendgrid\\.net\\b'],
  },
  submission: {
    endpoints: [
      { host: 'smtp.sendgrid.net', port: 587, security: 'starttls' },
      { host: 'smtp.sendgrid.net', port: 465, security: 'tls' },
      { host: 'smtp.sendgrid.net', port: 2525, security: 'starttls' },
      { host: 'smtp.sendgrid.net', port: 25, security: 'starttls' },
    ],
    username: { form: 'literal', literal: 'apikey', text: 'the literal word apikey' },
    secret: 'a SendGrid API key (starts with SG.) with the Mail Send permission',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: [],
    sources: [SMTP_API, ERRORS],
    verified: '2026-11-24',
  },
  docs: [smtpDoc],
  signatures: [
    {
      id: 'sendgrid.bad-username-password',
      phases: ['auth'],
      match: { codes: [535], text: 'Authentication failed: Bad username / password' },
      // One reply for both halves of the login: which half is wrong follows from the user name, when it is known.
      // When it is not, a refused key comes first: in the corpus's texts without the user name the key was what failed
      // more often than the user name.
      standalone: 'Authentication failed: Bad username / password',
      causes: [
        {
          finding: 'credentials-rejected',
          detail: 'api-key',
          title: 'SendGrid rejected the API key',
          summary:
            'The user name is apikey as required, so the key itself was refused: it was deleted or regenerated, copied incompletely, or whitespace or a newline got into the stored value (a key read from a file or an environment file often keeps a trailing newline).',
          confidence: 'high',
          when: { usernameForm: true },
          fixes: [
            { text: 'Paste the whole API key (it starts with "SG.") without whitespace or newlines around it.' },
            {
              text: 'Check the key the running app really reads (its environment or secret store), not the one in your notes.',
            },
            { text: 'If unsure the key still exists, create a new one with the Mail Send permission.' },
          ],
          deadEnds: [
            { text: 'Changing the user name', why: 'apikey is what SendGrid wants.' },
            {
              topic: 'switch-ports',
              text: 'Switching between ports 587, 465 and 2525',
              why: 'the verdict is on the credentials.',
            },
            { text: 'Two-factor settings of the SendGrid login', why: 'SMTP uses API keys only.' },
          ],
          docs: [smtpDoc],
        },
        {
          finding: 'username-format',
          detail: 'literal',
          title: 'SendGrid wants the user name "apikey"',
          summary:
            'The SMTP user name must be the literal word apikey (lower case); the account user name or e-mail address is refused with this reply. The API key goes in the password field.',
          confidence: 'high',
          when: { usernameForm: false },
          fixes: [
            { text: 'Set the user name to exactly apikey (lower case).', settings: { username: 'apikey' } },
            { text: 'Put the API key (it starts with "SG.") in the password field.' },
          ],
          deadEnds: [
            {
              topic: 'switch-ports',
              text: 'Switching between ports 587, 465 and 2525',
              why: 'the verdict is on the credentials.',
            },
            { text: 'Creating a new API key first', why: 'the user name is refused before the key matters.' },
          ],
          docs: [smtpDoc],
        },
      ],
      samples: ['535 Authentication failed: Bad username / password'],
      sources: [
        SMTP_API,
        ERRORS,
        'observed:https://github.com/metabase/metabase/issues/12532 (SMTP 535 Authentication fails for Sendgrid)',
        'observed:https://github.com/chatwoot/chatwoot/issues/9188 (working config SMTP_USERNAME=apikey)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'sendgrid.maximum-credits-exceeded',
      phases: ['auth'],
      match: { codes: [451], text: 'Maximum credits exceeded' },
      standalone: 'Authentication failed: Maximum credits exceeded',
      causes: [
        {
          finding: 'quota-exceeded',
          title: 'The SendGrid account is out of sending credits',
          summary: 'The plan limit is used up. The reply says "Authentication failed", but the key is fine.',
          confidence: 'high',
          fixes: [
            { text: 'Upgrade the plan or wait for the credit reset; check the account status in the SendGrid UI.' },
          ],
          deadEnds: [{ text: 'Rotating API keys', why: 'the key is fine.' }],
        },
      ],
      samples: ['451 Authentication failed: Maximum credits exceeded'],
      sources: [ERRORS],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'sendgrid.could-not-authenticate',
      phases: ['auth'],
      match: { codes: [451], text: 'Authentication failed: Could not authenticate' },
      causes: [
        {
          finding: 'ip-not-allowed',
          title: 'This IP address is probably not on the SendGrid allow list',
          summary:
            'IP Access Management is on for the account and the client’s public IP is not allowed (reported by users; SendGrid does not document this text).',
          confidence: 'medium',
          fixes: [
            {
              text: 'Add the sending server’s public IP under Settings → IP Access Management, or turn the allow list off.',
            },
          ],
          deadEnds: [
            { topic: 'regenerate-api-key', text: 'Regenerating the API key', why: 'the key is not what is refused.' },
          ],
        },
      ],
      samples: ['451 Authentication failed: Could not authenticate'],
      sources: [
        'observed:https://community.auth0.com/t/sendgrid-smtp-451-authentication-failed-could-not-authenticate/188321 (resolved by IP Access Management)',
      ],
      verified: '2026-11-24',
      certainty: 'reported',
    },
    {
      id: 'sendgrid.sender-identity-not-verified',
      phases: ['mail', 'data'],
      match: { codes: [550], text: 'does not match a verified Sender Identity' },
      standalone: 'does not match a verified Sender Identity',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'unverified-identity',
          title: 'The From address is not a verified SendGrid sender',
          summary:
            'The login worked; the From address is not a verified Single Sender and not on an authenticated domain.',
          confidence: 'high',
          fixes: [
            {
              text: 'Verify the From address (Single Sender Verification) or authenticate its domain, and send with that From.',
            },
          ],
          deadEnds: [
            { topic: 'regenerate-api-key', text: 'Regenerating the API key', why: 'the login already worked.' },
          ],
        },
      ],
      samples: [
        '550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements',
      ],
      sources: [
        'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/sender-identity',
        "observed:https://github.com/sahat/hackathon-starter/issues/1083 (nodemailer: response '550 The from address does not match a verified Sender Identity...')",
        'observed:https://github.com/chatwoot/chatwoot/issues/2541',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'sendgrid.unauthenticated-senders',
      phases: ['mail', 'rcpt'],
      match: { codes: [550], text: 'Unauthenticated senders not allowed' },
      standalone: 'Unauthenticated senders not allowed',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'SendGrid got mail without a login',
          summary:
            'SendGrid takes mail only from a session that logged in with the user name apikey and an API key as the password. This client reached MAIL FROM without that login: no credentials configured, AUTH skipped, or a login that failed and was ignored.',
          confidence: 'high',
          fixes: [
            {
              text: 'Log in with the user name apikey (literally) and an API key with the Mail Send permission as the password.',
              settings: { username: 'apikey' },
            },
            {
              text: 'Make sure the client authenticates before sending (authentication on, STARTTLS on port 587).',
              settings: { port: 587, security: 'starttls' },
            },
          ],
          deadEnds: [
            {
              topic: 'account-password',
              text: 'Logging in with the SendGrid account’s user name and password',
              why: 'SendGrid accepts only API keys for SMTP.',
            },
          ],
        },
      ],
      samples: ['550 Unauthenticated senders not allowed'],
      sources: [
        ERRORS,
        'observed:https://github.com/sendgrid/docs/issues/6473 (SMTP Error: 550 Unauthenticated senders not allowed)',
        'observed:https://github.com/Billionmail/BillionMail/issues/171 (host smtp.sendgrid.net said: 550 Unauthenticated senders not allowed (in reply to MAIL FROM command))',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'sendgrid.authorization-grant-invalid',
      phases: ['auth'],
      match: { codes: [535], text: 'The provided authorization grant is invalid, expired, or revoked' },
      standalone: 'The provided authorization grant is invalid, expired, or revoked',
      causes: [
        {
          finding: 'credentials-rejected',
          detail: 'api-key',
          title: 'SendGrid does not accept this API key',
          summary:
            'The password is not a valid SendGrid API key: it was deleted or revoked, mistyped or cut short, or belongs to another account. SendGrid answers this for the API key, not for the user name.',
          confidence: 'high',
          fixes: [
            {
              text: 'Create a new API key with the Mail Send permission (Settings → API Keys) and use it as the password, with the user name apikey.',
              settings: { username: 'apikey' },
            },
            { text: 'Paste the whole key (it starts with SG. and is 69 characters long), without spaces or quotes.' },
          ],
          deadEnds: [
            {
              topic: 'account-password',
              text: 'Logging in with the SendGrid account’s password',
              why: 'SendGrid accepts only API keys for SMTP.',
            },
          ],
        },
      ],
      samples: ['535 Authentication failed: The provided authorization grant is invalid, expired, or revoked'],
      sources: [
        SMTP_API,
        "observed:https://github.com/bertjohnson/OpaqueMail/issues/74 (smtp.sendgrid.net: Received '535 Authentication failed: The provided authorization grant is invalid, expired, or revoked')",
        'observed:https://github.com/sendgrid/sendgrid-nodejs/issues/1105 (user apikey, port 587: the same text)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'sendgrid.messaging-limits-exceeded',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [451], text: 'exceeded your messaging limits' },
      standalone: "You(?:'|’|\\\\')?ve exceeded your messaging limits|You have exceeded your messaging limits",
      causes: [
        {
          finding: 'quota-exceeded',
          title: 'The SendGrid account has used up its sending limit',
          summary:
            'SendGrid refuses further messages because the account reached its plan’s sending limit (daily on the free plan). The API key is fine.',
          confidence: 'high',
          fixes: [
            {
              text: 'Check the account’s usage in the SendGrid UI; wait for the limit to reset or upgrade the plan.',
            },
          ],
          deadEnds: [
            { topic: 'regenerate-api-key', text: 'Regenerating the API key', why: 'the key is not what is refused.' },
          ],
          docs: [smtpDoc],
        },
      ],
      samples: ["451 You've exceeded your messaging limits"],
      sources: [
        'observed:https://github.com/WA-WF-Bot/WA-WF-Bot-Public/issues/282 (SwiftMailer via SendGrid: \'Expected response code 250 but got code "451", with message "451 You\'ve exceeded your messaging limits\')',
        "observed:https://github.com/sendgrid/sendgrid-php/issues/931 (the Web API's wording for the same limit: 403 'You have exceeded your messaging limits')",
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
  ],
};
