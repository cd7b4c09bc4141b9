// Argument helpers: strict parsing where every mistake becomes one clear UsageError line.
import { UsageError } from '../model/errors.js';
import { quoteInput } from '../protocol/escape.js';

/** Runs node:util parseArgs (strict) and turns its complaint into one UsageError line. */
export function withUsage<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    const message = err instanceof Error ? err.message.split(/\. To specify|\n/)[0] : String(err);
    throw new UsageError(`${command}: ${lowerFirst(message ?? 'bad arguments')} (see smtp-doctor ${command} --help)`);
  }
}

/**
 * parseArgs reads "--port -1" as a flag whose value is missing ("argument is ambiguous"). A value that looks like a
 * negative number is never a flag here, so it is joined to its flag ("--port=-1") and the flag's own check names it.
 */
export function joinNegativeValues(
  argv: readonly string[],
  options: Readonly<Record<string, { type: 'string' | 'boolean' }>>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

export function parsePort(text: string | undefined, what = '--port'): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new UsageError(`${what} must be a number from 1 to 65535, not ${quoteInput(text)}`);
  }
  return Number(text);
}

export function parsePositiveInt(text: string | undefined, what: string, max = 86_400_000): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${what} must be a whole number from 1 to ${max}, not ${quoteInput(text)}`);
  }
  return Number(text);
}

export function parseChoice<T extends string>(
  text: string | undefined,
  what: string,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  const value = text.toLowerCase() as T;
  if (!choices.includes(value))
    throw new UsageError(`${what} must be one of ${choices.join(', ')}, not ${quoteInput(text)}`);
  return value;
}

/** "[::1]" → "::1": users paste IPv6 literals in URL form. */
export function normalizeHost(text: string): string {
  const bracketed = /^\[(.+)\]$/.exec(text);
  return bracketed?.[1] ?? text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
