// Diagnose context: the facts every rule needs, computed once from the Evidence (sessions or pasted observations).
import type { Evidence, EvidenceSession, ProviderHint } from '../model/evidence.js';
import type { SecretShape } from '../model/secret.js';
import type { Capabilities, Security, SessionRecord } from '../model/session.js';
import { providerById } from '../knowledge/index.js';
import type { ProviderData } from '../knowledge/schema.js';
import { capabilitiesFromObservations, pastedAuthOutcome, tlsFromObservations } from './reading/pasted.js';

export interface IndexedSession {
  index: number;
  session: EvidenceSession;
  record: SessionRecord;
}

export type AuthOutcome = 'accepted' | 'rejected' | 'not-attempted' | 'unknown';

export interface DiagnoseContext {
  evidence: Evidence;
  /** Recognised providers, strongest evidence first: the evidence's own hints (recognised once, by the door). */
  hints: ProviderHint[];
  providerIds: string[];
  /** The most strongly recognised provider that has knowledge beyond its name. */
  provider: ProviderData | null;
  configured: IndexedSession | null;
  alternatives: IndexedSession[];
  /** Every session of the run: the configured one first, then the others in probe order. */
  sessions: IndexedSession[];
  host: string | undefined;
  port: number | undefined;
  security: Security | undefined;
  username: string | undefined;
  secret: SecretShape | undefined;
  /** What the client authenticated with; pasted text without a clue is assumed to be a password (most are). */
  credential: 'password' | 'token' | null;
  /** The SASL mechanism used, when known. */
  mechanism: string | undefined;
  /** Whether the connection was encrypted when AUTH was sent, when known. */
  tlsAtAuth: boolean | null;
  auth: AuthOutcome;
  /** Capabilities the pasted text shows (the last EHLO reply before and after STARTTLS). */
  pastedCapabilities: { beforeTls?: Capabilities; afterTls?: Capabilities };
}

/** Mechanisms that carry an OAuth token rather than a password. */
export const TOKEN_MECHANISMS: ReadonlySet<string> = new Set(['XOAUTH2', 'OAUTHBEARER', 'XOAUTH']);

export function buildContext(evidence: Evidence): DiagnoseContext {
  const indexed = evidence.sessions.map((session, index) => ({ index, session, record: session.record }));
  const configured = indexed.find((s) => s.session.role === 'configured') ?? null;
  const alternatives = indexed.filter((s) => s.session.role === 'alternative');
  const record = configured?.record;

  const hints = evidence.providerHints;
  const providerIds = hints.map((h) => h.provider);
  const provider = providerIds.map((id) => providerById(id)).find((p) => p !== null) ?? null;

  const mechanism = record?.auth?.mechanism ?? evidence.target?.mechanism;
  const upper = mechanism?.toUpperCase();
  const credential: DiagnoseContext['credential'] =
    upper !== undefined
      ? TOKEN_MECHANISMS.has(upper)
        ? 'token'
        : 'password'
      : evidence.credentials?.secret?.kind === 'token'
        ? 'token'
        : record
          ? record.auth
            ? 'password'
            : null
          : 'password';

  return {
    evidence,
    hints,
    providerIds,
    provider,
    configured,
    alternatives,
    sessions: configured ? [configured, ...alternatives] : alternatives,
    host: record?.target.host ?? evidence.target?.host,
    port: record?.target.port ?? evidence.target?.port,
    security: record?.target.security ?? evidence.target?.security,
    username: evidence.credentials?.username ?? record?.username ?? evidence.target?.username,
    secret: evidence.credentials?.secret,
    credential,
    mechanism: upper,
    tlsAtAuth: record ? (record.auth ? record.tls !== undefined : null) : tlsFromObservations(evidence),
    auth: record ? sessionAuthOutcome(record) : pastedAuthOutcome(evidence),
    pastedCapabilities: capabilitiesFromObservations(evidence.observations),
  };
}

function sessionAuthOutcome(record: SessionRecord): AuthOutcome {
  if (!record.auth) return 'not-attempted';
  // Cancelled or cut off (a broken reply, a lost connection): the server never judged the credentials.
  return record.auth.result === 'accepted' || record.auth.result === 'rejected' ? record.auth.result : 'unknown';
}
