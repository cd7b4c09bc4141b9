import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { startLab, type Lab } from '../../src/lab/index.js';
import { labCertificates } from '../helpers/certs.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/smtp-doctor', import.meta.url).pathname;
const hasScript = spawnSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' }).status === 0;
const PASSWORD = 'typed-secret-42';

let lab: Lab;
let caFile: string;
before(async () => {
  lab = await startLab({
    persona: 'plain',
    accounts: [`alice@lab.test:${PASSWORD}`],
    certificates: await labCertificates(),
  });
  caFile = join(await mkdtemp(join(tmpdir(), 'smtp-doctor-prompt-')), 'ca.pem');
  await writeFile(caFile, lab.ca);
});
after(() => lab.close());

/** Runs the CLI on a pseudo-terminal (util-linux script), typing `input` at it. */
function onTerminal(argv: string[], input: string): Promise<string> {
  const command = [process.execPath, BIN, ...argv].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Password:') && input !== '') {
        child.stdin.write(input);
        input = '';
      }
    });
    child.on('close', () => resolve(out));
  });
}

test(
  'cli: without a password flag on a terminal, a hidden prompt asks for it and nothing is echoed',
  { skip: hasScript ? false : 'util-linux script is not installed' },
  async () => {
    const out = await onTerminal(
      ['session', '127.0.0.1', '--port', String(lab.ports.starttls), '--user', 'alice@lab.test', '--ca', caFile],
      `${PASSWORD}\r`,
    );
    assert.match(out, /Password: /);
    assert.match(out, /Login works: authenticated as "alice@lab\.test"/);
    assert.ok(!out.includes(PASSWORD), 'the typed password is not echoed or printed');
  },
);
