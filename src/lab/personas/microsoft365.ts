// Microsoft 365 persona (smtp.office365.com:587): AUTH LOGIN XOAUTH2 only after STARTTLS, the 535 5.7.139 family.
import type { Persona, SourcedReply } from './types.js';

const DUMP =
  'observed:public transcript, search index id 60245553389 (Net::SMTP debug against smtp.office365.com:587: banner, EHLO before and after STARTTLS)';
const PHP =
  'observed:public transcript, search index id 51970297327 (PHP debug against smtp.office365.com:587: EHLO before/after STARTTLS, MAIL, RCPT, DATA)';
const SMTPLIB =
  'observed:public transcript, search index id 43836070631 (Python smtplib against smtp.office365.com: 235, 250, 354, 221)';
const AUTH_DOC =
  'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission (aka.ms/smtp_auth_disabled)';
const DYNAMICS =
  'MicrosoftDocs/dynamics-365-unified-operations-public@0091ec8:articles/fin-ops-core/fin-ops/organization-administration/configure-email.md (Microsoft troubleshooting table for these 5.7.139 texts)';
const DIAG_TAIL = 'the bracketed diagnostic tail ([server timestamp id]) is filled by the lab in the observed form';

function fivethreefive(text: string, signature: string, sources: string[], verified = true): SourcedReply {
  return {
    reply: `535 5.7.139 Authentication unsuccessful, ${text} [<server> <timestamp> <id>]`,
    signature,
    sources,
    verified,
    note: DIAG_TAIL,
  };
}

