// Rule: the same credentials were refused with one mechanism and accepted with another on the same endpoint.
import { candidate, replyQuote, targetLabel } from '../build.js';
import type { IndexedSession } from '../context.js';
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
    const forced = context.evidence.target?.mechanism !== undefined;
    return [
      candidate(
        {
          id: 'mechanism-unsupported',
          detail: 'refused-credentials',
          title: `${refused.mechanism} refused these credentials; ${used.mechanism} accepted them`,
          summary:
            `${targetLabel(configured.record)} refused the login with ${refused.mechanism}${forced ? ' (the mechanism you chose)' : ' (the one smtp-doctor, like most clients, tried first)'} ` +
            `and accepted the same user name and secret with ${used.mechanism}. The credentials are right; the two mechanisms carry them differently` +
            (nonAscii
              ? ': the secret has non-ASCII characters, which PLAIN sends as UTF-8 (RFC 4616) while LOGIN has no defined character set, so the server decodes one of them differently.'
              : ', and the server’s back end for one of them is misconfigured or stricter.'),
          evidence: [
            replyQuote(refused.reply, configured),
            replyQuote(used.reply, accepted),
            {
              text: `the same credentials with ${used.mechanism} on ${targetLabel(accepted.record)}`,
              source: 'transcript',
              session: accepted.index,
            },
          ],
          fixes: [
            {
              text: `Make your client use ${used.mechanism} (nodemailer: authMethod: '${used.mechanism}'; PHPMailer: AuthType = '${used.mechanism}'; curl: --login-options AUTH=${used.mechanism}).`,
              settings: { mechanism: used.mechanism },
            },
            ...(nonAscii
              ? [
                  {
                    text: 'Or change the password to ASCII characters only, which every mechanism carries the same way.',
                  },
                ]
              : []),
          ],
          deadEnds: [
            {
              text: 'Hunting for a typo in the user name or password',
              why: `the server accepted both with ${used.mechanism}.`,
            },
          ],
          confidence: 'high',
        },
        'auth',
      ),
    ];
  },
};

function sameEndpoint(a: IndexedSession, b: IndexedSession): boolean {
  const x = a.record.target;
  const y = b.record.target;
  return x.host === y.host && x.port === y.port && x.security === y.security;
}

function acceptedOtherThan(session: IndexedSession, mechanism: string): boolean {
  const auth = session.record.auth;
  return auth?.result === 'accepted' && auth.mechanism.toUpperCase() !== mechanism.toUpperCase();
}
