// Causes of the client-side rule: what a client library says about itself when no server reply explains the failure.
import type { CauseArea } from './types.js';

const RFC4616 = 'https://www.rfc-editor.org/rfc/rfc4616#section-2 (PLAIN carries UTF-8)';

export const clientSide = {
  causes: {
    'client-side.credentials-missing': {
      finding: 'credentials-missing',
      title: 'The client had no user name or password to send',
      summary:
        'The client library stopped before AUTH because the user name or password in its configuration is empty: nothing reached the server.',
      fixes: ['client-side.check-credential-variables', 'client-side.pass-credentials'],
      deadEnds: ['change-password.never-sent'],
      sources: [
        'nodemailer/nodemailer@10.6.1:dist/esm/smtp-connection/index.js (Missing credentials for "PLAIN": thrown before AUTH is sent)',
        'jakartaee/mail-api:api/src/main/java/jakarta/mail/Service.java ("failed to connect, no password specified?")',
      ],
    },
    'client-side.non-ascii-unencodable': {
      finding: 'auth-malformed',
      detail: 'non-ascii',
      title: 'The client cannot send a non-ASCII password',
      summary:
        'Python’s smtplib encodes the credentials as ASCII, so a password with a non-ASCII character (é, ü, ß, an emoji) fails before anything is sent.',
      fixes: ['client-side.ascii-password', 'client-side.utf8-client'],
      sources: ["python/cpython@3.11:Lib/smtplib.py (auth: encode_base64(... .encode('ascii')))", RFC4616],
    },
    'client-side.oauth-refresh-failed': {
      finding: 'oauth-token-rejected',
      detail: 'refresh',
      title: 'The client could not get a new OAuth access token',
      summary:
        'The client asked the OAuth provider for a fresh access token and was refused: the refresh token, client id or client secret is wrong, revoked or expired. The SMTP server never saw a token.',
      fixes: ['client-side.new-refresh-token', 'client-side.same-oauth-app'],
      sources: [
        'nodemailer/nodemailer@10.6.1:dist/esm/xoauth2/index.js ("Can\'t create new access token for user")',
        'smtp-doctor reference oauth-2026.md §2, §3 (refresh-token failures: invalid_grant when revoked, expired or after a password change)',
        "https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (the token endpoint's errors: invalid_grant, invalid_client, unauthorized_client…)",
      ],
    },
    'client-side.login-failed-no-reply': {
      finding: 'credentials-rejected',
      detail: 'no-reply-shown',
      title: 'The client says the login failed',
      summary:
        'The client reports a failed login but the text does not show the server’s reply, which is what tells the causes apart.',
      fixes: ['client-side.debug-and-explain', 'client-side.check-form-and-app-password'],
    },
    'client-side.server-log-refused-login': {
      finding: 'credentials-rejected',
      detail: 'server-log',
      title: 'The mail server’s log shows a refused login',
      summary:
        'The server’s log says it checked the credentials a client sent and refused them: the user name or password is wrong for that server (a mistyped password, an old one, or a user name in the wrong form — the full address where the server wants it).',
      fixes: ['client-side.check-user-and-password', 'client-side.check-form-and-app-password'],
      sources: [
        'vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c ("SASL %s authentication failed: %s", then 535 5.7.8)',
        'dovecot/core:src/auth/auth-request.c ("unknown user", "Password mismatch")',
        'https://doc.dovecot.org/configuration_manual/authentication/auth_settings/ (auth_verbose, auth_verbose_passwords: log why a login failed)',
      ],
    },
    'client-side.server-sasl-unavailable': {
      finding: 'auth-temporary-failure',
      detail: 'server-sasl-down',
      title: 'The mail server cannot check logins',
      summary:
        'The server’s log says it could not reach the SASL service that checks passwords (Dovecot’s auth socket or saslauthd is not running, at another path, or not readable by Postfix): every login fails or the connection drops, whatever the credentials.',
      fixes: ['client-side.start-sasl-service', 'client-side.check-sasl-path'],
      deadEnds: ['change-password.never-checked'],
      sources: [
        'vdukhovni/postfix:postfix/src/xsasl/xsasl_dovecot_server.c ("SASL: Connect to %s failed: %m")',
        'vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c ("no SASL authentication mechanisms")',
        'https://www.postfix.org/SASL_README.html',
      ],
    },
    'client-side.unexpected-reply': {
      finding: 'protocol-violation',
      detail: 'unexpected-reply',
      title: 'The server answered out of step',
      summary:
        'The client says the server broke the protocol: it answered a command with a success or go-ahead code that does not belong there{{#empty}}, with no text at all{{/empty}}. A server that is failing or cutting the session short, something in between that answers in its place (a proxy, an antivirus "mail shield"), or a service that is not a mail server does this; nothing says the credentials were judged.',
      fixes: ['client-side.collect-debug', 'client-side.run-check', 'connection-lost.other-network-mangles'],
      deadEnds: ['change-password.not-shown-judged'],
      sources: [
        'dotnet/runtime:src/libraries/System.Net.Mail/src/System/Net/Mail/SmtpCommands.cs (CheckResponse: a reply below 400 that is not the expected one throws "The server committed a protocol violation")',
      ],
    },
    'client-side.connection-lost': {
      finding: 'connection-lost',
      title:
        '{{#stalled}}The server stopped answering{{/stalled}}{{^stalled}}The connection was {{#reset}}reset{{/reset}}{{^reset}}closed{{/reset}}{{/stalled}}{{#step}} after the {{step}} step{{/step}}',
      summary:
        'The client says {{#stalled}}a read timed out: the server stopped answering{{/stalled}}{{^stalled}}the connection was {{#reset}}reset{{/reset}}{{^reset}}closed{{/reset}}{{/stalled}}{{^step}}, but the text does not show at which step (connecting, TLS, the greeting, the login) or any reply from the server{{/step}}{{#inAuth}} in the middle of the login: the server neither accepted nor refused the credentials{{/inAuth}}{{#otherStep}}; the last step the text shows is {{step}}, and no reply says why{{/otherStep}}. Firewalls, antivirus or proxies that inspect SMTP, a TLS mode the port does not speak, connection limits and anti-abuse systems do this.',
      fixes: ['client-side.collect-debug', 'client-side.run-check', 'client-side.match-port-and-mode'],
      deadEnds: ['change-password.not-shown-judged'],
    },
  },
  fixes: {
    'client-side.check-credential-variables': {
      text: 'Check that the variables holding the user name and password are set where the app runs (environment, secrets, .env loaded).',
    },
    'client-side.pass-credentials': { text: 'Pass the user name and password to the client ({{@credentials}}).' },
    'client-side.ascii-password': { text: 'Use a password with ASCII characters only (an app password is ASCII).' },
    'client-side.utf8-client': {
      text: 'Or send with a client that encodes PLAIN credentials as UTF-8 (RFC 4616), such as nodemailer or swaks.',
      sources: [RFC4616],
    },
    'client-side.new-refresh-token': {
      text: 'Create a new refresh token with the right scope (Gmail: https://mail.google.com/; Microsoft: https://outlook.office.com/SMTP.Send offline_access).',
      sources: [
        'https://developers.google.com/gmail/xoauth2_protocol (SMTP needs the https://mail.google.com/ scope)',
        'https://learn.microsoft.com/zh-cn/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth (delegated: https://outlook.office.com/SMTP.Send, with offline_access for a refresh token)',
      ],
    },
    'client-side.same-oauth-app': {
      text: 'Check clientId and clientSecret belong to the same OAuth app that issued the refresh token.',
    },
    'client-side.check-user-and-password': {
      text: 'Check the user name and password the client sends against the account on that server (the server’s auth log with verbose logging on says which one it refused).',
    },
    'client-side.start-sasl-service': {
      text: 'Server admin: start the SASL service (Dovecot, or saslauthd for Cyrus) and check its log for why it is not running.',
    },
    'client-side.check-sasl-path': {
      text: 'Server admin: check that smtpd_sasl_path names the socket the service listens on (for Dovecot, a unix_listener under /var/spool/postfix/private with user and group postfix), and smtpd_sasl_type the service.',
      sources: [
        'https://www.postfix.org/SASL_README.html (Enabling Dovecot SASL: smtpd_sasl_type = dovecot, smtpd_sasl_path = private/auth)',
      ],
    },
    'client-side.debug-and-explain': {
      text: 'Re-run with the client’s debug output on ({{@debug}}) and explain that output, or run smtp-doctor check.',
    },
    'client-side.check-form-and-app-password': {
      text: 'Meanwhile: check the user-name form and whether the provider needs an app password.',
    },
    'client-side.collect-debug': {
      text: 'Collect the step it happens at: run the client with its debug output on ({{@debug}}) and explain that output.',
    },
    'client-side.run-check': {
      text: 'Or let smtp-doctor talk to the server: smtp-doctor check <host> --user <name> shows which step fails and whether another port or TLS mode works.',
    },
    'client-side.match-port-and-mode': {
      text: 'Check that port and TLS mode match: 465 with implicit TLS, 587 with STARTTLS.',
      sources: ['https://www.rfc-editor.org/rfc/rfc8314#section-3.3 (465: implicit TLS; 587: STARTTLS)'],
    },
  },
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
