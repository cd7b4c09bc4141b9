// check(): the composition root of a live check — target → plan → probe → evidence → recognise → diagnose → report.
import { deriveWorking, diagnose } from '../diagnose/index.js';
import { followUp } from '../diagnose/next-steps.js';
import { recognise } from '../knowledge/identify.js';
import type { Evidence } from '../model/evidence.js';
import type { Report } from '../model/report.js';
import { probe, type ProbeOptions } from '../probe/probe.js';
import type { SaslCredentials } from '../protocol/sasl/types.js';
import { FormScrubber } from '../protocol/secret-forms.js';
import { createReport } from '../report/create.js';
import { planCheck } from './plan.js';
import { parseTargetArgument, resolveTarget, type TargetInput } from './target.js';

export interface CheckOptions extends Omit<ProbeOptions, 'host' | 'hostFrom' | 'mx'> {
  /** The server; may be omitted when `address` is given (the provider's submission host is looked up). */
  host?: string;
}

/** Everything but the server, for check(target, options): the target string says where. */
export type CheckTargetOptions = Omit<CheckOptions, 'host' | 'address'>;

/**
 * check(target, options): the target as users write it — a host, host:port, an smtp:// or smtps:// URL, or an e-mail
 * address — with the options for the rest; what `options` sets wins over what the target says.
 * check(options): every setting as an option.
 * Throws InputError for a target that is none of these (UsageError without a host or an address, or for a password
 * without a user name); everything the server does ends up in the report.
 */
export function check(target: string, options?: CheckTargetOptions): Promise<Report>;
export function check(options: CheckOptions): Promise<Report>;
export async function check(target: string | CheckOptions, options: CheckTargetOptions = {}): Promise<Report> {
  const started = performance.now();
  const settings =
    typeof target === 'string'
      ? withTarget(parseTargetArgument(target), options)
      : withTarget({ ...(target.host ? { host: target.host } : {}), ...addressOf(target) }, target);
  const plan = await planCheck(settings);
  // The run's deadline counts from here: an address's MX lookup is part of the run too.
  const probed = await probe({ ...plan, startedAt: plan.startedAt ?? started });
  const evidence: Evidence = { ...probed, providerHints: recognise(probed) };
  const findings = diagnose(evidence);
  const working = deriveWorking(evidence);
  const after = followUp({
    command: 'check',
    evidence,
    findings,
    login: {
      credentials: settings.credentials !== undefined,
      ...(settings.username !== undefined ? { username: settings.username } : {}),
      ...(settings.maxAttempts !== undefined ? { maxAttempts: settings.maxAttempts } : {}),
    },
  });
  const report = createReport({
    command: 'check',
    evidence,
    findings,
    working,
    totalMs: performance.now() - started,
    ...after,
  });
  return withoutSecret(report, settings.credentials);
}

/** The options with the target merged in the one way the CLI merges it too (check/target.ts). */
function withTarget(input: TargetInput, options: CheckTargetOptions): CheckOptions {
  const { port: _port, security: _security, username: _username, credentials: _credentials, ...rest } = options;
  return { ...rest, ...resolveTarget(input, options) };
}

function addressOf(options: CheckOptions): TargetInput {
  return options.address !== undefined ? { address: options.address } : {};
}

/** The last line of defence: no form of the secret anywhere in the report, whatever a server echoed where. */
function withoutSecret(report: Report, credentials: SaslCredentials | undefined): Report {
  if (!credentials) return report;
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret(credentials.secret.reveal());
  return scrubOnce(report, scrubber, new Map());
}

/**
 * scrubDeep, with each distinct string scrubbed once: a report repeats most of its strings (the transcript beside the
 * evidence's, every phase and step name), and scrubbing is most of a check's own CPU time after the network.
 */
function scrubOnce<T>(value: T, scrubber: FormScrubber, done: Map<string, string>): T {
  if (typeof value === 'string') {
    let out = done.get(value);
    if (out === undefined) {
      out = scrubber.scrub(value);
      done.set(value, out);
    }
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => scrubOnce(v, scrubber, done)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubOnce(v, scrubber, done);
    return out as T;
  }
  return value;
}
