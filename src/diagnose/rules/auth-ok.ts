// Rule: the configured login worked — and whether anything else the run saw stands between it and safe use.
import { candidate, describeSecurity, replyQuote } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import { quotedName } from '../../protocol/escape.js';
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
      candidate(
        {
          id: 'auth-ok',
          title: 'The login works',
          summary: `${host}:${port} (${describeSecurity(security)}) accepted ${quotedName(configured.record.username ?? '')} with ${auth.mechanism}.`,
          evidence: [replyQuote(auth.reply, configured)],
          fixes: [
            problems.length === 0
              ? { text: 'Nothing to change: use these settings in your application.', settings }
              : {
                  text: `The login works; fix the problems above before relying on these settings (${problems.join('; ')}).`,
                  settings,
                },
          ],
          confidence: 'high',
          ...(signature !== undefined ? { signature } : {}),
        },
        'outcome',
      ),
    ];
  },
};

/**
 * What else the run saw that the other rules report as an error or a warning, in the words of this finding: "use these
 * settings" must not stand under a certificate that only passed with checks off, a password sent in the clear, or a
 * test message the server refused.
 */
function otherProblems(context: DiagnoseContext): string[] {
  const record = context.configured?.record;
  if (!record) return [];
  const out: string[] = [];
  const verification = record.tls?.verification;
  if (verification && !verification.ok)
    out.push(
      verification.acceptedInsecurely
        ? 'the certificate did not verify and was accepted only because certificate checks were off'
        : 'the certificate did not verify',
    );
  if (sessionsLeakingSecret(context).length > 0) out.push('the credentials crossed the network without TLS');
  const send = record.send;
  if (send && send.result !== 'accepted') {
    const what =
      send.result === 'sender-rejected'
        ? 'the server refused the sender of the test message'
        : send.result === 'recipient-rejected'
          ? 'the server refused a recipient of the test message'
          : send.result === 'data-rejected'
            ? 'the server refused the test message'
            : 'the test message could not be sent';
    out.push(what);
  }
  return out;
}
