// Argument helpers: strict parsing where every mistake becomes one clear UsageError line.
import { UsageError } from '../model/errors.js';
import { escapeControl, quoteInput } from '../protocol/escape.js';

/** Runs node:util parseArgs (strict) and turns its complaint into one UsageError line. */
export function withUsage<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    const message = err instanceof Error ? err.message.split(/\. To specify|\n/)[0] : String(err);
    // parseArgs quotes the flag the user typed: a control or bidi character in it must not reach the terminal raw.
    throw new UsageError(
      `${command}: ${escapeControl(lowerFirst(message ?? 'bad arguments'))} (see smtp-doctor ${command} --help)`,
    );
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

/**
 * Arguments of a command that takes text (explain): a pasted line can start with "-" ("----SMTP----", "-ERR …",
 * "--- 535 …"). An argument is an option only when it looks like one — "--name", "--name=value" or "-x" — so
 * everything else is text, whatever its first character. Options keep working, a mistyped one is still reported,
 * and "--" still ends the options. Returns the arguments for parseArgs: the options first, then "--" and the text in
 * its order.
 */
export function textArguments(
  argv: readonly string[],
  options: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>,
): string[] {
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const flags: string[] = [];
  const text: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      text.push(...argv.slice(i + 1));
      break;
    }
    if (!OPTION_LIKE.test(arg)) {
      text.push(arg);
      continue;
    }
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : shorts.get(arg.slice(1));
    const next = argv[i + 1];
    // A string option's value is the next argument whatever it looks like ("--file -odd.log").
    if (name !== undefined && options[name]?.type === 'string' && !arg.includes('=') && next !== undefined) {
      flags.push(`--${name}=${next}`);
      i += 1;
    } else flags.push(arg);
  }
  return text.length > 0 ? [...flags, '--', ...text] : flags;
}

/** "--name", "--name=value" (a word, or words joined by single hyphens) or "-x": what a user types as an option. */
const OPTION_LIKE = /^(?:--[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:=[\s\S]*)?|-[A-Za-z])$/;

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

/** The most a duration flag may say: a day. */
const MAX_DURATION_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * A duration as users write it: "30s", "1500ms", "1m", "2.5s", or a bare number of milliseconds. swaks and curl read a
 * bare "30" as seconds, so a bare number below 100 is refused with the reading the user most likely meant: taken as
 * milliseconds it would time out before any server could answer.
 */
export function parseDuration(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : NaN;
  const unit = match?.[2]?.toLowerCase();
  if (!match || !Number.isFinite(amount))
    throw new UsageError(`${what} takes a duration such as 30s, 1500ms or 1m, not ${quoteInput(text)}`);
  if (unit === undefined && amount < 100)
    throw new UsageError(
      `${what} ${text.trim()} would be ${text.trim()} milliseconds: did you mean ${text.trim()}s? (write 30s, 1500ms or 1m; a bare number is milliseconds and must be at least 100)`,
    );
  const ms = Math.round(amount * (UNIT_MS[unit ?? 'ms'] ?? 1));
  if (ms < 1 || ms > MAX_DURATION_MS)
    throw new UsageError(`${what} must be from 1ms to 1440m (a day), not ${quoteInput(text)}`);
  return ms;
}

/** Help text shared by the duration flags. */
export const DURATION_HELP = 'durations: 30s, 1500ms, 1m; a bare number is milliseconds (at least 100)';

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
