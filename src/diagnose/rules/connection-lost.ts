// Rule: the configured session died after the connection was made — closed, reset, stalled, or a broken protocol.
import type { DeadEnd, Fix } from '../../model/finding.js';
import type { Failure, StepRecord } from '../../model/session.js';
import { describeFailure } from '../../transport/describe-failure.js';
import { candidate, transcriptQuote } from '../build.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { provenTlsAlternative } from '../reading/endpoints.js';
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
    return fromFailure(context, at, step, step.failure);
  },
};

function fromFailure(context: DiagnoseContext, at: IndexedSession, step: StepRecord, failure: Failure): Candidate[] {
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
          summary: `${sentence(failure.violation.detail)}. smtp-doctor stopped there to stay safe and bounded. A server that sends this is broken, overloaded, not an SMTP server at all (a web or other service on that port), or something in between rewrites the traffic.`,
          evidence: [quote],
          fixes: [
            {
              // Only a violation with a sample of the bytes (a long line, garbage) quotes what answers.
              text: failure.violation.preview
                ? 'Check that this host and port really run an SMTP server (the first bytes quoted above show what answers).'
                : 'Check that this host and port really run an SMTP server.',
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
  const verdict = afterAuth && failure.kind === 'closed' ? partialVerdict(failure.partial) : undefined;
  return [
    candidate(
      {
        id: 'connection-lost',
        detail,
        title:
          detail === 'stalled'
            ? `The server stopped answering during ${during}`
            : `The server ${detail === 'reset' ? 'reset' : 'closed'} the connection during ${during}`,
        summary: verdict
          ? verdictSummary(verdict)
          : afterAuth
            ? 'The connection ended in the middle of the login, before the server gave a verdict: the credentials were neither accepted nor refused. Servers do this when an intrusion-prevention or anti-abuse system cuts logins, when the auth backend crashes, or after too many failures.'
            : 'The connection ended in the middle of the session, before the server said why. Overloaded servers, connection limits, anti-abuse systems and firewalls that inspect SMTP do this.',
        evidence: [quote],
        fixes: [
          {
            text: 'Try once more later; if it repeats, check the server’s logs (or ask the provider) for this connection.',
          },
          // A login the server was accepting is no failure that counts towards a lockout.
          ...(afterAuth && verdict?.kind !== 'accepting'
            ? [
                {
                  text: 'Make no further login attempts until the cause is known: some servers drop connections after repeated failures.',
                },
              ]
            : []),
          { text: 'Try from another network to rule out a firewall or proxy that inspects SMTP.' },
          ...implicitTlsInstead(context, layer),
        ],
        deadEnds: afterAuth ? passwordDeadEnds(verdict) : [],
        confidence: 'medium',
      },
      layer,
    ),
  ];
}

/** Lost during STARTTLS, while implicit TLS on another port was seen to work: that mode has no STARTTLS step. */
function implicitTlsInstead(context: DiagnoseContext, layer: Layer): Fix[] {
  const proven = layer === 'starttls' ? provenTlsAlternative(context, { security: 'tls' }) : undefined;
  if (!proven) return [];
  const port = proven.record.target.port;
  return [
    {
      text: `Use implicit TLS on port ${port}, which works on this host and has no STARTTLS step.`,
      settings: { port, security: 'tls' },
    },
  ];
}

/**
 * What the first bytes of a reply cut off by the hang-up say about the login, by its first digit (RFC 5321 §4.2.1):
 * a success, a permanent refusal (a verdict on the credentials), or a transient one (no verdict, RFC 4954 §6).
 */
type PartialVerdict = { kind: 'accepting' | 'refusing' | 'deferring'; code: string };

function partialVerdict(partial: string | undefined): PartialVerdict | undefined {
  const code = /^[245]\d\d(?=[ -]|$)/.exec(partial ?? '')?.[0];
  if (code === undefined) return undefined;
  const kind = code.startsWith('2') ? 'accepting' : code.startsWith('5') ? 'refusing' : 'deferring';
  return { kind, code };
}

function verdictSummary({ kind, code }: PartialVerdict): string {
  switch (kind) {
    case 'accepting':
      return `The server was accepting the login when the connection dropped: the reply it had begun, ${code}, is a success. The credentials look right; what failed is the connection. Servers and middleboxes do this when they crash, restart or cut connections at a limit.`;
    case 'refusing':
      return `The server was refusing the login when the connection dropped: the reply it had begun, ${code}, is a permanent refusal, and its reason was cut off. Servers do this when an anti-abuse system ends the connection along with the refusal, or after too many failures.`;
    case 'deferring':
      return `The server was answering the login with a temporary refusal (${code}, no verdict on the credentials) when the connection dropped, and its reason was cut off. A busy or failing authentication backend, or a throttle, does this.`;
  }
}

/** "Changing the password" is a dead end unless the cut-off reply shows the server refused it. */
function passwordDeadEnds(verdict: PartialVerdict | undefined): DeadEnd[] {
  if (verdict?.kind === 'refusing') return [];
  return [
    verdict?.kind === 'accepting'
      ? { text: 'Changing the password', why: 'the server was accepting it when the connection dropped.' }
      : { text: 'Changing the password', why: 'the server never judged it.' },
  ];
}

/** A violation's detail reads as a clause ("a reply line exceeded …"); the summary opens with it as a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
