// check's --oauth-* flags: documented, read like passwords (env, file; never echoed), every conflict a usage error,
// and a token (given or refreshed at a local token endpoint) logging in on the Gmail persona.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLab, type Lab, type LabLogEvent } from '../../src/lab/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';

const USER = 'carol@lab.test';
const ACCESS = 'ya29.Cli-Access_T0ken+for/oauth-flags';
const REFRESH = '1//0gCli-Refresh_T0ken+for/oauth-flags';
const CLIENT_SECRET = 'GOCSPX-cli_client+secret/flags';

let lab: Lab;
const log: LabLogEvent[] = [];
let dir: string;
let common: string[];
let endpoint: Server;
let tokenUrl: string;
let answer: { status: number; body: unknown } = { status: 200, body: {} };

before(async () => {
  lab = await startLab({
    persona: 'gmail',
    accounts: [{ username: USER, token: ACCESS, flags: ['oauth-only'] }],
    certificates: await labCertificates(),
    log: (e) => log.push(e),
  });
  dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-oauth-flags-'));
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, lab.ca);
  common = ['127.0.0.1', '--port', String(lab.ports.starttls), '--ca', caFile, '--timeout', '2000'];
  common.push('--alternatives', 'none', '--user', USER);
  endpoint = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/token`;
});
after(async () => {
  await lab.close();
  endpoint.closeAllConnections();
  await new Promise((resolve) => endpoint.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const ENV = { TOKEN: ACCESS, REFRESH, CLIENT_SECRET, PW: 'a password' };

function check(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<CliRun> {
  return runCli(['check', ...common, ...args], { env });
}

function assertNoSecret(run: CliRun): void {
  for (const text of [run.stdout, run.stderr])
    for (const secret of [ACCESS, REFRESH, CLIENT_SECRET]) {
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])
        assert.ok(!text.includes(form), `a form of ${secret.slice(0, 5)}… in the output`);
      assert.ok(!text.includes(secret.slice(6, 18)), `a piece of ${secret.slice(0, 5)}… in the output`);
    }
}

/** The lab sessions seen so far: a usage error must open none (a late event of an earlier one is no new session). */
const sessions = (): Set<string> => new Set(log.map((e) => String(e.session)));

const authCount = (): number => log.filter((e) => e.kind === 'client' && /^AUTH /i.test(e.text)).length;

describe('cli check --oauth-*', () => {
  test('cli oauth: --help documents the OAuth flags in one group', async () => {
    const r = await runCli(['check', '--help']);
    assert.equal(r.code, 0);
    for (const flag of [
      '--oauth-token-env',
      '--oauth-token-file',
      '--oauth-refresh-token-env',
      '--oauth-refresh-token-file',
      '--oauth-client-id',
      '--oauth-client-secret-env',
      '--oauth-client-secret-file',
      '--oauth-token-url',
      '--oauth-tenant',
      '--oauth-scope',
    ])
      assert.ok(r.stdout.includes(flag), flag);
    assert.match(r.stdout, /^OAuth 2\.0 /m);
    for (const line of r.stdout.split('\n').filter((l) => /oauth|OAuth/.test(l)))
      assert.ok(line.length <= 100, `help line too wide: ${line}`);
  });

  test('cli oauth: --oauth-token-env logs in with XOAUTH2 → exit 0, no token in text, JSON or --verbose', async () => {
    for (const format of [[], ['--json'], ['--verbose']]) {
      const r = await check(['--oauth-token-env', 'TOKEN', ...format]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assertNoSecret(r);
    }
    const json = JSON.parse((await check(['--oauth-token-env', 'TOKEN', '--json'])).stdout) as {
      findings: { id: string }[];
      evidence: { oauth?: { source: string; token?: { prefix?: string } }; credentials?: { secretSource?: string } };
    };
    assert.equal(json.findings[0]?.id, 'auth-ok');
    assert.equal(json.evidence.oauth?.source, 'token');
    assert.equal(json.evidence.oauth.token?.prefix, 'ya29.');
    assert.equal(json.evidence.credentials?.secretSource, 'env');
  });

  test('cli oauth: --oauth-token-file reads the token with one trailing newline removed', async () => {
    const file = join(dir, 'token.txt');
    await writeFile(file, `${ACCESS}\n`);
    const r = await check(['--oauth-token-file', file, '--mechanism', 'XOAUTH2']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assertNoSecret(r);
  });

  test('cli oauth: a refresh at the token endpoint logs in → exit 0; a refused one sends no AUTH', async () => {
    const refresh = ['--oauth-refresh-token-env', 'REFRESH', '--oauth-client-id', 'lab-client'];
    refresh.push('--oauth-client-secret-env', 'CLIENT_SECRET', '--oauth-token-url', tokenUrl);
    answer = { status: 200, body: { access_token: ACCESS, expires_in: 3599 } };
    const ok = await check([...refresh, '--verbose']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assertNoSecret(ok);

    answer = {
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `Bad ${REFRESH} / ${CLIENT_SECRET} / ${encodeURIComponent(REFRESH)}`,
      },
    };
    const before = authCount();
    for (const format of [['--json'], ['--verbose'], []]) {
      const refused = await check([...refresh, ...format]);
      assert.notEqual(refused.code, 0);
      assert.notEqual(refused.code, 2);
      assertNoSecret(refused);
      if (format[0] === '--json') {
        const report = JSON.parse(refused.stdout) as { evidence: { oauth?: { refresh?: { error?: string } } } };
        assert.equal(report.evidence.oauth?.refresh?.error, 'invalid_grant');
      }
    }
    assert.equal(authCount(), before, 'no login without a token');
  });

  test('cli oauth: --password-env with --mechanism XOAUTH2 still carries a token', async () => {
    const r = await check(['--password-env', 'TOKEN', '--mechanism', 'XOAUTH2']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assertNoSecret(r);
  });

  const CONFLICTS: [string, string[], RegExp][] = [
    [
      'a token and a password',
      ['--oauth-token-env', 'TOKEN', '--password-env', 'PW'],
      /either a password .* or an OAuth token/,
    ],
    [
      'a token and a refresh token',
      [
        '--oauth-token-env',
        'TOKEN',
        '--oauth-refresh-token-env',
        'REFRESH',
        '--oauth-client-id',
        'c',
        '--oauth-token-url',
        'google',
      ],
      /either an access token \(--oauth-token-env\/--oauth-token-file\) or what to get one with \(--oauth-refresh-token-env/,
    ],
    ['a token and a client id', ['--oauth-token-env', 'TOKEN', '--oauth-client-id', 'c'], /not both/],
    [
      'a password mechanism',
      ['--oauth-token-env', 'TOKEN', '--mechanism', 'PLAIN'],
      /--mechanism PLAIN takes a password/,
    ],
    [
      'CRAM-MD5 with a refresh',
      [
        '--oauth-refresh-token-env',
        'REFRESH',
        '--oauth-client-id',
        'c',
        '--oauth-token-url',
        'google',
        '--mechanism',
        'cram-md5',
      ],
      /CRAM-MD5 takes a password/,
    ],
    [
      'a refresh token without a client id',
      ['--oauth-refresh-token-env', 'REFRESH', '--oauth-token-url', 'google'],
      /--oauth-refresh-token-env\/--oauth-refresh-token-file needs --oauth-client-id/,
    ],
    [
      'a client secret alone',
      ['--oauth-client-secret-env', 'CLIENT_SECRET', '--oauth-token-url', 'microsoft'],
      /needs --oauth-client-id/,
    ],
    [
      'a refresh without a token URL',
      ['--oauth-refresh-token-env', 'REFRESH', '--oauth-client-id', 'c'],
      /needs --oauth-token-url/,
    ],
    [
      'a tenant without the Microsoft preset',
      [
        '--oauth-refresh-token-env',
        'REFRESH',
        '--oauth-client-id',
        'c',
        '--oauth-token-url',
        'google',
        '--oauth-tenant',
        'contoso',
      ],
      /--oauth-tenant goes with the Microsoft preset only/,
    ],
    [
      'a malformed URL',
      ['--oauth-refresh-token-env', 'REFRESH', '--oauth-client-id', 'c', '--oauth-token-url', 'login/token'],
      /--oauth-token-url must be google, microsoft or a URL/,
    ],
    [
      'http to a host not loopback',
      [
        '--oauth-refresh-token-env',
        'REFRESH',
        '--oauth-client-id',
        'c',
        '--oauth-token-url',
        'http://login.example.test/token',
      ],
      /http:\/\/ would send the refresh token and client secret unencrypted/,
    ],
    [
      'both a token variable and a token file',
      ['--oauth-token-env', 'TOKEN', '--oauth-token-file', '/nonexistent'],
      /give the token one way only/,
    ],
    [
      'an unset variable',
      ['--oauth-token-env', 'NOT_SET'],
      /--oauth-token-env: environment variable NOT_SET is not set/,
    ],
    ['an empty variable', ['--oauth-token-env', 'EMPTY'], /--oauth-token-env: the variable is empty/],
    ['a scope with a token', ['--oauth-token-env', 'TOKEN', '--oauth-scope', 'x'], /only used to get a token/],
    [
      'an empty client id',
      ['--oauth-refresh-token-env', 'REFRESH', '--oauth-client-id', ' ', '--oauth-token-url', 'google'],
      /--oauth-client-id is empty/,
    ],
  ];
  for (const [name, args, message] of CONFLICTS) {
    test(`cli oauth: ${name} is a usage error (exit 2) before anything is sent`, async () => {
      const before = sessions().size;
      const r = await check(args, { ...ENV, EMPTY: '' });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.equal(sessions().size, before, 'no connection');
      assertNoSecret(r);
    });
  }

  test('cli oauth: a token needs a user name', async () => {
    const r = await runCli(['check', '127.0.0.1', '--oauth-token-env', 'TOKEN'], { env: ENV });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /an OAuth token needs --user/);
  });

  test('cli oauth: the token itself passed where the variable name belongs is not echoed', async () => {
    const env = { [ACCESS.replace(/\W/g, '_').toUpperCase()]: 'x' };
    for (const flag of ['--oauth-token-env', '--oauth-refresh-token-env', '--oauth-client-secret-env']) {
      const extra = flag === '--oauth-token-env' ? [] : ['--oauth-client-id', 'c', '--oauth-token-url', 'microsoft'];
      const value =
        flag === '--oauth-client-secret-env' ? CLIENT_SECRET : flag === '--oauth-token-env' ? ACCESS : REFRESH;
      const r = await check([flag, value, ...extra], env);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no environment variable with that name .* what you gave is not shown/);
      assertNoSecret(r);
    }
    const r = await check(['--oauth-token-file', ACCESS]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--oauth-token-file: no file by that name \(did you pass the token instead/);
    assertNoSecret(r);
  });

  test('cli oauth: SMTP_PASS is not used with an OAuth token (no conflict, a note)', async () => {
    const r = await runCli(
      ['check', '--port', String(lab.ports.starttls), ...common.slice(3), '--oauth-token-env', 'TOKEN'],
      {
        env: { ...ENV, SMTP_HOST: '127.0.0.1', SMTP_PASS: 'env password' },
      },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /note: SMTP_PASS is not used: the OAuth token is/);
  });
});

describe('cli session --oauth-token-*', () => {
  const session = (args: string[], env: NodeJS.ProcessEnv = ENV): Promise<CliRun> =>
    runCli(['session', ...common.slice(0, 7), '--user', USER, ...args], { env });

  test('cli oauth: session --help lists the token flags', async () => {
    const r = await runCli(['session', '--help']);
    assert.match(r.stdout, /--oauth-token-env VAR/);
    assert.match(r.stdout, /--oauth-token-file F/);
  });

  test('cli oauth: session --oauth-token-env logs in with XOAUTH2 (exit 0); a wrong token is refused (exit 1)', async () => {
    for (const format of [[], ['--json']]) {
      const ok = await session(['--oauth-token-env', 'TOKEN', ...format]);
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assertNoSecret(ok);
    }
    const wrong = await session(['--oauth-token-env', 'TOKEN'], { TOKEN: `${ACCESS}x` });
    assert.equal(wrong.code, 1, wrong.stdout + wrong.stderr);
    assertNoSecret(wrong);
  });

  test('cli oauth: session refuses a token with a password or a password mechanism (exit 2)', async () => {
    const both = await session(['--oauth-token-env', 'TOKEN', '--password-env', 'PW']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /either a password/);
    const plain = await session(['--oauth-token-env', 'TOKEN', '--mechanism', 'PLAIN']);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /--mechanism PLAIN takes a password/);
    const noUser = await runCli(['session', '127.0.0.1', '--oauth-token-env', 'TOKEN'], { env: ENV });
    assert.equal(noUser.code, 2);
    assert.match(noUser.stderr, /needs --user/);
  });
});
