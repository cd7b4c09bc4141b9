// Mailgun persona (smtp.mailgun.org): per-domain SMTP credentials, AUTH offered before TLS, "535 Authentication failed".
import type { Persona } from './types.js';

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
  imitates: {
    host: 'smtp.mailgun.org',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
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
    authRejected: {
      reply: '535 Authentication failed',
      signature: 'mailgun-535-authentication-failed',
      sources: ['observed:https://github.com/ToolJet/ToolJet/issues/5742'],
      verified: true,
      note: 'older Mailgun said "535 5.7.0 Mailgun is not loving your login or password"; re-check live',
    },
    authRejectedLogin: {
      reply: '535 Authentication failed',
      signature: 'mailgun-535-authentication-failed',
      sources: ['observed:https://github.com/ToolJet/ToolJet/issues/5742'],
      verified: true,
    },
  },
  states: {},
  notes: ['US and EU are separate systems: credentials of an EU domain are simply unknown users here.'],
};
