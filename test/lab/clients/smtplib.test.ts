import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Lab } from '../../../src/lab/index.js';
import { withLab } from '../../helpers/lab.js';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import smtplib, ssl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const SKIP = hasPython() ? false : 'python3 with smtplib is not installed';
// CI installs python3 (.ci/run): there a missing interpreter fails instead of skipping these tests.
if (SKIP && process.env.CI) test('smtplib: CI has python3 with smtplib installed', () => assert.fail(SKIP));

/** One smtplib session, as an application would write it; prints what smtplib raised (or ok) as JSON. */
const SCRIPT = `
import json, smtplib, ssl, sys
host, port, mode, user, password, cafile, send = sys.argv[1:8]
ctx = ssl.create_default_context(cafile=cafile)
out = {}
try:
    if mode == 'ssl':
        s = smtplib.SMTP_SSL(host, int(port), context=ctx, timeout=5)
    else:
        s = smtplib.SMTP(host, int(port), timeout=5)
        if mode == 'starttls':
            s.starttls(context=ctx)
    if user:
        s.login(user, password)
    if send == 'yes':
        s.sendmail('me@lab.test', ['you@lab.test'], 'Subject: lab\\r\\n\\r\\nhello\\r\\n')
    s.quit()
    out = {'ok': True}
except smtplib.SMTPResponseException as e:
    out = {'error': type(e).__name__, 'code': e.smtp_code, 'message': e.smtp_error.decode('utf-8', 'replace')}
except Exception as e:
    out = {'error': type(e).__name__, 'message': str(e)}
print(json.dumps(out))
`;

interface PyResult {
  ok?: boolean;
  error?: string;
  code?: number;
  message?: string;
}

let dir = '';
function smtplib(
  lab: Lab,
  mode: 'starttls' | 'ssl' | 'none',
  user: string,
  password: string,
  send = false,
): Promise<PyResult> {
  const port = mode === 'ssl' ? lab.ports.tls : lab.ports.starttls;
  const caFile = join(dir, `${lab.ports.starttls ?? lab.ports.tls ?? 0}.pem`);
  return writeFile(caFile, lab.ca).then(
    () =>
      new Promise((resolve, reject) => {
        execFile(
          'python3',
          ['-c', SCRIPT, '127.0.0.1', String(port), mode, user, password, caFile, send ? 'yes' : 'no'],
          { timeout: 20_000 },
          (err, stdout) => {
            if (err) reject(new Error(`python3 failed: ${err.message}`, { cause: err }));
            else resolve(JSON.parse(stdout) as PyResult);
          },
        );
      }),
  );
}

describe('Python smtplib against the lab personas', { skip: SKIP }, () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-smtplib-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("lab: smtplib gets SMTPAuthenticationError 534 with Gmail's app-password text for a 2SV account password", async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const r = await smtplib(lab, 'starttls', 'bob@lab.test', 'bobs-google-password');
      assert.equal(r.error, 'SMTPAuthenticationError');
      assert.equal(r.code, 534);
      assert.match(
        r.message ?? '',
        /^5\.7\.9 Application-specific password required\. For more information, go to\n5\.7\.9 {2}https:\/\/support\.google\.com\/mail\/\?p=InvalidSecondFactor \S+ - gsmtp$/,
      );
    });
  });

  test('lab: smtplib login() before starttls() on Gmail raises SMTPNotSupportedError (no AUTH before TLS)', async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const r = await smtplib(lab, 'none', 'alice@lab.test', 'abcdefghijklmnop');
      assert.equal(r.error, 'SMTPNotSupportedError');
      assert.equal(r.message, 'SMTP AUTH extension not supported by server.');
    });
  });

  test("lab: smtplib login() before starttls() on SES gets (530, 'Must issue a STARTTLS command first')", async () => {
    await withLab({ persona: 'ses' }, async (lab) => {
      const r = await smtplib(lab, 'none', 'AKIALABEXAMPLE000001', 'BLabSmtpPasswordDerivedForUsEast1xxxxxxxxxxx');
      assert.deepEqual(r, {
        error: 'SMTPAuthenticationError',
        code: 530,
        message: 'Must issue a STARTTLS command first',
      });
    });
  });

  test('lab: smtplib gets 535 5.7.139 basic authentication is disabled from Microsoft 365', async () => {
    await withLab({ persona: 'microsoft365' }, async (lab) => {
      const r = await smtplib(lab, 'starttls', 'bob@lab.test', 'lab-password-2');
      assert.equal(r.code, 535);
      assert.match(r.message ?? '', /^5\.7\.139 Authentication unsuccessful, basic authentication is disabled\. \[/);
    });
  });

  test("lab: smtplib over SMTP_SSL gets Yahoo's 535 5.7.0 (#AUTH005) for the account password", async () => {
    await withLab({ persona: 'yahoo' }, async (lab) => {
      const r = await smtplib(lab, 'ssl', 'bob@lab.test', 'bobs-yahoo-password');
      assert.deepEqual(r, {
        error: 'SMTPAuthenticationError',
        code: 535,
        message: '5.7.0 (#AUTH005) Too many bad auth attempts.',
      });
    });
  });

  test('lab: smtplib tries every advertised mechanism, so one wrong password costs three failed logins', async () => {
    await withLab({}, async (lab) => {
      const r = await smtplib(lab, 'starttls', 'alice@lab.test', 'wrong');
      assert.equal(r.code, 535);
      assert.equal(lab.failedLogins, 3);
    });
  });

  test('lab: smtplib sending on Gmail without login gets SMTPSenderRefused 530 Authentication Required', async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const r = await smtplib(lab, 'starttls', '', '', true);
      assert.equal(r.error, 'SMTPSenderRefused');
      assert.equal(r.code, 530);
      assert.match(
        r.message ?? '',
        /^5\.7\.0 Authentication Required\. For more information, go to\n5\.7\.0 {2}https:\/\/support\.google\.com\/mail\/\?p=WantAuthError/,
      );
    });
  });

  for (const [persona, user, password] of [
    ['sendgrid', 'apikey', 'SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789'],
    ['exim', 'alice@lab.test', 'lab-password-1'],
    ['haraka', 'alice@lab.test', 'lab-password-1'],
    ['opensmtpd', 'alice@lab.test', 'lab-password-1'],
    ['postmark', '00000000-lab0-4000-8000-postmarktoken', '00000000-lab0-4000-8000-postmarktoken'],
  ] as const) {
    test(`lab: smtplib logs in and sends through the ${persona} persona`, async () => {
      await withLab({ persona }, async (lab) => {
        assert.deepEqual(await smtplib(lab, 'starttls', user, password, true), { ok: true });
      });
    });
  }
});
