// Security suite, resource limits: 100 MB from a server cannot grow the client's memory, nor a huge paste hang explain.
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { check } from '../../src/check/check.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { runCli } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import { ids, PASSWORD, USER } from './support.js';

const HUNDRED_MB = 100 * 1024 * 1024;
/** The client may hold a reply up to its limits (64 KiB) plus buffers; the attacker offers 100 MB. */
const CEILING_BYTES = 32 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Flood {
  port: number;
  /** Bytes of the flood the server managed to hand to the kernel before the client hung up. */
  readonly sent: number;
  close(): Promise<void>;
}

/** Writes `chunk` again and again, honouring backpressure, until `total` bytes or the client leaves. */
async function pour(socket: net.Socket, chunk: Buffer, total: number, count: (n: number) => void): Promise<void> {
  let sent = 0;
  while (sent < total && !socket.destroyed && socket.writable) {
    const ok = socket.write(chunk);
    sent += chunk.length;
    count(chunk.length);
    if (!ok) {
      await new Promise<void>((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
    }
  }
}

/** Reads one CRLF line from a socket (or null when it closes). */
function readLine(socket: net.Socket): Promise<string | null> {
  return new Promise((resolve) => {
    let buffer = '';
    const onData = (data: Buffer): void => {
      buffer += data.toString('latin1');
      const lf = buffer.indexOf('\n');
      if (lf === -1) return;
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      resolve(buffer.slice(0, lf).replace(/\r$/, ''));
    };
    const onClose = (): void => resolve(null);
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/**
 * A server streaming 100 MB at one point of the conversation, with real backpressure, so that the memory measured is
 * the client's (the scripted server would buffer its writes in this same process).
 */
async function startFlood(
  where: 'greeting' | 'ehlo' | 'after-starttls-220' | 'ehlo-after-tls' | 'auth',
  chunk: Buffer,
  certs: LabCertificates,
): Promise<Flood> {
  let sent = 0;
  const count = (n: number): void => {
    sent += n;
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('error', () => undefined);
    void (async () => {
      let socket: net.Socket = raw;
      if (where === 'greeting') return pour(socket, chunk, HUNDRED_MB, count);
      socket.write('220 flood.test ESMTP\r\n');
      if ((await readLine(socket)) === null) return;
      if (where === 'ehlo') return pour(socket, chunk, HUNDRED_MB, count);
      socket.write('250-flood.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n');
      if ((await readLine(socket)) !== 'STARTTLS') return;
      if (where === 'after-starttls-220') {
        socket.write('220 2.0.0 Ready to start TLS\r\n');
        return pour(socket, chunk, HUNDRED_MB, count);
      }
      socket.write('220 2.0.0 Ready to start TLS\r\n');
      const secure = new tls.TLSSocket(socket, { isServer: true, key: certs.valid.key, cert: certs.valid.cert });
      secure.on('error', () => undefined);
      socket = secure;
      if ((await readLine(socket)) === null) return;
      if (where === 'ehlo-after-tls') return pour(socket, chunk, HUNDRED_MB, count);
      socket.write('250-flood.test\r\n250 AUTH PLAIN LOGIN\r\n');
      if ((await readLine(socket)) === null) return;
      return pour(socket, chunk, HUNDRED_MB, count);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get sent() {
      return sent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs `fn` while sampling memory; returns the largest growth of the heap (with buffers) and of the RSS. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; heapGrowth: number; rssGrowth: number }> {
  gc();
  const start = process.memoryUsage();
  const used = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external + m.arrayBuffers;
  let heapPeak = used(start);
  let rssPeak = start.rss;
  const sample = (): void => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, used(m));
    rssPeak = Math.max(rssPeak, m.rss);
  };
  const timer = setInterval(sample, 2);
  try {
    const result = await fn();
    sample();
    return { result, heapGrowth: heapPeak - used(start), rssGrowth: rssPeak - start.rss };
  } finally {
    clearInterval(timer);
  }
}

const MB = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** What each case observed, printed once so the report can quote the numbers. */
const observed: string[] = [];

const FLOODS: {
  id: string;
  name: string;
  where: Parameters<typeof startFlood>[0];
  chunk: Buffer;
  violation?: string;
}[] = [
  {
    id: 'A5-line',
    name: 'a 100 MB greeting line without CRLF',
    where: 'greeting',
    chunk: Buffer.alloc(64 * 1024, 'A'),
    violation: 'line-too-long',
  },
  {
    id: 'A6-continuation',
    name: 'a 100 MB EHLO reply of endless 250- lines',
    where: 'ehlo',
    chunk: Buffer.from('250-this reply never ends\r\n'.repeat(2048)),
    violation: 'reply-too-many-lines',
  },
  {
    id: 'A6-long-lines',
    name: 'a 100 MB EHLO reply of long 250- lines',
    where: 'ehlo',
    chunk: Buffer.from(`250-${'L'.repeat(8000)}\r\n`.repeat(8)),
    violation: 'reply-too-large',
  },
  {
    id: 'A11-flood',
    name: '100 MB of complete replies nobody asked for',
    where: 'ehlo',
    chunk: Buffer.from('250 flood\r\n'.repeat(4096)),
    violation: 'unsolicited-replies',
  },
  {
    id: 'C1-flood',
    name: '100 MB of plaintext after the STARTTLS 220',
    where: 'after-starttls-220',
    chunk: Buffer.from('250-injected\r\n'.repeat(4096)),
  },
  {
    id: 'A6-tls',
    name: 'a 100 MB EHLO reply inside TLS',
    where: 'ehlo-after-tls',
    chunk: Buffer.from('250-this reply never ends\r\n'.repeat(2048)),
    violation: 'reply-too-many-lines',
  },
  {
    id: 'A5-auth',
    name: 'a 100 MB AUTH challenge line inside TLS',
    where: 'auth',
    chunk: Buffer.concat([Buffer.from('334 '), Buffer.alloc(64 * 1024 - 4, 'Q')]),
    violation: 'line-too-long',
  },
];

describe('security: 100 MB replies', () => {
  let certs: LabCertificates;
  before(async () => {
    certs = await labCertificates();
  });

  for (const f of FLOODS) {
    test(`security ${f.id} (session): ${f.name} keeps memory growth under ${MB(CEILING_BYTES)}`, async () => {
      const flood = await startFlood(f.where, f.chunk, certs);
      try {
        const {
          result: record,
          heapGrowth,
          rssGrowth,
        } = await measure(() =>
          runSession({
            host: '127.0.0.1',
            port: flood.port,
            security: 'starttls',
            ca: [certs.ca.cert],
            credentials: { username: USER, secret: new Secret(PASSWORD) },
            timeoutMs: 5_000,
            deadlineMs: 20_000,
          }),
        );
        observed.push(
          `${f.id}: server sent ${MB(flood.sent)} before the client hung up; heap+buffers +${MB(heapGrowth)}, RSS +${MB(rssGrowth)}`,
        );
        assert.equal(record.outcome, 'stopped');
        if (f.violation) {
          const failure = record.steps.find((s) => s.failure)?.failure;
          assert.equal(failure?.kind === 'protocol-violation' && failure.violation.kind, f.violation);
        } else assert.ok(record.injection, 'the plaintext after the 220 is reported');
        assert.ok(flood.sent < HUNDRED_MB, `the client hung up before the 100 MB were through (${MB(flood.sent)})`);
        assert.ok(heapGrowth < CEILING_BYTES, `heap and buffers grew by ${MB(heapGrowth)}`);
        assert.ok(rssGrowth < CEILING_BYTES * 2, `RSS grew by ${MB(rssGrowth)}`);
      } finally {
        await flood.close();
      }
    });
  }

  test(`security A6 (check): a 100 MB EHLO reply ends in protocol-violation with memory growth under ${MB(CEILING_BYTES)}`, async () => {
    const flood = await startFlood('ehlo', Buffer.from('250-this reply never ends\r\n'.repeat(2048)), certs);
    try {
      const { result: report, heapGrowth } = await measure(() =>
        check({
          host: '127.0.0.1',
          port: flood.port,
          security: 'starttls',
          alternatives: [],
          credentials: { username: USER, secret: new Secret(PASSWORD) },
          timeoutMs: 5_000,
        }),
      );
      assert.equal(ids(report)[0], 'protocol-violation');
      assert.ok(heapGrowth < CEILING_BYTES, `heap and buffers grew by ${MB(heapGrowth)}`);
    } finally {
      await flood.close();
      console.log(`# memory under 100 MB floods:\n# ${observed.join('\n# ')}`);
    }
  });
});

describe('security: huge pastes', () => {
  /**
   * Each of these took minutes to hours before (a pattern retried at every position, every reply compared with every
   * other); linear now, they take a second or two. The bound only tells a finished run from a hung one.
   */
  const HANG_BOUND_MS = 30_000;
  const PASTES: { id: string; name: string; text: string }[] = [
    { id: 'P1', name: '20 000 reply lines (80 KB)', text: '535\n'.repeat(20_000) },
    { id: 'P2', name: '300 KB of base64 without a break', text: 'VXNlcm5hbWU6'.repeat(25_000) },
    { id: 'P3', name: '300 KB of "smtp." without a port', text: 'smtp.'.repeat(60_000) },
  ];
  for (const p of PASTES) {
    test(`security ${p.id} (explain): a paste of ${p.name} is explained, not hung on`, async () => {
      const started = performance.now();
      const run = await runCli(['explain', '--json'], { stdin: p.text });
      const elapsed = performance.now() - started;
      assert.notEqual(run.code, 2, run.stderr);
      JSON.parse(run.stdout);
      assert.ok(elapsed < HANG_BOUND_MS, `explain ended (after ${Math.round(elapsed)} ms)`);
    });
  }
});
