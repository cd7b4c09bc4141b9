// CLI I/O: the streams and environment a command uses, passed in so tests can run commands in-process.

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  /** Stops long-running commands (the lab) from a test; without it they stop on SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

export const EXIT = Object.freeze({
  /** The login works (or, without credentials, the session works). */
  ok: 0,
  /** A problem was diagnosed. */
  problem: 1,
  /** Usage or input error. */
  usage: 2,
  /** Inconclusive: a step crashed or an internal error. */
  inconclusive: 3,
});
