// Shared readings of the evidence that several rules rely on (so two rules never disagree about one fact).
import { submissionFor } from '../knowledge/index.js';
import { bestMatch, matchReply, type MatchContext, type SignatureMatch } from '../knowledge/match.js';
import type { SubmissionEndpoint } from '../knowledge/schema.js';
import type { Observation } from '../model/evidence.js';
import type { DeadEnd, FindingId } from '../model/finding.js';
import type { Reply } from '../model/reply.js';
import type { CharClass, SecretShape } from '../model/secret.js';
import type { Failure, Security, SessionRecord } from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import type { AuthOutcome, DiagnoseContext, IndexedSession } from './context.js';
import { reachedEhlo, reachedTlsEhlo, TOKEN_MECHANISMS } from './context.js';

/** The failure that stopped the configured session, if one did. */
export function configuredFailure(context: DiagnoseContext): Failure | undefined {
  return context.configured?.record.steps.find((s) => s.result === 'failed')?.failure;
}

/** Error codes and client messages from pasted text. */
export function errorCodes(context: DiagnoseContext): Extract<Observation, { kind: 'error-code' }>[] {
  return context.evidence.observations.filter(
    (o): o is Extract<Observation, { kind: 'error-code' }> => o.kind === 'error-code',
  );
}

export function clientMessages(
  context: DiagnoseContext,
  id?: string,
): Extract<Observation, { kind: 'client-message' }>[] {
  return context.evidence.observations.filter(
    (o): o is Extract<Observation, { kind: 'client-message' }> =>
      o.kind === 'client-message' && (id === undefined || o.id === id),
  );
}

/**
 * The known signature a success reply fits (235 after AUTH, 250 after DATA), when its causes lead to `finding`: the
 * success findings of a live session name their reply as the reply-signatures rule names refusals.
 */
export function successSignature(
  context: DiagnoseContext,
  reply: Reply,
  phase: Phase,
  finding: Extract<FindingId, 'auth-ok' | 'message-accepted'>,
): string | undefined {
  const match = bestMatch(
    { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase },
    matchContext(context, context.tlsAtAuth),
  );
  return match?.causes.some((c) => c.finding === finding) ? match.signature.id : undefined;
}

/** An alternative session on the same host that reached EHLO with the given port and security. */
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

/** Ports where implicit TLS is the convention (RFC 8314 submissions; 2465 at SES). */
export const IMPLICIT_TLS_PORTS: ReadonlySet<number> = new Set([465, 2465]);
/** Pasted text names an implicit-TLS port and nothing in it says the client spoke TLS there. */
export function pastedPlaintextOnImplicitTlsPort(context: DiagnoseContext): boolean {
  return context.port !== undefined && IMPLICIT_TLS_PORTS.has(context.port) && context.security !== 'tls';
}
/** Ports where plaintext-then-STARTTLS is the convention. */
export const STARTTLS_PORTS: ReadonlySet<number> = new Set([587, 25, 2525, 2587]);

/**
 * Plaintext client on an implicit-TLS port: the configured session waited for a greeting that never came (or the
 * server hung up), and an alternative proved implicit TLS works on the same port — or, when implicit TLS was not
 * seen there either way, the port is 465 (a guess from the convention). Implicit TLS there without a greeting
 * either is proof against a mode mismatch.
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
  const proven = workingAlternative(context, { port: record.target.port, security: 'tls' });
  if (proven) return { proven, byPort: IMPLICIT_TLS_PORTS.has(record.target.port) };
  // The probe stops waiting for the greeting (cancelled) only once implicit TLS is proven on the port; alone it says nothing.
  if (failure.kind === 'cancelled') return null;
  // Implicit TLS was tried on the same port and got no further: the other mode is no cure, whatever the port number.
  if (silentInImplicitTls(context, record.target.port)) return null;
  return IMPLICIT_TLS_PORTS.has(record.target.port) ? { proven: undefined, byPort: true } : null;
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

/** What the knowledge matcher needs to know about the evidence; `tls` is where the reply came. */
export function matchContext(context: DiagnoseContext, tls: boolean | null): MatchContext {
  return {
    providers: context.providerIds,
    credential: context.credential,
    tls,
    username: context.username ?? null,
    secret: secretForm(context.secret),
  };
}

/** The known signature a reply of a live session fits best (the same reading for every rule). */
export function sessionMatch(
  context: DiagnoseContext,
  at: IndexedSession,
  reply: Reply,
  phase: Phase,
): SignatureMatch | undefined {
  const own = at === context.configured;
  const tls = phase === 'auth' && own ? context.tlsAtAuth : at.record.tls !== undefined && phase !== 'greeting';
  // Another session's login says itself what it sent (the context knows only the configured session's).
  const mechanism = own ? undefined : at.record.auth?.mechanism.toUpperCase();
  const credential =
    mechanism === undefined ? context.credential : TOKEN_MECHANISMS.has(mechanism) ? 'token' : 'password';
  return matchReply(
    { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase },
    { ...matchContext(context, tls), credential },
  )[0];
}

/**
 * The shape of the secret in the terms signature conditions use. An app password is 16 lower-case letters: Google
 * and Yahoo show them in four groups of four with spaces (19 characters typed with them), Apple joins the groups with
 * hyphens (xxxx-xxxx-xxxx-xxxx, also 19). The shape keeps only the length and the character classes, so 19 characters
 * of lower-case letters and punctuation stand for the hyphenated form. Null: unknown.
 */
