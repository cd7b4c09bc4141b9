// deadline rule: the check's own --deadline left no time for the login — said as a finding, never blamed on the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../../src/diagnose/index.js';
import { deadline } from '../../../src/diagnose/rules/deadline.js';
import type { Evidence } from '../../../src/model/evidence.js';
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
];

testRule(deadline, cases);

test('deadline: alone in the report, it is the root finding and the verdict is fail (exit 1), not inconclusive', () => {
  const findings = diagnose(autoOutOfTime());
  const [first] = findings;
  assert.equal(first?.id, 'connection-timeout');
  assert.equal(first.detail, 'deadline');
  assert.equal(verdictOf(findings), 'fail');
  assert.match(first.fixes[0]?.text ?? '', /--deadline 120000 \(this run had 60000 ms\)/);
});
