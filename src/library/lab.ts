// The library's startLab(): persona servers on loopback, with every option checked before a port is opened.
import { generateLabCertificates as generate, type LabCertificates } from '../lab/certificates.js';
import { startLab as start, type Lab, type LabOptions } from '../lab/index.js';
import type { LabLogEvent } from '../lab/session-log.js';
import { Checker, isPlainObject, type Raw } from './validate.js';

const KEYS = [
  'persona',
  'accounts',
  'faults',
  'override',
  'replay',
  'certificates',
  'host',
  'port',
  'idleTimeoutMs',
  'log',
] as const satisfies readonly (keyof LabOptions)[];

/**
 * Starts local SMTP servers that behave like a provider (a persona: gmail, microsoft365, postfix…), with accounts,
 * faults and an exact reply override, on 127.0.0.1 or ::1 only — what `smtp-doctor lab` runs, for testing a mail
 * client against provider-like refusals without the network. Resolves to a running {@link Lab} (ports, CA to trust,
 * `close()`); rejects with a {@link UsageError} or {@link InputError} for options that cannot be used.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const c = new Checker('startLab');
  const o = c.options(options);
  c.known(o, KEYS);
  if (o.persona !== undefined && typeof o.persona !== 'string' && !isPlainObject(o.persona))
    throw c.fail('persona', o.persona, 'a persona id such as "gmail", or a Persona object');
  if (isPlainObject(o.persona)) persona(c, o.persona);
  list(c, o, 'accounts', 'account specs ("alice@lab.test:pw 2sv") or LabAccount objects', account);
  list(c, o, 'faults', 'fault specs ("slow=50") or Fault objects', fault);
  overrides(c, o.override);
  c.string(o, 'replay');
  certificates(c, o.certificates);
  c.oneOf(o, 'host', ['127.0.0.1', '::1']);
  c.integer(o, 'port', 1, 65535);
  c.milliseconds(o, 'idleTimeoutMs');
  c.func(o, 'log');
  const checked: Raw = { ...o };
  if (typeof o.log === 'function') checked.log = guarded(o.log as (event: LabLogEvent) => void);
  return start(checked);
}

/** An array of specs (strings, parsed by the lab) or objects, each object checked by `each`. */
/**
 * Makes a lab CA and its certificates (valid for `names`, default localhost, 127.0.0.1 and ::1; expired; wrong host;
 * self-signed) once, to pass to many labs as `certificates`. Rejects with a {@link UsageError} for names that are not
 * a list of host names.
 */
export async function generateLabCertificates(names?: readonly string[]): Promise<LabCertificates> {
  const c = new Checker('generateLabCertificates');
  if (names === undefined) return generate();
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string' && n !== ''))
    throw c.fail('names', names, 'a non-empty array of host names or IP addresses');
  return generate(names);
}

function list(
  c: Checker,
  o: Raw,
  key: string,
  what: string,
  each: (c: Checker, item: Raw, name: string) => void,
): void {
  const v = o[key];
  if (v === undefined) return;
  if (!Array.isArray(v)) throw c.fail(key, v, `an array of ${what}`);
  for (const [i, item] of (v as unknown[]).entries()) {
    if (isPlainObject(item)) each(c, item, `${key}[${i}]`);
    else if (typeof item !== 'string') throw c.fail(`${key}[${i}]`, item, `one of ${what}`);
  }
}

function account(c: Checker, a: Raw, name: string): void {
  c.known(a, ['username', 'password', 'appPassword', 'token', 'flags'], `${name}.`);
  if (typeof a.username !== 'string') throw c.fail(`${name}.username`, a.username, 'a string');
  // The lab's secrets are test data, but a caller may still have put a real one here: never quoted.
  for (const key of ['password', 'appPassword', 'token'])
    if (a[key] !== undefined && typeof a[key] !== 'string') throw c.fail(`${name}.${key}`, a[key], 'a string', true);
  if (!Array.isArray(a.flags) || !a.flags.every((f) => typeof f === 'string'))
    throw c.fail(`${name}.flags`, a.flags, 'an array of flag names ([] for none)');
}

function fault(c: Checker, f: Raw, name: string): void {
  if (typeof f.kind !== 'string') throw c.fail(`${name}.kind`, f.kind, 'a fault kind such as "slow"');
}

/** A Persona object: the shape the lab reads first (its own data is checked by the lab). */
function persona(c: Checker, p: Raw): void {
  if (typeof p.id !== 'string') throw c.fail('persona.id', p.id, 'a string');
  const imitates = p.imitates;
  if (!isPlainObject(imitates) || !Array.isArray(imitates.listeners))
    throw c.fail('persona.imitates', imitates, 'an object with a listeners array');
}

const CERTIFICATES = ['ca', 'valid', 'expired', 'wrongHost', 'selfSigned'] as const;

/** LabCertificates as generateLabCertificates() makes them: each a PEM certificate and key. */
function certificates(c: Checker, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw c.fail('certificates', value, 'the result of generateLabCertificates()');
  for (const key of CERTIFICATES) {
    const pair = value[key];
    if (!isPlainObject(pair) || typeof pair.cert !== 'string' || typeof pair.key !== 'string')
      throw c.fail(`certificates.${key}`, pair, '{ cert, key } as PEM text (from generateLabCertificates())');
  }
}

function overrides(c: Checker, value: unknown): void {
  if (value === undefined) return;
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const [i, item] of items.entries()) {
    const name = Array.isArray(value) ? `override[${i}]` : 'override';
    if (!isPlainObject(item)) throw c.fail(name, item, 'an object { phase, reply }');
    c.known(item, ['phase', 'reply'], `${name}.`);
    if (typeof item.phase !== 'string') throw c.fail(`${name}.phase`, item.phase, 'a phase name such as "auth"');
    const reply = item.reply;
    if (typeof reply !== 'string' && !(Array.isArray(reply) && reply.every((r) => typeof r === 'string')))
      throw c.fail(`${name}.reply`, reply, 'the reply as text, or an array of replies');
  }
}

/**
 * The lab calls the logger from socket events: a logger that throws there would take the caller's process down, so
 * its errors are dropped (the session goes on as if the event had been logged).
 */
function guarded(log: (event: LabLogEvent) => void): (event: LabLogEvent) => void {
  return (event) => {
    try {
      log(event);
    } catch {
      // Ignored on purpose: see above.
    }
  };
}
