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
import { describeSecurity, type SessionRecord } from '../model/session.js';
import { escapeControl } from '../protocol/escape.js';
import type { IndexedSession } from './context.js';
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

/** A line of the session transcript (an error or an info line), found by a predicate. */
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
