import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

test('cli: demo runs every lab scenario with the expected outcome and no secret in its output', async () => {
  const r = await runCli(['demo']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Login works: authenticated as "alice@lab\.test"/);
  assert.match(r.stdout, /Login refused with PLAIN over implicit TLS .*535/);
  assert.match(r.stdout, /wrong version number \(ERR_SSL_WRONG_VERSION_NUMBER\)/);
  assert.ok(!r.stdout.includes('lab-password-1'));
});
