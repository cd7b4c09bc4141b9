// In-process smtp-server (the real library) on 127.0.0.1 with the defaults the transport and probe tests share.
import type { SMTPServerOptions } from 'smtp-server';
import type { KeyPair } from '../../src/lab/certificates.js';
import { startSmtpServerListener, type Listener } from './smtp-server-listener.js';

export type TestServer = Listener;

export interface TestServerOptions {
  accounts?: Record<string, string>;
  secure?: boolean;
  pair?: KeyPair;
  authMethods?: string[];
  extra?: Partial<SMTPServerOptions>;
}

export function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  return startSmtpServerListener({
    accounts: options.accounts ?? { 'alice@lab.test': 'correct horse' },
    implicitTls: options.secure ?? false,
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    ...(options.pair ? { pair: options.pair } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
  });
}
