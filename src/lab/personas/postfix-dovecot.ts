// Postfix + Dovecot SASL persona (Debian 12 submission service): AUTH only after TLS, 535 5.7.8 (reason unavailable).
import { postfix } from '../../knowledge/providers/postfix.js';
import { knownReplies } from './from-knowledge.js';
import type { Persona } from './types.js';

const known = knownReplies(postfix);

const SMTPD = 'vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd.c';
const SWAKS_DEBIAN =
  'observed:public transcript, search index id 7065178410 (swaks against Debian Postfix: 220 debian ESMTP Postfix (Debian/GNU), EHLO PIPELINING SIZE 10240000 VRFY ETRN STARTTLS ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8 CHUNKING)';
const TELNET_AUTH =
  'observed:public transcript, search index id 66469144756 (Postfix (Debian/GNU) EHLO with STARTTLS followed by AUTH PLAIN LOGIN; 250 2.1.0 Ok, 250 2.1.5 Ok, 354, 250 2.0.0 Ok: queued as, 221 2.0.0 Bye)';
const MAILX =
  'observed:public transcript, search index id 35496690495 (mailx against Postfix on 587: 220 2.0.0 Ready to start TLS, AUTH LOGIN prompts, 235 2.7.0 Authentication successful)';

export const postfixDovecot: Persona = {
  id: 'postfix-dovecot',
  name: 'Postfix + Dovecot',
  summary:
    'Debian 12 Postfix 3.7 with Dovecot SASL, submission as in master.cf (smtpd_tls_security_level=encrypt, smtpd_tls_auth_only=yes): STARTTLS on 587, implicit TLS on 465, AUTH PLAIN LOGIN only after TLS.',
  providers: ['postfix', 'dovecot'],
  imitates: {
    host: 'mail.lab.test',
    listeners: [
      { security: 'starttls', port: 587 },
      { security: 'tls', port: 465 },
    ],
  },
  hostname: 'mail.lab.test',
  usernames: { kind: 'any' },
  sampleAccounts: ['alice@lab.test:lab-password-1', 'bob:lab-password-2'],
  authBeforeTls: 'hidden',
  tlsRequired: true,
  authRequired: 'rcpt',
  replies: {
    greeting: {
      reply: '220 <hostname> ESMTP Postfix (Debian/GNU)',
      sources: [SWAKS_DEBIAN, 'Debian 12 postfix: smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)'],
      verified: true,
    },
    ehlo: {
      reply: [
        '250-<hostname>',
        '250-PIPELINING',
        '250-SIZE 10240000',
        '250-VRFY',
        '250-ETRN',
        '250-STARTTLS',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250-DSN',
        '250-SMTPUTF8',
        '250 CHUNKING',
      ].join('\r\n'),
      sources: [
        SWAKS_DEBIAN,
        '/work/shared/reference/protocol-security.md §2.9 (smtpd_tls_auth_only: no AUTH before TLS)',
      ],
      verified: true,
    },
    ehloAfterTls: {
      reply: [
        '250-<hostname>',
        '250-PIPELINING',
        '250-SIZE 10240000',
        '250-VRFY',
        '250-ETRN',
        '250-AUTH PLAIN LOGIN',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250-DSN',
        '250-SMTPUTF8',
        '250 CHUNKING',
      ].join('\r\n'),
      sources: [
        TELNET_AUTH,
        MAILX,
        'Debian 12 dovecot-core 2.3.19.1 10-auth.conf: auth_mechanisms (plain, login as in most guides)',
      ],
      verified: true,
      note: 'AUTH takes the place STARTTLS had: Postfix lists AUTH after STARTTLS and drops STARTTLS once TLS is up',
    },
    helo: {
      reply: '250 <hostname>',
      sources: ['observed:public transcript, search index id 70962657240 (helo x → 250 debian.localdomain)'],
      verified: true,
    },
    starttlsReady: { reply: '220 2.0.0 Ready to start TLS', sources: [MAILX, SMTPD], verified: true },
    tlsRequired: known('postfix.must-issue-starttls'),
    // Postfix asks Dovecot about the mechanism first: one Dovecot does not list is refused as a failed login.
    authUnrecognized: known('postfix.dovecot-invalid-mechanism'),
    authSuccess: { reply: '235 2.7.0 Authentication successful', sources: [MAILX, TELNET_AUTH], verified: true },
    authRejected: known('postfix.authentication-failed', {
      note: 'Postfix 3.7.8 and later print (reason unavailable) when Dovecot gives no reason',
    }),
    authTemporaryFailure: known('postfix.temporary-authentication-failure', { sample: 2 }),
    authRateLimited: known('postfix.too-many-auth-commands', {
      fill: { '<client-address>': '203.0.113.5' },
      note: 'Postfix counts AUTH commands per client address and time unit; the lab counts failed logins',
    }),
    authAlreadyDone: known('postfix.already-authenticated'),
    authCancelled: {
      reply: '501 5.7.0 Authentication aborted',
      sources: ['/work/shared/reference/protocol-security.md §1.5 (smtpd_sasl_glue.c)'],
      verified: true,
    },
    authRequired: known('postfix.relay-access-denied', {
      fill: { '<recipient>': 'bob@example.net' },
      note: 'Postfix accepts MAIL FROM and refuses the unauthenticated client at RCPT (default smtpd_relay_restrictions)',
    }),
    mailOk: { reply: '250 2.1.0 Ok', sources: [TELNET_AUTH, MAILX], verified: true },
    rcptOk: { reply: '250 2.1.5 Ok', sources: [TELNET_AUTH, MAILX], verified: true },
    dataGo: { reply: '354 End data with <CR><LF>.<CR><LF>', sources: [TELNET_AUTH, MAILX], verified: true },
    dataOk: { reply: '250 2.0.0 Ok: queued as <queue-id>', sources: [TELNET_AUTH, MAILX], verified: true },
    quit: { reply: '221 2.0.0 Bye', sources: [TELNET_AUTH, MAILX], verified: true },
    unknownCommand: {
      reply: '502 5.5.2 Error: command not recognized',
      sources: ['observed:public transcript, search index id 31315285830 (502 5.5.2 Error: command not recognized)'],
      verified: true,
    },
  },
  states: {
    'temp-failure': { reply: 'authTemporaryFailure', when: 'always', mechanisms: 'all' },
  },
};
