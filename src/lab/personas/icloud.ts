// iCloud Mail persona (smtp.mail.me.com:587): app-specific passwords; no verified SMTP wording exists, so replies are RFC.
import { icloud as icloudKnowledge } from '../../knowledge/providers/icloud.js';
import { knownReplies, submissionListeners, submissionUsernames } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(icloudKnowledge);

const SETTINGS =
  'https://support.apple.com/en-us/102525 (iCloud Mail server settings: smtp.mail.me.com, 587, STARTTLS)';
const NO_TRANSCRIPT = 'no verifiable iCloud SMTP transcript was found (see signatures-notes.md); RFC wording';

export const icloud: Persona = {
  id: 'icloud',
  name: 'iCloud Mail',
  summary:
    'smtp.mail.me.com: STARTTLS on 587 (465 is reported both ways, Apple documents 587); the full iCloud address and an app-specific password. The reply wording is unverified: RFC text stands in.',
  providers: ['icloud'],
  imitates: submissionListeners(icloudKnowledge),
  hostname: 'smtp.mail.me.com',
  usernames: submissionUsernames(icloudKnowledge),
  sampleAccounts: [
    'alice@lab.test:abcd-efgh-ijkl-mnop',
    'bob@lab.test:bobs-apple-account-password 2sv app-password=qrst-uvwx-yzab-cdef',
  ],
  authBeforeTls: 'hidden',
  tlsRequired: false,
  authRequired: 'mail',
  replies: {
    greeting: { reply: '220 smtp.mail.me.com ESMTP', sources: [SETTINGS], verified: false, note: NO_TRANSCRIPT },
    ehlo: {
      reply: ['250-smtp.mail.me.com', '250-8BITMIME', '250-PIPELINING', '250 STARTTLS'].join('\r\n'),
      sources: [SETTINGS],
      verified: false,
      note: `${NO_TRANSCRIPT}; that AUTH waits for TLS is assumed`,
    },
    ehloAfterTls: {
      reply: ['250-smtp.mail.me.com', '250-8BITMIME', '250-PIPELINING', '250 AUTH PLAIN LOGIN'].join('\r\n'),
      sources: [SETTINGS, 'deltachat/provider-db@5c14381:_providers/icloud.md'],
      verified: false,
      note: `${NO_TRANSCRIPT}; the mechanisms are the documented PLAIN and LOGIN`,
    },
    authRejected: known('icloud.auth-failed', {
      note: 'Apple’s exact wording is not in any verifiable transcript: the generic form knowledge keeps stands in',
    }),
  },
  states: {
    '2sv': {
      reply: 'authRejected',
      when: 'right-secret',
      mechanisms: 'password',
      note: 'the Apple Account password is refused; an app-specific password is required',
    },
  },
};
