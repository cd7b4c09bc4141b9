// Zoho Mail and ZeptoMail: region-specific hosts, app-specific passwords, and their refusals.
import type { ProviderInput } from '../schema.js';

const zohoDoc = { title: 'Zoho Mail: SMTP configuration', url: 'https://www.zoho.com/mail/help/zoho-smtp.html' };

export const zoho: ProviderInput = {
  id: 'zoho',
  name: 'Zoho Mail / ZeptoMail',
  kind: 'mailbox',
  recognise: {
    hosts: [
      'smtp.zoho.com',
      'smtp.zoho.eu',
      'smtp.zoho.in',
      'smtppro.zoho.com',
      'smtppro.zoho.eu',
      'smtppro.zoho.in',
      'smtp.zeptomail.com',
      'smtp.zeptomail.eu',
      'smtp.zeptomail.in',
    ],
    mxHosts: ['mx.zoho.com', 'mx2.zoho.com', 'mx3.zoho.com', 'mx.zoho.eu', 'mx2.zoho.eu', 'mx.zoho.in'],
    emailDomains: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zohomail.eu', 'zoho.in', 'zohomail.in'],
    // Seen from smtp.zoho.com, smtppro.zoho.com and the mx.zoho.com MX alike; no transcript of the .eu/.in hosts
    // was found, so their greeting is not assumed to be the same.
    banner: ['^mx\\.zohomail\\.com SMTP Server ready\\b'],
    ehlo: ['^mx\\.zohomail\\.com Hello\\b'],
    sources: [
      'observed:https://github.com/PHPAuth/PHPAuth/issues/282 (PHPMailer, port 587: "220 mx.zohomail.com SMTP Server ready January 25, 2018 12:17:24 AM PST", "250-mx.zohomail.com Hello …")',
      'observed:https://github.com/jeremydumais/CPP-SMTPClient-library/issues/28 (smtppro.zoho.com:587: "220 mx.zohomail.com SMTP Server ready April 18, 2024 6:38:02 AM PDT", "250-mx.zohomail.com Hello localhost …")',
      'observed:https://github.com/MailCore/mailcore2/issues/646 (smtp.zoho.com:465: "220 mx.zohomail.com SMTP Server ready March 19, 2014 7:53:49 AM PDT")',
    ],
  },
  submission: {
    endpoints: [
      { host: 'smtp.zoho.eu', port: 465, security: 'tls', domains: ['zoho.eu', 'zohomail.eu'], note: 'EU data centre' },
      {
        host: 'smtp.zoho.in',
        port: 465,
        security: 'tls',
        domains: ['zoho.in', 'zohomail.in'],
        note: 'India data centre',
      },
      {
        host: 'smtp.zoho.com',
        port: 465,
        security: 'tls',
        note: 'US data centre; organisation accounts often use smtppro.zoho.<tld>',
      },
      { host: 'smtp.zoho.com', port: 587, security: 'starttls' },
    ],
    username: { form: 'address', text: 'your full Zoho address' },
    secret: 'the account password, or an application-specific password when two-factor authentication is on',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: [
      'The host must match the data centre of the account (the domain of its login page: mail.zoho.eu → smtp.zoho.eu).',
      'The From address must be the account address or one of its aliases.',
    ],
    sources: [
      'https://www.zoho.com/mail/help/zoho-smtp.html (Zoho SMTP configuration; not fetched in full during this research)',
      "observed:https://pastebin.com/az8SpXzp (Zoho text: smtp.zoho.eu 465 SSL / 587 TLS; 'The email address should match the email address/aliases of the account')",
      'observed:https://gist.github.com/frankyxhl/981055b2f1f1698f873dc8e1956d43db (change smtp.zoho.com to smtp.zoho.eu / smtp.zoho.in by region)',
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (Zoho: smtp.zoho.com 465 secure, authMethod LOGIN)',
    ],
    verified: '2026-11-24',
  },
  docs: [zohoDoc],
  signatures: [
    {
      id: 'zoho.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], text: 'Authentication Failed' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          detail: 'region',
          title: 'Zoho rejected the login (wrong data centre or password kind)',
          summary:
            'Frequent causes: the SMTP host belongs to another data centre than the account (smtp.zoho.com for an EU or India account), or two-factor authentication is on and an application-specific password is needed. For ZeptoMail: an invalid Send Mail token or user name.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Use the SMTP host of the account’s data centre (login at mail.zoho.eu → smtp.zoho.eu; mail.zoho.in → smtp.zoho.in).',
            },
            { text: 'With two-factor authentication on, create an application-specific password and use it.' },
            { text: 'ZeptoMail: use the Send Mail token as password, with the user name shown next to it.' },
          ],
          deadEnds: [
            {
              text: 'Resetting the password while still pointing at the wrong region',
              why: 'the other data centre does not know the account.',
            },
          ],
          docs: [zohoDoc],
        },
      ],
      samples: ['535 Authentication Failed'],
      sources: [
        "https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html (ZeptoMail: '535 | Authentication Failed. | Invalid Sendmail token / username.')",
        "observed:https://gist.github.com/amitbend/231cffcf86576432b55f61620db23b58 ('535 authentication failed' with Zoho via nodemailer)",
        'observed:https://gist.github.com/frankyxhl/981055b2f1f1698f873dc8e1956d43db',
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'The exact Zoho Mail wording (case, enhanced code) was not confirmed from a full transcript.',
    },
    {
      id: 'zoho.relaying-disallowed',
      phases: ['mail', 'rcpt', 'data'],
      // Zoho's wording, with or without the address after it ("553 Relaying disallowed" as smtplib prints it); other
      // servers word their relay refusals otherwise (Postfix "Relay access denied", Exim "relay not permitted").
      match: { codes: [553], text: 'Relaying disallowed' },
      standalone: 'Relaying disallowed as',
      causes: [
        {
          finding: 'sender-rejected',
          title: 'The sender address does not belong to this Zoho account',
          summary:
            'The login worked, but MAIL FROM or From is not the account address, one of its aliases, or (ZeptoMail) a verified domain.',
          confidence: 'high',
          fixes: [{ text: 'Send from the logged-in address or a configured alias.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'the login already worked.' }],
        },
      ],
      samples: ['553 Relaying disallowed as alice@example.com'],
      sources: [
        "https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html ('553 | Relaying disallowed as <emailaddress>.')",
        'observed:https://github.com/mybb/mybb/issues/2644 (Zoho returns 553 relaying disallowed when from and sender differ)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
