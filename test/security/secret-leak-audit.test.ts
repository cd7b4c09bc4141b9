// Secret-leak audit: every command, output format and error path, with a known password and a known OAuth token;
// fails if either shows up in any form (plain, base64 at every alignment, PLAIN/XOAUTH2 blobs, URL, hex, JSON-escaped).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startLab, type Lab } from '../../src/lab/index.js';
import { formatLogEvent, type LabLogEvent } from '../../src/lab/session-log.js';
import { Secret } from '../../src/model/secret.js';
import { startScriptedServer } from '../helpers/scripted-server.js';
import { runSession } from '../../src/transport/session.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import { RawClient } from '../helpers/lab.js';
import { PASTES } from './explain-corpus.js';
import { cliAgainst, forbiddenForms, hostile, labCaFile, leaks, PASSWORD, TOKEN, USER } from './support.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const SECRETS = { password: PASSWORD, token: TOKEN } as const;

/** Fails with the forms found when either secret appears in `text`. */
function assertClean(text: string, where: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    const found = leaks(text, secret);
    assert.deepEqual(found, [], `${where}: the ${name} leaked as ${found.join(', ')}`);
  }
}

function assertRunClean(run: CliRun, where: string): void {
  assertClean(run.stdout, `${where} (stdout)`);
  assertClean(run.stderr, `${where} (stderr)`);
}

test('leak audit: the detector itself finds every form it promises (so a clean result means something)', () => {
  for (const secret of Object.values(SECRETS)) {
    for (const { name, form } of forbiddenForms(secret)) {
      assert.deepEqual(
        leaks(`xx ${form} yy`, secret).includes(name),
        true,
        `${name} of ${secret.slice(0, 4)}… is detected`,
      );
    }
  }
});

let certs: LabCertificates;
let caFile: string;
let dir: string;
const labLog: LabLogEvent[] = [];
let lab: Lab;
let gmail: Lab;

before(async () => {
  certs = await labCertificates();
  caFile = await labCaFile();
  dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-leak-audit-'));
  const log = (event: LabLogEvent): void => {
    labLog.push(event);
  };
  lab = await startLab({
    persona: 'plain',
    accounts: [{ username: USER, password: PASSWORD, flags: [] }],
    certificates: certs,
    log,
  });
  gmail = await startLab({
    persona: 'gmail',
    accounts: [{ username: USER, token: `${TOKEN}-the-right-one`, flags: ['oauth-only'] }],
    certificates: certs,
    log,
  });
});
after(async () => {
  await lab.close();
  await gmail.close();
  await rm(dir, { recursive: true, force: true });
});

const common = (): string[] => ['--ca', caFile, '--timeout', '2000'];

describe('leak audit: session', () => {
  const FORMATS = [[], ['--json'], ['--timestamps']];
  const LOGINS: { name: string; flags: string[]; secret: 'password' | 'token'; wrong?: boolean }[] = [
    { name: 'PLAIN, correct password', flags: ['--mechanism', 'PLAIN'], secret: 'password' },
    { name: 'LOGIN, correct password', flags: ['--mechanism', 'LOGIN'], secret: 'password' },
    { name: 'CRAM-MD5, correct password', flags: ['--mechanism', 'CRAM-MD5'], secret: 'password' },
    { name: 'PLAIN, wrong password', flags: ['--mechanism', 'PLAIN'], secret: 'password', wrong: true },
    { name: 'LOGIN, wrong password', flags: ['--mechanism', 'LOGIN'], secret: 'password', wrong: true },
  ];
  for (const format of FORMATS) {
    for (const l of LOGINS) {
      test(`leak audit: session ${format.join(' ') || '(text)'} with ${l.name} shows no secret`, async () => {
        const run = await runCli(
          [
            'session',
            '127.0.0.1',
            '--port',
            String(lab.ports.starttls),
            '--user',
            USER,
            '--password-env',
            'PW',
            ...l.flags,
            ...format,
            ...common(),
          ],
          { env: { PW: l.wrong ? `${PASSWORD}x` : PASSWORD } },
        );
        assert.equal(run.code, l.wrong ? 1 : 0, run.stderr);
        assertRunClean(run, 'session');
      });
    }

    test(`leak audit: session ${format.join(' ') || '(text)'} with an XOAUTH2 token the server refuses shows no token`, async () => {
      const run = await runCli(
        [
          'session',
          '127.0.0.1',
          '--port',
          String(gmail.ports.starttls),
          '--user',
          USER,
          '--password-env',
          'PW',
          '--mechanism',
          'XOAUTH2',
          ...format,
          ...common(),
        ],
        { env: { PW: TOKEN } },
      );
      assert.equal(run.code, 1, run.stderr);
      assertRunClean(run, 'session XOAUTH2');
    });
  }

  test('leak audit: session --password-stdin and --password-file, and a password on argv, show no secret', async () => {
    const file = join(dir, 'password');
    await writeFile(file, `${PASSWORD}\n`);
    const base = ['session', '127.0.0.1', '--port', String(lab.ports.starttls), '--user', USER, ...common()];
    const runs = [
      await runCli([...base, '--password-stdin'], { stdin: `${PASSWORD}\n` }),
      await runCli([...base, '--password-file', file]),
      await runCli([...base, '--password', PASSWORD, '--json']),
    ];
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      assertRunClean(run, 'session secret input');
    }
    assert.match(runs[2]?.stderr ?? '', /visible to other users/);
  });
});

