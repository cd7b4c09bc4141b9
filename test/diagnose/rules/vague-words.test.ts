// vague-words rule: the last resort — a low-confidence reading of a text's broad words when nothing else was read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../../src/diagnose/index.js';
import { RULES } from '../../../src/diagnose/registry.js';
import { lastResort, vagueWords } from '../../../src/diagnose/rules/vague-words.js';
import type { Rule } from '../../../src/diagnose/types.js';
import { observe, pasted } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const words = (phrase: string, quote: string) => observe.message(`vague-words.${phrase}`, quote);

export const cases: RuleCase[] = [
  [
    '"x509" alone: the certificate reading, at low confidence, named a reading of the words',
    pasted([words('certificate', 'x509')]),
    [
      {
        id: 'certificate-invalid',
        detail: 'certificate-invalid/words',
        confidence: 'low',
        fixes: ['certificate.trust-explicitly', 'client-side.run-check'],
        says: /The text says "x509" and nothing more.*\d+% of \d+ texts/s,
      },
    ],
  ],
  [
    '"auth failed" and "timed out": each phrase gives its best reading, the surer one first',
    pasted([words('auth-failed', 'auth failed'), words('timed-out', 'timed out')]),
    [
      { id: 'credentials-rejected', detail: 'credentials-rejected/words' },
      { id: 'connection-timeout', detail: 'connection-timeout/words' },
    ],
  ],
  [
    'a greeting and EHLO beside the words: successes do not stop the last resort',
    pasted([observe.reply('220 mx.example.org ESMTP', 'greeting'), words('refused', 'refused')]),
    [{ id: 'connection-refused', confidence: 'low' }],
  ],
  [
    'a refusal beside the words: the reply signatures read it, the words stay silent',
    pasted([observe.reply('535 5.7.8 Authentication failed', 'auth'), words('auth-failed', 'Authentication failed')]),
    [],
  ],
  ['a phrase without a kept reading says nothing', pasted([words('no-such-phrase', 'whatever')]), []],
  ['no words: nothing', pasted([]), []],
];

testRule(vagueWords, cases);

test('vague-words: registered last, as a last resort', () => {
  assert.equal(RULES.at(-1)?.id, 'vague-words');
});

test('vague-words: lastResort keeps the words silent when any other rule found something', () => {
  const speaks: Rule = {
    id: 'other',
    description: 'always finds something',
    produces: [],
    run: (context) => vagueWords.run({ ...context }).slice(0, 1),
  };
  const evidence = pasted([words('certificate', 'x509')]);
  const alone = lastResort(vagueWords, () => [vagueWords]);
  assert.equal(diagnose(evidence, [alone])[0]?.id, 'certificate-invalid');
  const beside = lastResort(vagueWords, () => [speaks, vagueWords]);
  assert.deepEqual(
    diagnose(evidence, [beside]).map((f) => f.id),
    [],
  );
});
