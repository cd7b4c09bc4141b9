// Login stops: the knowledge the lockout budget reads — which findings end a run, why, from which sources.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalog } from '../../src/knowledge/catalog.js';
import { isTransientRefusal, LOGIN_STOPS, loginStopFor } from '../../src/knowledge/login-stops.js';
import type { FindingId } from '../../src/model/finding.js';

describe('login stops', () => {
  test('login stops: every entry says why and where it comes from', () => {
    for (const [finding, stop] of Object.entries(LOGIN_STOPS)) {
      assert.ok(stop.why.length > 0, finding);
      assert.ok(stop.sources.length > 0, finding);
    }
  });

  test('login stops: every finding that stops a run is one a known reply to AUTH leads to', () => {
    const led = new Set(
      catalog()
        .signatures.filter((s) => s.data.phases.includes('auth'))
        .flatMap((s) => s.data.causes.map((c) => c.finding)),
    );
    for (const finding of Object.keys(LOGIN_STOPS)) assert.ok(led.has(finding as FindingId), finding);
  });

  const VERDICTS: FindingId[] = [
    'credentials-rejected',
    'credentials-missing',
    'oauth-token-rejected',
    'username-format',
    'mechanism-unsupported',
    'auth-malformed',
    'auth-requires-tls',
  ];
  for (const finding of VERDICTS)
    test(`login stops: ${finding} is about what was sent, and never stops a run by itself`, () =>
      assert.equal(loginStopFor(finding), undefined));

  test('login stops: every generic reading of an account-state wording stops a run', () => {
    const generic = ['rfc.login-throttled', 'rfc.login-try-later', 'rfc.account-state', 'rfc.web-login-required'];
    for (const id of [...generic, 'rfc.app-password-required', 'rfc.account-disabled']) {
      const finding = catalog().signatureById.get(id)?.data.causes[0]?.finding;
      assert.ok(finding && loginStopFor(finding), id);
    }
  });

  const CODES: [code: number, transient: boolean][] = [
    [421, true],
    [432, true],
    [450, true],
    [454, true],
    [334, false],
    [500, false],
    [525, false],
    [535, false],
  ];
  for (const [code, transient] of CODES)
    test(`login stops: ${code} ${transient ? 'is' : 'is not'} a transient refusal`, () =>
      assert.equal(isTransientRefusal(code), transient));
});
