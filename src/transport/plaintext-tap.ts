// Plaintext tap: carries bytes between the socket and TLS after STARTTLS, and keeps the server's first bytes as evidence.
import type net from 'node:net';
import { Duplex } from 'node:stream';

/** A TLS record starts with its content type: change_cipher_spec, alert, handshake or application_data (RFC 8446 §5.1). */
const TLS_CONTENT_TYPES = new Set([20, 21, 22, 23]);

/**
 * Node hands a plain socket straight to OpenSSL, so bytes that break the handshake are never seen: the error says only
 * "wrong version number". Passing them through this stream instead lets us show what arrived in place of TLS —
 * plaintext after the STARTTLS go-ahead is the response-injection attack, whichever packet it came in.
 */
export class PlaintextTap {
  readonly stream: Duplex;
  readonly #keep: number;
  readonly #sample: Buffer[] = [];
  #kept = 0;
  #bytes = 0;
  #watching = true;
  #plaintext: boolean | undefined;

  constructor(raw: net.Socket, keep: number) {
    this.#keep = keep;
    const stream = new Duplex({
      read: () => {
        raw.resume();
      },
      write: (chunk: Buffer, _encoding, callback) => {
        raw.write(chunk, callback);
      },
      final: (callback) => {
        raw.end();
        callback();
      },
      destroy: (err, callback) => {
        raw.destroy();
        callback(err);
      },
    });
    raw.on('data', (chunk: Buffer) => {
      this.#observe(chunk);
      if (!stream.push(chunk)) raw.pause();
    });
    raw.on('end', () => stream.push(null));
    raw.on('close', () => stream.destroy());
    raw.on('error', (err) => stream.destroy(err));
    this.stream = stream;
  }

  /** The handshake finished: what follows is TLS, nothing more to look at. */
  stopWatching(): void {
    this.#watching = false;
    this.#sample.length = 0;
  }

  /** What the server sent where its TLS handshake should have been, when that was not a TLS record. */
  plaintext(): { bytes: number; sample: Buffer } | undefined {
    if (!this.#plaintext) return undefined;
    return { bytes: this.#bytes, sample: Buffer.concat(this.#sample) };
  }

  #observe(chunk: Buffer): void {
    if (!this.#watching || chunk.length === 0) return;
    this.#plaintext ??= !TLS_CONTENT_TYPES.has(chunk[0] ?? 0);
    if (!this.#plaintext) {
      this.#watching = false;
      return;
    }
    this.#bytes += chunk.length;
    if (this.#kept < this.#keep) {
      const part = chunk.subarray(0, this.#keep - this.#kept);
      this.#sample.push(Buffer.from(part));
      this.#kept += part.length;
    }
  }
}
