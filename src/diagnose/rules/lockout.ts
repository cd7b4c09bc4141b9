// Rule: lockout safety — repeated failed logins, or an ambiguous 454 after failures, mean "stop trying now".
import type { EvidenceQuote } from '../../model/finding.js';
import { candidate, pastedQuote, replyQuote } from '../build.js';
import type { Candidate, Rule } from '../types.js';

export const lockout: Rule = {
  id: 'lockout',
  description: 'Repeated failed logins (and a 454 after failures) put the account at risk of throttling or lockout.',
  produces: ['rate-limited'],
  run(context) {
    const failures: EvidenceQuote[] = [];
    let temporaryAfterFailure: EvidenceQuote | undefined;
    let count: number;
    if (context.configured) {
      const attempts = context.evidence.attempts;
      if (attempts && attempts.failed > 0)
        failures.push({
          text: `${attempts.failed} failed logins in this run (limit ${attempts.allowed})`,
          source: 'transcript',
        });
      let rejected = 0;
      for (const s of context.evidence.sessions) {
        const reply = s.record.auth?.reply;
        if (s.record.auth?.result === 'rejected' && reply && reply.code >= 500) {
          rejected += 1;
          failures.push(replyQuote(reply));
        }
      }
      count = Math.max(attempts?.failed ?? 0, rejected);
    } else {
      for (const o of context.evidence.observations) {
        if (o.kind !== 'reply' || o.phase !== 'auth') continue;
        if (o.reply.code === 454 && failures.length > 0 && !/too many/i.test(o.reply.text))
          temporaryAfterFailure ??= pastedQuote(o);
        if (o.reply.code >= 500) failures.push(pastedQuote(o));
      }
      count = failures.length;
    }
    const out: Candidate[] = [];
    if (temporaryAfterFailure) {
      out.push(
        candidate(
          {
            id: 'rate-limited',
            detail: 'temporary-after-failures',
            title: 'A temporary refusal after failed logins: stop trying now',
            summary:
              'After failed logins the server switched to a temporary refusal (454). Several providers use 454 4.7.0 for their login throttle; more attempts keep it in place.',
            evidence: [temporaryAfterFailure, ...failures.slice(0, 1)],
            fixes: [{ text: 'Stop all attempts, fix the credentials, then try once after a pause.' }],
            confidence: 'medium',
          },
          'auth',
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
