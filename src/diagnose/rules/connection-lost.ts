// Rule: the configured session died after the connection was made — closed, reset, stalled, or a broken protocol.
import type { Failure, StepRecord } from '../../model/session.js';
import { describeFailure } from '../../transport/describe-failure.js';
import { candidate, transcriptQuote } from '../build.js';
import type { IndexedSession } from '../context.js';
import type { Candidate, Layer, Rule } from '../types.js';

/** Steps whose failures other rules already explain: connect (network), TLS (handshake, certificate), greeting timeouts. */
const EXPLAINED_ELSEWHERE = new Set<StepRecord['step']>(['connect', 'tls-handshake', 'quit']);

const LAYER_OF: Partial<Record<StepRecord['step'], Layer>> = {
  greeting: 'greeting',
  ehlo: 'greeting',
  helo: 'greeting',
  starttls: 'starttls',
  'ehlo-after-tls': 'starttls',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'mail',
  data: 'mail',
};

export const connectionLost: Rule = {
  id: 'connection-lost',
  description:
    'The server closed, reset or stopped answering mid-session, or broke the protocol (garbage, endless replies).',
  produces: ['connection-lost', 'protocol-violation'],
  run(context) {
    const at = context.configured;
    if (!at) return [];
    const step = at.record.steps.find((s) => s.result === 'failed' && s.failure && !EXPLAINED_ELSEWHERE.has(s.step));
    if (!step?.failure) return [];
    // Silence or a hang-up before the greeting is the greeting rule's (greeting-timeout, service-unavailable).
    if (step.step === 'greeting' && step.failure.kind !== 'protocol-violation') return [];
    return fromFailure(at, step, step.failure);
  },
};

function fromFailure(at: IndexedSession, step: StepRecord, failure: Failure): Candidate[] {
  const layer = LAYER_OF[step.step] ?? 'auth';
  const quote = transcriptQuote(at, (t) => t === describeFailure(failure), describeFailure(failure));
  const during = step.step === 'ehlo-after-tls' ? 'EHLO after STARTTLS' : step.step.toUpperCase();
  if (failure.kind === 'protocol-violation') {
    return [
      candidate(
        {
          id: 'protocol-violation',
          detail: failure.violation.kind,
          title: `The server broke the SMTP protocol during ${during}`,
          summary: `${failure.violation.detail}. smtp-doctor stopped there to stay safe and bounded. A server that sends this is broken, overloaded, not an SMTP server at all (a web or other service on that port), or something in between rewrites the traffic.`,
          evidence: [quote],
          fixes: [
            {
              text: 'Check that this host and port really run an SMTP server (the first bytes quoted above show what answers).',
            },
            { text: 'Try from another network: a proxy, antivirus or firewall that inspects SMTP can mangle replies.' },
            { text: 'If you run the server, look at its logs for this connection.' },
          ],
          confidence: 'medium',
        },
        layer,
      ),
    ];
  }
  const detail =
    failure.kind === 'timeout'
      ? 'stalled'
      : failure.kind === 'network-error' && failure.code === 'ECONNRESET'
        ? 'reset'
        : 'closed';
  if (failure.kind === 'cancelled' || failure.kind === 'tls-error' || failure.kind === 'certificate-rejected')
    return [];
  const afterAuth = step.step === 'auth';
  return [
    candidate(
      {
        id: 'connection-lost',
        detail,
        title:
          detail === 'stalled'
            ? `The server stopped answering during ${during}`
            : `The server ${detail === 'reset' ? 'reset' : 'closed'} the connection during ${during}`,
        summary: afterAuth
          ? 'The connection ended in the middle of the login, before the server gave a verdict: the credentials were neither accepted nor refused. Servers do this when an intrusion-prevention or anti-abuse system cuts logins, when the auth backend crashes, or after too many failures.'
          : 'The connection ended in the middle of the session, before the server said why. Overloaded servers, connection limits, anti-abuse systems and firewalls that inspect SMTP do this.',
        evidence: [quote],
        fixes: [
          {
            text: 'Try once more later; if it repeats, check the server’s logs (or ask the provider) for this connection.',
          },
          ...(afterAuth
            ? [
                {
                  text: 'Make no further login attempts until the cause is known: some servers drop connections after repeated failures.',
                },
              ]
            : []),
          { text: 'Try from another network to rule out a firewall or proxy that inspects SMTP.' },
        ],
        deadEnds: afterAuth ? [{ text: 'Changing the password', why: 'the server never judged it.' }] : [],
        confidence: 'medium',
      },
      layer,
    ),
  ];
}
