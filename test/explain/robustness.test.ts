import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { diagnose } from '../../src/diagnose/index.js';
import { explainText } from '../../src/explain/index.js';
import { explain } from '../../src/check/explain.js';

test('explain: arbitrary text never throws and every finding cites what it read', () => {
  const pieces = fc.constantFrom(
    '535-5.7.8 x\n',
    '535 5.7.8 y\n',
    'C: AUTH PLAIN AGFAYgBj\n',
    ' -> AUTH LOGIN\n',
    '<~  334 VXNlcm5hbWU6\n',
    "(535, b'5.7.8 z\\n5.7.8 w')",
    'Invalid login: ',
    'Expected response code "235" but got code "535", with message "',
    'The server response was: ',
    'ECONNREFUSED ',
    'Greeting never received',
    'password: "',
    'smtp.gmail.com:587 ',
    '\u001b[31m',
    '\r\n',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 20 })), { maxLength: 30 }), (parts) => {
      const result = explainText(parts.join(''));
      for (const f of diagnose(result.evidence))
        assert.ok(f.evidence.length > 0 && f.evidence.every((q) => q.text !== ''), f.id);
    }),
    { numRuns: 300 },
  );
});

// Long runs of letters, dots and quotes once made one regular expression backtrack for a minute; the timeout is a
// guard against such hangs coming back, far above the few milliseconds these inputs take.
test('explain: pathological input of 200,000 characters finishes', { timeout: 30_000 }, () => {
  for (const text of [
    'a'.repeat(200_000),
    'a.'.repeat(100_000),
    'a-'.repeat(100_000),
    `Expected response code "235" but got code "535", with message "${'x'.repeat(200_000)}`,
    `C: AUTH PLAIN ${'A'.repeat(200_000)}`,
    `password=${'x'.repeat(200_000)}`,
    `${('a'.repeat(61) + '.').repeat(3000)}com`,
    '535-x\n'.repeat(20_000),
  ]) {
    assert.doesNotThrow(() => explain(text));
  }
});

// A reply followed by a long run of whitespace: reading "the rest of the line without its trailing spaces" with a lazy
// capture and a "spaces to the end" lookahead rescanned the run at every step, which is quadratic: 100,000 spaces took
// 19 s, so the 900,000 here would take about half an hour. Read in one pass, they take well under a second; the timeout
// only stops a hang.
test('explain: a reply followed by 900,000 spaces is read in one pass', { timeout: 30_000 }, () => {
  const run = ' '.repeat(900_000);
  for (const text of [
    `Error: 535 5.7.139 ${run}x`,
    `Error: 535 5.7.139 Authentication unsuccessful${run}"`,
    `send failed: 535 Authentication failed${run}x`,
    `2026/02/02 10:00:00 535 ${run}Authentication failed`,
    `error="535 Authentication failed${run}`,
    `MailKit.Security.AuthenticationException: 535: 5.7.3 ${run}x`,
    `SMTPAuthenticationError at /contact/${run}(535, b'5.7.8 x')`,
  ]) {
    assert.doesNotThrow(() => explain(text));
  }
});
