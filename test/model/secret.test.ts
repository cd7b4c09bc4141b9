import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { describeShape, Secret } from '../../src/model/secret.js';

test('secret: never prints, logs or serializes its value', () => {
  const secret = new Secret('s3cr3t-value');
  assert.equal(String(secret), '[secret]');
  // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- interpolation is what we test
  assert.equal(`${secret}`, '[secret]');
  assert.equal(JSON.stringify({ secret }), '{"secret":"[secret]"}');
  assert.ok(!inspect(secret, { depth: 5, showHidden: true }).includes('s3cr3t'));
  assert.ok(!inspect({ nested: { secret } }).includes('s3cr3t'));
  assert.ok(!JSON.stringify(structuredClone({ a: 1 })).includes('s3cr3t'));
  assert.equal(secret.reveal(), 's3cr3t-value');
});

test('secret: its shape shows length, character classes and stray whitespace', () => {
  assert.equal(describeShape(new Secret('abcd1234').shape), 'password: 8 characters, lowercase+digits');
  assert.equal(
    describeShape(new Secret(' pässword\t').shape),
    'password: 10 characters (11 bytes), lowercase+spaces+non-ascii; LEADING WHITESPACE; TRAILING WHITESPACE',
  );
  assert.equal(describeShape(new Secret('', 'token').shape), 'token: 0 characters');
});
