// Generic signatures: what a reply means by RFC 5321/4954/3207/5248 alone, when no provider wording is recognised.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';
import { authAfterStarttls, envelopeSignatures } from './rfc-envelope.js';

const RFC4954 = 'https://www.rfc-editor.org/rfc/rfc4954#section-6';
const RFC4954_4 = 'https://www.rfc-editor.org/rfc/rfc4954#section-4';
const RFC3207 = 'https://www.rfc-editor.org/rfc/rfc3207#section-4';
const RFC5248 = 'https://www.rfc-editor.org/rfc/rfc5248#section-2.4';
const RFC5321 = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2';
const DOVECOT_QUOTES =
  'dovecot/core@2.3.19.1:src/submission-login/client-authenticate.c (quotes RFC 4954/3207/5248 verbatim)';

const useTls = {
  id: 'encrypt-first',
  text: 'Encrypt first: STARTTLS on port 587 (then EHLO again), or implicit TLS on port 465; then AUTH.',
};
/** Shared by the readings of an AUTH the server does not take: one piece of advice, one key. */
const useSubmissionPort = {
  id: 'rfc.use-submission-port',
  text: 'Use the submission port (587 with STARTTLS or 465 with implicit TLS) rather than port 25.',
};
const noPasswordChange = {
  topic: 'change-password',
  text: 'Changing the password',
  why: 'the server never looked at it: the refusal is about the connection, not the credentials.',
};

