// Output style on every command: --no-color and NO_COLOR everywhere, text wrapped at the terminal's width (issue 14).
/* eslint-disable no-control-regex -- these tests look for terminal colour sequences on purpose */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { textWidth, withoutColorFlag, type CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

const GMAIL =
  'Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1-20020a05 - gsmtp';

/** The longest line that is prose (quoted evidence and links are never broken). */
function longestProse(text: string): number {
  return Math.max(
    ...text
      .split('\n')
      .filter((l) => !l.includes('│') && !l.includes('://'))
      .map((l) => l.length),
  );
}

describe('cli: --no-color on every command', () => {
  for (const command of ['check', 'explain', 'session', 'demo', 'lab'])
    test(`cli: ${command} accepts --no-color`, async () => {
      const r = await runCli([command, '--no-color', '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Usage: smtp-doctor /);
    });

  test('cli: check with --no-color prints no colour even when colour is forced', async () => {
    const port = await freePort();
    const argv = ['check', '127.0.0.1', '--port', String(port), '--alternatives', 'none'];
    const forced = await runCli(argv, { env: { FORCE_COLOR: '1' } });
    assert.equal(forced.code, 1, forced.stderr);
    assert.match(forced.stdout, /\u001b\[31m/, 'a failure is red when colour is on');
    const plain = await runCli([...argv, '--no-color'], { env: { FORCE_COLOR: '1' } });
    assert.equal(plain.code, 1, plain.stderr);
    assert.doesNotMatch(plain.stdout, /\u001b\[/);
  });

  test('cli: NO_COLOR turns colour off for check too', async () => {
    const port = await freePort();
    const r = await runCli(['check', '127.0.0.1', '--port', String(port), '--alternatives', 'none'], {
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    assert.doesNotMatch(r.stdout, /\u001b\[/);
  });

  test('cli: after "--" a "--no-color" is text for explain, not the flag', () => {
    const io = { env: {} } as unknown as CliIo;
    assert.deepEqual(withoutColorFlag(['explain', '--', '--no-color'], io).argv, ['explain', '--', '--no-color']);
    const stripped = withoutColorFlag(['explain', '--no-color', '535'], io);
    assert.deepEqual(stripped.argv, ['explain', '535']);
    assert.equal(stripped.io.env.NO_COLOR, '1');
  });
});

describe('cli: text output follows the terminal width', () => {
  const io = (columns: number | undefined, env: NodeJS.ProcessEnv = {}, isTTY = columns !== undefined) => ({
    stdout: { write: () => true, isTTY, ...(columns !== undefined ? { columns } : {}) },
    env,
  });
  const widths: [string, ReturnType<typeof io>, number][] = [
    ['a terminal of 80 columns', io(80), 80],
    ['a wide terminal', io(180), 180],
    ['piped output (no terminal)', io(undefined), 100],
    ['COLUMNS, also when piped', io(undefined, { COLUMNS: '72' }), 72],
    ['COLUMNS over the terminal', io(120, { COLUMNS: '90' }), 90],
    ['a terminal narrower than 60', io(30), 60],
    ['COLUMNS that is not a number', io(undefined, { COLUMNS: 'wide' }), 100],
  ];
  for (const [what, given, width] of widths)
    test(`cli: the width for ${what} is ${width}`, () => assert.equal(textWidth(given), width));

  test('cli: explain wraps at a terminal of 70 columns, and at 100 when piped', async () => {
    let stdout = '';
    const stdin = new PassThrough();
    stdin.end('');
    const code = await main(['explain', GMAIL], {
      stdout: { write: (t: string) => (stdout += t), isTTY: true, columns: 70 },
      stderr: { write: () => true },
      stdin,
      env: { NO_COLOR: '1' },
    });
    assert.equal(code, 1);
    assert.ok(longestProse(stdout) <= 70, stdout);
    const piped = await runCli(['explain', GMAIL]);
    assert.ok(longestProse(piped.stdout) > 70 && longestProse(piped.stdout) <= 100, piped.stdout);
  });

  test('cli: JSON is never wrapped', async () => {
    const narrow = await runCli(['explain', '--json', GMAIL], { env: { COLUMNS: '60' } });
    const wide = await runCli(['explain', '--json', GMAIL]);
    // Same text apart from the run's timing: no line break was added anywhere.
    const untimed = (text: string): string => text.replace(/"totalMs": \d+/, '');
    assert.equal(untimed(narrow.stdout), untimed(wide.stdout));
  });
});

test('cli: the progress line never wraps on a narrow terminal (a wrapped line could not be cleared)', () => {
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const progress = createProgress(
    {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t), isTTY: true, columns: 40 },
      stdin,
      env: {},
    },
    true,
  );
  progress.update({ stage: 'probe', label: `587 STARTTLS on ${'a-very-long-host-name.'.repeat(4)}example.com` });
  progress.stop();
  for (const frame of stderr.split('\r\x1b[K').filter((f) => f !== '')) assert.ok(frame.length <= 40, frame);
});
