// Probe: runs the user's settings and the alternatives in parallel, logs in within the lockout budget → Evidence.
import { setMaxListeners } from 'node:events';
import type {
  CredentialFacts,
  DnsEvidence,
  Evidence,
  EvidenceSession,
  EvidenceTarget,
  SessionPurpose,
} from '../model/evidence.js';
import { InputError } from '../model/errors.js';
import type { Secret } from '../model/secret.js';
import { describeSecurity, type SecurityChoice, type SessionRecord } from '../model/session.js';
import { chooseMechanism, findMechanism } from '../protocol/sasl/registry.js';
import type { SaslCredentials } from '../protocol/sasl/types.js';
import { Deadline } from '../transport/deadline.js';
import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  runSession,
  validateSessionOptions,
  type SessionOptions,
} from '../transport/session.js';
import { SCRUBBED, TranscriptRecorder } from '../transport/transcript-recorder.js';
import { isStandardWording } from '../knowledge/standard-wording.js';
import { FormScrubber } from '../protocol/secret-forms.js';
import { identifyProvider } from '../knowledge/identify.js';
import { anotherMechanismMayHelp, AttemptBudget } from './budget.js';
import { resolveHost, systemResolver, type Resolver } from './dns.js';
import { submissionPort } from '../knowledge/ports.js';
import { autoCandidates, defaultSecurity, planProbes, type Endpoint, type ProbeSpec } from './plan.js';

export type { Endpoint } from './plan.js';

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
  /** The word `security` was written as (recorded on the evidence's target; see EvidenceTarget.securityAsWritten). */
  securityAsWritten?: string;
  /** Log in with these. An empty user name or secret is recorded as evidence but never sent (see ProbeRun). */
  credentials?: SaslCredentials;
  /** The user name when no secret was given (no login): it stays in the evidence's target. */
  username?: string;
  /** Other secrets the run holds (an OAuth refresh token, a client secret): every session scrubs them too. */
  otherSecrets?: readonly Secret[];
  secretSource?: CredentialFacts['secretSource'];
  mechanism?: string;
  ca?: string[];
  insecure?: boolean;
  allowPlaintext?: boolean;
  ehloName?: string;
  timeoutMs?: number;
  /**
   * The time limit of the whole run (default DEFAULT_DEADLINE_MS): name lookup, every session, every retry. Sessions
   * run in parallel get what is left of it; a session that would start with too little left is not started.
   */
  deadlineMs?: number;
  /** When the run began (performance.now()), if before the probe: the run deadline counts from there. */
  startedAt?: number;
  /** Failed logins this run may cost (default 1). */
  maxAttempts?: number;
  /** The other endpoints to probe (default: 465 TLS, 587, 2525 and 25 STARTTLS); [] probes only the user's own. */
  alternatives?: readonly Endpoint[];
  /**
   * How long sessions still waiting may run once the outcome is known (default 1500 ms): the login worked or was
   * refused, or an alternative proved the other TLS mode on the configured port. Then they are cut short.
   */
  graceMs?: number;
  send?: { from: string; to: string[] };
  /** The e-mail address the user gave instead of a host. */
  address?: string;
  /** How the plan found the host (recorded in the evidence): given, from the provider's data, or guessed. */
  hostFrom?: EvidenceTarget['hostFrom'];
  /** The MX records of the address's domain the plan looked up (recorded in the evidence). */
  mx?: DnsEvidence['mx'];
  resolver?: Resolver;
  onProgress?: (event: ProgressEvent) => void;
}

