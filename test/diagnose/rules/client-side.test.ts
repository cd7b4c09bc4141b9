// client-side rule: what a client library says about itself in pasted text, when no server reply explains the failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { clientSide } from '../../../src/diagnose/rules/client-side.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { live, observe, pasted } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const missing = observe.message('credentials-missing', 'Missing credentials for "PLAIN"', 'auth');
const authFailed = observe.message('auth-failed', 'SMTP Error: Could not authenticate.', 'auth');
const closed = observe.message('connection-closed', 'Connection unexpectedly closed');
const reset = observe.code('ECONNRESET', null, 'Error: read ECONNRESET');
const refused = observe.reply('535 5.7.8 Authentication credentials invalid', 'auth');
const ehlo = observe.reply('250-mail.example.org\n250 AUTH PLAIN LOGIN', 'ehlo');

export const cases: RuleCase[] = [
  [
    'nodemailer without credentials: nothing reached the server',
    pasted([missing]),
    [
      {
        id: 'credentials-missing',
        confidence: 'high',
        fixes: ['client-side.check-credential-variables', 'client-side.pass-credentials'],
        deadEnds: ['change-password'],
      },
    ],
  ],
  [
    'missing credentials next to a refused login: changing the password is no longer a dead end',
    pasted([missing, refused]),
    [{ id: 'credentials-missing', deadEnds: [] }],
  ],
  [
    'smtplib cannot encode a non-ASCII password',
    pasted([observe.message('non-ascii-credentials', "'ascii' codec can't encode character '\\xe9'", 'auth')]),
    [
      {
        id: 'auth-malformed',
        detail: 'non-ascii',
        confidence: 'high',
        fixes: ['client-side.ascii-password', 'client-side.utf8-client'],
        says: /smtplib encodes the credentials as ASCII/,
      },
    ],
  ],
  [
    'nodemailer could not refresh its OAuth token',
    pasted([observe.message('oauth-token-refresh-failed', "Can't create new access token for user", 'auth')]),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'refresh',
        confidence: 'medium',
        fixes: ['client-side.new-refresh-token', 'client-side.same-oauth-app'],
      },
    ],
  ],
  [
    'a bare "login failed" without the reply',
    pasted([authFailed]),
    [
      {
        id: 'credentials-rejected',
        detail: 'no-reply-shown',
        confidence: 'low',
        fixes: ['client-side.debug-and-explain', 'client-side.check-form-and-app-password'],
      },
    ],
  ],
  [
    '"login failed" after a 334 challenge: a challenge is no verdict, the client gave up in the exchange',
    pasted([
      observe.reply('334 VXNlcm5hbWU6', 'auth'),
      observe.message('auth-failed', 'javax.mail.AuthenticationFailedException: 334 VXNlcm5hbWU6', 'auth'),
    ]),
    [{ id: 'credentials-rejected', detail: 'no-reply-shown', confidence: 'low' }],
  ],
  [
    '"login failed" with the server’s refusal: the reply says more (reply-signatures)',
    pasted([authFailed, refused]),
    [],
  ],
  [
    'the mail server’s log of a refused login: the credentials reached it and were checked',
    pasted([
      observe.message(
        'server-refused-login',
        'postfix/submission/smtpd[261155]: warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
        'auth',
      ),
      authFailed,
    ]),
    [
      {
        id: 'credentials-rejected',
        detail: 'server-log',
        confidence: 'medium',
        fixes: ['client-side.check-user-and-password', 'client-side.check-form-and-app-password'],
      },
    ],
  ],
  [
    'the mail server’s log says its SASL service is down: no login can succeed, whatever the password',
    pasted([
      observe.message(
        'server-sasl-unavailable',
        'warning: SASL: Connect to private/auth failed: No such file or directory',
        'auth',
      ),
      observe.message('server-refused-login', 'SASL LOGIN authentication failed: UGFzc3dvcmQ6', 'auth'),
    ]),
    [
      {
        id: 'auth-temporary-failure',
        detail: 'server-sasl-down',
        confidence: 'medium',
        fixes: ['client-side.start-sasl-service', 'client-side.check-sasl-path'],
        deadEnds: ['change-password'],
      },
    ],
  ],
  [
    'a server log of a refused login beside the refusal itself: the reply says more',
    pasted([
      observe.message('server-refused-login', 'SASL PLAIN authentication failed: authentication failure', 'auth'),
      refused,
    ]),
    [],
  ],
  [
    '"login failed" that comes with missing credentials is only that',
    pasted([missing, authFailed]),
    [{ id: 'credentials-missing' }],
  ],
  [
    'a closed connection and nothing else: the text does not show the step',
    pasted([closed]),
    [
      {
        id: 'connection-lost',
        detail: 'closed',
        confidence: 'low',
        fixes: ['client-side.collect-debug', 'client-side.run-check', 'client-side.match-port-and-mode'],
        deadEnds: ['change-password'],
        says: /^The connection was closed\n[\s\S]*does not show at which step/,
      },
    ],
  ],
  [
    'a reset after EHLO: the last step shown',
    pasted([ehlo, reset]),
    [
      {
        id: 'connection-lost',
        detail: 'reset',
        confidence: 'medium',
        says: /^The connection was reset after the EHLO step\n[\s\S]*the last step the text shows is EHLO, and no reply says why/,
      },
    ],
  ],
  [
    'a close in the middle of the login: no verdict on the credentials',
    pasted([observe.reply('334 UGFzc3dvcmQ6', 'auth'), closed]),
    [
      {
        id: 'connection-lost',
        detail: 'closed',
        says: /after the AUTH step\n[\s\S]*in the middle of the login: the server neither accepted nor refused/,
        neverSays: /last step the text shows/,
      },
    ],
  ],
  ['a close next to a refusal is the refusal’s', pasted([refused, closed]), []],
  [
    'a read that timed out: the server stopped answering, at a step the text does not show',
    pasted([observe.message('read-timed-out', 'TimeoutError: The read operation timed out')]),
    [
      {
        id: 'connection-lost',
        detail: 'stalled',
        confidence: 'low',
        says: /^The server stopped answering\n[\s\S]*a read timed out/,
      },
    ],
  ],
  [
    '.NET’s "protocol violation" with an empty reply: the server answered out of step',
    pasted([observe.message('unexpected-reply', 'The server committed a protocol violation The server response was:')]),
    [
      {
        id: 'protocol-violation',
        detail: 'unexpected-reply',
        confidence: 'low',
        fixes: ['client-side.collect-debug', 'client-side.run-check', 'connection-lost.other-network-mangles'],
        deadEnds: ['change-password'],
        says: /^The server answered out of step\n[\s\S]*does not belong there, with no text at all\./,
      },
    ],
  ],
  [
    'a protocol violation beside a refusal: the refusal says more',
    pasted([
      observe.message('unexpected-reply', 'The server committed a protocol violation The server response was: 250 OK'),
      observe.reply('550 5.7.1 Relaying denied'),
    ]),
    [],
  ],
  [
    'a close the client places before the greeting is the greeting rule’s',
    pasted([observe.message('connection-closed', 'Unexpected EOF received', 'greeting')]),
    [],
  ],
  [
    '"login failed" around a 235 is a misread success (the auth-ok rule’s)',
    pasted([authFailed, observe.reply('235 Authentication succeeded')]),
    [],
  ],
  [
    '"login failed" with a refusal the text does not place: the reply says more',
    pasted([authFailed, observe.reply('535 Authentication failed')]),
    [],
  ],
  [
    'an OAuth token endpoint’s error (RFC 6749 §5.2) in any client',
    pasted([
      observe.message('oauth-token-refresh-failed', 'IdentityProviderException: invalid_grant', 'auth'),
      authFailed,
    ]),
    [{ id: 'oauth-token-rejected', detail: 'refresh', says: /The client asked the OAuth provider/ }],
  ],
  [
    'a plaintext close on port 465 is the tls-mode rule’s (a mode mismatch)',
    pasted([closed], { target: { port: 465, security: 'starttls' } }),
    [],
  ],
  [
    'a reset that names its phase is another rule’s (connection-lost of that step)',
    pasted([observe.code('ECONNRESET', 'tls', 'Error: read ECONNRESET')]),
    [],
  ],
  [
    'a live check reads the sessions, not client messages',
    live({ port: 587, security: 'starttls', until: { connected: true } }),
    [],
  ],
];

