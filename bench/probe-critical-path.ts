// Benchmark: a full probe (configured login + every alternative) against one STARTTLS login on the same local servers.
// Claim under test: probes run in parallel, so the full check costs about one login, not one per endpoint.
import { generateLabCertificates } from '../src/lab/certificates.js';
import { startSmtpServerListener, type Listener } from '../src/lab/smtp-server-listener.js';
import { Secret } from '../src/model/secret.js';
import { probe } from '../src/probe/probe.js';
import { runSession } from '../src/transport/session.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const accounts = { 'alice@lab.test': 'bench-password' };
const credentials = { username: 'alice@lab.test', secret: new Secret('bench-password') };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const certs = await generateLabCertificates();
const listeners: Listener[] = await Promise.all([
  startSmtpServerListener({ accounts, pair: certs.valid, implicitTls: false }), // "587"
  startSmtpServerListener({ accounts, pair: certs.valid, implicitTls: true }), // "465"
  startSmtpServerListener({ accounts, pair: certs.valid, implicitTls: false }), // "2525"
  startSmtpServerListener({ accounts, pair: certs.valid, implicitTls: false }), // "25"
]);
const [submission, smtps, alt2525, alt25] = listeners as [Listener, Listener, Listener, Listener];
const ca = [certs.ca.cert];

const single: number[] = [];
const full: number[] = [];
for (let i = 0; i < RUNS; i++) {
  single.push(
    await time(() => runSession({ host: '127.0.0.1', port: submission.port, security: 'starttls', credentials, ca })),
  );
  full.push(
    await time(() =>
      probe({
        host: '127.0.0.1',
        port: submission.port,
        security: 'starttls',
        credentials,
        ca,
        alternatives: [
          { port: smtps.port, security: 'tls' },
          { port: submission.port, security: 'starttls' },
          { port: alt2525.port, security: 'starttls' },
          { port: alt25.port, security: 'starttls' },
        ],
      }),
    ),
  );
}
await Promise.all(listeners.map((l) => l.close()));

const s = median(single);
const f = median(full);
console.log(`runs: ${RUNS}`);
console.log(`one STARTTLS login (median):                 ${s.toFixed(1)} ms`);
console.log(`full probe, configured + 4 endpoints (median): ${f.toFixed(1)} ms`);
console.log(`ratio full / single: ${(f / s).toFixed(2)} (sequential would be about 5)`);
