// Exim persona (Debian exim4 4.96 with TLS-only AUTH): 503 for AUTH before TLS, 535 Incorrect authentication data.
import type { Persona } from './types.js';

const SMTP_IN = 'Exim/exim@exim-4.96.2:src/src/smtp_in.c';
const DEB = 'Debian 12 package exim4-daemon-light 4.96-15+deb12u10 (binary strings)';
const SWAKS =
  'observed:public transcript, search index id 65750075859 (swaks against Exim 4.93 Ubuntu: banner with date, EHLO Hello … [ip], SIZE 52428800, 8BITMIME, PIPELINING, CHUNKING, STARTTLS, PRDR, HELP; 250 OK, 250 Accepted, 354 Enter message…, 250 OK id=…, 221 … closing connection)';
const AUTH_ORDER =
  'observed:public transcript, search index id 58206376736 (Exim EHLO with AUTH PLAIN LOGIN CRAM-MD5 between PIPELINING and CHUNKING)';

export const exim: Persona = {
  id: 'exim',
  name: 'Exim',
  summary:
    'Debian exim4 4.96 with authenticators advertised only over TLS: STARTTLS on 587, implicit TLS on 465; AUTH before TLS gets 503 AUTH command used when not advertised; replies have no enhanced codes.',
  providers: ['exim'],
  imitates: {
    host: 'mail.lab.test',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'mail.lab.test',
  usernames: { kind: 'any' },
  sampleAccounts: ['alice@lab.test:lab-password-1'],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'rcpt',
  replies: {
    greeting: {
      reply: '220 <hostname> ESMTP Exim 4.96 <date>',
      sources: [
        SWAKS,
        'observed:public transcript, search index id 40905400659 (220 solstice ESMTP Exim 4.92 Fri, 05 Nov 2021 13:27:30 -0400)',
      ],
      verified: true,
    },
    ehlo: {
      reply: [
        '250-<hostname> Hello <ehlo-name> [<client-address>]',
        '250-SIZE 52428800',
        '250-8BITMIME',
        '250-PIPELINING',
        '250-CHUNKING',
        '250-STARTTLS',
        '250-PRDR',
        '250 HELP',
      ].join('\r\n'),
      sources: [SWAKS],
      verified: true,
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname> Hello <ehlo-name> [<client-address>]',
        '250-SIZE 52428800',
        '250-8BITMIME',
        '250-PIPELINING',
        '250-AUTH PLAIN LOGIN',
        '250-CHUNKING',
        '250-PRDR',
        '250 HELP',
      ].join('\r\n'),
      sources: [SWAKS, AUTH_ORDER],
      verified: true,
      note: 'STARTTLS is not offered again over TLS (RFC 3207 §4.2)',
    },
    helo: {
      reply: '250 <hostname> Hello <ehlo-name> [<client-address>]',
      sources: [
        'observed:public transcript, search index id 40905400659 (HELO x → 250 solstice Hello x [192.168.49.215])',
      ],
      verified: true,
    },
    starttlsReady: {
      reply: '220 TLS go ahead',
      sources: [SMTP_IN],
      verified: false,
      note: 'Exim source wording, not re-checked in a transcript here',
    },
    authBeforeTls: {
      reply: '503 AUTH command used when not advertised',
      signature: 'exim-503-auth-command-used-when-not-advertised',
      sources: [SMTP_IN, DEB, 'observed:https://github.com/nodemailer/nodemailer/issues/18'],
      verified: true,
    },
    authUnrecognized: {
      reply: '504 <MECHANISM> authentication mechanism not supported',
      signature: 'exim-504-mechanism-not-supported',
      sources: [SMTP_IN, DEB],
      verified: true,
    },
    authSuccess: {
      reply: '235 Authentication succeeded',
      sources: [
        'observed:public transcript, search index id 10659745537 (Exim 4.87 at smtp2go: 235 Authentication succeeded)',
      ],
      verified: true,
    },
    authRejected: {
      reply: '535 Incorrect authentication data',
      signature: 'exim-535-incorrect-authentication-data',
      sources: [SMTP_IN, DEB, 'observed:https://github.com/symfony/symfony/issues/36755'],
      verified: true,
    },
    authRejectedLogin: {
      reply: '535 Incorrect authentication data',
      signature: 'exim-535-incorrect-authentication-data',
      sources: [SMTP_IN, 'observed:https://github.com/RainLoop/rainloop-webmail/issues/832'],
      verified: true,
    },
    authTemporaryFailure: {
      reply: '435 Unable to authenticate at present',
      signature: 'exim-435-unable-to-authenticate-at-present',
      sources: [SMTP_IN, DEB],
      verified: true,
    },
    authBadBase64: {
      reply: '501 Invalid base64 data',
      signature: 'exim-501-invalid-base64-or-cancelled',
      sources: [SMTP_IN],
      verified: true,
    },
    authCancelled: {
      reply: '501 Authentication cancelled',
      signature: 'exim-501-invalid-base64-or-cancelled',
      sources: [SMTP_IN],
      verified: true,
    },
    authRequired: {
      reply: '550 relay not permitted',
      sources: [
        'observed:public transcript, search index id 40905400659 (RCPT TO:<admin@solstice.com> → 550 relay not permitted)',
      ],
      verified: true,
      note: "Debian's default ACL refuses the unauthenticated relay at RCPT",
    },
    mailOk: { reply: '250 OK', sources: [SWAKS], verified: true },
    rcptOk: { reply: '250 Accepted', sources: [SWAKS], verified: true },
    dataGo: { reply: '354 Enter message, ending with "." on a line by itself', sources: [SWAKS], verified: true },
    dataOk: { reply: '250 OK id=<queue-id>', sources: [SWAKS], verified: true, note: 'the message id is a lab value' },
    quit: { reply: '221 <hostname> closing connection', sources: [SWAKS], verified: true },
  },
  states: {
    'temp-failure': { reply: 'authTemporaryFailure', when: 'always', mechanisms: 'all' },
  },
};
