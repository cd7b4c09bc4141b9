// iCloud Mail persona (smtp.mail.me.com:587): app-specific passwords; no verified SMTP wording exists, so replies are RFC.
import type { Persona } from './types.js';

const SETTINGS =
  'https://support.apple.com/en-us/102525 (iCloud Mail server settings: smtp.mail.me.com, 587, STARTTLS)';
const NO_TRANSCRIPT = 'no verifiable iCloud SMTP transcript was found (see signatures-notes.md); RFC wording';

export const icloud: Persona = {
  id: 'icloud',
  name: 'iCloud Mail',
  summary:
    'smtp.mail.me.com: STARTTLS on 587 (465 is reported both ways, Apple documents 587); the full iCloud address and an app-specific password. The reply wording is unverified: RFC text stands in.',
  providers: ['icloud'],
  imitates: { host: 'smtp.mail.me.com', listeners: [{ security: 'starttls', port: 587 }] },
  hostname: 'smtp.mail.me.com',
  usernames: { kind: 'email', note: 'the full iCloud address (name@icloud.com, me.com or mac.com)' },
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
      signature: 'icloud-settings',
      sources: [SETTINGS, 'deltachat/provider-db@5c14381:_providers/icloud.md'],
      verified: false,
      note: `${NO_TRANSCRIPT}; the mechanisms are the documented PLAIN and LOGIN`,
    },
    authRejected: {
      reply: '535 5.7.8 Authentication credentials invalid',
      signature: 'icloud-535-auth-failed',
      sources: ['https://support.apple.com/en-us/102654', 'https://www.rfc-editor.org/rfc/rfc4954#section-6'],
      verified: false,
      note: 'signatures.yaml: the exact iCloud reply text is not verified; RFC 4954 wording stands in',
    },
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
