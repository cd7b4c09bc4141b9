// Lab test helpers: start a lab with the shared certificates, talk raw SMTP to it, match replies against templates.
import net from 'node:net';
import tls from 'node:tls';
import { startLab, type Lab, type LabOptions } from '../../src/lab/index.js';
import { labCertificates } from './certs.js';

export async function withLab<T>(options: LabOptions, fn: (lab: Lab) => Promise<T>): Promise<T> {
  const lab = await startLab({ certificates: await labCertificates(), ...options });
  try {
    return await fn(lab);
  } finally {
    await lab.close();
  }
}

/** A regex that matches a reply template once its placeholders are filled with anything (on one line). */
export function templateRegex(template: string): RegExp {
  const escaped = template
    .split(/(<[^<>\r\n]{1,40}>)/)
    .map((part, i) => (i % 2 === 1 && isPlaceholder(part) ? '[^\\r\\n]+?' : escapeRegex(part)))
    .join('');
  return new RegExp(`^${escaped}$`);
}

const LITERAL_BRACKETS = new Set(['<CR>', '<LF>', '<CRLF>']);
function isPlaceholder(part: string): boolean {
  return !LITERAL_BRACKETS.has(part) && !part.startsWith('<https://');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A raw client: exact bytes in, exact bytes out, for byte-level assertions. */
export class RawClient {
  #socket: net.Socket;
  #buffer = '';
  #waiters: (() => void)[] = [];
  closed = false;
  /** How many pieces the bytes arrived in (the slow fault paces them). */
  dataEvents = 0;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#listen(socket);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  static connectTls(port: number, ca: string, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ port, host, ca: [ca], servername: 'localhost' }, () =>
        resolve(new RawClient(socket)),
      );
      socket.once('error', reject);
    });
  }

  #listen(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.dataEvents += 1;
      this.#buffer += chunk.toString('latin1');
      for (const w of this.#waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  write(text: string | Buffer): void {
    this.#socket.write(text);
  }

  /** The bytes of the next complete reply (through the CRLF of its last line), or what came before a close. */
  async reply(timeoutMs = 3000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const end = completeReplyEnd(this.#buffer);
      if (end !== -1) {
        const reply = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end);
        return reply;
      }
      if (this.closed || Date.now() > until) {
        const rest = this.#buffer;
        this.#buffer = '';
        return rest;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, until - Date.now()));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a command line and returns the reply. */
  async send(line: string): Promise<string> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** Upgrades to TLS after a 220 to STARTTLS; returns bytes that were already buffered (they should be none). */
  async startTls(ca: string): Promise<string> {
    const leftover = this.#buffer;
    this.#buffer = '';
    this.#socket.removeAllListeners('data');
    this.#socket.removeAllListeners('close');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: this.#socket, ca: [ca], servername: 'localhost' }, () => resolve(s));
      s.once('error', reject);
    });
    this.#socket = secure;
    this.#listen(secure);
    return leftover;
  }

  /** Resolves when the server closed the connection. */
  async closedByServer(timeoutMs = 3000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

function completeReplyEnd(buffer: string): number {
  let start = 0;
  for (;;) {
    const crlf = buffer.indexOf('\r\n', start);
    if (crlf === -1) return -1;
    const line = buffer.slice(start, crlf);
    if (/^\d{3}( |$)/.test(line)) return crlf + 2;
    start = crlf + 2;
  }
}

/** For withLab calls that only check whether the lab starts. */
export const nothing = (): Promise<void> => Promise.resolve();

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
