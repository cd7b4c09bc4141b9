import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/model/errors.js';
import { parseTargetArgument, targetFromEnvironment } from '../../src/check/target.js';

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

/** Inputs whose error message would quote a password: it is shown as [secret], or not at all. */
const WITH_PASSWORD: [name: string, text: string, message: RegExp][] = [
  ['an invalid URL', 'smtp://u:S3cretPass99@bad_host:99999', /not a valid URL: "smtp:\/\/u:\[secret\]@bad_host:99999"/],
  ['a password holding "/" and "@"', 'smtp://u:S3cret/Pa@ss99@host:99999', /"smtp:\/\/u:\[secret\]@host:99999"/],
  ['user:password@ without a scheme', 'u:S3cretPass99@bad_host', /not an e-mail address: "u:\[secret\]@bad_host"/],
  ['a bad %-escape in the password', 'smtp://u:S3cret%ZZPass99@host.example', /the password in the URL has a "%"/],
  ['a bad %-escape in the user name', 'smtp://u%ZZ:S3cretPass99@host.example', /the user name in the URL has a "%"/],
];
for (const [name, text, message] of WITH_PASSWORD) {
  test(`target: ${name} is an input error that does not show the password`, () => {
    assert.throws(
      () => parseTargetArgument(text),
      (err: unknown) => err instanceof InputError && message.test(err.message) && !/S3cret|Pass99/.test(err.message),
    );
  });
}
