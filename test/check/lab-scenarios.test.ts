// check end to end against lab scenarios that are easy to get wrong: auto with a port and
// alternatives, passwords in the clear on a refused login, auth-ok next to other problems, every port refused, a
// slow greeting, and plaintext settings on servers that offer STARTTLS on the same port.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check, type CheckOptions } from '../../src/check/check.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startLab, type Lab, type LabLogEvent, type LabOptions } from '../../src/lab/index.js';
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { exitCodeOf } from '../../src/report/create.js';
import { labCertificates } from '../helpers/certs.js';
import { freePort } from '../helpers/ports.js';

const USER = 'alice@lab.test';
const PASSWORD = 'correct horse';

function ids(report: Report): string[] {
  return report.findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`);
}

function finding(report: Report, id: string): Finding {
  const found = report.findings.find((f) => f.id === id);
  assert.ok(found, `${id} in ${ids(report).join(', ')}`);
  return found;
}

/** AUTH commands the lab received on a connection that never ran STARTTLS (its STARTTLS listener): in the clear. */
function plaintextAuths(log: LabLogEvent[]): number {
  const tlsSessions = new Set(
    log.filter((e) => e.kind === 'client' && /^STARTTLS/i.test(e.text)).map((e) => e.session),
  );
  return log.filter(
    (e) => e.kind === 'client' && e.listener === 'starttls' && /^AUTH /i.test(e.text) && !tlsSessions.has(e.session),
  ).length;
}

describe('check against the lab: the review cases', () => {
  let certs: LabCertificates;
  const labs: Lab[] = [];
  before(async () => {
    certs = await labCertificates();
  });
  after(() => Promise.all(labs.map((l) => l.close())));

  async function lab(options: LabOptions, log?: LabLogEvent[]): Promise<Lab> {
    const started = await startLab({
      accounts: [`${USER}:"${PASSWORD}"`],
      certificates: certs,
      ...(log ? { log: (event: LabLogEvent) => log.push(event) } : {}),
      ...options,
    });
    labs.push(started);
    return started;
  }

  function run(l: Lab, overrides: Partial<CheckOptions>, password = PASSWORD): Promise<Report> {
    return check({
      host: '127.0.0.1',
      ca: [l.ca],
      timeoutMs: 1_500,
      alternatives: [{ port: l.ports.tls ?? 0, security: 'tls' }],
      credentials: { username: USER, secret: new Secret(password) },
      ...overrides,
    });
  }

  test('check: --security auto with a port whose STARTTLS is stripped probes the alternative and proves it', async () => {
    const log: LabLogEvent[] = [];
    const l = await lab({ persona: 'gmail', faults: ['strip-starttls'] }, log);
    const report = await run(l, { port: l.ports.starttls, security: 'auto' });
    assert.equal(ids(report)[0], 'starttls-unavailable/not-offered');
    assert.deepEqual(report.findings[0]?.fixes[0]?.settings, { port: l.ports.tls, security: 'tls' });
    assert.deepEqual(
      { port: report.working?.port, security: report.working?.security, proven: report.working?.proven },
      { port: l.ports.tls, security: 'tls', proven: 'login' },
    );
    assert.ok(log.some((e) => e.port === l.ports.tls && e.kind === 'client' && /^AUTH /.test(e.text)));
    assert.equal(plaintextAuths(log), 0);
  });

  test('check: a wrong password sent in the clear (--allow-plaintext) is refused and warned about, the refusal first', async () => {
    const log: LabLogEvent[] = [];
    const l = await lab({ persona: 'plain' }, log);
    const report = await run(
      l,
      { port: l.ports.starttls, security: 'none', allowPlaintext: true, alternatives: [] },
      'wrong password',
    );
    assert.equal(plaintextAuths(log), 1, 'the lab saw the AUTH in the clear');
    assert.equal(report.findings[0]?.id, 'credentials-rejected');
    assert.equal(finding(report, 'credentials-sent-in-clear').severity, 'warning');
    assert.ok(!JSON.stringify(report).includes('wrong password'));
  });

  test('check: SES answering 530 to an AUTH sent in the clear: its own finding first, then the warning', async () => {
    const log: LabLogEvent[] = [];
    const l = await lab({ persona: 'ses', accounts: ['AKIALABEXAMPLE000001:BLabSmtpPassword'] }, log);
    const report = await run(l, {
      port: l.ports.starttls,
      security: 'none',
      allowPlaintext: true,
      credentials: { username: 'AKIALABEXAMPLE000001', secret: new Secret('BLabSmtpPassword') },
    });
    assert.equal(plaintextAuths(log), 1);
    assert.equal(report.findings[0]?.id, 'auth-requires-tls');
    assert.equal(finding(report, 'credentials-sent-in-clear').severity, 'warning');
  });

  for (const fault of ['self-signed-cert', 'expired-cert', 'wrong-host-cert']) {
    test(`check: --insecure past a ${fault}: the login works, but auth-ok does not say "nothing to change"`, async () => {
      const l = await lab({ persona: 'postfix-dovecot', faults: [fault] });
      const report = await run(l, { port: l.ports.starttls, security: 'starttls', insecure: true, alternatives: [] });
      assert.equal(exitCodeOf(report), 0);
      // The verdict is ok: the working login leads, the certificate warning follows it.
      assert.equal(report.findings[0]?.id, 'auth-ok');
      assert.equal(finding(report, 'certificate-invalid').severity, 'warning');
      const fix = finding(report, 'auth-ok').fixes[0]?.text ?? '';
      assert.doesNotMatch(fix, /Nothing to change/);
      assert.match(fix, /fix the other problems in this report/);
      assert.equal(report.working?.certificateVerified, false);
    });
  }

  test('check: no port given and nothing listening: every endpoint tried is named, none blamed alone', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const report = await check({
      host: '127.0.0.1',
      security: 'auto',
      alternatives: ports.map((port) => ({ port, security: 'starttls' as const })),
      credentials: { username: USER, secret: new Secret(PASSWORD) },
    });
    const [first] = report.findings;
    assert.equal(first?.id, 'connection-refused');
    assert.equal(first.detail, 'every-port');
    for (const port of ports) assert.match(first.summary, new RegExp(`\\b${port}\\b`));
    assert.ok(!first.fixes.some((f) => /Check the host and port/.test(f.text)));
  });

  test('check: a greeting later than a --timeout of 300 ms: the user’s own limit, too short, and raising it the fix', async () => {
    const l = await lab({ persona: 'exim', faults: ['late-greeting=3000'] });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', timeoutMs: 300, alternatives: [] });
    const [first] = report.findings;
    assert.deepEqual([first?.id, first?.detail], ['connection-timeout', 'own-timeout']);
    assert.match(first?.title ?? '', /^Your --timeout of 300 ms is too short/);
    assert.deepEqual(
      first?.fixes.map((f) => f.id),
      ['deadline.raise-timeout'],
    );
  });

  test('check: a --deadline of 5 ms: the user’s own deadline ran out, never a server that stalled or is overloaded', async () => {
    const l = await lab({ persona: 'exim' });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', deadlineMs: 5, alternatives: [] });
    assert.deepEqual(
      report.findings.map((f) => `${f.id}/${f.detail ?? ''}`),
      ['connection-timeout/deadline'],
    );
    assert.match(report.findings[0]?.title ?? '', /^Your --deadline of 5 ms ran out/);
    assert.deepEqual(report.evidence.limits?.deadline, { ms: 5, userSet: true });
    assert.deepEqual(report.evidence.limits.timeout, { ms: 1_500, userSet: true });
  });

  test('check: a greeting later than the timeout: both readings, the timeout named, the client setting to raise', async () => {
    const l = await lab({ persona: 'exim', faults: ['late-greeting=3000'] });
    const report = await run(l, { port: l.ports.starttls, security: 'starttls', timeoutMs: 1200, alternatives: [] });
    const [first] = report.findings;
    assert.equal(first?.id, 'greeting-timeout');
    assert.match(first.summary, /within 1\.2 s, the --timeout you set/);
    assert.ok(first.evidence.some((q) => /was yours: --timeout 1200/.test(q.text)));
    assert.match(first.summary, /greets slowly/);
    assert.match(first.fixes[0]?.text ?? '', /greetingTimeout, default 30 s/);
  });

  for (const persona of ['plain', 'postfix-dovecot', 'exim', 'haraka', 'opensmtpd']) {
    test(`check: ${persona} with --security none: the fixes are what the probe proved, the login first`, async () => {
      const log: LabLogEvent[] = [];
      const l = await lab({ persona }, log);
      const report = await run(l, { port: l.ports.starttls, security: 'none' });
      assert.equal(plaintextAuths(log), 0, 'no credentials in the clear');
      const fixes = finding(report, 'auth-requires-tls').fixes;
      // The login is proven on implicit TLS; STARTTLS on the user's own port reached AUTH over verified TLS.
      assert.deepEqual(
        fixes.map((f) => f.settings),
        [
          { port: l.ports.tls, security: 'tls' },
          { port: l.ports.starttls, security: 'starttls' },
        ],
      );
      assert.match(fixes[0]?.text ?? '', /logged in/);
      assert.match(fixes[1]?.text ?? '', /reached the login there over verified TLS/);
      assert.deepEqual(
        { port: report.working?.port, security: report.working?.security, proven: report.working?.proven },
        { port: l.ports.tls, security: 'tls', proven: 'login' },
      );
    });
  }
});
