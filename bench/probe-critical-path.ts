// Benchmark: a full probe (configured login + every alternative) against one STARTTLS login on the same local servers.
// Claim under test: probes run in parallel, so the full check costs about one login, not one per endpoint.
// Second claim: once the outcome is conclusive, a silent endpoint (it accepts and never greets) costs a short grace,
// not a whole phase timeout — for a refused login, and for STARTTLS spoken to an implicit-TLS port.
import net from 'node:net';
import { generateLabCertificates } from '../src/lab/certificates.js';
import { startSmtpServerListener, type Listener } from '../test/helpers/smtp-server-listener.js';
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

// A port that accepts connections and never says a word (a firewall that holds them, a blocked port 25).
const held: net.Socket[] = [];
const silent = net.createServer((socket) => held.push(socket));
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
const silentPort = (silent.address() as net.AddressInfo).port;
const SILENT_RUNS = Number(process.env.BENCH_SILENT_RUNS ?? 3);
const wrong = { username: 'alice@lab.test', secret: new Secret('wrong-password') };
const silentCases: [string, () => Promise<unknown>][] = [
  [
    'right password, silent alternative  ',
    () =>
      probe({
        host: '127.0.0.1',
        port: submission.port,
        security: 'starttls',
        credentials,
        ca,
        alternatives: [
          { port: smtps.port, security: 'tls' },
          { port: silentPort, security: 'starttls' },
        ],
      }),
  ],
  [
    'wrong password, silent alternative  ',
    () =>
      probe({
        host: '127.0.0.1',
        port: submission.port,
        security: 'starttls',
        credentials: wrong,
        ca,
        alternatives: [
          { port: smtps.port, security: 'tls' },
          { port: silentPort, security: 'starttls' },
        ],
      }),
  ],
  [
    'STARTTLS on the implicit-TLS port   ',
    () =>
      probe({
        host: '127.0.0.1',
        port: smtps.port,
        security: 'starttls',
        credentials,
        ca,
        alternatives: [{ port: submission.port, security: 'starttls' }],
      }),
  ],
];
const silentMedians: string[] = [];
for (const [name, run] of silentCases) {
  const times: number[] = [];
  for (let i = 0; i < SILENT_RUNS; i++) times.push(await time(run));
  silentMedians.push(`${name} (median of ${SILENT_RUNS}): ${median(times).toFixed(0)} ms`);
}
for (const socket of held) socket.destroy();
silent.close();
await Promise.all(listeners.map((l) => l.close()));

const s = median(single);
const f = median(full);
console.log(`runs: ${RUNS}`);
console.log(`one STARTTLS login (median):                 ${s.toFixed(1)} ms`);
console.log(`full probe, configured + 4 endpoints (median): ${f.toFixed(1)} ms`);
console.log(`ratio full / single: ${(f / s).toFixed(2)} (sequential would be about 5)`);
console.log('conclusive outcome, one endpoint silent (the phase timeout is 15000 ms):');
for (const line of silentMedians) console.log(`  ${line}`);
