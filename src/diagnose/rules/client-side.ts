// Rule: what a client library says about itself — missing credentials, unencodable passwords, failed token refresh.
import type { Observation } from '../../model/evidence.js';
import type { Phase } from '../../model/transcript.js';
import { pastedQuote } from '../quotes.js';
import { cause, deadEnd, fix } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { clientMessages, pastedPlaintextOnImplicitTlsPort } from '../reading/pasted.js';
import type { Candidate, Layer, Rule } from '../types.js';

export const clientSide: Rule = {
  id: 'client-side',
  description:
    'Client-library messages without a server reply: missing credentials, non-ASCII passwords, OAuth refresh failures, bare "login failed" summaries, a mail server log of a refused login or of its SASL service down, resets, closes and read timeouts the text does not explain.',
  produces: [
    'auth-temporary-failure',
    'credentials-missing',
    'auth-malformed',
    'oauth-token-rejected',
    'credentials-rejected',
    'connection-lost',
    'protocol-violation',
  ],
  run(context) {
    // A live session shows every step and reply itself: these are readings of pasted text only.
    if (context.configured) return [];
    const out: Candidate[] = [];
    const missing = clientMessages(context, 'credentials-missing')[0];
    if (missing)
      out.push(
        cause(
          context,
          'client-side.credentials-missing',
          {
            evidence: [pastedQuote(missing)],
            fixes: [fix('client-side.check-credential-variables'), fix('client-side.pass-credentials')],
            deadEnds: [deadEnd('change-password.never-sent')],
            confidence: 'high',
          },
          'credentials',
        ),
      );
    const ascii = clientMessages(context, 'non-ascii-credentials')[0];
    if (ascii)
      out.push(
        cause(
          context,
          'client-side.non-ascii-unencodable',
          {
            evidence: [pastedQuote(ascii)],
            fixes: [fix('client-side.ascii-password'), fix('client-side.utf8-client')],
            confidence: 'high',
          },
          'credentials',
        ),
      );
    const refresh = clientMessages(context, 'oauth-token-refresh-failed')[0];
    if (refresh)
      out.push(
        cause(
          context,
          'client-side.oauth-refresh-failed',
          {
            evidence: [pastedQuote(refresh)],
            fixes: [fix('client-side.new-refresh-token'), fix('client-side.same-oauth-app')],
            confidence: 'medium',
          },
          'auth',
        ),
      );
    const saslDown = clientMessages(context, 'server-sasl-unavailable')[0];
    if (saslDown && context.auth !== 'accepted')
      out.push(
        cause(
          context,
          'client-side.server-sasl-unavailable',
          {
            evidence: [pastedQuote(saslDown)],
            fixes: [fix('client-side.start-sasl-service'), fix('client-side.check-sasl-path')],
            deadEnds: [deadEnd('change-password.never-checked')],
            confidence: 'medium',
          },
          'auth',
        ),
      );
    const serverLog = clientMessages(context, 'server-refused-login')[0];
    const failed = clientMessages(context, 'auth-failed')[0];
    // The server's reply to the login, when the text shows it, says more than the client's summary: a reply placed at
    // AUTH, or a refusal the text does not place (the one the client's "login failed" wraps).
    // A 334 challenge is no verdict (RFC 4954 §4: the server waits for the client's response): a client that reports
    // a failed login after one gave up in the exchange, and its word is all there is.
    const hasAuthReply = context.evidence.observations.some(
      (o) =>
        o.kind === 'reply' &&
        ((o.phase === 'auth' && o.reply.code !== 334) || (o.phase === null && o.reply.code >= 400)),
    );
    // "No reply shown" is only true when the paste holds no refusal at all: a refusal placed in another phase (.NET
    // names MAIL FROM for a 530 that follows its silently refused login) is the server's own word and is read by the
    // reply rules.
    const hasRefusal = context.evidence.observations.some((o) => o.kind === 'reply' && o.reply.code >= 400);
    // nodemailer's EAUTH also comes with "Missing credentials" and a failed token refresh, which say more.
    // A client that reports a failed login around a 235 misread a success (SwiftMailer expecting 250 to AUTH): the
    // auth-ok rule reads the 235.
    // The server's own log of a refused login says more than a client's summary: the credentials reached it and were
    // checked. Its "Password:" challenge or "Password mismatch" is a wrong password or user name.
    if (serverLog && !saslDown && !hasAuthReply && context.auth !== 'accepted')
      out.push(
        cause(
          context,
          'client-side.server-log-refused-login',
          {
            evidence: [pastedQuote(serverLog)],
            fixes: [fix('client-side.check-user-and-password'), fix('client-side.check-form-and-app-password')],
            confidence: 'medium',
          },
          'auth',
        ),
      );
    else if (failed && !hasAuthReply && !hasRefusal && !missing && !refresh && context.auth !== 'accepted')
      out.push(
        cause(
          context,
          'client-side.login-failed-no-reply',
          {
            evidence: [pastedQuote(failed)],
            fixes: [fix('client-side.debug-and-explain'), fix('client-side.check-form-and-app-password')],
            confidence: 'low',
          },
          'auth',
        ),
      );
    const unexpected = clientMessages(context, 'unexpected-reply')[0];
    // The client's word that the server answered out of step, when no refusal explains more.
    if (unexpected && !hasRefusal && context.auth !== 'accepted')
      out.push(
        cause(
          context,
          'client-side.unexpected-reply',
          {
            // .NET ends its message with the server's text: nothing after "The server response was:" is an empty reply.
            params: { empty: /The server response was:\s*$/i.test(unexpected.quote) },
            evidence: [pastedQuote(unexpected)],
            fixes: [
              fix('client-side.collect-debug'),
              fix('client-side.run-check'),
              fix('connection-lost.other-network-mangles'),
            ],
            deadEnds: [deadEnd('change-password.not-shown-judged')],
            confidence: 'low',
          },
          'connect',
        ),
      );
    const closed = clientMessages(context, 'connection-closed')[0];
    // On an implicit-TLS port a plaintext client's closed connection is the tls-mode rule's (a mode mismatch).
    if (!(closed && pastedPlaintextOnImplicitTlsPort(context))) out.push(...connectionLost(context));
    return out;
  },
};

