// Rule: the TCP connection opened but the SMTP greeting never came, or the server hung up before greeting.
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import { candidate, pastedQuote, replyQuote, transcriptQuote } from '../build.js';
import { clientMessages } from '../reading/pasted.js';
import {
  configuredFailure,
  plaintextOnImplicitTls,
  silentInImplicitTls,
  workingAlternative,
} from '../reading/sessions.js';
import { passwordDeadEnd } from '../build.js';
import type { Candidate, Rule } from '../types.js';

export const greeting: Rule = {
  id: 'greeting',
  description:
    'A connection that never gets its 220 greeting (timeout), is closed before it, or is greeted with another code, when the TLS mode does not explain it.',
  produces: ['greeting-timeout', 'service-unavailable'],
  run(context) {
    const out: Candidate[] = [];
    const configured = context.configured;
    const failure = configuredFailure(context);
    // Garbage instead of a greeting is the connection-lost rule's protocol-violation, not a refusal.
    if (
      configured &&
      failure?.phase === 'greeting' &&
      failure.kind !== 'protocol-violation' &&
      !plaintextOnImplicitTls(context)
    ) {
      const { host, port } = configured.record.target;
      const quote = transcriptQuote(configured, (t) => t.includes('greeting'), `no greeting from ${host}:${port}`);
      const alt = workingAlternative(context, {});
      const fixes = [
        ...(alt
          ? [
              {
                text: `Port ${alt.record.target.port} (${alt.record.target.security}) on the same host answers normally: use it.`,
                settings: { port: alt.record.target.port, security: alt.record.target.security },
              },
            ]
          : []),
        {
          text: 'Check for a firewall, proxy or antivirus "mail shield" that accepts the connection but passes nothing through.',
        },
        { text: 'Check that this port runs an SMTP service at all.' },
      ];
      // Silent in implicit TLS too: not a TLS-mode mismatch (tls-mode needs the other mode to get further).
      const silentTls = configured.record.target.security !== 'tls' ? silentInImplicitTls(context, port) : undefined;
      if (failure.kind === 'timeout') {
        const waited = failure.afterMs;
        const timeout = failure.limit === 'deadline' ? 'session deadline (--deadline)' : 'phase timeout (--timeout)';
        const slow = slowServerFix(waited);
        // A client that waits longer than we did may well get the greeting: then slowness is the first thing to rule out.
        const waitedLessThanClients = waited < NODEMAILER_GREETING_TIMEOUT_MS;
        out.push(
          candidate(
            {
              id: 'greeting-timeout',
              title: `The server accepted the connection but sent no greeting within ${seconds(waited)}`,
              summary: `The TCP connection to ${host}:${port} opened, but no "220" greeting arrived within ${waited} ms, smtp-doctor's ${timeout}. A probe that stops waiting cannot tell a late greeting from none: either the server greets slowly (busy, or running DNS and blocklist checks first; RFC 5321 §4.5.3.2.1 lets a client wait 5 minutes), or something accepts connections and passes nothing through.${silentTls ? ` An implicit-TLS session to the same port got no greeting either, so the TLS mode is not the cause.` : ''}`,
              evidence: [
                quote,
                ...(silentTls
                  ? [
                      {
                        text: `port ${port} with implicit TLS: no greeting either`,
                        source: 'transcript' as const,
                        session: silentTls.index,
                      },
                    ]
                  : []),
              ],
              fixes: waitedLessThanClients
                ? [...fixes.slice(0, alt ? 1 : 0), slow, ...fixes.slice(alt ? 1 : 0)]
                : [...fixes, slow],
              deadEnds: passwordDeadEnd(context, {
                text: 'Changing the password',
                why: 'the session never got to AUTH.',
              }),
              confidence: 'medium',
            },
            'greeting',
          ),
        );
      } else {
        out.push(
          candidate(
            {
              id: 'service-unavailable',
              detail: 'closed-before-greeting',
              title: 'The server hung up before greeting',
              summary: `${host}:${port} accepted the connection and closed it without a greeting: it may refuse this client address, be overloaded, or not be an SMTP service.`,
              evidence: [quote],
              fixes,
              confidence: 'medium',
            },
            'greeting',
          ),
        );
      }
    }
    // 421 and 554 are the refusals RFC 5321 defines (the knowledge base explains those); any other code in place of
    // the 220 (221, 354, 500, 530… as in the NO STARTTLS test set) is a refusal too, and must not leave no diagnosis.
    const refused = configured?.record.steps.find((s) => s.step === 'greeting' && s.result === 'rejected')?.reply;
    if (configured && refused && refused.code !== 421 && refused.code !== 554) {
      const { host, port } = configured.record.target;
      out.push(
        candidate(
          {
            id: 'service-unavailable',
            detail: 'unexpected-greeting',
            title: `The server greeted with ${refused.code} instead of 220`,
            summary: `${host}:${port} answered the connection with "${refused.code}" where a "220" greeting belongs, so no SMTP session could start. Nothing was sent. Either the server refuses this client or is not a mail submission service, or something in between answers in its place.`,
            evidence: [replyQuote(refused, configured)],
            fixes: [
              { text: 'Check that this host and port are the provider’s submission server (usually 465 or 587).' },
              { text: 'If you run the server, look at its logs for this connection.' },
            ],
            confidence: 'medium',
          },
          'greeting',
        ),
      );
    }
    if (!configured) {
      const message = clientMessages(context, 'greeting-never-received')[0];
      if (message) {
        const port = context.port;
        const otherPort = port !== undefined && !isImplicitTlsPort(port);
        if (otherPort || port === undefined) {
          out.push(
            candidate(
              {
                id: 'greeting-timeout',
                title: 'The server accepted the connection but never greeted',
                summary: otherPort
                  ? `Port ${port} normally greets at once; a silent server there points to a firewall, proxy or antivirus that accepts connections but passes nothing through, or to an overloaded server.`
                  : 'If the port is not 465, a silent server points to a firewall, proxy or antivirus that accepts connections but passes nothing through.',
                evidence: [pastedQuote(message)],
                fixes: [
                  {
                    text: 'Test the same host and port from another network, or with `smtp-doctor check`, to see whether anything greets.',
                  },
                  { text: 'Check for a proxy or antivirus mail scanning between this machine and the server.' },
                  {
                    text: `If the server is only slow to greet, give it longer: nodemailer’s greetingTimeout (default ${seconds(NODEMAILER_GREETING_TIMEOUT_MS)}, bounded by connectionTimeout, default 2 min).`,
                  },
                ],
                confidence: otherPort ? 'medium' : 'low',
              },
              'greeting',
            ),
          );
        }
      }
    }
    return out;
  },
};

/** nodemailer's default greetingTimeout (smtp-connection GREETING_TIMEOUT, 30 s), which also bounds its STARTTLS upgrade. */
const NODEMAILER_GREETING_TIMEOUT_MS = 30_000;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * For a server that greets late: wait longer here to find out, and raise the application's greeting timeout. The
 * re-run suggestion goes past what was waited (a minute, else the 5 minutes RFC 5321 allows), with a session deadline
 * that leaves room for the rest of the session.
 */
function slowServerFix(waitedMs: number): { text: string } {
  const next = waitedMs < 60_000 ? 60_000 : 300_000;
  return {
    text: `If the server is only slow to greet: run smtp-doctor again with --timeout ${next} --deadline ${next + 30_000} to see whether a greeting comes, and raise your client’s greeting timeout (nodemailer: greetingTimeout, default ${seconds(NODEMAILER_GREETING_TIMEOUT_MS)}, itself bounded by connectionTimeout, default 2 min; other clients: their connection or read timeout).`,
  };
}
