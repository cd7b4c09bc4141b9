// check()'s composition root without a network: the one target path it shares with the CLI, and what it records.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import { InputError, UsageError } from '../../src/model/errors.js';
import { Secret } from '../../src/model/secret.js';
import type { Resolver } from '../../src/probe/dns.js';

/** Every host is unknown; MX records as given. No socket is ever opened. */
function nowhere(mx: Record<string, string[]> = {}): Resolver {
  return {
    lookup: (host) => Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })),
    resolveMx: (domain) => Promise.resolve((mx[domain] ?? []).map((exchange, i) => ({ exchange, priority: i }))),
  };
}

describe('check(): one target path for the library and the CLI', () => {
  test('check(): a URL password with --mechanism XOAUTH2 is an OAuth token, as the CLI makes it', async () => {
    const report = await check('smtp://bob:ya29.a0Token@smtp.nowhere.test', {
      mechanism: 'XOAUTH2',
      resolver: nowhere(),
    });
    assert.equal(report.evidence.credentials?.secret?.kind, 'token');
    assert.equal(report.evidence.credentials.username, 'bob');
    assert.doesNotMatch(JSON.stringify(report), /ya29\.a0Token/);
  });

  test('check(): a URL password without a user is refused, as the CLI refuses it (no login as "")', async () => {
    await assert.rejects(check('smtp://:s3cret@smtp.nowhere.test', { resolver: nowhere() }), UsageError);
  });

  test('check(): an empty user name is refused, as the CLI refuses it', async () => {
    await assert.rejects(check('smtp.nowhere.test', { username: '', resolver: nowhere() }), InputError);
    await assert.rejects(
      check({
        host: 'smtp.nowhere.test',
        credentials: { username: '', secret: new Secret('x') },
        resolver: nowhere(),
      }),
      InputError,
    );
  });

  test('check(): neither a host nor an address is a usage error of the error family, not a bare TypeError', async () => {
    await assert.rejects(check({}), (err: unknown) => err instanceof UsageError && err.code === 'E_USAGE');
  });
});

describe('check(): the provider recognised once, from all the evidence, and recorded', () => {
  test('check(): an address’s domain and MX records are evidence, and the provider comes from all of it', async () => {
    const report = await check('ceo@startup.test', {
      resolver: nowhere({ 'startup.test': ['aspmx.l.google.com'] }),
      alternatives: [],
    });
    assert.equal(report.evidence.target?.address, 'ceo@startup.test');
    assert.equal(report.evidence.target.hostFrom, 'provider');
    assert.deepEqual(
      report.evidence.dns?.mx?.map((m) => m.exchange),
      ['aspmx.l.google.com'],
    );
    // The host the plan chose (Google's) is the strongest clue; the MX record is the same provider, so one hint.
    assert.deepEqual(
      report.evidence.providerHints.map((h) => `${h.provider}/${h.by}`),
      ['google/host'],
    );
    assert.equal(report.target?.provider, 'google');
  });

  test('check(): a host given as typed is recorded as given, with no provider it does not name', async () => {
    const report = await check('smtp.nowhere.test', { resolver: nowhere(), alternatives: [] });
    assert.equal(report.evidence.target?.hostFrom, 'input');
    assert.deepEqual(report.evidence.providerHints, []);
    assert.equal(report.findings[0]?.id, 'dns-not-found');
  });
});
