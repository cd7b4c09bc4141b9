import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Lab } from '../../../src/lab/index.js';
import { withLab } from '../../helpers/lab.js';

function available(tool: string, args: string[], needs?: RegExp): string | false {
  try {
    const out = execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (needs && !needs.test(out))
      return `${tool} is installed without TLS support (CI installs it with apt-get; see .ci/run)`;
    return false;
  } catch {
    return `${tool} is not installed (CI installs it with apt-get; see .ci/run)`;
  }
}
const SWAKS = available('swaks', ['--support'], /TLS supported/);
const CURL = available('curl', ['--version'], /smtp/);
// CI installs both (.ci/run): there a missing client fails instead of skipping its tests.
for (const missing of [SWAKS, CURL])
  if (missing && process.env.CI)
    test(`clients: CI has ${missing.split(' ')[0] ?? ''} installed`, () => assert.fail(missing));

interface Run {
  code: number;
  output: string;
}

function run(tool: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tool, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

let dir = '';
async function caFile(lab: Lab): Promise<string> {
  const file = join(dir, `${lab.listeners[0]?.port ?? 0}.pem`);
  await writeFile(file, lab.ca);
  return file;
}

async function swaks(lab: Lab, extra: string[]): Promise<Run> {
  const ca = await caFile(lab);
  return run('swaks', [
    '--server',
    `127.0.0.1:${lab.ports.starttls ?? 0}`,
    '-tls',
    '--tls-verify',
    '--tls-ca-path',
    ca,
    '--from',
    'me@lab.test',
    '--to',
    'you@lab.test',
    ...extra,
  ]);
}

async function curl(lab: Lab, url: string, user: string): Promise<Run> {
  const ca = await caFile(lab);
  return run('curl', [
    '-sS',
    '-v',
    '--url',
    url,
    '--ssl-reqd',
    '--cacert',
    ca,
    '--user',
    user,
    '--mail-from',
    'me@lab.test',
    '--mail-rcpt',
    'you@lab.test',
    '-T',
    '/dev/null',
  ]);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-clients-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('swaks against the lab personas', { skip: SWAKS }, () => {
  test("lab: swaks sees Gmail's two-line 534-5.7.9 for a 2SV account password and exits 28 (auth failed)", async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const r = await swaks(lab, [
        '--auth',
        'PLAIN',
        '--auth-user',
        'bob@lab.test',
        '--auth-password',
        'bobs-google-password',
        '--quit-after',
        'AUTH',
      ]);
      assert.equal(r.code, 28, r.output);
      assert.match(
        r.output,
        /<~\* 534-5\.7\.9 Application-specific password required\. For more information, go to\n<~\* 534 5\.7\.9 {2}https:\/\/support\.google\.com\/mail\/\?p=InvalidSecondFactor \S+ - gsmtp/,
      );
    });
  });

  test('lab: swaks without --auth type tries every advertised mechanism: three failed logins for one wrong password', async () => {
    await withLab({}, async (lab) => {
      const r = await swaks(lab, [
        '--auth',
        '--auth-user',
        'alice@lab.test',
        '--auth-password',
        'wrong',
        '--quit-after',
        'AUTH',
      ]);
      assert.equal(r.code, 28, r.output);
      assert.equal(lab.failedLogins, 3);
    });
  });

  test('lab: swaks sends a message through the Postfix persona and sees its queue id', async () => {
    await withLab({ persona: 'postfix-dovecot' }, async (lab) => {
      const r = await swaks(lab, [
        '--auth',
        'LOGIN',
        '--auth-user',
        'alice@lab.test',
        '--auth-password',
        'lab-password-1',
      ]);
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /<~ {2}250 2\.0\.0 Ok: queued as [0-9A-F]+/);
    });
  });

  test('lab: swaks refuses to go on when STARTTLS is stripped', async () => {
    await withLab({ persona: 'postfix-dovecot', faults: ['strip-starttls'] }, async (lab) => {
      const r = await swaks(lab, [
        '--auth',
        'PLAIN',
        '--auth-user',
        'alice@lab.test',
        '--auth-password',
        'lab-password-1',
      ]);
      assert.notEqual(r.code, 0);
      assert.match(r.output, /STARTTLS/);
      assert.ok(!/AUTH PLAIN/.test(r.output), 'no credentials were sent');
    });
  });
});

describe('curl against the lab personas', { skip: CURL }, () => {
  test("lab: curl gets Login denied (exit 67) and shows Gmail's 534-5.7.9 reply", async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const r = await curl(lab, `smtp://127.0.0.1:${lab.ports.starttls ?? 0}`, 'bob@lab.test:bobs-google-password');
      assert.equal(r.code, 67, r.output);
      assert.match(r.output, /< 534-5\.7\.9 Application-specific password required\. For more information, go to/);
      assert.match(r.output, /< 534 5\.7\.9 {2}https:\/\/support\.google\.com\/mail\/\?p=InvalidSecondFactor/);
    });
  });

  test('lab: curl sends through SES over STARTTLS', async () => {
    await withLab({ persona: 'ses' }, async (lab) => {
      const r = await curl(
        lab,
        `smtp://127.0.0.1:${lab.ports.starttls ?? 0}`,
        'AKIALABEXAMPLE000001:BLabSmtpPasswordDerivedForUsEast1xxxxxxxxxxx',
      );
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /< 235 Authentication successful\./);
    });
  });

  test("lab: curl over implicit TLS (smtps://) gets Exim's 535 Incorrect authentication data", async () => {
    await withLab({ persona: 'exim' }, async (lab) => {
      const r = await curl(lab, `smtps://127.0.0.1:${lab.ports.tls ?? 0}`, 'alice@lab.test:wrong');
      assert.equal(r.code, 67, r.output);
      assert.match(r.output, /< 535 Incorrect authentication data/);
    });
  });

  test('lab: curl refuses the expired certificate before any login (exit 60)', async () => {
    await withLab({ persona: 'gmail', faults: ['expired-cert'] }, async (lab) => {
      const r = await curl(lab, `smtps://127.0.0.1:${lab.ports.tls ?? 0}`, 'alice@lab.test:abcdefghijklmnop');
      assert.equal(r.code, 60, r.output);
      assert.match(r.output, /expired/i);
    });
  });
});
