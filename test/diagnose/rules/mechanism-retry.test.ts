// mechanism-retry rule: one mechanism refused the credentials another accepted on the same endpoint — the mechanism's fault.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { mechanismRetry } from '../../../src/diagnose/rules/mechanism-retry.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { live, observe, pasted, secret, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const REFUSED = '535 5.7.8 Authentication credentials invalid';
const ACCEPTED = '235 2.7.0 Authentication successful';
const plainRefused: SessionSpec = { port: 587, security: 'starttls', until: { auth: REFUSED } };
const loginAccepted: SessionSpec = { port: 587, security: 'starttls', until: { auth: ACCEPTED, mechanism: 'LOGIN' } };

function withSecret(evidence: Evidence, value: string, mechanism?: string): Evidence {
  return {
    ...evidence,
    credentials: { username: 'alice@example.org', secret: secret(value) },
    ...(mechanism !== undefined ? { target: { mechanism } } : {}),
  };
}

export const cases: RuleCase[] = [
  [
    'PLAIN refused and LOGIN accepted with a non-ASCII password: the character set, and an ASCII password helps',
    withSecret(live(plainRefused, [loginAccepted]), 'pässword'),
    [
      {
        id: 'mechanism-unsupported',
        detail: 'refused-credentials',
        confidence: 'high',
        settings: { mechanism: 'LOGIN' },
        fixes: ['mechanism-retry.use-accepted', 'mechanism-retry.ascii-password'],
        deadEnds: ['hunt-for-typo'],
        says: /^PLAIN refused these credentials; LOGIN accepted them[^]*tried first[^]*PLAIN sends as UTF-8/,
      },
    ],
  ],
  [
    'an ASCII password: the server’s back end for one mechanism, no ASCII advice',
    withSecret(live(plainRefused, [loginAccepted]), 'password'),
    [
      {
        id: 'mechanism-unsupported',
        fixes: ['mechanism-retry.use-accepted'],
        says: /back end for one of them is misconfigured/,
        neverSays: /UTF-8/,
      },
    ],
  ],
  [
    'the mechanism the user chose is said to be theirs',
    withSecret(live(plainRefused, [loginAccepted]), 'password', 'PLAIN'),
    [{ id: 'mechanism-unsupported', says: /\(the mechanism you chose\)/ }],
  ],
  [
    'accepted on another port is not the same endpoint: nothing to say',
    live(plainRefused, [{ port: 465, security: 'tls', until: { auth: ACCEPTED, mechanism: 'LOGIN' } }]),
    [],
  ],
  [
    'the same mechanism accepted on a retry is no mechanism problem',
    live(plainRefused, [{ port: 587, security: 'starttls', until: { auth: ACCEPTED } }]),
    [],
  ],
  [
    'a temporary refusal (454) followed by a login is not a refusal of the credentials',
    live({ port: 587, security: 'starttls', until: { auth: '454 4.7.0 Temporary authentication failure' } }, [
      loginAccepted,
    ]),
    [],
  ],
  ['the configured login worked: nothing to say', live(loginAccepted), []],
  [
    'pasted text never has two logins of smtp-doctor’s own',
    pasted([observe.reply(REFUSED, 'auth'), observe.reply(ACCEPTED, 'auth')]),
    [],
  ],
];

testRule(mechanismRetry, cases);

test('mechanism-retry: the client advice names the accepted mechanism in each common client’s words', () => {
  const [found] = mechanismRetry.run(buildContext(live(plainRefused, [loginAccepted])));
  assert.equal(
    found?.finding.fixes[0]?.text,
    "Make your client use LOGIN (nodemailer: authMethod: 'LOGIN'; PHPMailer: AuthType = 'LOGIN'; curl: --login-options AUTH=LOGIN).",
  );
  assert.deepEqual(
    found.finding.evidence.map((q) => q.text),
    [REFUSED, ACCEPTED, 'the same credentials with LOGIN on mail.example.org:587 (STARTTLS)'],
  );
  assert.equal(found.finding.deadEnds[0]?.why, 'the server accepted both with LOGIN.');
});
