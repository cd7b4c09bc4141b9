// Progress spinner: shows the step in progress on a terminal and clears its line; silent everywhere else.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import type { CliIo } from '../../src/cli/io.js';
import { startLab, type Lab } from '../../src/lab/index.js';
import { labCertificates } from '../helpers/certs.js';

const CLEAR_LINE = '\r\x1b[K';

/** Streams that record what was written; stderr claims to be a terminal when `tty` is set. */
function fakeIo(tty: boolean, env: NodeJS.ProcessEnv = {}): CliIo & { out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const stdin = new PassThrough();
  stdin.end();
  return {
    out,
    stdout: { write: (t: string) => (out.stdout += t), isTTY: tty },
    stderr: { write: (t: string) => (out.stderr += t), isTTY: tty },
    stdin,
    env,
  };
}

test('progress: on a terminal it shows the step in progress, then clears its line when stopped', () => {
  const io = fakeIo(true);
  const progress = createProgress(io, true);
  progress.update({ stage: 'dns', label: 'resolving smtp.example.com' });
  progress.update({ stage: 'probe', label: '587 STARTTLS (+3 alternatives in parallel)' });
  const shown = io.out.stderr;
  progress.stop();
  const frames = shown.split(CLEAR_LINE);
  assert.equal(frames[0], '', 'each frame starts by clearing the line');
  assert.match(frames[1] ?? '', /^\S resolving smtp\.example\.com…$/);
  assert.match(frames[2] ?? '', /^\S 587 STARTTLS \(\+3 alternatives in parallel\)…$/);
  assert.equal(frames.length, 3);
  assert.ok(io.out.stderr.endsWith(CLEAR_LINE), 'the line is cleared');
  assert.equal(io.out.stderr.slice(shown.length), CLEAR_LINE, 'stop writes only the clearing');
  assert.equal(io.out.stdout, '');
});

const SILENT: [name: string, io: () => CliIo, enabled: boolean][] = [
  ['on a non-terminal', () => fakeIo(false), true],
  ['with --json (disabled)', () => fakeIo(true), false],
  ['under CI', () => fakeIo(true, { CI: 'true' }), true],
];
for (const [name, makeIo, enabled] of SILENT) {
  test(`progress: writes nothing ${name}`, () => {
    const io = makeIo() as ReturnType<typeof fakeIo>;
    const progress = createProgress(io, enabled);
    progress.update({ stage: 'probe', label: 'discovering' });
    progress.stop();
    assert.deepEqual(io.out, { stdout: '', stderr: '' });
  });
}

describe('progress during check', () => {
  let lab: Lab;
  let caFile: string;
  before(async () => {
    lab = await startLab({ persona: 'plain', certificates: await labCertificates() });
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-progress-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, lab.ca);
  });
  after(() => lab.close());

  const argv = (): string[] => [
    'check',
    '127.0.0.1',
    '--port',
    String(lab.ports.starttls),
    '--ca',
    caFile,
    '--alternatives',
    'none',
  ];

  test('progress: check on a terminal shows its steps on stderr and leaves the line clean for the report', async () => {
    const io = fakeIo(true);
    await main(argv(), io);
    assert.match(io.out.stderr, /resolving 127\.0\.0\.1|\d+ STARTTLS/);
    assert.ok(io.out.stderr.endsWith(CLEAR_LINE), JSON.stringify(io.out.stderr.slice(-40)));
    assert.ok(!io.out.stdout.includes('\r'), 'nothing of the spinner on stdout');
  });

  test('progress: check --json on a terminal writes no spinner at all', async () => {
    const io = fakeIo(true);
    await main([...argv(), '--json'], io);
    assert.equal(io.out.stderr, '');
    JSON.parse(io.out.stdout);
  });
});
