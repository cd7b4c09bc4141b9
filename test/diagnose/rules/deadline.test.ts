// deadline rule: the check's own --deadline left no time for the login — said as a finding, never blamed on the server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnose } from '../../../src/diagnose/index.js';
import { deadline } from '../../../src/diagnose/rules/deadline.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { Phase } from '../../../src/model/transcript.js';
import { verdictOf } from '../../../src/report/create.js';
import { caps, failure, live, secret } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const credentials = { username: 'alice@example.org', secret: secret('correct horse') };
/** --security auto: discovery reached EHLO over TLS on 587, and the login there had no time left. */
const discovered = {
  port: 587,
  security: 'starttls' as const,
  after: caps(['PLAIN', 'LOGIN']),
  until: { connected: true as const },
};
const autoOutOfTime = (extra: Partial<Evidence> = {}): Evidence =>
  live(discovered, [], { credentials, deadline: { ms: 60_000, notStarted: ['configured'] }, ...extra });

export const cases: RuleCase[] = [
  [
    'auto: discovery used the whole deadline, the login with the settings found never started',
    autoOutOfTime(),
    [
      {
        id: 'connection-timeout',
        detail: 'deadline',
        severity: 'error',
        confidence: 'high',
        fixes: ['deadline.raise'],
        deadEnds: ['change-password'],
        says: /^The check’s deadline \(60 s\) was reached before the login was tried[^]*the login with your settings[^]*not a refusal by the server/,
      },
    ],
  ],
  [
    'the user’s settings failed on the port, and the login on the port that answered had no time left: said after them',
    live(
      { port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } },
      [{ port: 465, security: 'tls', after: caps(['PLAIN']), until: { connected: true } }],
      { credentials, deadline: { ms: 20_000, notStarted: ['login-elsewhere'] } },
    ),
    [{ id: 'connection-timeout', detail: 'deadline', says: /\(20 s\)[^]*the login on the port that answered/ }],
  ],
  [
    'a login judged (refused) and the retry with another mechanism left unstarted: the refusal is the answer',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [], {
      credentials,
      deadline: { ms: 60_000, notStarted: ['mechanism-retry'] },
    }),
    [],
  ],
  ['no credentials given: no login was ever to be tried', autoOutOfTime({ credentials: undefined }), []],
  ['every session started: nothing to say', live(discovered, [], { credentials }), []],
  [
    'the user’s --deadline of 5 ms ran out during EHLO: named as theirs, never an overloaded server',
    ownLimit('ehlo', 'deadline', { deadline: { ms: 5, userSet: true } }),
    [
      {
        id: 'connection-timeout',
        detail: 'deadline',
        confidence: 'high',
        fixes: ['deadline.raise'],
        deadEnds: ['change-password'],
        says: /^Your --deadline of 5 ms ran out while waiting for the reply to EHLO[^]*the limit you set with --deadline 5,[^]*not the server failing[^]*less than any SMTP session needs/,
      },
    ],
  ],
  [
    'the default deadline ran out during AUTH: the check stopped waiting, which says nothing about the server',
    ownLimit('auth', 'deadline'),
    [
      {
        id: 'connection-timeout',
        detail: 'deadline',
        says: /^The check’s deadline \(60 s\) ran out during the login[^]*its default/,
      },
    ],
  ],
  [
    'the user’s --timeout of 30 ms ran out at the greeting: too short for any server, and raising it is the fix',
    ownLimit('greeting', 'phase', { timeout: { ms: 30, userSet: true } }),
    [
      {
        id: 'connection-timeout',
        detail: 'own-timeout',
        confidence: 'high',
        fixes: ['deadline.raise-timeout'],
        deadEnds: ['change-password'],
        says: /^Your --timeout of 30 ms is too short: it ran out while waiting for the greeting[^]*the default is 15 s/,
      },
    ],
  ],
  [
    'the default timeout ran out at the greeting: the server’s silence, the greeting rule’s to explain',
    ownLimit('greeting', 'phase'),
    [],
  ],
  [
    'a --timeout of 5 s the user set ran out: long enough to be no mistake by itself, the greeting rule explains it',
    ownLimit('greeting', 'phase', { timeout: { ms: 5000, userSet: true } }),
    [],
  ],
];

/** The configured session timed out in `phase` on the phase timeout or the run's deadline, with these limits. */
function ownLimit(
  phase: Phase,
  limit: 'phase' | 'deadline',
  limits: Partial<NonNullable<Evidence['limits']>> = {},
): Evidence {
  const timeout = {
    kind: 'timeout' as const,
    phase,
    afterMs: limit === 'deadline' ? 0 : (limits.timeout?.ms ?? 15_000),
    limit,
  };
  return live(
    { host: 'mail.example.org', port: 587, security: 'starttls', after: caps(['PLAIN']), until: { failed: timeout } },
    [],
    {
      credentials,
      limits: {
        timeout: limits.timeout ?? { ms: 15_000, userSet: false },
        deadline: limits.deadline ?? { ms: 60_000, userSet: false },
      },
    },
  );
}

testRule(deadline, cases);

test('deadline: alone in the report, it is the root finding and the verdict is fail (exit 1), not inconclusive', () => {
  const findings = diagnose(autoOutOfTime());
  const [first] = findings;
  assert.equal(first?.id, 'connection-timeout');
  assert.equal(first.detail, 'deadline');
  assert.equal(verdictOf(findings), 'fail');
  assert.match(first.fixes[0]?.text ?? '', /--deadline 120000 \(this run had 60 s\)/);
});

