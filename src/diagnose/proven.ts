// Proven endpoints: the ports and TLS modes this run showed to work, as fixes — what the probe proved outranks a guess.
import type { Fix } from '../model/finding.js';
import type { SessionRecord } from '../model/session.js';
import { describeSecurity } from './build.js';
import type { DiagnoseContext, IndexedSession } from './context.js';

/**
 * Sessions of the run over verified TLS that reached an AUTH offer (the connection settings are proven), best first:
 * a login that worked there, then the user's own port (the smallest change), then probe order. One per endpoint.
 */
export function provenEndpoints(context: DiagnoseContext): IndexedSession[] {
  const port = context.configured?.record.target.port ?? context.port;
  const sessions = [context.configured, ...context.alternatives].filter(
    (s): s is IndexedSession => s !== null && reachesAuthOverVerifiedTls(s.record),
  );
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

/** The same, as fixes that say what was proven: "Use STARTTLS on port 587: the login works there." */
export function provenFixes(context: DiagnoseContext, limit = 2): Fix[] {
  return provenEndpoints(context)
    .slice(0, limit)
    .map((s, i) => {
      const { port, security } = s.record.target;
      const why =
        s.record.outcome === 'authenticated'
          ? 'smtp-doctor logged in there'
          : 'smtp-doctor reached the login there over verified TLS';
      return {
        text: `${i === 0 ? 'Use' : 'Or use'} ${describeSecurity(security)} on port ${port}: ${why}.`,
        settings: { port, security },
      };
    });
}

function reachesAuthOverVerifiedTls(record: SessionRecord): boolean {
  if (!record.tls?.verification.ok || record.injection) return false;
  return (record.capabilities.afterTls?.auth.length ?? 0) > 0;
}
