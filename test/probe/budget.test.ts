import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shapeOf } from '../../src/model/secret.js';
import type { AuthRecord } from '../../src/model/session.js';
import { anotherMechanismMayHelp, AttemptBudget, stopSignal } from '../../src/probe/budget.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';

function auth(result: AuthRecord['result'], reply?: string, mechanism = 'PLAIN'): AuthRecord {
  const parsed = reply ? parseReplyText(reply) : null;
  return {
    mechanism,
    offered: true,
    initialResponse: true,
    challenges: 0,
    result,
    ...(parsed ? { reply: parsed } : {}),
  };
}

const ASCII = shapeOf('wrong horse', 'password');
const NON_ASCII = shapeOf('wröng horse', 'password');

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

/** Replies about the account's state or the server's throttle: no attempt of any kind may follow. */
const STOPS: [name: string, reply: string][] = [
  ['454 temporary failure', '454 4.7.0 Temporary authentication failure'],
  ['421 closing', '421 4.7.0 Try again later, closing connection'],
  ['432 password transition', '432 4.7.12 A password transition is needed'],
  ['"too many" in a 535', '535 5.7.8 Too many login attempts'],
  ['525 disabled', '525 5.7.13 User Account Disabled'],
  ['5.7.13 under another code', '535 5.7.13 Account disabled'],
  ['"locked" in a 535', '535 5.7.8 Account locked, contact your administrator'],
  ['"suspended" in a 535', '535 5.7.0 Your account has been suspended'],
  ['534 application-specific password', '534 5.7.9 Application-specific password required.'],
  ['534 web login', '534 5.7.14 Please log in via your web browser and then try again.'],
  [
    'Microsoft 5.7.139',
    '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
  ],
  ['Microsoft 5.7.3', '535 5.7.3 Authentication unsuccessful'],
];
for (const [name, reply] of STOPS) {
  test(`budget: ${name} stops every further attempt whatever is left`, () => {
    const budget = new AttemptBudget(5);
    budget.record(auth('rejected', reply));
    assert.equal(budget.canAttempt(), false);
    assert.ok(budget.stopped);
    assert.equal(anotherMechanismMayHelp(auth('rejected', reply), NON_ASCII), undefined);
  });
}

test('budget: a plain refusal is no stop signal (the budget decides), but no reason to try another mechanism', () => {
  const refused = auth('rejected', '535 5.7.8 Authentication credentials invalid');
  assert.equal(stopSignal(refused), undefined);
  assert.equal(anotherMechanismMayHelp(refused, ASCII), undefined);
});

/** Refusals another mechanism could turn around, and ones it could not. */
const MECHANISM_CASES: [name: string, record: AuthRecord, shape: typeof ASCII, retry: boolean][] = [
  ['504 mechanism not supported', auth('rejected', '504 5.5.4 Unrecognized authentication type'), ASCII, true],
  ['501 cannot decode the answer', auth('rejected', '501 5.5.2 Cannot decode response'), ASCII, true],
  ['538 encryption required for this mechanism', auth('rejected', '538 5.7.11 Encryption required'), ASCII, true],
  [
    'an exchange we cancelled (a LOGIN prompt we could not follow)',
    auth('cancelled', '501 cancelled', 'LOGIN'),
    ASCII,
    true,
  ],
  ['535 for a non-ASCII secret', auth('rejected', '535 5.7.8 Authentication failed'), NON_ASCII, true],
  ['535 to CRAM-MD5', auth('rejected', '535 5.7.8 Authentication failed', 'CRAM-MD5'), ASCII, true],
  ['535 for an ASCII secret over PLAIN', auth('rejected', '535 5.7.8 Authentication failed'), ASCII, false],
  ['535 for an ASCII secret over LOGIN', auth('rejected', '535 5.7.8 Authentication failed', 'LOGIN'), ASCII, false],
  ['a connection lost during AUTH', auth('failed'), NON_ASCII, false],
  [
    '534 5.7.9 even for a non-ASCII secret',
    auth('rejected', '534 5.7.9 Application-specific password required'),
    NON_ASCII,
    false,
  ],
];
for (const [name, record, shape, retry] of MECHANISM_CASES) {
  test(`budget: ${name} ${retry ? 'justifies' : 'does not justify'} another mechanism`, () => {
    assert.equal(anotherMechanismMayHelp(record, shape) !== undefined, retry);
  });
}

test('budget: zero allows no login at all', () => {
  assert.equal(new AttemptBudget(0).canAttempt(), false);
});
