// Interop harness helpers: free loopback ports, readiness checks, and the accounts every real server gets.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';

export const EXIM_BINARY = '/opt/smtp-doctor-exim/usr/sbin/exim4';

/** The same accounts on every server: plain ASCII, and UTF-8 with spaces and a colon. */
export const ACCOUNTS = [
  { username: 'alice@lab.test', password: 'correct horse battery' },
  { username: 'bøb@lab.test', password: 'pä ss:wörd 1' },
] as const;

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function postfixAvailable(): boolean {
  return commandExists('postfix') && commandExists('dovecot');
}

export function eximAvailable(): boolean {
  return existsSync(EXIM_BINARY);
}

export const INSTALL_HINT = 'run test/interop/servers/install.sh as root (.ci/run does)';

/** Ports the OS considers free right now (bound and released: good enough for one test process). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Waits until the port accepts a connection (the greeting itself may need TLS first). */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Dovecot's {SHA256} scheme: base64 of the SHA-256 of the UTF-8 password (no colon problem in passwd-file). */
export function dovecotSha256(password: string): string {
  return `{SHA256}${createHash('sha256').update(password, 'utf8').digest('base64')}`;
}
