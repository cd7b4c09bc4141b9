// Diagnose context: the facts every rule needs, computed once from the Evidence (sessions or pasted observations).
import type { Evidence, EvidenceSession, Observation, ProviderHint } from '../model/evidence.js';
import type { Reply } from '../model/reply.js';
import type { SecretShape } from '../model/secret.js';
import type { Capabilities, Security, SessionRecord } from '../model/session.js';
import { identifyProvider } from '../knowledge/identify.js';
import { providerById } from '../knowledge/index.js';
import type { ProviderData } from '../knowledge/schema.js';
import { parseCapabilities } from '../protocol/capabilities.js';

export interface IndexedSession {
  index: number;
  session: EvidenceSession;
  record: SessionRecord;
}

export type AuthOutcome = 'accepted' | 'rejected' | 'not-attempted' | 'unknown';

export interface DiagnoseContext {
  evidence: Evidence;
  /** Recognised providers, strongest evidence first (from the evidence hints and the configured session). */
  hints: ProviderHint[];
  providerIds: string[];
  /** The most strongly recognised provider that has knowledge beyond its name. */
  provider: ProviderData | null;
  configured: IndexedSession | null;
  alternatives: IndexedSession[];
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

  const fromAddress = evidence.target?.address ? identifyProvider({ emailDomain: evidence.target.address }) : [];
  const hints = mergeHints(evidence.providerHints, [...(record ? hintsFromSession(record) : []), ...fromAddress]);
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
    host: record?.target.host ?? evidence.target?.host,
    port: record?.target.port ?? evidence.target?.port,
    security: record?.target.security ?? evidence.target?.security,
    username: evidence.credentials?.username ?? record?.username ?? evidence.target?.username,
    secret: evidence.credentials?.secret,
    credential,
    mechanism: upper,
    tlsAtAuth: record ? (record.auth ? record.tls !== undefined : null) : tlsFromObservations(evidence),
    auth: authOutcome(evidence, record),
    pastedCapabilities: capabilitiesFromObservations(evidence.observations),
  };
}

/** What the configured session's own facts say about the provider: its host, greeting and EHLO reply. */
function hintsFromSession(record: SessionRecord): ProviderHint[] {
  const ehlo = record.capabilities.afterTls ?? record.capabilities.beforeTls;
  const ehloLine = record.steps.find((s) => s.step === 'ehlo' || s.step === 'ehlo-after-tls')?.reply?.lines[0];
  return identifyProvider({
    host: record.target.host,
    ...(record.greeting ? { banner: record.greeting.text } : {}),
    ...(ehloLine !== undefined ? { ehloDomain: ehloLine } : ehlo ? { ehloDomain: ehlo.domain } : {}),
    ...(record.auth?.reply ? { replyText: record.auth.reply.text } : {}),
  });
}

function mergeHints(first: readonly ProviderHint[], second: readonly ProviderHint[]): ProviderHint[] {
  const out: ProviderHint[] = [];
  for (const hint of [...first, ...second]) if (!out.some((h) => h.provider === hint.provider)) out.push(hint);
  return out;
}

/**
 * Pasted text tells TLS only indirectly: a transcript that shows AUTH after a plaintext EHLO, a 220 to STARTTLS, or
 * TLS chosen in the settings. The transcript is what happened, so it outranks the settings the text mentions.
 */
function tlsFromObservations(evidence: Evidence): boolean | null {
  const shown = tlsAtPastedAuth(evidence.observations);
  if (shown !== null) return shown;
  if (evidence.target?.security === 'tls' || evidence.target?.security === 'starttls') return true;
  const startedTls = evidence.observations.some(
    (o) => o.kind === 'reply' && o.phase === 'starttls' && o.reply.code === 220,
  );
  if (startedTls) return true;
  if (evidence.target?.security === 'none') return false;
  return null;
}

/**
 * Whether the first AUTH of a pasted transcript came over TLS: false when an EHLO reply listing STARTTLS came before
 * it with no 220 to STARTTLS in between (RFC 3207 §4.2: a server must not list STARTTLS once TLS is up, so that
 * EHLO was answered in the clear), true after a 220 to STARTTLS, null when the transcript does not show.
 */
function tlsAtPastedAuth(observations: readonly Observation[]): boolean | null {
  let state: boolean | null = null;
  for (const o of observations) {
    if (o.kind !== 'reply' || o.phase === null) continue;
    const { phase, reply } = o;
    // A new greeting is a new connection (possibly implicit TLS): what came before says nothing about it.
    if (phase === 'greeting' && reply.code === 220) state = null;
    else if (phase === 'starttls' && reply.code === 220) state = true;
    else if (phase === 'ehlo' && reply.code === 250 && state !== true && parseCapabilities(reply).starttls)
      state = false;
    else if (phase === 'auth') return state;
  }
  return null;
}

function authOutcome(evidence: Evidence, record: SessionRecord | undefined): AuthOutcome {
  if (record) {
    if (!record.auth) return 'not-attempted';
    // Cancelled or cut off (a broken reply, a lost connection): the server never judged the credentials.
    return record.auth.result === 'accepted' || record.auth.result === 'rejected' ? record.auth.result : 'unknown';
  }
  let outcome: AuthOutcome = 'unknown';
  for (const o of evidence.observations) {
    if (o.kind !== 'reply' || (o.phase !== 'auth' && o.phase !== null)) continue;
    if (o.reply.code === 235) outcome = 'accepted';
    else if (o.phase === 'auth' && o.reply.code >= 400) outcome = 'rejected';
  }
  return outcome;
}

function capabilitiesFromObservations(observations: readonly Observation[]): DiagnoseContext['pastedCapabilities'] {
  const out: DiagnoseContext['pastedCapabilities'] = {};
  let afterStarttls = false;
  for (const o of observations) {
    if (o.kind !== 'reply') continue;
    if (o.phase === 'starttls' && o.reply.code === 220) afterStarttls = true;
    if (o.phase === 'ehlo' && o.reply.code === 250 && o.reply.lines.length > 1) {
      const caps = parseCapabilities(o.reply);
      if (afterStarttls) out.afterTls = caps;
      else out.beforeTls = caps;
    }
  }
  return out;
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

/** The capabilities that count for AUTH: after TLS when TLS was used. */
export function effectiveCapabilities(record: SessionRecord): Capabilities | undefined {
  return (
    record.capabilities.afterTls ?? (record.target.security === 'starttls' ? undefined : record.capabilities.beforeTls)
  );
}

/** A session that reached EHLO over TLS: the connection settings are proven, whatever the credentials. */
export function reachedTlsEhlo(record: SessionRecord): boolean {
  return record.tls !== undefined && record.capabilities.afterTls !== undefined && record.tls.verification.ok;
}

/** A session that reached EHLO at all (any security). */
export function reachedEhlo(record: SessionRecord): boolean {
  return record.capabilities.beforeTls !== undefined || record.capabilities.afterTls !== undefined;
}
