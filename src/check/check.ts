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
import type { RefreshOutcome } from '../model/oauth.js';
import type { Secret } from '../model/secret.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS } from '../transport/session.js';
import { obtainToken, oauthSecrets, planOAuth, type ObtainedToken, type OAuthSettings } from './oauth.js';
import { planCheck } from './plan.js';
import { parseTargetArgument, resolveTarget, type TargetInput } from './target.js';

export interface CheckOptions extends Omit<ProbeOptions, 'host' | 'hostFrom' | 'mx'> {
  /** The server; may be omitted when `address` is given (the provider's submission host is looked up). */
  host?: string;
  /**
   * Log in with an OAuth access token (XOAUTH2 unless `mechanism` is OAUTHBEARER): the token itself, or a refresh
   * token (or the app's own credentials) that the token endpoint exchanges for one before any SMTP session.
   */
  oauth?: OAuthSettings;
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
  const given =
    typeof target === 'string'
      ? withTarget(parseTargetArgument(target), options)
      : withTarget({ ...(target.host ? { host: target.host } : {}), ...addressOf(target) }, target);
  // Settings are checked whole before anything goes out: a conflict is a usage error, not a half-run check.
  const oauthPlan = given.oauth ? planOAuth(given.oauth, oauthContext(given)) : undefined;
  const others = oauthSecrets(given.oauth);
  let obtained: ObtainedToken | undefined;
  if (oauthPlan) {
    if (oauthPlan.kind === 'exchange')
      given.onProgress?.({ stage: 'login', label: `getting an OAuth access token from ${hostOf(oauthPlan.url)}` });
    // Within the run's deadline, like every session: the exchange is the run's first step.
    const left = (given.deadlineMs ?? DEFAULT_DEADLINE_MS) - (performance.now() - started);
    const timeoutMs = Math.max(1, Math.min(given.timeoutMs ?? DEFAULT_TIMEOUT_MS, left));
    obtained = await obtainToken(oauthPlan, { timeoutMs, scrub: others });
  }
  const settings = obtained ? withToken(given, obtained, others) : given;
  const plan = await planCheck(settings);
  // The run's deadline counts from here: an address's MX lookup is part of the run too.
  const probedRaw = await probe({ ...plan, startedAt: plan.startedAt ?? started });
  const probed = withoutSecretUser(
    obtained ? { ...probedRaw, oauth: obtained.evidence } : probedRaw,
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
  return withoutSecret(report, settings.credentials, others);
}

/** What the OAuth settings are judged with: the forced mechanism, whether a password came too, the user name. */
function oauthContext(settings: CheckOptions): Parameters<typeof planOAuth>[1] {
  const username = settings.credentials?.username ?? settings.username;
  return {
    ...(settings.mechanism !== undefined ? { mechanism: settings.mechanism } : {}),
    password: settings.credentials !== undefined,
    ...(username !== undefined ? { username } : {}),
  };
}

/**
 * The settings to probe with once the token is known: the token as the credentials' secret (XOAUTH2 unless another
 * token mechanism was forced). Without one (the exchange failed) no login is made: the user name stays, so the probe
 * connects and reads EHLO as for a check without a password, and the evidence says why.
 */
function withToken(settings: CheckOptions, obtained: ObtainedToken, others: Secret[]): CheckOptions {
  const { oauth: _oauth, credentials, username: given, secretSource, ...rest } = settings;
  const username = credentials?.username ?? given ?? '';
  const out: CheckOptions = { ...rest, mechanism: settings.mechanism ?? 'XOAUTH2', otherSecrets: others };
  if (obtained.token) {
    out.credentials = { username, secret: obtained.token };
    // Where the user's own token came from (env, file); a refreshed one came from the endpoint.
    if (obtained.evidence.source === 'token' && secretSource !== undefined) out.secretSource = secretSource;
  } else out.username = username;
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the token endpoint';
  }
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
 * The last line of defence, only for the text from outside that no scrubber of the run has read: the DNS answer (the
 * resolver's error quotes what the user typed) and the token endpoint's answer (its content type is kept as sent). It
 * takes out the forms no word can be (a strong secret's). Every session's record — replies, transcript, certificate
 * facts, failures — was scrubbed where it came in, by the run's scrubber (which holds these secrets and more), and the
 * findings quote only that record: scrubbing them again cost a third of a check's CPU and took out nothing
 * (test/security/hostile-replies, secret-properties and oauth-leak feed a check every form of the secret).
 */
function withoutSecret(
  report: Report,
  credentials: SaslCredentials | undefined,
  others: readonly Secret[] = [],
): Report {
  const secrets = [...(credentials ? [credentials.secret] : []), ...others].filter((s) => !s.isEmpty);
  if (secrets.length === 0) return report;
  const scrubber = new FormScrubber(SCRUBBED);
  for (const secret of secrets) scrubber.addSecret(secret.reveal());
  const scrub = <T>(value: T): T => scrubDeep(value, scrubber, { strongOnly: true });
  const { dns, oauth } = report.evidence;
  if (!dns && !oauth?.refresh) return report;
  return {
    ...report,
    evidence: {
      ...report.evidence,
      ...(dns ? { dns: scrub(dns) } : {}),
      // The token endpoint's own words came from outside too; our fields (grant, url, the token's facts) are not text.
      ...(oauth?.refresh ? { oauth: { ...oauth, refresh: scrubAnswer(oauth.refresh, scrub) } } : {}),
    },
  };
}

/** The parts of the token endpoint's answer that are its own text, scrubbed (already once, at the exchange). */
function scrubAnswer(refresh: RefreshOutcome, scrub: <T>(value: T) => T): RefreshOutcome {
  const out = { ...refresh };
  for (const key of ['error', 'errorDescription', 'scopeGranted', 'tokenType'] as const) {
    const value = out[key];
    if (value !== undefined) out[key] = scrub(value);
  }
  if (out.failure) out.failure = scrub(out.failure);
  if (out.notJson) out.notJson = scrub(out.notJson);
  return out;
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
