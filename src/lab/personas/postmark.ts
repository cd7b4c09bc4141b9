// Postmark persona (smtp.postmarkapp.com): Server API token as user and password, Postfix-style 535 replies, no port 465.
import { postmark as postmarkKnowledge } from '../../knowledge/providers/postmark.js';
import { knownReplies, submissionListeners } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(postmarkKnowledge);

const MAUTIC =
  "observed:https://github.com/mautic/mautic/issues/1700 (EHLO shows AUTH PLAIN LOGIN CRAM-MD5 DIGEST-MD5; '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6' after AUTH LOGIN)";
const SUPPORT = 'https://postmarkapp.com/support/article/811-how-to-send-email-with-smtp';
const POSTFIX_LIKE = 'not seen in a Postmark transcript: Postfix wording, since Postmark replies in Postfix form';

export const postmark: Persona = {
  id: 'postmark',
  name: 'Postmark',
  summary:
    'smtp.postmarkapp.com: STARTTLS on 587 (also 25, 2525), no implicit TLS port; the Server API token is both user name and password; refusals are Postfix-style 535 5.7.8.',
  providers: ['postmark'],
  imitates: submissionListeners(postmarkKnowledge),
  hostname: 'smtp.postmarkapp.com',
  usernames: { kind: 'any' },
  sampleAccounts: ['00000000-lab0-4000-8000-postmarktoken:00000000-lab0-4000-8000-postmarktoken'],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: { reply: '220 <hostname> ESMTP Postfix', sources: [SUPPORT], verified: false, note: POSTFIX_LIKE },
    ehlo: {
      reply: [
        '250-<hostname>',
        '250-PIPELINING',
        '250-SIZE 10240000',
        '250-STARTTLS',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250 DSN',
      ].join('\r\n'),
      sources: [SUPPORT],
      verified: false,
      note: POSTFIX_LIKE,
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname>',
        '250-PIPELINING',
        '250-SIZE 10240000',
        '250-AUTH PLAIN LOGIN CRAM-MD5 DIGEST-MD5',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250 DSN',
      ].join('\r\n'),
      sources: [MAUTIC, SUPPORT],
      verified: false,
      note: `the AUTH line is observed; the rest: ${POSTFIX_LIKE}`,
    },
    starttlsReady: {
      reply: '220 2.0.0 Ready to start TLS',
      sources: ['vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd.c'],
      verified: false,
      note: POSTFIX_LIKE,
    },
    authSuccess: {
      reply: '235 2.7.0 Authentication successful',
      sources: ['vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd_sasl_glue.c'],
      verified: false,
      note: POSTFIX_LIKE,
    },
    authRejected: known('postmark.authentication-failed', { sample: 2 }),
    authRejectedLogin: known('postmark.authentication-failed', {
      note: 'UGFzc3dvcmQ6 is base64 of "Password:", the last LOGIN challenge — an artefact, not a reason',
    }),
  },
  states: {},
};
