// Gmail persona (smtp.gmail.com): AUTH only after STARTTLS, app passwords for 2-Step Verification, XOAUTH2 error challenge.
import { google } from '../../knowledge/providers/google.js';
import { knownReplies, submissionListeners, submissionUsernames } from './from-knowledge.js';
import type { Persona } from './types.js';

/** Gmail ends a reply with the session's id and "- gsmtp": the lab puts its own session id there. */
const known = knownReplies(google, { '<session-id>': /[\w.-]+(?= - gsmtp$)/ });

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
  imitates: submissionListeners(google),
  hostname: 'smtp.gmail.com',
  usernames: submissionUsernames(google),
  sampleAccounts: [
    'alice@lab.test:abcdefghijklmnop',
    'bob@lab.test:bobs-google-password 2sv app-password=qrstuvwxyzabcdef',
    'carol@lab.test token=ya29.lab-carol-token refresh-token=1//lab-carol client=lab-client:lab-secret oauth-only',
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
      sources: [
        EHLO_465,
        'observed:https://pastebin.com/uXqSaYa4 (EHLO after STARTTLS: 250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH)',
      ],
      verified: true,
    },
    helo: { reply: '250 smtp.gmail.com at your service', sources: [SESSION_587], verified: true },
    starttlsReady: { reply: '220 2.0.0 Ready to start TLS', sources: [SESSION_587], verified: true },
    tlsRequired: known('google.must-issue-starttls'),
    authUnrecognized: known('google.unrecognized-auth-type'),
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
    authRejected: known('google.bad-credentials'),
    appPasswordRequired: known('google.app-password-required'),
    webLoginRequired: known('google.web-login-required'),
    signinBlocked: known('google.signin-blocked'),
    authRateLimited: known('google.too-many-login-attempts'),
    authTemporaryFailure: known('google.temporary-system-problem'),
    xoauth2ErrorChallenge: known('google.xoauth2-error'),
    // What the knowledge says follows the error challenge (its followedBy).
    xoauth2Rejected: known('google.bad-credentials'),
    authBadBase64: known('google.cannot-decode'),
    authRequired: known('google.authentication-required'),
    mailSyntax: known('google.envelope-syntax-error'),
    rcptSyntax: known('google.envelope-syntax-error'),
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
    'PLAIN-CLIENTTOKEN and XOAUTH are advertised as Gmail does; the lab answers them with its own 504.',
    'OAUTHBEARER (RFC 7628) takes the same tokens as XOAUTH2 and fails the same way: the 334 JSON challenge, then 535-5.7.8 after the client answers with ^A. No transcript of a Gmail OAUTHBEARER failure was found: the lab assumes the XOAUTH2 wording.',
  ],
};
