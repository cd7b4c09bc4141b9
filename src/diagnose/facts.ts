// Shared readings of the evidence that several rules rely on (so two rules never disagree about one fact).
import { bestMatch } from '../knowledge/match.js';
import type { Observation } from '../model/evidence.js';
import type { FindingId } from '../model/finding.js';
import type { Reply } from '../model/reply.js';
import type { Failure, Security } from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import type { DiagnoseContext, IndexedSession } from './context.js';
import { reachedEhlo } from './context.js';

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
    { providers: context.providerIds, credential: context.credential, tls: context.tlsAtAuth },
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
/** Ports where plaintext-then-STARTTLS is the convention. */
export const STARTTLS_PORTS: ReadonlySet<number> = new Set([587, 25, 2525, 2587]);

/**
 * Plaintext client on an implicit-TLS port: the configured session waited for a greeting that never came (or the
 * server hung up) on 465, or an alternative proved implicit TLS works on the same port.
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
  // The probe stops waiting for the greeting (cancelled) only once implicit TLS is proven on the port; alone it says nothing.
  if (failure.kind === 'cancelled' && !proven) return null;
  const byPort = IMPLICIT_TLS_PORTS.has(record.target.port);
  return proven || byPort ? { proven, byPort } : null;
}
