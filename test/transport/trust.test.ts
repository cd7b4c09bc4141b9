// Trust: --ca adds to the process's roots (NODE_EXTRA_CA_CERTS kept), never replaces them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { generateLabCertificates, type KeyPair } from '../../src/lab/certificates.js';
import { contextWithExtraCas } from '../../src/transport/trust.js';

/** A TLS server on 127.0.0.1 presenting `pair`; resolves to its port. */
async function serve(pair: KeyPair): Promise<{ port: number; close: () => void }> {
  const server = tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

/** Whether the chain the server on `port` presents verifies with `context`. */
function verifies(context: tls.SecureContext, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', secureContext: context });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      if (err.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || err.code === 'SELF_SIGNED_CERT_IN_CHAIN') resolve(false);
      else if (err.code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY') resolve(false);
      else reject(err);
    });
  });
}

test('trust: a context with the user CA verifies its certificates, and no others', async () => {
  const [mine, other] = await Promise.all([generateLabCertificates(), generateLabCertificates()]);
  const [a, b] = await Promise.all([serve(mine.valid), serve(other.valid)]);
  try {
    const context = contextWithExtraCas([mine.ca.cert]);
    assert.equal(await verifies(context, a.port), true);
    assert.equal(await verifies(context, b.port), false);
    assert.equal(contextWithExtraCas([mine.ca.cert]), context, 'built once per CA set');
  } finally {
    a.close();
    b.close();
  }
});

/** The servers on `ports` as a child process with `env` and `flags` checks them with contextWithExtraCas([ca]). */
async function childVerifies(
  ca: string,
  ports: number[],
  env: NodeJS.ProcessEnv,
  flags: string[] = [],
): Promise<boolean[]> {
  // The process's roots are read when it starts: a child process with them set checks the servers.
  const script = `
    import tls from 'node:tls';
    import { contextWithExtraCas } from ${JSON.stringify(new URL('../../src/transport/trust.ts', import.meta.url).href)};
    const context = contextWithExtraCas([${JSON.stringify(ca)}]);
    const verifies = (port) => new Promise((resolve) => {
      const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', secureContext: context });
      s.once('secureConnect', () => { s.destroy(); resolve(true); });
      s.once('error', () => { s.destroy(); resolve(false); });
    });
    const out = [];
    for (const port of ${JSON.stringify(ports)}) out.push(await verifies(port));
    console.log(JSON.stringify(out));
  `;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [...flags, '--import', 'tsx', '--input-type=module', '-e', script],
      { env: { ...process.env, ...env } },
      (err, out) => (err ? reject(new Error(err.message, { cause: err })) : resolve(out)),
    ),
  );
  return JSON.parse(stdout) as boolean[];
}

test('trust: --ca adds to the roots the process trusts (the system store, NODE_EXTRA_CA_CERTS), never replaces them', async () => {
  const [mine, system, extra] = await Promise.all([
    generateLabCertificates(),
    generateLabCertificates(),
    generateLabCertificates(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-trust-'));
  const servers = await Promise.all([serve(mine.valid), serve(system.valid), serve(extra.valid)]);
  const ports = servers.map((s) => s.port);
  try {
    await writeFile(join(dir, 'system.pem'), system.ca.cert);
    await writeFile(join(dir, 'extra.pem'), extra.ca.cert);
    // --use-openssl-ca with SSL_CERT_FILE stands in for the root store: a public root is trusted the same way.
    const roots = await childVerifies(mine.ca.cert, ports, { SSL_CERT_FILE: join(dir, 'system.pem') }, [
      '--use-openssl-ca',
    ]);
    assert.deepEqual(roots, [true, true, false]);
    const extras = await childVerifies(mine.ca.cert, ports, { NODE_EXTRA_CA_CERTS: join(dir, 'extra.pem') });
    assert.deepEqual(extras, [true, false, true]);
  } finally {
    for (const s of servers) s.close();
    await rm(dir, { recursive: true, force: true });
  }
});
