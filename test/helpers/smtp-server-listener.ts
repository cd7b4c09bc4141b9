// Test listener built on smtp-server (the real library, a devDependency): accounts, STARTTLS or implicit TLS, on loopback only.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { KeyPair } from '../../src/lab/certificates.js';

export interface ListenerOptions {
  /** user name → password */
  accounts: Record<string, string>;
  /** Certificate for TLS; without one the listener offers no STARTTLS. */
  pair?: KeyPair;
  /** TLS from the first byte (port 465 style) instead of STARTTLS. */
  implicitTls: boolean;
  authMethods?: string[];
  name?: string;
  port?: number;
  /** Any other smtp-server option, applied last (tests use it for disabledCommands, onMailFrom, …). */
  extra?: Partial<SMTPServerOptions>;
}

export interface AuthAttempt {
  method: string;
  username: string | undefined;
  ok: boolean;
}

export interface Listener {
  port: number;
  /** Every AUTH attempt the listener judged, in order. */
  attempts: AuthAttempt[];
  close(): Promise<void>;
}

export async function startSmtpServerListener(options: ListenerOptions): Promise<Listener> {
  const attempts: AuthAttempt[] = [];
  const server = new SMTPServer({
    secure: options.implicitTls,
    ...(options.pair ? { key: options.pair.key, cert: options.pair.cert } : {}),
    name: options.name ?? 'lab.test',
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN'],
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      const expected = auth.username === undefined ? undefined : options.accounts[auth.username];
      const ok =
        expected !== undefined &&
        (auth.method === 'CRAM-MD5' ? auth.validatePassword(expected) : auth.password === expected);
      attempts.push({ method: auth.method, username: auth.username, ok });
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
    ...options.extra,
  });
  // A client that fails the TLS handshake surfaces as an 'error' event; unhandled, it would end the process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