describe('leak audit: check', () => {
  const FORMATS = [
    [],
    ['--json'],
    ['--verbose'],
    ['--verbose', '--send-to', 'bob@lab.test'],
    ['--json', '--send-to', 'bob@lab.test'],
  ];
  for (const format of FORMATS) {
    for (const wrong of [false, true]) {
      test(`leak audit: check ${format.join(' ') || '(text)'} with a ${wrong ? 'wrong' : 'correct'} password shows no secret`, async () => {
        const run = await runCli(
          [
            'check',
            '127.0.0.1',
            '--port',
            String(lab.ports.starttls),
            '--security',
            'starttls',
            '--alternatives',
            `${lab.ports.tls}/tls`,
            '--user',
            USER,
            '--password-env',
            'PW',
            '--max-attempts',
            '2',
            ...format,
            ...common(),
          ],
          { env: { PW: wrong ? `${PASSWORD}x` : PASSWORD } },
        );
        assert.equal(run.code, wrong ? 1 : 0, run.stderr);
        assertRunClean(run, `check ${format.join(' ')}`);
      });
    }

    test(`leak audit: check ${format.join(' ') || '(text)'} with a refused XOAUTH2 token shows no token`, async () => {
      const run = await runCli(
        [
          'check',
          '127.0.0.1',
          '--port',
          String(gmail.ports.starttls),
          '--security',
          'starttls',
          '--alternatives',
          'none',
          '--user',
          USER,
          '--password-env',
          'PW',
          '--mechanism',
          'XOAUTH2',
          ...format,
          ...common(),
        ],
        { env: { PW: TOKEN } },
      );
      assert.equal(run.code, 1, run.stderr);
      assertRunClean(run, `check XOAUTH2 ${format.join(' ')}`);
    });
  }

  test('leak audit: check with the password in an smtp:// URL and in SMTP_PASS shows no secret', async () => {
    const url = `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${lab.ports.starttls}`;
    const viaUrl = await runCli(['check', url, '--alternatives', 'none', '--verbose', ...common()]);
    assert.equal(viaUrl.code, 0, viaUrl.stderr);
    assertRunClean(viaUrl, 'check smtp:// URL');
    const viaEnv = await runCli(['check', '--alternatives', 'none', '--json', ...common()], {
      env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(lab.ports.starttls), SMTP_USER: USER, SMTP_PASS: PASSWORD },
    });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assertRunClean(viaEnv, 'check SMTP_PASS');
  });
});

