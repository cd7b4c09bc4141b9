// check(): probe a live server, recognise the provider, diagnose, and assemble the report — the library form of `smtp-doctor check`.
import { identifyProvider } from '../knowledge/index.js';
import type { Evidence, ProviderHint } from '../model/evidence.js';
import type { Report } from '../model/report.js';
import { Secret } from '../model/secret.js';
import { systemResolver } from '../probe/dns.js';
import { probe, type ProbeOptions } from '../probe/probe.js';
import { parseTargetArgument } from '../probe/target.js';
import { FormScrubber, scrubDeep } from '../protocol/secret-forms.js';
import { createReport } from '../report/create.js';
import { nextStepsWithoutLogin } from './next-steps.js';
import { resolveAddress } from './resolve-address.js';

export interface CheckOptions extends Omit<ProbeOptions, 'host'> {
  /** The server; may be omitted when `address` is given (the provider's submission host is looked up). */
  host?: string;
}

/** Everything but the server, for check(target, options): the target string says where. */
export type CheckTargetOptions = Omit<CheckOptions, 'host' | 'address'>;

/**
 * check(target, options): the target as users write it — a host, host:port, an smtp:// or smtps:// URL, or an e-mail
 * address — with the options for the rest; what `options` sets wins over what the target says.
 * check(options): every setting as an option.
 * Throws InputError for a target that is none of these; everything the server does ends up in the report.
 */
export function check(target: string, options?: CheckTargetOptions): Promise<Report>;
export function check(options: CheckOptions): Promise<Report>;
export async function check(target: string | CheckOptions, options: CheckTargetOptions = {}): Promise<Report> {
  return checkWith(typeof target === 'string' ? optionsFromTarget(target, options) : target);
}

function optionsFromTarget(target: string, options: CheckTargetOptions): CheckOptions {
  const parsed = parseTargetArgument(target);
  const merged: CheckOptions = { ...options };
  if (parsed.host !== undefined) merged.host = parsed.host;
  if (parsed.address !== undefined) merged.address = parsed.address;
  if (options.port === undefined && parsed.port !== undefined) merged.port = parsed.port;
  if (options.security === undefined && parsed.security !== undefined) merged.security = parsed.security;
  const username = options.credentials?.username ?? options.username ?? parsed.username;
  if (options.credentials === undefined && parsed.password !== undefined)
    merged.credentials = { username: username ?? '', secret: new Secret(parsed.password) };
  else if (options.credentials === undefined && username !== undefined) merged.username = username;
  return merged;
}

async function checkWith(options: CheckOptions): Promise<Report> {
  const started = performance.now();
  const resolver = options.resolver ?? systemResolver;
  let probeOptions: ProbeOptions;
  let addressHints: ProviderHint[] = [];
  let mx: { exchange: string; priority: number }[] | undefined;
  let hostFrom: 'input' | 'provider' | 'guess' = 'input';
  if (options.host) probeOptions = { ...options, host: options.host };
  else if (options.address) {
    options.onProgress?.({ stage: 'dns', label: `finding the submission server for ${options.address}` });
    const found = await resolveAddress(options.address, resolver);
    addressHints = found.hints;
    mx = found.mx.length > 0 ? found.mx : undefined;
    hostFrom = found.hostFrom;
    probeOptions = { ...options, host: found.host };
    // The user's own port/security win; otherwise the provider's recommended endpoint is "the configured one".
    if (options.port === undefined && found.port !== undefined) probeOptions.port = found.port;
    if (options.security === undefined && found.security !== undefined && options.port === undefined)
      probeOptions.security = found.security;
  } else {
    throw new TypeError('check() needs a host or an address');
  }

  const evidence = await probe(probeOptions);
  if (evidence.target) evidence.target.hostFrom = hostFrom;
  if (mx && evidence.dns) evidence.dns.mx = mx;
  evidence.providerHints = mergeHints([...addressHints, ...hintsFromSessions(evidence)]);
  const nextSteps = nextStepsWithoutLogin(evidence, {
    credentials: options.credentials !== undefined,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
  const report = createReport({
    command: 'check',
    evidence,
    totalMs: performance.now() - started,
    ...(nextSteps ? { nextSteps } : {}),
  });
  if (!options.credentials) return report;
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret(options.credentials.secret.reveal());
  return scrubDeep(report, scrubber);
}

/** What the live sessions reveal: the host name itself, the greeting banner, the EHLO domain. */
function hintsFromSessions(evidence: Evidence): ProviderHint[] {
  const hints: ProviderHint[] = [];
  if (evidence.target?.host) hints.push(...identifyProvider({ host: evidence.target.host }));
  for (const { record } of evidence.sessions) {
    const caps = record.capabilities.afterTls ?? record.capabilities.beforeTls;
    const clues = {
      ...(record.greeting ? { banner: record.greeting.text } : {}),
      ...(caps ? { ehloDomain: caps.domain } : {}),
    };
    if (Object.keys(clues).length > 0) hints.push(...identifyProvider(clues));
  }
  return hints;
}

/** One hint per provider, the strongest kind of evidence first (identifyProvider's own order). */
function mergeHints(hints: ProviderHint[]): ProviderHint[] {
  const seen = new Set<string>();
  return hints.filter((h) => {
    if (seen.has(h.provider)) return false;
    seen.add(h.provider);
    return true;
  });
}
