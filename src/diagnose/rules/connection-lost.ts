// Rule: the configured session died after the connection was made — closed, reset, stalled, or a broken protocol.
import type { Failure, StepRecord } from '../../model/session.js';
import { failureQuote } from '../quotes.js';
import { cause, deadEnd, fix, type DeadEndRef, type FixRef } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { provenTlsAlternative } from '../reading/endpoints.js';
import { ownLimitExplains, userTimeoutNote } from '../reading/limits.js';
import type { Candidate, Layer, Rule } from '../types.js';

/** Steps whose failures other rules already explain: connect (network), TLS (handshake, certificate), greeting timeouts. */
const EXPLAINED_ELSEWHERE = new Set<StepRecord['step']>(['connect', 'tls-handshake', 'quit']);

const LAYER_OF: Partial<Record<StepRecord['step'], Layer>> = {
  greeting: 'greeting',
  ehlo: 'greeting',
  helo: 'greeting',
  starttls: 'starttls',
  'ehlo-after-tls': 'starttls',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'mail',
  data: 'mail',
};

export const connectionLost: Rule = {
  id: 'connection-lost',
  description:
    'The server closed, reset or stopped answering mid-session, or broke the protocol (garbage, endless replies).',
  produces: ['connection-lost', 'protocol-violation'],
  run(context) {
    const at = context.configured;
    if (!at) return [];
    const step = at.record.steps.find((s) => s.result === 'failed' && s.failure && !EXPLAINED_ELSEWHERE.has(s.step));
    if (!step?.failure) return [];
    // Silence or a hang-up before the greeting is the greeting rule's (greeting-timeout, service-unavailable).
    if (step.step === 'greeting' && step.failure.kind !== 'protocol-violation') return [];
    // The check's own deadline ran out (or a --timeout too short for any server): no stall of the server's, the
    // deadline rule names the limit.
    if (step.failure.kind === 'timeout' && ownLimitExplains(context)) return [];
    return fromFailure(context, at, step, step.failure);
  },
};

function fromFailure(context: DiagnoseContext, at: IndexedSession, step: StepRecord, failure: Failure): Candidate[] {
  const layer = LAYER_OF[step.step] ?? 'auth';
  const quote = failureQuote(at, failure);
  const during = { afterTls: step.step === 'ehlo-after-tls', command: step.step.toUpperCase() };
  if (failure.kind === 'protocol-violation') {
    const { detail, preview } = failure.violation;
    return [
      cause(
        context,
        'connection-lost.protocol-violation',
        {
          params: { ...during, violation: detail, preview: preview !== undefined },
          evidence: [quote],
          fixes: [
            // Only a violation with a sample of the bytes (a long line, garbage) quotes what answers.
            fix('connection-lost.check-smtp-server'),
            fix('connection-lost.other-network-mangles'),
            fix('connection-lost.server-logs'),
          ],
          detail: failure.violation.kind,
          confidence: 'medium',
        },
        layer,
      ),
    ];
  }
  if (failure.kind === 'cancelled' || failure.kind === 'tls-error' || failure.kind === 'certificate-rejected')
    return [];
  const detail =
    failure.kind === 'timeout'
      ? 'stalled'
      : failure.kind === 'network-error' && failure.code === 'ECONNRESET'
        ? 'reset'
        : 'closed';
  const afterAuth = step.step === 'auth';
  const verdict = afterAuth && failure.kind === 'closed' ? partialVerdict(failure.partial) : undefined;
  const fixes: FixRef[] = [fix('connection-lost.try-later')];
  // A login the server was accepting is no failure that counts towards a lockout.
  if (afterAuth && verdict?.kind !== 'accepting') fixes.push(fix('connection-lost.no-more-logins'));
  fixes.push(fix('connection-lost.other-network'));
  const proven = layer === 'starttls' ? provenTlsAlternative(context, { security: 'tls' }) : undefined;
  if (proven) {
    const port = proven.record.target.port;
    fixes.push(fix('connection-lost.implicit-tls-instead', { port }, { port, security: 'tls' }));
  }
  const { key, deadEnds } = lostCause(afterAuth, verdict);
  return [
    cause(
      context,
      key,
      {
        params: { ...during, stalled: detail === 'stalled', reset: detail === 'reset', code: verdict?.code },
        evidence: [quote, ...(detail === 'stalled' ? userTimeoutNote(context) : [])],
        fixes,
        deadEnds,
        detail,
        confidence: 'medium',
      },
      layer,
    ),
  ];
}

/**
 * What the first bytes of a reply cut off by the hang-up say about the login, by its first digit (RFC 5321 §4.2.1):
 * a success, a permanent refusal (a verdict on the credentials), or a transient one (no verdict, RFC 4954 §6).
 */
type PartialVerdict = { kind: 'accepting' | 'refusing' | 'deferring'; code: string };

function partialVerdict(partial: string | undefined): PartialVerdict | undefined {
  const code = /^[245]\d\d(?=[ -]|$)/.exec(partial ?? '')?.[0];
  if (code === undefined) return undefined;
  const kind = code.startsWith('2') ? 'accepting' : code.startsWith('5') ? 'refusing' : 'deferring';
  return { kind, code };
}

/** The cause by what the login had come to; "changing the password" is a dead end unless the server was refusing it. */
function lostCause(
  afterAuth: boolean,
  verdict: PartialVerdict | undefined,
): {
  key:
    | 'connection-lost.mid-session'
    | 'connection-lost.mid-login'
    | 'connection-lost.login-accepting'
    | 'connection-lost.login-refusing'
    | 'connection-lost.login-deferring';
  deadEnds: DeadEndRef[];
} {
  if (!afterAuth) return { key: 'connection-lost.mid-session', deadEnds: [] };
  switch (verdict?.kind) {
    case 'accepting':
      return { key: 'connection-lost.login-accepting', deadEnds: [deadEnd('change-password.was-accepting')] };
    case 'refusing':
      return { key: 'connection-lost.login-refusing', deadEnds: [] };
    case 'deferring':
      return { key: 'connection-lost.login-deferring', deadEnds: [deadEnd('change-password.never-judged')] };
    case undefined:
      return { key: 'connection-lost.mid-login', deadEnds: [deadEnd('change-password.never-judged')] };
  }
}
