// Rule: the run's own deadline (--deadline) left no time for the login — a finding, not an empty report.
import { cause, deadEnd, fix, note } from '../cite.js';
import type { Rule } from '../types.js';

export const deadline: Rule = {
  id: 'deadline',
  description:
    'The check’s own deadline (--deadline) was reached before a login could be tried: the sessions it left unstarted, and no credentials judged anywhere.',
  produces: ['connection-timeout'],
  run(context) {
    const limit = context.evidence.deadline;
    if (!limit || limit.notStarted.length === 0 || !context.evidence.credentials) return [];
    // A login judged anywhere is the answer the run was for: sessions left unstarted after it change nothing.
    const judged = context.sessions.some(
      (s) => s.record.auth?.result === 'accepted' || s.record.auth?.result === 'rejected',
    );
    if (judged) return [];
    const params = {
      ms: limit.ms,
      ownLogin: limit.notStarted.includes('configured'),
      elsewhere: limit.notStarted.includes('login-elsewhere'),
    };
    return [
      cause(
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
      ),
    ];
  },
};
