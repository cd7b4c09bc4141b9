// Rule: the same credentials were refused with one mechanism and accepted with another on the same endpoint.
import { cause, deadEnd, fix, note } from '../cite.js';
import { replyQuote } from '../quotes.js';
import type { IndexedSession } from '../context.js';
import { sameEndpoint } from '../reading/sessions.js';
import type { Rule } from '../types.js';

export const mechanismRetry: Rule = {
  id: 'mechanism-retry',
  description:
    'A login refused with one SASL mechanism and accepted with another on the same endpoint: the mechanism, not the credentials, is the problem.',
  produces: ['mechanism-unsupported'],
  run(context) {
    const configured = context.configured;
    const refused = configured?.record.auth;
    if (!configured || refused?.result !== 'rejected' || (refused.reply?.code ?? 0) < 500) return [];
    const accepted = context.alternatives.find(
      (s) => sameEndpoint(s, configured) && acceptedOtherThan(s, refused.mechanism),
    );
    const used = accepted?.record.auth;
    if (!accepted || !used?.reply || !refused.reply) return [];
    const nonAscii = context.secret?.classes.includes('non-ascii') === true;
    const { host, port, security } = configured.record.target;
    return [
      cause(
        context,
        'mechanism-retry.refused-then-accepted',
        {
          params: {
            host,
            port,
            security,
            refusedWith: refused.mechanism,
            acceptedWith: used.mechanism,
            forced: context.evidence.target?.mechanism !== undefined,
            nonAscii,
          },
          evidence: [
            replyQuote(refused.reply, configured),
            replyQuote(used.reply, accepted),
            note(
              'mechanism-retry.accepted-with',
              {
                mechanism: used.mechanism,
                host: accepted.record.target.host,
                port: accepted.record.target.port,
                security: accepted.record.target.security,
              },
              accepted.index,
            ),
          ],
          fixes: [
            fix('mechanism-retry.use-accepted', { mechanism: used.mechanism }, { mechanism: used.mechanism }),
            ...(nonAscii ? [fix('mechanism-retry.ascii-password')] : []),
          ],
          deadEnds: [deadEnd('mechanism-retry.typo-hunt')],
          confidence: 'high',
        },
        'auth',
      ),
    ];
  },
};

function acceptedOtherThan(session: IndexedSession, mechanism: string): boolean {
  const auth = session.record.auth;
  return auth?.result === 'accepted' && auth.mechanism.toUpperCase() !== mechanism.toUpperCase();
}
