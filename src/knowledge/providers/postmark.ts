// Postmark: Server API token as both user name and password (or an SMTP token pair); Postfix-style replies.
import type { ProviderInput } from '../schema.js';

const smtpDoc = {
  title: 'Postmark: how to send email with SMTP',
  url: 'https://postmarkapp.com/support/article/811-how-to-send-email-with-smtp',
};

export const postmark: ProviderInput = {
  id: 'postmark',
  name: 'Postmark',
  kind: 'transactional',
  recognise: { hosts: ['smtp.postmarkapp.com', 'smtp-broadcasts.postmarkapp.com'] },
  submission: {
    endpoints: [
      { host: 'smtp.postmarkapp.com', port: 587, security: 'starttls' },
      { host: 'smtp.postmarkapp.com', port: 2525, security: 'starttls' },
      { host: 'smtp.postmarkapp.com', port: 25, security: 'starttls' },
    ],
    username: {
      form: 'token',
      text: 'the Server API token (the same value as the password), or the access key of an SMTP token',
    },
    secret: 'the Server API token, or the secret key of an SMTP token',
    mechanisms: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    notes: [
      'Postmark does not list port 465. With the Server API token, choose the message stream with the X-PM-Message-Stream header.',
    ],
    sources: [
      'https://postmarkapp.com/support/article/811-how-to-send-email-with-smtp (hosts, ports 25/2525/587, STARTTLS, Server API token as username and password, SMTP tokens)',
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (Postmark: smtp.postmarkapp.com 2525)',
    ],
    verified: '2026-11-24',
  },
  docs: [smtpDoc],
  signatures: [
    {
      id: 'postmark.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], text: 'Error: authentication failed' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          detail: 'server-token',
          title: 'Postmark wants the Server API token',
          summary:
            'Postmark refused the login: typically the account user name and password, or the Account API token, were used; or token and user name do not belong together.',
          confidence: 'high',
          fixes: [
            { text: 'Use the Server API token (the server’s API Tokens tab) as both the user name and the password.' },
            { text: 'Or create an SMTP token for the message stream and use its access key and secret key.' },
          ],
          deadEnds: [
            { text: 'Adding an X-Postmark-Server-Token header', why: 'that header is for the HTTP API, not SMTP.' },
          ],
          docs: [smtpDoc],
        },
      ],
      samples: ['535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', '535 5.7.8 Error: authentication failed: '],
      sources: [
        "observed:https://github.com/mautic/mautic/issues/1700 ('535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6')",
        "observed:https://github.com/nodemailer/nodemailer-wellknown/issues/14 ('535 5.7.8 Error: authentication failed: ')",
        'observed:https://github.com/symfony/symfony/issues/48284 (CRAM-MD5/LOGIN/PLAIN all 535 5.7.8)',
        'https://postmarkapp.com/support/article/811-how-to-send-email-with-smtp',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes:
        '"UGFzc3dvcmQ6" is base64 for "Password:", echoed back by the Postfix-style front end; it is not a reason.',
    },
    {
      id: 'postmark.not-a-sender-signature',
      phases: ['mail', 'data'],
      match: { codes: [550], text: 'is not a Sender Signature on your account' },
      standalone: 'is not a Sender Signature on your account',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'unverified-identity',
          title: 'The From address is not a confirmed Postmark Sender Signature',
          summary:
            'Postmark sends only from addresses confirmed as Sender Signatures, or from a verified domain, of the account. The login is not what is refused.',
          confidence: 'high',
          fixes: [
            {
              text: 'Send from a confirmed Sender Signature, or add and confirm this address (or its domain) in Postmark.',
            },
          ],
          deadEnds: [{ text: 'A new Server API token', why: 'the token is not what is refused.' }],
          docs: [smtpDoc],
        },
      ],
      samples: [
        "550 The 'From' address you supplied (alice@example.com) is not a Sender Signature on your account. Please add and confirm this address in order to be able to use it in the 'From' field of your messages.",
      ],
      sources: [
        'https://postmarkapp.com/developer/api/overview#error-codes (400: Sender signature not found)',
        "observed:https://github.com/feedadoc/feedadoc/pull/110 ('The 'From' address you supplied … is not a Sender Signature on your account'; fixed by sending only from a confirmed signature)",
      ],
      verified: '2026-12-07',
      certainty: 'reported',
      notes: 'The reply code Postmark gives this text over SMTP was not seen in a transcript.',
    },
  ],
};
