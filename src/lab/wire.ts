// Lab wire: one server-side connection — bounded line reading, paced writes, STARTTLS/implicit TLS upgrade.
import type net from 'node:net';
import tls from 'node:tls';

export interface ClientLine {
  /** The line without its line ending, decoded as latin1 so every byte survives. */
  text: string;
  /** The line was longer than the limit: its text holds only the first bytes. */
  tooLong: boolean;
}

export interface WireOptions {
  /** Longest client line kept; longer lines are cut and flagged. */
  maxLineBytes: number;
  /** Ends the session when the client stays silent this long. */
  idleMs: number;
  /** Paces every write (the slow fault). */
  bytesPerSecond?: number;
}

const MAX_QUEUED_LINES = 1000;

export type TlsUpgrade = { ok: true; protocol: string } | { ok: false; code: string };

export class LabConnection {
  #socket: net.Socket;
  #lines: ClientLine[] = [];
  #partial: Buffer[] = [];
  #partialBytes = 0;
  #overflow = false;
  #closed = false;
  #waiter: (() => void) | undefined;
  readonly #options: WireOptions;
  readonly remoteAddress: string;
  encrypted = false;

  constructor(socket: net.Socket, options: WireOptions) {
    this.#socket = socket;
    this.#options = options;
    this.remoteAddress = normalizeAddress(socket.remoteAddress);
    this.#attach(socket);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The next line, or null when the client closed or stayed silent past the idle limit. */
  async readLine(): Promise<ClientLine | null> {
    for (;;) {
      const line = this.#takeLine();
      if (line) return line;
      if (this.#closed) return null;
      const arrived = await this.#wait(this.#options.idleMs);
      if (!arrived) return this.#takeLine();
    }
  }

  /** Writes bytes exactly as given, paced when the slow fault is on; resolves when the socket took them. */
  async write(data: string | Buffer): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const rate = this.#options.bytesPerSecond;
    if (rate === undefined) return this.#writeNow(bytes);
    const step = Math.max(1, Math.floor(rate / 10));
    const pause = Math.max(1, Math.round((1000 * step) / rate));
    for (let i = 0; i < bytes.length && !this.#closed; i += step) {
      await this.#writeNow(bytes.subarray(i, i + step));
      if (i + step < bytes.length) await this.sleep(pause);
    }
  }

  /** Server side of a TLS handshake on this connection (implicit TLS, or after the 220 to STARTTLS). */
  upgradeTls(context: tls.SecureContext, handshakeMs: number): Promise<TlsUpgrade> {
    const raw = this.#socket;
    // Only our own listeners: the listener's bookkeeping on the raw socket must survive the upgrade.
    this.#detach?.();
    // RFC 3207 §4.2 (and CVE-2011-0411): plaintext that arrived before the handshake must not be acted on after it.
    this.#lines = [];
    this.#partial = [];
    this.#partialBytes = 0;
    this.#overflow = false;
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: context });
    this.#socket = secure;
    this.#attach(secure);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ ok: false, code: 'ETIMEDOUT' }), handshakeMs);
      const finish = (result: TlsUpgrade): void => {
        clearTimeout(timer);
        secure.removeListener('secure', onSecure);
        secure.removeListener('error', onError);
        secure.removeListener('close', onClose);
        if (result.ok) this.encrypted = true;
        else this.destroy();
        resolve(result);
      };
      const onSecure = (): void => finish({ ok: true, protocol: secure.getProtocol() ?? 'TLS' });
      const onError = (err: NodeJS.ErrnoException): void => finish({ ok: false, code: err.code ?? 'TLS_ERROR' });
      const onClose = (): void => finish({ ok: false, code: 'ECONNRESET' });
      secure.once('secure', onSecure);
      secure.once('error', onError);
      secure.once('close', onClose);
    });
  }

  /** Waits, but wakes early when the client goes away. */
  sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const previous = this.#socket;
      function done(): void {
        clearTimeout(timer);
        previous.removeListener('close', done);
        resolve();
      }
      previous.once('close', done);
    });
  }

  /** FIN after pending writes. */
  end(): void {
    if (!this.#socket.destroyed) this.#socket.end();
  }

  /** Reset: drop at once (RST where the platform allows). */
  destroy(): void {
    this.#closed = true;
    const s = this.#socket;
    if (s.destroyed) return;
    if ('resetAndDestroy' in s && typeof s.resetAndDestroy === 'function' && !(s instanceof tls.TLSSocket))
      s.resetAndDestroy();
    else s.destroy();
    this.#waiter?.();
  }

  #detach: (() => void) | undefined;

  #attach(socket: net.Socket): void {
    const onData = (chunk: Buffer): void => this.#onData(chunk);
    const onError = (): void => undefined; // a client that resets is ordinary in a lab; 'close' follows
    const onClose = (): void => {
      this.#closed = true;
      this.#waiter?.();
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    this.#detach = () => {
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      // The 'error' listener stays: a raw socket under TLS can still report a reset, which must not go unhandled.
    };
  }

  /** Splits bytes into lines; a line past the limit keeps its first bytes only, so memory stays bounded. */
  #onData(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, lf === -1 ? chunk.length : lf);
      this.#append(piece);
      if (lf === -1) break;
      let bytes = Buffer.concat(this.#partial);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 13 && !this.#overflow) bytes = bytes.subarray(0, -1);
      this.#lines.push({ text: bytes.toString('latin1'), tooLong: this.#overflow });
      this.#partial = [];
      this.#partialBytes = 0;
      this.#overflow = false;
      start = lf + 1;
    }
    // A client that floods lines faster than the session reads them is paused, not buffered without end.
    if (this.#lines.length > MAX_QUEUED_LINES) this.#socket.pause();
    this.#waiter?.();
  }

  #append(piece: Buffer): void {
    const room = this.#options.maxLineBytes - this.#partialBytes;
    if (piece.length > room) this.#overflow = true;
    const kept = piece.subarray(0, Math.max(0, room));
    if (kept.length > 0) {
      this.#partial.push(Buffer.from(kept));
      this.#partialBytes += kept.length;
    }
  }

  #takeLine(): ClientLine | null {
    const line = this.#lines.shift() ?? null;
    if (this.#lines.length <= MAX_QUEUED_LINES / 2 && this.#socket.isPaused()) this.#socket.resume();
    return line;
  }

  #wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve(false);
      }, ms);
      this.#waiter = () => {
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve(true);
      };
    });
  }

  #writeNow(bytes: Buffer): Promise<void> {
    const s = this.#socket;
    if (this.#closed || s.destroyed || !s.writable) return Promise.resolve();
    return new Promise((resolve) => {
      const flushed = s.write(bytes);
      if (flushed) {
        resolve();
        return;
      }
      const done = (): void => {
        s.removeListener('drain', done);
        s.removeListener('close', done);
        resolve();
      };
      s.once('drain', done);
      s.once('close', done);
    });
  }
}

function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
