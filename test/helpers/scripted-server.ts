// Scripted server (a test helper): a raw TCP server on loopback whose every byte comes from a script, for replies no real server library can produce.
import net from 'node:net';
import tls from 'node:tls';
import type { KeyPair } from '../../src/lab/certificates.js';

export interface ScriptContext {
  /** Writes bytes exactly as given (no CRLF added). */
  write(data: string | Uint8Array): void;
  /** Writes one line with CRLF. */
  line(text: string): void;
  /** The next line the client sent (without CRLF); null when it closed or the wait ran out. */
  readLine(timeoutMs?: number): Promise<string | null>;
  /** Server side of a TLS handshake on this connection (implicit TLS or after a 220 to STARTTLS). */
  startTls(pair: KeyPair): Promise<boolean>;
  sleep(ms: number): Promise<void>;
  /** Half-close: FIN after pending writes. */
  end(): void;
  /** Reset: drop the connection at once. */
  destroy(): void;
  readonly closed: boolean;
  /** Every line the client sent, in order, for assertions. */
  readonly received: string[];
}

export type Script = (ctx: ScriptContext) => Promise<void>;

export interface ScriptedServer {
  port: number;
  host: string;
  /** Lines received on every connection so far. */
  readonly received: string[][];
  close(): Promise<void>;
}

const DEFAULT_READ_TIMEOUT_MS = 10_000;
/** A client line longer than this is cut: the lab must stay bounded whatever a client sends. */
const MAX_CLIENT_LINE = 64 * 1024;

export function startScriptedServer(
  script: Script,
  options: { host?: string; port?: number } = {},
): Promise<ScriptedServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const received: string[][] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const lines: string[] = [];
    received.push(lines);
    void runScript(script, socket, lines);
  });
  server.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        host,
        received,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

async function runScript(script: Script, initial: net.Socket, received: string[]): Promise<void> {
  let socket: net.Socket = initial;
  let buffer = '';
  let closed = false;
  let waiter: (() => void) | undefined;

  const attach = (s: net.Socket): void => {
    s.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (buffer.length > MAX_CLIENT_LINE && !buffer.includes('\n')) buffer = buffer.slice(-MAX_CLIENT_LINE);
      waiter?.();
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      closed = true;
      waiter?.();
    });
  };
  attach(socket);

  const ctx: ScriptContext = {
    write: (data) => {
      if (!socket.destroyed) socket.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    },
    line: (text) => ctx.write(`${text}\r\n`),
    readLine: async (timeoutMs = DEFAULT_READ_TIMEOUT_MS) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const lf = buffer.indexOf('\n');
        if (lf !== -1) {
          const text = Buffer.from(buffer.slice(0, lf).replace(/\r$/, ''), 'latin1').toString('utf8');
          buffer = buffer.slice(lf + 1);
          received.push(text);
          return text;
        }
        if (closed || Date.now() >= until) return null;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
          waiter = () => {
            clearTimeout(timer);
            waiter = undefined;
            resolve();
          };
        });
      }
    },
    startTls: (pair) =>
      new Promise<boolean>((resolve) => {
        socket.removeAllListeners('data');
        socket.removeAllListeners('close');
        buffer = '';
        const secure = new tls.TLSSocket(socket, { isServer: true, key: pair.key, cert: pair.cert });
        socket = secure;
        attach(secure);
        secure.once('secure', () => resolve(true));
        secure.once('error', () => resolve(false));
        secure.once('close', () => resolve(false));
      }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    end: () => socket.end(),
    destroy: () => {
      // A TCP reset where Node can send one (plain sockets); a TLS socket can only be destroyed.
      if (socket instanceof tls.TLSSocket) socket.destroy();
      else socket.resetAndDestroy();
    },
    get closed() {
      return closed;
    },
    received,
  };
  try {
    await script(ctx);
  } catch {
    socket.destroy();
  }
}
