// Fault modes: server misbehaviour the lab adds on top of any persona, and the "--fault NAME[=VALUE]" syntax.
import { InputError } from '../model/errors.js';

/** Where a reply-shaped fault strikes. */
export type FaultPhase = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data';

export type Fault =
  | { kind: 'no-greeting' }
  | { kind: 'late-greeting'; delayMs: number }
  | { kind: 'greeting-421' }
  | { kind: 'drop-mid-reply'; phase: FaultPhase }
  | { kind: 'slow'; bytesPerSecond: number }
  | { kind: 'rate-limit'; afterFailures: number }
  | { kind: 'starttls-injection'; bytes: string }
  | { kind: 'strip-starttls' }
  | { kind: 'certificate'; certificate: 'self-signed' | 'expired' | 'wrong-host' }
  | { kind: 'oversize-reply'; phase: FaultPhase; bytes: number }
  | { kind: 'endless-reply'; phase: FaultPhase };

export type FaultKind = Fault['kind'];

export const DEFAULT_INJECTION = '250-PIPELINING\r\n250 AUTH PLAIN LOGIN INJECTED\r\n';
const PHASES: readonly FaultPhase[] = ['greeting', 'ehlo', 'starttls', 'auth', 'mail', 'rcpt', 'data'];

/** Every CLI fault name, its value and what it does: the --list output and the parser's table of contents. */
export const FAULT_HELP: readonly { name: string; value?: string; does: string }[] = [
  { name: 'no-greeting', does: 'accepts the connection and never says a word' },
  { name: 'late-greeting', value: 'MS', does: 'greets only after MS milliseconds (default 10000)' },
  { name: 'greeting-421', does: 'greets with 421 (service not available) and closes' },
  {
    name: 'drop-mid-reply',
    value: 'PHASE',
    does: 'sends half of the reply at PHASE (default ehlo), then closes the connection',
  },
  { name: 'slow', value: 'BYTES', does: 'sends every reply at BYTES bytes per second (default 20)' },
  {
    name: 'rate-limit',
    value: 'N',
    does: "after N failed logins (default 3) refuses every AUTH, correct password or not, with the provider's own throttling or lockout reply (else 454 4.7.0 Too many failed login attempts)",
  },
  {
    name: 'starttls-injection',
    value: 'TEXT',
    does: 'sends TEXT (default two 250 lines) right after the STARTTLS 220, in the same packet',
  },
  { name: 'strip-starttls', does: 'removes STARTTLS from EHLO and refuses the command (a downgrade attack)' },
  { name: 'self-signed-cert', does: 'serves a self-signed certificate' },
  { name: 'expired-cert', does: 'serves a certificate that expired yesterday' },
  { name: 'wrong-host-cert', does: 'serves a certificate for wrong.example' },
  { name: 'oversize-reply', value: 'BYTES', does: 'answers EHLO with one line of BYTES bytes (default 1048576)' },
  { name: 'endless-reply', value: 'PHASE', does: 'answers at PHASE (default ehlo) with 250- lines that never end' },
];

/** Parses "name" or "name=value" (the CLI's --fault). */
export function parseFault(text: string): Fault {
  const eq = text.indexOf('=');
  const name = (eq === -1 ? text : text.slice(0, eq)).trim().toLowerCase();
  const value = eq === -1 ? undefined : text.slice(eq + 1);
  const takesValue = FAULT_HELP.find((f) => f.name === name);
  if (!takesValue)
    throw new InputError(`unknown fault ${JSON.stringify(name)} (faults: ${FAULT_HELP.map((f) => f.name).join(', ')})`);
  if (value !== undefined && takesValue.value === undefined) throw new InputError(`the fault ${name} takes no value`);
  switch (name) {
    case 'no-greeting':
      return { kind: 'no-greeting' };
    case 'late-greeting':
      return { kind: 'late-greeting', delayMs: number(name, value, 10_000, 0, 3_600_000) };
    case 'greeting-421':
      return { kind: 'greeting-421' };
    case 'drop-mid-reply':
      return { kind: 'drop-mid-reply', phase: phase(name, value, 'ehlo') };
    case 'slow':
      return { kind: 'slow', bytesPerSecond: number(name, value, 20, 1, 100_000_000) };
    case 'rate-limit':
      return { kind: 'rate-limit', afterFailures: number(name, value, 3, 0, 1_000_000) };
    case 'starttls-injection':
      return {
        kind: 'starttls-injection',
        bytes: value === undefined || value === '' ? DEFAULT_INJECTION : unescape(value),
      };
    case 'strip-starttls':
      return { kind: 'strip-starttls' };
    case 'self-signed-cert':
      return { kind: 'certificate', certificate: 'self-signed' };
    case 'expired-cert':
      return { kind: 'certificate', certificate: 'expired' };
    case 'wrong-host-cert':
      return { kind: 'certificate', certificate: 'wrong-host' };
    case 'oversize-reply':
      return { kind: 'oversize-reply', phase: 'ehlo', bytes: number(name, value, 1_048_576, 1, 1_073_741_824) };
    default:
      return { kind: 'endless-reply', phase: phase(name, value, 'ehlo') };
  }
}

/** Checks a fault given as an object through the library, the same way the CLI text is checked. */
export function checkFaults(faults: readonly Fault[]): void {
  const seen = new Set<string>();
  for (const f of faults) {
    const key = f.kind === 'certificate' ? 'certificate' : f.kind;
    if (seen.has(key)) throw new InputError(`the fault ${f.kind} is given twice`);
    seen.add(key);
    if ('phase' in f && !PHASES.includes(f.phase))
      throw new InputError(`fault ${f.kind}: unknown phase ${JSON.stringify(f.phase)} (phases: ${PHASES.join(', ')})`);
  }
}

function number(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new InputError(`the fault ${name} needs a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return Number(value);
}

function phase(name: string, value: string | undefined, fallback: FaultPhase): FaultPhase {
  if (value === undefined || value === '') return fallback;
  const p = value.toLowerCase() as FaultPhase;
  if (!PHASES.includes(p))
    throw new InputError(`the fault ${name} needs a phase (${PHASES.join(', ')}), not ${JSON.stringify(value)}`);
  return p;
}

/** "\r\n" written on a command line means CRLF. */
function unescape(value: string): string {
  return value.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
}
