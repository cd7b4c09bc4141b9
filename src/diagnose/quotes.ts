// Evidence quotes: what a finding cites — a reply, the transcript line a step wrote, a pasted line — found by structure.
import type { Observation } from '../model/evidence.js';
import type { EvidenceQuote } from '../model/finding.js';
import type { Reply } from '../model/reply.js';
import type { Failure, StepName } from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import { decodeBase64Strict } from '../protocol/base64.js';
import { escapeControl } from '../protocol/escape.js';
import { note } from './cite.js';
import type { IndexedSession } from './context.js';

/** A server reply from a live session, with the transcript line it was recorded at. */
export function replyQuote(reply: Reply, at?: IndexedSession): EvidenceQuote {
  const text = reply.raw.map(escapeControl).join('\n');
  const quote: EvidenceQuote = { text: withDecoded(text, reply), source: 'reply' };
  if (at) {
    quote.session = at.index;
    const event = at.record.transcript.findIndex((e) => e.dir === 'server' && e.text === text);
    if (event >= 0) quote.event = event;
  }
  return quote;
}

/**
 * The transcript line the session wrote when the failure stopped it: the last error event among the failed step's own
 * events (the transport records exactly one per failure, last; an injection notice may come before it). Records saved
 * before steps kept their events fall back to the error event of the failure's phase; without either, the failure is
 * stated from its fields.
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
  return 'code' in failure
    ? note('failure.with-code', { message: failure.message, code: failure.code }, at.index)
    : note('failure.without-code', { kind: failure.kind, phase: failure.phase }, at.index);
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
 * step's own events when the record keeps them, else the events of the step's phase. The fallback (a note of ours)
 * stands in when the transcript holds no such line (hand-made or trimmed evidence).
 */
export function stepQuote(at: IndexedSession, step: StepName, fallback: EvidenceQuote): EvidenceQuote {
  const record = at.record.steps.find((s) => s.step === step);
  const transcript = at.record.transcript;
  const phase = PHASE_OF_STEP[step];
  const candidates = record?.events ?? transcript.flatMap((e, i) => (e.phase === phase ? [i] : []));
  const own = candidates.filter((i) => transcript[i]?.dir === 'error' || transcript[i]?.dir === 'info');
  const event = own.find((i) => transcript[i]?.dir === 'error') ?? own[own.length - 1];
  const found = event !== undefined ? transcript[event] : undefined;
  return found && event !== undefined
    ? { text: found.text, source: 'transcript', session: at.index, event }
    : { ...fallback, session: at.index };
}

export function pastedQuote(observation: Observation): EvidenceQuote {
  const text = observation.kind === 'reply' ? withDecoded(observation.quote, observation.reply) : observation.quote;
  return { text, source: 'pasted' };
}

/** What an XOAUTH2 or OAUTHBEARER error challenge says: its JSON, and the status and scope it names. */
export interface DecodedChallenge {
  /** The JSON document, re-serialised on one line (control characters escaped). */
  json: string;
  status?: string;
  scope?: string;
}

/** Longer than any error challenge seen (about 100 characters): a bigger blob is not decoded. */
const MAX_CHALLENGE = 2048;

/**
 * A 334 whose text is base64 of a JSON object (RFC 7628 §3.2.2; Google's XOAUTH2 error): the document it carries.
 * Bounded and total: anything else (a LOGIN prompt, a CRAM-MD5 nonce, a huge blob, broken JSON) is undefined.
 */
export function decodeChallenge(reply: Reply): DecodedChallenge | undefined {
  if (reply.code !== 334) return undefined;
  const text = reply.text.trim();
  if (text.length < 4 || text.length > MAX_CHALLENGE || !text.startsWith('eyJ')) return undefined;
  const bytes = decodeBase64Strict(text);
  if (!bytes) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const field = (name: string): string | undefined => {
    const v = record[name];
    return typeof v === 'string' || typeof v === 'number' ? escapeControl(String(v)) : undefined;
  };
  const out: DecodedChallenge = { json: escapeControl(JSON.stringify(parsed)) };
  const status = field('status');
  const scope = field('scope');
  if (status !== undefined) out.status = status;
  if (scope !== undefined) out.scope = scope;
  return out;
}

/** The quote of a reply, with the decoded error challenge on a line of its own when it is one. */
function withDecoded(text: string, reply: Reply): string {
  const decoded = decodeChallenge(reply);
  return decoded ? `${text}\n${note('oauth.decoded-challenge', { json: decoded.json }).text}` : text;
}
