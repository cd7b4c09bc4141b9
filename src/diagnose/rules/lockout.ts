// Rule: lockout safety — repeated failed logins, or an unnamed temporary refusal after failures, mean "stop now".
import type { EvidenceQuote } from '../../model/finding.js';
import { cause, deadEnd, fix, note } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { loginReplies, readReplies, throttleAfterFailure, type ReadReply } from '../reading/replies.js';
import type { Rule } from '../types.js';

export const lockout: Rule = {
  id: 'lockout',
  description:
    'Repeated failed logins (and a 454 or 421 after failures that no signature names, on any session of the run or in pasted text) put the account at risk of throttling or lockout.',
  produces: ['rate-limited'],
  run(context) {
    const replies = readReplies(context);
    const throttle = throttleAfterFailure(replies);
    if (throttle) {
      const { throttle: reply, failed } = throttle;
      const at = reply.at;
      return [
        cause(
          context,
          'lockout.throttle-after-failures',
          {
            params: { code: reply.reply.code, closing: reply.reply.code === 421 },
            evidence: [reply.quote, ...(at ? [where(at)] : []), failed.quote],
            fixes: [fix('lockout.stop-fix-then-once')],
            deadEnds: [deadEnd('retry.throttle-extends')],
            confidence: 'medium',
          },
          'auth',
          at && at !== context.configured ? 'alternative' : 'configured',
        ),
      ];
    }
    const failures = refusals(context, replies);
    if (failures.count < 3) return [];
    return [
      cause(
        context,
        'lockout.repeated-failures',
        {
          params: { count: failures.count },
          evidence: failures.quotes.slice(0, 3),
          fixes: [fix('lockout.fix-then-once')],
          confidence: 'low',
          severity: 'warning',
        },
        'outcome',
      ),
    ];
  },
};

/**
 * How many logins were refused (a 5xx to AUTH), and the quotes that show it: the run's own count of failed logins when
 * the probe kept one, and each refusal once. A long paste keeps repeated copies of one refusal with how often it was
 * seen (explain's repeats): those count that often but are quoted once.
 */
function refusals(context: DiagnoseContext, replies: readonly ReadReply[]): { count: number; quotes: EvidenceQuote[] } {
  const attempts = context.evidence.attempts;
  const quotes: EvidenceQuote[] =
    attempts && attempts.failed > 0
      ? [note('lockout.failed-logins', { failed: attempts.failed, allowed: attempts.allowed })]
      : [];
  const seen = new Map<string, number>();
  for (const r of loginReplies(replies)) {
    if (r.reply.code < 500) continue;
    if (r.count === undefined || !seen.has(r.quote.text)) quotes.push(r.quote);
    seen.set(r.quote.text, r.count ?? (seen.get(r.quote.text) ?? 0) + 1);
  }
  const refused = [...seen.values()].reduce((sum, n) => sum + n, 0);
  return { count: Math.max(attempts?.failed ?? 0, refused), quotes };
}

/** Where smtp-doctor's own login got the throttle: the session's endpoint and mechanism. */
function where(at: IndexedSession): EvidenceQuote {
  const { host, port, security } = at.record.target;
  return note('lockout.after-refused-login', { host, port, security, mechanism: at.record.auth?.mechanism }, at.index);
}
