// Reading: the run's own time limit that ended the configured session — the user's to change, not the server's fault.
import { SHORTEST_SENSIBLE_TIMEOUT_MS } from '../../knowledge/causes/deadline.js';
import type { EvidenceQuote } from '../../model/finding.js';
import type { StepName } from '../../model/session.js';
import type { Phase } from '../../model/transcript.js';
import { DEFAULT_TIMEOUT_MS } from '../../transport/defaults.js';
import { note } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { configuredFailure } from './sessions.js';

/** A limit of the run that ran out in the configured session, as the evidence recorded it. */
export interface LimitRanOut {
  /** The phase timeout (--timeout) or the whole run's deadline (--deadline). */
  kind: 'timeout' | 'deadline';
  phase: Phase;
  /** The limit as configured (not what was left of it when the phase began). */
  ms: number;
  userSet: boolean;
  /**
   * Shorter than any mail server can be expected to answer within (knowledge: SHORTEST_SENSIBLE_TIMEOUT_MS), or too
   * tight for this one: the same step took at least half the limit in another session of the run (`seenMs`).
   */
  tooShort: boolean;
  /** The longest the same step took where it finished, when that was at least half the limit. */
  seenMs?: number;
}

/** The steps that run in each phase, to compare a phase that timed out with the same step finished elsewhere. */
const STEPS_OF_PHASE: Readonly<Record<Phase, readonly StepName[]>> = {
  connect: ['connect'],
  tls: ['tls-handshake'],
  greeting: ['greeting'],
  ehlo: ['ehlo', 'ehlo-after-tls'],
  helo: ['helo'],
  starttls: ['starttls'],
  auth: ['auth'],
  mail: ['mail'],
  rcpt: ['rcpt'],
  data: ['data'],
  quit: ['quit'],
};

/**
 * The limit that ended the configured session, when a timeout did. Undefined without the run's limits in the evidence
 * (explain, reports saved before they were kept): who chose the limit is then unknown.
 */
export function limitRanOut(context: DiagnoseContext): LimitRanOut | undefined {
  const failure = configuredFailure(context);
  const limits = context.evidence.limits;
  if (failure?.kind !== 'timeout' || !limits) return undefined;
  const limit = failure.limit === 'deadline' ? limits.deadline : limits.timeout;
  const steps = STEPS_OF_PHASE[failure.phase];
  const others = context.sessions.filter((s) => s.index !== context.configured?.index);
  const took = others.flatMap((s) =>
    s.record.steps.filter((x) => x.result !== 'failed' && steps.includes(x.step)).map((x) => x.durationMs),
  );
  const longest = took.length > 0 ? Math.max(...took) : 0;
  // Only a phase timeout compares with one step; the deadline covers them all.
  const seenMs = failure.limit === 'phase' && longest >= limit.ms / 2 ? Math.round(longest) : undefined;
  return {
    kind: failure.limit === 'deadline' ? 'deadline' : 'timeout',
    phase: failure.phase,
    ms: limit.ms,
    userSet: limit.userSet,
    tooShort: limit.ms < SHORTEST_SENSIBLE_TIMEOUT_MS || seenMs !== undefined,
    ...(seenMs !== undefined ? { seenMs } : {}),
  };
}

/**
 * The run's own limit explains the configured session's failure by itself: its deadline ran out (the check stopped
 * waiting; nothing says the server was slow), or a timeout the user set too short for any server. The rules that read
 * a timeout as the server's silence (network, greeting, connection-lost, tls-handshake) then stay silent, and the
 * deadline rule names the limit.
 */
export function ownLimitExplains(context: DiagnoseContext): boolean {
  const limit = limitRanOut(context);
  return limit !== undefined && (limit.kind === 'deadline' || (limit.userSet && limit.tooShort));
}

/** A phase timeout the user set ran out (one long enough to be no mistake by itself): the note that says so. */
export function userTimeoutRanOut(context: DiagnoseContext): LimitRanOut | undefined {
  const limit = limitRanOut(context);
  return limit?.kind === 'timeout' && limit.userSet ? limit : undefined;
}

/** Evidence that the limit which ran out was the user's own --timeout: a note, or nothing when it was not theirs. */
export function userTimeoutNote(context: DiagnoseContext): EvidenceQuote[] {
  const limit = userTimeoutRanOut(context);
  return limit ? [note('deadline.user-timeout', { ms: limit.ms, defaultMs: DEFAULT_TIMEOUT_MS })] : [];
}
