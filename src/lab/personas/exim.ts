// Exim persona (Debian exim4 4.96 with TLS-only AUTH): 503 for AUTH before TLS, 535 Incorrect authentication data.
import { exim as eximKnowledge } from '../../knowledge/providers/exim.js';
import { knownReplies } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(eximKnowledge);

const SMTP_IN = 'Exim/exim@exim-4.96.2:src/src/smtp_in.c';
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
    authBeforeTls: known('exim.auth-not-advertised'),
    authUnrecognized: known('exim.mechanism-not-supported', { fill: { '<MECHANISM>': 'CRAM-MD5' } }),
    authSuccess: {
      reply: '235 Authentication succeeded',
      sources: [
        'observed:public transcript, search index id 10659745537 (Exim 4.87 at smtp2go: 235 Authentication succeeded)',
      ],
      verified: true,
    },
    authRejected: known('exim.incorrect-authentication-data'),
    authTemporaryFailure: known('exim.unable-to-authenticate'),
    authBadBase64: known('exim.invalid-base64'),
    authCancelled: {
      // Not a knowledge sample: explain does not yet read "501 Authentication cancelled" after a log prefix.
      reply: '501 Authentication cancelled',
      sources: [SMTP_IN],
      verified: true,
    },
    authRequired: known('exim.relay-not-permitted', {
      note: "Debian's default ACL refuses the unauthenticated relay at RCPT",
    }),
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
