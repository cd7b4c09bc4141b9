// Bounded reads of local input (secret files, stdin, CA files, pastes): /dev/zero or a wrong file must not fill memory.
import { open } from 'node:fs/promises';

/** Binary units for messages: "64 KiB", "1 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

const CHUNK = 64 * 1024;

/**
 * The file's bytes, or `undefined` when it holds more than `maxBytes` (reading stops one byte past the limit, so an
 * endless file such as /dev/zero costs no more). File-system errors are thrown as they come.
 */
export async function readFileUpTo(path: string, maxBytes: number): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return undefined;
    }
  } finally {
    await handle.close();
  }
}

/** The stream's bytes, or `undefined` as soon as more than `maxBytes` arrived (the rest is not read). */
export async function readStreamUpTo(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array);
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) return undefined;
  }
  return Buffer.concat(chunks, total);
}
