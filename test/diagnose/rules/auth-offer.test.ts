// auth-offer rule: no AUTH in the EHLO reply, AUTH only after STARTTLS, a client that keeps the password off plaintext.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { authOffer } from '../../../src/diagnose/rules/auth-offer.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { caps, live, observe, pasted, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const withheld = { authSkipped: 'the connection is not encrypted: credentials withheld' };
const noAuth = { authSkipped: 'the server offers no AUTH here' };
const plaintext = (port: number, starttls = true): SessionSpec => ({
  port,
  security: 'none',
  before: caps(['PLAIN', 'LOGIN'], { starttls }),
  until: withheld,
});
const EHLO_STARTTLS_NO_AUTH = observe.reply('250-mail.example.org\n250-PIPELINING\n250 STARTTLS', 'ehlo');
const pythonNoAuth = observe.message('auth-not-advertised', 'SMTP AUTH extension not supported by server.', 'auth');

export const cases: RuleCase[] = [
  [
    'plaintext settings, STARTTLS offered with AUTH only after it, nothing probed: STARTTLS here, said untested',
    live({ port: 587, security: 'none', before: caps([], { starttls: true }), until: withheld }),
    [
      {
        id: 'auth-requires-tls',
        detail: 'client-side',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['auth-offer.starttls-here-untested'],
        deadEnds: ['send-password-in-clear'],
        says: /Log in over STARTTLS, not in the clear[^]*lists AUTH only after it/,
      },
    ],
  ],
  [
    'plaintext settings without STARTTLS and nothing proven: the submission ports',
    live(plaintext(2525, false)),
    [
      {
        id: 'auth-requires-tls',
        detail: 'client-side',
        settings: { port: 465, security: 'tls' },
        fixes: ['auth-offer.submission-port-tls'],
        says: /This connection cannot protect the password[^]*offers no STARTTLS here/,
      },
    ],
  ],
  [
    'plaintext settings, STARTTLS proven on the same port by a login: the proven endpoint only',
    live(plaintext(2525), [
      { port: 2525, security: 'starttls', until: { auth: '235 2.7.0 Authentication successful' } },
    ]),
    [{ id: 'auth-requires-tls', fixes: ['proven.use-endpoint'], settings: { port: 2525, security: 'starttls' } }],
  ],
  [
    'no AUTH after STARTTLS, another port offers it: use that port',
    live({ port: 25, security: 'starttls', after: caps([]), until: noAuth }, [
      { port: 587, security: 'starttls', after: caps(['PLAIN', 'LOGIN']), until: { connected: true } },
    ]),
    [
      {
        id: 'auth-not-offered',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['auth-offer.port-offering-auth'],
        deadEnds: ['change-password'],
        says: /The EHLO reply after TLS lists no AUTH[^]*nodemailer’s verify\(\)/,
      },
    ],
  ],
  [
    'no AUTH after TLS and no port that offers it: the submission port, and the admin to enable SASL',
    live({ port: 25, security: 'starttls', after: caps([]), until: noAuth }),
    [
      {
        id: 'auth-not-offered',
        confidence: 'medium',
        fixes: ['auth-offer.submission-port', 'auth-offer.enable-sasl'],
        deadEnds: ['change-password'],
      },
    ],
  ],
  [
    'no AUTH here, but a login refused elsewhere in the run: "changing the password" is no dead end any more',
    live({ port: 25, security: 'starttls', after: caps([]), until: noAuth }, [
      { port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
    ]),
    [{ id: 'auth-not-offered', fixes: ['auth-offer.port-offering-auth'], deadEnds: [] }],
  ],
  [
    'plaintext settings, no AUTH in the clear and none after STARTTLS on the same port: no login here, not a TLS matter',
    live({ port: 25, security: 'none', before: caps([], { starttls: true }), until: withheld }, [
      { port: 25, security: 'starttls', after: caps([]), until: noAuth },
      { port: 587, security: 'starttls', after: caps(['PLAIN', 'LOGIN']), until: { connected: true } },
    ]),
    [
      {
        id: 'auth-not-offered',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['auth-offer.port-offering-auth'],
        deadEnds: ['change-password'],
        says: /The EHLO reply after TLS lists no AUTH/,
      },
    ],
  ],
  [
    'plaintext allowed, a forced mechanism skipped for no AUTH, and none after STARTTLS either: no login anywhere here',
    live({ port: 25, security: 'none', before: caps([], { starttls: true }), until: noAuth }, [
      { port: 25, security: 'starttls', after: caps([]), until: noAuth },
    ]),
    [
      {
        id: 'auth-not-offered',
        confidence: 'medium',
        fixes: ['auth-offer.submission-port', 'auth-offer.enable-sasl'],
        says: /after TLS lists no AUTH/,
      },
    ],
  ],
  [
    'plaintext settings, no AUTH in the clear, STARTTLS on another port lists none: this port’s TLS is untried, still TLS',
    live({ port: 2525, security: 'none', before: caps([], { starttls: true }), until: withheld }, [
      { port: 25, security: 'starttls', after: caps([]), until: noAuth },
    ]),
    [{ id: 'auth-requires-tls', detail: 'client-side' }],
  ],
  [
    'plaintext settings, STARTTLS on the same port lists AUTH: AUTH only after TLS',
    live({ port: 587, security: 'none', before: caps([], { starttls: true }), until: withheld }, [
      { port: 587, security: 'starttls', after: caps(['PLAIN']), until: { connected: true } },
    ]),
    [{ id: 'auth-requires-tls', detail: 'client-side', settings: { port: 587, security: 'starttls' } }],
  ],
  [
    'AUTH skipped because no offered mechanism fits the secret: the mechanism rule’s',
    live({
      port: 587,
      security: 'starttls',
      after: caps(['XOAUTH2']),
      until: { authSkipped: 'the server offers only XOAUTH2, none of which we can use with a password' },
    }),
    [],
  ],
  [
    'a login that was attempted is not this rule’s',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
    [],
  ],
  [
    'pasted: Go refuses to send the password on an unencrypted connection',
    pasted([observe.message('client-refuses-plaintext-auth', 'unencrypted connection', 'auth')]),
    [
      {
        id: 'auth-requires-tls',
        detail: 'client-side',
        confidence: 'high',
        settings: { port: 587, security: 'starttls' },
        fixes: ['auth-offer.go-starttls-on-587', 'auth-offer.go-implicit-on-465'],
        deadEnds: [],
      },
    ],
  ],
  [
    'pasted: an EHLO with STARTTLS and no AUTH, then the client’s refusal: AUTH only after STARTTLS, and nothing else',
    pasted([EHLO_STARTTLS_NO_AUTH, pythonNoAuth]),
    [
      {
        id: 'auth-requires-tls',
        confidence: 'high',
        settings: { security: 'starttls' },
        fixes: ['auth-offer.starttls-before-auth', 'auth-offer.implicit-on-465'],
        deadEnds: ['change-password'],
        says: /This server lists STARTTLS/,
      },
    ],
  ],
  [
    'pasted: Python’s AUTH-not-supported alone reads two ways: TLS not yet on, or no login on this port',
    pasted([pythonNoAuth]),
    [
      { id: 'auth-requires-tls', confidence: 'medium', neverSays: /This server lists STARTTLS/ },
      {
        id: 'auth-not-offered',
        confidence: 'low',
        fixes: ['auth-offer.submission-port'],
        deadEnds: [],
        says: /^Or the server offers no login on this port[^]*If TLS was already on/,
      },
    ],
  ],
  [
    'pasted: an EHLO with STARTTLS and no AUTH, then the go-ahead to STARTTLS: the client did start TLS, not this rule’s',
    pasted([EHLO_STARTTLS_NO_AUTH, observe.reply('220 2.0.0 Ready to start TLS', 'starttls')]),
    [],
  ],
  [
    'pasted: a transcript that stops at the EHLO over TLS, which lists no AUTH: no login offered here (from the shape alone)',
    pasted([
      EHLO_STARTTLS_NO_AUTH,
      observe.reply('220 2.0.0 Ready to start TLS', 'starttls'),
      observe.reply('250-mail.example.org\n250-PIPELINING\n250 8BITMIME', 'ehlo'),
    ]),
    [{ id: 'auth-not-offered', confidence: 'medium' }],
  ],
  [
    'pasted: the same EHLO over TLS, then a refusal of MAIL: the client went on, and the refusal says more',
    pasted([
      EHLO_STARTTLS_NO_AUTH,
      observe.reply('220 2.0.0 Ready to start TLS', 'starttls'),
      observe.reply('250-mail.example.org\n250-PIPELINING\n250 8BITMIME', 'ehlo'),
      observe.reply('530 5.7.0 Authentication required', 'mail'),
    ]),
    [],
  ],
  [
    'pasted: an EHLO with neither STARTTLS nor AUTH, then the client’s refusal: no login on this port, one reading',
    pasted([observe.reply('250-mail.example.org\n250-PIPELINING\n250 8BITMIME', 'ehlo'), pythonNoAuth]),
    [
      {
        id: 'auth-not-offered',
        confidence: 'medium',
        fixes: ['auth-offer.submission-port', 'auth-offer.enable-sasl'],
        says: /^The server offers no login on this connection/,
      },
    ],
  ],
  [
    'pasted: a client that runs STARTTLS itself when listed (Go SendMail) found no AUTH: no login here, one reading',
    pasted([observe.message('auth-not-advertised-with-tls', "smtp: server doesn't support AUTH", 'auth')]),
    [
      {
        id: 'auth-not-offered',
        confidence: 'medium',
        fixes: ['auth-offer.submission-port', 'auth-offer.enable-sasl'],
        says: /^The server offers no login on this connection/,
      },
    ],
  ],
  [
    'pasted: the same client after an EHLO that lists STARTTLS and no AUTH: no AUTH after TLS either',
    pasted([
      EHLO_STARTTLS_NO_AUTH,
      observe.message('auth-not-advertised-with-tls', "smtp: server doesn't support AUTH", 'auth'),
    ]),
    [{ id: 'auth-not-offered', confidence: 'medium', says: /after TLS lists no AUTH/ }],
  ],
  [
    'pasted: no AUTH even after STARTTLS: a server without login, not a TLS problem',
    pasted([
      observe.reply('250-mail.example.org\n250 STARTTLS', 'ehlo'),
      observe.reply('220 2.0.0 Ready to start TLS', 'starttls'),
      observe.reply('250-mail.example.org\n250 PIPELINING', 'ehlo'),
      observe.message('auth-not-advertised', 'Host did not advertise authentication', 'auth'),
    ]),
    [
      {
        id: 'auth-not-offered',
        confidence: 'high',
        fixes: ['auth-offer.submission-port', 'auth-offer.enable-sasl'],
        deadEnds: [],
        says: /after TLS lists no AUTH/,
      },
    ],
  ],
  [
    'pasted: AUTH after an EHLO over TLS that lists none, refused as a command: no login here',
    pasted([
      observe.reply('250-mail.example.org\n250 STARTTLS', 'ehlo'),
      observe.reply('220 2.0.0 Ready to start TLS', 'starttls'),
      observe.reply('250-mail.example.org\n250 PIPELINING', 'ehlo'),
      observe.reply('502 5.5.1 Unrecognized command', 'auth'),
    ]),
    [{ id: 'auth-not-offered', confidence: 'high' }],
  ],
  [
    'pasted: AUTH sent before STARTTLS and refused as a command: run STARTTLS first; the password was never checked',
    pasted([EHLO_STARTTLS_NO_AUTH, observe.reply('503 5.5.1 Error: authentication not enabled', 'auth')]),
    [
      {
        id: 'auth-requires-tls',
        confidence: 'high',
        settings: { security: 'starttls' },
        fixes: ['auth-offer.starttls-before-auth', 'auth-offer.implicit-on-465'],
        deadEnds: ['change-password', 'force-mechanism'],
        says: /^AUTH was sent before STARTTLS[^]*lists STARTTLS but no AUTH/,
      },
    ],
  ],
  [
    'pasted: Exchange lists only NTLM in the clear and the client sent LOGIN: switching to NTLM is no way out',
    pasted(
      [
        observe.reply('250-mail.example.org\n250-STARTTLS\n250 AUTH NTLM', 'ehlo'),
        observe.reply('504 5.7.4 Unrecognized authentication type', 'auth'),
      ],
      { target: { mechanism: 'LOGIN' } },
    ),
    [
      {
        id: 'auth-requires-tls',
        deadEnds: ['change-password', 'switch-to-listed-mechanism'],
        says: /lists STARTTLS and only AUTH NTLM, and the client sent AUTH LOGIN/,
      },
    ],
  ],
  [
    'pasted: a password judged over plaintext (AUTH listed in the clear) is not this rule’s',
    pasted([
      observe.reply('250-mail.example.net\n250-AUTH PLAIN LOGIN\n250-STARTTLS\n250 HELP', 'ehlo'),
      observe.reply('535 Incorrect authentication data', 'auth'),
    ]),
    [],
  ],
];

testRule(authOffer, cases);

describe('auth-offer: plaintext settings — the fixes prefer what the probe proved', () => {
  const settingsOf = (evidence: Evidence): string[] => {
    const [found] = authOffer.run(buildContext(evidence));
    assert.equal(found?.finding.id, 'auth-requires-tls');
    return found.finding.fixes.map((f) => `${String(f.settings?.port)}/${String(f.settings?.security)}`);
  };
  const table: [string, Evidence, string[], RegExp?][] = [
    [
      'STARTTLS on the same port logged in, implicit TLS reached on another: both, the login first',
      live(plaintext(2525), [
        { port: 2526, security: 'tls', until: { connected: true } },
        { port: 2525, security: 'starttls', until: { auth: '235 2.7.0 Authentication successful' } },
      ]),
      ['2525/starttls', '2526/tls'],
      /logged in/,
    ],
    [
      'only implicit TLS proven: it comes before the untested STARTTLS on the same port',
      live(plaintext(2525), [{ port: 2526, security: 'tls', until: { connected: true } }]),
      ['2526/tls', '2525/starttls'],
    ],
    [
      'nothing probed: STARTTLS on the same port, said to be untested',
      live(plaintext(2525)),
      ['2525/starttls'],
      /did not test/,
    ],
    [
      'STARTTLS on the same port tried and refused: not offered blindly',
      live(plaintext(2525), [
        { port: 2525, security: 'starttls', until: { starttls: '454 4.7.0 TLS not available due to local problem' } },
        { port: 465, security: 'tls', until: { connected: true } },
      ]),
      ['465/tls'],
    ],
    [
      'no STARTTLS offered, implicit TLS proven elsewhere: the proven port, not the generic advice',
      live(plaintext(2525, false), [{ port: 2526, security: 'tls', until: { connected: true } }]),
      ['2526/tls'],
    ],
  ];
  for (const [what, evidence, expected, wording] of table)
    test(`auth-offer: ${what}`, () => {
      assert.deepEqual(settingsOf(evidence), expected);
      if (wording) assert.match(authOffer.run(buildContext(evidence))[0]?.finding.fixes[0]?.text ?? '', wording);
    });
});

test('auth-offer: STARTTLS-first advice in the words of the client that printed the error', () => {
  const phpmailer = pasted([EHLO_STARTTLS_NO_AUTH, pythonNoAuth], {
    client: { client: 'phpmailer', quote: 'PHPMailer' },
  });
  const [found] = authOffer.run(buildContext(phpmailer));
  assert.deepEqual(
    found?.finding.fixes.map((f) => f.text),
    [
      "Turn on STARTTLS in the client (PHPMailer: SMTPSecure = 'tls', i.e. PHPMailer::ENCRYPTION_STARTTLS), so it sends EHLO again and then AUTH.",
      "Or use implicit TLS on port 465 (PHPMailer: SMTPSecure = 'ssl').",
    ],
  );
  const [unknown] = authOffer.run(buildContext(pasted([EHLO_STARTTLS_NO_AUTH, pythonNoAuth])));
  assert.match(
    unknown?.finding.fixes[0]?.text ?? '',
    /nodemailer: secure: false and no ignoreTLS; Python: starttls\(\) then ehlo\(\) before login\(\)/,
  );
});

test('auth-offer: the evidence is the session’s own line and the capabilities, stated once', () => {
  const [found] = authOffer.run(buildContext(live({ port: 25, security: 'starttls', after: caps([]), until: noAuth })));
  assert.deepEqual(
    found?.finding.evidence.map((q) => `${q.source}: ${q.text}`),
    ['transcript: the server offers no AUTH here', 'transcript: EHLO capabilities: PIPELINING 8BITMIME'],
  );
  const [fromText] = authOffer.run(buildContext(pasted([EHLO_STARTTLS_NO_AUTH, pythonNoAuth])));
  assert.deepEqual(
    fromText?.finding.evidence.map((q) => `${q.source}: ${q.text}`),
    ['pasted: SMTP AUTH extension not supported by server.', 'pasted: EHLO capabilities: PIPELINING STARTTLS'],
  );
});
