import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/model/errors.js';
import { parseTargetArgument, targetFromEnvironment } from '../../src/probe/target.js';

const cases: [string, ReturnType<typeof parseTargetArgument>][] = [
  ['smtp.example.com', { host: 'smtp.example.com' }],
  ['smtp.example.com:2525', { host: 'smtp.example.com', port: 2525 }],
  ['127.0.0.1', { host: '127.0.0.1' }],
  ['[::1]:587', { host: '::1', port: 587 }],
  [
    'smtp://alice%40example.com@smtp.example.com:587',
    { host: 'smtp.example.com', port: 587, username: 'alice@example.com' },
  ],
  ['smtps://bob@mail.example.org', { host: 'mail.example.org', security: 'tls', username: 'bob' }],
  [
    'smtps://bob:s%3Acret@mail.example.org:465',
    { host: 'mail.example.org', port: 465, security: 'tls', username: 'bob', password: 's:cret' },
  ],
  ['alice@example.com', { address: 'alice@example.com', username: 'alice@example.com' }],
];
for (const [text, expected] of cases) {
  test(`target: reads ${text}`, () => {
    assert.deepEqual(parseTargetArgument(text), expected);
  });
}

for (const bad of [
  'http://example.com',
  'smtp.example.com:99999',
  'exa mple.com',
  'alice@',
  '@example.com',
  'bad_host!',
  'smtp://',
]) {
  test(`target: refuses ${JSON.stringify(bad)} with a clear message`, () => {
    assert.throws(() => parseTargetArgument(bad), InputError);
  });
}

test('target: reads the common SMTP_* environment variables', () => {
  assert.deepEqual(
    targetFromEnvironment({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
      SMTP_SECURE: 'true',
    }),
    {
      host: 'smtp.example.com',
      port: 465,
      username: 'u',
      security: 'tls',
      password: 'p',
    },
  );
  assert.equal(targetFromEnvironment({ SMTP_SECURE: 'false' }).security, 'starttls');
  assert.equal(targetFromEnvironment({ SMTP_PASSWORD: 'x' }).password, 'x');
  assert.throws(() => targetFromEnvironment({ SMTP_PORT: 'abc' }), /SMTP_PORT must be a number/);
  assert.throws(() => targetFromEnvironment({ SMTP_SECURE: 'maybe' }), /SMTP_SECURE/);
});
