import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase64Strict, encodeBase64 } from '../../src/protocol/base64.js';

test('base64: strict decoding accepts the RFC alphabet with padding at the end only', () => {
  assert.equal(decodeBase64Strict('VXNlcm5hbWU6')?.toString(), 'Username:');
  assert.equal(decodeBase64Strict('YQ==')?.toString(), 'a');
  assert.equal(decodeBase64Strict('')?.length, 0);
  for (const bad of ['YQ=', 'Y=Q=', 'not base64!', 'VXNlcm5hbWU6 ', 'YQ==YQ=='])
    assert.equal(decodeBase64Strict(bad), null, bad);
});

test('base64: encodes UTF-8', () => {
  assert.equal(encodeBase64('ü'), 'w7w=');
});
