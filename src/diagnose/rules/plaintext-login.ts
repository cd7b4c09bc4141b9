// Rule: a secret crossed the network without TLS — whatever the server then answered, it was readable on the path.
import type { EvidenceQuote, Fix } from '../../model/finding.js';
import type { AuthRecord } from '../../model/session.js';
import { candidate, describeSecurity, replyQuote } from '../build.js';
import { TOKEN_MECHANISMS, type DiagnoseContext } from '../context.js';
import { provenEndpoints } from '../reading/endpoints.js';
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
    const accepted = leaks.some((l) => l.at.record.outcome === 'authenticated');
    const secret = at.record.auth && isToken(at.record.auth) ? 'token' : 'password';
    const evidence: EvidenceQuote[] = leaks.flatMap(({ at: s, event }) => {
      const out: EvidenceQuote[] = [];
      const line = event !== undefined ? s.record.transcript[event] : undefined;
      if (line && event !== undefined) out.push({ text: line.text, source: 'transcript', session: s.index, event });
      const reply = s.record.auth?.reply;
      if (reply) out.push(replyQuote(reply, s));
      if (out.length === 0)
        out.push({
          text: `${s.record.auth?.mechanism ?? 'AUTH'} sent to ${s.record.target.host}:${s.record.target.port} without TLS`,
          source: 'transcript',
          session: s.index,
        });
      return out;
    });
    const verdict = accepted
      ? 'accepted the login'
      : at.record.auth?.reply
        ? `answered ${at.record.auth.reply.code}`
        : 'never answered';
    return [
      candidate(
        {
          id: 'credentials-sent-in-clear',
          severity: 'warning',
          title: accepted
            ? `The login works, but the ${secret} was sent unencrypted`
            : `The ${secret} was sent unencrypted`,
          summary: `The ${secret} went to ${host}:${port} without TLS (base64 is not encryption), so anyone on the path could read it; the server then ${verdict}. Change it if that network is not your own, and use TLS from now on.`,
          evidence,
          fixes: [
            tlsFix(context),
            {
              text: `Change the ${secret} if this connection went over a network you do not control.`,
            },
          ],
          confidence: 'high',
        },
        'credentials',
        at.session.role,
      ),
    ];
  },
};

function isToken(auth: AuthRecord): boolean {
  return TOKEN_MECHANISMS.has(auth.mechanism.toUpperCase());
}

/** TLS the probe proved on this host (a login first, then the user's own port), else the standard advice. */
function tlsFix(context: DiagnoseContext): Fix {
  const proven = provenEndpoints(context)[0];
  if (!proven)
    return {
      text: 'Use STARTTLS (587) or implicit TLS (465); if the server offers neither, ask its administrator to enable TLS.',
    };
  const { port, security } = proven.record.target;
  const loggedIn = proven.record.outcome === 'authenticated';
  return {
    text: `Use TLS: port ${port} with ${describeSecurity(security)} works on this host${loggedIn ? ' (smtp-doctor logged in there)' : ''}.`,
    settings: { port, security },
  };
}
