import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SMTPServerAuthentication } from 'smtp-server';
import { diagnose } from '../../src/diagnose/index.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startLab, type LabLogEvent } from '../../src/lab/index.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import type { Evidence } from '../../src/model/evidence.js';
import { Secret } from '../../src/model/secret.js';
import { probe, type ProbeOptions } from '../../src/probe/probe.js';
import { labCertificates } from '../helpers/certs.js';
import { startTestServer, type TestServer } from '../helpers/smtp-server.js';

const USER = 'alice@lab.test';
const PASSWORD = 'correct horse';

/** Every AUTH exchange across the evidence: the lockout budget is about these. */
function authAttempts(evidence: Evidence): number {
  return evidence.sessions.filter((s) => s.record.auth).length;
}

function endpoints(evidence: Evidence): string[] {
  return evidence.sessions.map(
    (s) =>
      `${s.role === 'configured' ? '*' : ''}${s.record.target.port}/${s.record.target.security}:${s.record.outcome}`,
  );
}

/** Why each session was run, in evidence order. */
function purposes(evidence: Evidence): (string | undefined)[] {
  return evidence.sessions.map((s) => s.purpose);
}

describe('probe', () => {
  let certs: LabCertificates;
  let starttls: TestServer;
  let implicit: TestServer;
  let base: Partial<ProbeOptions>;
  before(async () => {
    certs = await labCertificates();
    starttls = await startTestServer({ pair: certs.valid });
    implicit = await startTestServer({ pair: certs.valid, secure: true });
    base = {
      host: '127.0.0.1',
      ca: [certs.ca.cert],
      timeoutMs: 2_000,
      alternatives: [
        { port: implicit.port, security: 'tls' },
        { port: starttls.port, security: 'starttls' },
      ],
    };
  });
  after(async () => {
    await starttls.close();
    await implicit.close();
  });

  const login = (overrides: Partial<ProbeOptions>, password = PASSWORD): Promise<Evidence> =>
    probe({ ...base, host: '127.0.0.1', credentials: { username: USER, secret: new Secret(password) }, ...overrides });

  test('probe: a correct login on STARTTLS, with every alternative probed in parallel', async () => {
    const evidence = await login({ port: starttls.port, security: 'starttls' });
    assert.deepEqual(endpoints(evidence), [
      `*${starttls.port}/starttls:authenticated`,
      `${implicit.port}/tls:connected`,
      `${starttls.port}/tls:stopped`,
    ]);
    assert.equal(authAttempts(evidence), 1);
    assert.deepEqual(purposes(evidence), ['configured', 'alternative', 'alternative']);
    assert.deepEqual(evidence.attempts, { allowed: 1, failed: 0 });
    assert.equal(evidence.credentials?.username, USER);
    assert.equal(evidence.credentials.secret?.length, PASSWORD.length);
    assert.ok(!JSON.stringify(evidence).includes(PASSWORD));
  });

  test('probe: a wrong password costs exactly one attempt and nothing else is tried', async () => {
    const evidence = await login({ port: starttls.port, security: 'starttls' }, 'wrong');
    assert.equal(evidence.sessions[0]?.record.outcome, 'auth-rejected');
    assert.equal(authAttempts(evidence), 1);
    assert.deepEqual(evidence.attempts, { allowed: 1, failed: 1 });
  });

  test('probe: implicit TLS on the STARTTLS port: the right mode is found and proven with a login', async () => {
    const evidence = await login({ port: starttls.port, security: 'tls' });
    const [configured, ...rest] = evidence.sessions;
    assert.equal(configured?.record.steps.find((s) => s.step === 'tls-handshake')?.failure?.kind, 'tls-error');
    const proven = rest.find((s) => s.record.outcome === 'authenticated');
    assert.ok(proven, endpoints(evidence).join(' '));
    assert.equal(proven.role, 'alternative');
    assert.equal(proven.purpose, 'login-elsewhere', 'the login on the alternative after a TLS failure says so');
    assert.equal(authAttempts(evidence), 1);
  });

  test('probe: STARTTLS on the implicit-TLS port: the greeting times out and 465-style TLS is proven', async () => {
    const evidence = await login({ port: implicit.port, security: 'starttls', timeoutMs: 400 });
    assert.equal(evidence.sessions[0]?.record.steps.find((s) => s.step === 'greeting')?.failure?.kind, 'timeout');
    assert.ok(
      evidence.sessions.some((s) => s.record.outcome === 'authenticated' && s.record.target.security === 'tls'),
    );
  });

  test('probe: plaintext settings on a server that needs TLS: no credentials in clear, login proven over STARTTLS', async () => {
    const evidence = await login({ port: starttls.port, security: 'none' });
    assert.equal(evidence.sessions[0]?.record.steps.find((s) => s.step === 'auth')?.result, 'skipped');
    assert.ok(evidence.sessions.some((s) => s.record.outcome === 'authenticated'));
    assert.ok(
      evidence.sessions.every((s) => !s.record.auth || s.record.tls),
      'every AUTH went over TLS',
    );
  });

  test('probe: a refused connection on the configured port is probed elsewhere', async () => {
    const closed = await startTestServer();
    const port = closed.port;
    await closed.close();
    const evidence = await login({ port, security: 'starttls' });
    assert.equal(evidence.sessions[0]?.record.steps[0]?.failure?.kind, 'network-error');
    assert.ok(evidence.sessions.some((s) => s.record.outcome === 'authenticated'));
  });

  test('probe: an invalid certificate is not "fixed" by trying other ports with the password', async () => {
    const evidence = await login({ port: starttls.port, security: 'starttls', ca: [] });
    assert.equal(
      evidence.sessions[0]?.record.steps.find((s) => s.step === 'tls-handshake')?.failure?.kind,
      'certificate-rejected',
    );
    assert.equal(authAttempts(evidence), 0);
  });

  test('probe: --max-attempts 0 probes without logging in', async () => {
    const evidence = await login({ port: starttls.port, security: 'starttls', maxAttempts: 0 });
    assert.equal(authAttempts(evidence), 0);
    assert.equal(evidence.sessions[0]?.record.outcome, 'connected');
  });

  test('probe: a refused ASCII password costs one attempt even with a budget of 3 (another mechanism cannot help)', async () => {
    const evidence = await login({ port: starttls.port, security: 'starttls', maxAttempts: 3 }, 'wrong');
    assert.equal(authAttempts(evidence), 1);
    assert.deepEqual(evidence.attempts, { allowed: 3, failed: 1 });
  });

  test('probe: with a budget of 2 a refused non-ASCII password is tried once more with LOGIN, never beyond the budget', async () => {
    const evidence = await login({ port: starttls.port, security: 'starttls', maxAttempts: 2 }, 'wröng horse');
    assert.equal(authAttempts(evidence), 2);
    assert.deepEqual(
      evidence.sessions.flatMap((s) => (s.record.auth ? [s.record.auth.mechanism] : [])),
      ['PLAIN', 'LOGIN'],
    );
    assert.deepEqual(
      evidence.sessions.flatMap((s) => (s.record.auth ? [s.purpose] : [])),
      ['configured', 'mechanism-retry'],
    );
    assert.deepEqual(evidence.attempts, { allowed: 2, failed: 2 });
  });

  test('probe: a mechanism the server refuses (504) is followed by the next one, which logs in', async () => {
    const server = await startTestServer({
      pair: certs.valid,
      extra: {
        onAuth(auth: SMTPServerAuthentication, _session, callback) {
          if (auth.method === 'PLAIN')
            return callback(Object.assign(new Error('5.5.4 Unrecognized authentication type'), { responseCode: 504 }));
          const ok = auth.username === USER && auth.password === PASSWORD;
          return ok ? callback(null, { user: USER }) : callback(new Error('5.7.8 Authentication failed'));
        },
      },
    });
    try {
      const evidence = await login({ port: server.port, security: 'starttls', alternatives: [], maxAttempts: 2 });
      assert.deepEqual(
        evidence.sessions.map((s) => `${s.record.auth?.mechanism}:${s.record.outcome}`),
        ['PLAIN:auth-rejected', 'LOGIN:authenticated'],
      );
    } finally {
      await server.close();
    }
  });

  test('probe + diagnose: PLAIN refused and LOGIN accepted with a non-ASCII password is a mechanism problem, not wrong credentials', async () => {
    const server = await startTestServer({
      pair: certs.valid,
      extra: {
        onAuth(auth: SMTPServerAuthentication, _session, callback) {
          // A server that decodes PLAIN in another character set than the client encoded it.
          if (auth.method === 'PLAIN')
            return callback(
              Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }),
            );
          return callback(null, { user: auth.username });
        },
      },
    });
    try {
      const evidence = await login(
        { port: server.port, security: 'starttls', alternatives: [], maxAttempts: 2 },
        'pässword 1',
      );
      const findings = diagnose(evidence);
      assert.deepEqual(
        findings.map((f) => `${f.id}/${f.detail ?? ''}`),
        ['mechanism-unsupported/refused-credentials'],
      );
      const [first] = findings;
      assert.ok(first);
      assert.deepEqual(first.fixes[0]?.settings, { mechanism: 'LOGIN' });
      assert.match(first.summary, /non-ASCII/);
    } finally {
      await server.close();
    }
  });

  /** Replies about the account or the server's state: the server must see one AUTH, whatever the budget. */
  const ACCOUNT_REPLIES: [name: string, code: number, text: string][] = [
    ['disabled (525 5.7.13)', 525, '5.7.13 User Account Disabled'],
    ['app password required (534 5.7.9)', 534, '5.7.9 Application-specific password required'],
    ['web login required (534 5.7.14)', 534, '5.7.14 Please log in via your web browser'],
    ['Microsoft policy (535 5.7.139)', 535, '5.7.139 Authentication unsuccessful, basic authentication is disabled'],
    ['temporary failure (454 4.7.0)', 454, '4.7.0 Temporary authentication failure'],
    ['suspended account', 535, '5.7.8 Account suspended'],
  ];
  for (const [name, code, text] of ACCOUNT_REPLIES) {
    test(`probe: an account-level refusal, ${name}, stops at one AUTH with a budget of 3 and a non-ASCII password`, async () => {
      let seen = 0;
      const server = await startTestServer({
        pair: certs.valid,
        extra: {
          onAuth(_auth, _session, callback) {
            seen += 1;
            callback(Object.assign(new Error(text), { responseCode: code }));
          },
        },
      });
      try {
        const evidence = await login({ port: server.port, security: 'starttls', maxAttempts: 3 }, 'wröng horse');
        assert.equal(seen, 1, 'AUTH exchanges the server saw');
        assert.equal(authAttempts(evidence), 1);
      } finally {
        await server.close();
      }
    });
  }

  test('probe: a locked lab account costs exactly one AUTH with --max-attempts 3 (counted by the lab)', async () => {
    const log: LabLogEvent[] = [];
    const lab = await startLab({
      persona: 'plain',
      accounts: [{ username: USER, password: PASSWORD, flags: ['locked'] }],
      certificates: certs,
      log: (event) => log.push(event),
    });
    try {
      const evidence = await login({ port: lab.ports.starttls ?? 0, security: 'starttls', maxAttempts: 3 });
      assert.equal(lab.failedLogins, 1);
      assert.equal(log.filter((e) => e.kind === 'client' && /^AUTH /.test(e.text)).length, 1);
      assert.equal(evidence.sessions[0]?.record.auth?.reply?.code, 525);
    } finally {
      await lab.close();
    }
  });

  test('probe: an empty password is never sent; the evidence keeps its shape, and the diagnosis says it is missing', async () => {
    let seen = 0;
    const server = await startTestServer({
      pair: certs.valid,
      extra: {
        onAuth(_auth, _session, callback) {
          seen += 1;
          callback(new Error('5.7.8 Authentication failed'));
        },
      },
    });
    try {
      const evidence = await login({ port: server.port, security: 'starttls', alternatives: [] }, '');
      assert.equal(seen, 0, 'AUTH exchanges the server saw');
      assert.equal(authAttempts(evidence), 0);
      assert.equal(evidence.credentials?.secret?.length, 0);
      assert.equal(evidence.target?.username, USER);
      assert.equal(diagnose(evidence)[0]?.id, 'credentials-missing');
    } finally {
      await server.close();
    }
  });

  test('probe: a 454 on the first attempt stops at once, whatever budget is left', async () => {
    const server = await startTestServer({
      pair: certs.valid,
      extra: {
        onAuth(_auth, _session, callback) {
          callback(Object.assign(new Error('4.7.0 Temporary authentication failure'), { responseCode: 454 }));
        },
      },
    });
    try {
      const evidence = await login({ port: server.port, security: 'starttls', maxAttempts: 5 });
      assert.equal(authAttempts(evidence), 1);
      assert.equal(evidence.sessions[0]?.record.auth?.reply?.code, 454);
    } finally {
      await server.close();
    }
  });

  test('probe: a 454 on the retry after a real 535 stops there, whatever budget is left', async () => {
    let calls = 0;
    const server = await startTestServer({
      pair: certs.valid,
      extra: {
        onAuth(_auth, _session, callback) {
          calls += 1;
          const [code, text] =
            calls === 1 ? [535, '5.7.8 Authentication credentials invalid'] : [454, '4.7.0 Too many login attempts'];
          callback(Object.assign(new Error(text), { responseCode: code }));
        },
      },
    });
    try {
      // Non-ASCII, so that the 535 earns a retry with another mechanism, which the 454 then stops.
      const evidence = await login(
        { port: server.port, security: 'starttls', maxAttempts: 5, alternatives: [] },
        'wröng horse',
      );
      assert.deepEqual(
        evidence.sessions.map((s) => s.record.auth?.reply?.code),
        [535, 454],
      );
      assert.deepEqual(evidence.attempts, { allowed: 5, failed: 2 });
    } finally {
      await server.close();
    }
  });

  test('probe: a server that resets during AUTH still yields evidence', async () => {
    const server = await startScriptedServer(async (ctx) => {
      ctx.line('220 reset.test ESMTP');
      await ctx.readLine();
      ctx.line('250-reset.test');
      ctx.line('250 STARTTLS');
      await ctx.readLine();
      ctx.line('220 go ahead');
      if (!(await ctx.startTls(certs.valid))) return;
      await ctx.readLine();
      ctx.line('250-reset.test');
      ctx.line('250 AUTH PLAIN');
      await ctx.readLine();
      ctx.destroy();
    });
    try {
      const evidence = await login({ port: server.port, security: 'starttls', alternatives: [] });
      const auth = evidence.sessions[0]?.record.steps.find((s) => s.step === 'auth');
      assert.equal(auth?.result, 'failed');
      assert.equal(evidence.sessions[0]?.record.auth?.result, 'failed');
      assert.equal(authAttempts(evidence), 1);
    } finally {
      await server.close();
    }
  });

  /** The configured outcome is conclusive in each of these; a silent alternative is then cut short, not waited for. */
  const CONCLUSIVE: [name: string, password: string, overrides: Partial<ProbeOptions>, outcome: string][] = [
    ['the login worked', PASSWORD, {}, 'authenticated'],
    ['the login was refused', 'wrong', {}, 'auth-rejected'],
    ['the login was skipped (--max-attempts 0)', PASSWORD, { maxAttempts: 0 }, 'connected'],
  ];
  for (const [name, password, overrides, outcome] of CONCLUSIVE) {
    test(`probe: a silent alternative is cut short once ${name}`, async () => {
      const silent: ScriptedServer = await startScriptedServer(async (ctx) => {
        await ctx.readLine(10_000);
      });
      try {
        const evidence = await login(
          {
            port: starttls.port,
            security: 'starttls',
            timeoutMs: 8_000,
            graceMs: 100,
            alternatives: [{ port: silent.port, security: 'starttls' }],
            ...overrides,
          },
          password,
        );
        assert.equal(evidence.sessions[0]?.record.outcome, outcome);
        const hung = evidence.sessions.find((s) => s.record.target.port === silent.port)?.record;
        assert.equal(hung?.steps.find((s) => s.result === 'failed')?.failure?.kind, 'cancelled');
        assert.match(hung.stopReason ?? '', /stopped by us/);
        const findings = diagnose(evidence);
        assert.ok(
          findings.every((f) => !['greeting-timeout', 'connection-timeout', 'service-unavailable'].includes(f.id)),
          findings.map((f) => f.id).join(' '),
        );
      } finally {
        await silent.close();
      }
    });
  }

  // No grace at all for an alternative that has not greeted by the time of the verdict: with a grace of a minute,
  // the probe still ends with the configured session (the test's own time limit fails it if the probe waits).
  for (const [name, password, overrides, outcome] of CONCLUSIVE) {
    test(
      `probe: a silent alternative is cut at once, without its grace, once ${name}`,
      { timeout: 20_000 },
      async () => {
        const silent: ScriptedServer = await startScriptedServer(async (ctx) => {
          await ctx.readLine(60_000);
        });
        try {
          const evidence = await login(
            {
              port: starttls.port,
              security: 'starttls',
              timeoutMs: 50_000,
              graceMs: 60_000,
              alternatives: [
                { port: implicit.port, security: 'tls' },
                { port: silent.port, security: 'starttls' },
              ],
              ...overrides,
            },
            password,
          );
          assert.equal(evidence.sessions[0]?.record.outcome, outcome);
          const hung = evidence.sessions.find((s) => s.record.target.port === silent.port)?.record;
          assert.equal(hung?.steps.find((s) => s.result === 'failed')?.failure?.kind, 'cancelled');
          // The alternative that talked was left to finish: its evidence is complete.
          const talking = evidence.sessions.find((s) => s.record.target.port === implicit.port)?.record;
          assert.equal(talking?.outcome, 'connected');
        } finally {
          await silent.close();
        }
      },
    );
  }

  test('probe: STARTTLS on the implicit-TLS port stops waiting for a greeting once implicit TLS is proven there', async () => {
    const evidence = await login({
      port: implicit.port,
      security: 'starttls',
      timeoutMs: 8_000,
      graceMs: 100,
      alternatives: [{ port: starttls.port, security: 'starttls' }],
    });
    const configured = evidence.sessions[0]?.record;
    assert.equal(configured?.steps.find((s) => s.step === 'greeting')?.failure?.kind, 'cancelled');
    assert.ok(configured.transcript.some((e) => /no greeting after \d+ ms, while implicit TLS works/.test(e.text)));
    const findings = diagnose(evidence);
    assert.equal(findings[0]?.id, 'tls-mode-mismatch');
    assert.equal(findings[0].detail, 'plaintext-on-implicit-tls-port');
    assert.ok(!findings.some((f) => f.id === 'service-unavailable' || f.id === 'greeting-timeout'));
    assert.ok(evidence.sessions.some((s) => s.record.outcome === 'authenticated'));
  });

  /** A refused certificate settles the run: STARTTLS on that implicit-TLS port (no greeting ever) is not waited for. */
  const REFUSED_CERTIFICATE: [name: string, security: 'tls' | 'auto'][] = [
    ['implicit TLS', 'tls'],
    ['--security auto with the port given', 'auto'],
  ];
  for (const [name, security] of REFUSED_CERTIFICATE)
    test(`probe: ${name} whose certificate is refused ends in about one handshake, not a greeting timeout`, async () => {
      // An implicit-TLS port as a STARTTLS client meets it: silent, waiting for a handshake that never comes.
      const selfSigned = await startScriptedServer(async (ctx) => {
        if (!(await ctx.startTls(certs.selfSigned))) return;
        ctx.line('220 self-signed.test ESMTP');
        await ctx.readLine(10_000);
      });
      try {
        const started = performance.now();
        const evidence = await login({
          port: selfSigned.port,
          security,
          timeoutMs: 8_000,
          graceMs: 100,
          alternatives: [{ port: starttls.port, security: 'starttls' }],
        });
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 3_000, `took ${Math.round(elapsed)} ms`);
        const configured = evidence.sessions.find((s) => s.role === 'configured')?.record;
        assert.equal(configured?.target.security, 'tls');
        assert.equal(configured.steps.find((s) => s.step === 'tls-handshake')?.failure?.kind, 'certificate-rejected');
        const other = evidence.sessions.find(
          (s) => s.record.target.port === selfSigned.port && s.record.target.security === 'starttls',
        )?.record;
        assert.equal(other?.steps.find((s) => s.result === 'failed')?.failure?.kind, 'cancelled');
        assert.equal(authAttempts(evidence), 0);
        const findings = diagnose(evidence);
        assert.equal(findings[0]?.id, 'certificate-invalid', findings.map((f) => f.id).join(' '));
        assert.equal(findings[0].detail, 'self-signed');
      } finally {
        await selfSigned.close();
      }
    });

  test('probe: auto discovery cuts a silent candidate short once another can take the login', async () => {
    const silent: ScriptedServer = await startScriptedServer(async (ctx) => {
      await ctx.readLine(10_000);
    });
    try {
      const evidence = await login({
        security: 'auto',
        timeoutMs: 8_000,
        graceMs: 100,
        alternatives: [
          { port: implicit.port, security: 'tls' },
          { port: silent.port, security: 'starttls' },
        ],
      });
      assert.equal(evidence.sessions[0]?.record.outcome, 'authenticated');
      const hung = evidence.sessions.find((s) => s.record.target.port === silent.port)?.record;
      assert.equal(hung?.steps.find((s) => s.result === 'failed')?.failure?.kind, 'cancelled');
    } finally {
      await silent.close();
    }
  });

  test('probe: a user name without a secret stays in the evidence target', async () => {
    const evidence = await probe({
      ...base,
      host: '127.0.0.1',
      port: starttls.port,
      security: 'starttls',
      username: USER,
    });
    assert.equal(evidence.target?.username, USER);
    assert.equal(authAttempts(evidence), 0);
  });

  test('probe: auto discovers the endpoint and logs in there', async () => {
    const evidence = await login({ security: 'auto' });
    assert.equal(evidence.sessions[0]?.role, 'configured');
    assert.equal(evidence.sessions[0].record.outcome, 'authenticated');
    assert.deepEqual(
      purposes(evidence),
      ['configured', ...evidence.sessions.slice(1).map(() => 'discovery')],
      'the login is the configured session, every candidate a discovery',
    );
    assert.equal(evidence.target?.port, implicit.port, 'implicit TLS preferred (RFC 8314)');
    assert.equal(authAttempts(evidence), 1);
  });

  test('probe: auto with a port logs in on that port when a mode works there, the alternatives only probed', async () => {
    const evidence = await login({ port: starttls.port, security: 'auto' });
    assert.deepEqual(endpoints(evidence), [
      `*${starttls.port}/starttls:authenticated`,
      `${starttls.port}/tls:stopped`,
      `${implicit.port}/tls:connected`,
    ]);
    assert.equal(authAttempts(evidence), 1);
  });

  test('probe: auto with a port whose STARTTLS is stripped proves the alternative with the one login', async () => {
    const lab = await startLab({
      persona: 'gmail',
      accounts: [{ username: USER, password: PASSWORD, flags: [] }],
      faults: ['strip-starttls'],
      certificates: certs,
    });
    try {
      const own = lab.ports.starttls ?? 0;
      const other = lab.ports.tls ?? 0;
      const evidence = await login({
        port: own,
        security: 'auto',
        alternatives: [{ port: other, security: 'tls' }],
      });
      assert.equal(evidence.target?.port, own, 'the configured session stays on the port the user gave');
      assert.equal(evidence.target.security, 'starttls');
      const proven = evidence.sessions.filter((s) => s.record.outcome === 'authenticated');
      assert.deepEqual(
        proven.map((s) => `${s.record.target.port}/${s.record.target.security}`),
        [`${other}/tls`],
      );
      assert.equal(authAttempts(evidence), 1);
      const [first] = diagnose(evidence);
      assert.equal(first?.id, 'starttls-unavailable');
      assert.deepEqual(first.fixes[0]?.settings, { port: other, security: 'tls' });
    } finally {
      await lab.close();
    }
  });

  for (const [port, security] of [
    [2465, 'tls'],
    [465, 'tls'],
    [2587, 'starttls'],
  ] as const)
    test(`probe: port ${port} with no --security is tried in its conventional mode (${security})`, async () => {
      const evidence = await probe({ host: '127.0.0.1', port, alternatives: [], timeoutMs: 500, deadlineMs: 1_000 });
      assert.equal(evidence.sessions[0]?.record.target.security, security);
      assert.equal(evidence.target?.security, security);
    });

  test('probe: --security auto on a port that offers no AUTH, even after STARTTLS: the login is made elsewhere, none there', async () => {
    const received: string[] = [];
    const mta = await startScriptedServer(async (ctx) => {
      ctx.line('220 mta.test ESMTP');
      let secure = false;
      for (;;) {
        const line = await ctx.readLine(5_000);
        if (line === null) return;
        received.push(line);
        if (/^EHLO/i.test(line))
          (secure ? ['250-mta.test', '250 8BITMIME'] : ['250-mta.test', '250 STARTTLS']).forEach((l) => ctx.line(l));
        else if (/^STARTTLS/i.test(line)) {
          ctx.line('220 2.0.0 go ahead');
          if (!(await ctx.startTls(certs.valid))) return;
          secure = true;
        } else if (/^QUIT/i.test(line)) return ctx.line('221 2.0.0 Bye');
        else ctx.line('503 5.5.1 Error: authentication not enabled');
      }
    });
    try {
      const evidence = await login({
        port: mta.port,
        security: 'auto',
        alternatives: [{ port: starttls.port, security: 'starttls' }],
      });
      assert.deepEqual(
        received.filter((l) => /^AUTH/i.test(l)),
        [],
      );
      const configured = evidence.sessions.find((s) => s.role === 'configured')?.record;
      assert.equal(configured?.target.port, mta.port);
      assert.equal(configured.steps.find((s) => s.step === 'auth')?.reason, 'no-auth-offered');
      assert.ok(evidence.sessions.some((s) => s.purpose === 'login-elsewhere' && s.record.outcome === 'authenticated'));
      const findings = diagnose(evidence);
      assert.equal(findings[0]?.id, 'auth-not-offered', findings.map((f) => f.id).join(' '));
    } finally {
      await mta.close();
    }
  });

  test('probe: the run deadline bounds the name lookup too', async () => {
    const started = performance.now();
    const evidence = await probe({
      host: 'smtp.silent-resolver.test',
      port: 587,
      deadlineMs: 300,
      resolver: { lookup: () => new Promise(() => undefined), resolveMx: () => Promise.resolve([]) },
    });
    assert.ok(performance.now() - started < 1_000);
    assert.equal(evidence.dns?.error?.code, 'EAI_AGAIN');
    assert.deepEqual(evidence.sessions, []);
  });

  /** Every reply `ms` late: a session of discovery uses most of a short deadline. */
  const slowServer = (ms: number): Promise<ScriptedServer> =>
    startScriptedServer(async (ctx) => {
      await ctx.sleep(ms);
      ctx.line('220 slow.test ESMTP');
      for (;;) {
        const line = await ctx.readLine(20_000);
        if (line === null) return;
        await ctx.sleep(ms);
        if (/^EHLO/i.test(line)) ['250-slow.test', '250-STARTTLS', '250 AUTH PLAIN LOGIN'].forEach((l) => ctx.line(l));
        else if (/^STARTTLS/i.test(line)) {
          ctx.line('220 2.0.0 go ahead');
          if (!(await ctx.startTls(certs.valid))) return;
        } else if (/^AUTH/i.test(line)) ctx.line('535 5.7.8 Authentication credentials invalid');
        else if (/^QUIT/i.test(line)) return ctx.line('221 2.0.0 Bye');
        else ctx.line('502 5.5.2 Error: command not recognized');
      }
    });

  test('probe: --security auto against a slow server ends within the run deadline, not a deadline per session', async () => {
    const slow = await slowServer(1_200);
    try {
      const started = performance.now();
      const evidence = await login({
        port: slow.port,
        security: 'auto',
        timeoutMs: 2_000,
        // Discovery takes four slow replies, 4.8 s at least (QUIT's reply is not waited for): at most 1.5 s left,
        // under the 1.575 s a login needs (a phase timeout, at most a quarter of the deadline); and 1.5 s to spare
        // for a loaded machine before the deadline would cut discovery itself.
        deadlineMs: 6_300,
        alternatives: [],
      });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 7_300, `took ${Math.round(elapsed)} ms`);
      // Discovery took most of it: the login would not fit, so it was not started, and the evidence says so.
      assert.equal(authAttempts(evidence), 0);
      assert.deepEqual(evidence.deadline, { ms: 6_300, notStarted: ['configured'] });
      // Not an empty report: the check's own deadline is the finding (diagnose's deadline rule).
      const [first] = diagnose(evidence);
      assert.deepEqual([first?.id, first?.detail], ['connection-timeout', 'deadline']);
      for (const s of evidence.sessions)
        for (const step of s.record.steps)
          if (step.failure?.kind === 'timeout') assert.ok(step.failure.afterMs <= 6_300);
    } finally {
      await slow.close();
    }
  });

  test('probe: an unknown host gives DNS evidence and no sessions', async () => {
    const evidence = await probe({
      host: 'smtp.nowhere.test',
      port: 587,
      resolver: {
        lookup: () =>
          Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND smtp.nowhere.test'), { code: 'ENOTFOUND' })),
        resolveMx: () => Promise.resolve([]),
      },
    });
    assert.equal(evidence.dns?.error?.code, 'ENOTFOUND');
    assert.deepEqual(evidence.sessions, []);
  });

  const sends = [
    { name: 'accepted', extra: {}, result: 'accepted' },
    {
      name: 'sender-rejected',
      extra: {
        onMailFrom: (_a: unknown, _s: unknown, cb: (e?: Error) => void) =>
          cb(
            Object.assign(new Error('5.7.60 SMTP; Client does not have permissions to send as this sender'), {
              responseCode: 550,
            }),
          ),
      },
      result: 'sender-rejected',
    },
    {
      name: 'recipient-rejected',
      extra: {
        onRcptTo: (_a: unknown, _s: unknown, cb: (e?: Error) => void) =>
          cb(Object.assign(new Error('5.7.1 Relaying denied'), { responseCode: 550 })),
      },
      result: 'recipient-rejected',
    },
  ];
  for (const s of sends) {
    test(`probe: the optional test send reports ${s.name}`, async () => {
      const server = await startTestServer({
        pair: certs.valid,
        extra: {
          ...s.extra,
          onData: (stream, _session, cb) => {
            stream.resume();
            stream.on('end', () => cb());
          },
        },
      });
      try {
        const evidence = await login({
          port: server.port,
          security: 'starttls',
          alternatives: [],
          send: { from: USER, to: ['bob@lab.test'] },
        });
        assert.equal(evidence.sessions[0]?.record.send?.result, s.result);
      } finally {
        await server.close();
      }
    });
  }
});
