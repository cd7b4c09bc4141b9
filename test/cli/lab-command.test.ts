import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { runCli } from '../helpers/cli.js';
import { shellWords } from '../helpers/shell-words.js';

const BIN = new URL('../../bin/smtp-doctor', import.meta.url).pathname;

/** Runs `smtp-doctor lab …` in-process until `stop` is called; stdout/stderr are captured as they come. */
function startLabCli(argv: string[]) {
  const controller = new AbortController();
  const out = { stdout: '', stderr: '' };
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const stdin = new PassThrough();
  stdin.end();
  const done = main(['lab', ...argv], {
    stdout: {
      write: (t: string) => {
        out.stdout += t;
        if (out.stdout.includes('Press Ctrl-C to stop.')) readyResolve();
      },
    },
    stderr: { write: (t: string) => (out.stderr += t) },
    stdin,
    env: {},
    signal: controller.signal,
  }).finally(() => readyResolve());
  return { out, ready, done, stop: () => controller.abort() };
}

describe('cli: smtp-doctor lab', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-lab-cli-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('cli: lab --help documents the flags and the account syntax', async () => {
    const r = await runCli(['lab', '--help']);
    assert.equal(r.code, 0);
    for (const flag of [
      '--persona',
      '--replay ID[:N]',
      '--account SPEC',
      '--accounts FILE',
      '--fault',
      '--port N',
      '--list',
      'app-password=',
      'token=',
    ])
      assert.ok(r.stdout.includes(flag), flag);
  });

  test('cli: lab --list names every persona, its account flags, and every fault', async () => {
    const r = await runCli(['lab', '--list']);
    assert.equal(r.code, 0);
    for (const id of [
      'plain',
      'gmail',
      'microsoft365',
      'yahoo',
      'icloud',
      'ses',
      'sendgrid',
      'mailgun',
      'postmark',
      'postfix-dovecot',
      'exim',
      'exchange',
      'haraka',
      'opensmtpd',
    ])
      assert.match(r.stdout, new RegExp(`^  ${id} `, 'm'));
    for (const fault of [
      'no-greeting',
      'late-greeting=MS',
      'greeting-421',
      'drop-mid-reply=PHASE',
      'slow=BYTES',
      'rate-limit=N',
      'starttls-injection',
      'strip-starttls',
      'self-signed-cert',
      'expired-cert',
      'wrong-host-cert',
      'oversize-reply',
      'endless-reply',
    ])
      assert.ok(r.stdout.includes(fault), fault);
    assert.match(r.stdout, /account flags: 2sv, web-login-required, signin-blocked, oauth-only/);
  });

  test('cli: the main help lists the lab command', async () => {
    const r = await runCli(['--help']);
    assert.match(r.stdout, /^ {2}lab {14}run local servers that behave like a provider/m);
  });

  const usage: [string[], RegExp][] = [
    [['--bogus'], /^smtp-doctor: lab: unknown option '--bogus'/],
    [['--persona', 'hotmail2'], /^smtp-doctor: lab: unknown persona "hotmail2" \(personas: plain, /],
    [['--fault', 'slowly'], /^smtp-doctor: lab: --fault: unknown fault "slowly"/],
    [['--fault', 'rate-limit=lots'], /^smtp-doctor: lab: --fault: the fault rate-limit needs a whole number/],
    [['--account', 'alice'], /^smtp-doctor: lab: --account: "alice" has no password, app-password= or token=/],
    [['--account', 'alice:pw wings'], /^smtp-doctor: lab: --account: unknown flag "wings"/],
    [
      ['--accounts', '/nonexistent/accounts.txt'],
      /^smtp-doctor: --accounts: cannot read \/nonexistent\/accounts\.txt \(ENOENT\)/,
    ],
    [['--port', '70000'], /^smtp-doctor: --port must be a number from 1 to 65535/],
    [
      ['--port', '65535', '--persona', 'gmail'],
      /^smtp-doctor: lab: port must leave room for 2 listener\(s\) below 65536/,
    ],
    [['--host', '0.0.0.0'], /^smtp-doctor: --host must be one of 127\.0\.0\.1, ::1, not "0\.0\.0\.0"/],
    [['gmail'], /^smtp-doctor: lab: unexpected argument "gmail"/],
    [
      ['--replay', 'google.no-such-reply'],
      /^smtp-doctor: lab: --replay: unknown signature "google\.no-such-reply" \(google has: /,
    ],
    [
      ['--replay', 'google.bad-credentials:9'],
      /^smtp-doctor: lab: --replay: google\.bad-credentials has \d sample\(s\); there is no sample 9/,
    ],
    [['--replay', 'not a signature'], /^smtp-doctor: lab: --replay: not a signature id: "not a signature"/],
    [
      ['--persona', 'sendgrid', '--account', 'alice:SG.x'],
      /^smtp-doctor: lab: account "alice": SendGrid accepts only the user name "apikey"/,
    ],
    [
      ['--persona', 'gmail', '--account', 'a@lab.test:x locked'],
      /^smtp-doctor: lab: account "a@lab\.test": the gmail persona has no sourced reply for the flag locked/,
    ],
  ];
  for (const [argv, message] of usage) {
    test(`cli: lab ${argv.join(' ')} is a usage error: one line on stderr, exit 2`, async () => {
      const r = await runCli(['lab', ...argv]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    });
  }

  test('cli: lab prints ports, accounts and a ready config that works, logs sessions redacted, and stops cleanly', async () => {
    const accounts = join(dir, 'accounts.txt');
    await writeFile(
      accounts,
      '# lab accounts\nalice@lab.test:lab-password-9\nbob@lab.test:bob-account-pw 2sv app-password=bobapp\n',
    );
    const lab = startLabCli([
      '--persona',
      'gmail',
      '--accounts',
      accounts,
      '--account',
      'carol@lab.test token=ya29.c oauth-only',
    ]);
    await lab.ready;
    const { stdout } = lab.out;
    assert.match(stdout, /^smtp-doctor lab: Gmail \(imitates smtp\.gmail\.com\) — ready$/m);
    const starttls = Number(/STARTTLS {6}127\.0\.0\.1:(\d+) {3}\(like smtp\.gmail\.com:587\)/.exec(stdout)?.[1]);
    assert.match(
      stdout,
      new RegExp(
        `implicit TLS {2}127\\.0\\.0\\.1:${starttls + 1} {3}\\(like smtp\\.gmail\\.com:465\\)|implicit TLS {2}127\\.0\\.0\\.1:\\d+`,
      ),
    );
    assert.match(stdout, /^ {2}alice@lab\.test:lab-password-9$/m);
    assert.match(stdout, /^ {2}bob@lab\.test:bob-account-pw 2sv app-password=bobapp$/m);
    assert.match(stdout, /^ {2}carol@lab\.test oauth-only token=ya29\.c$/m);
    const caFile = /^Lab CA: (\S+)/m.exec(stdout)?.[1] ?? '';
    assert.match(await readFile(caFile, 'utf8'), /-----BEGIN CERTIFICATE-----/);
    assert.ok(stdout.includes(`  auth: { user: 'alice@lab.test', pass: 'lab-password-9' },`));
    assert.ok(stdout.includes(`tls: { ca: [fs.readFileSync('${caFile}')] },`));
    assert.ok(
      stdout.includes(
        `SMTP_PASS=lab-password-9 smtp-doctor session 127.0.0.1 --port ${starttls} --security starttls --user alice@lab.test --password-env SMTP_PASS --ca ${caFile}`,
      ),
    );

    // The printed settings work, and what the client sends stays out of the log.
    const ok = await runSession({
      host: '127.0.0.1',
      port: starttls,
      security: 'starttls',
      ca: [await readFile(caFile, 'utf8')],
      credentials: { username: 'alice@lab.test', secret: new Secret('lab-password-9') },
      timeoutMs: 3000,
    });
    assert.equal(ok.outcome, 'authenticated');
    const refused = await runSession({
      host: '127.0.0.1',
      port: starttls,
      security: 'starttls',
      ca: [await readFile(caFile, 'utf8')],
      credentials: { username: 'bob@lab.test', secret: new Secret('client-sent-this-secret') },
      timeoutMs: 3000,
    });
    assert.equal(refused.outcome, 'auth-rejected');

    lab.stop();
    assert.equal(await lab.done, 0);
    const { stderr } = lab.out;
    assert.match(stderr, /\[lab #1 starttls:\d+\] C: AUTH PLAIN \[credentials: \d+ base64 characters\]/);
    assert.match(
      stderr,
      /PLAIN login as "bob@lab\.test": refused, wrong password \(password: 23 characters, lowercase\+symbols\)/,
    );
    assert.ok(!stderr.includes('client-sent-this-secret'));
    assert.ok(!stderr.includes(Buffer.from('\0bob@lab.test\0client-sent-this-secret').toString('base64')));
    assert.ok(!stderr.includes('lab-password-9'));
    assert.match(stderr, /smtp-doctor lab: stopping/);
    assert.match(lab.out.stdout, /smtp-doctor lab: stopped\n$/);
    assert.equal(existsSync(caFile), false, 'the temporary CA file is removed');
  });

  const REPLAYS: {
    spec: string;
    banner: RegExp[];
    host: string;
    /** What the printed check adds so the server reaches the reply: nothing for a login, a message for MAIL/RCPT/DATA. */
    sends: RegExp | null;
    finding: string;
  }[] = [
    {
      spec: 'postmark.authentication-failed:2',
      banner: [
        /^smtp-doctor lab: Postmark \(imitates smtp\.postmarkapp\.com\) — ready$/m,
        /^Replaying: postmark\.authentication-failed sample 2 of 2 \(→ credentials-rejected\)$/m,
        /^ {2}535 5\.7\.8 Error: authentication failed: $/m,
        /^Lab CA: \S+ {2}\(trust it; the certificate names localhost, 127\.0\.0\.1, ::1 and smtp\.postmarkapp\.com\)$/m,
      ],
      host: 'smtp.postmarkapp.com',
      sends: null,
      finding: 'credentials-rejected',
    },
    {
      spec: 'microsoft365.send-as-denied',
      banner: [/^ {2}served at mail to a client that does this: log in, then send a message$/m],
      host: 'smtp.office365.com',
      sends: / --send-to bob@example\.net$/,
      finding: 'sender-rejected',
    },
    {
      // SendGrid's user name is "apikey": the test message needs a sender address of its own.
      spec: 'sendgrid.sender-identity-not-verified',
      banner: [/^ {2}served at mail to a client that does this: log in, then send a message$/m],
      host: 'smtp.sendgrid.net',
      sends: / --send-to bob@example\.net --from alice@lab\.test$/,
      finding: 'sender-rejected',
    },
  ];
  for (const c of REPLAYS) {
    test(`cli: lab --replay ${c.spec} prints a check that, pasted as is, names the signature`, async () => {
      const id = c.spec.replace(/:\d+$/, '');
      const lab = startLabCli(['--replay', c.spec, '--quiet']);
      try {
        await lab.ready;
        const { stdout } = lab.out;
        for (const line of c.banner) assert.match(stdout, line);
        const printed = /^ {2}(SMTP_PASS=\S+ smtp-doctor check .*)$/m.exec(stdout)?.[1] ?? '';
        const words = shellWords(printed);
        const env = /^SMTP_PASS=(.*)$/.exec(words[0] ?? '')?.[1];
        assert.ok(env !== undefined && words[1] === 'smtp-doctor', stdout);
        assert.ok(printed.includes(`check ${c.host} --connect-to 127.0.0.1 `), printed);
        if (c.sends) assert.match(printed, c.sends);
        else assert.ok(!printed.includes('--send-to'), printed);
        // The command the banner prints, as a user pastes it (only --json added, to read the result).
        const r = await runCli([...words.slice(2), '--json'], { env: { SMTP_PASS: env } });
        assert.equal(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout) as {
          findings: { id: string; signature?: string }[];
          target: { host: string };
        };
        assert.equal(report.target.host, c.host);
        assert.deepEqual(
          report.findings.map((f) => ({ id: f.id, signature: f.signature })).find((f) => f.signature === id),
          { id: c.finding, signature: id },
          JSON.stringify(report.findings.map((f) => [f.id, f.signature])),
        );
        assert.equal(report.findings[0]?.id, c.finding);
      } finally {
        lab.stop();
      }
      assert.equal(await lab.done, 0);
    });
  }

  test('cli: lab --quiet logs nothing, --fault shows in the banner, and a persona without implicit TLS has one listener', async () => {
    const lab = startLabCli([
      '--persona',
      'microsoft365',
      '--quiet',
      '--fault',
      'rate-limit=2',
      '--fault',
      'slow=100000',
    ]);
    await lab.ready;
    assert.match(lab.out.stdout, /^Faults: rate-limit after 2 failed logins, slow=100000B\/s$/m);
    assert.doesNotMatch(lab.out.stdout, /implicit TLS {2}127/);
    const port = Number(/STARTTLS {6}127\.0\.0\.1:(\d+)/.exec(lab.out.stdout)?.[1]);
    const caFile = /^Lab CA: (\S+)/m.exec(lab.out.stdout)?.[1] ?? '';
    const r = await runSession({
      host: '127.0.0.1',
      port,
      security: 'starttls',
      ca: [await readFile(caFile, 'utf8')],
      credentials: { username: 'alice@lab.test', secret: new Secret('lab-password-1') },
      timeoutMs: 3000,
    });
    assert.equal(r.outcome, 'authenticated');
    lab.stop();
    assert.equal(await lab.done, 0);
    assert.equal(lab.out.stderr, 'smtp-doctor lab: stopping\n');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`cli: the launcher runs the lab until ${signal}, then stops cleanly with exit 0`, async () => {
      const child = spawn(process.execPath, [BIN, 'lab', '--persona', 'exim', '--quiet'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('Press Ctrl-C to stop.')) resolve();
        });
        child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
      });
      assert.match(stdout, /^smtp-doctor lab: Exim \(imitates mail\.lab\.test\) — ready$/m);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      assert.equal(await exited, 0, stderr);
      assert.match(stdout, /smtp-doctor lab: stopped\n$/);
      assert.equal(stderr, 'smtp-doctor lab: stopping\n');
    });
  }
});