test('leak audit: a server that echoes on another connection what it got on the login connection shows no secret', async () => {
  // The configured port takes the password in plaintext (--allow-plaintext); the alternative port holds its greeting
  // until then and greets with the password in every form. Sessions that never held the secret must scrub it too.
  let received: string | undefined;
  const login = await startScriptedServer(async (ctx) => {
    ctx.line('220 login.test ESMTP');
    for (;;) {
      const line = await ctx.readLine(5_000);
      if (line === null) return;
      if (/^EHLO/i.test(line)) ctx.write('250-login.test\r\n250 AUTH PLAIN\r\n');
      else if (/^AUTH PLAIN /i.test(line)) {
        received = Buffer.from(line.slice(11), 'base64').toString('utf8').split('\0')[2];
        ctx.line('535 5.7.8 Authentication credentials invalid');
      } else if (/^QUIT/i.test(line)) return ctx.line('221 bye');
      else ctx.line('502 5.5.2 no');
    }
  });
  const echo = await startScriptedServer(async (ctx) => {
    for (let i = 0; i < 100 && received === undefined; i++) await ctx.sleep(20);
    const secret = received ?? '';
    const forms = [secret, b64(secret), Buffer.from(secret).toString('hex'), encodeURIComponent(secret)];
    ctx.line(`220 echo.test ${forms.join(' ')}`);
    const line = await ctx.readLine(5_000);
    if (line !== null) ctx.write(`250-echo.test ${secret}\r\n250 AUTH ${b64(`\0${USER}\0${secret}`)}\r\n`);
    await ctx.readLine(5_000);
    ctx.line(`221 bye ${secret}`);
  });
  try {
    for (const format of [['--json'], ['--verbose'], []]) {
      const run = await runCli(
        [
          'check',
          '127.0.0.1',
          '--port',
          String(login.port),
          '--security',
          'none',
          '--allow-plaintext',
          '--alternatives',
          `${echo.port}/none`,
          '--user',
          USER,
          '--password-env',
          'PW',
          ...format,
          ...common(),
        ],
        { env: { PW: PASSWORD } },
      );
      assert.ok(received === PASSWORD, 'the login server got the password');
      assertRunClean(run, `check ${format.join(' ') || '(text)'} with an echo on the alternative`);
      received = undefined;
    }
  } finally {
    await login.close();
    await echo.close();
  }
});

