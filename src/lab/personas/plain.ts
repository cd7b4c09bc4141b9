// Plain persona: a permissive server worded like nodemailer's smtp-server — AUTH in plaintext allowed, any sender.
import type { Persona } from './types.js';

const RUN =
  'observed:nodemailer smtp-server 3.21.6 run on loopback by the lab author (greeting, EHLO, 535, 504, MAIL, RCPT, DATA, RSET, NOOP, unknown command, QUIT)';
const CONNECTION = 'nodemailer/smtp-server@v3.21.6:lib/smtp-connection.js';
const SASL = 'nodemailer/smtp-server@v3.21.6:lib/sasl.js';

export const plain: Persona = {
  id: 'plain',
  name: 'Plain permissive server',
  summary:
    'A development server worded like nodemailer smtp-server: STARTTLS and implicit TLS, AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 even before TLS, unauthenticated sending allowed.',
  providers: ['smtp-server'],
  imitates: {
    host: 'localhost',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'lab.test',
  usernames: { kind: 'any' },
  sampleAccounts: ['alice@lab.test:lab-password-1', 'bob@lab.test token=lab-oauth-token'],
  authBeforeTls: 'allowed',
  tlsRequired: false,
  authRequired: false,
  replies: {
    greeting: { reply: '220 <hostname> ESMTP', sources: [RUN, CONNECTION], verified: true },
    ehlo: {
      reply: [
        '250-<hostname> Nice to meet you, [<client-address>]',
        '250-PIPELINING',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2',
        '250 STARTTLS',
      ].join('\r\n'),
      sources: [RUN, CONNECTION],
      verified: true,
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname> Nice to meet you, [<client-address>]',
        '250-PIPELINING',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2',
        '250 REQUIRETLS',
      ].join('\r\n'),
      sources: [CONNECTION],
      verified: true,
      note: 'smtp-server 3.21 adds REQUIRETLS and drops STARTTLS once the connection is secure',
    },
    helo: { reply: '250 <hostname> Nice to meet you, [<client-address>]', sources: [RUN], verified: true },
    starttlsReady: { reply: '220 Ready to start TLS', sources: [CONNECTION], verified: true },
    starttlsUnavailable: { reply: '503 Error: TLS already active', sources: [CONNECTION], verified: true },
    authUnrecognized: {
      reply: '504 Error: Unrecognized authentication type',
      signature: 'smtp-server-504-unrecognized-authentication-type',
      sources: [RUN, CONNECTION],
      verified: true,
    },
    authChallengePlain: { reply: '334 ', sources: [SASL], verified: true },
    authChallengeXoauth2: { reply: '334 ', sources: [SASL], verified: true },
    authSuccess: { reply: '235 Authentication successful', sources: [SASL], verified: true },
    authRejected: {
      reply: '535 Error: Authentication credentials invalid',
      signature: 'smtp-server-535-authentication-failed',
      sources: [RUN, SASL],
      verified: true,
    },
    authRejectedLogin: {
      reply: '535 Error: Authentication credentials invalid',
      signature: 'smtp-server-535-authentication-failed',
      sources: [SASL],
      verified: true,
    },
    authCancelled: { reply: '501 Authentication aborted', sources: [SASL], verified: true },
    authBadBase64: { reply: '501 Error: invalid userdata', sources: [SASL], verified: true },
    authAlreadyDone: {
      reply: '503 Error: No identity changes permitted',
      signature: 'smtp-server-503-no-identity-changes',
      sources: [CONNECTION],
      verified: true,
    },
    xoauth2ErrorChallenge: {
      reply: '334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=',
      signature: 'smtp-server-xoauth2-failure',
      sources: [SASL],
      verified: false,
      note: 'smtp-server sends whatever JSON the application returns; the lab returns {"status":"401","schemes":"bearer"}',
    },
    xoauth2Rejected: {
      reply: '535 Error: Username and Password not accepted',
      signature: 'smtp-server-xoauth2-failure',
      sources: [SASL],
      verified: true,
    },
    authRequired: {
      reply: '530 Error: authentication Required',
      signature: 'smtp-server-530-authentication-required',
      sources: [CONNECTION],
      verified: true,
    },
    mailOk: { reply: '250 Accepted', sources: [RUN], verified: true },
    mailNested: { reply: '503 Error: nested MAIL command', sources: [CONNECTION], verified: true },
    mailSyntax: { reply: '501 Error: Bad sender address syntax', sources: [CONNECTION], verified: true },
    rcptOk: { reply: '250 Accepted', sources: [RUN], verified: true },
    rcptNeedMail: { reply: '503 Error: need MAIL command', sources: [CONNECTION], verified: true },
    rcptSyntax: { reply: '501 Error: Bad recipient address syntax', sources: [CONNECTION], verified: true },
    dataGo: { reply: '354 End data with <CR><LF>.<CR><LF>', sources: [RUN], verified: true },
    dataOk: { reply: '250 OK: message queued', sources: [RUN], verified: true },
    dataNeedRcpt: { reply: '503 Error: need RCPT command', sources: [CONNECTION], verified: true },
    rset: { reply: '250 Flushed', sources: [RUN], verified: true },
    noop: { reply: '250 OK', sources: [RUN], verified: true },
    quit: { reply: '221 Bye', sources: [RUN], verified: true },
    authTemporaryFailure: {
      reply: '454 4.7.0 Temporary authentication failure',
      signature: 'rfc4954-454-temporary-auth-failure',
      sources: [SASL, 'https://www.rfc-editor.org/rfc/rfc4954#section-6'],
      verified: false,
      note: "smtp-server sends whatever onAuth returns; the lab returns RFC 4954's text",
    },
    accountLocked: {
      reply: '525 5.7.13 User Account Disabled',
      signature: 'rfc5248-525-account-disabled',
      sources: [SASL, 'https://www.rfc-editor.org/rfc/rfc5248#section-2.4'],
      verified: false,
      note: "smtp-server sends whatever onAuth returns; the lab returns RFC 5248's text",
    },
    unknownCommand: { reply: '500 Error: command not recognized', sources: [RUN], verified: true },
    needHelo: { reply: '503 Error: send HELO/EHLO first', sources: [CONNECTION], verified: true },
    syntaxError: {
      reply: '501 Error: Bad hostname syntax',
      sources: [CONNECTION],
      verified: false,
      note: 'smtp-server words syntax errors per command; the lab uses its EHLO wording for all',
    },
  },
  states: {
    locked: {
      reply: 'accountLocked',
      when: 'always',
      mechanisms: 'all',
    },
    'temp-failure': { reply: 'authTemporaryFailure', when: 'always', mechanisms: 'all' },
  },
};
