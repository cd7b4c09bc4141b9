import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthRecord } from '../../src/model/session.js';
import { AttemptBudget } from '../../src/probe/budget.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';

function auth(result: AuthRecord['result'], reply?: string): AuthRecord {
  const parsed = reply ? parseReplyText(reply) : null;
  return {
    mechanism: 'PLAIN',
    offered: true,
    initialResponse: true,
    challenges: 0,
    result,
    ...(parsed ? { reply: parsed } : {}),
  };
}

test('budget: one failed login by default uses it up', () => {
  const budget = new AttemptBudget(1);
  assert.equal(budget.canAttempt(), true);
  budget.record(auth('rejected', '535 5.7.8 Authentication credentials invalid'));
  assert.equal(budget.failed, 1);
  assert.equal(budget.canAttempt(), false);
});

test('budget: an accepted login costs nothing', () => {
  const budget = new AttemptBudget(1);
  budget.record(auth('accepted', '235 2.7.0 ok'));
  assert.equal(budget.canAttempt(), true);
});

const stops = [
  '454 4.7.0 Temporary authentication failure',
  '421 4.7.0 Try again later, closing connection',
  '535 5.7.8 Too many login attempts',
];
for (const reply of stops) {
  test(`budget: ${reply.slice(0, 3)} "${reply.slice(10, 40)}" stops every further attempt whatever is left`, () => {
    const budget = new AttemptBudget(5);
    budget.record(auth('rejected', reply));
    assert.equal(budget.canAttempt(), false);
    assert.ok(budget.stopped);
  });
}

test('budget: zero allows no login at all', () => {
  assert.equal(new AttemptBudget(0).canAttempt(), false);
});
