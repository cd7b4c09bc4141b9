// Working settings: what the evidence proves works — a login, or at least a TLS connection that offers AUTH.
import type { Evidence } from '../model/evidence.js';
import type { WorkingSettings } from '../model/report.js';
import type { SessionRecord } from '../model/session.js';
import { reachesAuthOverVerifiedTls } from './reading/endpoints.js';
import { effectiveCapabilities } from './reading/sessions.js';

/**
 * Settings proven to authenticate (the configured session logged in), else a session that reached an AUTH offer over
 * a verified TLS connection — the configured one, else an alternative on the same port, else the first alternative
 * in probe order. Null otherwise.
 */
export function deriveWorking(evidence: Evidence): WorkingSettings | null {
  const ordered = [
    ...evidence.sessions.filter((s) => s.role === 'configured'),
    ...evidence.sessions.filter((s) => s.role === 'alternative'),
  ].map((s) => s.record);
  const username = evidence.credentials?.username ?? evidence.target?.username;

  const loggedIn = ordered.find((r) => r.outcome === 'authenticated' && r.auth?.result === 'accepted');
  if (loggedIn) {
    const out = settings(loggedIn, 'login', loggedIn.auth?.mechanism, loggedIn.username ?? username);
    // The login went through only because certificate checks were off (--insecure): say so with the settings.
    if (loggedIn.tls && !loggedIn.tls.verification.ok) out.certificateVerified = false;
    return out;
  }

  const configuredMechanism = evidence.target?.mechanism?.toUpperCase();
  // The smallest change first: the configured session itself, then an alternative on the same port, then any.
  const configured = ordered[0];
  const candidates = ordered.filter((r) => reachesAuthOverVerifiedTls(r));
  const reached =
    (configured && candidates.includes(configured) ? configured : undefined) ??
    candidates.find((r) => r.target.port === configured?.target.port) ??
    candidates[0];
  if (!reached) return null;
  const offered = effectiveCapabilities(reached)?.auth ?? [];
  const mechanism = configuredMechanism && offered.includes(configuredMechanism) ? configuredMechanism : undefined;
  return settings(reached, 'connection', mechanism, username);
}

function settings(
  record: SessionRecord,
  proven: WorkingSettings['proven'],
  mechanism: string | undefined,
  username: string | undefined,
): WorkingSettings {
  const out: WorkingSettings = {
    host: record.target.host,
    port: record.target.port,
    security: record.target.security,
    proven,
  };
  if (mechanism !== undefined) out.mechanism = mechanism;
  if (username !== undefined) out.username = username;
  return out;
}
