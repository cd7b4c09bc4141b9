// OpenSMTPD: AUTH only on secured listeners with auth enabled; PLAIN and LOGIN only.
import type { ProviderInput } from '../schema.js';

const SESSION = 'OpenSMTPD/OpenSMTPD@v6.8.0p2:usr.sbin/smtpd/smtp_session.c';
const DEB = 'Debian 12 package opensmtpd 6.8.0p2-4+b4 (binary strings)';
/** The reply formats are the same, byte for byte, in the newest release. */
const SESSION_7 = 'OpenSMTPD/OpenSMTPD@7.8.0p1:usr.sbin/smtpd/smtp_session.c';
/** esc_code() and esc_description(): "5.5.1", "Invalid command", … */
const ESC = 'OpenSMTPD/OpenSMTPD@v6.8.0p2:usr.sbin/smtpd/esc.c';
/** A real OpenSMTPD run before TLS (the TLS handshake failed on that machine, so nothing after it was seen). */
const OBSERVED =
  'observed: Debian 12 opensmtpd 6.8.0p2-4+b4 run locally ("listen on 127.0.0.1 port 2587 tls pki … auth <creds> hostname mail.lab.test"), raw client transcript of 2026-11-24 (before STARTTLS only)';

export const opensmtpd: ProviderInput = {
  id: 'opensmtpd',
  name: 'OpenSMTPD',
  kind: 'server',
  recognise: { banner: ['ESMTP OpenSMTPD'] },
  docs: [{ title: 'OpenSMTPD: smtpd.conf', url: 'https://man.openbsd.org/smtpd.conf' }],
  signatures: [
    {
      id: 'opensmtpd.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], text: '^Authentication failed$' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'OpenSMTPD rejected the credentials',
          summary: 'The credentials table refused the login (sent after a random pause).',
          confidence: 'high',
          fixes: [
            {
              text: 'Check the credentials table (table auth / passwd file; bcrypt hashes made with smtpctl encrypt).',
            },
          ],
        },
      ],
      samples: ['535 Authentication failed'],
      sources: [`${SESSION} (smtp_auth_failure_resume: '535 Authentication failed')`, DEB, SESSION_7],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'opensmtpd.command-not-supported',
      phases: ['auth'],
      match: { codes: [503], enhanced: '5.5.1', text: 'Command not supported' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'OpenSMTPD offers AUTH only on secured sessions',
          summary: 'AUTH is available only when the session is encrypted and the listener has auth enabled.',
          confidence: 'high',
          when: { tls: false },
          fixes: [
            {
              text: 'Use STARTTLS (listen … tls auth) or implicit TLS (smtps), then AUTH.',
              settings: { security: 'starttls' },
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not checked.' }],
        },
        {
          finding: 'auth-not-offered',
          title: 'This listener has no auth',
          summary: 'The listener was configured without auth.',
          confidence: 'medium',
          fixes: [{ text: 'Server admin: add "auth" to the submission listener.' }],
        },
      ],
      samples: ['503 5.5.1 Invalid command: Command not supported'],
      sources: [`${SESSION} (!ADVERTISE_AUTH -> '503 %s %s: Command not supported')`, DEB, SESSION_7, OBSERVED],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'opensmtpd.must-issue-starttls-or-auth',
      phases: ['mail'],
      match: { codes: [530], enhanced: '5.5.1', text: 'Must issue (?:a STARTTLS|an AUTH) command first' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'The listener requires TLS and a login first',
          summary: 'The listener requires TLS (tls-require) or authentication before MAIL FROM.',
          confidence: 'high',
          fixes: [{ text: 'STARTTLS, then AUTH, before MAIL FROM.', settings: { security: 'starttls' } }],
        },
        {
          finding: 'credentials-missing',
          title: 'The client did not log in before MAIL FROM',
          summary:
            'The session is encrypted but the client sent MAIL FROM without AUTH: the "auth" listener requires a login first.',
          confidence: 'high',
          when: { tls: true },
          fixes: [{ text: 'Configure the user name and password so that the client sends AUTH before MAIL FROM.' }],
        },
      ],
      samples: [
        '530 5.5.1 Invalid command: Must issue a STARTTLS command first',
        '530 5.5.1 Invalid command: Must issue an AUTH command first',
      ],
      sources: [SESSION, DEB, OBSERVED],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'opensmtpd.auth-method-not-supported',
      phases: ['auth'],
      match: { codes: [504], enhanced: '5.7.4', text: 'AUTH method "[^"]*" not supported' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'OpenSMTPD implements only PLAIN and LOGIN',
          summary: 'The client asked for another mechanism.',
          confidence: 'high',
          fixes: [{ text: 'Use PLAIN or LOGIN.', settings: { mechanism: 'PLAIN' } }],
        },
      ],
      samples: ['504 5.7.4 Security features not supported: AUTH method "CRAM-MD5" not supported'],
      sources: [SESSION, DEB, SESSION_7, ESC],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'opensmtpd.temporary-failure',
      phases: ['auth'],
      match: { codes: [421], enhanced: '4.3.0', text: 'Temporary failure' },
      causes: [
        {
          finding: 'auth-temporary-failure',
          title: 'OpenSMTPD’s credentials lookup failed',
          summary: 'The auth table lookup failed temporarily; the connection is unusable now.',
          confidence: 'high',
          fixes: [{ text: 'Try again later; server admin: check the table backend.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not evaluated.' }],
        },
      ],
      samples: ['421 4.3.0 Temporary failure'],
      sources: [`${SESSION} (LKA_TEMPFAIL -> '421 %s Temporary failure')`, ESC],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'opensmtpd.syntax-error',
      phases: ['auth'],
      match: { codes: [501], enhanced: '5.5.2', text: '^Syntax error: Syntax error$' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-malformed',
          title: 'OpenSMTPD could not read the login data',
          summary:
            'The AUTH data was not base64, or the PLAIN data lacked its two NUL separators or had an empty password; "*" to cancel ends the same way, since it is not base64 either.',
          confidence: 'high',
          fixes: [
            {
              text: 'Send the AUTH data as base64 on one line; for PLAIN, base64 of "\\0user\\0password" with a non-empty password.',
            },
          ],
        },
      ],
      samples: ['501 5.5.2 Syntax error: Syntax error'],
      sources: [
        `${SESSION} (smtp_rfc4954_auth_plain and _login, on data they cannot decode: '501 %s %s: Syntax error' with 5.5.2 and the description "Syntax error")`,
        ESC,
        DEB,
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
  ],
};
