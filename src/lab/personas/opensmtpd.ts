// OpenSMTPD persona (6.8 / 7.x, "listen … tls … auth" and "smtps … auth"): 503 5.5.1 before TLS, 535 Authentication failed.
import { opensmtpd as opensmtpdKnowledge } from '../../knowledge/providers/opensmtpd.js';
import { knownReplies } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(opensmtpdKnowledge);

const SESSION = 'OpenSMTPD/OpenSMTPD@v6.8.0p2:usr.sbin/smtpd/smtp_session.c';
/** The reply formats are the same, byte for byte, in the newest release. */
const SESSION_7 = 'OpenSMTPD/OpenSMTPD@7.8.0p1:usr.sbin/smtpd/smtp_session.c';
/** esc_code() and esc_description(): "5.5.1", "Invalid command", … */
const ESC = 'OpenSMTPD/OpenSMTPD@v6.8.0p2:usr.sbin/smtpd/esc.c';
const DEB = 'Debian 12 package opensmtpd 6.8.0p2-4+b4 (binary strings)';
/** A real OpenSMTPD run here before TLS; the TLS handshake failed on this machine, so nothing after it was seen. */
const OBSERVED =
  'observed: Debian 12 opensmtpd 6.8.0p2-4+b4 run locally ("listen on 127.0.0.1 port 2587 tls pki … auth <creds> hostname mail.lab.test"), raw client transcript of 2026-11-24 (before STARTTLS only)';
const AFTER_TLS = 'read in the source; not seen on the wire (the local run could not complete a TLS handshake)';

