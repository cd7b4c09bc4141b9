// Causes of the auth-offer rule: no AUTH in the EHLO reply, AUTH only after STARTTLS, or a client that will not send in clear.
import type { CauseArea } from './types.js';

const RFC4954 = 'https://www.rfc-editor.org/rfc/rfc4954#section-4 (AUTH only when advertised; 503 otherwise)';
const NODEMAILER_VERIFY =
  'smtp-doctor reference node-ecosystem: nodemailer 10.6.0 verify() returns success without testing credentials when the server advertises no AUTH (it logs in only when AUTH is advertised or forceAuth is set)';
const GMAIL_EHLO =
  'smtp-doctor reference protocol-security §2.9: Gmail’s and Office 365’s EHLO before TLS lists no AUTH; after STARTTLS it does';
const POSTFIX_TLS_AUTH_ONLY =
  'vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd.c (SASL activated before TLS only if !smtpd_tls_auth_only); Debian’s master.cf submission sample sets smtpd_tls_auth_only=yes (smtp-doctor reference protocol-security §2.9)';
const EXIM_DEBIAN =
  'smtp-doctor reference signatures.yaml exim-503-auth-command-used-when-not-advertised: Debian’s exim4 example authenticators advertise only over TLS (server_advertise_condition = ${if eq{$tls_in_cipher}{}{}{*}}); cPanel builds likewise';
const EXCHANGE_CONNECTOR =
  'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeServer/mail-flow/connectors/receive-connectors.md ("Offer basic authentication only after starting TLS")';
const GO_PLAIN_AUTH =
  'https://pkg.go.dev/net/smtp#PlainAuth (PlainAuth will only send the credentials if the connection is using TLS or is connected to localhost)';

/** Some clients call a server without AUTH a success: said with every "no AUTH here" cause. */
const UNTESTED =
  'Some clients report success without ever testing the password when AUTH is not offered (nodemailer’s verify() logs in only when AUTH is advertised), and the failure shows up later as "530 Authentication required" or "Relay access denied".';

