import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from '../../src/cli/args.js';
import { isMailbox } from '../../src/cli/mailbox.js';
import { parseSecurity } from '../../src/cli/connection-options.js';
import { splitUserPassword } from '../../src/cli/secret-input.js';
import { UsageError } from '../../src/model/errors.js';

test('args: durations take units; a bare number is milliseconds from 100 up', () => {
  const ok: [string, number][] = [
    ['30s', 30_000],
    ['1500ms', 1500],
    ['1m', 60_000],
    ['2.5s', 2500],
    ['100', 100],
    ['15000', 15_000],
    [' 30S ', 30_000],
  ];
  for (const [text, ms] of ok) assert.equal(parseDuration(text, '--timeout'), ms, text);
  assert.throws(() => parseDuration('30', '--timeout'), /--timeout 30 would be 30 milliseconds: did you mean 30s\?/);
  assert.throws(() => parseDuration('0', '--timeout'), UsageError);
  assert.throws(() => parseDuration('0s', '--timeout'), /from 1ms to 1440m/);
  assert.throws(() => parseDuration('2h', '--timeout'), /takes a duration such as 30s, 1500ms or 1m, not "2h"/);
  assert.throws(() => parseDuration('1441m', '--deadline'), /--deadline must be from 1ms/);
  assert.equal(parseDuration(undefined, '--timeout'), undefined);
});

test('args: --security takes the ecosystems’ words; auto only where the command discovers', () => {
  assert.deepEqual(parseSecurity('ssl', false), { security: 'tls', word: 'ssl' });
  assert.deepEqual(parseSecurity('STARTTLS', true), { security: 'starttls', word: 'starttls' });
  assert.deepEqual(parseSecurity('auto', true), { security: 'auto', word: 'auto' });
  assert.throws(() => parseSecurity('auto', false), /one of tls, ssl, implicit, starttls, none \(/);
});

test('args: mailboxes for --send-to and --from', () => {
  for (const good of [
    'a@example.com',
    'first.last+tag@sub.example.org',
    'ü@example.de',
    'x@[192.0.2.1]',
    'x@[IPv6:::1]',
  ])
    assert.ok(isMailbox(good), good);
  for (const bad of [
    'not an address',
    'a@b@',
    '<a@example.com>',
    'a@example.com\r\nRCPT TO:<x@y>',
    'a b@example.com',
    '@example.com',
    'a@',
    'a@exa mple.com',
    'a..b@example.com',
    'a@1.2.3.4',
  ])
    assert.ok(!isMailbox(bad), bad);
});

test("args: curl's --user user:password splits at the first colon, and conflicts with another source", () => {
  assert.deepEqual(splitUserPassword('me@x.com:pa:ss', undefined), { user: 'me@x.com', password: 'pa:ss' });
  assert.deepEqual(splitUserPassword('me@x.com', '--password-env'), { user: 'me@x.com' });
  assert.deepEqual(splitUserPassword(undefined, undefined), {});
  assert.throws(
    () => splitUserPassword('me:S3cretPass', '--password-file'),
    (err: unknown) =>
      err instanceof UsageError && /--password-file too/.test(err.message) && !err.message.includes('S3cret'),
  );
});
