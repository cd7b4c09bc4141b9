// Exim 4 (Debian exim4, cPanel): replies without enhanced codes; AUTH usually advertised only after STARTTLS.
import type { ProviderInput } from '../schema.js';

const SMTP_IN = 'Exim/exim@exim-4.96.2:src/src/smtp_in.c';
const DEB = 'Debian 12 package exim4-daemon-light 4.96-15+deb12u10 (binary strings)';
const INTEROP =
  'observed: smtp-doctor interop suite (test/interop) against Debian 12 exim4-daemon-light 4.96-15+deb12u10, 2026-11-24';
const authDoc = {
  title: 'Exim: SMTP authentication',
  url: 'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-smtp_authentication.html',
};

export const exim: ProviderInput = {
  id: 'exim',
  name: 'Exim',
  kind: 'server',
  recognise: { banner: ['ESMTP Exim \\d'] },
  docs: [authDoc],
  signatures: [
    {
      id: 'exim.incorrect-authentication-data',
      phases: ['auth'],
      match: { codes: [535], text: 'Incorrect authentication data' },
      standalone: 'Incorrect authentication data',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Exim rejected the user name or password',
          summary:
            'The authenticator’s check failed: wrong password, unknown user, or a user name in the wrong form (cPanel wants the full address).',
          confidence: 'high',
          fixes: [
            { text: 'Check the user-name form (cPanel: the full e-mail address) and the mailbox password.' },
            { text: 'Server admin: the mainlog line "authenticator failed … (set_id=<user>)" shows what arrived.' },
          ],
          deadEnds: [
            { text: 'Switching between PLAIN and LOGIN', why: 'both go through the same check.' },
            { text: 'Toggling TLS', why: 'the credentials were already evaluated.' },
          ],
          docs: [authDoc],
        },
      ],
      samples: ['535 Incorrect authentication data'],
      sources: [
        `${SMTP_IN} (FAIL -> '535 Incorrect authentication data')`,
        DEB,
        INTEROP,
        'observed:https://github.com/symfony/symfony/issues/36755 (Hetzner: 535 Incorrect authentication data)',
        'observed:https://github.com/RainLoop/rainloop-webmail/issues/832 (Exim 4.85 transcript)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exim.auth-not-advertised',
      phases: ['auth'],
      match: { codes: [503], text: 'AUTH command used when not advertised' },
      standalone: 'AUTH command used when not advertised',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Exim offers AUTH only after STARTTLS here',
          summary:
            'AUTH was not in the last EHLO reply. On Debian and cPanel builds AUTH is advertised only once TLS is up; the client sent AUTH before STARTTLS, or did not send EHLO again after it.',
          confidence: 'high',
          when: { tls: false },
          fixes: [
            { text: 'EHLO, STARTTLS, EHLO again, then AUTH.', settings: { port: 587, security: 'starttls' } },
            {
              id: 'use-implicit-tls-465',
              text: 'Or use implicit TLS on port 465.',
              settings: { port: 465, security: 'tls' },
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'Changing the password', why: 'it was not checked.' },
            { text: 'Trying another mechanism', why: 'none is offered in this state.' },
          ],
          docs: [authDoc],
        },
        {
          finding: 'auth-not-offered',
          title: 'Exim does not offer AUTH to this client',
          summary:
            'No authenticator is advertised to this host (auth_advertise_hosts, server_advertise_condition), or the client used HELO instead of EHLO.',
          confidence: 'medium',
          fixes: [
            { text: 'Use EHLO (not HELO) and the submission port.' },
            { text: 'Server admin: check auth_advertise_hosts and server_advertise_condition.' },
          ],
          docs: [authDoc],
        },
      ],
      samples: ['503 AUTH command used when not advertised'],
      sources: [
        `${SMTP_IN} (synprot_error 503 'AUTH command used when not advertised' unless allow_auth_unadvertised)`,
        DEB,
        'observed:https://github.com/nodemailer/nodemailer/issues/18',
        'observed:https://github.com/PHPMailer/PHPMailer/issues/1375',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exim.mechanism-not-supported',
      phases: ['auth'],
      match: { codes: [504], text: 'authentication mechanism not supported' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'Exim has no authenticator for this mechanism',
          summary: 'No authenticator with that public name is advertised (e.g. CRAM-MD5 on a PLAIN/LOGIN-only server).',
          confidence: 'high',
          fixes: [{ text: 'Use a mechanism listed in the EHLO AUTH line.', settings: { mechanism: 'PLAIN' } }],
        },
      ],
      samples: ['504 CRAM-MD5 authentication mechanism not supported'],
      sources: [`${SMTP_IN} (504 '%s authentication mechanism not supported')`, DEB, INTEROP],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exim.unable-to-authenticate',
      phases: ['auth'],
      match: {
        codes: [435],
        text: 'Unable to authenticate at present|Internal error \\(unexpected authenticator return\\)',
      },
      standalone: 'Unable to authenticate at present',
      causes: [
        {
          finding: 'auth-temporary-failure',
          title: 'Exim’s authenticator failed temporarily',
          summary:
            'The authenticator deferred (Dovecot or saslauthd socket unavailable, lookup error). Exim uses 435 here, not RFC 4954’s 454.',
          confidence: 'high',
          fixes: [{ text: 'Try again later; server admin: the mainlog names the reason for the defer.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'it was not evaluated.' }],
        },
      ],
      samples: ['435 Unable to authenticate at present'],
      sources: [`${SMTP_IN} (DEFER -> '435 Unable to authenticate at present%s')`, DEB],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exim.invalid-base64',
      phases: ['auth'],
      match: { codes: [501, 553], text: 'Invalid base64 data|Authentication cancelled|Initial data not expected' },
      causes: [
        {
          finding: 'auth-malformed',
          title: 'Exim could not read the AUTH data',
          summary: 'The client sent malformed base64 or cancelled the exchange.',
          confidence: 'high',
          fixes: [
            { text: 'Fix the client’s encoding: base64 without line breaks, PLAIN laid out as \\0user\\0password.' },
          ],
        },
      ],
      samples: ['501 Invalid base64 data'],
      sources: [SMTP_IN],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'exim.cpanel-turn-on-smtp-authentication',
      phases: ['rcpt', 'mail'],
      match: { codes: [550], text: 'Please turn on SMTP Authentication in your mail client' },
      standalone: 'Please turn on SMTP Authentication in your mail client',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client did not log in before sending',
          summary: 'The cPanel server refuses to relay to outside recipients without authentication.',
          confidence: 'high',
          fixes: [
            { text: 'Turn on SMTP authentication in the client with the full address and the mailbox password.' },
          ],
          deadEnds: [{ text: 'Changing ports only', why: 'the session still has no login.' }],
        },
      ],
      samples: [
        '550-Please turn on SMTP Authentication in your mail client. host.example.net\n550-[203.0.113.5]:53412 is not permitted to relay through this server without\n550 authentication.',
      ],
      sources: ['observed:https://pastebin.com/e25g8b3J (cPanel Exim multi-line 550)'],
      verified: '2026-11-24',
      certainty: 'reported',
    },
    {
      id: 'exim.cpanel-outgoing-mail-suspended',
      phases: ['mail', 'rcpt', 'data'],
      match: {
        codes: [550, 554, 451, 450],
        text: 'Outgoing mail from .{0,120}has been suspended|has an outgoing mail suspension',
      },
      // cPanel's Exim configuration refuses mail from an account or domain whose outgoing mail the host suspended
      // (/etc/outgoing_mail_suspended_users, whmapi1 suspend_outgoing_email), in these words only.
      standalone: 'Outgoing mail from .{0,120}has been suspended|has an outgoing mail suspension',
      causes: [
        {
          finding: 'account-locked',
          detail: 'outgoing-mail-suspended',
          title: 'The host suspended outgoing mail for this account',
          summary:
            'The hosting server refuses every message from this account or domain: its outgoing mail is suspended (by the host, usually after spam was sent from it or a limit was hit). No client setting or password changes that; the host has to lift the suspension.',
          confidence: 'high',
          fixes: [
            {
              text: 'Ask the hosting provider why outgoing mail was suspended and to lift it (cPanel: whmapi1 unsuspend_outgoing_email, or Manage Email Accounts → Sending).',
            },
            {
              text: 'If the account was abused, change its password and secure the scripts that send mail before the suspension is lifted.',
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the client’s settings or password',
              why: 'the account is suspended, whatever it sends.',
            },
          ],
        },
      ],
      samples: ['550 Outgoing mail from "user@example.com" has been suspended.'],
      sources: [
        'https://support.cpanel.net/hc/en-us/articles/4410879747479 (cPanel: suspended accounts and mail)',
        'https://24x7serversecurity.com/blog/domain-has-an-outgoing-mail-hold (cPanel Exim: "Domain … has an outgoing mail suspension"; lifted with whmapi1 unsuspend_outgoing_email; /etc/outgoing_mail_suspended_users)',
        'observed:https://github.com/roundcube/roundcubemail/issues/8737 (550 Outgoing mail from "" has been suspended; maintainer: an account problem for the hosting provider)',
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
    {
      id: 'exim.relay-not-permitted',
      phases: ['rcpt'],
      match: { codes: [550], text: '^relay not permitted$' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'Exim relays only for clients that logged in',
          summary:
            'Exim’s default recipient ACL refuses an address in another domain from a client that has not authenticated: the client did not log in, or skipped AUTH because it was not offered before STARTTLS.',
          confidence: 'high',
          fixes: [
            {
              text: 'Make the client log in before it sends: AUTH after STARTTLS on port 587, or on port 465.',
              settings: { port: 587, security: 'starttls' },
            },
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
        'Exim/exim@059ec3d:src/src/configure.default (acl_check_rcpt ends with "message = relay not permitted")',
        'observed:public transcript, search index id 40905400659 (Exim 4.92: RCPT TO:<admin@solstice.com> → 550 relay not permitted)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'exim.sender-verify-failed',
      phases: ['rcpt', 'mail', 'data'],
      match: { codes: [550, 451, 450], text: 'Sender verify\\s+failed' },
      // Exim's words when its callout to the sender's domain fails (verify = sender): no other meaning, read also
      // without the code and before the hedged words of a longer reply ("… may be blacklisted …").
      standalone: 'Sender verify\\s+failed',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'sender-verify',
          title: 'The receiving server could not verify the sender address',
          summary:
            'Exim checked the envelope sender by calling back the sender domain’s mail server, and that server refused the address (or could not be reached). The sender address, or its domain’s mail setup, is what is refused — not the recipient and not the login.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Send with an envelope sender that really receives mail (a mailbox, not a no-reply address that bounces).',
            },
            {
              text: 'Make the sender domain’s mail server accept that address and the usual role addresses (postmaster@): the callout asks for them.',
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'Changing the password', why: 'the login is not what is refused.' },
          ],
        },
      ],
      samples: [
        '550-Verification failed for <bounce@example.invalid>\n550-Unrouteable address\n550 Sender verify failed',
      ],
      sources: [
        'Exim/exim@exim-4.96.2:src/src/acl.c (verify = sender: "Sender verify failed")',
        "https://docs.mxroute.com/docs/troubleshooting/sender-verify-failed.html (the callout to the sender's domain failed)",
        "observed:https://github.com/mailcow/mailcow/issues/775 (a Postfix bounce of an Exim reply: fixed by creating the sending domain's postmaster address)",
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
  ],
};
