// Reading the sessions: the configured one first, then every other; which got how far, which logged in, which failed.
import type { Reply } from '../../model/reply.js';
import type { Capabilities, Failure, Security, SessionRecord } from '../../model/session.js';
import { mechanismMayMatter, refusesAuthCommand } from '../../knowledge/codes.js';
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import type { AuthOutcome, DiagnoseContext, IndexedSession } from '../context.js';

/** The failure that stopped the configured session, if one did. */
export function configuredFailure(context: DiagnoseContext): Failure | undefined {
  return context.configured?.record.steps.find((s) => s.result === 'failed')?.failure;
}

/** The capabilities that count for AUTH: after TLS when TLS was used. */
export function effectiveCapabilities(record: SessionRecord): Capabilities | undefined {
  return (
    record.capabilities.afterTls ?? (record.target.security === 'starttls' ? undefined : record.capabilities.beforeTls)
  );
}

/** A session that reached EHLO over verified TLS: the connection settings are proven, whatever the credentials. */
export function reachedTlsEhlo(record: SessionRecord): boolean {
  return record.tls !== undefined && record.capabilities.afterTls !== undefined && record.tls.verification.ok;
}

/** A session that reached EHLO at all (any security). */
export function reachedEhlo(record: SessionRecord): boolean {
  return record.capabilities.beforeTls !== undefined || record.capabilities.afterTls !== undefined;
}

/** An alternative session that reached EHLO with the given port and security. */
export function workingAlternative(
  context: DiagnoseContext,
  want: { port?: number; security?: Security },
): IndexedSession | undefined {
  return context.alternatives.find(
    (s) =>
      (want.port === undefined || s.record.target.port === want.port) &&
      (want.security === undefined || s.record.target.security === want.security) &&
      reachedEhlo(s.record),
  );
}

/**
 * An implicit-TLS session to the port that completed the TLS handshake and then got no greeting either. (A failed
 * handshake or a refused certificate says nothing about the greeting: the session never waited for one.)
 */
export function silentInImplicitTls(context: DiagnoseContext, port: number): IndexedSession | undefined {
  return context.alternatives.find(
    (s) =>
      s.record.target.port === port &&
      s.record.target.security === 'tls' &&
      s.record.steps.some(
        (step) => step.step === 'greeting' && step.result === 'failed' && step.failure?.kind !== 'cancelled',
      ),
  );
}

/** Every session of the run that attempted a login: the configured one first, then retries and logins elsewhere. */
export function loginSessions(context: DiagnoseContext): IndexedSession[] {
  return context.sessions.filter((s) => s.record.auth !== undefined);
}

/** A login whose credentials the server judged and refused (a 5xx to AUTH), on any session of the run. */
export function refusedLogin(context: DiagnoseContext): IndexedSession | undefined {
  return loginSessions(context).find(
    (s) => s.record.auth?.result === 'rejected' && judgesCredentials(s.record.auth.reply?.code ?? 0),
  );
}

/**
 * A permanent refusal of AUTH that judged the credentials: not one of the AUTH command or the mechanism itself (500,
 * 502–504, 530, 538) or of what the mechanism carried (501), which the server sends before checking any password.
 */
export function judgesCredentials(code: number): boolean {
  return code >= 500 && !refusesAuthCommand(code) && !mechanismMayMatter(code);
}

/** The verdict on the credentials over the whole run: accepted anywhere, else refused anywhere, else the configured one. */
export function loginVerdict(context: DiagnoseContext): AuthOutcome {
  const logins = loginSessions(context);
  if (logins.some((s) => s.record.auth?.result === 'accepted')) return 'accepted';
  if (logins.some((s) => s.record.auth?.result === 'rejected')) return 'rejected';
  return context.auth;
}

/** The same reply, compared by its lines (a saved report parsed again holds equal copies, not the same objects). */
export function sameReply(a: Reply | undefined, b: Reply | undefined): boolean {
  return a !== undefined && b !== undefined && a.raw.join('\n') === b.raw.join('\n');
}

/** The detail of starttls-unavailable for a session: advertised and refused, or never offered. */
export function starttlsDetail(record: SessionRecord): 'refused' | 'not-offered' {
  return record.capabilities.beforeTls?.starttls === true ? 'refused' : 'not-offered';
}

/** Replies of a session worth diagnosing, each with the phase it answered. */
export type SessionPhase = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data';

const PHASE_OF_STEP: Partial<Record<SessionRecord['steps'][number]['step'], SessionPhase>> = {
  greeting: 'greeting',
  ehlo: 'ehlo',
  'ehlo-after-tls': 'ehlo',
  helo: 'ehlo',
  starttls: 'starttls',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'rcpt',
  data: 'data',
};

export function sessionReplies(record: SessionRecord): { reply: Reply; phase: SessionPhase }[] {
  const out: { reply: Reply; phase: SessionPhase }[] = [];
  for (const step of record.steps) {
    const phase = PHASE_OF_STEP[step.step];
    // An error challenge (XOAUTH2's 334 JSON) comes before the final AUTH reply and says more about the cause.
    if (phase === 'auth' && record.auth?.errorChallenge) out.push({ reply: record.auth.errorChallenge, phase });
    if (step.reply && phase) out.push({ reply: step.reply, phase });
  }
  return out;
}

/** Two sessions to the same host, port and TLS mode. */
export function sameEndpoint(a: IndexedSession, b: IndexedSession): boolean {
  const x = a.record.target;
  const y = b.record.target;
  return x.host === y.host && x.port === y.port && x.security === y.security;
}

/**
 * Plaintext client on an implicit-TLS port: the configured session waited for a greeting that never came (or the
 * server hung up), and an alternative proved implicit TLS works on the same port — or, when implicit TLS was not
 * seen there either way, the port is an implicit-TLS one by convention (a guess). Implicit TLS there without a
 * greeting either is proof against a mode mismatch.
 */
export function plaintextOnImplicitTls(
  context: DiagnoseContext,
): { proven: IndexedSession | undefined; byPort: boolean } | null {
  const record = context.configured?.record;
  if (!record || record.target.security === 'tls') return null;
  const failure = configuredFailure(context);
  const silent =
    failure !== undefined &&
    failure.phase === 'greeting' &&
    (failure.kind === 'timeout' ||
      (failure.kind === 'closed' && failure.partial === undefined) ||
      failure.kind === 'network-error' ||
      failure.kind === 'cancelled');
  if (!silent) return null;
  const byPort = isImplicitTlsPort(record.target.port);
  const proven = workingAlternative(context, { port: record.target.port, security: 'tls' });
  if (proven) return { proven, byPort };
  // The probe stops waiting for the greeting (cancelled) only once implicit TLS is proven on the port; alone it says nothing.
  if (failure.kind === 'cancelled') return null;
  // Implicit TLS was tried on the same port and got no further: the other mode is no cure, whatever the port number.
  if (silentInImplicitTls(context, record.target.port)) return null;
  return byPort ? { proven: undefined, byPort: true } : null;
}