describe('deadline: the user’s own limits are never blamed on the server (issue 14)', () => {
  const cases: [string, Evidence, string][] = [
    [
      '--timeout 30 while connecting',
      ownLimit('connect', 'phase', { timeout: { ms: 30, userSet: true } }),
      'own-timeout',
    ],
    ['--timeout 30 during TLS', ownLimit('tls', 'phase', { timeout: { ms: 30, userSet: true } }), 'own-timeout'],
    [
      '--timeout 30 at the greeting',
      ownLimit('greeting', 'phase', { timeout: { ms: 30, userSet: true } }),
      'own-timeout',
    ],
    ['--timeout 30 at EHLO', ownLimit('ehlo', 'phase', { timeout: { ms: 30, userSet: true } }), 'own-timeout'],
    ['--deadline 5 at EHLO', ownLimit('ehlo', 'deadline', { deadline: { ms: 5, userSet: true } }), 'deadline'],
    [
      '--deadline 5 at the greeting',
      ownLimit('greeting', 'deadline', { deadline: { ms: 5, userSet: true } }),
      'deadline',
    ],
    ['the default deadline during AUTH', ownLimit('auth', 'deadline'), 'deadline'],
  ];
  for (const [what, evidence, detail] of cases)
    test(`deadline: ${what} — the limit is the one finding, with no server fault and no "raising the timeout won't help"`, () => {
      const findings = diagnose(evidence);
      assert.deepEqual(
        findings.map((f) => `${f.id}/${f.detail ?? ''}`),
        [`connection-timeout/${detail}`],
      );
      // What the server-blaming readings say (connection-lost, network, greeting), and their "won't help" dead end.
      assert.doesNotMatch(JSON.stringify(findings), /Overloaded servers|firewall drops|slow to greet|0\.0 s/);
      assert.ok(!findings.some((f) => f.deadEnds.some((d) => d.id === 'raise-timeout')));
    });

  test('deadline: a --timeout of 5 s the user set ran out connecting — named as theirs, raising it is a fix, not a dead end', () => {
    const [first] = diagnose(ownLimit('connect', 'phase', { timeout: { ms: 5000, userSet: true } }));
    assert.equal(first?.id, 'connection-timeout');
    assert.ok(first.evidence.some((q) => /the limit that ran out was yours: --timeout 5000 \(5 s/.test(q.text)));
    assert.ok(!first.deadEnds.some((d) => d.id === 'raise-timeout'), JSON.stringify(first.deadEnds));
    assert.ok(first.fixes.some((f) => f.id === 'deadline.raise-timeout'));
  });

  test('deadline: the default timeout ran out connecting — dropped packets, and raising the timeout stays a dead end', () => {
    const [first] = diagnose(ownLimit('connect', 'phase'));
    assert.equal(first?.id, 'connection-timeout');
    assert.ok(first.deadEnds.some((d) => d.id === 'raise-timeout'));
    assert.ok(!first.evidence.some((q) => /was yours/.test(q.text)));
  });

  test('deadline: a --timeout of 5 s the user set ran out at the greeting — the greeting finding says it was theirs', () => {
    const [first] = diagnose(ownLimit('greeting', 'phase', { timeout: { ms: 5000, userSet: true } }));
    assert.equal(first?.id, 'greeting-timeout');
    assert.ok(first.evidence.some((q) => /was yours: --timeout 5000/.test(q.text)));
    assert.doesNotMatch(first.title, /0\.0 s/);
  });
});

test('deadline: a plaintext client on 465 whose --timeout of 30 ms ran out at the greeting — the limit, not a guessed TLS mode', () => {
  const evidence = live(
    {
      host: 'mail.example.org',
      port: 465,
      security: 'starttls',
      until: { failed: { kind: 'timeout', phase: 'greeting', afterMs: 30, limit: 'phase' } },
    },
    [],
    { credentials, limits: { timeout: { ms: 30, userSet: true }, deadline: { ms: 60_000, userSet: false } } },
  );
  assert.deepEqual(
    diagnose(evidence).map((f) => `${f.id}/${f.detail ?? ''}`),
    ['connection-timeout/own-timeout'],
  );
});

test('deadline: a --timeout of 2 s that another session of this server needed nearly all of is too tight: the limit, and raising it', () => {
  const evidence = live(
    {
      host: 'mail.example.org',
      port: 587,
      security: 'starttls',
      until: { failed: { kind: 'timeout', phase: 'greeting', afterMs: 2000, limit: 'phase' } },
    },
    [{ host: 'mail.example.org', port: 465, security: 'tls', after: caps(['PLAIN']), until: { connected: true } }],
    { credentials, limits: { timeout: { ms: 2000, userSet: true }, deadline: { ms: 60_000, userSet: false } } },
  );
  const greeting = evidence.sessions[1]?.record.steps.find((s) => s.step === 'greeting');
  assert.ok(greeting);
  greeting.durationMs = 1900;
  const [first, ...rest] = diagnose(evidence);
  assert.deepEqual([first?.id, first?.detail], ['connection-timeout', 'own-timeout']);
  assert.match(first?.summary ?? '', /the same step took 1\.9 s/);
  assert.match(first?.fixes[0]?.text ?? '', /--timeout 20000/);
  assert.ok(!rest.some((f) => f.id === 'greeting-timeout'));
});
