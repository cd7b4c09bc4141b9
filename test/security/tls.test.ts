// Security suite, TLS: bad certificates (EAST T_1–T_4) are refused unless --insecure, and still reported with it; resets during the handshake.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { generateLabCertificates, type KeyPair, type LabCertificates } from '../../src/lab/certificates.js';
import type { Report } from '../../src/model/report.js';
import { labCertificates } from '../helpers/certs.js';
import {
  authLines,
  checkAgainst,
  cliAgainst,
  hostile,
  ids,
  leaks,
  login,
  PASSWORD,
  sessionAgainst,
  type HostileBehaviour,
} from './support.js';

let certs: LabCertificates;
before(async () => {
  certs = await labCertificates();
});

const CERTIFICATES: {
  id: string;
  name: string;
  pair: (c: LabCertificates) => KeyPair;
  /** Trust the lab CA: without it even the lab's valid certificate has an unknown root. */
  trustLabCa: boolean;
  code: string;
  detail: string;
}[] = [
  {
    id: 'T_1',
    name: 'a self-signed certificate',
    pair: (c) => c.selfSigned,
    trustLabCa: true,
    code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    detail: 'self-signed',
  },
  {
    id: 'T_2',
    name: 'a certificate from an unknown root',
    pair: (c) => c.valid,
    trustLabCa: false,
    code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    detail: 'untrusted-issuer',
  },
  {
    id: 'T_3',
    name: 'a certificate for another host',
    pair: (c) => c.wrongHost,
    trustLabCa: true,
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    detail: 'hostname-mismatch',
  },
  {
    id: 'T_4',
    name: 'an expired certificate',
    pair: (c) => c.expired,
    trustLabCa: true,
    code: 'CERT_HAS_EXPIRED',
    detail: 'expired',
  },
];

const accept: HostileBehaviour['auth'] = (ctx) => {
  ctx.line('235 2.7.0 Authentication successful');
  return Promise.resolve(true);
};

function certificateFinding(report: Pick<Report, 'findings'>) {
  return report.findings.find((f) => f.id === 'certificate-invalid');
}

describe('security: certificates', () => {
  for (const c of CERTIFICATES) {
    const trust = (): { ca?: string[] } => (c.trustLabCa ? { ca: [certs.ca.cert] } : { ca: [] });

    test(`security ${c.id} (session, STARTTLS): ${c.name} is refused before anything goes over TLS`, async () => {
      const { result: record, received } = await sessionAgainst(hostile(certs, { pair: c.pair(certs) }), trust());
      const failure = record.steps.find((s) => s.step === 'tls-handshake')?.failure;
      assert.deepEqual(failure && { kind: failure.kind, code: 'code' in failure ? failure.code : '' }, {
        kind: 'certificate-rejected',
        code: c.code,
      });
      assert.equal(received.at(-1), 'STARTTLS', 'not even EHLO or QUIT over the refused connection');
      assert.deepEqual(leaks(received.join('\n'), PASSWORD), []);
    });

    test(`security ${c.id} (session, implicit TLS): ${c.name} is refused with no byte sent over TLS`, async () => {
      const { result: record, received } = await sessionAgainst(
        hostile(certs, { pair: c.pair(certs), implicitTls: true }),
        { security: 'tls', ...trust() },
      );
      assert.equal(record.steps.find((s) => s.step === 'tls-handshake')?.result, 'failed');
      assert.deepEqual(received, []);
    });

    test(`security ${c.id} (check): ${c.name} is certificate-invalid (${c.detail}) and zero AUTH lines`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, { pair: c.pair(certs) }), trust());
      assert.equal(ids(report)[0], 'certificate-invalid');
      assert.equal(report.findings[0]?.detail, c.detail);
      assert.deepEqual(authLines(received), []);
      assert.equal(report.working, null);
    });

    test(`security ${c.id} (cli): ${c.name} exits 1 without --insecure; with --insecure the login goes on and the certificate is still reported`, async () => {
      const script = (): ReturnType<typeof hostile> => hostile(certs, { pair: c.pair(certs), auth: accept });
      const refused = await cliAgainst(script(), (port) => ['check', ...login(port, '--security', 'starttls')], {
        trustLabCa: c.trustLabCa,
      });
      assert.equal(refused.result.code, 1);
      assert.match(refused.result.stdout, /certificate-invalid/);
      assert.deepEqual(authLines(refused.received), []);

      const insecure = await cliAgainst(
        script(),
        (port) => ['check', ...login(port, '--security', 'starttls', '--insecure', '--json')],
        { trustLabCa: c.trustLabCa },
      );
      assert.equal(authLines(insecure.received).length, 1, 'logged in because --insecure was given');
      const report = JSON.parse(insecure.result.stdout) as Report;
      const finding = certificateFinding(report);
      assert.equal(finding?.detail, c.detail, 'the certificate problem is still reported');
      assert.equal(finding.severity, 'warning');
      assert.ok(report.evidence.sessions[0]?.record.tls?.verification.acceptedInsecurely);
    });
  }

  test('security T_1 (cli, session): --insecure notes in the transcript that the certificate was accepted unverified', async () => {
    const { result: run } = await cliAgainst(hostile(certs, { pair: certs.selfSigned, auth: accept }), (port) => [
      'session',
      ...login(port, '--security', 'starttls', '--insecure'),
    ]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /NOT verified \(DEPTH_ZERO_SELF_SIGNED_CERT\), accepted because of --insecure/);
  });
});

