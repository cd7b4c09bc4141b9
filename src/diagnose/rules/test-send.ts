// Rule: the optional test message after a successful login — accepted, or refused at MAIL, RCPT or DATA.
import type { SendRecord } from '../../model/session.js';
import { replyQuote } from '../quotes.js';
import { cause, deadEnd, fix } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { sameReply } from '../reading/sessions.js';
import { sessionMatch, successSignature } from '../reading/matching.js';
import type { Candidate, Rule } from '../types.js';

export const testSend: Rule = {
  id: 'test-send',
  description:
    'The test message sent with --send-to: accepted, or refused for the sender, the recipients or the content.',
  produces: ['message-accepted', 'sender-rejected', 'recipient-rejected'],
  run(context) {
    return context.sessions.flatMap((at) => (at.record.send ? fromSend(context, at, at.record.send) : []));
  },
};

/** The step whose reply decides each refusal: the reply-signatures rule reads the same step's reply. */
const PHASE_OF_RESULT = { 'sender-rejected': 'mail', 'recipient-rejected': 'rcpt' } as const;

/**
 * A refusal a provider's signature already names with the same finding (Microsoft's SendAsDenied → sender-rejected /
 * send-as): the reply-signatures rule reports it with the provider's own causes and fixes, so the generic wording
 * here would only repeat it under another detail. A generic RFC reading has no detail and merges with this one.
 */
function namedByKnowledge(context: DiagnoseContext, at: IndexedSession, send: SendRecord): boolean {
  if (!send.reply || (send.result !== 'sender-rejected' && send.result !== 'recipient-rejected')) return false;
  const phase = PHASE_OF_RESULT[send.result];
  if (!at.record.steps.some((s) => s.step === phase && sameReply(s.reply, send.reply))) return false;
  const match = sessionMatch(context, at, send.reply, phase);
  const cause = match?.causes.find((c) => c.finding === send.result);
  return (
    match !== undefined && cause !== undefined && (match.tier.startsWith('provider') || cause.detail !== undefined)
  );
}

function fromSend(context: DiagnoseContext, at: IndexedSession, send: SendRecord): Candidate[] {
  if (namedByKnowledge(context, at, send)) return [];
  const origin = at.session.role;
  const evidence = send.reply ? [replyQuote(send.reply, at)] : [];
  switch (send.result) {
    case 'accepted': {
      const signature = send.reply ? successSignature(context, send.reply, 'data', 'message-accepted') : undefined;
      return [
        cause(
          context,
          'test-send.accepted',
          {
            params: { from: send.from, to: send.to },
            evidence,
            fixes: [fix('test-send.check-inbox')],
            confidence: 'high',
            ...(signature !== undefined ? { signature } : {}),
          },
          'outcome',
          origin,
        ),
      ];
    }
    case 'sender-rejected':
      return [
        cause(
          context,
          'test-send.sender-refused',
          {
            params: { from: send.from, user: at.record.username },
            evidence,
            fixes: [fix('test-send.send-as-login'), fix('test-send.allow-send-as')],
            deadEnds: [deadEnd('change-password.login-worked-sender')],
            confidence: 'medium',
          },
          'mail',
          origin,
        ),
      ];
    case 'recipient-rejected':
      return [
        cause(
          context,
          'test-send.recipient-refused',
          {
            params: { refused: (send.refused ?? []).map((r) => r.address) },
            evidence,
            fixes: [fix('test-send.check-recipient'), fix('test-send.auth-before-mail')],
            confidence: 'medium',
          },
          'mail',
          origin,
        ),
      ];
    case 'data-rejected':
    case 'failed':
      return [];
  }
}