export const authOffer = {
  causes: {
    'auth-offer.plaintext-settings': {
      finding: 'auth-requires-tls',
      detail: 'client-side',
      title:
        '{{#offersStarttls}}Log in over STARTTLS, not in the clear{{/offersStarttls}}{{^offersStarttls}}This connection cannot protect the password{{/offersStarttls}}',
      summary:
        '{{#offersStarttls}}The session ran without TLS, so the password was not sent; the server offers STARTTLS{{#authOnlyAfterTls}} and lists AUTH only after it{{/authOnlyAfterTls}}.{{/offersStarttls}}{{^offersStarttls}}The session ran without TLS and the server offers no STARTTLS here; sending the password would expose it.{{/offersStarttls}}',
      fixes: ['proven.use-endpoint', 'auth-offer.starttls-here-untested', 'auth-offer.submission-port-tls'],
      deadEnds: ['auth-offer.send-in-clear'],
      sources: ['https://www.rfc-editor.org/rfc/rfc8314#section-5 (clients refuse to send credentials without TLS)'],
    },
    'auth-offer.client-refuses-plaintext': {
      finding: 'auth-requires-tls',
      detail: 'client-side',
      title: 'The client refuses to send the password without TLS',
      summary:
        'Go’s net/smtp PlainAuth will not send credentials over an unencrypted connection (except to localhost): the connection was not encrypted when AUTH came.',
      fixes: ['auth-offer.go-starttls-on-587', 'auth-offer.go-implicit-on-465'],
      sources: [GO_PLAIN_AUTH],
    },
    'auth-offer.not-offered': {
      finding: 'auth-not-offered',
      title:
        '{{#unsure}}Or the server offers no login on this port{{/unsure}}{{^unsure}}The server offers no login on this connection{{/unsure}}',
      summary: `{{#unsure}}If TLS was already on, the server offers no AUTH here at all (e.g. port 25, meant for server-to-server mail).{{/unsure}}{{^unsure}}The EHLO reply{{#afterTls}} after TLS{{/afterTls}} lists no AUTH, so no credentials can be tested here.{{/unsure}} ${UNTESTED}`,
      fixes: ['auth-offer.port-offering-auth', 'auth-offer.submission-port', 'auth-offer.enable-sasl'],
      deadEnds: ['change-password.never-sent'],
      sources: [RFC4954, NODEMAILER_VERIFY],
    },
    'auth-offer.only-after-starttls': {
      finding: 'auth-requires-tls',
      title: 'AUTH is offered only after STARTTLS',
      summary:
        'The client looked for AUTH before encrypting the connection. Most servers (Gmail, Postfix with smtpd_tls_auth_only, Exim on Debian and cPanel) list AUTH only in the EHLO reply after STARTTLS.{{#listsStarttls}} This server lists STARTTLS.{{/listsStarttls}}',
      fixes: ['auth-offer.starttls-before-auth', 'auth-offer.implicit-on-465'],
      deadEnds: ['change-password.never-sent'],
      sources: [GMAIL_EHLO, POSTFIX_TLS_AUTH_ONLY, EXIM_DEBIAN],
    },
    'auth-offer.auth-before-starttls': {
      finding: 'auth-requires-tls',
      title: 'AUTH was sent before STARTTLS',
      summary:
        '{{#unlisted}}The EHLO reply on the unencrypted connection lists STARTTLS and only AUTH {{offered|spaces}}, and the client sent AUTH {{mechanism}} without running STARTTLS first, so the server refused it. Servers that protect passwords (Exchange’s "offer basic authentication only after starting TLS", Postfix with smtpd_tls_auth_only) list password mechanisms only in the EHLO reply after STARTTLS.{{/unlisted}}{{^unlisted}}The EHLO reply on the unencrypted connection lists STARTTLS but no AUTH, and the client sent AUTH without running STARTTLS first, so the server refused the command. Servers that protect passwords (Postfix with smtpd_tls_auth_only, Exim on Debian and cPanel, Gmail) offer AUTH only in the EHLO reply after STARTTLS.{{/unlisted}}',
      fixes: ['auth-offer.starttls-before-auth', 'auth-offer.implicit-on-465'],
      deadEnds: ['change-password.never-checked', 'auth-offer.switch-to-listed', 'auth-offer.force-mechanism'],
      sources: [EXCHANGE_CONNECTOR, POSTFIX_TLS_AUTH_ONLY, EXIM_DEBIAN, GMAIL_EHLO],
    },
  },
  fixes: {
    'auth-offer.starttls-here-untested': {
      text: '{{#or}}Or use{{/or}}{{^or}}Use{{/or}} STARTTLS on port {{port}}: the server offers it there (smtp-doctor did not test it).',
    },
    'auth-offer.submission-port-tls': {
      text: 'Use the provider’s submission port: 465 with implicit TLS or 587 with STARTTLS.',
    },
    'auth-offer.go-starttls-on-587': {
      text: 'Use port 587 with STARTTLS (smtp.SendMail upgrades when the server offers STARTTLS).',
      sources: ['https://pkg.go.dev/net/smtp#SendMail (SendMail switches to TLS if the server supports STARTTLS)'],
    },
    'auth-offer.go-implicit-on-465': {
      text: 'Or dial implicit TLS (tls.Dial) on port 465.',
      sources: ['https://pkg.go.dev/net/smtp#NewClient (a Client over a connection from tls.Dial)'],
    },
    'auth-offer.port-offering-auth': {
      text: 'Port {{port}} ({{security|mode}}) on this host offers AUTH {{mechanisms|spaces}}: use it.',
    },
    'auth-offer.submission-port': {
      text: 'Use the provider’s submission port (587 with STARTTLS, or 465 with implicit TLS) rather than port 25 or an MX host.',
    },
    'auth-offer.enable-sasl': {
      text: 'Server admin: enable SASL authentication on the service your clients use.',
    },
    'auth-offer.starttls-before-auth': {
      text: 'Turn on STARTTLS in the client ({{@starttls-before-login}}), so it sends EHLO again and then AUTH.',
    },
    'auth-offer.implicit-on-465': { text: 'Or use implicit TLS on port 465 ({{@implicit-tls}}).' },
  },
  deadEnds: {
    'auth-offer.send-in-clear': {
      topic: 'send-password-in-clear',
      text: 'Sending the password without TLS',
      why: 'anyone on the path can read it.',
    },
    'auth-offer.switch-to-listed': {
      topic: 'switch-to-listed-mechanism',
      text: 'Switching to {{offered|or}}',
      why: 'the password mechanisms are offered after STARTTLS; what the server lists in the clear is for other logins (NTLM: Windows integrated sign-in).',
    },
    'auth-offer.force-mechanism': {
      topic: 'force-mechanism',
      text: 'Forcing another mechanism',
      why: 'no mechanism is available before TLS.',
    },
  },
  notes: {
    'auth-offer.auth-skipped': {
      text: '{{#plaintext}}the connection is not encrypted{{/plaintext}}{{^plaintext}}the server offers no AUTH here{{/plaintext}}',
    },
  },
} as const satisfies CauseArea;
