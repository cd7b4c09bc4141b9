// Secret input: a password from an env var, a file, stdin or a hidden prompt — on argv only with a warning.
import { UsageError } from '../model/errors.js';
import { Secret, type SecretKind } from '../model/secret.js';
import { formatBytes, readFileUpTo, readStreamUpTo } from './bounded-read.js';
import type { CliIo } from './io.js';

/**
 * The most a password or token file (or stdin) may hold. Real secrets are far shorter (OAuth access tokens run to a
 * few KiB); anything bigger is the wrong file, and reading it whole could exhaust memory.
 */
const MAX_SECRET_BYTES = 64 * 1024;

export interface SecretFlags {
  password?: string;
  'password-env'?: string;
  'password-file'?: string;
  'password-stdin'?: boolean;
}

export const SECRET_HELP = `  --password-env VAR     read the password (or OAuth token) from environment variable VAR
  --password-file FILE   read it from FILE (one trailing newline is removed)
  --password-stdin       read it from standard input (one trailing newline is removed)
  --password VALUE       on the command line: visible to other users and kept in shell history (warns)
                         Without any of these, a hidden prompt asks for it when a terminal is attached.`;

export const SECRET_OPTIONS = {
  password: { type: 'string' },
  'password-env': { type: 'string' },
  'password-file': { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

export type SecretSource = 'env' | 'file' | 'stdin' | 'prompt' | 'argv';

export interface SecretInput {
  secret: Secret;
  source: SecretSource;
}

/** True when any of the password flags was given. */
export function hasSecretFlag(flags: SecretFlags): boolean {
  return (
    flags.password !== undefined ||
    flags['password-env'] !== undefined ||
    flags['password-file'] !== undefined ||
    flags['password-stdin'] === true
  );
}

export const ARGV_PASSWORD_WARNING =
  'warning: a password on the command line is visible to other users (ps) and stays in your shell history; prefer --password-env, --password-file or --password-stdin\n';

/**
 * curl's `--user user:password` (also `-u`): the part after the first ":" is the password, taken as the secret with the
 * argv warning, never sent or shown as part of the user name. When a password also comes from elsewhere (`other` names
 * where), the two readings conflict: refused, naming the conflict but not the text. A user name that really holds ":"
 * can be given %-encoded (%3A) in an smtp:// URL.
 */
export function splitUserPassword(
  user: string | undefined,
  other: string | undefined,
): { user?: string; password?: string } {
  if (user === undefined) return {};
  const colon = user.indexOf(':');
  // A line break or NUL makes it no user name at all: the check that refuses it names that, whatever follows a ":".
  if (colon === -1 || /[\r\n\0]/.test(user)) return { user };
  if (other !== undefined)
    throw new UsageError(
      `--user holds a ":" (curl's user:password form) and a password comes from ${other} too: give the user name alone in --user (a user name with ":" can go in an smtp:// URL as %3A)`,
    );
  return { user: user.slice(0, colon), password: user.slice(colon + 1) };
}

/** The password flag that was given, for messages that name a conflict. */
export function secretFlagName(flags: SecretFlags): string | undefined {
  return (['password', 'password-env', 'password-file', 'password-stdin'] as const)
    .filter((k) => flags[k] !== undefined && flags[k] !== false)
    .map((k) => `--${k}`)[0];
}

/**
 * A conventional environment variable name (SMTP_PASS, MAIL_PASSWORD): safe to show. Anything else may be the password
 * itself (`--password-env "$PASS"`), so it is never echoed.
 */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

export async function readSecret(flags: SecretFlags, io: CliIo, kind: SecretKind): Promise<SecretInput> {
  const sources = (['password', 'password-env', 'password-file', 'password-stdin'] as const).filter(
    (k) => flags[k] !== undefined && flags[k] !== false,
  );
  if (sources.length > 1)
    throw new UsageError(`give the password one way only, not ${sources.map((s) => `--${s}`).join(' and ')}`);
  if (flags.password !== undefined) {
    io.stderr.write(ARGV_PASSWORD_WARNING);
    return { secret: new Secret(flags.password, kind), source: 'argv' };
  }
  const envName = flags['password-env'];
  if (envName !== undefined) return readSecretFrom({ flag: '--password-env', env: envName }, io, kind);
  const file = flags['password-file'];
  if (file !== undefined) return readSecretFrom({ flag: '--password-file', file }, io, kind);
  if (flags['password-stdin']) {
    const bytes = await readStreamUpTo(io.stdin, MAX_SECRET_BYTES);
    if (!bytes) throw new UsageError(`--password-stdin: standard input ${TOO_LONG}`);
    return { secret: new Secret(stripOneNewline(bytes.toString('utf8')), kind), source: 'stdin' };
  }
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const value = await promptHidden(io, `${kind === 'token' ? 'OAuth token' : 'Password'}: `);
    return { secret: new Secret(value, kind), source: 'prompt' };
  }
  throw new UsageError(
    '--user needs a password: --password-env VAR, --password-file FILE or --password-stdin (no terminal to prompt on)',
  );
}

/** What a flag's secret is called in its messages, and a variable name to show as the example. */
const SECRET_NAMES: Readonly<Record<string, { what: string; example: string }>> = {
  '--password-env': { what: 'password', example: 'SMTP_PASS' },
  '--password-file': { what: 'password', example: 'SMTP_PASS' },
  '--oauth-token-env': { what: 'token', example: 'SMTP_OAUTH_TOKEN' },
  '--oauth-token-file': { what: 'token', example: 'SMTP_OAUTH_TOKEN' },
  '--oauth-refresh-token-env': { what: 'refresh token', example: 'OAUTH_REFRESH_TOKEN' },
  '--oauth-refresh-token-file': { what: 'refresh token', example: 'OAUTH_REFRESH_TOKEN' },
  '--oauth-client-secret-env': { what: 'client secret', example: 'OAUTH_CLIENT_SECRET' },
  '--oauth-client-secret-file': { what: 'client secret', example: 'OAUTH_CLIENT_SECRET' },
};

/**
 * A secret from an environment variable or a file (bounded; one trailing newline removed), for any flag that takes
 * one. A name that is not set, or a file that does not exist, is refused without echoing it: it may be the secret
 * itself, passed where its name belonged.
 */
export async function readSecretFrom(
  source: { flag: string; env: string } | { flag: string; file: string },
  io: CliIo,
  kind: SecretKind,
): Promise<SecretInput> {
  const { what, example } = SECRET_NAMES[source.flag] ?? { what: 'secret', example: 'SECRET' };
  if ('env' in source) {
    const value = io.env[source.env];
    if (value === undefined)
      throw new UsageError(
        ENV_NAME.test(source.env)
          ? `${source.flag}: environment variable ${source.env} is not set`
          : `${source.flag}: no environment variable with that name (did you pass the value instead of the name? ${source.flag} takes a name, e.g. ${source.flag} ${example}; what you gave is not shown)`,
      );
    return { secret: new Secret(value, kind), source: 'env' };
  }
  let bytes: Buffer | undefined;
  try {
    bytes = await readFileUpTo(source.file, MAX_SECRET_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    // No such file: the text may be the secret itself (`--password-file "$PASS"`), so it is not shown.
    if (code === 'ENOENT' || code === 'ENAMETOOLONG')
      throw new UsageError(
        `${source.flag}: no file by that name (did you pass the ${what} instead of a file name? what you gave is not shown)`,
      );
    // The name is not shown here either: a secret passed by mistake can also name something that exists (a folder).
    throw new UsageError(
      `${source.flag}: cannot read the file you named (${code}${code === 'EISDIR' ? ': it is a folder' : ''}; what you gave is not shown)`,
    );
  }
  if (!bytes) throw new UsageError(`${source.flag}: the file you named ${TOO_LONG}`);
  return { secret: new Secret(stripOneNewline(bytes.toString('utf8')), kind), source: 'file' };
}

const TOO_LONG = `holds more than ${formatBytes(MAX_SECRET_BYTES)}, the most a password or token may have: is it the right input?`;

function stripOneNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Reads a line with echo off; Ctrl-C aborts, Backspace deletes. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  // Echo off before the prompt shows: a password typed (or pasted) at once must never be echoed by the terminal.
  stdin.setRawMode?.(true);
  stdin.resume();
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError('password prompt cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
