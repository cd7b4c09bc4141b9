// The rates of the last-resort reading are current with the corpus's tuning split, and every reading has its words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAUSES } from '../../src/knowledge/causes/index.js';
import { MIN_BASIS, VAGUE_PHRASES, VAGUE_PREFIX, VAGUE_RATES } from '../../src/knowledge/vague-words.js';
import { computeRates, crossCheck, tuningCases } from '../../eval/vague-rates.js';

test('vague rates: the generated table is what eval/vague-rates.ts computes now (npx tsx eval/vague-rates.ts --write)', () => {
  assert.deepEqual(computeRates(tuningCases()), VAGUE_RATES);
});

test('vague rates: computed on tuning cases only', () => {
  assert.ok(tuningCases().every((c) => c.split === 'tuning'));
});

test('vague rates: every reading rests on enough texts and names a finding the catalogue has words for', () => {
  for (const r of VAGUE_RATES) {
    assert.ok(r.basis >= MIN_BASIS, `${r.phrase}: basis ${String(r.basis)}`);
    assert.ok(`${VAGUE_PREFIX}${r.finding}` in CAUSES, `no cause vague-words.${r.finding}`);
  }
});

test('vague rates: every phrase id is unique', () => {
  const ids = VAGUE_PHRASES.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('vague rates: rates fitted on one half of tuning still read the other half mostly right (seeded)', () => {
  const x = crossCheck(tuningCases(), 11);
  assert.ok(x.read > 0);
  assert.ok(x.right / x.read >= 0.6, `${String(x.right)}/${String(x.read)}`);
});
