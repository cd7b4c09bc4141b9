// --ca FILE: extra trusted CA certificates, read and checked before anything is sent.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../model/errors.js';

export async function readCaFiles(files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map(readCa));
}

async function readCa(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--ca: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: ${file} holds no PEM certificate`);
  return text;
}
