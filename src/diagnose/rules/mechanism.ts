// Rule: the SASL mechanism the client used (or wanted) is not among those the server offers.
import type { Fix } from '../../model/finding.js';
import { candidate, pastedQuote, replyQuote, transcriptQuote } from '../build.js';
import { effectiveCapabilities } from '../reading/sessions.js';
import { clientMessages } from '../reading/pasted.js';
import type { Candidate, Rule } from '../types.js';

/** Password mechanisms first: they need nothing but the password the user already has. */
const PREFERENCE = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER'];

export const mechanism: Rule = {
  id: 'mechanism',
  description: 'The SASL mechanism used is not offered by the server (or none of the offered ones suits the client).',
  produces: ['mechanism-unsupported'],
  run(context) {
    const out: Candidate[] = [];
    const configured = context.configured;
    if (configured) {
      const record = configured.record;
      const caps = effectiveCapabilities(record);
      const offered = caps?.auth ?? [];
      const auth = record.auth;
      const step = record.steps.find((s) => s.step === 'auth');
      const skippedNoMatch =
        step?.result === 'skipped' && offered.length > 0 && !record.injection && record.tls !== undefined;
      if ((auth && !auth.offered && auth.result !== 'accepted') || skippedNoMatch) {
        const used = auth?.mechanism;
        const evidence = [
          auth?.reply
            ? replyQuote(auth.reply, configured)
            : transcriptQuote(configured, (t) => t.includes('offers'), step?.note ?? 'no usable mechanism'),
          { text: `AUTH offered: ${offered.join(' ')}`, source: 'transcript' as const, session: configured.index },
        ];
        out.push(
          candidate(
            {
              id: 'mechanism-unsupported',
              title: used ? `The server does not offer ${used}` : 'None of the offered mechanisms suits this secret',
              summary: used
                ? `The client used ${used}, but the server offers only ${offered.join(', ')}.`
                : `The server offers only ${offered.join(', ')}; none can carry this kind of secret.`,
              evidence,
              fixes: suggest(offered, used, context.credential),
              confidence: 'high',
            },
            'auth',
          ),
        );
      }
      return out;
    }
    const message = clientMessages(context, 'no-common-mechanism')[0];
    const caps = context.pastedCapabilities.afterTls ?? context.pastedCapabilities.beforeTls;
    const used = context.mechanism;
    // The list in the clear of a server that offers STARTTLS is not the last word: password mechanisms often appear
    // only after it (the auth-offer rule says so first).
    const beforeStarttls =
      !context.pastedCapabilities.afterTls && caps?.starttls === true && context.tlsAtAuth === false;
    if (message || (caps && used && caps.auth.length > 0 && !caps.auth.includes(used))) {
      out.push(
        candidate(
          {
            id: 'mechanism-unsupported',
            title: used ? `The server does not offer ${used}` : 'Client and server share no SASL mechanism',
            summary:
              caps && caps.auth.length > 0
                ? `The server offers ${caps.auth.join(', ')}.`
                : 'The client found no mechanism it supports among those the server lists.',
            evidence: message
              ? [pastedQuote(message)]
              : [{ text: `AUTH offered: ${caps?.auth.join(' ') ?? ''}`, source: 'pasted' }],
            fixes: suggest(caps?.auth ?? [], used, context.credential),
            confidence: message ? 'medium' : beforeStarttls ? 'low' : 'high',
          },
          'auth',
        ),
      );
    }
    return out;
  },
};

function suggest(offered: readonly string[], used: string | undefined, credential: 'password' | 'token' | null): Fix[] {
  const tokens = credential === 'token';
  const usable = PREFERENCE.filter(
    (m) =>
      offered.includes(m) && m !== used && (tokens ? m.startsWith('X') || m === 'OAUTHBEARER' : !m.includes('OAUTH')),
  );
  const first = usable[0];
  if (first)
    return [
      {
        text: `Use ${first}, which the server offers${offered.length > 0 ? ` (it lists ${offered.join(' ')})` : ''}.`,
        settings: { mechanism: first },
      },
    ];
  return [{ text: `Choose a mechanism from the server’s list: ${offered.join(' ') || '(none listed)'}.` }];
}
