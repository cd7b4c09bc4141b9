import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError, UsageError } from '../../src/model/errors.js';
import { Secret } from '../../src/model/secret.js';
import {
  parseTargetArgument,
  resolveTarget,
  securityFromWord,
  targetFromEnvironment,
  type ResolvedTarget,
  type TargetOverrides,
} from '../../src/check/target.js';

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
      securityAsWritten: 'secure=true',
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
  ['user:password@ without a scheme and a bad host', 'u:S3cretPass99@bad host', /not a host name after the "@"/],
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

/** A resolved target without the secret object: what it is (kind and value) instead. */
function plainly(resolved: ResolvedTarget): Record<string, unknown> {
  const { credentials, ...rest } = resolved;
  return credentials
    ? {
        ...rest,
        credentials: {
          username: credentials.username,
          secret: `${credentials.secret.kind}:${credentials.secret.reveal()}`,
        },
      }
    : rest;
}

/** [what, target text, overrides, the merged settings]: one way to merge, for the CLI and the library alike. */
const merges: [string, string, TargetOverrides, Record<string, unknown>][] = [
  ['a host alone', 'smtp.example.com', {}, { host: 'smtp.example.com' }],
  [
    'the overrides win over the target',
    'smtps://bob@mail.example.org:465',
    { port: 587, security: 'starttls', username: 'alice' },
    { host: 'mail.example.org', port: 587, security: 'starttls', username: 'alice' },
  ],
  [
    'a URL with user and password logs in',
    'smtp://bob:s3cret@mail.example.org',
    {},
    { host: 'mail.example.org', credentials: { username: 'bob', secret: 'password:s3cret' } },
  ],
  [
    'a URL password for XOAUTH2 is an OAuth token (the library used to make it a password)',
    'smtp://bob:ya29.token@mail.example.org',
    { mechanism: 'xoauth2' },
    { host: 'mail.example.org', credentials: { username: 'bob', secret: 'token:ya29.token' } },
  ],
  [
    'a secret given apart wins over the URL’s, with its source',
    'smtp://bob:old@mail.example.org',
    { secret: new Secret('new'), secretSource: 'env' },
    { host: 'mail.example.org', credentials: { username: 'bob', secret: 'password:new' }, secretSource: 'env' },
  ],
  [
    'credentials given at once win over user and secret',
    'smtp://bob:old@mail.example.org',
    { username: 'carol', credentials: { username: 'dave', secret: new Secret('x') } },
    { host: 'mail.example.org', credentials: { username: 'dave', secret: 'password:x' } },
  ],
  [
    'an address is its own user name',
    'alice@example.com',
    {},
    { address: 'alice@example.com', username: 'alice@example.com' },
  ],
  [
    'an empty secret is kept: the diagnosis names it (credentials-missing)',
    'mail.example.org',
    { username: 'bob', secret: new Secret('') },
    { host: 'mail.example.org', credentials: { username: 'bob', secret: 'password:' } },
  ],
];
for (const [what, text, overrides, expected] of merges)
  test(`target: resolveTarget merges ${what}`, () => {
    assert.deepEqual(plainly(resolveTarget(parseTargetArgument(text), overrides)), expected);
  });

/** The cases where the CLI and the library used to disagree: now both refuse them, with the same error. */
const refusals: [string, string, TargetOverrides, typeof UsageError | typeof InputError, RegExp][] = [
  [
    'a URL password without a user (the library logged in as "")',
    'smtp://:s3cret@mail.example.org',
    {},
    UsageError,
    /a password was given but no user name/,
  ],
  [
    'an empty user name (only the CLI refused it)',
    'mail.example.org',
    { username: '' },
    InputError,
    /user name is empty/,
  ],
  [
    'an empty user name in the credentials',
    'mail.example.org',
    { credentials: { username: '', secret: new Secret('x') } },
    InputError,
    /user name is empty/,
  ],
];
for (const [what, text, overrides, kind, message] of refusals)
  test(`target: resolveTarget refuses ${what}`, () => {
    assert.throws(
      () => resolveTarget(parseTargetArgument(text), overrides),
      (err: unknown) => err instanceof kind && message.test(err.message) && !/s3cret/.test(err.message),
    );
  });

test('target: resolveTarget without a host or an address is a usage error, not a TypeError', () => {
  assert.throws(() => resolveTarget({}, {}), UsageError);
});

/** [what users type without a scheme, what it means]: a ":" before the last "@" or a port after it makes it a host. */
const userAtHost: [string, Record<string, unknown>][] = [
  ['u:p@smtp.example.com', { host: 'smtp.example.com', username: 'u', password: 'p' }],
  [
    'me@example.com:pa:ss@w0rd@smtp.example.com:587',
    { host: 'smtp.example.com', port: 587, username: 'me@example.com', password: 'pa:ss@w0rd' },
  ],
  ['bob@mail.example.org:2525', { host: 'mail.example.org', port: 2525, username: 'bob' }],
  ['u:p%41@[::1]:465', { host: '::1', port: 465, username: 'u', password: 'p%41' }],
  ['alice@example.com', { address: 'alice@example.com', username: 'alice@example.com' }],
];
for (const [text, expected] of userAtHost)
  test(`target: ${text} without a scheme`, () => {
    assert.deepEqual(parseTargetArgument(text), expected);
  });

test('target: the ecosystems’ security words, and the word kept as written', () => {
  const words: [string, string][] = [
    ['tls', 'tls'],
    ['SSL', 'tls'],
    ['implicit', 'tls'],
    ['starttls', 'starttls'],
    ['secure = false', 'starttls'],
    ['secure=true', 'tls'],
    ['none', 'none'],
  ];
  for (const [word, security] of words) assert.equal(securityFromWord(word)?.security, security, word);
  assert.equal(securityFromWord(' Secure = TRUE ')?.word, 'secure=true');
  assert.equal(securityFromWord('ssl3'), undefined);
  assert.deepEqual(
    resolveTarget(
      { host: 'h', security: 'tls', securityAsWritten: 'ssl' },
      { security: 'starttls', securityAsWritten: 'starttls' },
    ),
    { host: 'h', security: 'starttls', securityAsWritten: 'starttls' },
  );
  assert.equal(targetFromEnvironment({ SMTP_SECURE: 'tls' }).securityAsWritten, 'tls');
  assert.equal(targetFromEnvironment({ SMTP_SECURE: 'ssl' }).security, 'tls');
});
