// Extra trusted CAs in any form a caller has (PEM text, bytes, a file path, a list), each certificate parsed up front.
import { X509Certificate } from 'node:crypto';
import { open } from 'node:fs/promises';
import { UsageError } from '../model/errors.js';
import { describeValue } from './validate.js';

/**
 * CA certificates to trust besides Node's roots: PEM text (one or many certificates), a Buffer (PEM, or one DER
 * certificate), the path of a PEM file, or a list of these.
 */
export type CaInput = string | Uint8Array | readonly (string | Uint8Array)[];

/** Per item: a bundle of every public root CA is about 200 KiB, so 1 MiB leaves room and stops /dev/zero. */
export const MAX_CA_BYTES = 1024 * 1024;

const BEGIN = '-----BEGIN CERTIFICATE-----';
const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Every certificate of `input` as PEM text, each one parsed by OpenSSL now: a missing, empty or unreadable file, text
 * without a certificate, or a certificate that does not parse is a UsageError naming `option` and the item — never a
 * TLS failure later, where a CA that was silently dropped would read as the server's certificate error.
 */
export async function loadCa(input: unknown, option = 'ca'): Promise<string[]> {
  if (typeof input === 'string' || input instanceof Uint8Array) return loadItem(input, option);
  if (!Array.isArray(input)) throw new UsageError(`${option} must be ${EXPECTED}, not ${describeValue(input)}`);
  if (input.length === 0) throw new UsageError(`${option} is an empty list: give at least one CA certificate`);
  const loaded = await Promise.all(
    (input as unknown[]).map((item, i) => {
      if (typeof item === 'string' || item instanceof Uint8Array) return loadItem(item, `${option}[${i}]`);
      throw new UsageError(`${option}[${i}] must be PEM text, a Buffer or a file path, not ${describeValue(item)}`);
    }),
  );
  return loaded.flat();
}

/** The CLI's --ca FILE (repeatable): every argument is a path, even one that looks like PEM text. */
export async function readCaFiles(files: readonly string[]): Promise<string[]> {
  const loaded = await Promise.all(
    files.map(async (file) => fromBytes(await readCaFile(file, '--ca'), `--ca: ${file}`)),
  );
  return loaded.flat();
}

const EXPECTED = 'PEM text, a Buffer, the path of a PEM file, or an array of these';

async function loadItem(item: string | Uint8Array, option: string): Promise<string[]> {
  if (typeof item === 'string') {
    if (item.includes('-----BEGIN')) {
      if (item.length > MAX_CA_BYTES)
        throw new UsageError(`${option} holds more than 1 MiB, the most CA certificates may take`);
      return certificatesIn(item, `${option} (PEM text)`);
    }
    if (item.trim() === '') throw new UsageError(`${option} is an empty string: give PEM text or a file path`);
    return fromBytes(await readCaFile(item, option), `${option}: ${item}`);
  }
  const bytes = Buffer.from(item.buffer, item.byteOffset, item.byteLength);
  if (bytes.length === 0) throw new UsageError(`${option} is an empty Buffer: give PEM text or a DER certificate`);
  if (bytes.length > MAX_CA_BYTES)
    throw new UsageError(`${option} holds more than 1 MiB, the most CA certificates may take`);
  return fromBytes(bytes, `${option} (Buffer)`);
}

/** PEM (one or many certificates), else one DER certificate: the two forms a certificate's bytes have. */
function fromBytes(bytes: Buffer, source: string): string[] {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) return certificatesIn(text, source);
  try {
    return [new X509Certificate(bytes).toString()];
  } catch (err) {
    throw new UsageError(
      `${source} holds no PEM certificate (no "${BEGIN}" line) and is no DER certificate either (${reason(err)})`,
      { cause: err },
    );
  }
}

async function readCaFile(file: string, option: string): Promise<Buffer> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readUpTo(file, MAX_CA_BYTES);
  } catch (err) {
    // A flag's argument is a path by definition; a library string may have been meant as PEM text.
    const hint = option.startsWith('--')
      ? ''
      : ': a string is PEM text (with its -----BEGIN line) or the path of a PEM file';
    throw new UsageError(
      `${option}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? reason(err)})${hint}`,
      { cause: err },
    );
  }
  if (!bytes) throw new UsageError(`${option}: ${file} holds more than 1 MiB, the most a CA file may have`);
  if (bytes.length === 0) throw new UsageError(`${option}: ${file} is empty`);
  return bytes;
}

/** The file's bytes, or undefined past `max` (reading stops one byte beyond it, so /dev/zero costs no more). */
async function readUpTo(file: string, max: number): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) return undefined;
    }
  } finally {
    await handle.close();
  }
}

/** Each certificate block of `text`, parsed; other PEM blocks (a key in the same file) are not certificates to trust. */
function certificatesIn(text: string, source: string): string[] {
  const begins = text.split(BEGIN).length - 1;
  if (begins === 0) throw new UsageError(`${source} holds no PEM certificate (no "${BEGIN}" line)`);
  const out: string[] = [];
  for (const [n, match] of [...text.matchAll(BLOCK)].entries()) {
    try {
      out.push(new X509Certificate(match[0]).toString());
    } catch (err) {
      throw new UsageError(`${source}: certificate ${n + 1} does not parse (${reason(err)})`, { cause: err });
    }
  }
  if (out.length < begins)
    throw new UsageError(`${source}: certificate ${out.length + 1} has no "-----END CERTIFICATE-----" line`);
  return out;
}

/** OpenSSL's reason without its "error:0680…:" prefix. */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^error:[0-9A-F]+:/, '');
}
