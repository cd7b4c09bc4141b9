// Rule: a secret crossed the network without TLS — whatever the server then answered, it was readable on the path.
import type { EvidenceQuote } from '../../model/finding.js';
import { replyQuote } from '../quotes.js';
import { cause, fix, note } from '../cite.js';
import { TOKEN_MECHANISMS } from '../context.js';
import { provenFixes } from '../proven.js';
import { sessionsLeakingSecret } from '../secret-exposure.js';
import type { Rule } from '../types.js';

export const plaintextLogin: Rule = {
  id: 'plaintext-login',
  description:
    'A password or token sent over an unencrypted connection (only ever with --allow-plaintext), whether the login then worked or not.',
  produces: ['credentials-sent-in-clear'],
  run(context) {
    const leaks = sessionsLeakingSecret(context);
    const first = leaks[0];
    if (!first) return [];
    const { at } = first;
    const { host, port } = at.record.target;
    const auth = at.record.auth;
    const evidence: EvidenceQuote[] = leaks.flatMap(({ at: s, event }) => {
      const out: EvidenceQuote[] = [];
      const line = event !== undefined ? s.record.transcript[event] : undefined;
      if (line && event !== undefined) out.push({ text: line.text, source: 'transcript', session: s.index, event });
      const reply = s.record.auth?.reply;
      if (reply) out.push(replyQuote(reply, s));
      if (out.length === 0)
        out.push(
          note(
            'plaintext-login.sent-without-tls',
            { mechanism: s.record.auth?.mechanism, host: s.record.target.host, port: s.record.target.port },
            s.index,
          ),
        );
      return out;
    });
    // TLS the probe proved on this host (a login first, then the user's own port), else the standard advice.
    const proven = provenFixes(context, 1);
    return [
      cause(
        context,
        'plaintext-login.secret-in-clear',
        {
          params: {
            token: auth !== undefined && TOKEN_MECHANISMS.has(auth.mechanism.toUpperCase()),
            accepted: leaks.some((l) => l.at.record.outcome === 'authenticated'),
            code: auth?.reply?.code,
            host,
            port,
          },
          evidence,
          fixes: [
            ...(proven.length > 0 ? proven : [fix('plaintext-login.use-tls')]),
            fix('plaintext-login.change-secret'),
          ],
          confidence: 'high',
          severity: 'warning',
        },
        'credentials',
        at.session.role,
      ),
    ];
  },
};
