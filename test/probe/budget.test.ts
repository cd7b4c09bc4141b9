// Lockout budget: the ceiling on failed logins, the replies that stop every further attempt (read through the knowledge
// base), and the refusals that justify another mechanism.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { FindingId } from '../../src/model/finding.js';
import { shapeOf } from '../../src/model/secret.js';
import type { AuthRecord } from '../../src/model/session.js';
import {
  anotherMechanismMayHelp,
  AttemptBudget,
  stopSignal,
  type StopContext,
  type StopSignal,
} from '../../src/probe/budget.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';

function auth(result: AuthRecord['result'], reply?: string, mechanism = 'PLAIN'): AuthRecord {
  const parsed = reply ? parseReplyText(`${reply.split('\n').join('\r\n')}\r\n`) : null;
  if (reply) assert.ok(parsed, `not a reply: ${reply}`);
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
const APP_PASSWORD = shapeOf('abcdefghijklmnop', 'password');

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

test('budget: a context given as a function is asked for only when a refusal is read, and then applies', () => {
  let asked = 0;
  const budget = new AttemptBudget(2, () => {
    asked += 1;
    return { secret: ASCII };
  });
  budget.record(auth('accepted', '235 2.7.0 ok'));
  budget.record(undefined);
  assert.equal(asked, 0);
  // Gmail's wording stops only with the secret's shape known (an account password where an app password is needed).
  budget.record(
    auth(
      'rejected',
      '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials',
    ),
  );
  assert.equal(asked, 1);
  assert.equal(budget.stopped?.finding, 'app-password-required');
});

/** What a stop must say: its kind, and the finding and known reply that read the reply. */
interface Stop {
  kind: StopSignal['kind'];
  finding: FindingId;
  signature: string;
}

/**
 * Replies about the account's state or the server's throttle: no attempt of any kind may follow, and the stop names
 * the knowledge that says so.
 */
const STOPS: [name: string, reply: string, stop: Stop][] = [
  [
    '454 temporary failure',
    '454 4.7.0 Temporary authentication failure',
    { kind: 'transient', finding: 'auth-temporary-failure', signature: 'rfc.temporary-auth-failure' },
  ],
  [
    '421 closing',
    '421 4.7.0 Try again later, closing connection',
    { kind: 'transient', finding: 'auth-temporary-failure', signature: 'rfc.auth-closing' },
  ],
  [
    '432 password transition',
    '432 4.7.12 A password transition is needed',
    { kind: 'transient', finding: 'mechanism-unsupported', signature: 'rfc.password-transition' },
  ],
  [
    '454 "too many" (Gmail’s throttle, without its host)',
    '454 4.7.0 Too many login attempts, please try again later.',
    { kind: 'transient', finding: 'rate-limited', signature: 'rfc.too-many' },
  ],
  [
    '525 disabled',
    '525 5.7.13 User Account Disabled',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-disabled' },
  ],
  [
    '5.7.13 under another code',
    '535 5.7.13 Account disabled',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' },
  ],
  [
    'Google’s app-password reply',
    '534 5.7.9 Application-specific password required.',
    { kind: 'account-level', finding: 'app-password-required', signature: 'google.app-password-required' },
  ],
  [
    'Google’s web-login reply',
    '534 5.7.14 Please log in via your web browser and then try again.',
    { kind: 'account-level', finding: 'web-login-required', signature: 'google.signin-blocked' },
  ],
  [
    'Microsoft 5.7.139, SMTP AUTH off for the tenant',
    '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
    { kind: 'account-level', finding: 'smtp-auth-disabled', signature: 'microsoft365.smtp-auth-disabled-tenant' },
  ],
  [
    'Microsoft 5.7.139 with a reason it does not know yet',
    '535 5.7.139 Authentication unsuccessful, something new',
    {
      kind: 'account-level',
      finding: 'basic-auth-disabled',
      signature: 'microsoft365.authentication-unsuccessful-5.7.139',
    },
  ],
  [
    'Microsoft’s basic-auth retirement (550 5.7.30)',
    '550 5.7.30 Basic authentication is not supported for Client Submission.',
    { kind: 'account-level', finding: 'basic-auth-disabled', signature: 'microsoft365.basic-auth-retired' },
  ],
  [
    'Yahoo’s AUTH005: its words name a throttle, whatever its code-level reading',
    '535 5.7.0 (#AUTH005) Too many bad auth attempts.',
    { kind: 'account-level', finding: 'app-password-required', signature: 'yahoo.auth005' },
  ],
  [
    'a Postfix refusal whose text names the account’s state after its own prefix',
    '535 5.7.8 Error: authentication failed: account suspended',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' },
  ],
];

/**
 * Every wording the budget's old regex stopped on (too many, rate limit, try again later, locked, suspended, disabled,
 * deactivated, blocked, web browser, log/sign in via, application-specific password, app password), in a refusal
 * from a server without a signature of its own: each still stops, now because a generic signature reads it.
 */
const OLD_WORDINGS: [reply: string, stop: Stop][] = [
  [
    '535 5.7.8 Too many login attempts',
    { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' },
  ],
  [
    '535 Authentication failed: too many attempts',
    { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' },
  ],
  ['535 Rate limit exceeded', { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' }],
  [
    '534 5.7.9 Ratelimit reached for this account',
    { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' },
  ],
  [
    '535 5.7.8 Please try again later',
    { kind: 'account-level', finding: 'auth-temporary-failure', signature: 'rfc.login-try-later' },
  ],
  [
    '535 5.7.8 Account locked, contact your administrator',
    { kind: 'account-level', finding: 'account-locked', signature: 'microsoft365.account-locked' },
  ],
  [
    '535 5.7.8 This account is locked',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' },
  ],
  [
    '535 5.7.0 Your account has been suspended',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' },
  ],
  ['535 5.7.8 User disabled', { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' }],
  [
    '535 5.7.8 Account deactivated',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' },
  ],
  [
    '535 5.7.8 Login blocked for this user',
    { kind: 'account-level', finding: 'account-locked', signature: 'rfc.account-state' },
  ],
  [
    '535 5.7.8 Please sign in with your web browser first',
    { kind: 'account-level', finding: 'web-login-required', signature: 'rfc.web-login-required' },
  ],
  [
    '535 5.7.8 Log in via webmail to confirm this device',
    { kind: 'account-level', finding: 'web-login-required', signature: 'rfc.web-login-required' },
  ],
  [
    '534 5.7.8 Sign in via the account page first',
    { kind: 'account-level', finding: 'web-login-required', signature: 'rfc.web-login-required' },
  ],
  [
    '535 5.7.8 An application-specific password is needed',
    { kind: 'account-level', finding: 'app-password-required', signature: 'rfc.app-password-required' },
  ],
  [
    '535 5.7.8 Please use an app password',
    { kind: 'account-level', finding: 'app-password-required', signature: 'rfc.app-password-required' },
  ],
];

/** Throttle wordings met on hostile and ordinary servers (issue 13): each stops, and reads as a throttle or a hold. */
const THROTTLE_WORDINGS: [reply: string, stop: Stop][] = [
  [
    '535 5.7.8 Authentication throttled: maximum number of attempts exceeded, retry in 10 minutes',
    { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' },
  ],
  [
    '535 5.7.8 Error: authentication failed: Authentication throttled: maximum number of attempts exceeded, retry in 10 minutes',
    { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' },
  ],
  [
    '535 5.7.8 Maximum number of login attempts exceeded',
    { kind: 'account-level', finding: 'rate-limited', signature: 'rfc.login-throttled' },
  ],
  [
    '535 5.7.0 Authentication failed, retry in 10 minutes',
    { kind: 'account-level', finding: 'auth-temporary-failure', signature: 'rfc.login-try-later' },
  ],
  [
    '454 4.7.0 Authentication throttled: maximum number of attempts exceeded, retry in 10 minutes',
    { kind: 'transient', finding: 'rate-limited', signature: 'rfc.too-many' },
  ],
];

for (const [name, reply, stop] of [
  ...STOPS,
  ...[...OLD_WORDINGS, ...THROTTLE_WORDINGS].map(([reply, stop]): [string, string, Stop] => [
    `"${reply}"`,
    reply,
    stop,
  ]),
]) {
  test(`budget: ${name} stops every further attempt whatever is left, read as ${stop.finding} (${stop.signature})`, () => {
    const budget = new AttemptBudget(5);
    budget.record(auth('rejected', reply));
    assert.equal(budget.canAttempt(), false);
    const { kind, finding, signature, codes } = budget.stopped ?? {};
    assert.deepEqual({ kind, finding, signature }, stop);
    assert.equal(codes, /^\d{3}(?: [245]\.\d{1,3}\.\d{1,3}(?= ))?/.exec(reply)?.[0], 'the codes of the reply');
    assert.equal(anotherMechanismMayHelp(auth('rejected', reply), NON_ASCII), undefined);
  });
}

/** Verdicts on what was sent: no stop signal, so the budget alone decides what may follow. */
const NO_STOPS: [name: string, record: AuthRecord, context: StopContext][] = [
  ['the RFC wording of a wrong password', auth('rejected', '535 5.7.8 Authentication credentials invalid'), {}],
  ['Postfix’s wrong password', auth('rejected', '535 5.7.8 Error: authentication failed: authentication failure'), {}],
  ['Exim’s wrong password', auth('rejected', '535 Incorrect authentication data'), {}],
  ['Dovecot’s wrong password', auth('rejected', '535 5.7.8 Authentication failed.'), {}],
  [
    'Microsoft’s wrong password (its 5.7.139 catch-all reads only what nothing else reads)',
    auth('rejected', '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.'),
    {},
  ],
  [
    'Exchange’s 5.7.3, a verdict on the credentials by its knowledge',
    auth('rejected', '535 5.7.3 Authentication unsuccessful'),
    {},
  ],
  [
    'Gmail’s refusal of an app password (the shape says it is one: a wrong or revoked app password)',
    auth(
      'rejected',
      '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials',
    ),
    { secret: APP_PASSWORD },
  ],
  [
    '534 by the RFC: another, stronger mechanism',
    auth('rejected', '534 5.7.9 Authentication mechanism is too weak'),
    {},
  ],
  [
    'a refusal of the mechanism, whatever its words (nothing was judged)',
    auth('rejected', '504 5.5.4 Mechanism blocked here'),
    {},
  ],
  [
    'Dovecot’s "plaintext authentication disabled": about TLS, not the account',
    auth('rejected', '523 5.7.10 Plaintext authentication disabled.'),
    {},
  ],
  ['a connection lost during AUTH (no reply)', auth('failed'), {}],
];
for (const [name, record, context] of NO_STOPS) {
  test(`budget: ${name} is no stop signal`, () => {
    assert.equal(stopSignal(record, context), undefined);
    const budget = new AttemptBudget(2, context);
    budget.record(record);
    assert.equal(budget.stopped, undefined);
    assert.equal(budget.canAttempt(), true);
  });
}

test('budget: Gmail’s refusal of an account password stops (the provider wants an app password)', () => {
  const record = auth(
    'rejected',
    '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials',
  );
  assert.equal(stopSignal(record, { secret: ASCII })?.finding, 'app-password-required');
  assert.equal(stopSignal(record, { secret: APP_PASSWORD }), undefined);
});

test('budget: a provider-only reading applies once the provider is recognised', () => {
  // GMX words its "SMTP access is off" like the RFC's wrong password: only a recognised GMX reads it so.
  const record = auth('rejected', '535 Authentication credentials invalid');
  assert.equal(stopSignal(record), undefined);
  assert.equal(stopSignal(record, { providers: ['gmx'] })?.finding, 'smtp-auth-disabled');
});

test('budget: a plain refusal is no stop signal (the budget decides), but no reason to try another mechanism', () => {
  const refused = auth('rejected', '535 5.7.8 Authentication credentials invalid');
  assert.equal(stopSignal(refused), undefined);
  assert.equal(anotherMechanismMayHelp(refused, ASCII), undefined);
});

/** Replies a run can meet, stopping and not: whatever their order, the ceiling holds and a stop ends the run. */
const REPLY_POOL: [reply: string | undefined, stops: boolean][] = [
  ['535 5.7.8 Authentication credentials invalid', false],
  ['504 5.5.4 Unrecognized authentication type', false],
  ['501 5.5.2 Cannot decode response', false],
  [undefined, false],
  ['454 4.7.0 Temporary authentication failure', true],
  ['535 5.7.8 Too many login attempts', true],
  ['534 5.7.9 Application-specific password required.', true],
];

test('budget: never more failed logins than allowed, and none after a stop, whatever the replies', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10 }),
      fc.array(fc.constantFrom(...REPLY_POOL), { maxLength: 20 }),
      (allowed, replies) => {
        const budget = new AttemptBudget(allowed);
        let made = 0;
        let stopped = false;
        for (const [reply, stops] of replies) {
          if (!budget.canAttempt()) break;
          assert.equal(stopped, false, 'an attempt after a stop');
          made += 1;
          budget.record(auth(reply === undefined ? 'failed' : 'rejected', reply));
          stopped ||= stops;
        }
        assert.ok(made <= allowed, `${made} attempts with ${allowed} allowed`);
        assert.equal(budget.failed, made);
        if (stopped) assert.equal(budget.canAttempt(), false);
      },
    ),
  );
});

test('budget: Yahoo’s AUTH005 stops an app password too: its words say "too many"', () => {
  const record = auth('rejected', '535 5.7.0 (#AUTH005) Too many bad auth attempts.');
  const stop = stopSignal(record, { secret: APP_PASSWORD });
  assert.deepEqual([stop?.finding, stop?.signature], ['rate-limited', 'rfc.login-throttled']);
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
