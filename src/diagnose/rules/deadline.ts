// Rule: the run's own time limits — a deadline that ran out, a --timeout too short for any server, a login left unstarted.
import { DURING_PHASE } from '../../knowledge/causes/deadline.js';
import type { Phase } from '../../model/transcript.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS } from '../../transport/defaults.js';
import { failureQuote } from '../quotes.js';
import { cause, deadEnd, fix, note } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { limitRanOut, ownLimitExplains } from '../reading/limits.js';
import { configuredFailure } from '../reading/sessions.js';
import type { Candidate, Layer, Rule } from '../types.js';

export const deadline: Rule = {
  id: 'deadline',
  description:
    'The check’s own time limits: its deadline (--deadline) ran out, a --timeout the user set is too short for any server, or the deadline was reached before a login could be tried. Named as the user’s limit, never blamed on the server.',
  produces: ['connection-timeout'],
  run(context) {
    const ranOut = ownLimitCause(context);
    if (ranOut) return [ranOut];
    const notStarted = loginNotStarted(context);
    return notStarted ? [notStarted] : [];
  },
};

const LAYER_OF_PHASE: Readonly<Record<Phase, Layer>> = {
  connect: 'connect',
  tls: 'tls',
  greeting: 'greeting',
  ehlo: 'greeting',
  helo: 'greeting',
  starttls: 'starttls',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'mail',
  data: 'mail',
  quit: 'outcome',
};

/**
 * The configured session ended because the run's own limit ran out: the deadline (whoever set it: the check stopped
 * waiting, which says nothing about the server), or a phase timeout the user set shorter than any server needs.
 */
function ownLimitCause(context: DiagnoseContext): Candidate | undefined {
  const limit = limitRanOut(context);
  const at = context.configured;
  const failure = configuredFailure(context);
  if (!limit || !at || !failure || !ownLimitExplains(context)) return undefined;
  const during = DURING_PHASE[limit.phase];
  // The password was sent only if AUTH had begun: before it, it was never tried; during it, never judged.
  const deadEnds = [
    deadEnd(limit.phase === 'auth' ? 'change-password.never-judged' : 'change-password.never-reached-auth'),
  ];
  const evidence = [failureQuote(at, failure)];
  if (limit.kind === 'deadline') {
    // A deadline the user set is raised to at least the default; the default one, doubled.
    const suggested = limit.userSet ? Math.max(limit.ms * 2, DEFAULT_DEADLINE_MS) : limit.ms * 2;
    const params = { ms: limit.ms, userSet: limit.userSet, tooShort: limit.tooShort, during };
    return cause(
      context,
      'deadline.ran-out',
      { params, evidence, fixes: [fix('deadline.raise', { ms: limit.ms, suggested })], deadEnds, confidence: 'high' },
      LAYER_OF_PHASE[limit.phase],
    );
  }
  // Ten times the limit, at least the default, and well above what the server was seen to take.
  const suggested = Math.max(limit.ms * 10, DEFAULT_TIMEOUT_MS, (limit.seenMs ?? 0) * 4);
  const params = { ms: limit.ms, defaultMs: DEFAULT_TIMEOUT_MS, during, seenMs: limit.seenMs };
  return cause(
    context,
    'deadline.timeout-too-short',
    { params, evidence, fixes: [fix('deadline.raise-timeout', { suggested })], deadEnds, confidence: 'high' },
    LAYER_OF_PHASE[limit.phase],
  );
}

/** The run's deadline left no time for the login: the sessions it left unstarted, and no credentials judged anywhere. */
function loginNotStarted(context: DiagnoseContext): Candidate | undefined {
  const limit = context.evidence.deadline;
  if (!limit || limit.notStarted.length === 0 || !context.evidence.credentials) return undefined;
  // A login judged anywhere is the answer the run was for: sessions left unstarted after it change nothing.
  const judged = context.sessions.some(
    (s) => s.record.auth?.result === 'accepted' || s.record.auth?.result === 'rejected',
  );
  if (judged) return undefined;
  const params = {
    ms: limit.ms,
    ownLogin: limit.notStarted.includes('configured'),
    elsewhere: limit.notStarted.includes('login-elsewhere'),
  };
  return cause(
    context,
    'deadline.login-not-started',
    {
      params,
      evidence: [note('deadline.not-started', params)],
      // Twice the limit: the sessions that ran took it all, and the login needs at least one more of them.
      fixes: [fix('deadline.raise', { suggested: limit.ms * 2 })],
      deadEnds: [deadEnd('change-password.never-sent')],
      confidence: 'high',
    },
    // After whatever the sessions that ran showed about the user's settings: this is why nothing more was learned.
    'outcome',
  );
}