describe('leak audit: error paths', () => {
  test('leak audit: a refused certificate (check, session) shows no secret', async () => {
    const refusing = await startLab({
      persona: 'plain',
      accounts: [{ username: USER, password: PASSWORD, flags: [] }],
      faults: ['self-signed-cert'],
      certificates: certs,
    });
    try {
      for (const argv of [
        ['check', '127.0.0.1', '--port', String(refusing.ports.starttls), '--alternatives', 'none', '--verbose'],
        ['check', '127.0.0.1', '--port', String(refusing.ports.tls), '--security', 'tls', '--json'],
        ['session', '127.0.0.1', '--port', String(refusing.ports.starttls), '--json'],
      ]) {
        const run = await runCli([...argv, '--user', USER, '--password-env', 'PW', ...common()], {
          env: { PW: PASSWORD },
        });
        assert.equal(run.code, 1, run.stderr);
        assertRunClean(run, argv.slice(0, 1).join(' '));
      }
      assert.equal(refusing.failedLogins, 0);
    } finally {
      await refusing.close();
    }
  });

  for (const mechanism of ['PLAIN', 'LOGIN', 'XOAUTH2']) {
    test(`leak audit: a reset in the middle of AUTH ${mechanism} (check --verbose, session --json) shows no secret`, async () => {
      const secret = mechanism === 'XOAUTH2' ? TOKEN : PASSWORD;
      const script = (): ReturnType<typeof hostile> =>
        hostile(certs, {
          auth: async (ctx, line) => {
            if (line === 'AUTH LOGIN') {
              ctx.line(`334 ${b64('Username:')}`);
              await ctx.readLine();
              ctx.write(`334 ${b64('Password:')}`); // half a challenge, then a reset
              await ctx.sleep(10);
            }
            ctx.write(`535-5.7.8 ${line} ${secret}`);
            await ctx.sleep(10);
            ctx.destroy();
            return false;
          },
        });
      for (const argv of [
        ['check', '--verbose', '--mechanism', mechanism],
        ['session', '--json', '--mechanism', mechanism],
        ['session', '--timestamps', '--mechanism', mechanism],
      ]) {
        const { result: run, received } = await cliAgainst(
          script(),
          (port) => [
            argv[0] ?? 'check',
            '127.0.0.1',
            '--port',
            String(port),
            '--user',
            USER,
            '--password-env',
            'PW',
            ...argv.slice(1),
          ],
          { env: { PW: secret } },
        );
        assert.ok(
          received.some((l) => l.startsWith('AUTH')),
          'AUTH was under way',
        );
        assert.equal(run.code, 1, run.stderr);
        assertRunClean(run, argv.join(' '));
      }
    });
  }

  const BAD_FLAGS: [string, string[]][] = [
    ['an unknown flag after the password', ['session', 'x.test', '--user', USER, '--password', PASSWORD, '--bogus']],
    ['two password sources', ['check', 'x.test', '--user', USER, '--password', PASSWORD, '--password-env', 'PW']],
    ['a password without a user', ['check', 'x.test', '--password', PASSWORD]],
    [
      'a mechanism that is no SASL name',
      ['session', 'x.test', '--user', USER, '--password', PASSWORD, '--mechanism', 'NO/PE'],
    ],
    ['a bad port', ['check', 'x.test', '--user', USER, '--password', PASSWORD, '--port', '99999']],
    ['an unset password variable', ['check', 'x.test', '--user', USER, '--password-env', 'MISSING']],
    ['a missing password file', ['check', 'x.test', '--user', USER, '--password-file', `/nonexistent/${PASSWORD}`]],
    ['a bad URL scheme with a password', ['check', `imap://${USER}:${encodeURIComponent(PASSWORD)}@x.test`]],
    ['a line break in the user name', ['check', 'x.test', '--user', `${USER}\r\nRSET`, '--password', PASSWORD]],
    [
      'a token with an unknown flag',
      ['check', 'x.test', '--user', USER, '--password', TOKEN, '--mechanism', 'XOAUTH2', '-z'],
    ],
    // A password inside a URL is quoted back as user:[secret]@ in every message that shows the input.
    ['a URL with a password given to session', ['session', `smtp://u:${encodeURIComponent(PASSWORD)}@127.0.0.1:40999`]],
    ['a URL with a raw password given to session', ['session', `smtp://${USER}:${PASSWORD}@127.0.0.1:40999`]],
    ['an invalid URL with a password', ['check', `smtp://u:${encodeURIComponent(PASSWORD)}@bad_host:99999`]],
    ['an invalid URL with a raw password', ['check', `smtp://${USER}:${PASSWORD}@bad_host:99999`]],
    ['a URL whose host is bad, with a password', ['check', `smtps://u:${encodeURIComponent(PASSWORD)}@bad!host`]],
    ['user:password@host without a scheme, with a bad host', ['check', `u:${PASSWORD}@bad host`]],
    ['a bad %-escape in the URL password', ['check', `smtp://u:${encodeURIComponent(PASSWORD)}%ZZ@x.test`]],
    ['a bad %-escape in the URL user', ['check', `smtp://u%ZZ:${encodeURIComponent(PASSWORD)}@x.test`]],
    ['a URL with a password in place of the command', [`smtp://u:${encodeURIComponent(PASSWORD)}@x.test`]],
    ['a URL with a password as --port', ['check', 'x.test', '--port', `smtp://u:${encodeURIComponent(PASSWORD)}@x`]],
    [
      'a token with a control character',
      ['check', 'x.test', '--user', USER, '--password-env', 'TOK', '--mechanism', 'XOAUTH2'],
    ],
  ];
  for (const [name, argv] of BAD_FLAGS) {
    test(`leak audit: a usage error (${name}) exits 2 and shows no secret`, async () => {
      const run = await runCli(argv, { env: { PW: PASSWORD, TOK: `${TOKEN}\x01auth=Bearer forged` } });
      assert.equal(run.code, 2, `${run.stdout}${run.stderr}`);
      // The file path is the user's own text; only its content would be the secret.
      const stderr =
        name === 'a missing password file' ? run.stderr.replace(`/nonexistent/${PASSWORD}`, '') : run.stderr;
      assertRunClean({ ...run, stderr }, name);
    });
  }
});

test('leak audit: a URL with a password in SMTP_HOST that cannot be used exits 2 and shows no secret', async () => {
  for (const host of [
    `smtp://u:${encodeURIComponent(PASSWORD)}@bad_host:99999`,
    `smtp://u:${encodeURIComponent(PASSWORD)}%ZZ@x.test`,
  ]) {
    const run = await runCli(['check'], { env: { SMTP_HOST: host } });
    assert.equal(run.code, 2, run.stderr);
    assertRunClean(run, `SMTP_HOST=${host.slice(0, 12)}…`);
  }
});

