// The interop harness itself: a test process killed mid-run leaves Postfix running; the next harness stops it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { labCertificates } from '../helpers/certs.js';
import { postfixAvailable, skipWithout } from './servers/common.js';
import { startPostfixDovecot } from './servers/postfix-dovecot.js';

const HARNESS = new URL('./servers/postfix-dovecot.ts', import.meta.url).href;
const CERTS = new URL('../helpers/certs.ts', import.meta.url).href;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of the daemonized Postfix master of an instance, or null when it is not running. */
function masterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'queue/pid/master.pid'), 'utf8').trim());
    return alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Starts Postfix + Dovecot from a child test process, then kills that process (SIGKILL: no hook runs). */
async function startAndKillOwner(): Promise<string> {
  const script = [
    `const { labCertificates } = await import(${JSON.stringify(CERTS)});`,
    `const { startPostfixDovecot } = await import(${JSON.stringify(HARNESS)});`,
    'const pf = await startPostfixDovecot((await labCertificates()).valid);',
    'console.log(pf.dir);',
    'setInterval(() => {}, 1000);',
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const dir = typeof first.value === 'string' ? first.value : '';
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
  return dir;
}

describe('interop harness', { skip: skipWithout(postfixAvailable(), 'postfix/dovecot not installed') }, () => {
  test('interop harness: a Postfix left running by a killed test process is stopped by the next start', async () => {
    const stale = await startAndKillOwner();
    assert.match(stale, /smtp-doctor-postfix-/);
    const master = masterPid(stale);
    assert.ok(master !== null, 'the killed process left its Postfix master running (what this guards against)');

    const pf = await startPostfixDovecot((await labCertificates()).valid);
    try {
      assert.equal(existsSync(stale), false, 'the stale instance directory is gone');
      assert.equal(alive(master), false, 'the stale Postfix master is stopped');
    } finally {
      await pf.stop();
    }
    assert.equal(existsSync(pf.dir), false, 'stop() removes its own directory');
  });
});
