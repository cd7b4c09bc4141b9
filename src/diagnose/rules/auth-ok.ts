// Rule: the configured login worked.
import { candidate, replyQuote } from '../build.js';
import { successSignature } from '../facts.js';
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
    return [
      candidate(
        {
          id: 'auth-ok',
          title: 'The login works',
          summary: `${host}:${port} (${security === 'tls' ? 'implicit TLS' : security === 'starttls' ? 'STARTTLS' : 'no TLS'}) accepted ${JSON.stringify(configured.record.username ?? '')} with ${auth.mechanism}.`,
          evidence: [replyQuote(auth.reply, configured)],
          fixes: [
            {
              text: 'Nothing to change: use these settings in your application.',
              settings: { host, port, security, mechanism: auth.mechanism },
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
