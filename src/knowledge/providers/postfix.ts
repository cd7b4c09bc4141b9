// Postfix with Dovecot or Cyrus SASL: the "Error: authentication failed: <reason>" family and its TLS-first rules.
import type { ProviderInput } from '../schema.js';

const PF = 'vdukhovni/postfix@v3.7.11:postfix/src';
const DEB =
  'Debian 12 package postfix 3.7.11-0+deb12u1 (/usr/lib/postfix/sbin/smtpd strings contain the same reply formats)';
const CYRUS = 'cyrusimap/cyrus-sasl@ac0c278:lib/common.c (sasl_errstring texts)';
const INTEROP =
  'observed: smtp-doctor interop suite (test/interop) against Debian 12 postfix 3.7.11-0+deb12u1 with dovecot-core 1:2.3.19.1+dfsg1-2.1+deb12u7, 2026-11-24';
const saslDoc = { title: 'Postfix SASL howto', url: 'https://www.postfix.org/SASL_README.html' };

const noPasswordChange = {
  topic: 'change-password',
  text: 'Changing the password',
  why: 'the server never checked it.',
};

export const postfix: ProviderInput = {
  id: 'postfix',
  name: 'Postfix (with Dovecot or Cyrus SASL)',
  kind: 'server',
  recognise: { banner: ['ESMTP Postfix'], text: ['^Error: authentication failed:'] },
  docs: [saslDoc],
  signatures: [
    {
      id: 'postfix.sasl-generic-failure',
      phases: ['auth'],
      match: { codes: [535], text: 'Error: authentication failed: generic failure' },
      causes: [
        {
          finding: 'auth-temporary-failure',
          detail: 'sasl-backend',
          title: 'The SASL backend failed (old Postfix reports it as 535)',
          summary:
            'Postfix before 3.1 with Cyrus SASL reported a backend failure (typically saslauthd not running or unreachable) as a permanent 535 "generic failure". The password was never checked.',
          confidence: 'high',
          fixes: [
            {
              text: 'Server admin: start saslauthd and check that its socket is visible inside the Postfix chroot (/var/spool/postfix/var/run/saslauthd on Debian).',
            },
          ],
          deadEnds: [noPasswordChange],
          docs: [saslDoc],
        },
      ],
      samples: ['535 5.7.8 Error: authentication failed: generic failure'],
      sources: [
        `${PF}/xsasl/xsasl_cyrus_server.c (SASL_FAIL, SASL_NOMEM, SASL_TRYAGAIN, SASL_UNAVAIL -> XSASL_AUTH_TEMP)`,
        CYRUS,
        'cyrusimap/cyrus-sasl@ac0c278:lib/checkpw.c (saslauthd connect failure -> SASL_FAIL)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.sasl-no-mechanism',
      phases: ['auth'],
      match: { codes: [535], text: 'Error: authentication failed: no mechanism available' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          detail: 'server-config',
          title: 'Cyrus SASL has no usable mechanism for this login',
          summary:
            'The Cyrus mech_list does not fit its password check method (e.g. CRAM-MD5 with saslauthd, which supports only PLAIN and LOGIN).',
          confidence: 'high',
          fixes: [
            { text: 'Client: use PLAIN or LOGIN over TLS.', settings: { mechanism: 'PLAIN' } },
            { text: 'Server admin: align mech_list in smtpd.conf with pwcheck_method.' },
          ],
          docs: [saslDoc],
        },
      ],
      samples: ['535 5.7.8 Error: authentication failed: no mechanism available'],
      sources: [`${PF}/xsasl/xsasl_cyrus_server.c`, CYRUS],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.dovecot-invalid-mechanism',
      phases: ['auth'],
      match: { codes: [535], text: 'Error: authentication failed: Invalid authentication mechanism' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          detail: 'not-offered',
          title: 'The server does not support this SASL mechanism',
          summary:
            'Postfix with Dovecot SASL refused the mechanism itself before checking any password: the client asked for one (often CRAM-MD5) that is not in the server’s list. The password was not judged.',
          confidence: 'high',
          fixes: [
            {
              text: 'Use a mechanism the server lists after STARTTLS (usually PLAIN or LOGIN), or let the client choose.',
              settings: { mechanism: 'PLAIN' },
            },
            { text: 'Server admin: add the mechanism to Dovecot’s auth_mechanisms if it must be offered.' },
          ],
          deadEnds: [noPasswordChange],
          docs: [saslDoc],
        },
      ],
      samples: ['535 5.7.8 Error: authentication failed: Invalid authentication mechanism'],
      sources: [
        `${PF}/xsasl/xsasl_dovecot_server.c (mechanism not in the Dovecot list -> reply "Invalid authentication mechanism", XSASL_AUTH_FAIL)`,
        INTEROP,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.authentication-failed',
      phases: ['auth'],
      // The server's own log line for the same refusal (smtpd_sasl_glue.c), pasted from its mail log.
      match: { codes: [535], text: 'Error: authentication failed:|SASL [A-Z0-9_-]+ authentication failed' },
      standalone: 'SASL [A-Z0-9_-]+ authentication failed',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'The mail server rejected the user name or password',
          summary:
            'A Postfix server’s SASL backend refused the credentials. The text after "authentication failed:" names the backend, not the reason: "authentication failure" is Cyrus (unknown users look the same on purpose), "(reason unavailable)" or nothing is Dovecot, and "UGFzc3dvcmQ6" is just base64 for "Password:".',
          confidence: 'high',
          fixes: [
            {
              text: 'Check the user-name form the server expects: often the full address, sometimes only the local part.',
            },
            {
              text: 'Check the password; on your own server test it directly (doveadm auth test <user>, or testsaslauthd -u <user> -p <password>).',
            },
            { text: 'Read the server log for the same moment: Dovecot logs "unknown user" or "password mismatch".' },
          ],
          deadEnds: [
            {
              text: 'Decoding "UGFzc3dvcmQ6" as a diagnosis',
              why: 'it is the "Password:" prompt echoed back by older Postfix with Dovecot.',
            },
            { text: 'Changing TLS or port settings', why: 'the login already reached the password check.' },
          ],
          docs: [saslDoc],
        },
      ],
      samples: [
        '535 5.7.8 Error: authentication failed: (reason unavailable)',
        '535 5.7.8 Error: authentication failed: authentication failure',
        '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6',
      ],
      sources: [
        `${PF}/smtpd/smtpd_sasl_glue.c (smtpd_chat_reply '535 5.7.8 Error: authentication failed: %s'; empty reason -> '(reason unavailable)')`,
        `${PF}/smtpd/smtpd_sasl_glue.c (msg_warning '%s: SASL %s authentication failed: %s' in the mail log for the same refusal)`,
        `${PF}/xsasl/xsasl_cyrus_server.c (SASL_NOUSER -> SASL_BADAUTH; reply = sasl_errstring)`,
        CYRUS,
        DEB,
        INTEROP,
        "observed:https://github.com/mautic/mautic/issues/1700 ('535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6')",
        'observed:https://github.com/docker-mailserver/docker-mailserver/issues/3386',
        'observed:https://github.com/mail-in-a-box/mailinabox/issues/2284',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes: 'Hosted services built on Postfix (Postmark, Proton submission, many ISPs) send the same format.',
    },
    {
      id: 'postfix.temporary-authentication-failure',
      phases: ['auth'],
      match: { codes: [454], text: 'Temporary authentication failure:' },
      // Postfix's words with the SASL backend's reason after them: also read where a client printed them without the code
      // (async-smtp's "transient: 4.7.0 Temporary authentication failure: …").
      standalone: 'Temporary authentication failure: ',
      causes: [
        {
          finding: 'auth-temporary-failure',
          detail: 'sasl-backend',
          title: 'The mail server’s SASL backend is failing',
          summary:
            'Postfix could not reach or use its SASL backend (Dovecot auth down or overloaded, saslauthd not running, LDAP/SQL down). Not a verdict on the credentials.',
          confidence: 'high',
          fixes: [
            {
              text: 'Server admin: check the SASL backend (systemctl status dovecot / saslauthd; smtpd_sasl_path; the private/auth socket inside the chroot).',
            },
            { text: 'Client: try again later; do not change the credentials.' },
          ],
          deadEnds: [
            { text: 'Resetting the user’s password', why: 'it was never evaluated.' },
            { text: 'Retrying fast', why: 'it can trigger smtpd_client_auth_rate_limit (450 4.7.1).' },
          ],
        },
      ],
      samples: [
        '454 4.7.0 Temporary authentication failure: generic failure',
        '454 4.7.0 Temporary authentication failure: Connection lost to authentication server',
      ],
      sources: [
        `${PF}/smtpd/smtpd_sasl_glue.c ('454 4.7.0 Temporary authentication failure: %s')`,
        `${PF}/xsasl/xsasl_dovecot_server.c`,
        CYRUS,
        DEB,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.authentication-not-enabled',
      phases: ['auth'],
      match: { codes: [503], enhanced: '5.5.1', text: 'Error: authentication not enabled' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Postfix offers AUTH only after TLS here',
          summary:
            'With smtpd_tls_auth_only=yes (Debian’s submission sample) Postfix does not even start SASL before TLS: AUTH is neither advertised nor accepted on the plaintext connection.',
          confidence: 'high',
          when: { tls: false },
          fixes: [
            {
              text: 'Run STARTTLS, send EHLO again, then AUTH (port 587).',
              settings: { port: 587, security: 'starttls' },
            },
            {
              id: 'use-implicit-tls-465',
              text: 'Or use implicit TLS on port 465.',
              settings: { port: 465, security: 'tls' },
            },
          ],
          deadEnds: [
            noPasswordChange,
            {
              topic: 'force-mechanism',
              text: 'Forcing another mechanism',
              why: 'no mechanism is available before TLS.',
            },
          ],
        },
        {
          finding: 'auth-not-offered',
          title: 'SASL is not enabled on this port',
          summary:
            'smtpd_sasl_auth_enable is off for this service (typical: the client uses port 25, where only relay-by-network is configured), or SASL is suppressed for this client address.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Use the submission port (587 with STARTTLS, or 465 with implicit TLS).',
              settings: { port: 587, security: 'starttls' },
            },
            {
              text: 'Server admin: enable SASL on the service clients use (master.cf submission/submissions -o smtpd_sasl_auth_enable=yes).',
            },
          ],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: ['503 5.5.1 Error: authentication not enabled'],
      sources: [
        `${PF}/smtpd/smtpd_sasl_proto.c ('503 5.5.1 Error: authentication not enabled' when !smtpd_sasl_is_active)`,
        `${PF}/smtpd/smtpd.c (SASL activated pre-TLS only if !smtpd_tls_auth_only)`,
        DEB,
        'observed:https://github.com/postalserver/postal/issues/685 (Net::SMTPAuthenticationError (503 5.5.1 Error: authentication not enabled))',
        'observed:https://github.com/docker-mailserver/docker-mailserver/issues/1247',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.must-issue-starttls',
      phases: ['auth', 'mail', 'rcpt'],
      match: { codes: [530], enhanced: '5.7.0', text: '^Must issue a STARTTLS command first$' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'TLS is mandatory on this port',
          summary:
            'The service runs with smtpd_tls_security_level=encrypt: every command except EHLO, STARTTLS, NOOP and QUIT needs TLS first.',
          confidence: 'high',
          fixes: [
            {
              text: 'Turn STARTTLS on (nodemailer: secure: false with requireTLS: true on 587).',
              settings: { port: 587, security: 'starttls' },
            },
            {
              id: 'use-implicit-tls-465',
              text: 'Or use implicit TLS on port 465.',
              settings: { port: 465, security: 'tls' },
            },
          ],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: ['530 5.7.0 Must issue a STARTTLS command first'],
      sources: [
        `${PF}/smtpd/smtpd.c (enforce_tls check before non-PRE_TLS commands)`,
        DEB,
        "observed:https://github.com/mailpile/Mailpile/issues/2251 ('530 5.7.0 Must issue a STARTTLS command first', Postfix)",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.too-many-auth-commands',
      phases: ['auth'],
      match: { codes: [450], text: 'too many AUTH commands' },
      causes: [
        {
          finding: 'rate-limited',
          title: 'Postfix limits AUTH attempts from this address',
          summary:
            'This client sent more AUTH commands per minute than smtpd_client_auth_rate_limit allows, usually from a retry loop with a wrong password.',
          confidence: 'high',
          fixes: [
            { text: 'Stop retrying; fix the credentials, then wait for the time unit to pass (60 s by default).' },
          ],
          deadEnds: [{ text: 'More retries', why: 'each one counts against the limit.' }],
        },
      ],
      samples: ['450 4.7.1 Error: too many AUTH commands from 203.0.113.5'],
      sources: [`${PF}/smtpd/smtpd.c (smtpd_client_auth_rate_limit)`, DEB],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.relay-access-denied',
      phases: ['rcpt'],
      match: { codes: [454, 554], text: 'Relay access denied' },
      standalone: 'Relay access denied',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The session was not authenticated, so Postfix will not relay',
          summary:
            'A recipient on another domain needs an authenticated session. The client did not send AUTH (its authentication option is off, or AUTH was not advertised before STARTTLS and it skipped the login).',
          confidence: 'high',
          fixes: [
            {
              text: 'Turn authentication on in the client, and use STARTTLS so that AUTH is offered.',
              settings: { port: 587, security: 'starttls' },
            },
            {
              text: 'Server admin: make sure the submission service has permit_sasl_authenticated in its relay restrictions.',
            },
          ],
          deadEnds: [
            {
              text: 'Adding the recipient domain to relay_domains',
              why: 'that opens the server as a relay for that domain.',
            },
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'AUTH may not have been attempted at all.',
            },
          ],
        },
      ],
      samples: ['454 4.7.1 <bob@example.net>: Relay access denied', '554 5.7.1 <bob@example.net>: Relay access denied'],
      sources: [
        `${PF}/smtpd/smtpd_check.c ('<%s>: Relay access denied'; defer_unauth_destination uses relay_code-100 and 4.7.1)`,
        `${PF}/global/mail_params.h (DEF_RELAY_CHECKS = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination; DEF_RELAY_CODE 554)`,
        'observed:public transcript, search index id 31315285830 (454 4.7.1 <fake@fake.com>: Relay access denied)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.already-authenticated',
      phases: ['auth'],
      // 403 4.5.1: the same words under a transient code, from a server in front of the session.
      match: { codes: [503, 403], text: 'already authenticated' },
      standalone: 'Error: already authenticated',
      causes: [
        {
          finding: 'auth-ok',
          detail: 'already-authenticated',
          title: 'The login had already worked on this connection',
          summary:
            'The server refused a second AUTH because the session is already authenticated (RFC 4954 §4: "After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply"). The credentials were accepted; the client sent AUTH again on a connection it kept open or reused.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Do not authenticate again on a connection that is kept open (keep-alive, a pool): log in once per connection, or open a new connection for each login.',
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'the login already worked.' }],
        },
      ],
      samples: ['503 5.5.1 Error: already authenticated'],
      sources: [
        `${PF}/smtpd/smtpd_sasl_proto.c (smtpd_sasl_auth_cmd: "503 5.5.1 Error: already authenticated" when the session has a SASL user)`,
        'https://www.rfc-editor.org/rfc/rfc4954#section-4 (a server MUST reject any further AUTH commands with a 503 reply after a successful AUTH)',
        'observed:https://github.com/bcit-ci/CodeIgniter/issues/4613 ("403 4.5.1 Error: already authenticated" to a second AUTH LOGIN on a kept-alive connection)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.sender-not-owned',
      phases: ['mail', 'rcpt'],
      match: { codes: [553], text: 'Sender address rejected: not owned by user' },
      // Also cut short ("…: not owned b"): no other Postfix restriction says "not owned".
      standalone: 'Sender address rejected: not owned\\b',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'not-owned',
          title: 'The sender address does not belong to this login',
          summary:
            'The login worked, but the envelope sender is not mapped to the authenticated user (smtpd_sender_login_maps).',
          confidence: 'high',
          fixes: [{ text: 'Send with the address that belongs to the login, or an alias listed for it.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'the login already worked.' }],
        },
      ],
      samples: ['553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org'],
      sources: [`${PF}/smtpd/smtpd_check.c ('<%s>: Sender address rejected: not owned by user %s')`],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.sender-not-logged-in',
      phases: ['mail', 'rcpt'],
      match: { codes: [553, 550], text: 'Sender address rejected: not logged in' },
      standalone: 'Sender address rejected: not logged in',
      causes: [
        {
          finding: 'credentials-missing',
          detail: 'not-logged-in',
          title: 'The client sent mail without logging in',
          summary:
            'The server ties each sender address to a login (reject_sender_login_mismatch or reject_unauthenticated_sender_login_mismatch) and this session had not logged in: the client sent MAIL FROM without AUTH — no credentials configured, authentication turned off, or AUTH skipped because it was offered only after STARTTLS.',
          confidence: 'high',
          fixes: [
            {
              text: 'Turn authentication on in the client and give it the user name and password; check that an AUTH command appears before MAIL FROM.',
            },
            {
              text: 'Use the submission port with TLS (587 with STARTTLS, or 465): the server may offer AUTH only there, or only after STARTTLS.',
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'no password was sent.' }],
        },
      ],
      samples: ['553 5.7.1 <alice@example.org>: Sender address rejected: not logged in'],
      sources: [
        `${PF}/smtpd/smtpd_check.c ('<%s>: Sender address rejected: not logged in' when the client has no SASL login)`,
        'https://www.postfix.org/postconf.5.html#reject_sender_login_mismatch (the MAIL FROM owner is not the client’s SASL login, or the client is not logged in)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'postfix.encryption-required-mechanism',
      phases: ['auth'],
      match: { codes: [504], enhanced: '5.5.4', text: 'Encryption required for requested authentication mechanism' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Postfix wants TLS before this mechanism',
          summary: 'AUTH was sent before TLS on a server with smtpd_tls_auth_only=yes.',
          confidence: 'high',
          fixes: [
            { text: 'Run STARTTLS, send EHLO again, then AUTH.', settings: { port: 587, security: 'starttls' } },
            {
              id: 'use-implicit-tls-465',
              text: 'Or use implicit TLS on port 465.',
              settings: { port: 465, security: 'tls' },
            },
          ],
          deadEnds: [noPasswordChange],
        },
      ],
      samples: ['504 5.5.4 Encryption required for requested authentication mechanism'],
      sources: [
        'vdukhovni/postfix@17830e5c13c1:postfix/src/smtpd/smtpd_sasl_proto.c (504 5.5.4 Encryption required for requested authentication mechanism)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
