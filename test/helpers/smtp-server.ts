// In-process smtp-server (the real library) on 127.0.0.1, with accounts and the options a test needs.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { KeyPair } from '../../src/lab/certificates.js';

export interface TestServer {
  port: number;
  /** Every AUTH attempt the server saw: mechanism and whether it succeeded. */
  attempts: { method: string; username: string | undefined; ok: boolean }[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  accounts?: Record<string, string>;
  secure?: boolean;
  pair?: KeyPair;
  authMethods?: string[];
  extra?: Partial<SMTPServerOptions>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const accounts = options.accounts ?? { 'alice@lab.test': 'correct horse' };
  const attempts: TestServer['attempts'] = [];
  const server = new SMTPServer({
    secure: options.secure ?? false,
    ...(options.pair ? { key: options.pair.key, cert: options.pair.cert } : {}),
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    logger: false,
    disableReverseLookup: true,
    name: 'lab.test',
    onAuth(auth, _session, callback) {
      const expected = auth.username !== undefined ? accounts[auth.username] : undefined;
      const ok =
        expected !== undefined &&
        (auth.method === 'CRAM-MD5' ? auth.validatePassword(expected) : auth.password === expected);
      attempts.push({ method: auth.method, username: auth.username, ok });
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    ...options.extra,
  });
  // A failed TLS handshake is reported as an 'error' event; without a listener it would crash the process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
