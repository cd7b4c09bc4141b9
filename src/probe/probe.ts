// Probe: runs the user's settings and the alternatives in parallel, logs in within the lockout budget → Evidence.
import type { CredentialFacts, DnsEvidence, Evidence, EvidenceSession, EvidenceTarget } from '../model/evidence.js';
import { InputError } from '../model/errors.js';
import type { Security, SessionRecord } from '../model/session.js';
import { chooseMechanism, findMechanism } from '../protocol/sasl/registry.js';
import type { SaslCredentials } from '../protocol/sasl/types.js';
import { NO_AUTH_OFFERED, runSession, validateSessionOptions, type SessionOptions } from '../transport/session.js';
import { AttemptBudget } from './budget.js';
import { resolveHost, systemResolver, type Resolver } from './dns.js';
import { autoCandidates, defaultSecurity, planProbes, type Endpoint, type ProbeSpec } from './plan.js';

export type { Endpoint } from './plan.js';
import type { SecurityChoice } from './target.js';

export interface ProgressEvent {
  stage: 'dns' | 'probe' | 'login' | 'done';
  label: string;
}

export interface ProbeOptions {
  host: string;
  /** Dial this IP address instead of resolving `host` (see SessionOptions.connectTo). */
  connectTo?: string;
  port?: number;
  /** Default: implicit TLS on 465, STARTTLS on other ports, and `auto` (discover) when no port is given. */
  security?: SecurityChoice;
  credentials?: SaslCredentials;
  secretSource?: CredentialFacts['secretSource'];
  mechanism?: string;
  ca?: string[];
  insecure?: boolean;
  allowPlaintext?: boolean;
  ehloName?: string;
  timeoutMs?: number;
  deadlineMs?: number;
  /** Failed logins this run may cost (default 1). */
  maxAttempts?: number;
  /** The other endpoints to probe (default: 465 TLS, 587, 2525 and 25 STARTTLS); [] probes only the user's own. */
  alternatives?: readonly Endpoint[];
  /** How long alternatives may still run once the user's own settings worked (default 1500 ms). */
  graceMs?: number;
  send?: { from: string; to: string[] };
  /** The e-mail address the user gave instead of a host. */
  address?: string;
  resolver?: Resolver;
  onProgress?: (event: ProgressEvent) => void;
}

const DEFAULT_GRACE_MS = 1_500;

export function defaultPort(security: Security): number {
  return security === 'tls' ? 465 : 587;
}

export function validateProbeOptions(options: ProbeOptions): void {
  if (
    options.maxAttempts !== undefined &&
    (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 0 || options.maxAttempts > 10)
  ) {
    throw new InputError(`the attempt budget must be a whole number from 0 to 10, not ${String(options.maxAttempts)}`);
  }
  const security = options.security === 'auto' || options.security === undefined ? 'starttls' : options.security;
  validateSessionOptions({
    host: options.host,
    port: options.port ?? defaultPort(security),
    security,
    ...pick(options),
  });
}

function pick(o: ProbeOptions): Partial<SessionOptions> {
  const out: Partial<SessionOptions> = {};
  if (o.mechanism !== undefined) out.mechanism = o.mechanism;
  if (o.connectTo !== undefined) out.connectTo = o.connectTo;
  if (o.ehloName !== undefined) out.ehloName = o.ehloName;
  if (o.send !== undefined) out.send = o.send;
  if (o.credentials !== undefined) out.credentials = o.credentials;
  return out;
}

export async function probe(options: ProbeOptions): Promise<Evidence> {
  validateProbeOptions(options);
  const run = new ProbeRun(options);
  return run.execute();
}

class ProbeRun {
  readonly #o: ProbeOptions;
  readonly #budget: AttemptBudget;
  readonly #sessions: EvidenceSession[] = [];

  constructor(options: ProbeOptions) {
    this.#o = options;
    this.#budget = new AttemptBudget(options.maxAttempts ?? 1);
  }

