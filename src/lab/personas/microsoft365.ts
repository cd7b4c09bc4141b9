// Microsoft 365 persona (smtp.office365.com:587): AUTH LOGIN XOAUTH2 only after STARTTLS, the 535 5.7.139 family.
import { microsoft365 as microsoft365Knowledge } from '../../knowledge/providers/microsoft365.js';
import { knownReplies, submissionListeners, submissionUsernames } from './from-knowledge.js';
import type { Persona } from './types.js';

const DUMP =
  'observed:public transcript, search index id 60245553389 (Net::SMTP debug against smtp.office365.com:587: banner, EHLO before and after STARTTLS)';
const PHP =
  'observed:public transcript, search index id 51970297327 (PHP debug against smtp.office365.com:587: EHLO before/after STARTTLS, MAIL, RCPT, DATA)';
const SMTPLIB =
  'observed:public transcript, search index id 43836070631 (Python smtplib against smtp.office365.com: 235, 250, 354, 221)';
/**
 * Exchange Online ends a refusal with a bracketed diagnostic (server, and on newer replies a timestamp and an id):
 * the lab fills it per session.
 */
const known = knownReplies(microsoft365Knowledge, {
  '<server> <timestamp> <id>': /(?<=\[)\S+ \S+ \S+(?=\]$)/,
  '<server>': /(?<=\[)\S+(?=\]$)/,
});

export const microsoft365: Persona = {
  id: 'microsoft365',
  name: 'Microsoft 365 (Exchange Online)',
  summary:
    'smtp.office365.com: STARTTLS on 587 only (465 is not offered for client submission); AUTH LOGIN XOAUTH2 only after TLS; refusals are 535 5.7.139 with a reason.',
  providers: ['microsoft365'],
  imitates: submissionListeners(microsoft365Knowledge),
  hostname: 'smtp.office365.com',
  vars: {
    'server-host': 'LAB0PR01CA0001.outlook.office365.com',
    server: 'LAB0PR01CA0001.LABPRD01.PROD.OUTLOOK.COM',
  },
  usernames: submissionUsernames(microsoft365Knowledge),
  sampleAccounts: [
    'alice@lab.test:lab-password-1',
    'bob@lab.test:lab-password-2 basic-auth-disabled token=eyJ0eXAiOi.lab-bob-token refresh-token=lab-bob-refresh client=lab-client:lab-secret',
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
    authBeforeTls: known('microsoft365.unrecognized-auth-type'),
    authUnrecognized: known('microsoft365.unrecognized-auth-type'),
    authChallengeXoauth2: {
      reply: '334 ',
      sources: [
        'observed:public transcript, search index id 25013493813 (AUTH XOAUTH2 on smtp.office365.com answered with an empty 334)',
      ],
      verified: true,
    },
    authSuccess: { reply: '235 2.7.0 Authentication successful', sources: [SMTPLIB], verified: true },
    authRejected: known('microsoft365.credentials-incorrect'),
    xoauth2Rejected: known('microsoft365.authentication-unsuccessful'),
    basicAuthDisabled: known('microsoft365.basic-auth-disabled'),
    smtpAuthDisabledTenant: known('microsoft365.smtp-auth-disabled-tenant'),
    smtpAuthDisabledMailbox: known('microsoft365.smtp-auth-disabled-mailbox'),
    securityDefaults: known('microsoft365.security-defaults'),
    conditionalAccess: known('microsoft365.conditional-access'),
    accountLocked: known('microsoft365.account-locked'),
    // Entra smart lockout: after too many failed sign-ins the account is locked for a while, and says so.
    authRateLimited: known('microsoft365.account-locked'),
    authRequired: known('microsoft365.client-not-authenticated'),
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
