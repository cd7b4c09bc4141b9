// CLI I/O: the streams and environment a command uses, passed in so tests can run commands in-process.

export interface CliIo {
  /** `columns`: the terminal's width, when stdout is one (Node sets it on a TTY). */
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  /** Stops long-running commands (the lab) from a test; without it they stop on SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Prose in a report never gets narrower than this: below it, every line breaks after a word or two. */
const MIN_COLUMNS = 60;
/** Without a terminal to measure (piped, redirected), a width that reads well in a file or a pasted issue. */
const PIPED_COLUMNS = 100;

/**
 * The width to wrap text output at: COLUMNS when the user set it (the shells' and Python's convention, also for piped
 * output), else the terminal's own width, else 100; never under 60. JSON is never wrapped.
 */
export function textWidth(io: Pick<CliIo, 'stdout' | 'env'>): number {
  const fromEnv = /^\d{1,4}$/.test(io.env.COLUMNS ?? '') ? Number(io.env.COLUMNS) : undefined;
  const fromTerminal =
    io.stdout.isTTY && io.stdout.columns !== undefined && io.stdout.columns > 0 ? io.stdout.columns : undefined;
  return Math.max(MIN_COLUMNS, fromEnv ?? fromTerminal ?? PIPED_COLUMNS);
}

/**
 * `--no-color` is accepted by every command: main takes it off the arguments (before a "--", after which everything
 * is text) and sets NO_COLOR for the command, the variable https://no-color.org asks every program to honour, so the
 * one check that decides colour (report/text.ts colorEnabled) covers the flag too.
 */
export function withoutColorFlag(argv: readonly string[], io: CliIo): { argv: string[]; io: CliIo } {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (!options.includes('--no-color')) return { argv: [...argv], io };
  const rest = [...options.filter((a) => a !== '--no-color'), ...(end === -1 ? [] : argv.slice(end))];
  return { argv: rest, io: { ...io, env: { ...io.env, NO_COLOR: '1' } } };
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