describe('security: resets during the TLS handshake', () => {
  test('security C10 (check, STARTTLS): a reset on our ClientHello is tls-handshake-failed, not injection, no credentials', async () => {
    const script = hostile(certs, {
      starttls: async (ctx) => {
        ctx.line('220 2.0.0 Ready to start TLS');
        await ctx.sleep(50);
        ctx.destroy();
        return false;
      },
    });
    const { result: report, received } = await checkAgainst(script);
    assert.equal(ids(report)[0], 'tls-handshake-failed', ids(report).join());
    assert.equal(report.findings[0]?.detail, 'reset');
    assert.ok(!ids(report).includes('starttls-injection'), 'a reset carries no plaintext');
    assert.deepEqual(authLines(received), []);
  });

  test('security C10 (session, implicit TLS): a reset on our ClientHello ends the session with nothing sent', async () => {
    const { result: record, received } = await sessionAgainst(
      async (ctx) => {
        await ctx.sleep(50);
        ctx.destroy();
      },
      { security: 'tls' },
    );
    const failure = record.steps.find((s) => s.step === 'tls-handshake')?.failure;
    assert.ok(failure?.kind === 'tls-error' || failure?.kind === 'network-error', JSON.stringify(failure));
    assert.equal(failure.code, 'ECONNRESET');
    assert.equal(record.outcome, 'stopped');
    assert.deepEqual(received, []);
  });

  test('security C5 (check): a server that answers the ClientHello in plaintext after its 220 is reported as plaintext after the go-ahead', async () => {
    const script = hostile(certs, {
      starttls: async (ctx) => {
        ctx.line('220 2.0.0 Ready to start TLS');
        await ctx.sleep(30);
        ctx.line('500 5.5.1 unrecognized command');
        await ctx.sleep(30);
        return false;
      },
    });
    const { result: report, received } = await checkAgainst(script);
    assert.equal(ids(report)[0], 'starttls-injection', ids(report).join());
    assert.match(report.findings[0]?.evidence[0]?.text ?? '', /500 5\.5\.1 unrecognized command/);
    assert.deepEqual(authLines(received), []);
  });
});

describe('security: the certificate of an IP-literal target is checked against that IP', () => {
  /** Certificates naming exactly these, signed by a CA of their own (trusted through `ca`). */
  const NAMED: { name: string; names: string[]; host: string; connectTo?: string; verifies: boolean }[] = [
    {
      name: 'a certificate naming only 127.0.0.1, for 127.0.0.1',
      names: ['127.0.0.1'],
      host: '127.0.0.1',
      verifies: true,
    },
    {
      name: 'a certificate naming only localhost, for 127.0.0.1',
      names: ['localhost'],
      host: '127.0.0.1',
      verifies: false,
    },
    {
      name: 'a certificate naming only 127.0.0.1, for the name localhost (dialled at 127.0.0.1)',
      names: ['127.0.0.1'],
      host: 'localhost',
      connectTo: '127.0.0.1',
      verifies: false,
    },
    {
      name: 'a certificate naming 127.0.0.2, for 127.0.0.1',
      names: ['127.0.0.2'],
      host: '127.0.0.1',
      verifies: false,
    },
  ];
  for (const c of NAMED)
    for (const implicitTls of [true, false])
      test(`security T_5 (check, ${implicitTls ? 'implicit TLS' : 'STARTTLS'}): ${c.name} ${c.verifies ? 'verifies' : 'is a hostname mismatch'}, and the evidence agrees`, async () => {
        const own = await generateLabCertificates(c.names);
        const { result: report, received } = await checkAgainst(hostile(certs, { pair: own.valid, implicitTls }), {
          host: c.host,
          ...(c.connectTo ? { connectTo: c.connectTo } : {}),
          security: implicitTls ? 'tls' : 'starttls',
          ca: [own.ca.cert],
        });
        const verification = report.evidence.sessions[0]?.record.tls?.verification;
        assert.equal(verification?.ok, c.verifies, JSON.stringify(verification));
        assert.equal(verification.chainError, undefined, 'the chain is the CA’s: only the name is in question');
        if (c.verifies) {
          assert.ok(!ids(report).includes('certificate-invalid'), ids(report).join());
          assert.equal(authLines(received).length, 1, 'the login went on');
        } else {
          assert.equal(ids(report)[0], 'certificate-invalid', ids(report).join());
          assert.equal(report.findings[0]?.detail, 'hostname-mismatch');
          assert.equal(verification.hostnameError?.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
          assert.deepEqual(authLines(received), []);
          // What the finding says the certificate names is what the certificate names.
          const sans = report.evidence.sessions[0]?.record.tls?.certificate?.subjectAltNames ?? [];
          assert.deepEqual(
            sans.map((n) => n.replace(/^(?:DNS|IP Address):/, '')),
            c.names,
          );
          assert.ok(report.findings[0].summary.includes(`"${c.host}"`), report.findings[0].summary);
        }
      });
});