export const microsoft365: Persona = {
  id: 'microsoft365',
  name: 'Microsoft 365 (Exchange Online)',
  summary:
    'smtp.office365.com: STARTTLS on 587 only (465 is not offered for client submission); AUTH LOGIN XOAUTH2 only after TLS; refusals are 535 5.7.139 with a reason.',
  providers: ['microsoft365'],
  imitates: { host: 'smtp.office365.com', listeners: [{ security: 'starttls', port: 587 }] },
  hostname: 'smtp.office365.com',
  vars: {
    'server-host': 'LAB0PR01CA0001.outlook.office365.com',
    server: 'LAB0PR01CA0001.LABPRD01.PROD.OUTLOOK.COM',
  },
  usernames: { kind: 'email', note: 'the full mailbox address (UPN) of a licensed Exchange Online mailbox' },
  sampleAccounts: [
    'alice@lab.test:lab-password-1',
    'bob@lab.test:lab-password-2 basic-auth-disabled token=eyJ0eXAiOi.lab-bob-token',
    'dora@lab.test:lab-password-3 tenant-smtp-auth-disabled',
  ],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 <server-host> Microsoft ESMTP MAIL Service ready at <date> [<id>]',
      sources: [
        DUMP,
        'observed:public transcript, search index id 51970297327 (220 SY5P282CA0097.outlook.office365.com Microsoft ESMTP MAIL Service ready at Sun, 23 Nov 2025 11:12:20 +0000 [08DE2A6028D26C22])',
      ],
      verified: true,
      note: 'server name and id are lab values of the observed shape',
    },
    ehlo: {
      reply: [
        '250-<server-host> Hello [<client-address>]',
        '250-SIZE 157286400',
        '250-PIPELINING',
        '250-DSN',
        '250-ENHANCEDSTATUSCODES',
        '250-STARTTLS',
        '250-8BITMIME',
        '250-BINARYMIME',
        '250-CHUNKING',
        '250 SMTPUTF8',
      ].join('\r\n'),
      sources: [DUMP, PHP, '/work/shared/reference/protocol-security.md §2.9 (pre-TLS EHLO has no AUTH)'],
      verified: true,
    },
    ehloAfterTls: {
      reply: [
        '250-<server-host> Hello [<client-address>]',
        '250-SIZE 157286400',
        '250-PIPELINING',
        '250-DSN',
        '250-ENHANCEDSTATUSCODES',
        '250-AUTH LOGIN XOAUTH2',
        '250-8BITMIME',
        '250-BINARYMIME',
        '250-CHUNKING',
        '250 SMTPUTF8',
      ].join('\r\n'),
      signature: 'm365-settings',
      sources: [DUMP, PHP],
      verified: true,
    },
    helo: {
      reply: '250 <server-host> Hello [<client-address>]',
      sources: [
        'observed:public transcript, search index id 25013493813 (250 BY3PR04CA0028.outlook.office365.com Hello [134.195.101.47])',
      ],
      verified: true,
    },
    starttlsReady: { reply: '220 2.0.0 SMTP server ready', sources: [DUMP, PHP], verified: true },
    authBeforeTls: {
      reply: '504 5.7.4 Unrecognized authentication type',
      signature: 'exchange-504-5.7.4-unrecognized-auth-type',
      sources: [
        'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/connectors/receive-connectors.md',
      ],
      verified: false,
      note: 'Exchange Server wording for AUTH the connector does not offer before TLS; no Exchange Online transcript of this case was found',
    },
    authUnrecognized: {
      reply: '504 5.7.4 Unrecognized authentication type',
      signature: 'exchange-504-5.7.4-unrecognized-auth-type',
      sources: [
        'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/connectors/receive-connectors.md',
      ],
      verified: false,
      note: 'Exchange Server wording; assumed shared by Exchange Online',
    },
    authChallengeXoauth2: {
      reply: '334 ',
      sources: [
        'observed:public transcript, search index id 25013493813 (AUTH XOAUTH2 on smtp.office365.com answered with an empty 334)',
      ],
      verified: true,
    },
    authSuccess: { reply: '235 2.7.0 Authentication successful', sources: [SMTPLIB], verified: true },
    authRejected: fivethreefive('the user credentials were incorrect.', 'm365-535-5.7.139-credentials-incorrect', [
      'observed:https://github.com/codassassin/email-bomber-v2.0/issues/1',
    ]),
    authRejectedLogin: fivethreefive('the user credentials were incorrect.', 'm365-535-5.7.139-credentials-incorrect', [
      'observed:https://github.com/codassassin/email-bomber-v2.0/issues/1',
    ]),
    xoauth2Rejected: {
      reply: '535 5.7.3 Authentication unsuccessful [<server> <timestamp> <id>]',
      signature: 'm365-535-5.7.3-authentication-unsuccessful',
      sources: [
        'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth',
        'observed:https://github.com/TheNetworg/oauth2-azure/issues/213 (bad token / Graph audience)',
      ],
      verified: true,
      note: DIAG_TAIL,
    },
    basicAuthDisabled: fivethreefive('basic authentication is disabled.', 'm365-535-5.7.139-basic-auth-disabled', [
      'observed:https://github.com/nodemailer/nodemailer/issues/1714',
      'observed:https://github.com/lukevella/rallly/issues/3154',
    ]),
    smtpAuthDisabledTenant: fivethreefive(
      'SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
      'm365-535-5.7.139-smtpclientauth-disabled-tenant',
      [AUTH_DOC, 'observed:https://github.com/nodemailer/nodemailer/issues/1484'],
    ),
    smtpAuthDisabledMailbox: fivethreefive(
      'SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.',
      'm365-535-5.7.139-smtpclientauth-disabled-mailbox',
      [AUTH_DOC, DYNAMICS],
    ),
    securityDefaults: fivethreefive(
      "user is locked by your organization's security defaults policy. Contact your administrator.",
      'm365-535-5.7.139-security-defaults',
      ['observed:https://github.com/MicrosoftDocs/OfficeDocs-Exchange/issues/2075'],
    ),
    conditionalAccess: fivethreefive(
      'the request did not meet the criteria to be authenticated successfully. Contact your administrator.',
      'm365-535-5.7.139-conditional-access',
      [DYNAMICS, 'observed:https://pastebin.com/hwMNCYq9'],
    ),
    accountLocked: fivethreefive(
      'account locked. Contact your administrator.',
      'm365-535-5.7.139-account-locked',
      ['observed: .NET/nodemailer transcripts quoted in signatures.yaml (no issue URL found)'],
      false,
    ),
    // Entra smart lockout: after too many failed sign-ins the account is locked for a while, and says so.
    authRateLimited: fivethreefive(
      'account locked. Contact your administrator.',
      'm365-535-5.7.139-account-locked',
      [
        'observed: .NET/nodemailer transcripts quoted in signatures.yaml (no issue URL found)',
        'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-password-smart-lockout',
      ],
      false,
    ),
    authRequired: {
      reply: '530 5.7.57 Client not authenticated to send mail. [<server> <timestamp> <id>]',
      signature: 'm365-530-5.7.57-client-not-authenticated',
      sources: [
        'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeOnline/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-57-in-exchange-online.md',
      ],
      verified: true,
      note: DIAG_TAIL,
    },
    mailOk: { reply: '250 2.1.0 Sender OK', sources: [PHP, SMTPLIB], verified: true },
    rcptOk: { reply: '250 2.1.5 Recipient OK', sources: [PHP, SMTPLIB], verified: true },
    dataGo: { reply: '354 Start mail input; end with <CRLF>.<CRLF>', sources: [PHP, SMTPLIB], verified: true },
    dataOk: {
      reply: '250 2.0.0 OK <message-id> [Hostname=<server>]',
      sources: ['smtp-doctor lab'],
      verified: false,
      note: 'no transcript of the end-of-data reply was found; lab wording',
    },
    quit: { reply: '221 2.0.0 Service closing transmission channel', sources: [SMTPLIB], verified: true },
  },
  states: {
    'basic-auth-disabled': { reply: 'basicAuthDisabled', when: 'always', mechanisms: 'password' },
    'oauth-only': { reply: 'basicAuthDisabled', when: 'always', mechanisms: 'password' },
    'smtp-auth-disabled': { reply: 'smtpAuthDisabledMailbox', when: 'always', mechanisms: 'all' },
    'tenant-smtp-auth-disabled': { reply: 'smtpAuthDisabledTenant', when: 'always', mechanisms: 'all' },
    'security-defaults': { reply: 'securityDefaults', when: 'always', mechanisms: 'password' },
    'conditional-access': { reply: 'conditionalAccess', when: 'always', mechanisms: 'password' },
    locked: {
      reply: 'accountLocked',
      when: 'always',
      mechanisms: 'all',
      note: 'wording observed but not documented by Microsoft',
    },
    '2sv': {
      reply: 'authRejected',
      when: 'right-secret',
      mechanisms: 'password',
      note: 'reported: the normal password of an MFA user gets "the user credentials were incorrect"',
    },
  },
};
