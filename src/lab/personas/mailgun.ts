// Mailgun persona (smtp.mailgun.org): per-domain SMTP credentials, AUTH offered before TLS, "535 Authentication failed".
import { mailgun as mailgunKnowledge } from '../../knowledge/providers/mailgun.js';
import { knownReplies, submissionListeners } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(mailgunKnowledge);

const TELNET =
  'observed:public transcript, search index id 3519331309 (telnet smtp.mailgun.org 587: 220 Mailgun Influx ready, EHLO with AUTH PLAIN LOGIN before STARTTLS, AUTH PLAIN → 334 Go ahead)';
const STRACE =
  'observed:public transcript, search index id 9087502430 (strace of a client: 220 Mailgun Influx ready, STARTTLS → 220 Go ahead…)';

export const mailgun: Persona = {
  id: 'mailgun',
  name: 'Mailgun',
  summary:
    'smtp.mailgun.org (US) / smtp.eu.mailgun.org (EU): STARTTLS on 587 (also 25, 2525), implicit TLS on 465; per-domain SMTP credentials (not the account or API key); AUTH is offered before TLS.',
  providers: ['mailgun'],
  imitates: submissionListeners(mailgunKnowledge),
  hostname: 'smtp.mailgun.org',
  vars: { 'server-host': '391ef55d98cd' },
  usernames: { kind: 'email', note: 'the per-domain SMTP login, e.g. postmaster@mg.example.com' },
  sampleAccounts: ['postmaster@mg.lab.test:lab-smtp-credential-password'],
  authBeforeTls: 'allowed',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: { reply: '220 Mailgun Influx ready', sources: [TELNET, STRACE], verified: true },
    ehlo: {
      reply: [
        '250-<server-host>',
        '250-AUTH PLAIN LOGIN',
        '250-SIZE 52428800',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-PIPELINING',
        '250 STARTTLS',
      ].join('\r\n'),
      sources: [TELNET],
      verified: true,
      note: 'the first line is a container host name in the transcript; the lab keeps that value',
    },
    ehloAfterTls: {
      reply: [
        '250-<server-host>',
        '250-AUTH PLAIN LOGIN',
        '250-SIZE 52428800',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250 PIPELINING',
      ].join('\r\n'),
      sources: [TELNET],
      verified: false,
      note: 'the pre-TLS list without STARTTLS; no post-TLS transcript was found',
    },
    starttlsReady: {
      reply: '220 Go ahead',
      sources: [STRACE],
      verified: false,
      note: 'the strace output is cut after "220 Go ahead"',
    },
    authChallengePlain: { reply: '334 Go ahead', sources: [TELNET], verified: true },
    authRejected: known('mailgun.authentication-failed'),
  },
  states: {},
  notes: ['US and EU are separate systems: credentials of an EU domain are simply unknown users here.'],
};