/** Commands by the name the user's client prints; other steps keep the phase's own name. */
const COMMAND_OF: Partial<Record<Phase, string>> = { ehlo: 'EHLO', auth: 'AUTH' };

/**
 * A reset, a close or a read that timed out, which the client reports, and nothing else that explains it (no refusal,
 * no TLS or network error): the text does not say at which step, so the finding says what to collect to find out. A
 * close the client places before the greeting is the greeting rule's.
 */
function connectionLost(context: DiagnoseContext): Candidate[] {
  const lost = (o: Observation): boolean =>
    (o.kind === 'error-code' && o.code === 'ECONNRESET' && o.phase === null) ||
    (o.kind === 'client-message' &&
      ((o.id === 'connection-closed' && o.phase !== 'greeting') || o.id === 'read-timed-out'));
  const observations = context.evidence.observations;
  const clue = observations.find(lost);
  if (!clue || observations.some((o) => !lost(o) && !(o.kind === 'reply' && o.reply.code < 400))) return [];
  const last = observations.filter((o) => o.kind === 'reply' && o.phase !== null).at(-1)?.phase ?? null;
  const layer: Layer = last === 'auth' ? 'auth' : last === null ? 'connect' : 'greeting';
  return [
    cause(
      context,
      'client-side.connection-lost',
      {
        params: {
          reset: clue.kind === 'error-code',
          stalled: clue.kind === 'client-message' && clue.id === 'read-timed-out',
          step: last === null ? undefined : (COMMAND_OF[last] ?? last),
          inAuth: last === 'auth',
          otherStep: last !== null && last !== 'auth',
        },
        evidence: [pastedQuote(clue)],
        fixes: [fix('client-side.collect-debug'), fix('client-side.run-check'), fix('client-side.match-port-and-mode')],
        deadEnds: [deadEnd('change-password.not-shown-judged')],
        confidence: last === null ? 'low' : 'medium',
        detail:
          clue.kind === 'error-code'
            ? 'reset'
            : clue.kind === 'client-message' && clue.id === 'read-timed-out'
              ? 'stalled'
              : 'closed',
      },
      layer,
    ),
  ];
}
