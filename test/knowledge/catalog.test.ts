import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalog } from '../../src/knowledge/catalog.js';
import { validateProviders } from '../../src/knowledge/validate.js';
import { PROVIDER_FILES } from '../../src/knowledge/providers/index.js';
import type { ProviderInput } from '../../src/knowledge/schema.js';
import { google } from '../../src/knowledge/providers/google.js';

type Loose = Record<string, unknown>;

/** A deep copy of a real file with one change, so every broken case differs from a valid file in one place. */
function broken(change: (file: Loose, signature: Loose, cause: Loose) => void): ProviderInput {
  const copy = structuredClone(google) as unknown as Loose & { signatures: (Loose & { causes: Loose[] })[] };
  const signature = copy.signatures[0];
  const cause = signature?.causes[0];
  if (!signature || !cause) throw new Error('the Google file has no signature to break');
  change(copy, signature, cause);
  return copy as unknown as ProviderInput;
}

describe('knowledge catalog', () => {
  test('knowledge: every provider file validates against the schema', () => {
    assert.deepEqual(validateProviders(PROVIDER_FILES), []);
  });

  test('knowledge: the catalog loads every provider and signature once', () => {
    const c = catalog();
    assert.equal(c.providers.length, PROVIDER_FILES.length);
    assert.equal(c.signatureById.size, c.signatures.length);
    assert.ok(c.signatures.length >= 100, `only ${c.signatures.length} signatures`);
  });

  test('knowledge: the brief’s providers and servers all have a file', () => {
    const ids = new Set(catalog().providers.map((p) => p.data.id));
    for (const id of [
      'google',
      'microsoft365',
      'yahoo',
      'icloud',
      'zoho',
      'fastmail',
      'gmx',
      'proton',
      'ses',
      'sendgrid',
      'mailgun',
      'postmark',
      'brevo',
      'mailjet',
      'sparkpost',
      'postfix',
      'dovecot',
      'exim',
      'exchange',
      'smtp-server',
    ])
      assert.ok(ids.has(id), id);
  });

  test('knowledge: every mailbox and transactional provider has submission settings with sources and a date', () => {
    for (const { data } of catalog().providers) {
      if (data.kind !== 'mailbox' && data.kind !== 'transactional') continue;
      assert.ok(data.submission, `${data.id} has no submission settings`);
      assert.ok(data.submission.sources.length > 0, data.id);
      assert.match(data.submission.verified, /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  const cases: [string, ProviderInput, RegExp][] = [
    ['an unknown field at the top', broken((file) => (file.colour = 'red')), /Unrecognized key/],
    ['an unknown field in a cause', broken((_f, _s, cause) => (cause.extra = 1)), /Unrecognized key/],
    ['an unknown finding id', broken((_f, _s, cause) => (cause.finding = 'password-wrong')), /Invalid option/],
    [
      'an invalid text pattern',
      broken((_f, sig) => ((sig.match as Loose).text = '(unclosed')),
      /not a valid regular expression/,
    ],
    ['a sample with CR in it', broken((_f, sig) => (sig.samples = ['535 a\r\n535 b'])), /separated by/],
    [
      'a signature id of another provider',
      broken((_f, sig) => (sig.id = 'yahoo.bad-credentials')),
      /must start with "google."/,
    ],
    ['a signature without sources', broken((_f, sig) => (sig.sources = [])), /too_small|>=1|at least/i],
    ['a date that is not a date', broken((_f, sig) => (sig.verified = 'last week')), /YYYY-MM-DD/],
    ['a followedBy naming no signature', broken((_f, sig) => (sig.followedBy = 'google.nope')), /no signature/],
  ];
  for (const [what, file, message] of cases) {
    test(`knowledge: the schema rejects ${what}`, () => {
      const issues = validateProviders([file]);
      assert.ok(issues.length > 0, 'no issue reported');
      assert.match(issues.map((i) => `${i.path}: ${i.message}`).join('\n'), message);
    });
  }

  test('knowledge: the schema rejects two files with the same id', () => {
    const issues = validateProviders([google, google]);
    assert.ok(issues.some((i) => i.message === 'duplicate provider id'));
  });
});
