// Reading the endpoints: which ports and TLS modes the run proved, and which the provider documents and were not seen fail.
import { submissionFor } from '../../knowledge/index.js';
import type { SubmissionEndpoint } from '../../knowledge/schema.js';
import type { Security, SessionRecord } from '../../model/session.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { reachedTlsEhlo } from './sessions.js';

/**
 * A session over verified TLS, without injected plaintext, that reached an AUTH offer: its connection settings are
 * proven (whatever the credentials). One predicate for "Proven to work", the proven fixes and the probe's readiness.
 */
export function reachesAuthOverVerifiedTls(record: SessionRecord): boolean {
  if (!record.tls?.verification.ok || record.injection) return false;
  return (record.capabilities.afterTls?.auth.length ?? 0) > 0;
}

/**
 * Sessions of the run that reach AUTH over verified TLS, best first: a login that worked there, then the user's own
 * port (the smallest change), then probe order. One per endpoint.
 */
export function provenEndpoints(context: DiagnoseContext): IndexedSession[] {
  const port = context.configured?.record.target.port ?? context.port;
  const sessions = context.sessions.filter((s) => reachesAuthOverVerifiedTls(s.record));
  const rank = (s: IndexedSession): number =>
    (s.record.outcome === 'authenticated' ? 0 : 2) + (s.record.target.port === port ? 0 : 1);
  const ordered = [...sessions].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  return ordered.filter(
    (s, i) =>
      ordered.findIndex(
        (o) => o.record.target.port === s.record.target.port && o.record.target.security === s.record.target.security,
      ) === i,
  );
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
  return context.sessions.some(
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
