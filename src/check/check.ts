// check(): the composition root of a live check — target → plan → probe → evidence → recognise → diagnose → report.
import { deriveWorking, diagnose } from '../diagnose/index.js';
import { followUp } from '../diagnose/next-steps.js';
import { recognise } from '../knowledge/identify.js';
import type { Evidence } from '../model/evidence.js';
import type { Report } from '../model/report.js';
import { probe, type ProbeOptions } from '../probe/probe.js';
import type { SaslCredentials } from '../protocol/sasl/types.js';
import { holdsSecret } from '../protocol/sasl/redact.js';
import { FormScrubber, scrubDeep } from '../protocol/secret-forms.js';
import { SCRUBBED } from '../transport/transcript-recorder.js';
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
  const probed = withoutSecretUser(
    await probe({ ...plan, startedAt: plan.startedAt ?? started }),
    settings.credentials,
  );
  const evidence: Evidence = { ...probed, providerHints: recognise(probed) };
  const findings = diagnose(evidence);
  const working = deriveWorking(evidence);
  const after = followUp({
    command: 'check',
    evidence,
    findings,
    login: {
      credentials: settings.credentials !== undefined,
      ...(settings.username !== undefined ? { username: shownUser(settings.username, settings.credentials) } : {}),
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

/**
 * The last line of defence, and a structural one: only the text that came from outside — every session's record
 * (replies, transcript, certificate facts, failures), the DNS answer, the observations and the quotes of the
 * findings — is scrubbed again, and only of the forms no word can be (a strong secret's): a weak secret was taken out
 * as a whole token where the server's text came in. Our ids, titles, summaries, fixes and dead ends are never read.
 */
function withoutSecret(report: Report, credentials: SaslCredentials | undefined): Report {
  if (!credentials || credentials.secret.isEmpty) return report;
  const scrubber = new FormScrubber(SCRUBBED);
  scrubber.addSecret(credentials.secret.reveal());
  const scrub = <T>(value: T): T => scrubDeep(value, scrubber, { strongOnly: true });
  const { sessions, dns, observations } = report.evidence;
  return {
    ...report,
    transcript: scrub(report.transcript),
    findings: report.findings.map((f) => ({ ...f, evidence: scrub(f.evidence) })),
    evidence: {
      ...report.evidence,
      sessions: scrub(sessions),
      observations: scrub(observations),
      ...(dns ? { dns: scrub(dns) } : {}),
    },
  };
}

/** The user name, or what stands for it when it holds the secret (the password typed into the user field). */
function shownUser(username: string, credentials: SaslCredentials | undefined): string {
  return credentials && holdsSecret(username, credentials.secret.reveal()) ? SCRUBBED : username;
}

/** The evidence with every copy of a user name that holds the secret replaced, before anything quotes it. */
function withoutSecretUser(evidence: Evidence, credentials: SaslCredentials | undefined): Evidence {
  if (!credentials || !holdsSecret(credentials.username, credentials.secret.reveal())) return evidence;
  const out: Evidence = {
    ...evidence,
    sessions: evidence.sessions.map((s) =>
      s.record.username === undefined ? s : { ...s, record: { ...s.record, username: SCRUBBED } },
    ),
  };
  if (evidence.target?.username !== undefined) out.target = { ...evidence.target, username: SCRUBBED };
  if (evidence.credentials?.username !== undefined) out.credentials = { ...evidence.credentials, username: SCRUBBED };
  return out;
}
