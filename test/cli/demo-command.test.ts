import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

test('cli: demo diagnoses every lab scenario as expected, with no secret in its output', async () => {
  const r = await runCli(['demo']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const summary = r.stdout.slice(r.stdout.indexOf('\nSummary\n'));
  for (const id of ['app-password-required', 'tls-mode-mismatch', 'smtp-auth-disabled', 'username-format', 'auth-ok']) {
    assert.match(summary, new RegExp(`✓ .*: ${id}\\n`), id);
  }
  assert.doesNotMatch(summary, /✗/);
  for (const secret of ['bobs-google-password', 'correct-horse-battery', 'lab-password-3', 'SG.lab-key'])
    assert.ok(!r.stdout.includes(secret), secret);
});