  async execute(): Promise<Evidence> {
    const o = this.#o;
    this.#progress('dns', o.connectTo === undefined ? `resolving ${o.host}` : `connecting to ${o.connectTo}`);
    const dns: DnsEvidence =
      o.connectTo === undefined
        ? await resolveHost(o.host, o.resolver ?? systemResolver)
        : { host: o.host, addresses: [o.connectTo], connectTo: o.connectTo };
    const choice = o.security ?? (o.port === undefined ? 'auto' : defaultSecurity(o.port));
    let configured: Endpoint | undefined;
    if (!dns.error) {
      if (choice === 'auto') configured = await this.#discover(o.port);
      else {
        configured = { port: o.port ?? defaultPort(choice), security: choice };
        await this.#probeConfigured(configured);
      }
      await this.#retryElsewhere();
    }
    this.#progress('done', 'diagnosing');
    return this.#evidence(dns, configured);
  }

  /** Phase 1: the configured session (with credentials) and the alternatives (without) at the same time. */
  async #probeConfigured(configured: Endpoint): Promise<void> {
    const specs = planProbes(configured, this.#o.alternatives);
    const [first, ...others] = specs;
    if (!first) return;
    this.#progress(
      'probe',
      `${describe(first)}${others.length > 0 ? ` (+${others.length} alternatives in parallel)` : ''}`,
    );
    const controllers = others.map(() => new AbortController());
    const alternatives = others.map((spec, i) => this.#session(spec, false, controllers[i]?.signal));
    const mine = await this.#session(first, this.#o.credentials !== undefined && this.#budget.canAttempt());
    this.#budget.record(mine.auth);
    this.#sessions.push({ role: 'configured', record: mine });
    // When the user's settings work, the alternatives are only extra information: they must not stretch the run.
    const worked = mine.outcome === 'authenticated' || (mine.outcome === 'connected' && !this.#o.credentials);
    const timer = worked
      ? setTimeout(() => controllers.forEach((c) => c.abort()), this.#o.graceMs ?? DEFAULT_GRACE_MS)
      : undefined;
    const records = await Promise.all(alternatives);
    clearTimeout(timer);
    for (const record of records) this.#sessions.push({ role: 'alternative', record });
  }

  /** `--security auto`: probe every candidate without credentials, then log in on the best one. */
  async #discover(port: number | undefined): Promise<Endpoint | undefined> {
    const candidates = autoCandidates(port, this.#o.alternatives);
    this.#progress('probe', `discovering: ${candidates.map(describe).join(', ')}`);
    const records = await Promise.all(candidates.map((c) => this.#session({ ...c, role: 'alternative' }, false)));
    const index = records.findIndex((r) => this.#readyForLogin(r));
    const chosen = index === -1 ? 0 : index;
    const endpoint = candidates[chosen];
    const record = records[chosen];
    if (!endpoint || !record) return undefined;
    let configured = record;
    if (index !== -1 && this.#o.credentials && this.#budget.canAttempt()) {
      this.#progress('login', `logging in on ${describe(endpoint)}`);
      configured = await this.#session({ ...endpoint, role: 'configured' }, true);
      this.#budget.record(configured.auth);
    }
    this.#sessions.push({ role: 'configured', record: configured });
    records.forEach((r, i) => {
      if (i !== chosen) this.#sessions.push({ role: 'alternative', record: r });
    });
    return endpoint;
  }

  /**
   * Phase 2: only when the configured session is conclusively a port/TLS problem (it never reached AUTH),
   * log in on the best alternative that did — and, with a budget above one, try another mechanism after a refusal.
   */
  async #retryElsewhere(): Promise<void> {
    const credentials = this.#o.credentials;
    const configured = this.#sessions.find((s) => s.role === 'configured')?.record;
    if (!credentials || !configured || configured.outcome === 'authenticated') return;

    if (!configured.auth && this.#isPortOrTlsProblem(configured) && this.#budget.canAttempt()) {
      const target = this.#sessions.find((s) => s.role === 'alternative' && this.#readyForLogin(s.record))?.record;
      if (target) {
        this.#progress('login', `logging in on ${describe(target.target)} instead`);
        const record = await this.#session(
          { port: target.target.port, security: target.target.security, role: 'alternative' },
          true,
        );
        this.#budget.record(record.auth);
        this.#sessions.push({ role: 'alternative', record });
      }
      return;
    }

    // A refusal with a budget left: another offered mechanism (smtplib and swaks do the same, without a budget).
    if (configured.auth?.result === 'rejected' && this.#o.mechanism === undefined) {
      const offered = configured.capabilities.afterTls?.auth ?? configured.capabilities.beforeTls?.auth ?? [];
      const kind = credentials.secret.kind === 'token' ? 'token' : 'password';
      const tried = new Set([configured.auth.mechanism]);
      while (this.#budget.canAttempt()) {
        const next = chooseMechanism(
          offered.filter((m) => !tried.has(m)),
          kind,
        );
        if (!next) break;
        tried.add(next.name);
        this.#progress('login', `trying ${next.name} (attempt ${this.#budget.failed + 1} of ${this.#budget.allowed})`);
        const record = await this.#session({ ...configured.target, role: 'alternative' }, true, undefined, next.name);
        this.#budget.record(record.auth);
        this.#sessions.push({ role: 'alternative', record });
        if (record.outcome === 'authenticated') break;
      }
    }
  }

  #isPortOrTlsProblem(record: SessionRecord): boolean {
    if (record.injection) return false; // a security problem: no credentials anywhere
    const failed = record.steps.find((s) => s.result === 'failed' || s.result === 'rejected' || s.result === 'skipped');
    if (!failed) return false;
    if (failed.failure?.kind === 'certificate-rejected') return false; // same certificate on every port
    // AUTH skipped over plaintext, or on a port that offers no AUTH at all (an MTA port such as 25): port problems.
    if (failed.step === 'auth') return failed.result === 'skipped' && (!record.tls || failed.note === NO_AUTH_OFFERED);
    return ['connect', 'tls-handshake', 'greeting', 'ehlo', 'helo', 'starttls'].includes(failed.step);
  }

  /** Reached EHLO over verified TLS (or accepted --insecure) with a mechanism the credentials can use. */
  #readyForLogin(record: SessionRecord): boolean {
    if (record.outcome !== 'connected' || !record.tls) return false;
    if (!record.tls.verification.ok && !record.tls.verification.acceptedInsecurely) return false;
    const offered = record.capabilities.afterTls?.auth ?? [];
    if (!this.#o.credentials) return true;
    if (this.#o.mechanism) return offered.includes(findMechanism(this.#o.mechanism)?.name ?? '');
    return chooseMechanism(offered, this.#o.credentials.secret.kind === 'token' ? 'token' : 'password') !== null;
  }

  #session(
    spec: ProbeSpec,
    withCredentials: boolean,
    signal?: AbortSignal,
    mechanism?: string,
  ): Promise<SessionRecord> {
    const o = this.#o;
    const options: SessionOptions = {
      host: o.host,
      ...(o.connectTo !== undefined ? { connectTo: o.connectTo } : {}),
      port: spec.port,
      security: spec.security,
      insecure: o.insecure ?? false,
      allowPlaintext: o.allowPlaintext ?? false,
    };
    if (withCredentials && o.credentials) {
      options.credentials = o.credentials;
      if (o.send) options.send = o.send;
    }
    const forced = mechanism ?? o.mechanism;
    if (forced !== undefined) options.mechanism = forced;
    if (o.ca) options.ca = o.ca;
    if (o.ehloName !== undefined) options.ehloName = o.ehloName;
    if (o.timeoutMs !== undefined) options.timeoutMs = o.timeoutMs;
    if (o.deadlineMs !== undefined) options.deadlineMs = o.deadlineMs;
    if (signal) options.signal = signal;
    return runSession(options);
  }

  #progress(stage: ProgressEvent['stage'], label: string): void {
    this.#o.onProgress?.({ stage, label });
  }

  #evidence(dns: DnsEvidence, configured: Endpoint | undefined): Evidence {
    const o = this.#o;
    const target: EvidenceTarget = { host: o.host };
    if (configured) Object.assign(target, configured);
    if (o.credentials) target.username = o.credentials.username;
    if (o.mechanism) target.mechanism = o.mechanism.toUpperCase();
    if (o.address) target.address = o.address;
    const evidence: Evidence = {
      origin: 'probe',
      target,
      dns,
      sessions: this.#sessions,
      observations: [],
      providerHints: [],
      attempts: { allowed: this.#budget.allowed, failed: this.#budget.failed },
    };
    if (o.credentials) {
      const facts: CredentialFacts = { username: o.credentials.username, secret: o.credentials.secret.shape };
      if (o.secretSource) facts.secretSource = o.secretSource;
      evidence.credentials = facts;
    }
    return evidence;
  }
}

function describe(endpoint: Endpoint): string {
  return `${endpoint.port} ${endpoint.security === 'tls' ? 'implicit TLS' : endpoint.security === 'starttls' ? 'STARTTLS' : 'plaintext'}`;
}
