// Input as users write it: user:pass@host, curl's --user u:p, the ecosystems' security words, durations with units,
// mailboxes checked before sending, and the user's own control characters shown escaped.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLab, type Lab } from '../../src/lab/index.js';
import { labCertificates } from '../helpers/certs.js';
import { runCli } from '../helpers/cli.js';

const USER = 'alice@lab.test';
const PASSWORD = 'Lab:Pass word@1';

/** Every trace of the password a report or a message could carry. */
function assertNoPassword(text: string): void {
  const plain = Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64');
  for (const form of [PASSWORD, encodeURIComponent(PASSWORD), 'Pass word', `${USER}:`, plain, plain.slice(8, 24)])
    assert.ok(!text.includes(form), `leaked ${JSON.stringify(form)}: ${text}`);
}

describe('cli input forms', () => {
  let lab: Lab;
  let common: string[];
  before(async () => {
    lab = await startLab({
      persona: 'plain',
      accounts: [`${USER}:"${PASSWORD}"`],
      certificates: await labCertificates(),
    });
    const caFile = join(await mkdtemp(join(tmpdir(), 'smtp-doctor-input-')), 'ca.pem');
    await writeFile(caFile, lab.ca);
    common = ['--ca', caFile, '--timeout', '2s', '--alternatives', 'none'];
  });
  after(() => lab.close());

  test('cli input: check user:pass@host:port logs in with the password as the secret, warns, and never prints it', async () => {
    for (const json of [false, true]) {
      const r = await runCli([
        'check',
        `${USER}:${PASSWORD}@127.0.0.1:${String(lab.ports.starttls)}`,
        ...(json ? ['--json'] : ['--verbose']),
        ...common,
      ]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stderr, /warning: a password on the command line/);
      assertNoPassword(r.stdout + r.stderr);
      if (json) assert.equal((JSON.parse(r.stdout) as { target: { username: string } }).target.username, USER);
    }
  });

  test("cli input: curl's --user user:password logs in as the user with the password as the secret", async () => {
    for (const command of ['check', 'session']) {
      const r = await runCli([
        command,
        '127.0.0.1',
        '--port',
        String(lab.ports.starttls),
        '--security',
        'starttls',
        '--user',
        `${USER}:${PASSWORD}`,
        '--json',
        ...common.filter((a) => a !== '--alternatives' && a !== 'none'),
        ...(command === 'check' ? ['--alternatives', 'none'] : []),
      ]);
      assert.equal(r.code, 0, `${command}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /warning: a password on the command line/);
      assertNoPassword(r.stdout + r.stderr);
    }
  });

  test("cli input: curl's --user user:password with another password source is refused, naming the conflict, not the text", async () => {
    const r = await runCli(['check', 'example.com', '--user', `${USER}:${PASSWORD}`, '--password-env', 'PW'], {
      env: { PW: 'x' },
    });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /--user holds a ":" \(curl's user:password form\) and a password comes from --password-env too/,
    );
    assertNoPassword(r.stderr);
  });

  test('cli input: --password-env or --password-file given the password itself does not echo it', async () => {
    const env = await runCli(['check', 'example.com', '--user', USER, '--password-env', PASSWORD]);
    assert.equal(env.code, 2);
    assert.match(env.stderr, /no environment variable with that name \(did you pass the value instead of the name\?/);
    assertNoPassword(env.stderr);
    const file = await runCli(['check', 'example.com', '--user', USER, '--password-file', PASSWORD]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /no file by that name \(did you pass the password instead of a file name\?/);
    assertNoPassword(file.stderr);
    // A password that happens to name a folder (`test`, `src`) is not shown either.
    const folder = await runCli(['check', 'example.com', '--user', USER, '--password-file', tmpdir()]);
    assert.equal(folder.code, 2);
    assert.match(
      folder.stderr,
      /cannot read the file you named \(EISDIR: it is a folder; what you gave is not shown\)/,
    );
    assert.ok(!folder.stderr.includes(tmpdir()), folder.stderr);
    // A conventional name is still named: it helps, and it is no secret.
    const named = await runCli(['check', 'example.com', '--user', USER, '--password-env', 'SMTP_PASS']);
    assert.match(named.stderr, /environment variable SMTP_PASS is not set/);
  });

  test('cli input: --security ssl and implicit mean implicit TLS; the word is kept on the evidence', async () => {
    for (const word of ['ssl', 'implicit', 'SSL', 'secure=true']) {
      const r = await runCli(
        [
          'check',
          '127.0.0.1',
          '--port',
          String(lab.ports.tls),
          '--security',
          word,
          '--user',
          USER,
          '--password-env',
          'PW',
          '--json',
          ...common,
        ],
        { env: { PW: PASSWORD } },
      );
      assert.equal(r.code, 0, `${word}: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as {
        target: { security: string };
        evidence: { target: { securityAsWritten?: string } };
      };
      assert.equal(report.target.security, 'tls', word);
      assert.equal(report.evidence.target.securityAsWritten, word.toLowerCase(), word);
    }
  });

  test('cli input: --security tls on a STARTTLS port: the report adds PHP’s reading of "tls", which is what works', async () => {
    const port = String(lab.ports.starttls);
    const argv = ['check', '127.0.0.1', '--port', port, '--user', USER, '--password-env', 'PW', '--json'];
    const rest = ['--ca', common[1] ?? '', '--timeout', '2s', '--alternatives', `${port}/starttls`];
    const r = await runCli([...argv, '--security', 'tls', ...rest], { env: { PW: PASSWORD } });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as {
      findings: { id: string; evidence: { text: string }[]; fixes: { id?: string }[] }[];
    };
    const first = report.findings[0];
    assert.equal(first?.id, 'tls-mode-mismatch');
    assert.ok(first.evidence.some((e) => /in PHPMailer, Laravel and SwiftMailer "tls" means STARTTLS/.test(e.text)));
    assert.ok(first.fixes.some((f) => f.id === 'security-word.php-tls-is-starttls'));
    // Written as "implicit", the word is unambiguous: no such note.
    const implicit = await runCli([...argv, '--security', 'implicit', ...rest], { env: { PW: PASSWORD } });
    assert.ok(!implicit.stdout.includes('PHPMailer, Laravel and SwiftMailer'), implicit.stdout);
  });

  test('cli input: --help says what each security word means here and in PHP, and how durations are written', async () => {
    for (const command of ['check', 'session']) {
      const r = await runCli([command, '--help']);
      assert.match(r.stdout, /tls, ssl or implicit: implicit TLS/);
      assert.match(r.stdout, /PHPMailer, Laravel and SwiftMailer say "tls" for STARTTLS/);
      assert.match(
        r.stdout,
        /--timeout TIME .*\n.*\n\s+durations: 30s, 1500ms, 1m; a bare number is milliseconds \(at least 100\)/,
      );
    }
  });

  test('cli input: a bare --timeout below 100 is refused with the reading the user meant', async () => {
    const r = await runCli(['check', 'example.com', '--timeout', '30']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--timeout 30 would be 30 milliseconds: did you mean 30s\?/);
    const s = await runCli(['session', 'localhost', '--deadline', '5']);
    assert.equal(s.code, 2);
    assert.match(s.stderr, /--deadline 5 would be 5 milliseconds: did you mean 5s\?/);
  });

  test('cli input: --send-to and --from must be mailboxes: exit 2 before anything is sent', async () => {
    const cases: [string[], RegExp][] = [
      [['--send-to', 'not an address'], /--send-to takes an e-mail address .*not "not an address"/],
      [['--send-to', '<x@example.com>'], /--send-to takes an e-mail address/],
      [['--send-to', 'x@example.com', '--from', 'me'], /--from takes an e-mail address .*not "me"/],
    ];
    const before = lab.failedLogins;
    for (const [flags, message] of cases) {
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
          ...flags,
          ...common,
        ],
        { env: { PW: PASSWORD } },
      );
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
    assert.equal(lab.failedLogins, before);
  });

  test('cli input: a user name that is no address is not used as the sender', async () => {
    const r = await runCli(
      ['check', 'example.com', '--user', 'apikey', '--password-env', 'PW', '--send-to', 'x@example.com'],
      {
        env: { PW: 'p' },
      },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the user name is not an e-mail address; add --from ADDR/);
  });

  test("cli input: control and bidi characters from the user's arguments are shown escaped", async () => {
    const cases: string[][] = [
      ['check', 'exa\u202emple.com\u0085'],
      ['check', 'example.com', '--port', '5\u202e87'],
      ['check', 'example.com', '--bogus\u2066x'],
      ['session', 'localhost', '--security', 'tls\u200f\u007f'],
      ['check', 'ali\u202ece@gmail.com'],
    ];
    for (const argv of cases) {
      const r = await runCli(argv);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(
        !/[\u0080-\u009f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(r.stderr),
        JSON.stringify(r.stderr),
      );
      assert.match(r.stderr, /\\u20(2e|66|0f)|\\x85/);
    }
  });
});
