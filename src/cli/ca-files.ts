// --ca FILE: extra trusted CA certificates, read and checked before anything is sent.
import { UsageError } from '../model/errors.js';
import { formatBytes, readFileUpTo } from './bounded-read.js';

/** Per file: a bundle of every public root CA is about 200 KiB, so 1 MiB leaves room and stops /dev/zero. */
const MAX_CA_FILE_BYTES = 1024 * 1024;

export async function readCaFiles(files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map(readCa));
}

async function readCa(file: string): Promise<string> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readFileUpTo(file, MAX_CA_FILE_BYTES);
  } catch (err) {
    throw new UsageError(`--ca: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!bytes)
    throw new UsageError(
      `--ca: ${file} holds more than ${formatBytes(MAX_CA_FILE_BYTES)}, the most a CA file may have`,
    );
  const text = bytes.toString('utf8');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: ${file} holds no PEM certificate`);
  return text;
}