const DEFAULT_GRACE_MS = 1_500;
/** Scrubbed once and thrown away while the sessions dial: any first scrub builds the secret's forms. */
const WARM_UP_TEXT = '250 warm up';

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
    port: options.port ?? submissionPort(security),
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
  /**
   * The credentials to log in with: none when the user name or the secret is empty. That is decided here, before AUTH:
   * an empty password can only be refused, and the refusal would cost a failed login (Postfix logs it, fail2ban counts
   * it). The evidence still records what was given, so the diagnosis names it (credentials-missing).
   */
  readonly #login: SaslCredentials | undefined;
  /** One scrubber for every session of the run: the secret's forms are built once, and every session scrubs them. */
  readonly #scrubber = scrubberKeepingStandardWording();
  /** The run's own deadline: every session gets at most what is left of it. */
  readonly #deadline: Deadline;
  /** Sessions the run did not start because its deadline left too little time for them. */
  readonly #skipped: SessionPurpose[] = [];
  /** Providers recognised from the host name (see #providers). */
  #hostProviders: string[] | undefined;

  constructor(options: ProbeOptions) {
    this.#o = options;
    const total = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const started = options.startedAt;
    this.#deadline =
      started === undefined ? new Deadline(total) : new Deadline(Math.max(0, total - (performance.now() - started)));
    const c = options.credentials;
    // The budget reads refusals as they come, before any evidence exists to recognise the provider from: the host
    // name is what is known then (a provider's own wording of a refusal applies only once it is recognised).
    this.#budget = new AttemptBudget(options.maxAttempts ?? 1, () => ({
      ...(c ? { secret: c.secret.shape } : {}),
      providers: this.#providers(),
    }));
    this.#login = c && c.username !== '' && !c.secret.isEmpty ? c : undefined;
    // Also sessions that never send the secret scrub it: a server can echo on one connection what it got on another.
    if (c) this.#scrubber.addSecret(c.secret.reveal());
    for (const other of options.otherSecrets ?? []) this.#scrubber.addSecret(other.reveal());
  }

  async execute(): Promise<Evidence> {
    const o = this.#o;
    this.#progress('dns', o.connectTo === undefined ? `resolving ${o.host}` : `connecting to ${o.connectTo}`);
    const dns: DnsEvidence =
      o.connectTo === undefined
        ? await this.#resolve(o.host)
        : { host: o.host, addresses: [o.connectTo], connectTo: o.connectTo };
    const choice = o.security ?? (o.port === undefined ? 'auto' : defaultSecurity(o.port));
    let configured: Endpoint | undefined;
    if (!dns.error) {
      if (choice === 'auto') configured = await this.#discover(o.port);
      else {
        configured = { port: o.port ?? submissionPort(choice), security: choice };
        await this.#probeConfigured(configured);
      }
      await this.#retryElsewhere();
    }
    this.#progress('done', 'diagnosing');
    return this.#evidence(dns, configured);
  }

  /**
   * Phase 1: the configured session (with credentials) and the alternatives (without) at the same time. Once the
   * outcome is known, whatever still waits gets a short grace and is then cut short (recorded as cancelled: our
   * decision, not the host's failure) — a silent port must not hold the answer for a whole phase timeout.
   */
  async #probeConfigured(configured: Endpoint): Promise<void> {
    const specs = planProbes(configured, this.#o.alternatives);
    const [first, ...others] = specs;
    if (!first) return;
    this.#progress(
      'probe',
      `${describe(first)}${others.length > 0 ? ` (+${others.length} alternatives in parallel)` : ''}`,
    );
    const grace = new GracePeriod(this.#o.graceMs ?? DEFAULT_GRACE_MS);
    // Implicit TLS against plaintext first on the configured port: once the configured session proves its own mode
    // there, the other cannot work (STARTTLS on the port of a plaintext setting can, and is not cut).
    const samePortGrace = new GracePeriod(this.#o.graceMs ?? DEFAULT_GRACE_MS);
    const excluded = (spec: Endpoint): boolean =>
      spec.port === first.port && (spec.security === 'tls') !== (first.security === 'tls');
    const mineRecorder = this.#recorder();
    const mineCut = new AbortController();
    // Alternatives finish while the configured session runs, and the other way round: both read this.
    const state: { mine?: SessionRecord; ready: boolean } = { ready: false };
    // Plaintext-first alternatives (STARTTLS, none), each with its own cut: see below.
    const unheard: { recorder: TranscriptRecorder; cut: AbortController }[] = [];
    const alternatives = others.map(async (spec) => {
      const recorder = this.#recorder();
      const cut = new AbortController();
      if (spec.security !== 'tls') unheard.push({ recorder, cut });
      const signals = excluded(spec) ? [grace.signal, samePortGrace.signal] : [grace.signal];
      const signal = AbortSignal.any([...signals, cut.signal]);
      const record = await this.#session(spec, { signal, recorder });
      if (this.#readyForLogin(record)) state.ready = true;
      if (provesOtherMode(record, first)) {
        // The configured session is cut too, but only while the server has said nothing to it (a STARTTLS client
        // waiting for a greeting on an implicit-TLS port): one that is talking, say in AUTH, is left to finish.
        grace.start(() => {
          if (state.mine || mineRecorder.events().some((e) => e.dir === 'server')) return;
          // Said in the session's own transcript, so the evidence of the finding reads as what happened.
          const waited = Math.round(mineRecorder.elapsed());
          const mode = describeSecurity(record.target.security);
          const text = `no greeting after ${waited} ms, while ${mode} works on port ${first.port}: stopped waiting`;
          mineRecorder.record('info', 'greeting', false, text);
          mineCut.abort();
        });
      } else if (state.mine && state.ready && !isConclusive(state.mine)) grace.start();
      return record;
    });
    const pending = this.#session(first, {
      withCredentials: this.#login !== undefined && this.#budget.canAttempt(),
      signal: mineCut.signal,
      recorder: mineRecorder,
    });
    this.#warmUp();
    const mine = await pending;
    state.mine = mine;
    this.#budget.record(mine.auth);
    this.#keep('configured', 'configured', mine);
    // A conclusive outcome makes the alternatives extra information; otherwise one ready to log in is what we wait for.
    // A refused certificate settles it too: it is the server's on every port, so no login follows elsewhere.
    if (isConclusive(mine) || state.ready || certificateRefused(mine)) grace.start();
    // A verdict took the configured session through greeting, EHLO and AUTH: a plaintext alternative on the same host
    // that has not even greeted in that time is silent (a held port 25, STARTTLS on an implicit-TLS port), and nothing
    // it could say would change the verdict. It is cut now, as the grace would cut it later. The ones talking keep
    // their grace, and so do implicit-TLS ones: a handshake in progress writes nothing to the transcript.
    if (isConclusive(mine)) {
      for (const { recorder, cut } of unheard) if (!recorder.events().some((e) => e.dir === 'server')) cut.abort();
    }
    if (provesOwnMode(mine)) samePortGrace.start();
    const records = await Promise.all(alternatives);
    grace.clear();
    samePortGrace.clear();
    for (const record of records) this.#keep('alternative', 'alternative', record);
  }

  /**
   * `--security auto`: probe every candidate without credentials, then log in on the best one. With a port given, the
   * best is a mode on that port: when neither mode works there, the port's default mode stays the configured session
   * (its failure is the root cause) and phase 2 logs in on the alternative that proved itself, as a fixed mode does.
   */
  async #discover(port: number | undefined): Promise<Endpoint | undefined> {
    const candidates = autoCandidates(port, this.#o.alternatives);
    const onPort = (c: Endpoint): boolean => port === undefined || c.port === port;
    this.#progress('probe', `discovering: ${candidates.map(describe).join(', ')}`);
    // Once one candidate can take the login, silent ones (port 25 blocked by the ISP, STARTTLS on 465) get a grace;
    // the user's own port is only cut short by a mode on that port, since an alternative is not what they asked for.
    const ownGrace = new GracePeriod(this.#o.graceMs ?? DEFAULT_GRACE_MS);
    const otherGrace = new GracePeriod(this.#o.graceMs ?? DEFAULT_GRACE_MS);
    const discovered = Promise.all(
      candidates.map(async (c) => {
        const grace = onPort(c) ? ownGrace : otherGrace;
        const record = await this.#session({ ...c, role: 'alternative' }, { signal: grace.signal });
        if (this.#readyForLogin(record)) {
          otherGrace.start();
          if (onPort(c)) ownGrace.start();
        } else if (port !== undefined && onPort(c) && provesOwnMode(record)) {
          // The port's mode is known (say its certificate was refused): the other mode there will never answer.
          ownGrace.start();
        }
        return record;
      }),
    );
    this.#warmUp();
    const records = await discovered;
    ownGrace.clear();
    otherGrace.clear();
    const index = records.findIndex((r) => onPort(r.target) && this.#readyForLogin(r));
    // With no mode ready on the given port, the mode the port proved to speak stands for it (its failure is the cause).
    const proven = port === undefined ? -1 : records.findIndex((r) => onPort(r.target) && provesOwnMode(r));
    const chosen = index !== -1 ? index : proven !== -1 ? proven : 0;
    const endpoint = candidates[chosen];
    const record = records[chosen];
    if (!endpoint || !record) return undefined;
    if (index !== -1 && this.#login && this.#budget.canAttempt() && this.#timeFor('configured')) {
      this.#progress('login', `logging in on ${describe(endpoint)}`);
      const login = await this.#session({ ...endpoint, role: 'configured' }, { withCredentials: true });
      this.#budget.record(login.auth);
      this.#keep('configured', 'configured', login);
    } else if (index === -1 && this.#login && this.#budget.canAttempt() && onlyAuthMissing(record)) {
      // TLS works on the port but no mechanism there can take the login (none listed, or none that suits): the user's
      // settings still run with the credentials, so the session records why no AUTH went out (the step's reason;
      // nothing is sent where AUTH is not listed), and phase 2 may log in on an alternative that offers AUTH.
      if (this.#timeFor('configured')) {
        const login = await this.#session({ ...endpoint, role: 'configured' }, { withCredentials: true });
        this.#budget.record(login.auth);
        this.#keep('configured', 'configured', login);
      } else this.#keep('configured', 'discovery', record);
    } else {
      // No login to make: the chosen candidate itself stands for the user's settings.
      this.#keep('configured', 'discovery', record);
    }
    records.forEach((r, i) => {
      if (i !== chosen) this.#keep('alternative', 'discovery', r);
    });
    return endpoint;
  }

  /**
   * Phase 2: only when the configured session is conclusively a port/TLS problem (it never reached AUTH),
   * log in on the best alternative that did — and, with a budget above one, try another mechanism after a refusal
   * that another mechanism could change (see anotherMechanismMayHelp in budget.ts).
   */
  async #retryElsewhere(): Promise<void> {
    const credentials = this.#login;
    const configured = this.#sessions.find((s) => s.role === 'configured')?.record;
    if (!credentials || !configured || configured.outcome === 'authenticated') return;

    if (!configured.auth && this.#isPortOrTlsProblem(configured) && this.#budget.canAttempt()) {
      const target = this.#sessions.find((s) => s.role === 'alternative' && this.#readyForLogin(s.record))?.record;
      if (target && this.#timeFor('login-elsewhere')) {
        this.#progress('login', `logging in on ${describe(target.target)} instead`);
        const record = await this.#session(
          { port: target.target.port, security: target.target.security, role: 'alternative' },
          { withCredentials: true },
        );
        this.#budget.record(record.auth);
        this.#keep('alternative', 'login-elsewhere', record);
      }
      return;
    }

    // Another offered mechanism, only when the refusal may be the mechanism's (smtplib and swaks try them all).
    if (this.#o.mechanism !== undefined || !configured.auth) return;
    const offered = configured.capabilities.afterTls?.auth ?? configured.capabilities.beforeTls?.auth ?? [];
    const kind = credentials.secret.kind === 'token' ? 'token' : 'password';
    const tried = new Set([configured.auth.mechanism]);
    let last = configured.auth;
    while (this.#budget.canAttempt() && anotherMechanismMayHelp(last, credentials.secret.shape)) {
      const next = chooseMechanism(
        offered.filter((m) => !tried.has(m)),
        kind,
      );
      if (!next || !this.#timeFor('mechanism-retry')) break;
      tried.add(next.name);
      this.#progress('login', `trying ${next.name} (attempt ${this.#budget.failed + 1} of ${this.#budget.allowed})`);
      const record = await this.#session(
        { ...configured.target, role: 'alternative' },
        { withCredentials: true, mechanism: next.name },
      );
      this.#budget.record(record.auth);
      this.#keep('alternative', 'mechanism-retry', record);
      if (record.outcome === 'authenticated' || !record.auth) break;
      last = record.auth;
    }
  }

  #isPortOrTlsProblem(record: SessionRecord): boolean {
    if (record.injection) return false; // a security problem: no credentials anywhere
    const failed = record.steps.find((s) => s.result === 'failed' || s.result === 'rejected' || s.result === 'skipped');
    if (!failed) return false;
    if (failed.failure?.kind === 'certificate-rejected') return false; // same certificate on every port
    // AUTH skipped over plaintext, or on a port that offers no AUTH at all (an MTA port such as 25): port problems.
    if (failed.step === 'auth')
      return failed.result === 'skipped' && (!record.tls || failed.reason === 'no-auth-offered');
    return ['connect', 'tls-handshake', 'greeting', 'ehlo', 'helo', 'starttls'].includes(failed.step);
  }

  /** Reached EHLO over verified TLS (or accepted --insecure) with a mechanism the credentials can use. */
  #readyForLogin(record: SessionRecord): boolean {
    if (record.outcome !== 'connected' || !record.tls) return false;
    if (!record.tls.verification.ok && !record.tls.verification.acceptedInsecurely) return false;
    const offered = record.capabilities.afterTls?.auth ?? [];
    if (!this.#login) return true;
    if (this.#o.mechanism) return offered.includes(findMechanism(this.#o.mechanism)?.name ?? '');
    return chooseMechanism(offered, this.#login.secret.kind === 'token' ? 'token' : 'password') !== null;
  }

  #session(
    spec: ProbeSpec,
    how: { withCredentials?: boolean; signal?: AbortSignal; mechanism?: string; recorder?: TranscriptRecorder } = {},
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
    if (how.withCredentials && this.#login) {
      options.credentials = this.#login;
      if (o.send) options.send = o.send;
    }
    const forced = how.mechanism ?? o.mechanism;
    if (forced !== undefined) options.mechanism = forced;
    if (o.ca) options.ca = o.ca;
    if (o.ehloName !== undefined) options.ehloName = o.ehloName;
    if (o.timeoutMs !== undefined) options.timeoutMs = o.timeoutMs;
    // What is left of the run's deadline (a session alone has the same limit: it never outlives the run).
    options.deadlineMs = Math.floor(this.#deadline.remainingMs());
    if (how.signal) options.signal = how.signal;
    options.recorder = how.recorder ?? this.#recorder();
    // Every probe session has its outcome before QUIT: the 221 would only hold the answer a round trip longer.
    options.quitReply = 'leave';
    return runSession(options);
  }

  /**
   * Whether a session that runs after the others (a login after discovery, a login elsewhere, another mechanism) still
   * fits in the run's deadline: it needs at least a phase timeout (a quarter of the deadline at most). One that does
   * not fit is not started, and the evidence says so.
   */
  #timeFor(purpose: SessionPurpose): boolean {
    const total = this.#o.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const needed = Math.min(this.#o.timeoutMs ?? DEFAULT_TIMEOUT_MS, total / 4);
    if (this.#deadline.remainingMs() >= needed) return true;
    this.#skipped.push(purpose);
    this.#progress('done', `not starting another session: the run's deadline (${total} ms) is nearly reached`);
    return false;
  }

  /**
   * Once the sessions have dialled (Node connects to an IP address on the next tick), the CPU the knowledge needs —
   * a refusal is read with it, and the diagnosis after the probe — overlaps the network instead of preceding it; so
   * does the scrubber's first scrub, which builds the secret's forms (else done when the greeting has come).
   */
  #warmUp(): void {
    setImmediate(() => {
      try {
        this.#scrubber.scrub(WARM_UP_TEXT);
        this.#providers();
      } catch {
        // Only a head start: the run asks again where it needs them, and an error surfaces there.
      }
    });
  }

  /**
   * The providers the host name is recognised as, strongest first: the budget reads a refusal with them. Computed
   * once, when first asked for — while the sessions wait for the network, not before they dial.
   */
  #providers(): string[] {
    this.#hostProviders ??= identifyProvider({ host: this.#o.host }).map((h) => h.provider);
    return this.#hostProviders;
  }

  /** The name lookup, within the run's deadline: a resolver that does not answer in time failed for now (EAI_AGAIN). */
  async #resolve(host: string): Promise<DnsEvidence> {
    const ms = Math.floor(this.#deadline.remainingMs());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<DnsEvidence>((resolve) => {
      timer = setTimeout(() => {
        const message = `the resolver gave no answer for ${host} within ${ms} ms (the run's deadline)`;
        resolve({ host, addresses: [], error: { code: 'EAI_AGAIN', message } });
      }, ms);
    });
    try {
      return await Promise.race([resolveHost(host, this.#o.resolver ?? systemResolver), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records a session with its role (the public contract) and why it was run. */
  #keep(role: EvidenceSession['role'], purpose: SessionPurpose, record: SessionRecord): void {
    this.#sessions.push({ role, purpose, record });
  }

  #recorder(): TranscriptRecorder {
    return new TranscriptRecorder(undefined, this.#scrubber);
  }

  #progress(stage: ProgressEvent['stage'], label: string): void {
    this.#o.onProgress?.({ stage, label });
  }

  #evidence(dns: DnsEvidence, configured: Endpoint | undefined): Evidence {
    const o = this.#o;
    const target: EvidenceTarget = { host: o.host };
    if (configured) Object.assign(target, configured);
    const username = o.credentials?.username ?? o.username;
    if (username !== undefined) target.username = username;
    if (o.mechanism) target.mechanism = o.mechanism.toUpperCase();
    if (o.address) target.address = o.address;
    if (o.hostFrom) target.hostFrom = o.hostFrom;
    if (o.securityAsWritten !== undefined) target.securityAsWritten = o.securityAsWritten;
    if (o.mx && o.mx.length > 0) dns.mx = o.mx;
    const evidence: Evidence = {
      origin: 'probe',
      target,
      dns,
      sessions: this.#sessions,
      observations: [],
      providerHints: [],
      attempts: { allowed: this.#budget.allowed, failed: this.#budget.failed },
    };
    // Who chose the limits: a limit the user set that runs out is theirs to change, not the server's fault.
    evidence.limits = {
      timeout: { ms: o.timeoutMs ?? DEFAULT_TIMEOUT_MS, userSet: o.timeoutMs !== undefined },
      deadline: { ms: o.deadlineMs ?? DEFAULT_DEADLINE_MS, userSet: o.deadlineMs !== undefined },
    };
    if (this.#skipped.length > 0)
      evidence.deadline = { ms: o.deadlineMs ?? DEFAULT_DEADLINE_MS, notStarted: [...this.#skipped] };
    if (o.credentials) {
      const facts: CredentialFacts = { username: o.credentials.username, secret: o.credentials.secret.shape };
      if (o.secretSource) facts.secretSource = o.secretSource;
      evidence.credentials = facts;
    }
    return evidence;
  }
}

/**
 * The configured session settled the question by itself: the login worked, the server answered AUTH with a verdict,
 * or the session worked with no login to make (none asked for, none allowed, or empty credentials).
 */
function isConclusive(record: SessionRecord): boolean {
  return record.outcome === 'authenticated' || record.outcome === 'connected' || record.auth?.reply !== undefined;
}

/** An alternative on the configured port in the other TLS mode reached EHLO: the TLS mode is what is wrong. */
function provesOtherMode(record: SessionRecord, configured: Endpoint): boolean {
  const { port, security } = record.target;
  const reachedEhlo = record.capabilities.beforeTls !== undefined || record.capabilities.afterTls !== undefined;
  return reachedEhlo && port === configured.port && security !== configured.security;
}

/** Reached EHLO over TLS that verified (or was accepted with --insecure): only a usable mechanism is missing. */
function onlyAuthMissing(record: SessionRecord): boolean {
  const v = record.tls?.verification;
  return v !== undefined && (v.ok || v.acceptedInsecurely) && record.capabilities.afterTls !== undefined;
}

/** The handshake finished and the certificate was refused (chain or name): the same certificate serves every port. */
function certificateRefused(record: SessionRecord): boolean {
  return record.steps.some((s) => s.failure?.kind === 'certificate-rejected');
}

/**
 * The session showed that its port speaks its mode: an implicit-TLS handshake completed (a refused certificate too),
 * or a greeting came in plaintext. The other mode on that port will not get a greeting, or not a TLS handshake.
 */
function provesOwnMode(record: SessionRecord): boolean {
  if (record.target.security === 'tls') return record.tls !== undefined;
  return record.greeting !== undefined;
}

/** Once started, sessions still running get `ms` more, then their signal aborts; `also` runs at that moment. */
class GracePeriod {
  readonly #ms: number;
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.#ms = ms;
    // Every session waiting on it listens (its connect and the session itself): six alternatives pass Node's default
    // of ten and would print a leak warning on stderr for what is no leak.
    setMaxListeners(64, this.#controller.signal);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  start(also?: () => void): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      also?.();
      this.#controller.abort();
    }, this.#ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

function describe(endpoint: Endpoint): string {
  return `${endpoint.port} ${describeSecurity(endpoint.security)}`;
}

/** The run's scrubber: a weak secret that is an ordinary word stays where a server says its standard words. */
function scrubberKeepingStandardWording(): FormScrubber {
  const scrubber = new FormScrubber(SCRUBBED);
  scrubber.keepStandardWording(isStandardWording);
  return scrubber;
}