testRule(clientSide, cases);

function fixTexts(evidence: Evidence): string[] {
  return clientSide.run(buildContext(evidence)).flatMap((c) => c.finding.fixes.map((f) => f.text));
}

test('client-side: debug advice in the words of the client that printed the text', () => {
  const own = fixTexts(pasted([authFailed], { client: { client: 'phpmailer', quote: 'PHPMailer' } }));
  assert.ok(
    own.includes(
      'Re-run with the client’s debug output on (PHPMailer: SMTPDebug = 2) and explain that output, or run smtp-doctor check.',
    ),
    own.join('\n'),
  );
  const unknown = fixTexts(pasted([closed]));
  assert.ok(
    unknown.some((t) =>
      /nodemailer: logger: true, debug: true; PHPMailer: SMTPDebug = 2; Python: server\.set_debuglevel\(1\)/.test(t),
    ),
    unknown.join('\n'),
  );
});

test('client-side: how to pass credentials, in the client’s words (nodemailer when it is not known)', () => {
  assert.ok(
    fixTexts(pasted([missing])).includes(
      'Pass the user name and password to the client (nodemailer: auth: { user, pass } in createTransport).',
    ),
  );
  const python = fixTexts(pasted([missing], { client: { client: 'python-smtplib', quote: 'smtplib' } }));
  assert.ok(python.includes('Pass the user name and password to the client (Python: server.login(user, password)).'));
});

test('client-side: a new refresh token names the scope each provider needs for SMTP', () => {
  const texts = fixTexts(
    pasted([observe.message('oauth-token-refresh-failed', "Can't create new access token for user", 'auth')]),
  );
  assert.ok(
    texts.some(
      (t) =>
        t.includes('https://mail.google.com/') && t.includes('https://outlook.office.com/SMTP.Send offline_access'),
    ),
  );
});
