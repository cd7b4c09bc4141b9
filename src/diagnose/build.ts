// Finding construction: defaults and evidence quotes shared by the rules, so every finding cites what it saw.
import type { Observation } from '../model/evidence.js';
import type {
  Confidence,
  DocLink,
  EvidenceQuote,
  Finding,
  FindingId,
  Fix,
  DeadEnd,
  Severity,
} from '../model/finding.js';
import { FINDING_IDS } from '../model/finding.js';
import type { Reply } from '../model/reply.js';
import { describeSecurity, type Failure, type SessionRecord, type StepName } from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import { escapeControl } from '../protocol/escape.js';
import { loginJudged } from './cite.js';
import type { DiagnoseContext, IndexedSession } from './context.js';
import type { Candidate, Layer } from './types.js';

const SUCCESS: ReadonlySet<FindingId> = new Set(['auth-ok', 'message-accepted']);

export interface FindingParts {
  id: FindingId;
  title: string;
  summary: string;
  evidence: EvidenceQuote[];
  fixes: Fix[];
  confidence: Confidence;
  deadEnds?: DeadEnd[];
  docs?: DocLink[];
  severity?: Severity;
  signature?: string;
  detail?: string;
  provider?: string;
}

export function finding(parts: FindingParts): Finding {
  const out: Finding = {
    id: parts.id,
    severity: parts.severity ?? (SUCCESS.has(parts.id) ? 'ok' : 'error'),
    title: parts.title,
    summary: parts.summary,
    evidence: parts.evidence,
    fixes: parts.fixes,
    deadEnds: parts.deadEnds ?? [],
    docs: parts.docs ?? [],
    confidence: parts.confidence,
  };
  if (parts.signature !== undefined) out.signature = parts.signature;
  if (parts.detail !== undefined) out.detail = parts.detail;
  if (parts.provider !== undefined) out.provider = parts.provider;
  return out;
}

export function candidate(parts: FindingParts, layer: Layer, origin: Candidate['origin'] = 'configured'): Candidate {
  return { finding: finding(parts), layer, origin };
}

/** A server reply from a live session, with the transcript line it was recorded at. */
export function replyQuote(reply: Reply, at?: IndexedSession): EvidenceQuote {
  const text = reply.raw.map(escapeControl).join('\n');
  const quote: EvidenceQuote = { text, source: 'reply' };
  if (at) {
    quote.session = at.index;
    const event = at.record.transcript.findIndex((e) => e.dir === 'server' && e.text === text);
    if (event >= 0) quote.event = event;
  }
  return quote;
}

/**
 * The transcript line the session wrote when the failure stopped it: the last error event among the failed step's own
 * events (the transport records exactly one per failure, last; an injection notice may come before it). Records saved before steps kept their events fall back to
 * the error event of the failure's phase; without either, the failure is described from its fields.
 */
export function failureQuote(at: IndexedSession, failure: Failure): EvidenceQuote {
  const transcript = at.record.transcript;
  const step =
    at.record.steps.find((s) => s.failure === failure) ??
    at.record.steps.find((s) => s.failure?.kind === failure.kind && s.failure.phase === failure.phase);
  const event = step?.events
    ? (step.events.findLast((i) => transcript[i]?.dir === 'error') ?? -1)
    : transcript.findIndex((e) => e.dir === 'error' && e.phase === failure.phase);
  const found = event >= 0 ? transcript[event] : undefined;
  if (found) return { text: found.text, source: 'transcript', session: at.index, event };
  const code =
    failure.kind === 'network-error' || failure.kind === 'tls-error' || failure.kind === 'certificate-rejected';
  return {
    text: code ? `${failure.message} (${failure.code})` : `${failure.kind} during ${failure.phase}`,
    source: 'transcript',
    session: at.index,
  };
}

/**
 * Transitional, until every rule cites knowledge: "Changing the password" is a dead end only while no server judged
 * the password (cite.ts applies the same policy to every dead end marked untilJudged).
 */
export function passwordDeadEnd(context: DiagnoseContext, deadEnd: DeadEnd): DeadEnd[] {
  return loginJudged(context) ? [] : [deadEnd];
}

const PHASE_OF_STEP: Readonly<Record<StepName, Phase>> = {
  connect: 'connect',
  'tls-handshake': 'tls',
  greeting: 'greeting',
  ehlo: 'ehlo',
  helo: 'helo',
  starttls: 'starttls',
  'ehlo-after-tls': 'ehlo',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'rcpt',
  data: 'data',
  quit: 'quit',
};

/**
 * The line the session wrote about a step — its error, else its last info line (a skipped AUTH says why): from the
 * step's own events when the record keeps them, else the events of the step's phase. The fallback stands in when the
 * transcript holds no such line (hand-made or trimmed evidence).
 */
export function stepQuote(at: IndexedSession, step: StepName, fallback: string): EvidenceQuote {
  const record = at.record.steps.find((s) => s.step === step);
  const transcript = at.record.transcript;
  const phase = PHASE_OF_STEP[step];
  const candidates = record?.events ?? transcript.flatMap((e, i) => (e.phase === phase ? [i] : []));
  const own = candidates.filter((i) => transcript[i]?.dir === 'error' || transcript[i]?.dir === 'info');
  const event = own.find((i) => transcript[i]?.dir === 'error') ?? own[own.length - 1];
  const found = event !== undefined ? transcript[event] : undefined;
  return found && event !== undefined
    ? { text: found.text, source: 'transcript', session: at.index, event }
    : { text: fallback, source: 'transcript', session: at.index };
}

/** A line of the session transcript (an error or an info line), found by a predicate. Being retired: see stepQuote. */
export function transcriptQuote(at: IndexedSession, match: (text: string) => boolean, fallback: string): EvidenceQuote {
  const event = at.record.transcript.findIndex((e) => (e.dir === 'error' || e.dir === 'info') && match(e.text));
  const found = event >= 0 ? at.record.transcript[event] : undefined;
  return found
    ? { text: found.text, source: 'transcript', session: at.index, event }
    : { text: fallback, source: 'transcript', session: at.index };
}

export function pastedQuote(observation: Observation): EvidenceQuote {
  return { text: observation.quote, source: 'pasted' };
}

export function targetLabel(record: Pick<SessionRecord, 'target'>): string {
  const { host, port, security } = record.target;
  return `${host}:${port} (${describeSecurity(security)})`;
}

export { describeSecurity };

/** The plain meaning of an id, for titles of findings that have no better one. */
export function meaning(id: FindingId): string {
  return FINDING_IDS[id];
}
