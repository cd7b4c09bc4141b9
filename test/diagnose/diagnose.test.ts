import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnose, RULES, type Rule } from '../../src/diagnose/index.js';
import { verdictOf } from '../../src/report/create.js';
import type { Evidence } from '../../src/model/evidence.js';
import { FINDING_IDS, type Finding, type FindingId, type SettingsPatch } from '../../src/model/finding.js';
import { caps, failure, live, observe, pasted, secret, tls } from '../fixtures/evidence.js';

interface Expect {
  first: FindingId;
  detail?: string;
  signature?: string;
  settings?: SettingsPatch;
  confidence?: Finding['confidence'];
  /** Other ids that must be present (in any position after the first). */
  also?: FindingId[];
  /** Ids that must not appear. */
  not?: FindingId[];
}

const GMAIL_535 =
  '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp';
const gmail = { host: 'smtp.gmail.com', port: 587, security: 'starttls' as const };

/** Live evidence: the configured session first, alternatives after — as `check` records them. */
const liveCases: [string, Evidence, Expect][] = [
  [
    'a login that works is auth-ok',
    live({ ...gmail, until: { auth: '235 2.7.0 Accepted' } }),
    { first: 'auth-ok', settings: { host: 'smtp.gmail.com', port: 587, security: 'starttls', mechanism: 'PLAIN' } },
  ],
  [
    'implicit TLS on 587 is a TLS mode mismatch, proven by the STARTTLS alternative',
    live(
      {
        port: 587,
        security: 'tls',
        until: { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number') },
      },
      [
        { port: 465, security: 'tls', until: { connected: true } },
        { port: 587, security: 'starttls', until: { connected: true } },
      ],
    ),
    {
      first: 'tls-mode-mismatch',
      detail: 'implicit-tls-on-starttls-port',
      settings: { port: 587, security: 'starttls' },
      confidence: 'high',
    },
  ],
  [
    'STARTTLS on 465 with a greeting timeout is a TLS mode mismatch when implicit TLS works there',
    live({ port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
    ]),
    {
      first: 'tls-mode-mismatch',
      detail: 'plaintext-on-implicit-tls-port',
      settings: { port: 465, security: 'tls' },
      confidence: 'high',
      not: ['greeting-timeout'],
    },
  ],
  [
    'plaintext on 465 without alternatives is still a probable TLS mode mismatch',
    live({ port: 465, security: 'none', until: { failed: failure.timeout('greeting') } }),
    { first: 'tls-mode-mismatch', settings: { port: 465, security: 'tls' }, confidence: 'medium' },
  ],
  [
    'a silent server on 587 is a greeting timeout',
    live({ port: 587, security: 'starttls', until: { failed: failure.timeout('greeting') } }),
    { first: 'greeting-timeout' },
  ],
  [
    'a server that hangs up before greeting refuses service',
    live({ port: 587, security: 'starttls', until: { failed: failure.closed('greeting') } }),
    { first: 'service-unavailable', detail: 'closed-before-greeting' },
  ],
  [
    'a refused port is connection-refused',
    live({ port: 2525, security: 'starttls', until: { failed: failure.network('ECONNREFUSED') } }),
    { first: 'connection-refused' },
  ],
  [
    'a name that does not resolve is dns-not-found',
    live({ host: 'smtp.gmial.com', port: 587, security: 'starttls', until: { failed: failure.network('ENOTFOUND') } }),
    { first: 'dns-not-found' },
  ],
  [
    'a blocked port 25 points to the port that works',
    live({ port: 25, security: 'starttls', until: { failed: failure.timeout('connect') } }, [
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    {
      first: 'connection-timeout',
      detail: 'port-25',
      settings: { port: 587, security: 'starttls' },
      confidence: 'high',
    },
  ],
  [
    'a 554 greeting is service-unavailable',
    live({ port: 587, security: 'starttls', until: { greeting: '554 No SMTP service here' } }),
    { first: 'service-unavailable', signature: 'rfc.greeting-refused' },
  ],
  [
    'a self-signed certificate is certificate-invalid',
    live({
      port: 465,
      security: 'tls',
      until: { failed: failure.cert('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate') },
    }),
    { first: 'certificate-invalid', detail: 'self-signed' },
  ],
  [
    'an expired certificate is certificate-invalid',
    live({
      port: 465,
      security: 'tls',
      until: { failed: failure.cert('CERT_HAS_EXPIRED', 'certificate has expired') },
    }),
    { first: 'certificate-invalid', detail: 'expired' },
  ],
  [
    'a certificate not yet valid points at the clock',
    live({ port: 465, security: 'tls', until: { failed: failure.cert('CERT_NOT_YET_VALID') } }),
    { first: 'certificate-invalid', detail: 'not-yet-valid' },
  ],
  [
    'a certificate chain to an untrusted root',
    live({ port: 465, security: 'tls', until: { failed: failure.cert('SELF_SIGNED_CERT_IN_CHAIN') } }),
    { first: 'certificate-invalid', detail: 'untrusted-issuer' },
  ],
  [
    'a missing intermediate certificate',
    live({ port: 465, security: 'tls', until: { failed: failure.cert('UNABLE_TO_VERIFY_LEAF_SIGNATURE') } }),
    { first: 'certificate-invalid', detail: 'untrusted-issuer' },
  ],
  [
    'an unknown local issuer',
    live({ port: 465, security: 'tls', until: { failed: failure.cert('UNABLE_TO_GET_ISSUER_CERT_LOCALLY') } }),
    { first: 'certificate-invalid', detail: 'untrusted-issuer' },
  ],
  [
    'a certificate for another name suggests a name it lists',
    live({
      host: 'mail.alias.example',
      port: 465,
      security: 'tls',
      tls: tls('implicit', { ok: false }, ['DNS:smtp.provider.example']),
      until: { failed: failure.cert('ERR_TLS_CERT_ALTNAME_INVALID') },
    }),
    { first: 'certificate-invalid', detail: 'hostname-mismatch', settings: { host: 'smtp.provider.example' } },
  ],
  [
    'a login that worked only with --insecure: the login first, then a certificate warning',
    live({
      port: 465,
      security: 'tls',
      tls: tls('implicit', {
        ok: false,
        acceptedInsecurely: true,
        chainError: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
      }),
      until: { auth: '235 2.7.0 OK' },
    }),
    { first: 'auth-ok', also: ['certificate-invalid'] },
  ],
  [
    'a TLS version disagreement is tls-handshake-failed',
    live({ port: 465, security: 'tls', until: { failed: failure.tls('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION') } }),
    { first: 'tls-handshake-failed', detail: 'protocol-version' },
  ],
  [
    'STARTTLS missing from EHLO is starttls-unavailable, and 465 is offered when it works',
    live({ port: 587, security: 'starttls', before: caps(['PLAIN']), until: { noStarttls: true } }, [
      { port: 465, security: 'tls', until: { connected: true } },
    ]),
    { first: 'starttls-unavailable', detail: 'not-offered', settings: { port: 465, security: 'tls' } },
  ],
  [
    'a refused STARTTLS is starttls-unavailable',
    live({ port: 587, security: 'starttls', until: { starttls: '454 4.7.0 TLS not available due to local problem' } }),
    { first: 'starttls-unavailable' },
  ],
  [
    'bytes after the STARTTLS go-ahead are starttls-injection, and implicit TLS where the probe saw it work',
    live(
      {
        port: 587,
        security: 'starttls',
        injection: { bytes: 29, preview: '250-EVIL\\r\\n250 AUTH PLAIN\\r\\n' },
        until: { authSkipped: 'plaintext was injected after the STARTTLS go-ahead' },
      },
      [{ port: 465, security: 'tls', until: { connected: true } }],
    ),
    { first: 'starttls-injection', settings: { port: 465, security: 'tls' } },
  ],
  [
    'no AUTH after TLS is auth-not-offered, pointing to the port that offers it',
    live(
      { port: 25, security: 'starttls', after: caps([]), until: { authSkipped: 'the server offers no AUTH here' } },
      [{ port: 587, security: 'starttls', after: caps(['PLAIN', 'LOGIN']), until: { connected: true } }],
    ),
    { first: 'auth-not-offered', settings: { port: 587, security: 'starttls' }, confidence: 'high' },
  ],
  [
    'credentials on a plaintext session are withheld and STARTTLS is suggested',
    live({
      port: 587,
      security: 'none',
      before: caps([], { starttls: true }),
      until: { authSkipped: 'the connection is not encrypted: credentials withheld' },
    }),
    { first: 'auth-requires-tls', detail: 'client-side', settings: { port: 587, security: 'starttls' } },
  ],
  [
    'a forced mechanism the server does not offer is mechanism-unsupported',
    live({
      port: 587,
      security: 'starttls',
      after: caps(['PLAIN', 'LOGIN']),
      until: { auth: '504 5.5.4 Unrecognized authentication type', mechanism: 'CRAM-MD5', offered: false },
    }),
    { first: 'mechanism-unsupported', settings: { mechanism: 'PLAIN' } },
  ],
  [
    'Gmail’s 535 with a password means an app password',
    live({ ...gmail, until: { auth: GMAIL_535 } }),
    { first: 'app-password-required', signature: 'google.bad-credentials', also: ['credentials-rejected'] },
  ],
  [
    'Gmail’s 535 after XOAUTH2 means the token',
    live({ ...gmail, until: { auth: GMAIL_535, mechanism: 'XOAUTH2' } }),
    { first: 'oauth-token-rejected', signature: 'google.bad-credentials', not: ['app-password-required'] },
  ],
  [
    'Gmail’s XOAUTH2 error challenge before the 535 is named: the token, not the password',
    live({
      ...gmail,
      until: {
        auth: GMAIL_535,
        mechanism: 'XOAUTH2',
        errorChallenge:
          '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==',
      },
    }),
    { first: 'oauth-token-rejected', signature: 'google.xoauth2-error', not: ['app-password-required'] },
  ],
  [
    'Microsoft’s tenant switch is smtp-auth-disabled',
    live({
      host: 'smtp.office365.com',
      port: 587,
      security: 'starttls',
      until: {
        auth: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [X]',
      },
    }),
    { first: 'smtp-auth-disabled', detail: 'tenant', signature: 'microsoft365.smtp-auth-disabled-tenant' },
  ],
  [
    'a SendGrid user name other than apikey comes before the 535 it causes',
    live(
      {
        host: 'smtp.sendgrid.net',
        port: 587,
        security: 'starttls',
        until: { auth: '535 Authentication failed: Bad username / password', username: 'me@example.org' },
      },
      [],
      {
        credentials: { username: 'me@example.org' },
      },
    ),
    // The 535 is this finding's evidence: with the user name known to be wrong, the key is not blamed as well.
    {
      first: 'username-format',
      detail: 'literal',
      signature: 'sendgrid.bad-username-password',
      settings: { username: 'apikey' },
      not: ['credentials-rejected'],
    },
  ],
  [
    'a temporary AWS key cannot log in to SES',
    live(
      {
        host: 'email-smtp.eu-west-1.amazonaws.com',
        port: 587,
        security: 'starttls',
        until: { auth: '535 Authentication Credentials Invalid', username: 'ASIAIOSFODNN7EXAMPLE' },
      },
      [],
      {
        credentials: { username: 'ASIAIOSFODNN7EXAMPLE', secret: secret('b'.repeat(44)) },
      },
    ),
    { first: 'credentials-rejected', detail: 'temporary-key' },
  ],
  [
    'the IAM secret key used as SES SMTP password',
    live(
      {
        host: 'email-smtp.us-east-1.amazonaws.com',
        port: 587,
        security: 'starttls',
        until: { auth: '535 Authentication Credentials Invalid', username: 'AKIAIOSFODNN7EXAMPLE' },
      },
      [],
      {
        credentials: { username: 'AKIAIOSFODNN7EXAMPLE', secret: secret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') },
      },
    ),
    // The signature's broader reading of the same 535 is folded into the precise one (its evidence joins it).
    { first: 'credentials-rejected', detail: 'iam-secret-key' },
  ],
  [
    'a trailing newline in the password explains the 535',
    live(
      {
        port: 587,
        security: 'starttls',
        until: { auth: '535 5.7.8 Error: authentication failed: authentication failure' },
      },
      [],
      { credentials: { username: 'alice@example.org', secret: secret('correct horse\n') } },
    ),
    { first: 'credentials-rejected', detail: 'secret-whitespace', confidence: 'high' },
  ],
  [
    'a non-ASCII password over LOGIN',
    live(
      { port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication failed.', mechanism: 'LOGIN' } },
      [],
      { credentials: { username: 'alice@example.org', secret: secret('pässword') } },
    ),
    { first: 'credentials-rejected', detail: 'non-ascii', settings: { mechanism: 'PLAIN' } },
  ],
  [
    'an empty password is credentials-missing',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [], {
      credentials: { username: 'alice@example.org', secret: secret('') },
    }),
    { first: 'credentials-missing', detail: 'empty-secret' },
  ],
  [
    'a Gmail user name that is not an address',
    live({ ...gmail, until: { auth: GMAIL_535, username: 'alice' } }, [], { credentials: { username: 'alice' } }),
    { first: 'username-format', detail: 'not-an-address' },
  ],
  [
    'a temporary AUTH failure is not a password problem',
    live({
      port: 587,
      security: 'starttls',
      until: { auth: '454 4.7.0 Temporary authentication failure: generic failure' },
    }),
    {
      first: 'auth-temporary-failure',
      signature: 'postfix.temporary-authentication-failure',
      not: ['credentials-rejected'],
    },
  ],
  [
    'Gmail’s 454 is a rate limit',
    live({ ...gmail, until: { auth: '454 4.7.0 Too many login attempts, please try again later. x - gsmtp' } }),
    { first: 'rate-limited', signature: 'google.too-many-login-attempts' },
  ],
  [
    'a 421 in answer to AUTH closes the session: a temporary refusal, no verdict on the password',
    live({ port: 587, security: 'starttls', until: { auth: '421 4.7.0 Closing connection' } }),
    { first: 'auth-temporary-failure', signature: 'rfc.auth-closing' },
  ],
  [
    'several failed logins in one run warn about lockout',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [], {
      attempts: { allowed: 3, failed: 3 },
    }),
    { first: 'credentials-rejected', also: ['rate-limited'] },
  ],
  [
    'a login that worked without TLS: the login first, then a warning that the password crossed the network in clear',
    live({ port: 587, security: 'none', until: { auth: '235 2.7.0 Authentication successful' } }),
    { first: 'auth-ok', also: ['credentials-sent-in-clear'] },
  ],
  [
    'a transient AUTH refusal in wording nobody knows is still named, with low confidence',
    live({ port: 587, security: 'starttls', until: { auth: '452 4.3.1 The frobnicator is sad' } }),
    { first: 'auth-temporary-failure', detail: 'unknown-wording', confidence: 'low' },
  ],
  [
    'a permanent AUTH refusal in wording nobody knows is still named, with low confidence',
    live({ port: 587, security: 'starttls', until: { auth: '553 5.7.99 The frobnicator says no' } }),
    { first: 'credentials-rejected', detail: 'unknown-wording', confidence: 'low' },
  ],
  [
    'a reset in the middle of AUTH is connection-lost, not a password verdict',
    live({ ...gmail, until: { failed: failure.network('ECONNRESET', 'auth') } }),
    { first: 'connection-lost', detail: 'reset', not: ['credentials-rejected'] },
  ],
  [
    'a server that stops answering after EHLO is connection-lost (stalled)',
    live({ port: 587, security: 'starttls', until: { failed: failure.timeout('ehlo') } }),
    { first: 'connection-lost', detail: 'stalled' },
  ],
  [
    'an HTTP answer instead of a greeting is a protocol violation',
    live({
      port: 587,
      security: 'starttls',
      until: { failed: failure.violation('greeting', 'malformed-line', 'HTTP/1.1 400 Bad Request') },
    }),
    { first: 'protocol-violation', detail: 'malformed-line', not: ['greeting-timeout'] },
  ],
  [
    'an endless EHLO reply is a protocol violation',
    live({
      port: 587,
      security: 'starttls',
      until: { failed: failure.violation('ehlo', 'reply-too-many-lines', '250-x') },
    }),
    { first: 'protocol-violation', detail: 'reply-too-many-lines' },
  ],
];

/** Evidence from pasted text: observations only, as explain builds them. */
const pastedCases: [string, Evidence, Expect][] = [
  [
    'a pasted ECONNREFUSED',
    pasted([observe.code('ECONNREFUSED', 'connect', 'connect ECONNREFUSED 127.0.0.1:587')]),
    { first: 'connection-refused' },
  ],
  ['a pasted ENOTFOUND', pasted([observe.code('ENOTFOUND', 'connect')]), { first: 'dns-not-found' }],
  [
    'a pasted EAI_AGAIN',
    pasted([observe.code('EAI_AGAIN', 'connect')]),
    { first: 'dns-not-found', detail: 'temporary' },
  ],
  ['a pasted ETIMEDOUT', pasted([observe.code('ETIMEDOUT', 'connect')]), { first: 'connection-timeout' }],
  [
    'a pasted EHOSTUNREACH',
    pasted([observe.code('EHOSTUNREACH', 'connect')]),
    { first: 'connection-timeout', detail: 'unreachable' },
  ],
  [
    'wrong version number on 587',
    pasted([observe.code('ERR_SSL_WRONG_VERSION_NUMBER', 'tls')], { target: { port: 587 } }),
    { first: 'tls-mode-mismatch', settings: { port: 587, security: 'starttls' }, confidence: 'high' },
  ],
  [
    'wrong version number on an unknown port',
    pasted([observe.code('ERR_SSL_WRONG_VERSION_NUMBER', 'tls')]),
    { first: 'tls-mode-mismatch', confidence: 'medium' },
  ],
  [
    'no greeting on 465',
    pasted([observe.message('greeting-never-received', 'Greeting never received', 'greeting')], {
      target: { port: 465 },
    }),
    {
      first: 'tls-mode-mismatch',
      settings: { port: 465, security: 'tls' },
      confidence: 'high',
      not: ['greeting-timeout'],
    },
  ],
  [
    'no greeting on 587',
    pasted([observe.message('greeting-never-received', 'Greeting never received', 'greeting')], {
      target: { port: 587 },
    }),
    { first: 'greeting-timeout', not: ['tls-mode-mismatch'] },
  ],
  [
    'no greeting on an unknown port',
    pasted([observe.message('greeting-never-received', 'Greeting never received', 'greeting')]),
    { first: 'greeting-timeout', also: ['tls-mode-mismatch'] },
  ],
  [
    'a pasted expired certificate',
    pasted([observe.code('CERT_HAS_EXPIRED', 'tls')]),
    { first: 'certificate-invalid', detail: 'expired' },
  ],
  [
    'a pasted TLS version error',
    pasted([observe.code('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'tls')]),
    { first: 'tls-handshake-failed', detail: 'protocol-version' },
  ],
  [
    'a reset during the TLS handshake',
    pasted([observe.code('ECONNRESET', 'tls')]),
    { first: 'tls-handshake-failed', detail: 'reset' },
  ],
  [
    'a pasted 535 without a provider',
    pasted([observe.reply('535 5.7.8 Authentication credentials invalid', 'auth')]),
    { first: 'credentials-rejected', signature: 'rfc.credentials-invalid' },
  ],
  [
    'a pasted 235 is auth-ok',
    pasted([observe.reply('235 2.7.0 Authentication successful', 'auth')]),
    { first: 'auth-ok' },
  ],
  [
    'a pasted 250 after DATA is message-accepted',
    pasted([observe.reply('250 2.0.0 OK queued', 'data')]),
    { first: 'message-accepted' },
  ],
  [
    'a pasted RCPT refusal',
    pasted([observe.reply('550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown', 'rcpt')]),
    { first: 'recipient-rejected' },
  ],
  [
    'a pasted MAIL refusal',
    pasted([observe.reply('553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob', 'mail')]),
    { first: 'sender-rejected' },
  ],
  [
    'a disabled account',
    pasted([observe.reply('525 5.7.13 User Account Disabled', 'auth')]),
    { first: 'account-locked' },
  ],
  [
    'a password transition',
    pasted([observe.reply('432 4.7.12 A password transition is needed', 'auth')]),
    { first: 'mechanism-unsupported', detail: 'password-transition' },
  ],
  [
    'undecodable AUTH data',
    pasted([observe.reply('501 5.5.2 Cannot Decode response a6 - gsmtp', 'auth')]),
    { first: 'auth-malformed', signature: 'google.cannot-decode' },
  ],
  [
    'a quota',
    pasted([observe.reply('451 Authentication failed: Maximum credits exceeded', 'auth')]),
    { first: 'quota-exceeded' },
  ],
  [
    'an IP allow list',
    pasted([observe.reply('451 Authentication failed: Could not authenticate', 'auth')]),
    { first: 'ip-not-allowed', confidence: 'medium' },
  ],
  [
    'a Gmail web-login block',
    pasted([
      observe.reply(
        '534-5.7.9 Please log in with your web browser and then try again. For more\n534 5.7.9  https://support.google.com/mail/?p=WebLoginRequired x - gsmtp',
        'auth',
      ),
    ]),
    { first: 'web-login-required' },
  ],
  [
    'Microsoft’s security defaults',
    pasted([
      observe.reply(
        "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [X]",
        'auth',
      ),
    ]),
    { first: 'basic-auth-disabled', detail: 'security-defaults' },
  ],
  [
    'Microsoft’s locked account',
    pasted([
      observe.reply('535 5.7.139 Authentication unsuccessful, account locked. Contact your administrator. [X]', 'auth'),
    ]),
    { first: 'account-locked', confidence: 'medium' },
  ],
  [
    'a relay refusal means the client never logged in',
    pasted([observe.reply('554 5.7.1 <bob@example.net>: Relay access denied', 'rcpt')]),
    { first: 'credentials-missing' },
  ],
  [
    'a STARTTLS-first refusal',
    pasted([observe.reply('530 5.7.0 Must issue a STARTTLS command first', 'mail')]),
    { first: 'auth-requires-tls' },
  ],
  [
    'a pasted EHLO with STARTTLS and no AUTH, then a client refusal',
    pasted([
      observe.reply('250-mail.example.org\n250-PIPELINING\n250 STARTTLS', 'ehlo'),
      observe.message('auth-not-advertised', 'SMTP AUTH extension not supported by server.', 'auth'),
    ]),
    { first: 'auth-requires-tls', confidence: 'high', not: ['auth-not-offered'] },
  ],
  [
    'Python’s AUTH-not-supported alone',
    pasted([observe.message('auth-not-advertised', 'SMTP AUTH extension not supported by server.', 'auth')]),
    { first: 'auth-requires-tls', also: ['auth-not-offered'] },
  ],
  [
    'no AUTH even after STARTTLS',
    pasted([
      observe.reply('250-mail.example.org\n250 STARTTLS', 'ehlo'),
      observe.reply('220 2.0.0 Ready to start TLS', 'starttls'),
      observe.reply('250-mail.example.org\n250 PIPELINING', 'ehlo'),
      observe.message('auth-not-advertised', 'Host did not advertise authentication', 'auth'),
    ]),
    { first: 'auth-not-offered', confidence: 'high' },
  ],
  [
    'Go refusing plaintext AUTH',
    pasted([observe.message('client-refuses-plaintext-auth', 'unencrypted connection', 'auth')]),
    { first: 'auth-requires-tls', detail: 'client-side' },
  ],
  [
    'STARTTLS not advertised',
    pasted([observe.message('starttls-not-advertised', 'STARTTLS extension not supported by server.', 'starttls')]),
    { first: 'starttls-unavailable' },
  ],
  [
    'a failed STARTTLS without more detail',
    pasted([observe.message('starttls-failed', 'Unable to connect with STARTTLS', 'starttls')]),
    { first: 'tls-handshake-failed', detail: 'starttls' },
  ],
  [
    'nodemailer without credentials',
    pasted([observe.message('credentials-missing', 'Missing credentials for "PLAIN"', 'auth')]),
    { first: 'credentials-missing' },
  ],
  [
    'a non-ASCII password in smtplib',
    pasted([observe.message('non-ascii-credentials', "'ascii' codec can't encode character '\\xe9'", 'auth')]),
    { first: 'auth-malformed', detail: 'non-ascii' },
  ],
  [
    'a failed token refresh',
    pasted([observe.message('oauth-token-refresh-failed', "Can't create new access token for user", 'auth')]),
    { first: 'oauth-token-rejected', detail: 'refresh' },
  ],
  [
    'a login failure without the reply',
    pasted([observe.message('auth-failed', 'SMTP Error: Could not authenticate.', 'auth')]),
    { first: 'credentials-rejected', detail: 'no-reply-shown', confidence: 'low' },
  ],
  [
    'a closed connection on 465 in plaintext',
    pasted([observe.message('connection-closed', 'Connection unexpectedly closed')], {
      target: { port: 465, security: 'starttls' },
    }),
    { first: 'tls-mode-mismatch' },
  ],
  [
    'no common mechanism',
    pasted([observe.message('no-common-mechanism', 'No supported authentication methods found', 'auth')]),
    { first: 'mechanism-unsupported' },
  ],
  [
    'a 454 after failures means stop now',
    pasted([
      observe.reply('535 5.7.8 Authentication credentials invalid', 'auth'),
      observe.reply('454 4.7.0 Temporary authentication failure', 'auth'),
    ]),
    // Read one way, as in a live run: the throttle, not also "the server could not check the credentials".
    { first: 'credentials-rejected', also: ['rate-limited'], not: ['auth-temporary-failure'] },
  ],
  [
    'three failures in a row warn about lockout',
    pasted([1, 2, 3].map(() => observe.reply('535 5.7.8 Authentication credentials invalid', 'auth'))),
    { first: 'credentials-rejected', also: ['rate-limited'] },
  ],
  [
    'a Google app password typed with its spaces is still a password problem first',
    pasted([observe.reply(GMAIL_535, 'auth')], {
      providerHints: [{ provider: 'google', by: 'host', quote: 'smtp.gmail.com' }],
    }),
    { first: 'app-password-required' },
  ],
  [
    'a mechanism the pasted EHLO does not list',
    pasted(
      [
        observe.reply('250-mail.example.org\n250 AUTH PLAIN LOGIN', 'ehlo'),
        observe.reply('504 5.5.4 Unrecognized authentication type', 'auth'),
      ],
      { target: { mechanism: 'CRAM-MD5' } },
    ),
    { first: 'mechanism-unsupported', settings: { mechanism: 'PLAIN' } },
  ],
];

function check(evidence: Evidence, expect: Expect): Finding[] {
  const findings = diagnose(evidence);
  const first = findings[0];
  assert.ok(first, 'no finding');
  assert.equal(
    first.id,
    expect.first,
    `ids: ${findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`).join(', ')}`,
  );
  if (expect.detail !== undefined) assert.equal(first.detail, expect.detail);
  if (expect.signature !== undefined) assert.equal(first.signature, expect.signature);
  if (expect.settings !== undefined) assert.deepEqual(first.fixes[0]?.settings, expect.settings);
  if (expect.confidence !== undefined) assert.equal(first.confidence, expect.confidence);
  const ids = findings.map((f) => f.id);
  for (const id of expect.also ?? [])
    assert.ok(ids.slice(1).includes(id), `${id} missing after the first: ${ids.join(', ')}`);
  for (const id of expect.not ?? []) assert.ok(!ids.includes(id), `${id} should not appear: ${ids.join(', ')}`);
  for (const f of findings) {
    assert.ok(f.evidence.length > 0, `${f.id} cites no evidence`);
    assert.ok(
      f.evidence.every((q) => q.text.length > 0),
      `${f.id} has an empty quote`,
    );
    assert.ok(f.fixes.length > 0, `${f.id} has no fix`);
  }
  return findings;
}

const produced = new Set<FindingId>();

describe('diagnose', () => {
  describe('live evidence', () => {
    for (const [what, evidence, expect] of liveCases) {
      test(`diagnose: ${what}`, () => {
        for (const f of check(evidence, expect)) produced.add(f.id);
      });
    }
  });
  describe('pasted evidence', () => {
    for (const [what, evidence, expect] of pastedCases) {
      test(`diagnose: ${what}`, () => {
        for (const f of check(evidence, expect)) produced.add(f.id);
      });
    }
  });

  test('diagnose: nothing recognisable gives no finding, not an invented one', () => {
    assert.deepEqual(diagnose(pasted([observe.reply('250 2.0.0 OK', null)])), []);
    assert.deepEqual(diagnose(pasted([])), []);
  });

  test('diagnose: the same cause seen twice is one finding with both quotes', () => {
    const findings = diagnose(
      pasted([
        observe.reply('535 5.7.8 Authentication credentials invalid', 'auth'),
        observe.reply('535 5.7.8 Bad password', 'auth'),
      ]),
    );
    const rejected = findings.filter((f) => f.id === 'credentials-rejected');
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]?.evidence.length, 2);
  });

  test('diagnose: live quotes point at the session and transcript line', () => {
    const quote = diagnose(live({ ...gmail, until: { auth: GMAIL_535 } }))[0]?.evidence[0];
    assert.ok(quote);
    assert.equal(quote.session, 0);
    assert.equal(typeof quote.event, 'number');
  });

  test('diagnose: a rule that throws becomes a visible internal-error finding, and the other rules still run', () => {
    const broken: Rule = {
      id: 'broken',
      description: 'throws',
      produces: [],
      run() {
        throw new RangeError('boom');
      },
    };
    const evidence = live({ ...gmail, until: { auth: '235 2.7.0 Accepted' } });
    const findings = diagnose(evidence, [broken, ...RULES]);
    const crash = findings.find((f) => f.id === 'internal-error');
    assert.ok(crash, 'no internal-error finding');
    assert.equal(crash.severity, 'warning');
    assert.match(crash.summary, /RangeError: boom/);
    assert.ok(
      findings.some((f) => f.id === 'auth-ok'),
      'the other rules ran',
    );
    assert.equal(verdictOf(findings), 'inconclusive', 'a crash keeps the verdict from reading ok');
    produced.add('internal-error');
  });

  test('diagnose: every finding id is produced by some case, and only by rules that declare it', () => {
    const declared = new Set<FindingId>([...RULES.flatMap((r) => r.produces), 'internal-error']);
    for (const id of produced) assert.ok(declared.has(id), `${id} is emitted but no rule declares it`);
    const missing = (Object.keys(FINDING_IDS) as FindingId[]).filter((id) => !produced.has(id));
    assert.deepEqual(missing, [], `ids never produced by a case: ${missing.join(', ')}`);
  });
});

// --- Pasted transcripts and knowledge gaps from the explain audit (auth before STARTTLS, go-smtp, providers,
// SendGrid's apikey, Gmail's 421 during AUTH): whole client outputs through explain's parser, then diagnose.
import { explain } from '../../src/check/explain.js';
import { recognise } from '../../src/knowledge/identify.js';
import { reply } from '../fixtures/evidence.js';

/** PHPMailer 5.2's SMTPDebug indent for the continuation lines of a multi-line reply (PHPMailer/PHPMailer#341). */
const PHP_INDENT = '                   \t                  ';

/**
 * PHPMailer 5.2.8 and older send AUTH without looking for it in the EHLO reply (PHPMailer/PHPMailer#267 shows AUTH
 * LOGIN after an EHLO without AUTH); here against a Debian Postfix with smtpd_tls_auth_only on 587, no SMTPSecure.
 */
const PHPMAILER_AUTH_BEFORE_STARTTLS = [
  '2019-05-14 08:12:31\tSERVER -> CLIENT: 220 mail.example.com ESMTP Postfix (Debian/GNU)',
  '2019-05-14 08:12:31\tCLIENT -> SERVER: EHLO www.example.com',
  `2019-05-14 08:12:31\tSERVER -> CLIENT: 250-mail.example.com`,
  ...['250-PIPELINING', '250-SIZE 10240000', '250-VRFY', '250-ETRN', '250-STARTTLS', '250-ENHANCEDSTATUSCODES'].map(
    (l) => PHP_INDENT + l,
  ),
  `${PHP_INDENT}250-8BITMIME`,
  `${PHP_INDENT}250 DSN`,
  '2019-05-14 08:12:31\tCLIENT -> SERVER: AUTH LOGIN',
  '2019-05-14 08:12:31\tSERVER -> CLIENT: 503 5.5.1 Error: authentication not enabled',
  '2019-05-14 08:12:31\tSMTP ERROR: AUTH command failed: 503 5.5.1 Error: authentication not enabled',
  '2019-05-14 08:12:31\tCLIENT -> SERVER: QUIT',
  '2019-05-14 08:12:31\tSERVER -> CLIENT: 221 2.0.0 Bye',
  'SMTP Error: Could not authenticate.',
].join('\n');

/** nodemailer's logger (shape of nodemailer/nodemailer#1081); with ignoreTLS its login() sends AUTH PLAIN unasked. */
function nodemailerLog(lines: string[]): string {
  return lines.map((l) => `[2024-05-14 10:12:31] DEBUG [kD3mYv0Qx8] ${l}`).join('\n');
}

const EXIM_EHLO = [
  'S: 250-mail.example.net Hello [127.0.0.1] [198.51.100.7]',
  'S: 250-SIZE 52428800',
  'S: 250-8BITMIME',
  'S: 250-PIPELINING',
  'S: 250-CHUNKING',
];

const NODEMAILER_EXIM_AUTH_BEFORE_STARTTLS = `${nodemailerLog([
  'S: 220 mail.example.net ESMTP Exim 4.96 Tue, 14 May 2024 10:12:31 +0000',
  'C: EHLO [127.0.0.1]',
  ...EXIM_EHLO,
  'S: 250-STARTTLS',
  'S: 250 HELP',
  'SMTP handshake finished',
  'C: AUTH PLAIN AHVzZXJAZXhhbXBsZS5uZXQAaHVudGVyMg==',
  'S: 503 AUTH command used when not advertised',
])}
Error: Invalid login: 503 AUTH command used when not advertised
  code: 'EAUTH',
  response: '503 AUTH command used when not advertised',
  responseCode: 503,
  command: 'AUTH PLAIN'`;

/** nodemailer/nodemailer#1081 itself: STARTTLS done, and the EHLO after it still lists no AUTH. */
const NODEMAILER_EXIM_NO_AUTH_AFTER_TLS = nodemailerLog([
  'S: 220 mail.example.net ESMTP Exim 4.96 Tue, 14 May 2024 10:12:31 +0000',
  'C: EHLO [127.0.0.1]',
  ...EXIM_EHLO,
  'S: 250-STARTTLS',
  'S: 250 HELP',
  'C: STARTTLS',
  'S: 220 TLS go ahead',
  'C: EHLO [127.0.0.1]',
  ...EXIM_EHLO,
  'S: 250 HELP',
  'SMTP handshake finished',
  'C: AUTH PLAIN AHVzZXJAZXhhbXBsZS5uZXQAaHVudGVyMg==',
  'S: 503 AUTH command used when not advertised',
]);

/** A server that lists AUTH in the clear judged the password: the connection state is not the cause. */
const NODEMAILER_PLAINTEXT_AUTH_REJECTED = nodemailerLog([
  'S: 220 mail.example.net ESMTP Exim 4.96 Tue, 14 May 2024 10:12:31 +0000',
  'C: EHLO [127.0.0.1]',
  ...EXIM_EHLO,
  'S: 250-AUTH PLAIN LOGIN',
  'S: 250-STARTTLS',
  'S: 250 HELP',
  'C: AUTH PLAIN AHVzZXJAZXhhbXBsZS5uZXQAaHVudGVyMg==',
  'S: 535 Incorrect authentication data',
]);

const auditCases: [string, string, Expect][] = [
  [
    'PHPMailer sent AUTH before STARTTLS to Postfix: run STARTTLS first, SASL-off second',
    PHPMAILER_AUTH_BEFORE_STARTTLS,
    {
      first: 'auth-requires-tls',
      signature: 'postfix.authentication-not-enabled',
      confidence: 'high',
      settings: { security: 'starttls' },
      also: ['auth-not-offered'],
    },
  ],
  [
    'nodemailer sent AUTH before STARTTLS to Exim: run STARTTLS first',
    NODEMAILER_EXIM_AUTH_BEFORE_STARTTLS,
    {
      first: 'auth-requires-tls',
      signature: 'exim.auth-not-advertised',
      confidence: 'high',
      settings: { security: 'starttls' },
    },
  ],
  [
    'no AUTH even after STARTTLS is a server without login, not a TLS problem',
    NODEMAILER_EXIM_NO_AUTH_AFTER_TLS,
    { first: 'auth-not-offered', confidence: 'high', not: ['auth-requires-tls'] },
  ],
  [
    'a password judged over a plaintext connection is not blamed on STARTTLS',
    NODEMAILER_PLAINTEXT_AUTH_REJECTED,
    { first: 'credentials-rejected', not: ['auth-requires-tls'] },
  ],
  [
    'go-smtp: MAIL refused with "Please authenticate first" means the client never logged in',
    '502 5.7.0 Please authenticate first',
    { first: 'credentials-missing', signature: 'go-smtp.please-authenticate-first', not: ['auth-not-offered'] },
  ],
  [
    'go-smtp: "Authentication not supported" is a server without login, not a TLS problem',
    'AUTH PLAIN failed: 502 5.7.0 Authentication not supported',
    { first: 'auth-not-offered', signature: 'go-smtp.authentication-not-supported', not: ['auth-requires-tls'] },
  ],
  [
    'go-smtp: "Negotiation cancelled" is the client giving up, not malformed data',
    '501 5.0.0 Negotiation cancelled',
    {
      first: 'credentials-missing',
      detail: 'cancelled',
      signature: 'go-smtp.negotiation-cancelled',
      not: ['auth-malformed'],
    },
  ],
];

/** PHPMailer against Zoho with no host in the paste: only the greeting says who answers (PHPAuth/PHPAuth#282). */
const PHPMAILER_ZOHO_535 = [
  '2018-01-25 08:17:23 Connection: opened',
  '2018-01-25 08:17:24 SERVER -> CLIENT: 220 mx.zohomail.com SMTP Server ready January 25, 2018 12:17:24 AM PST',
  '2018-01-25 08:17:24 CLIENT -> SERVER: EHLO example.eu',
  '2018-01-25 08:17:24 SERVER -> CLIENT: 250-mx.zohomail.com Hello example.eu (203.0.113.26 (203.0.113.26))',
  `${PHP_INDENT}250-STARTTLS`,
  `${PHP_INDENT}250 SIZE 53477376`,
  '2018-01-25 08:17:24 CLIENT -> SERVER: STARTTLS',
  '2018-01-25 08:17:24 SERVER -> CLIENT: 220 Ready to start TLS.',
  '2018-01-25 08:17:24 CLIENT -> SERVER: EHLO example.eu',
  '2018-01-25 08:17:25 SERVER -> CLIENT: 250-mx.zohomail.com Hello example.eu (203.0.113.26 (203.0.113.26))',
  `${PHP_INDENT}250-AUTH LOGIN PLAIN`,
  `${PHP_INDENT}250 SIZE 53477376`,
  '2018-01-25 08:17:25 CLIENT -> SERVER: AUTH LOGIN',
  '2018-01-25 08:17:25 SERVER -> CLIENT: 334 VXNlcm5hbWU6',
  '2018-01-25 08:17:25 CLIENT -> SERVER: aW5mb0BleGFtcGxlLmV1',
  '2018-01-25 08:17:25 SERVER -> CLIENT: 334 UGFzc3dvcmQ6',
  '2018-01-25 08:17:25 CLIENT -> SERVER: c2VjcmV0LXBhc3N3b3Jk',
  '2018-01-25 08:17:25 SERVER -> CLIENT: 535 Authentication Failed',
  '2018-01-25 08:17:25 SMTP ERROR: Password command failed: 535 Authentication Failed',
  'SMTP Error: Could not authenticate.',
].join('\n');

/** Symfony Mailer's wrapper names the user name it tried (EsmtpTransport::handleAuth, "using the following authenticators"). */
const SYMFONY_SENDGRID_APIKEY =
  'Symfony\\Component\\Mailer\\Exception\\TransportException: Failed to authenticate on SMTP server with username "apikey" using the following authenticators: "LOGIN", "PLAIN". Authenticator "LOGIN" returned "Expected response code "235" but got code "535", with message "535 Authentication failed: Bad username / password".". Authenticator "PLAIN" returned "Expected response code "235" but got code "535", with message "535 Authentication failed: Bad username / password".".';

/** Swiftmailer's older wrapper (Swift_Transport_Esmtp_AuthHandler), as Laravel 5–8 logs show it. */
const SWIFTMAILER_SENDGRID_APIKEY =
  'Swift_TransportException: Failed to authenticate on SMTP server with username "apikey" using 2 possible authenticators. Authenticator LOGIN returned Expected response code 235 but got code "535", with message "535 Authentication failed: Bad username / password\r\n". Authenticator PLAIN returned Expected response code 235 but got code "535", with message "535 Authentication failed: Bad username / password\r\n".';

auditCases.push(
  [
    'a Zoho greeting is enough to name Zoho’s refusal',
    PHPMAILER_ZOHO_535,
    { first: 'credentials-rejected', signature: 'zoho.authentication-failed' },
  ],
  ...[SYMFONY_SENDGRID_APIKEY, SWIFTMAILER_SENDGRID_APIKEY].map((text, i): [string, string, Expect] => [
    `SendGrid with the user name apikey (${i === 0 ? 'Symfony Mailer' : 'Swiftmailer'}): the key is wrong, not the user name`,
    text,
    {
      first: 'credentials-rejected',
      detail: 'api-key',
      signature: 'sendgrid.bad-username-password',
      confidence: 'high',
      not: ['username-format'],
    },
  ]),
);

describe('diagnose: pasted client output from the explain audit', () => {
  for (const [what, text, expect] of auditCases) {
    test(`diagnose: ${what}`, () => {
      check(explain(text).evidence, expect);
    });
  }

  test('diagnose: with the user name apikey, no fix tells the user to change the user name', () => {
    const { findings } = explain(SYMFONY_SENDGRID_APIKEY);
    assert.ok(findings.length > 0);
    for (const fix of findings.flatMap((f) => f.fixes)) {
      assert.equal(fix.settings?.username, undefined, fix.text);
      assert.doesNotMatch(fix.text, /user ?name/i);
    }
  });

  test('diagnose: a Postmark banner names Postmark, not the Postfix it runs on, when the host does not tell', () => {
    const evidence = live({
      host: '203.0.113.7',
      port: 587,
      security: 'starttls',
      until: { auth: '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6' },
    });
    const record = evidence.sessions[0]?.record;
    assert.ok(record);
    record.greeting = reply('220 smtp.postmarkapp.com ESMTP Postfix');
    evidence.providerHints = recognise(evidence);
    const [first] = check(evidence, { first: 'credentials-rejected', signature: 'postmark.authentication-failed' });
    assert.equal(first?.provider, 'postmark');
  });

  // No public transcript quotes Gmail's "(AUTH)" form of this reply (only "(EHLO)": calcom/cal.diy#5254,
  // dawidd6/action-send-mail#196), so no Google signature; the generic 421-during-AUTH meaning lives in rfc.ts.
  test('diagnose: a 421 that closes the session during AUTH reads as a temporary refusal, possibly a rate limit', () => {
    const paste = [
      'Error: Invalid login: 421 4.7.0 Try again later, closing connection. (AUTH) a640c23a62f3a-a9a3cb1b6c2sm123456766b.12 - gsmtp',
      '    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:798:19) {',
      "  code: 'EAUTH',",
      '  responseCode: 421,',
      "  command: 'AUTH PLAIN'",
      '}',
    ].join('\n');
    const [first] = check(explain(paste).evidence, {
      first: 'auth-temporary-failure',
      not: ['service-unavailable'],
    });
    assert.notEqual(first?.confidence, 'high');
    assert.match(`${first?.title ?? ''} ${first?.summary ?? ''}`, /rate/i);
  });
});
