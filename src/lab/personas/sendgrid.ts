// SendGrid persona (smtp.sendgrid.net): the literal user name "apikey", AUTH accepted even before TLS, no enhanced codes.
import type { Persona } from './types.js';

const ERRORS = 'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/smtp-errors-and-troubleshooting';
const TELNET =
  'observed:public transcript, search index ids 5982372568 and 434011928 (telnet smtp.sendgrid.net 587: banner, EHLO, AUTH LOGIN, 235, MAIL, RCPT, DATA)';

export const sendgrid: Persona = {
  id: 'sendgrid',
  name: 'SendGrid',
  summary:
    'smtp.sendgrid.net: STARTTLS on 587 (also 25, 2525), implicit TLS on 465; the user name is the literal string apikey and the password an API key; AUTH is offered and accepted before TLS.',
  providers: ['sendgrid'],
  imitates: {
    host: 'smtp.sendgrid.net',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'smtp.sendgrid.net',
  vars: { 'server-host': 'ismtpd0001p1lab1.sendgrid.net' },
  usernames: {
    kind: 'literal',
    value: 'apikey',
    note: 'SendGrid takes the literal user name apikey and an API key as the password',
  },
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
    authRejected: {
      reply: '535 Authentication failed: Bad username / password',
      signature: 'sendgrid-535-bad-username-password',
      sources: [
        'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api',
        ERRORS,
        'observed:https://github.com/metabase/metabase/issues/12532',
      ],
      verified: true,
    },
    authRejectedLogin: {
      reply: '535 Authentication failed: Bad username / password',
      signature: 'sendgrid-535-bad-username-password',
      sources: [ERRORS],
      verified: true,
    },
    creditsExceeded: {
      reply: '451 Authentication failed: Maximum credits exceeded',
      signature: 'sendgrid-451-maximum-credits-exceeded',
      sources: [ERRORS],
      verified: true,
    },
    ipNotAllowed: {
      reply: '451 Authentication failed: Could not authenticate',
      signature: 'sendgrid-451-could-not-authenticate-ip-access',
      sources: [
        'observed:https://community.auth0.com/t/sendgrid-smtp-451-authentication-failed-could-not-authenticate/188321',
      ],
      verified: false,
      note: 'single source for the IP Access Management mapping',
    },
    mailOk: { reply: '250 Sender address accepted', sources: [TELNET], verified: true },
    rcptOk: { reply: '250 Recipient address accepted', sources: [TELNET], verified: true },
    dataGo: { reply: '354 Continue', sources: [TELNET], verified: true },
  },
  states: {
    'credits-exceeded': { reply: 'creditsExceeded', when: 'right-secret', mechanisms: 'password' },
    'ip-not-allowed': { reply: 'ipNotAllowed', when: 'always', mechanisms: 'password' },
  },
};
