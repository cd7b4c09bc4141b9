import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check, type CheckOptions } from '../../src/check/check.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startLab, type Lab, type LabOptions } from '../../src/lab/index.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { exitCodeOf } from '../../src/report/create.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { renderReportJson } from '../../src/report/json.js';
import { renderReportText } from '../../src/report/text.js';
import { labCertificates } from '../helpers/certs.js';
import { freePort } from '../helpers/ports.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8')) as object;
const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
/** Every report of this file, checked against the published JSON Schema at the end. */
const reports: Report[] = [];

const USER = 'alice@lab.test';
const PASSWORD = 'correct horse';

function ids(report: Report): string[] {
  return report.findings.map((f) => f.id);
}

/** Every AUTH exchange of the run: the lockout budget is about these. */
function authAttempts(report: Report): number {
  return report.evidence.sessions.filter((s) => s.record.auth).length;
}

describe('check end to end against the lab', () => {
  let certs: LabCertificates;
  const labs: Lab[] = [];
  before(async () => {
    certs = await labCertificates();
  });
  after(() => Promise.all(labs.map((l) => l.close())));

  async function lab(options: LabOptions = {}): Promise<Lab> {
    const started = await startLab({
      persona: 'plain',
      accounts: [`${USER}:"${PASSWORD}"`],
      certificates: certs,
      ...options,
    });
    labs.push(started);
    return started;
  }

  /** check() against a scripted server: its only endpoint, the lab CA, a password login. */
  function checkScripted(server: ScriptedServer): Promise<Report> {
    return check({
      host: '127.0.0.1',
      port: server.port,
      security: 'starttls',
      ca: [certs.ca.cert],
      alternatives: [],
      credentials: { username: USER, secret: new Secret(PASSWORD) },
    });
  }

  async function run(l: Lab, overrides: Partial<CheckOptions>, password = PASSWORD): Promise<Report> {
    const report = await check({
      host: '127.0.0.1',
      ca: [l.ca],
      timeoutMs: 1_500,
      alternatives: l.listeners.map((x) => ({ port: x.port, security: x.security })),
      credentials: { username: USER, secret: new Secret(password) },
      ...overrides,
    });
    reports.push(report);
    return report;
  }

  test('check(target, options): an smtps:// URL gives host, port, implicit TLS, user and password', async () => {
    const l = await lab();
    const url = `smtps://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${l.ports.tls}`;
    const report = await check(url, { ca: [l.ca], alternatives: [] });
    reports.push(report);
    assert.equal(ids(report)[0], 'auth-ok');
    assert.deepEqual(
      { port: report.target?.port, security: report.target?.security, username: report.target?.username },
      { port: l.ports.tls, security: 'tls', username: USER },
    );
  });

  test('check(target, options): the options win over the target, and a user without a password skips the login', async () => {
    const l = await lab();
    const report = await check(`127.0.0.1:${l.ports.tls}`, {
      port: l.ports.starttls,
      security: 'starttls',
      username: USER,
      ca: [l.ca],
      alternatives: [],
    });
    reports.push(report);
    assert.equal(report.target?.port, l.ports.starttls);
    assert.equal(report.target?.username, USER);
    assert.equal(authAttempts(report), 0);
    await assert.rejects(check('not a host!', {}), { name: 'InputError' });
  });

  test('check: a correct login on 587 STARTTLS is auth-ok, proven, exit 0', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'starttls' });
    assert.equal(ids(report)[0], 'auth-ok');
    assert.equal(report.verdict, 'ok');
    assert.equal(exitCodeOf(report), 0);
    assert.deepEqual(report.working, {
      host: '127.0.0.1',
      port: l.ports.starttls,
      security: 'starttls',
      mechanism: 'PLAIN',
      username: USER,
      proven: 'login',
    });
    assert.equal(authAttempts(report), 1);
    assert.equal(l.failedLogins, 0);
  });

  test("check: --connect-to dials the lab under a provider's host name: no DNS lookup, the provider recognised by host", async () => {
    // Left to itself the lab makes a certificate that also names the persona's real host.
    const l = await startLab({ persona: 'sendgrid', accounts: ['apikey:SG.lab-key'] });
    labs.push(l);
    assert.ok(l.certificateNames.includes('smtp.sendgrid.net'));
    const report = await run(l, {
      host: 'smtp.sendgrid.net',
      connectTo: '127.0.0.1',
      port: l.ports.starttls,
      security: 'starttls',
      credentials: { username: 'apikey', secret: new Secret('SG.lab-key') },
      resolver: {
        lookup: () => Promise.reject(new Error('no DNS lookup may happen with --connect-to')),
        resolveMx: () => Promise.reject(new Error('no MX lookup either')),
      },
    });
    assert.equal(ids(report)[0], 'auth-ok');
    assert.deepEqual(report.evidence.dns, {
      host: 'smtp.sendgrid.net',
      addresses: ['127.0.0.1'],
      connectTo: '127.0.0.1',
    });
    assert.deepEqual(report.evidence.providerHints[0], {
      provider: 'sendgrid',
      by: 'host',
      quote: 'smtp.sendgrid.net',
    });
    assert.equal(report.working?.host, 'smtp.sendgrid.net');
    assert.equal(report.target?.connectTo, '127.0.0.1');
    assert.match(
      renderReportText(report, { color: false }),
      /^\(smtp\.sendgrid\.net:\d+ via 127\.0\.0\.1, STARTTLS, /m,
    );
    assert.ok(report.evidence.sessions.every((s) => s.record.target.connectTo === '127.0.0.1'));
  });

  test('check: a correct login on 465 implicit TLS is auth-ok', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.tls, security: 'tls' });
    assert.equal(ids(report)[0], 'auth-ok');
    assert.equal(report.working?.security, 'tls');
  });

  test('check: a wrong password is credentials-rejected after exactly one attempt; the endpoint is proven', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'starttls' }, 'wrong password');
    assert.equal(ids(report)[0], 'credentials-rejected');
    assert.equal(exitCodeOf(report), 1);
    assert.equal(report.working?.proven, 'connection');
    assert.equal(l.failedLogins, 1);
    assert.equal(authAttempts(report), 1);
  });

  test('check: implicit TLS on the STARTTLS port is tls-mode-mismatch and STARTTLS is proven to work', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'tls' });
    const first = report.findings[0];
    assert.equal(first?.id, 'tls-mode-mismatch');
    assert.ok(first.fixes.some((f) => f.settings?.security === 'starttls' && f.settings.port === l.ports.starttls));
    assert.equal(report.working?.proven, 'login');
    assert.equal(l.failedLogins, 0);
  });

  test('check: STARTTLS on the implicit-TLS port is tls-mode-mismatch and implicit TLS is the fix', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.tls, security: 'starttls', timeoutMs: 500 });
    const first = report.findings[0];
    assert.equal(first?.id, 'tls-mode-mismatch');
    assert.ok(
      first.fixes.some((f) => f.settings?.security === 'tls'),
      JSON.stringify(first.fixes),
    );
    assert.equal(report.working?.proven, 'login');
  });

  test('check: AUTH offered only after STARTTLS, client without TLS: auth-requires-tls, no credentials in clear', async () => {
    const l = await lab({ persona: 'gmail' });
    const report = await run(l, { port: l.ports.starttls, security: 'none' });
    assert.equal(ids(report)[0], 'auth-requires-tls');
    const configured = report.evidence.sessions[0]?.record;
    assert.ok(configured && !configured.auth, 'no AUTH on the plaintext session');
    assert.equal(report.working?.security, 'starttls');
  });

  test('check: a port that offers no AUTH is auth-not-offered', async () => {
    const server = await startScriptedServer(async (ctx) => {
      ctx.line('220 mx.lab.test ESMTP');
      for (;;) {
        const line = await ctx.readLine(2_000);
        if (line === null) return;
        if (line.startsWith('EHLO')) ctx.write('250-mx.lab.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n');
        else if (line === 'STARTTLS') {
          ctx.line('220 2.0.0 Ready to start TLS');
          if (!(await ctx.startTls(certs.valid))) return;
        } else if (line === 'QUIT') return ctx.line('221 2.0.0 Bye');
        else ctx.line('502 5.5.1 command not recognized');
      }
    });
    try {
      const report = await checkScripted(server);
      assert.equal(ids(report)[0], 'auth-not-offered');
      assert.equal(authAttempts(report), 0);
    } finally {
      await server.close();
    }
  });

  test('check: the report names the provider its greeting text shows (Mailgun says no host name)', async () => {
    const l = await lab({ persona: 'mailgun', accounts: ['postmaster@mg.lab.test:pw'] });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls' });
    assert.equal(report.target?.provider, 'mailgun');
    assert.equal(report.evidence.providerHints[0]?.quote, 'Mailgun Influx ready');
  });

  test('check: a forced mechanism the server does not offer is mechanism-unsupported', async () => {
    const l = await lab({ persona: 'gmail' });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', mechanism: 'CRAM-MD5' });
    assert.equal(ids(report)[0], 'mechanism-unsupported');
  });

  for (const [fault, detail] of [
    ['self-signed-cert', 'self-signed'],
    ['expired-cert', 'expired'],
    ['wrong-host-cert', 'hostname-mismatch'],
  ] as const) {
    test(`check: a ${detail} certificate is certificate-invalid and no password is sent anywhere`, async () => {
      const l = await lab({ faults: [fault] });
      const report = await run(l, { port: l.ports.starttls, security: 'starttls' });
      assert.equal(ids(report)[0], 'certificate-invalid');
      assert.equal(report.findings[0]?.detail, detail);
      assert.equal(authAttempts(report), 0);
      assert.equal(report.working, null);
    });
  }

  test('check: a refused connection is connection-refused', async () => {
    const l = await lab();
    const port = l.ports.starttls ?? 0;
    await l.close();
    const report = await run(l, { port, security: 'starttls', alternatives: [] });
    assert.equal(ids(report)[0], 'connection-refused');
    assert.equal(exitCodeOf(report), 1);
  });

  test('check: a port that accepts but never greets is greeting-timeout', async () => {
    const l = await lab({ faults: ['no-greeting'] });
    // 1 s: a limit the user set that no server should miss (shorter ones are named as the user's own: lab-scenarios).
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', timeoutMs: 1000 });
    assert.equal(ids(report)[0], 'greeting-timeout');
  });

  test('check: a 454 on the first attempt stops at once: no second attempt whatever the budget', async () => {
    const l = await lab({ faults: ['rate-limit=0'] });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', maxAttempts: 3 });
    assert.equal(authAttempts(report), 1);
    // The lab's throttle says so in words ("Too many failed login attempts"), so the reply names the cause itself.
    assert.deepEqual(ids(report), ['rate-limited']);
    assert.equal(report.findings[0]?.signature, 'rfc.too-many');
  });

  // Gmail's 535 to a password that is no app password reads as "an app password is required" (a policy): the run stops
  // there, so its throttle is never reached (see the test below).
  for (const [persona, verdict, signature] of [['plain', 'credentials-rejected', 'rfc.too-many']] as const) {
    test(`check: ${persona}: a 454 on the retry after a real 535 is reported as rate-limited, after the credentials verdict`, async () => {
      const l = await lab({ persona, faults: ['rate-limit=1'] });
      const report = await run(
        l,
        { port: l.ports.starttls, security: 'starttls', maxAttempts: 3, alternatives: [] },
        // Non-ASCII: the one case where a 535 earns a retry with another mechanism (it may have mangled the secret).
        'wröng password',
      );
      // PLAIN gets 535, the LOGIN retry 454, and the 454 stops the run.
      const replies = report.evidence.sessions.map((s) => s.record.auth?.reply?.code);
      assert.deepEqual(replies, [535, 454]);
      assert.equal(ids(report)[0], verdict);
      const throttle = report.findings.filter((f) => f.evidence.some((q) => q.text.startsWith('454 ')));
      assert.deepEqual(
        throttle.map((f) => f.id),
        ['rate-limited'],
      );
      const [first] = throttle;
      assert.ok(first);
      assert.equal(first.signature, signature);
      assert.ok(report.findings.indexOf(first) > 0);
    });
  }

  test('check: gmail: a 535 that asks for an app password stops the run at one login, whatever the budget and the secret', async () => {
    const l = await lab({ persona: 'gmail', faults: ['rate-limit=1'] });
    const report = await run(
      l,
      { port: l.ports.starttls, security: 'starttls', maxAttempts: 3, alternatives: [] },
      // Non-ASCII, which would earn a retry with another mechanism after a plain 535: not after a policy refusal.
      'wröng password',
    );
    assert.deepEqual(
      report.evidence.sessions.map((s) => s.record.auth?.reply?.code),
      [535],
    );
    assert.equal(l.failedLogins, 1);
    assert.equal(ids(report)[0], 'app-password-required');
  });

  test('check: with a budget of 3 and a wrong password, the lab counts no more than 3 failed logins', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', maxAttempts: 3 }, 'wrong password');
    assert.ok(l.failedLogins <= 3);
    assert.equal(l.failedLogins, authAttempts(report));
    assert.equal(report.evidence.attempts?.failed, l.failedLogins);
  });

  test('check: STARTTLS stripped: starttls-unavailable and no credentials over plaintext', async () => {
    const l = await lab({ faults: ['strip-starttls'] });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls' });
    assert.equal(ids(report)[0], 'starttls-unavailable');
    for (const { record } of report.evidence.sessions) if (record.auth) assert.ok(record.tls, 'AUTH only inside TLS');
  });

  test('check: a server that resets during AUTH still gives a report: connection-lost', async () => {
    const server = await startScriptedServer(async (ctx) => {
      ctx.line('220 reset.lab.test ESMTP');
      await ctx.readLine();
      ctx.write('250-reset.lab.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n');
      await ctx.readLine();
      ctx.line('220 go ahead');
      if (!(await ctx.startTls(certs.valid))) return;
      await ctx.readLine();
      ctx.write('250-reset.lab.test\r\n250 AUTH PLAIN\r\n');
      await ctx.readLine();
      ctx.destroy();
    });
    try {
      const report = await checkScripted(server);
      assert.equal(ids(report)[0], 'connection-lost');
      assert.equal(exitCodeOf(report), 1);
    } finally {
      await server.close();
    }
  });

  test('check: without credentials it proves the endpoint and says how to test the login', async () => {
    const l = await lab();
    const report = await check({
      host: '127.0.0.1',
      port: l.ports.starttls,
      security: 'starttls',
      ca: [l.ca],
      alternatives: [],
    });
    assert.equal(report.verdict, 'inconclusive');
    assert.equal(report.working?.proven, 'connection');
    assert.match(report.nextSteps?.[0] ?? '', /No login was attempted/);
  });

  test('check: a user without a password keeps the user in the target and asks only for the password', async () => {
    const l = await lab();
    const report = await check({
      host: '127.0.0.1',
      port: l.ports.starttls,
      security: 'starttls',
      ca: [l.ca],
      alternatives: [],
      username: USER,
    });
    reports.push(report);
    assert.equal(exitCodeOf(report), 3);
    assert.equal(report.target?.username, USER);
    assert.match(report.nextSteps?.[0] ?? '', /No password was given for "alice@lab\.test".*--password-env VAR/);
    assert.ok(!report.nextSteps?.some((step) => step.includes('--user')), report.nextSteps?.join('\n'));
    assert.ok(!renderReportText(report, { color: false }).includes('no diagnosis could be made'));
  });

  test('check: --max-attempts 0 says the login was skipped on purpose and what was learned without it', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', maxAttempts: 0 });
    assert.equal(authAttempts(report), 0);
    assert.equal(l.failedLogins, 0);
    assert.equal(exitCodeOf(report), 3);
    assert.equal(report.target?.username, USER);
    const steps = report.nextSteps ?? [];
    assert.match(steps[0] ?? '', /skipped on purpose \(--max-attempts 0\)/);
    assert.match(
      steps[1] ?? '',
      new RegExp(`Learned without logging in: port ${l.ports.starttls} with STARTTLS offers AUTH PLAIN`),
    );
    assert.ok(!steps.some((step) => /--verbose|give --user/.test(step)), steps.join('\n'));
    const text = renderReportText(report, { color: false });
    assert.match(text, /^Verdict: inconclusive — the login was not tested\.$/m);
    assert.match(text, /user "alice@lab\.test"/);
  });

  test('check: an empty password is credentials-missing without any AUTH sent (the lab counts no failed login)', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'starttls' }, '');
    assert.equal(ids(report)[0], 'credentials-missing');
    assert.equal(authAttempts(report), 0);
    assert.equal(l.failedLogins, 0);
    assert.equal(exitCodeOf(report), 1);
  });

  test('check: a test message after login reports message-accepted', async () => {
    const l = await lab();
    const report = await run(l, {
      port: l.ports.starttls,
      security: 'starttls',
      send: { from: USER, to: ['bob@lab.test'] },
    });
    assert.deepEqual(ids(report).slice(0, 2).sort(), ['auth-ok', 'message-accepted']);
  });

  test('check: implicit TLS on the STARTTLS port and a login refused on the implicit-TLS port: both verdicts', async () => {
    const l = await lab({ persona: 'gmail' });
    const report = await run(
      l,
      { port: l.ports.starttls, security: 'tls', alternatives: [{ port: l.ports.tls ?? 0, security: 'tls' }] },
      'wrongpass',
    );
    assert.deepEqual(ids(report).slice(0, 3), ['tls-mode-mismatch', 'app-password-required', 'credentials-rejected']);
    const verdict = report.findings[1];
    assert.equal(verdict?.signature, 'google.bad-credentials');
    assert.ok(verdict.evidence.some((q) => q.text.startsWith('535-5.7.8')));
    const deadEnds = report.findings.flatMap((f) => f.deadEnds.map((d) => d.text));
    assert.ok(!deadEnds.includes('Changing the password'), deadEnds.join(' | '));
    assert.doesNotMatch(JSON.stringify(report.findings[0]?.fixes), /where it works/);
    assert.deepEqual(report.working, {
      host: '127.0.0.1',
      port: l.ports.starttls,
      security: 'starttls',
      username: USER,
      proven: 'connection',
    });
  });

  test('check: Gmail refuses a wrong 16-letter app password: credentials-rejected, not "account password"', async () => {
    const l = await lab({
      persona: 'gmail',
      accounts: ['bob@lab.test:bobs-google-password 2sv app-password=qrstuvwxyzabcdef'],
    });
    const report = await run(l, {
      port: l.ports.starttls,
      security: 'starttls',
      alternatives: [],
      credentials: { username: 'bob@lab.test', secret: new Secret('abcdabcdabcdabcd') },
    });
    assert.equal(ids(report)[0], 'credentials-rejected');
    assert.equal(report.findings[0]?.signature, 'google.bad-credentials');
    assert.ok(!ids(report).includes('app-password-required'), ids(report).join());
  });

  describe('Microsoft 365 under its own host name (--connect-to)', () => {
    const HOST = 'smtp.office365.com';
    /** Its own certificates: they must name smtp.office365.com. */
    async function m365(options: LabOptions = {}): Promise<Lab> {
      const started = await startLab({ persona: 'microsoft365', accounts: [`${USER}:"${PASSWORD}"`], ...options });
      labs.push(started);
      return started;
    }

    test('check: STARTTLS stripped on its submission host: one starttls-unavailable, no port 465, no "MX host" advice', async () => {
      const l = await m365({ faults: ['strip-starttls'] });
      const report = await run(l, { host: HOST, connectTo: '127.0.0.1', port: l.ports.starttls, alternatives: [] });
      assert.deepEqual(ids(report), ['starttls-unavailable']);
      const fixes = report.findings[0]?.fixes ?? [];
      assert.ok(!fixes.some((f) => f.settings?.port === 465 || /\b465\b/.test(f.text)), JSON.stringify(fixes));
      assert.ok(!fixes.some((f) => f.text.includes('MX host')), JSON.stringify(fixes));
    });

    test('check: STARTTLS injection: no port 465 advice', async () => {
      const l = await m365({ faults: ['starttls-injection'] });
      const report = await run(l, { host: HOST, connectTo: '127.0.0.1', port: l.ports.starttls, alternatives: [] });
      assert.equal(ids(report)[0], 'starttls-injection');
      const fixes = report.findings.flatMap((f) => f.fixes);
      assert.ok(!fixes.some((f) => f.settings?.port === 465 || /\b465\b/.test(f.text)), JSON.stringify(fixes));
    });

    test('check: a refused port: the port the probe proved comes first, and no other host', async () => {
      const l = await m365();
      const closed = await freePort();
      const report = await run(l, {
        host: HOST,
        connectTo: '127.0.0.1',
        port: closed,
        security: 'tls',
        alternatives: [{ port: l.ports.starttls ?? 0, security: 'starttls' }],
      });
      assert.equal(ids(report)[0], 'connection-refused');
      const fixes = report.findings[0]?.fixes ?? [];
      assert.deepEqual(fixes[0]?.settings, { port: l.ports.starttls, security: 'starttls' });
      assert.ok(!fixes.some((f) => f.settings?.host !== undefined), JSON.stringify(fixes));
    });

    test("check: a test message refused with SendAsDenied: one sender-rejected, Microsoft's", async () => {
      const l = await m365({ replay: 'microsoft365.send-as-denied' });
      const report = await run(l, {
        host: HOST,
        connectTo: '127.0.0.1',
        port: l.ports.starttls,
        alternatives: [],
        send: { from: USER, to: ['bob@lab.test'] },
      });
      const senders = report.findings.filter((f) => f.id === 'sender-rejected');
      assert.equal(senders.length, 1, ids(report).join());
      assert.equal(senders[0]?.detail, 'send-as');
      assert.equal(senders[0].signature, 'microsoft365.send-as-denied');
    });
  });

  test('check: the report never contains the password', async () => {
    const l = await lab();
    const report = await run(l, { port: l.ports.starttls, security: 'starttls' }, 'wrong password');
    assert.ok(!JSON.stringify(report).includes('wrong password'));
  });

  test('check: every report of these cases validates against docs/report.schema.json as printed by --json', () => {
    assert.ok(reports.length >= 10);
    for (const report of reports) {
      const ok = validateReport(JSON.parse(renderReportJson(report)));
      assert.ok(ok, `${report.findings[0]?.id ?? 'none'}: ${JSON.stringify(validateReport.errors?.slice(0, 3))}`);
    }
  });
});