export function secretForm(shape: SecretShape | undefined): 'app-password' | 'other' | null {
  if (!shape || shape.kind !== 'password') return null;
  if (shape.leadingWhitespace || shape.trailingWhitespace) return 'other';
  const only = (...classes: CharClass[]): boolean =>
    shape.classes.length === classes.length && classes.every((c) => shape.classes.includes(c));
  const letters = shape.length === 16 && only('lowercase');
  const spaced = shape.length === 19 && only('lowercase', 'spaces');
  const hyphenated = shape.length === 19 && only('lowercase', 'symbols');
  return letters || spaced || hyphenated ? 'app-password' : 'other';
}

/** Every session of the run that attempted a login: the configured one first, then retries and logins elsewhere. */
export function loginSessions(context: DiagnoseContext): IndexedSession[] {
  const all = [context.configured, ...context.alternatives].filter((s): s is IndexedSession => s !== null);
  return all.filter((s) => s.record.auth !== undefined);
}

/** A login whose credentials the server judged and refused (a 5xx to AUTH), on any session of the run. */
export function refusedLogin(context: DiagnoseContext): IndexedSession | undefined {
  return loginSessions(context).find(
    (s) => s.record.auth?.result === 'rejected' && (s.record.auth.reply?.code ?? 0) >= 500,
  );
}

/** The verdict on the credentials over the whole run: accepted anywhere, else refused anywhere, else the configured one. */
export function loginVerdict(context: DiagnoseContext): AuthOutcome {
  const logins = loginSessions(context);
  if (logins.some((s) => s.record.auth?.result === 'accepted')) return 'accepted';
  if (logins.some((s) => s.record.auth?.result === 'rejected')) return 'rejected';
  return context.auth;
}

/**
 * "Changing the password" is a dead end only while no server judged the password: once a login anywhere in the run
 * was refused with a 5xx, the password may well be part of the problem, and saying otherwise misleads.
 */
export function passwordDeadEnd(context: DiagnoseContext, deadEnd: DeadEnd): DeadEnd[] {
  return refusedLogin(context) ? [] : [deadEnd];
}

/**
 * A temporary refusal (454, or a 421 that ends the session) of a login that came after a refused login in the same
 * run, whose wording no signature names: after failures it is most likely the login throttle, not a server fault. The
 * lockout rule reports it; the reply-signatures rule leaves it alone so the two never disagree about the reply.
 */
export function throttleAfterFailure(
  context: DiagnoseContext,
): { throttle: IndexedSession; reply: Reply; failed: IndexedSession } | undefined {
  let failed: IndexedSession | undefined;
  for (const at of loginSessions(context)) {
    const reply = at.record.auth?.reply;
    if (!reply) continue;
    if (reply.code >= 500) failed ??= at;
    else if (failed && (reply.code === 454 || reply.code === 421)) {
      const match = sessionMatch(context, at, reply, 'auth');
      if (!match || match.tier === 'generic-code') return { throttle: at, reply, failed };
    }
  }
  return undefined;
}

/** The same reply, compared by its lines (a saved report parsed again holds equal copies, not the same objects). */
export function sameReply(a: Reply | undefined, b: Reply | undefined): boolean {
  return a !== undefined && b !== undefined && a.raw.join('\n') === b.raw.join('\n');
}

/** The detail of starttls-unavailable for a session: advertised and refused, or never offered. */
export function starttlsDetail(record: SessionRecord): 'refused' | 'not-offered' {
  return record.capabilities.beforeTls?.starttls === true ? 'refused' : 'not-offered';
}

/** An alternative session that reached EHLO over verified TLS, implicit TLS first: proven settings to suggest. */
export function provenTlsAlternative(
  context: DiagnoseContext,
  want: { security?: Security } = {},
): IndexedSession | undefined {
  const proven = context.alternatives.filter(
    (s) =>
      reachedTlsEhlo(s.record) &&
      !s.record.injection &&
      (want.security === undefined || s.record.target.security === want.security),
  );
  return proven.find((s) => s.record.target.security === 'tls') ?? proven[0];
}

/**
 * The provider's documented submission endpoints (for the user's e-mail domain) that the probe did not see fail: an
 * endpoint on the probed host is left out when a session there (same port and mode, or any mode if the port refused
 * the connection) never reached EHLO inside TLS.
 */
export function documentedEndpoints(
  context: DiagnoseContext,
  want: { security?: Security } = {},
): SubmissionEndpoint[] {
  const provider = context.provider;
  if (!provider) return [];
  const domain = context.evidence.target?.address ?? (context.username?.includes('@') ? context.username : undefined);
  return submissionFor(provider.id, domain).filter(
    (e) =>
      !e.host.includes('{') &&
      (want.security === undefined || e.security === want.security) &&
      !seenFailing(context, e),
  );
}

function seenFailing(context: DiagnoseContext, endpoint: SubmissionEndpoint): boolean {
  if (endpoint.host !== context.host?.toLowerCase()) return false;
  const sessions = [context.configured, ...context.alternatives].filter((s): s is IndexedSession => s !== null);
  return sessions.some(
    (s) =>
      s.record.target.port === endpoint.port &&
      (s.record.target.security === endpoint.security || failedToConnect(s.record)) &&
      s.record.capabilities.afterTls === undefined,
  );
}

function failedToConnect(record: SessionRecord): boolean {
  return record.steps.some((s) => s.step === 'connect' && s.result === 'failed');
}

/** The host is one of the provider's documented submission hosts (with that security, when given). */
export function isDocumentedHost(context: DiagnoseContext, security?: Security): boolean {
  const host = context.host?.toLowerCase();
  const endpoints = context.provider?.submission?.endpoints ?? [];
  return (
    host !== undefined && endpoints.some((e) => e.host === host && (security === undefined || e.security === security))
  );
}