describe('leak audit: explain', () => {
  for (const [name, text] of PASTES) {
    for (const format of [[], ['--json'], ['--no-color']]) {
      test(`leak audit: explain ${format.join(' ') || '(text)'} of ${name} shows no secret`, async () => {
        assert.ok(
          Object.values(SECRETS).some((s) => leaks(text, s).length > 0),
          'the pasted text does hold a secret (the test would prove nothing otherwise)',
        );
        const run = await runCli(['explain', ...format], { stdin: text });
        assert.notEqual(run.code, 2, run.stderr);
        assertRunClean(run, `explain ${name}`);
        const file = join(dir, 'paste.txt');
        await writeFile(file, text);
        const fromFile = await runCli(['explain', '--file', file, ...format]);
        assertRunClean(fromFile, `explain --file ${name}`);
      });
    }
  }
});

describe('leak audit: lab session logs', () => {
  test('leak audit: the lab logger shows the shape of every credential, never the credential', async () => {
    const sessions: [string, Parameters<typeof runSession>[0]][] = [];
    for (const mechanism of ['PLAIN', 'LOGIN', 'CRAM-MD5'])
      for (const password of [PASSWORD, `${PASSWORD}x`])
        sessions.push([
          mechanism,
          {
            host: '127.0.0.1',
            port: lab.ports.starttls ?? 0,
            security: 'starttls',
            ca: [certs.ca.cert],
            mechanism,
            credentials: { username: USER, secret: new Secret(password) },
          },
        ]);
    for (const initialResponse of [true, false])
      sessions.push([
        'XOAUTH2',
        {
          host: '127.0.0.1',
          port: gmail.ports.starttls ?? 0,
          security: 'starttls',
          ca: [certs.ca.cert],
          mechanism: 'XOAUTH2',
          initialResponse,
          credentials: { username: USER, secret: new Secret(TOKEN, 'token') },
        },
      ]);
    const before = labLog.length;
    for (const [, options] of sessions) await runSession(options);

    // A raw client doing odd things: a second AUTH, a cancelled exchange, the password as a command.
    const raw = await RawClient.connectTls(lab.ports.tls ?? 0, certs.ca.cert);
    await raw.reply();
    await raw.send('EHLO raw.test');
    await raw.send(`AUTH LOGIN ${b64(USER)}`);
    await raw.send(b64(PASSWORD));
    await raw.send(`AUTH PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}`);
    await raw.send(`AUTH PLAIN`);
    await raw.send('*');
    await raw.send(`AUTH XOAUTH2 ${b64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`)}`);
    // Out of step: the secret arrives as a command, where the lab logs lines as they came.
    await raw.send(`AUTH PLAIN ${b64('\0nobody\0wrong')}`);
    await raw.send(b64(PASSWORD));
    await raw.send(PASSWORD);
    await raw.send(`MAIL FROM:<${PASSWORD}>`);
    await raw.send('QUIT');
    raw.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const events = labLog.slice(before);
    assert.ok(
      events.some((e) => e.kind === 'client' && /credentials/.test(e.text)),
      'credentials were logged by shape',
    );
    const text = events.map(formatLogEvent).join('\n');
    assertClean(text, 'lab log');
  });

  test('leak audit: smtp-doctor lab prints session logs to stderr without any credential', async () => {
    const controller = new AbortController();
    let stdout = '';
    let stderr = '';
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const stdin = new PassThrough();
    stdin.end();
    const done = main(['lab', '--account', `${USER}:"correct horse"`], {
      stdout: {
        write: (t: string) => {
          stdout += t;
          if (stdout.includes('Press Ctrl-C to stop.')) ready();
        },
      },
      stderr: { write: (t: string) => (stderr += t) },
      stdin,
      env: {},
      signal: controller.signal,
    }).finally(() => ready());
    await started;
    const port = Number(/STARTTLS\s+127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    for (const [mechanism, secret] of [
      ['PLAIN', PASSWORD],
      ['LOGIN', PASSWORD],
      ['XOAUTH2', TOKEN],
    ] as const) {
      await runSession({
        host: '127.0.0.1',
        port,
        security: 'starttls',
        insecure: true,
        mechanism,
        credentials: { username: USER, secret: new Secret(secret, mechanism === 'XOAUTH2' ? 'token' : 'password') },
      });
    }
    controller.abort();
    assert.equal(await done, 0);
    assert.match(stderr, /credentials|base64 of/);
    assertClean(stderr, 'lab CLI session log');
  });
});
