// Rule: lockout safety — repeated failed logins, or an ambiguous temporary refusal after failures, mean "stop now".
import type { EvidenceQuote } from '../../model/finding.js';
import { candidate, pastedQuote, replyQuote, targetLabel } from '../build.js';
import { loginSessions, throttleAfterFailure } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const lockout: Rule = {
  id: 'lockout',
  description:
    'Repeated failed logins (and a 454 or 421 after failures, on any session of the run) put the account at risk of throttling or lockout.',
  produces: ['rate-limited'],
  run(context) {
    const failures: EvidenceQuote[] = [];
    let temporaryAfterFailure: { quotes: EvidenceQuote[]; code: number; origin: Candidate['origin'] } | undefined;
    let count: number;
    if (context.configured) {
      const attempts = context.evidence.attempts;
      if (attempts && attempts.failed > 0)
        failures.push({
          text: `${attempts.failed} failed logins in this run (limit ${attempts.allowed})`,
          source: 'transcript',
        });
      let rejected = 0;
      for (const at of loginSessions(context)) {
        const reply = at.record.auth?.reply;
        if (at.record.auth?.result === 'rejected' && reply && reply.code >= 500) {
          rejected += 1;
          failures.push(replyQuote(reply, at));
        }
      }
      count = Math.max(attempts?.failed ?? 0, rejected);
      const throttle = throttleAfterFailure(context);
      if (throttle) {
        const failed = throttle.failed.record.auth?.reply;
        temporaryAfterFailure = {
          quotes: [
            replyQuote(throttle.reply, throttle.throttle),
            {
              text: `on ${targetLabel(throttle.throttle.record)}${throttle.throttle.record.auth ? ` with ${throttle.throttle.record.auth.mechanism}` : ''}, after a refused login`,
              source: 'transcript',
              session: throttle.throttle.index,
            },
            ...(failed ? [replyQuote(failed, throttle.failed)] : []),
          ],
          code: throttle.reply.code,
          origin: throttle.throttle === context.configured ? 'configured' : 'alternative',
        };
      }
    } else {
      let first: EvidenceQuote | undefined;
      let code = 454;
      // A long paste keeps repeated copies of one refusal with how often it was seen (explain's repeats): count those,
      // quote each once.
      const seen = new Map<string, number>();
      for (const o of context.evidence.observations) {
        if (o.kind !== 'reply' || o.phase !== 'auth') continue;
        if (o.reply.code === 454 && failures.length > 0 && !/too many/i.test(o.reply.text) && !first) {
          first = pastedQuote(o);
          code = o.reply.code;
        }
        if (o.reply.code < 500) continue;
        if (o.count === undefined || !seen.has(o.quote)) failures.push(pastedQuote(o));
        seen.set(o.quote, o.count ?? (seen.get(o.quote) ?? 0) + 1);
      }
      if (first) temporaryAfterFailure = { quotes: [first, ...failures.slice(0, 1)], code, origin: 'configured' };
      count = [...seen.values()].reduce((sum, n) => sum + n, 0);
    }
    const out: Candidate[] = [];
    if (temporaryAfterFailure) {
      const { code } = temporaryAfterFailure;
      out.push(
        candidate(
          {
            id: 'rate-limited',
            detail: 'temporary-after-failures',
            title: 'A temporary refusal after failed logins: stop trying now',
            summary: `After a refused login the server switched to a temporary refusal (${code}). Several providers use ${code === 421 ? '421 (closing the session)' : '454 4.7.0'} for their login throttle; more attempts keep it in place.`,
            evidence: temporaryAfterFailure.quotes,
            fixes: [{ text: 'Stop all attempts, fix the credentials, then try once after a pause.' }],
            deadEnds: [{ text: 'Retrying at once', why: 'each attempt during a throttle extends it.' }],
            confidence: 'medium',
          },
          'auth',
          temporaryAfterFailure.origin,
        ),
      );
    } else if (count >= 3) {
      out.push(
        candidate(
          {
            id: 'rate-limited',
            detail: 'lockout-risk',
            title: 'Repeated failed logins risk a lockout',
            summary: `${count} logins failed. Providers count failures: Microsoft locks the account (smart lockout), Gmail throttles with 454, Postfix can rate-limit AUTH. Some clients (swaks, Python smtplib) try every mechanism and fail several times per run.`,
            evidence: failures.slice(0, 3),
            fixes: [{ text: 'Fix the cause first, then make one attempt; do not loop on failures.' }],
            confidence: 'low',
            severity: 'warning',
          },
          'outcome',
        ),
      );
    }
    return out;
  },
};
