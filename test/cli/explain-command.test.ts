import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { WHOLE_CHARS } from '../../src/explain/index.js';
import type { Report } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/smtp-doctor', import.meta.url).pathname;
const GMAIL =
  '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp';

describe('explain command', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-explain-'));
    await writeFile(join(dir, 'error.log'), `Error: Invalid login: ${GMAIL}\n`);
  });

  test('cli: the main help lists explain', async () => {
    const r = await runCli(['--help']);
    assert.match(r.stdout, /explain <text>/);
  });

  test('cli: explain --help shows the inputs, the flags and the exit codes', async () => {
    const r = await runCli(['explain', '--help']);
    assert.equal(r.code, 0);
    for (const text of [
      '--file',
      '--json',
      '--no-color',
      'explain 235 535',
      '0 the text shows a working login',
      '3 nothing recognised',
    ])
      assert.ok(r.stdout.includes(text), text);
  });

  const codes: [string, string[], number, RegExp][] = [
    ['a bare reply code', ['535'], 1, /535 +Authentication credentials invalid[\s\S]*credentials-rejected/],
    ['a bare enhanced code', ['5.7.8'], 1, /5\.7\.8[\s\S]*credentials-rejected/],
    [
      'a vendor enhanced code',
      ['5.7.139'],
      1,
      /Microsoft 365[\s\S]*microsoft365\.authentication-unsuccessful-5\.7\.139/,
    ],
    [
      'two codes side by side',
      ['235', '535'],
      1,
      /side by side:\n {2}235 +Authentication succeeded[\s\S]*\n {2}535 +Authentication credentials invalid/,
    ],
    ['a success code', ['235'], 0, /Verdict: the login works/],
    ['a code with its enhanced code', ['535', '5.7.139'], 1, /basic-auth-disabled/],
    [
      'a code that names no cause',
      ['5.7.0'],
      3,
      /code alone does not name a cause[\s\S]*Other or undefined security status/,
    ],
  ];
  for (const [what, argv, exit, output] of codes) {
    test(`cli: explain ${argv.join(' ')} explains ${what}`, async () => {
      const r = await runCli(['explain', '--no-color', ...argv]);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, output);
      assert.equal(r.code, exit);
    });
  }

  test('cli: explain reads piped text when no argument is given', async () => {
    const r = await runCli(['explain', '--no-color'], { stdin: GMAIL });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /app-password-required/);
  });

  test('cli: explain - reads standard input', async () => {
    const r = await runCli(['explain', '--no-color', '-'], { stdin: `Error: connect ECONNREFUSED 127.0.0.1:587` });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /connection-refused/);
  });

  test('cli: explain --file reads a file', async () => {
    const r = await runCli(['explain', '--no-color', '--file', join(dir, 'error.log')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /google\.bad-credentials/);
  });

  test('cli: explain reads a file or piped text of any size and says how much of it it kept', async () => {
    // The error in the middle of a log three times longer than what is read whole.
    const filler = Array.from({ length: WHOLE_CHARS / 40 }, (_, i) => `2026-01-01 INFO job ${i} done in 12ms\n`).join(
      '',
    );
    const log = `${filler}Error: Invalid login: ${GMAIL}\n${filler}${filler}`;
    const big = join(dir, 'big.log');
    await writeFile(big, log);
    for (const r of [
      await runCli(['explain', '--json', '--file', big]),
      await runCli(['explain', '--json'], { stdin: log }),
    ]) {
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as Report;
      assert.equal(report.findings[0]?.id, 'app-password-required');
      assert.equal(report.evidence.input?.chars, log.length);
      assert.equal(report.evidence.input.lines, log.split('\n').length - 1, 'a line break ends a line');
      assert.ok(
        report.evidence.input.keptChars < log.length / 10,
        `${report.evidence.input.keptChars} characters kept`,
      );
    }
    const text = await runCli(['explain', '--no-color', '--file', big]);
    assert.match(text.stdout, /^Read [\d,]+ lines \([\d,]+ characters\) and explained the [\d,]+ that can matter/m);
  });

  test('cli: explain refuses a file beyond 256 MiB before reading it (exit 2)', async () => {
    const huge = join(dir, 'huge.log');
    const handle = await open(huge, 'w');
    await handle.truncate(256 * 1024 * 1024 + 1); // sparse: no disk used
    await handle.close();
    const r = await runCli(['explain', '--file', huge]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^smtp-doctor: explain: .+huge\.log holds more than 256 MiB, the most explain reads/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  });

  // Text that starts with "-" is text; what looks like an option is one.
  const dashes: [string, string[], number, RegExp][] = [
    ['a separator line', [`----------SMTP----------\n${GMAIL}`], 1, /app-password-required/],
    ['options around the text', ['--json', `---\n${GMAIL}`, '--no-color'], 1, /"id": "app-password-required"/],
    ['a POP3 refusal', ['-ERR', 'mailbox', 'is', 'busy'], 3, /nothing in this text matches/],
    ['a negative number', ['-1'], 3, /nothing in this text matches/],
    ['a flag after --', ['--', '--verbose'], 3, /nothing in this text matches/],
  ];
  for (const [what, argv, exit, output] of dashes) {
    test(`cli: explain reads ${what} as text, not as an option`, async () => {
      const r = await runCli(['explain', '--no-color', ...argv]);
      assert.equal(r.stderr, '');
      assert.equal(r.code, exit);
      assert.match(r.stdout, output);
    });
  }

  test('cli: explain --json prints only the report JSON', async () => {
    const r = await runCli(['explain', '--json', GMAIL]);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.command, 'explain');
    assert.equal(report.verdict, 'fail');
    assert.equal(report.findings[0]?.id, 'app-password-required');
    assert.equal(report.working, null);
    assert.deepEqual(report.transcript, []);
  });

  test('cli: explain says so when it recognises nothing, and what to collect next (exit 3)', async () => {
    const r = await runCli(['explain', '--no-color', 'the mail did not go out']);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /inconclusive — nothing in this text matches/);
    assert.match(r.stdout, /To find out more, collect:[\s\S]*SMTPDebug/);
  });

  const bad: [string, string[], string | undefined, RegExp][] = [
    [
      'an unreadable file',
      ['--file', '/nonexistent/x.log'],
      undefined,
      /explain: cannot read \/nonexistent\/x\.log \(ENOENT\)/,
    ],
    ['both text and a file', ['--file', 'a.log', 'text'], undefined, /either as arguments or with --file/],
    ['empty text', ['   '], undefined, /the text is empty/],
    ['empty standard input', ['-'], '', /the text is empty/],
    ['an unknown flag', ['--verbose', 'x'], undefined, /unknown option '--verbose'/],
    ['an unknown short flag', ['-x', '535'], undefined, /unknown option '-x'/],
    ['a flag without its value', ['--file'], undefined, /argument missing/],
  ];
  for (const [what, argv, stdin, message] of bad) {
    test(`cli: explain refuses ${what} with one line and exit 2`, async () => {
      const r = await runCli(['explain', ...argv], stdin === undefined ? {} : { stdin });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  }

  const colours: [string, string[], NodeJS.ProcessEnv, boolean][] = [
    ['not on a pipe', [], {}, false],
    ['when forced', [], { FORCE_COLOR: '1' }, true],
    ['not when NO_COLOR is set', [], { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    ['not with --no-color', ['--no-color'], { FORCE_COLOR: '1' }, false],
  ];
  for (const [what, flags, env, coloured] of colours) {
    test(`cli: explain colours its output ${what}`, async () => {
      const r = await runCli(['explain', ...flags, '535'], { env });
      assert.equal(r.stdout.includes('\u001b['), coloured);
    });
  }

  test('cli: the launcher runs explain from the build', async () => {
    const result = await run(BIN, ['explain', '--json', '235']);
    assert.equal((JSON.parse(result.stdout) as Report).verdict, 'ok');
    await assert.rejects(
      run(BIN, ['explain', '535']),
      (err: { code?: number; stdout?: string }) => err.code === 1 && /credentials-rejected/.test(err.stdout ?? ''),
    );
  });
});
