// plaintext-login rule: a password or token that crossed the network without TLS, whatever the server then answered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { plaintextLogin } from '../../../src/diagnose/rules/plaintext-login.js';
import { live, observe, pasted, withClientLines } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const REFUSED = '535 5.7.8 Authentication credentials invalid';
const ACCEPTED = '235 2.7.0 Authentication successful';
const PLAIN_LINE = 'AUTH PLAIN [base64 of user "alice@example.org" and password: 14 characters, lowercase]';

export const cases: RuleCase[] = [
  [
    'a login accepted without TLS: it works, but the password crossed in the clear',
    live({ port: 587, security: 'none', until: { auth: ACCEPTED } }),
    [
      {
        id: 'credentials-sent-in-clear',
        severity: 'warning',
        confidence: 'high',
        origin: 'configured',
        fixes: ['plaintext-login.use-tls', 'plaintext-login.change-secret'],
        deadEnds: [],
        says: /^The login works, but the password was sent unencrypted[^]*the server then accepted the login/,
      },
    ],
  ],
  [
    'a wrong password refused without TLS: still sent, and the answer is named',
    withClientLines(live({ port: 2525, security: 'none', until: { auth: REFUSED } }), [{ secret: PLAIN_LINE }]),
    [
      {
        id: 'credentials-sent-in-clear',
        severity: 'warning',
        says: /^The password was sent unencrypted[^]*went to mail\.example\.org:2525 without TLS[^]*answered 535/,
      },
    ],
  ],
  [
    'a refusal recorded without the client lines (a trimmed saved report): PLAIN’s initial response carried it',
    live({ port: 2525, security: 'none', until: { auth: REFUSED } }),
    [{ id: 'credentials-sent-in-clear' }],
  ],
  [
    'a token sent without TLS is called a token',
    live({ port: 587, security: 'none', until: { auth: ACCEPTED, mechanism: 'XOAUTH2' } }),
    [{ id: 'credentials-sent-in-clear', says: /the token was sent unencrypted/, neverSays: /password/ }],
  ],
  [
    'LOGIN refused after the user name only: the password never left',
    withClientLines(live({ port: 2525, security: 'none', until: { auth: REFUSED, mechanism: 'LOGIN' } }), [
      'AUTH LOGIN',
      '[base64 of user "alice@example.org"]',
    ]),
    [],
  ],
  [
    'SCRAM-SHA-256 and DIGEST-MD5 send a proof, not the password (a record without the client lines)',
    live({ port: 2525, security: 'none', until: { auth: ACCEPTED, mechanism: 'SCRAM-SHA-256' } }),
    [],
  ],
  [
    'DIGEST-MD5 refused without TLS: the password never left either',
    live({ port: 2525, security: 'none', until: { auth: REFUSED, mechanism: 'DIGEST-MD5' } }),
    [],
  ],
  [
    'CRAM-MD5 sends a digest, not the password',
    withClientLines(live({ port: 2525, security: 'none', until: { auth: REFUSED, mechanism: 'CRAM-MD5' } }), [
      'AUTH CRAM-MD5',
      '[base64 of user "alice@example.org" and HMAC-MD5 digest]',
    ]),
    [],
  ],
  ['a refusal over STARTTLS', live({ port: 587, security: 'starttls', until: { auth: REFUSED } }), []],
  [
    'the TLS to use is the one proven, STARTTLS on the same port before another port',
    live({ port: 2525, security: 'none', until: { auth: '535 5.7.8 Authentication failed' } }, [
      { port: 465, security: 'tls', until: { connected: true } },
      { port: 2525, security: 'starttls', until: { connected: true } },
    ]),
    [
      {
        id: 'credentials-sent-in-clear',
        fixes: ['proven.use-endpoint', 'plaintext-login.change-secret'],
        settings: { port: 2525, security: 'starttls' },
      },
    ],
  ],
  [
    'a secret sent in the clear by smtp-doctor’s own login elsewhere in the run: reported from that session',
    live({ port: 587, security: 'starttls', until: { connected: true } }, [
      { port: 2525, security: 'none', until: { auth: REFUSED } },
    ]),
    [{ id: 'credentials-sent-in-clear', origin: 'alternative' }],
  ],
  [
    'pasted text: no session of smtp-doctor’s sent anything',
    pasted([observe.reply(ACCEPTED, 'auth')], { target: { security: 'none' } }),
    [],
  ],
];

testRule(plaintextLogin, cases);

test('plaintext-login: cites the AUTH line that carried the secret and the reply that followed', () => {
  const evidence = withClientLines(live({ port: 2525, security: 'none', until: { auth: REFUSED } }), [
    { secret: PLAIN_LINE },
  ]);
  const [found] = plaintextLogin.run(buildContext(evidence));
  assert.deepEqual(
    found?.finding.evidence.map((q) => q.text),
    [PLAIN_LINE, REFUSED],
  );
  assert.equal(found.finding.title, 'The password was sent unencrypted');
});

test('plaintext-login: without the line or a reply, smtp-doctor states what it sent and where', () => {
  const evidence = live({ port: 2525, security: 'none', until: { auth: REFUSED } });
  const auth = evidence.sessions[0]?.record.auth;
  if (auth) delete auth.reply;
  const [found] = plaintextLogin.run(buildContext(evidence));
  assert.deepEqual(found?.finding.evidence, [
    { text: 'PLAIN sent to mail.example.org:2525 without TLS', source: 'transcript', session: 0 },
  ]);
  assert.match(found.finding.summary, /the server then never answered\./);
});

test('plaintext-login: the proven TLS is named with how far smtp-doctor got there', () => {
  const [found] = plaintextLogin.run(
    buildContext(
      live({ port: 2525, security: 'none', until: { auth: REFUSED } }, [
        { port: 2525, security: 'starttls', until: { auth: ACCEPTED } },
      ]),
    ),
  );
  assert.equal(found?.finding.fixes[0]?.text, 'Use STARTTLS on port 2525: smtp-doctor logged in there.');
});
