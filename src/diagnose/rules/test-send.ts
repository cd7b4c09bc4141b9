// Rule: the optional test message after a successful login — accepted, or refused at MAIL, RCPT or DATA.
import type { SendRecord } from '../../model/session.js';
import { candidate, replyQuote } from '../build.js';
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
    const sessions = [context.configured, ...context.alternatives].filter(
      (s): s is IndexedSession => s?.record.send !== undefined,
    );
    return sessions.flatMap((at) => fromSend(context, at, at.record.send as SendRecord));
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
        candidate(
          {
            id: 'message-accepted',
            title: 'A test message was accepted',
            summary: `The server accepted a message from ${send.from} to ${send.to.join(', ')} after the login: sending works with these settings.`,
            evidence,
            fixes: [{ text: 'Nothing to change. Check the recipient’s inbox (and spam folder) to confirm delivery.' }],
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
        candidate(
          {
            id: 'sender-rejected',
            title: `The login works, but the server refuses the sender ${send.from}`,
            summary:
              'The account may send only as itself (or as addresses it is allowed to send as): the envelope sender was refused after a successful login.',
            evidence,
            fixes: [
              {
                text: `Send from the address you log in with (${at.record.username ?? 'the user name'}), or one the account is allowed to send as.`,
              },
              {
                text: 'If another address must be used, give this account permission to send as it (e.g. a verified sender, an alias, "Send As" rights).',
              },
            ],
            deadEnds: [
              {
                text: 'Changing the password',
                why: 'the login already succeeded; the refusal is about the sender address.',
              },
            ],
            confidence: 'medium',
          },
          'mail',
          origin,
        ),
      ];
    case 'recipient-rejected':
      return [
        candidate(
          {
            id: 'recipient-rejected',
            title: 'The login works, but the server refuses the recipient',
            summary: `Every recipient (${(send.refused ?? []).map((r) => r.address).join(', ')}) was refused after a successful login: relaying is not allowed for this sender, or the address does not exist.`,
            evidence,
            fixes: [
              {
                text: 'Check the recipient address for typos; try a recipient at another domain to tell a bad address from a relay refusal.',
              },
              {
                text: 'If the server says relay denied: make sure the client really logs in before sending (AUTH before MAIL FROM), and sends from an address this account owns.',
              },
            ],
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
