// Plain persona: a permissive server worded like nodemailer's smtp-server — AUTH in plaintext allowed, any sender.
import { rfc } from '../../knowledge/providers/rfc.js';
import { smtpServer } from '../../knowledge/providers/smtp-server.js';
import { knownReplies } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(smtpServer);
/** smtp-server sends whatever the application's onAuth returns; for these account states the lab returns the RFC's text. */
const rfcReply = knownReplies(rfc);
const ON_AUTH = "smtp-server sends whatever onAuth returns; the lab returns the RFC's text";

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
    authUnrecognized: known('smtp-server.unrecognized-authentication-type'),
    authChallengePlain: { reply: '334 ', sources: [SASL], verified: true },
    authChallengeXoauth2: { reply: '334 ', sources: [SASL], verified: true },
    authSuccess: { reply: '235 Authentication successful', sources: [SASL], verified: true },
    authRejected: known('smtp-server.credentials-invalid'),
    authCancelled: { reply: '501 Authentication aborted', sources: [SASL], verified: true },
    authBadBase64: {
      // Not a knowledge sample yet: explain does not read "501 Error: invalid userdata" after a log prefix.
      reply: '501 Error: invalid userdata',
      sources: [SASL],
      verified: true,
    },
    authAlreadyDone: known('smtp-server.no-identity-changes'),
    xoauth2ErrorChallenge: {
      reply: '334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=',
      sources: [SASL],
      verified: false,
      note: 'smtp-server sends whatever JSON the application returns; the lab returns {"status":"401","schemes":"bearer"}',
    },
    xoauth2Rejected: known('smtp-server.xoauth2-rejected'),
    authRequired: known('smtp-server.authentication-required'),
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
    authTemporaryFailure: rfcReply('rfc.temporary-auth-failure', { note: ON_AUTH }),
    accountLocked: rfcReply('rfc.account-disabled', { note: ON_AUTH }),
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