export const rfc: ProviderInput = {
  id: 'rfc',
  name: 'Any SMTP server (RFC meaning)',
  kind: 'generic',
  recognise: {},
  docs: [
    { title: 'RFC 4954: SMTP Service Extension for Authentication', url: 'https://www.rfc-editor.org/rfc/rfc4954' },
  ],
  signatures: [
    {
      id: 'rfc.xoauth2-error-challenge',
      phases: ['auth'],
      // base64 of '{"': the JSON error document of XOAUTH2 (and OAUTHBEARER) sent as a 334 challenge; or that document
      // decoded, as clients that decode the challenge print it (early MailKit).
      match: { codes: [334], text: '^eyJ|^\\{\\s*"status"\\s*:' },
      standalone: '\\{\\s*"status"\\s*:\\s*"?[^",}\\s]{1,20}"?\\s*,\\s*"schemes"\\s*:\\s*"[Bb]earer',
      causes: [
        {
          finding: 'oauth-token-rejected',
          title: 'The OAuth token was refused',
          summary:
            'The server answered the token with a JSON error document (status, scope) as a SASL challenge instead of accepting it: the access token is expired or revoked, lacks the scope the provider requires for SMTP, or belongs to another account than the user name.',
          confidence: 'medium',
          fixes: [
            { text: 'Get a fresh access token (not the refresh token) and try once.' },
            {
              text: 'Request the scope the provider documents for SMTP (Google: https://mail.google.com/; Microsoft: https://outlook.office.com/SMTP.Send).',
            },
            { text: 'Log in with the address of the account that granted the token.' },
          ],
          deadEnds: [
            { text: 'Sending the password instead', why: 'the server asked for a token and judged the one it got.' },
          ],
        },
      ],
      samples: [
        '334 eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NoZW1lcyI6ImJlYXJlciBtYWMiLCJzY29wZSI6Imh0dHBzOi8vbWFpbC5leGFtcGxlLmNvbS8ifQ==',
      ],
      sources: [
        'https://developers.google.com/gmail/imap/xoauth2-protocol (XOAUTH2 error: base64({JSON-Body}) with status, schemes, scope, sent as a challenge)',
        'https://www.rfc-editor.org/rfc/rfc7628#section-3.2.2 (OAUTHBEARER error: JSON with status, scope, openid-configuration; §4.4 SMTP example with this 334)',
        'observed:https://github.com/jstedfast/MailKit/issues/27 (MailKit printed Gmail\'s decoded challenge {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}; a password had been sent as the token)',
      ],
      // RFC 7628 §4.4: the client answers the challenge with a dummy response, the server ends with 535 5.7.8.
      followedBy: 'rfc.credentials-invalid',
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.auth-succeeded',
      phases: ['auth'],
      match: { codes: [235] },
      causes: [
        {
          finding: 'auth-ok',
          title: 'The login works',
          summary: 'The server accepted the credentials (235).',
          confidence: 'high',
          fixes: [{ text: 'Nothing to change for the login itself.' }],
        },
      ],
      samples: ['235 2.7.0 Authentication successful', '235 Authentication successful'],
      sources: [RFC4954],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.credentials-invalid',
      phases: ['auth'],
      match: { codes: [535] },
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'The server rejected the credentials',
          summary:
            'The server looked at the user name and password and refused them (535, RFC 4954 "Authentication credentials invalid"). Common reasons: a wrong user name or password, a user name in the wrong form, or a kind of password the provider does not accept for SMTP (account password where an app password, SMTP key or token is required).',
          confidence: 'medium',
          fixes: [
            {
              text: 'Check the exact user-name form the server wants: the full address, only the local part, or a fixed word such as "apikey".',
            },
            {
              text: 'Use the kind of secret the provider wants for SMTP (app password, SMTP key, derived SMTP password, OAuth token), not the web-login password.',
            },
            { text: 'Enter the secret again without spaces, quotes or a trailing newline around it.' },
          ],
          deadEnds: [
            {
              text: 'Retrying the same credentials in a loop',
              why: 'many providers count failures and then lock or throttle the account.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 Authentication credentials invalid'],
      sources: [RFC4954, DOVECOT_QUOTES],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.temporary-auth-failure',
      phases: ['auth'],
      match: { codes: [454] },
      causes: [
        {
          finding: 'auth-temporary-failure',
          title: 'The server could not check the credentials',
          summary:
            'The server failed internally while checking the login (454). This is not a verdict on the password: RFC 4954 says a client should not ask for another one.',
          confidence: 'medium',
          fixes: [
            { text: 'Wait, then try once more (with back-off).' },
            {
              text: 'If you run the server: check its authentication backend (saslauthd, the Dovecot auth socket, LDAP or SQL).',
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'Resetting the password', why: 'the server never evaluated it.' },
          ],
        },
      ],
      samples: ['454 4.7.0 Temporary authentication failure'],
      sources: [RFC4954, DOVECOT_QUOTES],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes: 'Gmail reuses 454 4.7.0 for its login rate limit; a text pattern decides between the two.',
    },
    {
      id: 'rfc.mechanism-too-weak',
      phases: ['auth'],
      match: { codes: [534], text: 'mechanism (?:is )?too weak' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          detail: 'too-weak',
          title: 'The mechanism is weaker than the server allows',
          summary:
            'The server says in so many words that this SASL mechanism is too weak for this user (534, RFC 4954 "Authentication mechanism is too weak"): it wants a stronger one, or the same one over TLS.',
          confidence: 'medium',
          fixes: [
            { id: 'rfc.stronger-mechanism', text: 'Use a stronger mechanism from the EHLO AUTH list, over TLS.' },
          ],
        },
      ],
      samples: ['534 5.7.9 Authentication mechanism is too weak'],
      sources: [RFC4954],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.bare-534',
      phases: ['auth'],
      match: { codes: [534] },
      causes: [
        {
          // RFC 4954 gives 534 to a mechanism that is too weak, but in practice a 534 is Gmail's: every 534 of the
          // evaluation corpus's tuning split is, and Google documents 534 5.7.9 and 5.7.14 for its login holds. Its
          // own signatures win when its text is there; without the text (a bare code, a client that dropped it) this
          // reading comes first.
          finding: 'app-password-required',
          title: 'The provider probably wants an app password',
          summary:
            'A 534 comes in practice from Gmail: 534 5.7.9 "Application-specific password required" when 2-Step Verification is on and the account password is used, and 534 5.7.14 when the account must first be unlocked in a browser. By the RFC, 534 means the mechanism is too weak for this user. The full reply text tells these apart.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Gmail: create an app password (Google Account → Security → 2-Step Verification → App passwords) and use it instead of the account password.',
            },
            { text: 'Look at the full reply text: it tells the readings apart.' },
          ],
          docs: [
            {
              title: 'Google: sign in with app passwords',
              url: 'https://support.google.com/accounts/answer/185833',
            },
          ],
        },
        {
          finding: 'mechanism-unsupported',
          detail: 'too-weak',
          title: 'The mechanism may be weaker than the server allows',
          summary:
            'Server policy may not allow this SASL mechanism for this user (534, "Authentication mechanism is too weak").',
          confidence: 'low',
          fixes: [
            { id: 'rfc.stronger-mechanism', text: 'Use a stronger mechanism from the EHLO AUTH list, over TLS.' },
          ],
        },
      ],
      samples: ['534 5.7.9'],
      sources: [
        RFC4954,
        'https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes: 534 5.7.9 Application-specific password required; 534 5.7.14 log in through the web browser)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
      notes:
        'Gmail reuses 534 5.7.9 for "Application-specific password required" (and 534 5.7.14 for web login); its text pattern wins.',
    },
    {
      id: 'rfc.encryption-required',
      phases: ['auth'],
      match: { codes: [538, 523] },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'The server wants TLS before this login',
          summary:
            'The server refuses this mechanism on an unencrypted connection (538 "Encryption required for requested authentication mechanism" or 523 "Encryption Needed").',
          confidence: 'high',
          fixes: [useTls],
          deadEnds: [
            { text: 'Switching from PLAIN to LOGIN', why: 'both send the password in the clear and need TLS alike.' },
            noPasswordChange,
          ],
        },
      ],
      samples: [
        '538 5.7.11 Encryption required for requested authentication mechanism',
        '523 5.7.10 Encryption Needed',
      ],
      sources: [RFC4954, RFC5248, DOVECOT_QUOTES],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.must-issue-starttls',
      phases: ['auth', 'mail', 'rcpt'],
      // Also the same refusal in a server's own words (Yandex: "Email sending without SSL/TLS encryption is not allowed").
      match: {
        codes: [530, 451, 550],
        text: 'STARTTLS|(?:sending|login|authentication|auth) without (?:SSL/TLS|SSL|TLS)(?: encryption)? is not allowed',
      },
      // RFC 3207's own words: every server that uses them means the same.
      standalone: 'Must issue a STARTTLS command first',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'The server wants STARTTLS first',
          summary:
            'The client sent AUTH or MAIL on an unencrypted connection; this server accepts nothing but EHLO, STARTTLS, NOOP and QUIT before TLS (RFC 3207 section 4).',
          confidence: 'high',
          fixes: [useTls],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: ['530 5.7.0 Must issue a STARTTLS command first'],
      sources: [
        RFC3207,
        DOVECOT_QUOTES,
        "observed:https://github.com/PHPMailer/PHPMailer/issues/283 (Yandex: 'AUTH not accepted from server: 530 5.7.7 Email sending without SSL/TLS encryption is not allowed'; maintainer: enable encryption, Yandex does not allow authentication without TLS)",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.authentication-required',
      phases: ['mail', 'rcpt', 'data', 'auth'],
      match: { codes: [530] },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client never logged in',
          summary:
            'The server requires a login before mail and none was in force (530 "Authentication required"): no credentials were configured, the client skipped AUTH (often because AUTH was not advertised before TLS), or it ignored an earlier AUTH failure.',
          confidence: 'medium',
          fixes: [
            { text: 'Configure the user name and password, and check that an AUTH command appears in the transcript.' },
            authAfterStarttls,
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'no password was sent.' }],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: ['530 5.7.0 Authentication required'],
      sources: [RFC4954, DOTNET_SOURCE],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.password-transition',
      phases: ['auth'],
      match: { codes: [432] },
      causes: [
        {
          finding: 'mechanism-unsupported',
          detail: 'password-transition',
          title: 'The server needs one PLAIN login first',
          summary:
            'The server has no stored secret for this mechanism yet (432 "A password transition is needed"); it derives one from a single PLAIN login over TLS.',
          confidence: 'high',
          fixes: [
            {
              text: 'Log in once with PLAIN over TLS, then use the other mechanism again.',
              settings: { mechanism: 'PLAIN' },
            },
          ],
        },
      ],
      samples: ['432 4.7.12 A password transition is needed'],
      sources: [RFC4954],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.unrecognized-mechanism',
      phases: ['auth'],
      match: { codes: [504] },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'The server does not accept this mechanism here',
          summary:
            'The mechanism the client asked for is not supported, or not in the current state, for instance before TLS (504).',
          confidence: 'medium',
          fixes: [
            {
              text: 'Pick a mechanism listed in the latest EHLO reply, and send EHLO again after STARTTLS before choosing.',
            },
          ],
        },
        {
          finding: 'auth-requires-tls',
          title: 'The mechanism may be offered only after TLS',
          summary: 'Many servers offer password mechanisms only on an encrypted connection.',
          confidence: 'low',
          when: { tls: false },
          fixes: [useTls],
        },
      ],
      samples: ['504 5.5.4 Unrecognized authentication type'],
      sources: [RFC4954_4, DOVECOT_QUOTES],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.cannot-decode',
      phases: ['auth'],
      match: { codes: [501] },
      causes: [
        {
          // 501 answers any command with bad arguments (a malformed MAIL FROM or RCPT TO too): only an answer to AUTH
          // is about the AUTH exchange, so without the command the reading is a guess.
          when: { phases: ['auth'] },
          finding: 'auth-malformed',
          title: 'The server could not read the AUTH response',
          summary:
            'The client sent something that is not valid base64, or cancelled the exchange (501). This is a client-side encoding problem: line-wrapped base64, a stray newline in a secret, or a malformed XOAUTH2 string.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Base64-encode the exact bytes without line breaks; strip trailing newlines from secrets read from files or environment variables.',
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'Changing the password', why: 'the server could not even read it.' },
          ],
        },
      ],
      samples: ['501 5.5.2 Cannot Base64-decode Client responses'],
      sources: [RFC4954_4],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.line-too-long',
      phases: ['auth'],
      match: { codes: [500], enhanced: '5.5.6' },
      causes: [
        {
          finding: 'auth-malformed',
          detail: 'too-long',
          title: 'The AUTH line is longer than the server accepts',
          summary: 'The base64 response did not fit the server buffer for this mechanism (500 5.5.6).',
          confidence: 'high',
          fixes: [{ text: 'Send AUTH without an initial response and answer the 334 challenge instead.' }],
        },
      ],
      samples: ['500 5.5.6 Authentication Exchange line is too long'],
      sources: [RFC4954],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.account-disabled',
      phases: ['auth'],
      match: { codes: [525] },
      causes: [
        {
          finding: 'account-locked',
          detail: 'disabled',
          title: 'The account is disabled',
          summary:
            'The credentials are right but an administrator disabled the account (525 "User Account Disabled"); this lasts until they re-enable it.',
          confidence: 'high',
          fixes: [{ text: 'Contact the mailbox administrator: nothing in the client can fix this.' }],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Resetting the password',
              why: 'the password was accepted; the account itself is off.',
            },
          ],
        },
      ],
      samples: ['525 5.7.13 User Account Disabled'],
      sources: [RFC5248, DOVECOT_QUOTES],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.auth-not-enabled',
      phases: ['auth'],
      // 500 too: RFC 4954 §3, a server without the AUTH extension answers it as an unknown command.
      match: { codes: [503, 502, 500] },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'AUTH is probably offered only after TLS',
          summary:
            'The server refused AUTH as a command it does not accept in this state (503/502). Most servers hide AUTH until the connection is encrypted.',
          confidence: 'medium',
          // 502/503 answer other commands too (a MAIL out of sequence): only an answer to AUTH says this.
          when: { tls: false, phases: ['auth'] },
          fixes: [useTls],
          deadEnds: [noPasswordChange],
        },
        {
          finding: 'auth-not-offered',
          when: { phases: ['auth'] },
          title: 'AUTH is not available on this connection',
          summary:
            'The server does not accept AUTH here: authentication is not enabled on this port or service, or the client sent AUTH twice.',
          confidence: 'medium',
          fixes: [
            useSubmissionPort,
            { text: 'If you run the server: enable SASL authentication on the service clients use.' },
          ],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: ['503 5.5.1 Bad sequence of commands'],
      sources: [RFC4954_4],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.auth-unknown-command',
      phases: ['auth'],
      // The refusal names AUTH as the command it does not know: whatever the paste shows around it, it answered AUTH.
      match: { codes: [500, 502], text: 'command "?AUTH"? (?:not recognized|unrecognized|not implemented)' },
      causes: [
        {
          finding: 'auth-not-offered',
          detail: 'unknown-command',
          title: 'The server does not know the AUTH command',
          summary:
            'The server answered that AUTH is a command it does not recognise: it has no SMTP AUTH at all (RFC 4954 is an extension), as with a test or relay server — Python’s smtpd, a local relay on port 25 — or a port of the provider that takes no logins. The credentials were never sent.',
          confidence: 'medium',
          fixes: [
            useSubmissionPort,
            {
              text: 'If the server is a local relay or test server that needs no login, turn authentication off in the client.',
            },
          ],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: ['500 Error: command "AUTH" not recognized'],
      sources: [
        RFC4954_4,
        'python/cpython@v3.11.9:Lib/smtpd.py (\'500 Error: command "%s" not recognized\' for a command it has no method for)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.greeting-refused',
      phases: ['greeting'],
      match: { codes: [421, 554], requirePhase: true },
      causes: [
        {
          finding: 'service-unavailable',
          title: 'The server refused service at the greeting',
          summary:
            'Instead of 220 the server greeted with 421 (service not available, closing) or 554 (no SMTP service here). Often the client address is blocked, the server is overloaded, or this port is not for you.',
          confidence: 'high',
          fixes: [
            { text: 'Read the text of the greeting: it usually names the reason (blocklist, too many connections).' },
            { text: 'Try the provider submission host and port (587 or 465) rather than an MX host on port 25.' },
          ],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: [
        '554 No SMTP service here',
        '421 4.3.2 mail.example.org Service not available, closing transmission channel',
      ],
      sources: [
        'https://www.rfc-editor.org/rfc/rfc5321#section-3.1',
        'https://www.rfc-editor.org/rfc/rfc5321#section-3.8',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.auth-closing',
      phases: ['auth'],
      match: { codes: [421], requirePhase: true },
      causes: [
        {
          finding: 'auth-temporary-failure',
          detail: 'closing',
          title: 'The server closed the session instead of answering the login',
          summary:
            'A 421 in answer to AUTH ends the session before the credentials were judged. Servers do this when they throttle logins from this client or account (after failed logins, or too many connections at once), or when their authentication backend is down. It is not a verdict on the password, and possibly a rate limit.',
          confidence: 'medium',
          fixes: [
            { text: 'Stop automatic retries and wait (minutes, sometimes an hour) before one more attempt.' },
            {
              text: 'If it keeps happening: reuse one connection for many messages instead of logging in for each, and check the provider’s sending and login limits.',
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'the server closed the session before it judged the password.',
            },
            {
              topic: 'retry',
              text: 'Retrying at once',
              why: 'a throttle stays in place, or grows, with every attempt.',
            },
          ],
        },
      ],
      samples: ['421 4.7.0 Try again later, closing connection.'],
      sources: [
        'https://www.rfc-editor.org/rfc/rfc5321#section-3.8',
        'https://www.rfc-editor.org/rfc/rfc4954#section-6',
      ],
      verified: '2026-12-02',
      certainty: 'reported',
      notes:
        'Inferred from RFC 5321 (421: closing) and RFC 4954 (a temporary AUTH failure is no verdict on the credentials). Gmail sends this text with "(AUTH)" after it when it throttles logins; public transcripts only quote the "(EHLO)" form (calcom/cal.diy#5254, dawidd6/action-send-mail#196), so there is no Google signature for it.',
    },
    {
      id: 'rfc.service-closing',
      // Not 'auth': a 421 answering AUTH is rfc.auth-closing, a refusal to judge the login.
      phases: ['ehlo', 'helo', 'starttls', 'mail', 'rcpt', 'data'],
      match: { codes: [421] },
      causes: [
        {
          finding: 'service-unavailable',
          title: 'The server closed the session',
          summary: 'The server answered 421: it is closing the connection and will not continue this session.',
          confidence: 'medium',
          fixes: [{ text: 'Read the reply text for the reason; wait and try once more later.' }],
        },
      ],
      samples: ['421 4.7.0 Closing connection'],
      sources: ['https://www.rfc-editor.org/rfc/rfc5321#section-3.8'],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.too-many',
      phases: ['greeting', 'ehlo', 'auth', 'mail', 'rcpt', 'data'],
      // Also a count per hour or minute named as the limit: Postfix policy services, rspamd's "Ratelimit … exceeded",
      // cPanel's "max emails per hour", a provider's "limited to 100 messages / hour".
      match: {
        codes: [421, 450, 451, 452, 454, 550, 554],
        text: 'too many|rate.?limit|throttl|(?:messages?|e-?mails?|mails|recipients) ?(?:per|/|an|a) ?(?:hour|minute)\\b',
      },
      causes: [
        {
          finding: 'rate-limited',
          title: 'The server is throttling this client',
          summary:
            'The reply says there were too many attempts or connections. Further tries now keep the block in place or make it longer.',
          confidence: 'high',
          fixes: [
            { text: 'Stop all attempts and wait before trying again (minutes, sometimes an hour).' },
            { text: 'Fix the credential problem first, then try once; reuse one connection for many messages.' },
          ],
          deadEnds: [{ text: 'Retrying immediately', why: 'each attempt extends the block.' }],
        },
      ],
      samples: ['421 4.7.0 Too many connections'],
      sources: [RFC5321],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    // Account-state wordings in a refusal of AUTH, from servers and providers without a signature of their own. 534
    // and 535 answer nothing but AUTH (RFC 4954 §6), so the words alone tell them from a verdict on the password; the
    // lockout budget (probe/budget.ts) stops every further login on them (knowledge/login-stops.ts).
    {
      id: 'rfc.login-throttled',
      phases: ['auth'],
      match: {
        codes: [535, 534],
        text: 'too many|rate.?limit|throttl|attempts exceeded|maximum (?:number of )?(?:login |authentication |auth )?(?:attempts|tries|failures)',
      },
      causes: [
        {
          finding: 'rate-limited',
          title: 'The server refuses logins after too many attempts',
          summary:
            'The refusal says there were too many logins or names a rate limit: the server has stopped judging logins from this client or account for a while. Until the block lifts, every attempt is refused whatever the password, and each one keeps the block in place or extends it.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Stop every client, job and script that logs in with this account, then wait before one more try (minutes, sometimes an hour).',
            },
            {
              text: 'Before that one try, fix what made the earlier logins fail (user name, password, kind of secret).',
            },
          ],
          deadEnds: [
            {
              topic: 'retry',
              text: 'Retrying at once',
              why: 'a throttle stays in place, or grows, with every attempt.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 Authentication throttled: maximum number of attempts exceeded, retry in 10 minutes'],
      sources: [RFC4954],
      verified: '2026-12-07',
      certainty: 'reported',
      notes:
        'The words, not a server: providers with their own reading (Yahoo #AUTH005, Gmail 454) keep it, since a provider’s signature ranks first.',
    },
    {
      id: 'rfc.login-try-later',
      phases: ['auth'],
      match: {
        codes: [535, 534],
        text: 'try again later|retry later|(?:retry|try again) (?:in|after) \\d+ ?(?:s|secs?|seconds?|m|mins?|minutes?|h|hours?)\\b',
      },
      causes: [
        {
          finding: 'auth-temporary-failure',
          detail: 'try-later',
          title: 'The server refuses logins for now',
          summary:
            'The refusal asks to try again later: the server is not accepting logins for a while (maintenance, a throttle after failed logins, or a hold on the account) rather than judging this password, although the code says the refusal is permanent.',
          confidence: 'low',
          fixes: [
            { text: 'Wait (minutes, sometimes an hour), then make a single login attempt.' },
            {
              text: 'If it lasts: ask the provider or the administrator whether logins to the account are held, and why.',
            },
          ],
          deadEnds: [
            {
              topic: 'retry',
              text: 'Retrying at once',
              why: 'a throttle stays in place, or grows, with every attempt.',
            },
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'the server asked for a later attempt, not for another password.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 System is being upgraded, please try again later'],
      sources: [
        'https://doc.dovecot.org/2.3/configuration_manual/authentication/nologin/ (nologin with reason=System is being upgraded, please try again later: the reason is the authentication failure message)',
        RFC4954,
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
    {
      id: 'rfc.account-state',
      phases: ['auth'],
      match: { codes: [535, 534], text: 'locked|suspended|disabled|deactivated|blocked' },
      causes: [
        {
          finding: 'account-locked',
          title: 'The account, or logins to it, are locked',
          summary:
            'The refusal says the account or its logins are locked, suspended, disabled, deactivated or blocked: a state of the account (set by an administrator, by the provider, or by too many failed logins), not a verdict on this password. No password, mechanism or port changes it; it lifts when the provider or the administrator lifts it, or after a wait.',
          confidence: 'low',
          fixes: [
            {
              text: 'Sign in to the provider’s web mail or account page: it shows why the account is held and how to lift it.',
            },
            {
              text: 'If you run the server or the domain: look up the account’s status in the user directory or admin console (locked, disabled, suspended, SMTP switched off).',
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'the reply names the state of the account, which a new password does not change.',
            },
            {
              topic: 'retry',
              text: 'Retrying at once',
              why: 'a lockout counts failed logins and can last longer for each.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 Authentication failed: account suspended'],
      sources: [
        'https://www.rfc-editor.org/rfc/rfc5248#section-2.4 (X.7.13 User Account Disabled: the account, not the credentials)',
        'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-password-smart-lockout (a lockout after failed sign-ins)',
        RFC4954,
      ],
      verified: '2026-12-07',
      certainty: 'reported',
      notes:
        'Inferred from providers that word their account holds this way (Microsoft "account locked", Google "sign-in attempt was blocked", GMX "disabled"): the words mean the same from any server.',
    },
    {
      id: 'rfc.web-login-required',
      phases: ['auth'],
      match: { codes: [535, 534], text: 'web ?browser|(?:log|sign) ?in via' },
      causes: [
        {
          finding: 'web-login-required',
          title: 'The provider wants a sign-in through the browser first',
          summary:
            'The refusal asks to sign in through a web browser: the provider holds logins from mail clients until the account owner confirms them there (a security check, a notice to accept, an expired password), whatever this client sends.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Sign in to the account’s web mail in a browser, from the same network if you can, and do what it asks (confirm the sign-in, accept a notice, renew the password).',
            },
            {
              text: 'Then make one login; if the provider offers app passwords for mail clients, use one for SMTP.',
            },
          ],
          deadEnds: [
            {
              topic: 'retry',
              text: 'Retrying at once',
              why: 'a throttle stays in place, or grows, with every attempt.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 Please sign in via your web browser, then try again'],
      sources: [
        'https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes: "Please log in with your web browser and then try again")',
        RFC4954,
      ],
      verified: '2026-12-07',
      certainty: 'reported',
      notes: 'Google’s own wording has its signature (google.web-login-required); this one is for any other server.',
    },
    {
      id: 'rfc.app-password-required',
      phases: ['auth'],
      match: { codes: [535, 534], text: 'application-specific password|app password' },
      // A server's request for one reads the same without its code, as mail clients show it.
      standalone: 'please (?:create|use) an app(?:lication)?[- ](?:specific )?password',
      causes: [
        {
          finding: 'app-password-required',
          title: 'The provider wants an app password',
          summary:
            'The refusal says an app password (application-specific password) is needed: the account has two-step verification or a policy that keeps its main password out of mail clients, so the main password is refused however it is sent.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Create an app password in the account’s security settings (it usually needs two-step verification on) and use it instead of the account password.',
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the account password',
              why: 'the account password is not accepted here at all: SMTP wants an app password.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 Please use an app password to log in'],
      sources: [
        'https://support.google.com/accounts/answer/185833 (app passwords for apps that cannot sign in otherwise)',
        'observed:https://github.com/Purelymail/purelymail-issues/issues/337 (mail clients told "Login failed - please create an app password")',
        RFC4954,
      ],
      verified: '2026-12-07',
      certainty: 'reported',
      notes: 'Google’s own wording has its signature (google.app-password-required); this one is for any other server.',
    },
    {
      id: 'rfc.starttls-refused',
      phases: ['starttls'],
      match: { codes: [454, 500, 501, 502, 503, 530], requirePhase: true },
      causes: [
        {
          finding: 'starttls-unavailable',
          title: 'The server refused STARTTLS',
          summary:
            'The server would not start TLS (RFC 3207: 454 "TLS not available due to temporary reason"; 500/502 when it does not know the command). Sending credentials anyway would expose them.',
          confidence: 'high',
          fixes: [
            // No port here: which one offers TLS depends on the provider (Microsoft 365 has no 465); the starttls
            // rule adds the ports a live check saw work or the provider documents.
            {
              id: 'implicit-tls-if-documented',
              text: 'Use implicit TLS instead if the provider documents a port for it (RFC 8314).',
            },
            {
              text: 'If you run the server: check its certificate and key files (a broken TLS setup makes it refuse STARTTLS).',
            },
          ],
          deadEnds: [
            {
              topic: 'tls-off',
              text: 'Turning TLS off to make the error go away',
              why: 'the password then travels in the clear, and most servers refuse AUTH without TLS anyway.',
            },
          ],
        },
      ],
      samples: ['502 5.5.1 Unrecognized command'],
      sources: [RFC3207],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.tls-not-available',
      phases: ['starttls'],
      match: { codes: [454], text: 'TLS not available' },
      causes: [
        {
          finding: 'starttls-unavailable',
          detail: 'refused',
          title: 'The server cannot start TLS right now',
          summary:
            'The server answered STARTTLS with 454 "TLS not available": its TLS setup is broken or temporarily unusable (often a missing or unreadable certificate or key). This is about the server, not the password.',
          confidence: 'high',
          fixes: [
            // No port here: which one offers TLS depends on the provider (Microsoft 365 has no 465); the starttls
            // rule adds the ports a live check saw work or the provider documents.
            {
              id: 'implicit-tls-if-documented',
              text: 'Use implicit TLS instead if the provider documents a port for it (RFC 8314).',
            },
            {
              text: 'If you run the server: check its TLS certificate and key files and the mail log around this time.',
            },
          ],
          deadEnds: [
            {
              topic: 'tls-off',
              text: 'Turning TLS off to make the error go away',
              why: 'the password then travels in the clear, and most servers refuse AUTH without TLS anyway.',
            },
            { topic: 'change-password', text: 'Changing the password', why: 'the server never got to AUTH.' },
          ],
        },
      ],
      samples: ['454 TLS not available due to temporary reason', '454 4.7.0 TLS not available due to local problem'],
      sources: [
        RFC3207,
        'vdukhovni/postfix@17830e5c13c1:postfix/src/smtpd/smtpd.c (454 4.7.0 TLS not available due to local problem)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.relay-denied',
      phases: ['rcpt', 'mail'],
      match: {
        codes: [454, 550, 551, 553, 554],
        text: 'relay(?:ing)? (?:access )?(?:denied|not permitted|disallowed|not allowed|prohibited)|not permitted to relay|unable to relay|we do not relay',
      },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The server will not relay for an unauthenticated client',
          summary:
            'The recipient is elsewhere and the session is not authenticated, so the server refuses to relay. Usually the client never sent AUTH (it is off in the client, or AUTH was not advertised before STARTTLS).',
          confidence: 'medium',
          fixes: [
            { text: 'Turn authentication on in the client and make sure it logs in before sending.' },
            { text: 'Use STARTTLS (587) or implicit TLS (465) so that the server offers AUTH.' },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'AUTH may not have been attempted at all.',
            },
          ],
        },
      ],
      samples: ['550 relay not permitted'],
      sources: [
        "vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd_check.c ('<%s>: Relay access denied')",
        "Exim on Debian: default ACL answers '550 relay not permitted' (shared/reference/signatures.yaml, exim-cpanel-550 notes)",
        'https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/allow-anonymous-relay (Exchange: "550 5.7.1 Unable to relay" when the Receive connector does not let the host relay anonymously)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.sender-rejected',
      phases: ['mail'],
      // RFC 5321 §4.3.2: what MAIL may get, plus 500/502/504 and 554 that servers also send to a MAIL they refuse.
      match: { codes: [550, 553, 555, 501, 500, 502, 504, 554], requirePhase: true },
      causes: [
        {
          finding: 'sender-rejected',
          title: 'The server refused the sender address',
          summary: 'The MAIL FROM address was refused; the reply text says why (not owned by this login, bad syntax).',
          confidence: 'medium',
          fixes: [{ text: 'Send from the address that belongs to the login (or an alias of it), as a bare address.' }],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'the refusal is about the address, not the login.',
            },
          ],
        },
      ],
      samples: ['553 5.1.7 Requested action not taken: mailbox name not allowed'],
      sources: [RFC5321],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.recipient-rejected',
      phases: ['rcpt'],
      // RFC 5321 §4.3.2 (550, 551, 553, 555 and 501 for syntax) and RFC 7504 (556: the domain accepts no mail).
      match: { codes: [550, 551, 553, 554, 501, 504, 555, 556], requirePhase: true },
      causes: [
        {
          finding: 'recipient-rejected',
          title: 'The server refused the recipient',
          summary: 'The RCPT TO address was refused; the reply text says why (unknown user, policy).',
          confidence: 'medium',
          // The test-send rule's fix (its key), so that a live check's two readings of one refusal merge into one fix.
          fixes: [
            {
              id: 'test-send.check-recipient',
              text: 'Check the recipient address for typos; try a recipient at another domain to tell a bad address from a relay refusal.',
            },
          ],
        },
      ],
      samples: ['550 5.1.1 Requested action not taken: mailbox unavailable'],
      sources: [RFC5321],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'rfc.message-accepted',
      phases: ['data'],
      match: { codes: [250], requirePhase: true },
      causes: [
        {
          finding: 'message-accepted',
          title: 'The test message was accepted',
          summary: 'The server accepted the message for delivery (250 after the message data).',
          confidence: 'high',
          fixes: [{ text: 'Nothing to change.' }],
        },
      ],
      // Postfix's "Ok: queued as" is rfc.message-queued, which reads it without a phase too.
      samples: ['250 OK id=1tYk5B-0001Xa-2Q'],
      sources: [RFC5321, 'Exim/exim@exim-4.96.2:src/src/receive.c ("250 OK id=%s" after the message data)'],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    ...envelopeSignatures,
  ],
};
