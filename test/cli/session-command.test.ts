import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { runCli } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import { startTestServer, type TestServer } from '../helpers/smtp-server.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/smtp-doctor', import.meta.url).pathname;

describe('cli', () => {
  let certs: LabCertificates;
  let server: TestServer;
  let dir: string;
  before(async () => {
    certs = await labCertificates();
    server = await startTestServer({ pair: certs.valid });
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-cli-'));
    await writeFile(join(dir, 'ca.pem'), certs.ca.cert);
    await writeFile(join(dir, 'password'), 'correct horse\n');
    await writeFile(join(dir, 'not-a-cert'), 'hello');
  });
  after(() => server.close());

  test('cli: --help lists the commands and the exit codes', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /session <host>/);
    for (const code of [
      '0  the login works',
      '1  a problem was diagnosed',
      '2  usage or input error',
      '3  inconclusive',
    ])
      assert.ok(r.stdout.includes(code), code);
  });

  test('cli: no arguments prints help and exits 2', async () => {
    const r = await runCli([]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /Usage: smtp-doctor/);
  });

  test('cli: the launcher prints the package version', async () => {
    const { stdout } = await run(BIN, ['--version']);
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    assert.equal(stdout.trim(), pkg.version);
  });

  test('cli: session --help explains every flag', async () => {
    const r = await runCli(['session', '--help']);
    assert.equal(r.code, 0);
    for (const flag of [
      '--port',
      '--security',
      '--user',
      '--password-env',
      '--password-file',
      '--password-stdin',
      '--mechanism',
      '--ca',
      '--insecure',
      '--allow-plaintext',
      '--timeout',
      '--json',
    ]) {
      assert.ok(r.stdout.includes(flag), flag);
    }
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['an unknown flag', ['session', 'localhost', '--bogus'], /unknown option '--bogus'/],
    ['a missing flag value', ['session', 'localhost', '--port'], /argument missing/],
    [
      'a port that is not a number',
      ['session', 'localhost', '--port', 'abc'],
      /--port must be a number from 1 to 65535, not "abc"/,
    ],
    ['port 0', ['session', 'localhost', '--port', '0'], /--port must be a number/],
    ['port 70000', ['session', 'localhost', '--port', '70000'], /--port must be a number/],
    [
      'an unknown security mode',
      ['session', 'localhost', '--security', 'ssl3'],
      /--security must be one of tls, ssl, implicit, starttls, none \(or secure=true \/ secure=false\), not "ssl3"/,
    ],
    [
      'a mechanism name with characters no SASL name has (RFC 4422 §3.1)',
      ['session', 'localhost', '--mechanism', 'PLAIN LOGIN'],
      /--mechanism takes a SASL mechanism name .*smtp-doctor speaks PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-256, SCRAM-SHA-1, DIGEST-MD5, XOAUTH2, OAUTHBEARER\), not "PLAIN LOGIN"/,
    ],
    [
      'a mechanism name longer than 20 characters',
      ['session', 'localhost', '--mechanism', 'SCRAM-SHA-256-PLUS-EXTRA'],
      /--mechanism takes a SASL mechanism name/,
    ],
    [
      'a negative timeout',
      ['session', 'localhost', '--timeout', '-5'],
      /--timeout takes a duration such as 30s, 1500ms or 1m, not "-5"/,
    ],
    ['a negative port', ['session', 'localhost', '--port', '-1'], /--port must be a number from 1 to 65535, not "-1"/],
    ['a host that looks like a flag', ['session', '--', '-x'], /not a host name or IP address: "-x"/],
    [
      'a URL with a password in place of the host',
      ['session', 'smtp://u:S3cretPass99@127.0.0.1:40999'],
      /give a host name, not a URL: "smtp:\/\/u:\[secret\]@127\.0\.0\.1:40999"/,
    ],
    ['an empty user name', ['session', 'localhost', '--user', '', '--password-env', 'X'], /--user is empty/],
    ['no host', ['session'], /give exactly one host/],
    ['two hosts', ['session', 'a', 'b'], /give exactly one host/],
    ['a host with spaces', ['session', 'mail server'], /not a host name/],
    ['a password without a user', ['session', 'localhost', '--password-env', 'X'], /no --user/],
    [
      'an unset password variable',
      ['session', 'localhost', '--user', 'u', '--password-env', 'NOPE'],
      /environment variable NOPE is not set/,
    ],
    [
      'two password sources',
      ['session', 'localhost', '--user', 'u', '--password-env', 'A', '--password-stdin'],
      /one way only/,
    ],
    ['a user and no password source without a terminal', ['session', 'localhost', '--user', 'u'], /needs a password/],
    ['a CR/LF in the EHLO name', ['session', 'localhost', '--ehlo', 'a\r\nRSET'], /line break/],
  ];
  for (const [name, argv, message] of bad) {
    test(`cli: ${name} is one clear line on stderr and exit 2`, async () => {
      const r = await runCli(argv);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    });
  }

  test('cli: an empty password is refused before connecting (it could only cost a failed login)', async () => {
    await writeFile(join(dir, 'empty'), '');
    const inputs: [string, string[], { env?: NodeJS.ProcessEnv; stdin?: string }][] = [
      ['an empty variable', ['--password-env', 'PW'], { env: { PW: '' } }],
      ['an empty file', ['--password-file', join(dir, 'empty')], {}],
      ['an empty standard input', ['--password-stdin'], { stdin: '\n' }],
    ];
    for (const [name, flags, options] of inputs) {
      const r = await runCli(
        ['session', '127.0.0.1', '--port', String(server.port), '--user', 'alice@lab.test', ...flags],
        options,
      );
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, /^smtp-doctor: the password is empty \(.+\): nothing to log in with\n$/, name);
      assert.equal(r.stdout, '', name);
    }
  });

  test('cli: an unreadable password file or CA file is a usage error', async () => {
    const r1 = await runCli(['session', 'localhost', '--user', 'u', '--password-file', join(dir, 'missing')]);
    assert.equal(r1.code, 2);
    // The text may be the password itself (--password-file "$PASS"): it is not echoed.
    assert.match(r1.stderr, /--password-file: no file by that name \(did you pass the password instead of a file name/);
    assert.ok(!r1.stderr.includes('missing'), r1.stderr);
    const r2 = await runCli(['session', 'localhost', '--ca', join(dir, 'not-a-cert')]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /holds no PEM certificate/);
  });

  test('cli: session prints a swaks-style transcript and exits 0 when the login works', async () => {
    const r = await runCli([
      'session',
      '127.0.0.1',
      '--port',
      String(server.port),
      '--user',
      'alice@lab.test',
      '--password-file',
      join(dir, 'password'),
      '--ca',
      join(dir, 'ca.pem'),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^=== Trying 127\.0\.0\.1:\d+\.\.\.$/m);
    assert.match(r.stdout, /^<- {2}220 /m);
    assert.match(r.stdout, /^ -> STARTTLS$/m);
    assert.match(r.stdout, /^ ~> AUTH PLAIN \[base64 of user "alice@lab\.test" and password: 13 characters/m);
    assert.match(r.stdout, /^<~ {2}235 /m);
    assert.match(r.stdout, /Login works: authenticated as "alice@lab\.test" with PLAIN over STARTTLS/);
    assert.ok(!r.stdout.includes('correct horse'));
  });

  test('cli: a refused login exits 1; the password can come from stdin', async () => {
    const r = await runCli(
      [
        'session',
        '127.0.0.1',
        '--port',
        String(server.port),
        '--user',
        'alice@lab.test',
        '--password-stdin',
        '--ca',
        join(dir, 'ca.pem'),
      ],
      { stdin: 'wrong password\n' },
    );
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Login refused with PLAIN over STARTTLS .*535/);
  });

  test('cli: a password on the command line works but warns', async () => {
    const r = await runCli([
      'session',
      '127.0.0.1',
      '--port',
      String(server.port),
      '--user',
      'alice@lab.test',
      '--password',
      'correct horse',
      '--ca',
      join(dir, 'ca.pem'),
    ]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: a password on the command line is visible/);
    assert.ok(!r.stdout.includes('correct horse') && !r.stderr.includes('correct horse'));
  });

  test('cli: --json prints only the session record', async () => {
    const r = await runCli([
      'session',
      '127.0.0.1',
      '--port',
      String(server.port),
      '--json',
      '--ca',
      join(dir, 'ca.pem'),
    ]);
    assert.equal(r.code, 0);
    const record = JSON.parse(r.stdout) as { outcome: string; target: { port: number }; transcript: unknown[] };
    assert.equal(record.outcome, 'connected');
    assert.equal(record.target.port, server.port);
    assert.ok(record.transcript.length > 5);
  });

  test('cli: an untrusted certificate exits 1 and says why', async () => {
    const r = await runCli(['session', '127.0.0.1', '--port', String(server.port)]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /certificate not trusted: unable to verify the first certificate \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
    );
  });
});
