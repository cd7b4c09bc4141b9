// lockout rule: repeated failed logins, and the temporary refusal no signature names after a failure — live and pasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { lockout } from '../../../src/diagnose/rules/lockout.js';
import type { Observation } from '../../../src/model/evidence.js';
import { live, observe, pasted } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const REFUSED = '535 5.7.8 Authentication credentials invalid';
const TEMPORARY = '454 4.7.0 Temporary authentication failure';
const GMAIL_454 = '454 4.7.0 Too many login attempts, please try again later. x - gsmtp';
const GMAIL_535 =
  '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp';
const gmail = { providerHints: [{ provider: 'google', by: 'host' as const, quote: 'smtp.gmail.com' }] };
const first = { port: 587, security: 'starttls' as const, until: { auth: REFUSED, mechanism: 'PLAIN' } };
const retry = (reply: string) => ({
  port: 587,
  security: 'starttls' as const,
  until: { auth: reply, mechanism: 'LOGIN' },
});

export const cases: RuleCase[] = [
  [
    'live: a 454 on the retry after a 535: the throttle, on the session that got it',
    live(first, [retry(TEMPORARY)]),
    [
      {
        id: 'rate-limited',
        detail: 'temporary-after-failures',
        confidence: 'medium',
        origin: 'alternative',
        fixes: ['lockout.stop-fix-then-once'],
        deadEnds: ['retry'],
        says: /temporary refusal \(454\)\. Several providers use 454 4\.7\.0 for their login throttle/,
      },
    ],
  ],
  [
    'live: a 421 that ends the retry after a 535 is the same throttle',
    live(first, [retry('421 4.7.0 Closing connection')]),
    [
      {
        id: 'rate-limited',
        detail: 'temporary-after-failures',
        says: /\(421\)\. Several providers use 421 \(closing the session\)/,
      },
    ],
  ],
  [
    'live: Gmail names its own throttle ("Too many login attempts"): the reply-signatures rule reports it',
    live({ host: 'smtp.gmail.com', ...first, until: { auth: GMAIL_535 } }, [
      { host: 'smtp.gmail.com', ...retry(GMAIL_454) },
    ]),
    [],
  ],
  ['live: a 454 without an earlier failure is no throttle', live(retry(TEMPORARY)), []],
  [
    'live: three failed logins counted by the run: a lockout risk',
    live(first, [], { attempts: { allowed: 3, failed: 3 } }),
    [
      {
        id: 'rate-limited',
        detail: 'lockout-risk',
        severity: 'warning',
        confidence: 'low',
        origin: 'configured',
        fixes: ['lockout.fix-then-once'],
        says: /^Repeated failed logins risk a lockout\n3 logins failed\. Providers count failures: Microsoft locks the account \(smart lockout\)/,
      },
    ],
  ],
  [
    'live: three refused sessions count without the run’s own count',
    live(first, [retry(REFUSED), { ...retry(REFUSED), port: 465, security: 'tls' }]),
    [{ id: 'rate-limited', detail: 'lockout-risk', says: /3 logins failed/ }],
  ],
  ['live: two failures are no lockout risk yet', live(first, [retry(REFUSED)]), []],
  [
    'pasted: a 454 after a 535 is the throttle too, read as in a live run',
    pasted([observe.reply(REFUSED, 'auth'), observe.reply(TEMPORARY, 'auth')]),
    [{ id: 'rate-limited', detail: 'temporary-after-failures', origin: 'configured', deadEnds: ['retry'] }],
  ],
  [
    'pasted: Gmail’s named throttle after its 535 is the signature’s, not an unnamed one',
    pasted([observe.reply(GMAIL_535, 'auth'), observe.reply(GMAIL_454, 'auth')], gmail),
    [],
  ],
  [
    'pasted: any server’s "too many" wording is named by a signature (rfc.too-many)',
    pasted([observe.reply(REFUSED, 'auth'), observe.reply('454 4.7.0 Too many AUTH attempts', 'auth')]),
    [],
  ],
  [
    'pasted: three refusals in a row',
    pasted([1, 2, 3].map(() => observe.reply(REFUSED, 'auth'))),
    [{ id: 'rate-limited', detail: 'lockout-risk', says: /3 logins failed/ }],
  ],
  [
    'pasted: one refusal explain saw five times counts five times',
    pasted([{ ...observe.reply(REFUSED, 'auth'), count: 5 } as Observation]),
    [{ id: 'rate-limited', detail: 'lockout-risk', says: /5 logins failed/ }],
  ],
  [
    'pasted: replies of unknown phase whose code other commands get too are no logins',
    pasted([1, 2, 3].map(() => observe.reply('554 5.7.1 Access denied'))),
    [],
  ],
  [
    'pasted: a 535 answers AUTH and nothing else, so three of them are three refused logins even without a phase',
    pasted([1, 2, 3].map(() => observe.reply(REFUSED))),
    [{ id: 'rate-limited', detail: 'lockout-risk', says: /3 logins failed/ }],
  ],
];

testRule(lockout, cases);

test('lockout: the throttle quotes the reply, where smtp-doctor got it, and the refusal before it', () => {
  const [found] = lockout.run(buildContext(live(first, [retry(TEMPORARY)])));
  assert.deepEqual(
    found?.finding.evidence.map((q) => [q.text, q.source, q.session]),
    [
      [TEMPORARY, 'reply', 1],
      ['on mail.example.org:587 (STARTTLS) with LOGIN, after a refused login', 'transcript', 1],
      [REFUSED, 'reply', 0],
    ],
  );
});

test('lockout: a repeated refusal is quoted once, beside the run’s count', () => {
  const [found] = lockout.run(buildContext(live(first, [retry(REFUSED)], { attempts: { allowed: 3, failed: 3 } })));
  assert.deepEqual(
    found?.finding.evidence.map((q) => q.text),
    ['3 failed logins in this run (limit 3)', REFUSED, REFUSED],
  );
  const [pastedOnce] = lockout.run(
    buildContext(pasted([{ ...observe.reply(REFUSED, 'auth'), count: 5 } as Observation])),
  );
  assert.deepEqual(
    pastedOnce?.finding.evidence.map((q) => q.text),
    [REFUSED],
  );
});
