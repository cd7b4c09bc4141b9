// Yahoo/AOL persona (smtp.mail.yahoo.com): implicit TLS on 465, app passwords required, the misleading #AUTH005.
import { yahoo as yahooKnowledge } from '../../knowledge/providers/yahoo.js';
import { knownReplies, submissionListeners, submissionUsernames } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(yahooKnowledge);

const SWAKS_587 =
  'observed:public transcript, search index id 33044385052 (swaks against smtp.mail.yahoo.com:587: banner, EHLO without AUTH, 220 2.0.0 Ready to start TLS)';
const OPENSSL_465 =
  'observed:public transcript, search index id 56758609192 (openssl s_client smtp.mail.yahoo.com:465: EHLO with AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER, auth plain → 334 UGxhaW46 → 535 5.7.0 (#AUTH005))';
const TELNET =
  'observed:public transcript, search index id 38508609123 (telnet smtp.aol.com 587: banner, 500 5.5.1 Command HELP unrecognized., 221 Service Closing transmission)';

export const yahoo: Persona = {
  id: 'yahoo',
  name: 'Yahoo Mail / AOL',
  summary:
    'smtp.mail.yahoo.com: implicit TLS on 465, STARTTLS on 587 (AUTH only after TLS); only app passwords work, and a normal password gets 535 5.7.0 (#AUTH005) Too many bad auth attempts — on the first try.',
  providers: ['yahoo'],
  imitates: submissionListeners(yahooKnowledge),
  hostname: 'smtp.mail.yahoo.com',
  vars: { 'server-host': 'lab01.mail.ir2.yahoo.com' },
  usernames: submissionUsernames(yahooKnowledge),
  sampleAccounts: [
    'alice@lab.test:labapppasswordxx',
    'bob@lab.test:bobs-yahoo-password 2sv app-password=labapppasswordyy',
  ],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: {
      reply: '220 smtp.mail.yahoo.com ESMTP ready',
      sources: [SWAKS_587, OPENSSL_465, TELNET],
      verified: true,
    },
    ehlo: {
      reply: [
        '250-<server-host> Hello <ehlo-name> [<client-address>])',
        '250-PIPELINING',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250-SIZE 41697280',
        '250 STARTTLS',
      ].join('\r\n'),
      sources: [SWAKS_587, 'observed:public transcript, search index id 35050666030 (smtp.aol.com:587, same list)'],
      verified: true,
      note: 'the unmatched ")" at the end of the first line is in every transcript',
    },
    ehloAfterTls: {
      reply: [
        '250-<server-host> Hello <ehlo-name> [<client-address>])',
        '250-PIPELINING',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250-SIZE 41697280',
        '250 AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER',
      ].join('\r\n'),
      sources: [OPENSSL_465, 'yahoo-aol-settings (observed: Yahoo EHLO 250 AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER)'],
      verified: true,
    },
    starttlsReady: { reply: '220 2.0.0 Ready to start TLS', sources: [SWAKS_587], verified: true },
    authChallengePlain: { reply: '334 UGxhaW46', sources: [OPENSSL_465], verified: true, note: 'base64 of "Plain:"' },
    authRejected: known('yahoo.auth005'),
    xoauth2Rejected: known('yahoo.auth005', {
      note: 'no transcript of a refused Yahoo XOAUTH2 login was found; the lab reuses the password refusal',
    }),
    unknownCommand: { reply: '500 5.5.1 Command <command> unrecognized.', sources: [TELNET], verified: true },
    quit: { reply: '221 Service Closing transmission', sources: [TELNET], verified: true },
  },
  states: {
    '2sv': {
      reply: 'authRejected',
      when: 'right-secret',
      mechanisms: 'password',
      note: 'Yahoo answers the account password with #AUTH005 on the first attempt',
    },
    'oauth-only': { reply: 'authRejected', when: 'always', mechanisms: 'password' },
  },
  notes: ['OAUTHBEARER is advertised as Yahoo does; the lab answers it with its own 504.'],
};
