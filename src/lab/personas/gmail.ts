// Gmail persona (smtp.gmail.com): AUTH only after STARTTLS, app passwords for 2-Step Verification, XOAUTH2 error challenge.
import type { Persona } from './types.js';

const ERRORS = 'https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)';
const SISIMAI =
  'sisimai/go-sisimai@HEAD:rhost/for-google.go (transcription of support.google.com/a/answer/3726730 with codes)';
const SESSION_587 =
  'observed:public transcript, search index id 5828122333 (Python smtplib session with smtp.gmail.com:587, every reply from greeting to QUIT)';
const EHLO_465 =
  'observed:public transcript, search index ids 40672617013 and 49077392787 (EHLO on smtp.gmail.com:465: SIZE 35882577, 8BITMIME, AUTH …, ENHANCEDSTATUSCODES, PIPELINING, CHUNKING, SMTPUTF8)';
const PRE_TLS =
  '/work/shared/reference/protocol-security.md §2.9 (pre-TLS EHLO: no AUTH; order SIZE, 8BITMIME, STARTTLS, …)';

export const gmail: Persona = {
  id: 'gmail',
  name: 'Gmail',
  summary:
    'smtp.gmail.com: STARTTLS on 587 and implicit TLS on 465; AUTH is offered only after TLS; password logins need an app password (2-Step Verification) or XOAUTH2.',
  providers: ['google'],
  imitates: {
    host: 'smtp.gmail.com',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'smtp.gmail.com',
  vars: {
    // The sign-in URL of 534-5.7.14 carries an opaque token cut across two lines.
    token: 'AKgnsbLabLabLabLabLabLabLabLabLabLab',
    'token continued...': 'LabLabLabLabLabLab>',
  },
  usernames: {
    kind: 'email',
    note: 'the full Google account address (user@gmail.com or user@workspace-domain)',
  },
  sampleAccounts: [
    'alice@lab.test:abcdefghijklmnop',
    'bob@lab.test:bobs-google-password 2sv app-password=qrstuvwxyzabcdef',
    'carol@lab.test token=ya29.lab-carol-token oauth-only',
  ],
  authBeforeTls: 'hidden',
  tlsRequired: true,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 smtp.gmail.com ESMTP <session-id> - gsmtp',
      sources: [
        'observed:public transcript, search index id 49077392787 (220 smtp.gmail.com ESMTP a640c23a62f3a-aa20df263bcsm696223666b.11 - gsmtp)',
        SESSION_587,
      ],
      verified: true,
    },
    ehlo: {
      reply: [
        '250-smtp.gmail.com at your service, [<client-address>]',
        '250-SIZE 35882577',
        '250-8BITMIME',
        '250-STARTTLS',
        '250-ENHANCEDSTATUSCODES',
        '250-PIPELINING',
        '250-CHUNKING',
        '250 SMTPUTF8',
      ].join('\r\n'),
      sources: [
        PRE_TLS,
        'observed:https://github.com/nfo/gmail_xoauth/issues/6 (pre-TLS EHLO lists STARTTLS but no AUTH)',
        EHLO_465,
      ],
      verified: true,
      note: 'first line as in the post-TLS transcripts; the keyword order before TLS is the one protocol-security.md §2.9 lists',
    },
    ehloAfterTls: {
      reply: [
        '250-smtp.gmail.com at your service, [<client-address>]',
        '250-SIZE 35882577',
        '250-8BITMIME',
        '250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH',
        '250-ENHANCEDSTATUSCODES',
        '250-PIPELINING',
        '250-CHUNKING',
        '250 SMTPUTF8',
      ].join('\r\n'),
      signature: 'gmail-settings',
      sources: [
        EHLO_465,
        'observed:https://pastebin.com/uXqSaYa4 (EHLO after STARTTLS: 250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH)',
      ],
      verified: true,
    },
    helo: { reply: '250 smtp.gmail.com at your service', sources: [SESSION_587], verified: true },
    starttlsReady: { reply: '220 2.0.0 Ready to start TLS', sources: [SESSION_587], verified: true },
    tlsRequired: {
      reply: [
        '530-5.7.0 Must issue a STARTTLS command first. For more information, go to',
        '530-5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207',
        '530 5.7.0 specifications. <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-530-5.7.0-must-issue-starttls',
      sources: [ERRORS, SISIMAI, 'observed:https://github.com/deanproxy/eMail/issues/53'],
      verified: true,
    },
    authUnrecognized: {
      reply: '504 5.7.4 Unrecognized authentication type. <session-id> - gsmtp',
      signature: 'gmail-504-5.7.4-unrecognized-auth-type',
      sources: [ERRORS, SISIMAI],
      verified: true,
      note: "text from sisimai's transcription of Google's list; the session suffix follows Google's convention",
    },
    authChallengeUsername: {
      reply: '334 VXNlcm5hbWU6',
      sources: ['observed:public transcript, search index id 14756889448 (AUTH LOGIN on smtp.gmail.com)'],
      verified: true,
    },
    authChallengePassword: {
      reply: '334 UGFzc3dvcmQ6',
      sources: ['observed:public transcript, search index id 14756889448 (AUTH LOGIN on smtp.gmail.com)'],
      verified: true,
    },
    authSuccess: {
      reply: '235 2.7.0 Accepted',
      sources: [SESSION_587, 'observed:public transcript, search index id 14756889448'],
      verified: true,
    },
    authRejected: {
      reply: [
        '535-5.7.8 Username and Password not accepted. For more information, go to',
        '535 5.7.8  https://support.google.com/mail/?p=BadCredentials <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-535-5.7.8-bad-credentials',
      sources: [ERRORS, 'observed:https://github.com/nodemailer/nodemailer/issues/1656'],
      verified: true,
    },
    appPasswordRequired: {
      reply: [
        '534-5.7.9 Application-specific password required. For more information, go to',
        '534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-534-5.7.9-app-password-required',
      sources: [ERRORS, SISIMAI, 'observed:https://github.com/Der-Henning/tgtg/issues/517'],
      verified: true,
    },
    webLoginRequired: {
      reply: [
        '534-5.7.9 Please log in with your web browser and then try again. For more',
        '534-5.7.9 information, go to',
        '534 5.7.9  https://support.google.com/mail/?p=WebLoginRequired <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-534-5.7.9-web-login-required',
      sources: [
        SISIMAI,
        'observed:https://github.com/kootenpv/yagmail/issues/111',
        'observed:https://github.com/nodemailer/nodemailer/issues/653',
      ],
      verified: true,
    },
    signinBlocked: {
      reply: [
        '534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=<token>',
        '534-5.7.14 <token continued...> Please log in via your web browser and',
        '534-5.7.14 then try again.',
        '534-5.7.14  Learn more at',
        '534 5.7.14  https://support.google.com/mail/answer/78754 <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-534-5.7.14-continue-signin',
      sources: [ERRORS, SISIMAI, 'observed:https://github.com/firebase/functions-samples/issues/39'],
      verified: true,
      note: 'the sign-in token is a lab placeholder',
    },
    authRateLimited: {
      reply: '454 4.7.0 Too many login attempts, please try again later. <session-id> - gsmtp',
      signature: 'gmail-454-4.7.0-too-many-login-attempts',
      sources: [ERRORS, SISIMAI, 'observed:https://github.com/nodemailer/nodemailer/issues/1388'],
      verified: true,
    },
    authTemporaryFailure: {
      reply: '454 4.7.0 Cannot authenticate due to a temporary system problem. Try again later.',
      signature: 'gmail-454-4.7.0-temporary-system-problem',
      sources: [ERRORS, SISIMAI],
      verified: true,
    },
    xoauth2ErrorChallenge: {
      reply: '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==',
      signature: 'gmail-xoauth2-error-challenge',
      sources: [
        'https://developers.google.com/gmail/imap/xoauth2-protocol',
        'observed:https://github.com/nfo/gmail_xoauth/pull/14',
      ],
      verified: true,
    },
    xoauth2Rejected: {
      reply: [
        '535-5.7.8 Username and Password not accepted. For more information, go to',
        '535 5.7.8  https://support.google.com/mail/?p=BadCredentials <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-xoauth2-error-challenge',
      sources: [
        'https://developers.google.com/gmail/imap/xoauth2-protocol',
        'observed:https://github.com/nodemailer/nodemailer/issues/144',
      ],
      verified: true,
    },
    authBadBase64: {
      reply: '501 5.5.2 Cannot Decode response <session-id> - gsmtp',
      signature: 'gmail-501-5.5.2-cannot-decode-response',
      sources: [
        'observed:https://github.com/nfo/gmail_xoauth/issues/17',
        'observed:https://github.com/nodemailer/nodemailer/issues/144',
      ],
      verified: true,
    },
    authRequired: {
      reply: [
        '530-5.7.0 Authentication Required. For more information, go to',
        '530 5.7.0  https://support.google.com/mail/?p=WantAuthError <session-id> - gsmtp',
      ].join('\r\n'),
      signature: 'gmail-530-5.7.0-authentication-required',
      sources: [ERRORS, SISIMAI, 'observed:https://github.com/dawidd6/action-send-mail/issues/186'],
      verified: true,
    },
    mailSyntax: {
      reply:
        '555 5.5.2 Syntax error, cannot decode response. For more information, go to https://support.google.com/a/answer/3221692 and review RFC 5321 specifications. <session-id> - gsmtp',
      signature: 'gmail-555-5.5.2-syntax-error-envelope',
      sources: [
        'observed:https://github.com/go-gitea/gitea/issues/35794',
        'observed:https://github.com/gophish/gophish/issues/2662',
      ],
      verified: true,
      note: 'sent as one line: the catalogue gives the text without its line breaks',
    },
    rcptSyntax: {
      reply:
        '555 5.5.2 Syntax error, cannot decode response. For more information, go to https://support.google.com/a/answer/3221692 and review RFC 5321 specifications. <session-id> - gsmtp',
      signature: 'gmail-555-5.5.2-syntax-error-envelope',
      sources: ['observed:https://github.com/jstedfast/MailKit/issues/866'],
      verified: true,
      note: 'sent as one line: the catalogue gives the text without its line breaks',
    },
    mailOk: { reply: '250 2.1.0 OK <session-id> - gsmtp', sources: [SESSION_587], verified: true },
    rcptOk: { reply: '250 2.1.5 OK <session-id> - gsmtp', sources: [SESSION_587], verified: true },
    dataGo: { reply: '354  Go ahead <session-id> - gsmtp', sources: [SESSION_587], verified: true },
    dataOk: {
      reply: '250 2.0.0 OK  <session-id> - gsmtp',
      sources: [SESSION_587],
      verified: false,
      note: 'the transcript hides what stands between "OK  " and "- gsmtp"; the lab puts the session id there',
    },
    quit: { reply: '221 2.0.0 closing connection <session-id> - gsmtp', sources: [SESSION_587], verified: true },
  },
  states: {
    '2sv': {
      reply: 'appPasswordRequired',
      when: 'right-secret',
      mechanisms: 'password',
      note: 'the account password of a 2-Step Verification account; its app password works',
    },
    'web-login-required': { reply: 'webLoginRequired', when: 'right-secret', mechanisms: 'password' },
    'signin-blocked': { reply: 'signinBlocked', when: 'right-secret', mechanisms: 'password' },
    'oauth-only': {
      reply: 'authRejected',
      when: 'always',
      mechanisms: 'password',
      note: 'since less secure apps were retired, Google answers a password login with 535-5.7.8 BadCredentials',
    },
    'basic-auth-disabled': { reply: 'authRejected', when: 'always', mechanisms: 'password' },
    'temp-failure': { reply: 'authTemporaryFailure', when: 'always', mechanisms: 'all' },
  },
  notes: [
    'OAUTHBEARER, PLAIN-CLIENTTOKEN and XOAUTH are advertised as Gmail does; the lab answers them with its own 504.',
  ],
};
