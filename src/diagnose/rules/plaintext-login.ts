// Rule: a login that succeeded without TLS — it works, but the password was readable by anyone on the path.
import { candidate, replyQuote } from '../build.js';
import type { IndexedSession } from '../context.js';
import type { Rule } from '../types.js';

export const plaintextLogin: Rule = {
  id: 'plaintext-login',
  description: 'A successful login over an unencrypted connection (only ever sent with --allow-plaintext).',
  produces: ['credentials-sent-in-clear'],
  run(context) {
    const sessions = [context.configured, ...context.alternatives].filter(
      (s): s is IndexedSession => s !== null && s.record.outcome === 'authenticated' && !s.record.tls,
    );
    const at = sessions[0];
    if (!at) return [];
    const reply = at.record.auth?.reply;
    const { host, port } = at.record.target;
    const tlsWorks = context.alternatives.find((s) => s.record.tls && s.record.outcome !== 'stopped');
    const evidence = reply
      ? [replyQuote(reply, at)]
      : [{ text: `authenticated on ${host}:${port} without TLS`, source: 'transcript' as const, session: at.index }];
    return [
      candidate(
        {
          id: 'credentials-sent-in-clear',
          severity: 'warning',
          title: 'The login works, but the password was sent unencrypted',
          summary: `${host}:${port} accepted the login without TLS: the password (base64 is not encryption) crossed the network readable by anyone on the path. Change it if that network is not your own, and use TLS from now on.`,
          evidence,
          fixes: [
            tlsWorks
              ? {
                  text: `Use TLS: port ${tlsWorks.record.target.port} with ${tlsWorks.record.target.security === 'tls' ? 'implicit TLS' : 'STARTTLS'} works on this host.`,
                  settings: { port: tlsWorks.record.target.port, security: tlsWorks.record.target.security },
                }
              : {
                  text: 'Use STARTTLS (587) or implicit TLS (465); if the server offers neither, ask its administrator to enable TLS.',
                },
            { text: 'Change the password if this connection went over a network you do not control.' },
          ],
          confidence: 'high',
        },
        'credentials',
        at.session.role,
      ),
    ];
  },
};
