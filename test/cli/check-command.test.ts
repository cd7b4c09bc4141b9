import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, type Lab } from '../../src/lab/index.js';
import { runCli } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';

const USER = 'alice@lab.test';
const PASSWORD = 'lab password 1';

describe('cli check', () => {
  let lab: Lab;
  let caFile: string;
  let common: string[];
  before(async () => {
    lab = await startLab({
      persona: 'plain',
      accounts: [`${USER}:"${PASSWORD}"`],
      certificates: await labCertificates(),
    });
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-check-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, lab.ca);
    common = [
      '--ca',
      caFile,
      '--timeout',
      '2000',
      '--alternatives',
      lab.listeners.map((l) => `${l.port}/${l.security}`).join(','),
    ];
  });
  after(() => lab.close());

  test('cli check: --help lists the flags and the exit codes', async () => {
    const r = await runCli(['check', '--help']);
    assert.equal(r.code, 0);
    for (const flag of [
      '--port',
      '--security',
      '--user',
      '--password-env',
      '--mechanism',
      '--ca',
      '--insecure',
      '--allow-plaintext',
      '--max-attempts',
      '--alternatives',
      '--send-to',
      '--from',
      '--json',
      '--verbose',
      'SMTP_HOST',
    ]) {
      assert.ok(r.stdout.includes(flag), flag);
    }
    assert.match(r.stdout, /Exit status: 0 the login works; 1 a problem was diagnosed; 2 usage error; 3 inconclusive/);
  });

  test('cli check: a working login prints the verdict and exits 0', async () => {
    const r = await runCli(
      ['check', '127.0.0.1', '--port', String(lab.ports.starttls), '--user', USER, '--password-env', 'PW', ...common],
      { env: { PW: PASSWORD } },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /The login works/);
    assert.ok(!r.stdout.includes(PASSWORD));
  });

  test('cli check: an smtp:// URL carries user, host and port; --json prints only the report', async () => {
    const url = `smtp://${encodeURIComponent(USER)}@127.0.0.1:${lab.ports.starttls}`;
    const r = await runCli(['check', url, '--password-env', 'PW', '--json', ...common], { env: { PW: 'wrong' } });
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as {
      schemaVersion: number;
      verdict: string;
      findings: { id: string }[];
      target: { username: string; port: number };
    };
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.verdict, 'fail');
    assert.equal(report.findings[0]?.id, 'credentials-rejected');
    assert.equal(report.target.username, USER);
    assert.equal(report.target.port, lab.ports.starttls);
  });

  test('cli check: smtps:// means implicit TLS', async () => {
    const url = `smtps://${encodeURIComponent(USER)}@127.0.0.1:${lab.ports.tls}`;
    const r = await runCli(['check', url, '--password-env', 'PW', '--json', ...common], { env: { PW: PASSWORD } });
    const report = JSON.parse(r.stdout) as { working: { security: string } };
    assert.equal(r.code, 0);
    assert.equal(report.working.security, 'tls');
  });

  test('cli check: a password inside the URL works but warns', async () => {
    const url = `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${lab.ports.starttls}`;
    const r = await runCli(['check', url, ...common]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: a password on the command line/);
    assert.ok(!r.stdout.includes(PASSWORD));
  });

  test('cli check: reads SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS and SMTP_SECURE', async () => {
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(lab.ports.tls),
      SMTP_USER: USER,
      SMTP_PASS: PASSWORD,
      SMTP_SECURE: 'true',
    };
    const r = await runCli(['check', '--json', ...common], { env });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { target: { security: string; port: number } };
    assert.equal(report.target.security, 'tls');
    assert.equal(report.target.port, lab.ports.tls);
  });

  test('cli check: a user without a password (and no terminal) checks the connection only and says so', async () => {
    const r = await runCli(['check', '127.0.0.1', '--port', String(lab.ports.starttls), '--user', USER, ...common]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /no password given .* checking the connection only/);
    assert.match(r.stdout, /^Verdict: inconclusive — the login was not tested\.$/m);
    assert.match(
      r.stdout,
      /^\(127\.0\.0\.1:\d+, STARTTLS, user "alice@lab\.test", provider smtp-server\)$/m,
      'the target line keeps the user, and names the provider its EHLO reply shows',
    );
    assert.match(r.stdout, /No password was given for "alice@lab\.test"/);
    assert.ok(!/give --user|--verbose/.test(r.stdout), r.stdout);
  });

  test('cli check: --max-attempts 0 says the login was skipped on purpose and what works, and exits 3', async () => {
    const before = lab.failedLogins;
    const r = await runCli(
      [
        'check',
        '127.0.0.1',
        '--port',
        String(lab.ports.starttls),
        '--user',
        USER,
        '--password-env',
        'PW',
        '--max-attempts',
        '0',
        ...common,
      ],
      { env: { PW: PASSWORD } },
    );
    assert.equal(r.code, 3, r.stderr);
    assert.equal(lab.failedLogins, before);
    assert.match(r.stdout, /^Verdict: inconclusive — the login was not tested\.$/m);
    assert.match(r.stdout, /user "alice@lab\.test"/);
    assert.match(r.stdout, /The login was skipped on purpose \(--max-attempts 0\)/);
    assert.match(r.stdout, /Learned without logging in: port \d+ with STARTTLS offers AUTH/);
    assert.ok(!/no diagnosis could be made|give --user|--verbose/.test(r.stdout), r.stdout);
  });

  test('cli check: an empty password is credentials-missing, and no AUTH reaches the server', async () => {
    const before = lab.failedLogins;
    const r = await runCli(
      [
        'check',
        '127.0.0.1',
        '--port',
        String(lab.ports.starttls),
        '--user',
        USER,
        '--password-env',
        'PW',
        '--json',
        ...common,
      ],
      { env: { PW: '' } },
    );
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: { id: string }[];
      evidence: { sessions: { record: { auth?: unknown } }[] };
    };
    assert.equal(report.findings[0]?.id, 'credentials-missing');
    assert.ok(
      report.evidence.sessions.every((s) => s.record.auth === undefined),
      'no AUTH exchange',
    );
    assert.equal(lab.failedLogins, before);
  });

  test('cli check: SMTP_USER/SMTP_PASS are not applied to a target given on the command line, and a note says so', async () => {
    const before = lab.failedLogins;
    const r = await runCli(
      ['check', '127.0.0.1', '--port', String(lab.ports.starttls), '--user', 'bob@lab.test', '--json', ...common],
      { env: { SMTP_HOST: 'smtp.other.example', SMTP_USER: 'a', SMTP_PASS: 'password-of-the-other-host' } },
    );
    assert.equal(r.code, 3, r.stderr);
    assert.equal(lab.failedLogins, before, "no login with the other host's password");
    const report = JSON.parse(r.stdout) as { target: { username?: string }; evidence: { credentials?: unknown } };
    assert.equal(report.target.username, 'bob@lab.test');
    assert.equal(report.evidence.credentials, undefined);
    assert.match(r.stderr, /note: SMTP_PASS is not used: SMTP_\* variables are read only when no target is given/);
    assert.ok(!r.stderr.includes('password-of-the-other-host') && !r.stdout.includes('password-of-the-other-host'));
  });

  /** Local inputs are read through a limit: a wrong file (or an endless one) is refused, never read whole. */
  test('cli check: a secret or CA file beyond its limit is refused with the limit named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-limits-'));
    const big = join(dir, 'big');
    await writeFile(big, Buffer.alloc(2 * 1024 * 1024, 0x61));
    const base = ['check', '127.0.0.1', '--port', String(lab.ports.starttls), '--user', USER];
    const cases: [string, string[], { env?: NodeJS.ProcessEnv; stdin?: string }, RegExp][] = [
      ['--password-file', ['--password-file', big], {}, /--password-file: the file you named holds more than 64 KiB/],
      [
        '--password-stdin',
        ['--password-stdin'],
        { stdin: 'x'.repeat(3 * 1024 * 1024) },
        /--password-stdin: standard input holds more than 64 KiB/,
      ],
      ['--ca', ['--password-env', 'PW', '--ca', big], { env: { PW: PASSWORD } }, /--ca: .*big holds more than 1 MiB/],
    ];
    for (const [name, flags, options, message] of cases) {
      const r = await runCli([...base, ...flags], options);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, message, name);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  test('cli check: --verbose adds the redacted transcript', async () => {
    const r = await runCli(
      [
        'check',
        '127.0.0.1',
        '--port',
        String(lab.ports.starttls),
        '--user',
        USER,
        '--password-env',
        'PW',
        '--verbose',
        ...common,
      ],
      { env: { PW: PASSWORD } },
    );
    assert.match(r.stdout, /~> AUTH PLAIN \[base64 of user "alice@lab\.test" and password: 14 characters/);
  });

  const bad: [string, string[], RegExp][] = [
    ['no target', ['check'], /give a host, an smtp:\/\/ URL or an e-mail address/],
    ['two targets', ['check', 'a.example', 'b.example'], /one target/],
    ['a bad URL scheme', ['check', 'http://example.com'], /unsupported URL scheme "http"/],
    ['a bad host', ['check', 'exa mple'], /not a host name/],
    [
      'an unknown security',
      ['check', 'example.com', '--security', 'ssl3'],
      /--security must be one of tls, ssl, implicit, starttls, none, auto \(or secure=true \/ secure=false\), not "ssl3"/,
    ],
    [
      'a huge attempt budget',
      ['check', 'example.com', '--max-attempts', '50'],
      /--max-attempts must be a whole number from 0 to 10/,
    ],
    [
      'a host name as --connect-to',
      ['check', 'example.com', '--connect-to', 'mail.example.com'],
      /--connect-to must be an IP address, not "mail\.example\.com"/,
    ],
    [
      'bad alternatives',
      ['check', 'example.com', '--alternatives', '465:tls'],
      /--alternatives takes PORT\/MODE pairs/,
    ],
    [
      '--send-to without a login',
      ['check', 'example.com', '--send-to', 'x@example.com', '--from', 'y@example.com'],
      /--send-to needs a login/,
    ],
    [
      '--from without --send-to',
      ['check', 'example.com', '--from', 'y@example.com'],
      /--from is only used with --send-to/,
    ],
    ['a password without a user', ['check', 'example.com', '--password-env', 'PW'], /no user/],
    ['a bad SMTP_PORT', ['check'], /SMTP_PORT must be a number/],
    ['a negative port', ['check', 'example.com', '--port', '-1'], /--port must be a number from 1 to 65535, not "-1"/],
    [
      'a negative attempt budget',
      ['check', 'example.com', '--max-attempts', '-1'],
      /--max-attempts must be a whole number from 0 to 10, not "-1"/,
    ],
    ['an empty user name', ['check', 'example.com', '--user', '', '--password-env', 'PW'], /--user is empty/],
    ['a host that looks like a flag', ['check', '--', '-x'], /not a host name, URL or e-mail address: "-x"/],
    [
      'a bad %-escape in the URL password',
      ['check', 'smtp://u:S3cret%ZZPass99@host.example'],
      /the password in the URL has a "%" that does not start a valid %XX escape/,
    ],
    [
      'a bad %-escape in the URL user',
      ['check', 'smtp://u%ZZ@host.example'],
      /the user name in the URL has a "%" that does not start a valid %XX escape/,
    ],
  ];
  for (const [name, argv, message] of bad) {
    test(`cli check: ${name} is one clear line and exit 2`, async () => {
      const r = await runCli(argv, {
        env: name === 'a bad SMTP_PORT' ? { SMTP_HOST: 'example.com', SMTP_PORT: 'x' } : { PW: 'p' },
      });
      assert.equal(r.code, 2, r.stderr + r.stdout);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  }
});
