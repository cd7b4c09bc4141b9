import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { labCertificates } from '../helpers/certs.js';
import { clientLines, session, step } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/smtp-server.js';

const USER = 'alice@lab.test';
const PASSWORD = 'correct horse';

describe('session against smtp-server', () => {
  let certs: LabCertificates;
  let starttls: TestServer;
  let implicit: TestServer;
  before(async () => {
    certs = await labCertificates();
    starttls = await startTestServer({ pair: certs.valid });
    implicit = await startTestServer({ pair: certs.valid, secure: true });
  });
  after(async () => {
    await starttls.close();
    await implicit.close();
  });

  test('session: logs in over STARTTLS with a verified certificate', async () => {
    const record = await session(starttls.port, { user: USER, password: PASSWORD, ca: [certs.ca.cert] });
    assert.equal(record.outcome, 'authenticated');
    assert.equal(record.auth?.mechanism, 'PLAIN');
    assert.equal(record.tls?.mode, 'starttls');
    assert.equal(record.tls.verification.ok, true);
    assert.match(record.tls.certificate?.issuer ?? '', /smtp-doctor lab CA/);
    assert.ok(record.capabilities.beforeTls?.starttls);
    assert.deepEqual(record.capabilities.afterTls?.auth, ['PLAIN', 'LOGIN', 'CRAM-MD5']);
    assert.deepEqual(
      record.steps.map((s) => `${s.step}:${s.result}`),
      [
        'connect:ok',
        'greeting:ok',
        'ehlo:ok',
        'starttls:ok',
        'tls-handshake:ok',
        'ehlo-after-tls:ok',
        'auth:ok',
        'quit:ok',
      ],
    );
    assert.ok(!JSON.stringify(record).includes(PASSWORD));
  });

  test('session: each step keeps the indices of the transcript events it wrote, in order, none twice', async () => {
    const record = await session(starttls.port, { user: USER, password: PASSWORD, ca: [certs.ca.cert] });
    const all = record.steps.flatMap((s) => s.events ?? []);
    assert.deepEqual(
      all,
      [...all].sort((a, b) => a - b),
    );
    assert.equal(new Set(all).size, all.length);
    assert.ok(all.every((i) => i >= 0 && i < record.transcript.length));
    const lines = (name: Parameters<typeof step>[1]): string[] =>
      (step(record, name)?.events ?? []).map((i) => `${record.transcript[i]?.dir} ${record.transcript[i]?.text}`);
    assert.match(lines('connect')[0] ?? '', /^info Trying 127\.0\.0\.1:/);
    assert.ok(lines('starttls').includes('client STARTTLS'));
    assert.ok(lines('tls-handshake').some((l) => l.startsWith('info TLS started')));
    assert.match(lines('auth')[0] ?? '', /^client AUTH PLAIN \[base64 of user/);
    assert.match(lines('auth').at(-1) ?? '', /^server 235/);
  });

  test('session: the client line that carried the secret is flagged, the user name alone is not', async () => {
    const plain = await session(starttls.port, { user: USER, password: PASSWORD, ca: [certs.ca.cert] });
    const flagged = (record: typeof plain): string[] =>
      record.transcript.filter((e) => e.secret === true).map((e) => e.text);
    assert.deepEqual(flagged(plain).length, 1);
    assert.match(flagged(plain)[0] ?? '', /^AUTH PLAIN \[base64 of user .* and password: 13 characters/);
    const login = await session(implicit.port, {
      security: 'tls',
      user: USER,
      password: PASSWORD,
      ca: [certs.ca.cert],
      mechanism: 'LOGIN',
    });
    assert.deepEqual(flagged(login), ['[base64 of password: 13 characters, lowercase+spaces]']);
    const cram = await session(implicit.port, {
      security: 'tls',
      user: USER,
      password: PASSWORD,
      ca: [certs.ca.cert],
      mechanism: 'CRAM-MD5',
    });
    assert.deepEqual(flagged(cram), []);
  });

  test('session: logs in over implicit TLS', async () => {
    const record = await session(implicit.port, {
      security: 'tls',
      user: USER,
      password: PASSWORD,
      ca: [certs.ca.cert],
    });
    assert.equal(record.outcome, 'authenticated');
    assert.equal(record.tls?.mode, 'implicit');
    assert.equal(record.capabilities.beforeTls, undefined);
  });

  for (const mechanism of ['LOGIN', 'CRAM-MD5'] as const) {
    test(`session: logs in with ${mechanism} when asked`, async () => {
      const record = await session(implicit.port, {
        security: 'tls',
        user: USER,
        password: PASSWORD,
        ca: [certs.ca.cert],
        mechanism,
      });
      assert.equal(record.outcome, 'authenticated');
      assert.equal(record.auth?.mechanism, mechanism);
      assert.ok(record.auth.challenges >= 1);
    });
  }

  test('session: a wrong password is one rejected AUTH with the server reply', async () => {
    const before = starttls.attempts.length;
    const record = await session(starttls.port, { user: USER, password: 'wrong', ca: [certs.ca.cert] });
    assert.equal(record.outcome, 'auth-rejected');
    assert.equal(record.auth?.reply?.code, 535);
    assert.equal(starttls.attempts.length - before, 1);
  });

  test('session: without credentials it stops after EHLO and says what AUTH is offered', async () => {
    const record = await session(starttls.port, { ca: [certs.ca.cert] });
    assert.equal(record.outcome, 'connected');
    assert.equal(record.auth, undefined);
    assert.ok(!clientLines(record).some((l) => l.startsWith('AUTH')));
  });

  test('session: never sends credentials without TLS unless allowed', async () => {
    const before = starttls.attempts.length;
    const record = await session(starttls.port, { security: 'none', user: USER, password: PASSWORD });
    assert.equal(record.outcome, 'stopped');
    assert.equal(step(record, 'auth')?.result, 'skipped');
    assert.match(record.stopReason ?? '', /not encrypted/);
    assert.equal(step(record, 'auth')?.reason, 'not-encrypted');
    assert.equal(starttls.attempts.length, before);
    assert.ok(!clientLines(record).some((l) => l.startsWith('AUTH')));
  });

  test('session: --allow-plaintext sends them over a plain connection', async () => {
    const server = await startTestServer({ extra: { allowInsecureAuth: true, disabledCommands: ['STARTTLS'] } });
    try {
      const record = await session(server.port, {
        security: 'none',
        user: USER,
        password: PASSWORD,
        allowPlaintext: true,
      });
      assert.equal(record.outcome, 'authenticated');
      assert.equal(record.tls, undefined);
    } finally {
      await server.close();
    }
  });

  test('session: a server with no AUTH gets no credentials', async () => {
    const server = await startTestServer({ pair: certs.valid, extra: { disabledCommands: ['AUTH'] } });
    try {
      const record = await session(server.port, { user: USER, password: PASSWORD, ca: [certs.ca.cert] });
      assert.equal(record.outcome, 'stopped');
      assert.equal(step(record, 'auth')?.note, 'the server offers no AUTH here');
      assert.equal(step(record, 'auth')?.reason, 'no-auth-offered');
      assert.equal(server.attempts.length, 0);
    } finally {
      await server.close();
    }
  });

  test('session: a forced mechanism the server does not offer gets no AUTH at all: the list is its answer', async () => {
    const server = await startTestServer({ pair: certs.valid, authMethods: ['PLAIN'] });
    try {
      const record = await session(server.port, {
        user: USER,
        password: PASSWORD,
        ca: [certs.ca.cert],
        mechanism: 'CRAM-MD5',
      });
      assert.equal(record.outcome, 'stopped');
      assert.equal(record.auth, undefined);
      assert.equal(step(record, 'auth')?.result, 'skipped');
      assert.equal(step(record, 'auth')?.reason, 'mechanism-not-offered');
      assert.ok(!clientLines(record).some((l) => l.startsWith('AUTH')));
      assert.equal(server.attempts.length, 0);
    } finally {
      await server.close();
    }
  });

  const certificateCases = [
    { name: 'self-signed', pair: (c: LabCertificates) => c.selfSigned, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    { name: 'expired', pair: (c: LabCertificates) => c.expired, code: 'CERT_HAS_EXPIRED' },
    { name: 'wrong-host', pair: (c: LabCertificates) => c.wrongHost, code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
  ];
  for (const c of certificateCases) {
    test(`session: a ${c.name} certificate is refused before anything is sent`, async () => {
      const server = await startTestServer({ pair: c.pair(certs), secure: true });
      try {
        const record = await session(server.port, {
          security: 'tls',
          user: USER,
          password: PASSWORD,
          ca: [certs.ca.cert],
        });
        assert.equal(record.outcome, 'stopped');
        const failure = step(record, 'tls-handshake')?.failure;
        assert.equal(failure?.kind, 'certificate-rejected');
        assert.equal(failure.code, c.code);
        assert.deepEqual(clientLines(record), [], 'not even EHLO or QUIT');
        assert.equal(server.attempts.length, 0);
        assert.ok(record.tls?.certificate, 'the certificate facts are still recorded');

        const insecure = await session(server.port, {
          security: 'tls',
          user: USER,
          password: PASSWORD,
          ca: [certs.ca.cert],
          insecure: true,
        });
        assert.equal(insecure.outcome, 'authenticated');
        assert.equal(insecure.tls?.verification.acceptedInsecurely, true);
      } finally {
        await server.close();
      }
    });
  }

  test('session: a certificate from an unknown CA is refused', async () => {
    const record = await session(implicit.port, { security: 'tls', user: USER, password: PASSWORD });
    const failure = step(record, 'tls-handshake')?.failure;
    assert.equal(failure?.kind === 'certificate-rejected' && failure.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  test('session: implicit TLS on a STARTTLS port fails with wrong version number', async () => {
    const record = await session(starttls.port, { security: 'tls', ca: [certs.ca.cert] });
    const failure = step(record, 'tls-handshake')?.failure;
    assert.equal(failure?.kind, 'tls-error');
    assert.equal(failure.code, 'ERR_SSL_WRONG_VERSION_NUMBER');
  });

  test('session: plaintext on an implicit-TLS port never gets a greeting', async () => {
    const record = await session(implicit.port, { security: 'starttls', timeoutMs: 500 });
    const failure = step(record, 'greeting')?.failure;
    assert.equal(failure?.kind, 'timeout');
    assert.equal(failure.phase, 'greeting');
  });

  test('session: --connect-to dials the address but verifies the certificate for the host name', async () => {
    // The lab certificate names localhost, 127.0.0.1 and ::1: "localhost" verifies, another name must not.
    const named = await session(starttls.port, { host: 'localhost', connectTo: '127.0.0.1', ca: [certs.ca.cert] });
    assert.equal(named.outcome, 'connected');
    assert.deepEqual(
      { host: named.target.host, connectTo: named.target.connectTo, servername: named.target.servername },
      { host: 'localhost', connectTo: '127.0.0.1', servername: 'localhost' },
    );
    assert.ok(named.tls?.verification.ok);
    assert.ok(
      named.transcript.some((e) => e.text === `Trying 127.0.0.1:${starttls.port} (as localhost)...`),
      'the transcript says which address stood for which name',
    );
    const other = await session(starttls.port, {
      host: 'smtp.example.com',
      connectTo: '127.0.0.1',
      ca: [certs.ca.cert],
    });
    const failure = step(other, 'tls-handshake')?.failure;
    assert.equal(failure?.kind === 'certificate-rejected' && failure.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  test('session: --connect-to takes only an IP address', async () => {
    await assert.rejects(
      session(starttls.port, { host: 'localhost', connectTo: 'mail.example.com' }),
      /the address to connect to must be an IP address, not "mail\.example\.com"/,
    );
  });

  test('session: a closed port is a connection refusal', async () => {
    const server = await startTestServer();
    const port = server.port;
    await server.close();
    const record = await session(port);
    const failure = step(record, 'connect')?.failure;
    assert.equal(failure?.kind === 'network-error' && failure.code, 'ECONNREFUSED');
  });
});
