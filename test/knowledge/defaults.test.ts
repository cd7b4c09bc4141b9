import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withDefaults } from '../../src/knowledge/defaults.js';
import { PROVIDER_FILES } from '../../src/knowledge/providers/index.js';
import { providerSchema, type ProviderInput } from '../../src/knowledge/schema.js';
import { google } from '../../src/knowledge/providers/google.js';

describe('knowledge defaults without the schema library', () => {
  for (const file of PROVIDER_FILES) {
    test(`knowledge: ${file.id} with its defaults is exactly what the schema's parse gives (fields, order, values)`, () => {
      const expected = providerSchema.parse(file);
      const actual = withDefaults(file);
      assert.deepStrictEqual(actual, expected);
      // key order shows in every JSON the knowledge reaches (reports, docs): deepStrictEqual does not see it
      assert.equal(JSON.stringify(actual), JSON.stringify(expected));
    });
  }

  test('knowledge: a field present but undefined stays, an absent one stays absent, as in the parse', () => {
    const file: ProviderInput = structuredClone(google);
    const sig = file.signatures[0];
    assert.ok(sig);
    sig.notes = undefined;
    delete sig.followedBy;
    const actual = withDefaults(file).signatures[0];
    assert.ok(actual);
    assert.ok('notes' in actual);
    assert.ok(!('followedBy' in actual));
    assert.deepStrictEqual(withDefaults(file), providerSchema.parse(file));
  });

  test('knowledge: the defaults build new objects, so the catalog’s advice keys never change a provider file', () => {
    const before = JSON.stringify(PROVIDER_FILES);
    for (const file of PROVIDER_FILES) {
      const data = withDefaults(file);
      for (const sig of data.signatures)
        for (const cause of sig.causes) {
          for (const fix of cause.fixes) fix.id = 'changed';
          cause.deadEnds.push({ text: 'x', why: 'y' });
        }
      data.recognise.hosts.push('changed');
    }
    assert.equal(JSON.stringify(PROVIDER_FILES), before);
  });
});
