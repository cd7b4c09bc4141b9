// SendGrid persona (smtp.sendgrid.net): the literal user name "apikey", AUTH accepted even before TLS, no enhanced codes.
import { sendgrid as sendgridKnowledge } from '../../knowledge/providers/sendgrid.js';
import { knownReplies, submissionListeners, submissionUsernames } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(sendgridKnowledge);

const TELNET =
  'observed:public transcript, search index ids 5982372568 and 434011928 (telnet smtp.sendgrid.net 587: banner, EHLO, AUTH LOGIN, 235, MAIL, RCPT, DATA)';

export const sendgrid: Persona = {
  id: 'sendgrid',
  name: 'SendGrid',
  summary:
    'smtp.sendgrid.net: STARTTLS on 587 (also 25, 2525), implicit TLS on 465; the user name is the literal string apikey and the password an API key; AUTH is offered and accepted before TLS.',
  providers: ['sendgrid'],
  imitates: submissionListeners(sendgridKnowledge),
  hostname: 'smtp.sendgrid.net',
  vars: { 'server-host': 'ismtpd0001p1lab1.sendgrid.net' },
  usernames: submissionUsernames(sendgridKnowledge),
  sampleAccounts: ['apikey:SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789'],
  authBeforeTls: 'allowed',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 SG ESMTP service ready at <server-host>',
      sources: [TELNET],
      verified: true,
      note: 'the front-end host name is a lab value of the observed shape',
    },
    ehlo: {
      reply: [
        '250-smtp.sendgrid.net',
        '250-8BITMIME',
        '250-PIPELINING',
        '250-SIZE 31457280',
        '250-STARTTLS',
        '250-AUTH PLAIN LOGIN',
        '250 AUTH=PLAIN LOGIN',
      ].join('\r\n'),
      sources: [TELNET],
      verified: true,
    },
    ehloAfterTls: {
      reply: [
        '250-smtp.sendgrid.net',
        '250-8BITMIME',
        '250-PIPELINING',
        '250-SIZE 31457280',
        '250-AUTH PLAIN LOGIN',
        '250 AUTH=PLAIN LOGIN',
      ].join('\r\n'),
      sources: [TELNET],
      verified: false,
      note: 'the pre-TLS list without STARTTLS; no post-TLS transcript was found',
    },
    authChallengeUsername: { reply: '334 VXNlcm5hbWU6', sources: [TELNET], verified: true },
    authChallengePassword: { reply: '334 UGFzc3dvcmQ6', sources: [TELNET], verified: true },
    authSuccess: { reply: '235 Authentication successful', sources: [TELNET], verified: true },
    authRejected: known('sendgrid.bad-username-password'),
    creditsExceeded: known('sendgrid.maximum-credits-exceeded'),
    ipNotAllowed: known('sendgrid.could-not-authenticate'),
    mailOk: { reply: '250 Sender address accepted', sources: [TELNET], verified: true },
    rcptOk: { reply: '250 Recipient address accepted', sources: [TELNET], verified: true },
    dataGo: { reply: '354 Continue', sources: [TELNET], verified: true },
  },
  states: {
    'credits-exceeded': { reply: 'creditsExceeded', when: 'right-secret', mechanisms: 'password' },
    'ip-not-allowed': { reply: 'ipNotAllowed', when: 'always', mechanisms: 'password' },
  },
};
