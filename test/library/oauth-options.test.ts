// The library's oauth option: types checked at the door (secrets never quoted), strings and Secrets alike accepted,
// conflicts named by option, and a string token logging in on the Gmail persona through the public API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check, Secret, startLab, UsageError, type Lab } from '../../src/index.js';
import { labCertificates } from '../helpers/certs.js';

const USER = 'carol@lab.test';
const TOKEN = 'ya29.Library-Access_T0ken+for/tests';

type Loose = (...args: unknown[]) => Promise<unknown>;
const looseCheck = check as unknown as Loose;

describe('library oauth option', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab({
      persona: 'gmail',
      accounts: [{ username: USER, token: TOKEN, flags: ['oauth-only'] }],
      certificates: await labCertificates(),
    });
  });
  after(() => lab.close());

  const target = (): Record<string, unknown> => ({
    host: '127.0.0.1',
    port: lab.ports.starttls,
    ca: lab.ca,
    alternatives: [],
    timeoutMs: 2_000,
    username: USER,
  });

  test('library oauth: a token as a plain string logs in (wrapped in a Secret at once) → auth-ok', async () => {
    const report = await check({ ...target(), oauth: { token: TOKEN } });
    assert.equal(report.findings[0]?.id, 'auth-ok');
    assert.equal(report.evidence.oauth?.source, 'token');
    assert.ok(!JSON.stringify(report).includes(TOKEN));
  });

  test('library oauth: check(target, options) takes oauth too; the user name can come from the target', async () => {
    const report = await check(`smtp://${encodeURIComponent(USER)}@127.0.0.1:${lab.ports.starttls}`, {
      ca: lab.ca,
      alternatives: [],
      timeoutMs: 2_000,
      oauth: { token: new Secret(TOKEN, 'token') },
    });
    assert.equal(report.findings[0]?.id, 'auth-ok');
  });

  const WRONG: [string, unknown, RegExp][] = [
    ['oauth itself', 'a token', /oauth must be an object, not the string "a token"/],
    ['an unknown key', { accessToken: TOKEN }, /unknown option oauth\.accessToken/],
    [
      'a token that is a number',
      { token: 42 },
      /oauth\.token must be a non-empty string or a Secret of one .*, not a number$/,
    ],
    ['an empty token', { token: '' }, /oauth\.token must be a non-empty string/],
    [
      'a Secret of undefined',
      { token: new Secret(undefined as unknown as string) },
      /is the variable it was read from unset/,
    ],
    [
      'a client id that is no string',
      { refreshToken: 'r', clientId: 7, tokenUrl: 'google' },
      /oauth\.clientId must be a non-empty string, not the number 7/,
    ],
    [
      'a refresh token without client id',
      { refreshToken: 'r', tokenUrl: 'google' },
      /oauth\.refreshToken needs oauth\.clientId/,
    ],
    ['a password inside oauth', { token: TOKEN, password: true }, /unknown option oauth\.password/],
  ];
  for (const [name, oauth, message] of WRONG) {
    test(`library oauth: ${name} is a UsageError naming the option, with no secret in it`, async () => {
      await assert.rejects(looseCheck({ ...target(), oauth }), (err: unknown) => {
        assert.ok(err instanceof UsageError, String(err));
        assert.match(err.message, message);
        assert.ok(!err.message.includes(TOKEN));
        return true;
      });
    });
  }

  test('library oauth: credentials and oauth together are a UsageError', async () => {
    await assert.rejects(
      looseCheck({ ...target(), credentials: { username: USER, secret: new Secret('pw') }, oauth: { token: TOKEN } }),
      /give either a password \(credentials, or one in the target\) or an OAuth token \(oauth\.token\)/,
    );
  });

  test('library oauth: a password in the target URL and a token are a UsageError too', async () => {
    await assert.rejects(
      check(`smtp://${encodeURIComponent(USER)}:pw@127.0.0.1:${lab.ports.starttls}`, { oauth: { token: TOKEN } }),
      /give either a password \(credentials, or one in the target\)/,
    );
  });
});