export const opensmtpd: Persona = {
  id: 'opensmtpd',
  name: 'OpenSMTPD',
  summary:
    'OpenSMTPD 6.8/7.x submission ("listen … port 587 tls auth", "port 465 smtps auth"): AUTH PLAIN LOGIN only after TLS, 503 5.5.1 Invalid command: Command not supported before; a wrong password gets 535 Authentication failed, without an enhanced code.',
  providers: ['opensmtpd'],
  imitates: {
    host: 'mail.lab.test',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'mail.lab.test',
  usernames: { kind: 'any' },
  sampleAccounts: ['alice@lab.test:lab-password-1', 'bob:lab-password-2'],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 <hostname> ESMTP OpenSMTPD',
      sources: [SESSION, SESSION_7, DEB, OBSERVED],
      verified: true,
    },
    ehlo: {
      reply: [
        '250-<hostname> Hello <ehlo-name> [<client-address>], pleased to meet you',
        '250-8BITMIME',
        '250-ENHANCEDSTATUSCODES',
        '250-SIZE 36700160',
        '250-DSN',
        '250-STARTTLS',
        '250 HELP',
      ].join('\r\n'),
      sources: [SESSION, SESSION_7, OBSERVED],
      verified: true,
      note: 'SIZE is the default max-message-size (35 MB); an IPv6 client is shown without the brackets',
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname> Hello <ehlo-name> [<client-address>], pleased to meet you',
        '250-8BITMIME',
        '250-ENHANCEDSTATUSCODES',
        '250-SIZE 36700160',
        '250-DSN',
        '250-AUTH PLAIN LOGIN',
        '250 HELP',
      ].join('\r\n'),
      sources: [SESSION, SESSION_7],
      verified: true,
      note: `ADVERTISE_TLS drops STARTTLS and ADVERTISE_AUTH adds AUTH PLAIN LOGIN once the session is secure; ${AFTER_TLS}`,
    },
    helo: {
      reply: '250 <hostname> Hello <ehlo-name> [<client-address>], pleased to meet you',
      sources: [SESSION, SESSION_7],
      verified: true,
    },
    starttlsReady: { reply: '220 2.0.0 Ready to start TLS', sources: [SESSION, ESC, DEB, OBSERVED], verified: true },
    starttlsUnavailable: {
      reply: '503 5.5.1 Invalid command: Channel already secured',
      sources: [SESSION, ESC],
      verified: true,
    },
    authBeforeTls: known('opensmtpd.command-not-supported', {
      note: 'smtp_check_auth: !ADVERTISE_AUTH (not yet secure), whatever the mechanism',
    }),
    authUnrecognized: known('opensmtpd.auth-method-not-supported', {
      fill: { '<MECHANISM>': 'CRAM-MD5' },
      note: `the real server quotes the mechanism as the client typed it; the lab quotes it in upper case. ${AFTER_TLS}`,
    }),
    authChallengePlain: { reply: '334 ', sources: [SESSION], verified: true },
    authChallengeUsername: { reply: '334 VXNlcm5hbWU6', sources: [SESSION], verified: true },
    authChallengePassword: { reply: '334 UGFzc3dvcmQ6', sources: [SESSION], verified: true },
    authSuccess: {
      reply: '235 2.0.0 Authentication succeeded',
      sources: [SESSION, SESSION_7, ESC, DEB],
      verified: true,
      note: AFTER_TLS,
    },
    authRejected: known('opensmtpd.authentication-failed', {
      note: `sent after a random pause of up to 1 s (smtp_auth_failure_pause); the lab answers at once. ${AFTER_TLS}`,
    }),
    authCancelled: known('opensmtpd.syntax-error', {
      note: `no cancel of its own: "*" is not base64, so base64_decode fails and the exchange is aborted with this 501. ${AFTER_TLS}`,
    }),
    authBadBase64: known('opensmtpd.syntax-error', {
      note: `also for PLAIN data without the two NULs or with an empty password. ${AFTER_TLS}`,
    }),
    authAlreadyDone: {
      reply: '503 5.5.1 Invalid command: Already authenticated',
      sources: [SESSION, ESC, DEB],
      verified: true,
    },
    authTemporaryFailure: known('opensmtpd.temporary-failure', {
      note: 'the credentials table lookup failed (LKA_TEMPFAIL)',
    }),
    authRequired: known('opensmtpd.must-issue-starttls-or-auth', {
      sample: 2,
      note: '"auth" on a listener makes it required (auth-optional does not); with tls-require, MAIL before STARTTLS gets "530 5.5.1 Invalid command: Must issue a STARTTLS command first" first',
    }),
    needHelo: {
      reply: '503 5.5.1 Invalid command: Command not allowed at this point.',
      sources: [SESSION, OBSERVED],
      verified: true,
    },
    mailNested: {
      reply: '503 5.5.1 Invalid command: Command not allowed at this point.',
      sources: [SESSION],
      verified: true,
    },
    rcptNeedMail: {
      reply: '503 5.5.1 Invalid command: Command not allowed at this point.',
      sources: [SESSION, OBSERVED],
      verified: true,
    },
    dataNeedRcpt: {
      reply: '503 5.5.4 Invalid command arguments: No recipient specified',
      sources: [SESSION, ESC],
      verified: true,
      note: 'after MAIL without RCPT; DATA without MAIL is 503 5.5.1 Invalid command: Command not allowed at this point.',
    },
    mailOk: { reply: '250 2.0.0 Ok', sources: [SESSION, ESC], verified: true },
    rcptOk: {
      reply: '250 2.1.5 Destination address valid: Recipient ok',
      sources: [SESSION, ESC, DEB],
      verified: true,
    },
    dataGo: {
      reply: '354 Enter mail, end with "." on a line by itself',
      sources: [SESSION, DEB],
      verified: true,
    },
    dataOk: {
      reply: '250 2.0.0 <queue-id> Message accepted for delivery',
      sources: [SESSION, ESC, DEB],
      verified: true,
      note: 'the id is a lab value; OpenSMTPD prints the message id as 8 lower-case hex digits',
    },
    rset: { reply: '250 2.0.0 Reset state', sources: [SESSION, OBSERVED], verified: true },
    noop: { reply: '250 2.0.0 Ok', sources: [SESSION, OBSERVED], verified: true },
    unknownCommand: {
      reply: '500 5.5.1 Invalid command: Command unrecognized',
      sources: [SESSION, OBSERVED],
      verified: true,
    },
    quit: { reply: '221 2.0.0 Bye', sources: [SESSION, ESC, DEB], verified: true },
  },
  states: {
    'temp-failure': { reply: 'authTemporaryFailure', when: 'always', mechanisms: 'all' },
  },
  notes: [
    'OpenSMTPD implements only PLAIN and LOGIN; every other mechanism gets 504 5.7.4 after TLS.',
    'Each failed login is answered after a random pause of up to a second (timing-attack protection); the lab answers at once.',
  ],
};
