// Rule: the configured login worked — and whether anything else the run saw stands between it and safe use.
import { replyQuote } from '../quotes.js';
import { cause, fix } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { escapeControl } from '../../protocol/escape.js';
import { successSignature } from '../reading/matching.js';
import { sessionsLeakingSecret } from '../secret-exposure.js';
import type { Rule } from '../types.js';

export const authOk: Rule = {
  id: 'auth-ok',
  description: 'The configured session authenticated.',
  produces: ['auth-ok'],
  run(context) {
    const configured = context.configured;
    const auth = configured?.record.auth;
    if (!configured || configured.record.outcome !== 'authenticated' || !auth?.reply) return [];
    const { host, port, security } = configured.record.target;
    const signature = successSignature(context, auth.reply, 'auth', 'auth-ok');
    const problems = otherProblems(context);
    const settings = { host, port, security, mechanism: auth.mechanism };
    return [
      cause(
        context,
        'auth-ok.login-works',
        {
          params: {
            host,
            port,
            security,
            user: escapeControl(configured.record.username ?? ''),
            mechanism: auth.mechanism,
          },
          evidence: [replyQuote(auth.reply, configured)],
          fixes: [
            Object.values(problems).some(Boolean)
              ? fix('auth-ok.fix-problems-first', problems, settings)
              : fix('auth-ok.use-settings', {}, settings),
          ],
          confidence: 'high',
          ...(signature !== undefined ? { signature } : {}),
        },
        'outcome',
      ),
    ];
  },
};

/** What else the run saw that the other rules report as an error or a warning: each is a sentence of the fix. */
function otherProblems(context: DiagnoseContext): Record<string, boolean> {
  const record = context.configured?.record;
  const verification = record?.tls?.verification;
  const unverified = verification !== undefined && !verification.ok;
  const send = record?.send?.result;
  return {
    certificateUnverified: unverified,
    checksOff: unverified && verification.acceptedInsecurely,
    inClear: sessionsLeakingSecret(context).length > 0,
    senderRefused: send === 'sender-rejected',
    recipientRefused: send === 'recipient-rejected',
    messageRefused: send === 'data-rejected',
    sendFailed: send === 'failed',
  };
}
