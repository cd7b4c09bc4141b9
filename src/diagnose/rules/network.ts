// Rule: the connection never reached SMTP — the name does not resolve, the port refuses, or nothing answers.
import { isStarttlsPort } from '../../knowledge/ports.js';
import type { EvidenceQuote, Fix } from '../../model/finding.js';
import { candidate, pastedQuote, transcriptQuote } from '../build.js';
import { type DiagnoseContext, type IndexedSession } from '../context.js';
import { reachedEhlo } from '../reading/sessions.js';
import { clientMessages, errorCodes, pastedPlaintextOnImplicitTlsPort } from '../reading/pasted.js';
import { configuredFailure } from '../reading/sessions.js';
import { documentedEndpoints, isDocumentedHost } from '../reading/endpoints.js';
import { passwordDeadEnd } from '../build.js';
import type { Candidate, Rule } from '../types.js';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EDNS']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH']);

export const network: Rule = {
  id: 'network',
  description:
    'Name resolution and TCP connection failures (ENOTFOUND, ECONNREFUSED, ETIMEDOUT, unreachable networks).',
  produces: ['dns-not-found', 'connection-refused', 'connection-timeout'],
  run(context) {
    const out: Candidate[] = [];
    const failure = configuredFailure(context);
    const configured = context.configured;
    if (configured && failure && failure.phase === 'connect') {
      const quote = transcriptQuote(
        configured,
        (t) => t.includes('connect') || t.includes('during connect'),
        describeFailureText(failure),
      );
      const code = failure.kind === 'network-error' ? failure.code : failure.kind === 'timeout' ? 'ETIMEDOUT' : '';
      const found = classify(code, [quote], context);
      if (found) out.push(found);
    }
    if (context.evidence.dns?.error) {
      const dns = context.evidence.dns;
      const found = classify(
        dns.error?.code ?? '',
        [{ text: `${dns.host}: ${dns.error?.message ?? ''} (${dns.error?.code ?? ''})`, source: 'dns' }],
        context,
      );
      if (found) out.push(found);
    }
    if (!configured) {
      for (const o of errorCodes(context)) {
        const found = classify(o.code, [pastedQuote(o)], context);
        if (found) out.push(found);
      }
      // A timeout that does not say what it waited for (Python's "timed out"): most often the connection. On an
      // implicit-TLS port with a plaintext client the tls-mode rule explains it instead.
      const timedOut = clientMessages(context, 'timed-out')[0];
      const found =
        timedOut && !pastedPlaintextOnImplicitTlsPort(context)
          ? classify('ETIMEDOUT', [pastedQuote(timedOut)], context)
          : null;
      if (found)
        out.push({
          ...found,
          finding: {
            ...found.finding,
            summary: `The client timed out without saying whether it was connecting or waiting for the server's greeting. ${found.finding.summary}`,
            confidence: context.port === undefined ? 'low' : 'medium',
          },
        });
    }
    return out;
  },
};

function describeFailureText(failure: NonNullable<ReturnType<typeof configuredFailure>>): string {
  return failure.kind === 'network-error'
    ? `${failure.message} (${failure.code})`
    : `${failure.kind} during ${failure.phase}`;
}

function classify(code: string, evidence: EvidenceQuote[], context: DiagnoseContext): Candidate | null {
  const host = context.host ? `"${context.host}"` : 'the host name';
  const port = context.port;
  const guess = guessedHost(context);
  if (DNS_CODES.has(code)) {
    const temporary = code === 'EAI_AGAIN';
    return candidate(
      {
        id: 'dns-not-found',
        ...(temporary ? { detail: 'temporary' } : {}),
        title: temporary
          ? 'The DNS lookup failed for now'
          : guess
            ? 'The guessed host name does not exist'
            : 'The host name does not exist',
        summary: temporary
          ? `The resolver could not look up ${host} right now (EAI_AGAIN): no DNS server answered. The name itself may be fine.${guess ? ` ${guess.note}` : ''}`
          : guess
            ? `${host} does not resolve to any address (${code}). ${guess.note}`
            : `${host} does not resolve to any address (${code}): a typo in the host name, a name that does not exist, or no DNS on this machine.`,
        evidence,
        fixes: [
          ...(guess ? [guess.fix] : []),
          ...providerHostFix(context),
          // A guessed name was never typed by the user: there is no spelling to check.
          ...(guess ? [] : [{ text: 'Check the spelling of the SMTP host (a common slip: smtp.gmial.com).' }]),
          { text: 'Check that this machine can resolve names at all (e.g. `getent hosts smtp.gmail.com`).' },
        ],
        deadEnds: [{ text: 'Changing the password or TLS settings', why: 'no connection was ever made.' }],
        confidence: temporary ? 'medium' : 'high',
      },
      'dns',
    );
  }
  if (code === 'ECONNREFUSED') {
    const everywhere = refusedEverywhere(context);
    if (everywhere) return refusedOnEveryPort(context, everywhere, guess);
    return candidate(
      {
        id: 'connection-refused',
        title: 'Nothing accepts connections on that port',
        summary: `The host answered, but refused the TCP connection${port ? ` on port ${port}` : ''}: no mail service listens there, or a firewall rejects it.${guess ? ` ${guess.note}` : ''}`,
        evidence,
        fixes: [
          ...(guess ? [guess.fix] : []),
          // What the probe proved first, then what the provider documents.
          ...otherPortFixes(context),
          ...providerHostFix(context),
          { text: 'Check the host and port in your settings.' },
        ],
        deadEnds: passwordDeadEnd(context, { text: 'Changing the password', why: 'the connection never opened.' }),
        confidence: 'high',
      },
      'connect',
    );
  }
  if (code === 'ETIMEDOUT' || UNREACHABLE.has(code)) {
    const blocked25 = port === 25;
    return candidate(
      {
        id: 'connection-timeout',
        ...(UNREACHABLE.has(code) ? { detail: 'unreachable' } : blocked25 ? { detail: 'port-25' } : {}),
        title: UNREACHABLE.has(code) ? 'The host is unreachable' : 'The connection attempt got no answer',
        summary: UNREACHABLE.has(code)
          ? `There is no network route to the host (${code}).`
          : `Nothing answered the connection attempt${port ? ` to port ${port}` : ''}: a firewall drops the packets, or the host is down.${blocked25 ? ' Many networks and cloud providers block outgoing port 25 (AWS EC2 does by default).' : ''}${guess ? ` ${guess.note}` : ''}`,
        evidence,
        fixes: [
          ...(guess ? [guess.fix] : []),
          ...otherPortFixes(context),
          {
            text: 'Check that outgoing connections to this port are allowed (firewall, hosting provider, corporate network).',
          },
          ...providerHostFix(context),
        ],
        deadEnds: [
          { text: 'Raising the timeout', why: 'a dropped connection attempt never completes, however long you wait.' },
          ...passwordDeadEnd(context, { text: 'Changing the password', why: 'the connection never opened.' }),
        ],
        confidence: blocked25 ? 'high' : 'medium',
      },
      'connect',
    );
  }
  return null;
}

/**
 * Every session of the run (at least two ports) had its TCP connection refused: the sessions, one per port, in probe
 * order. Null when any session got further or failed otherwise (a timeout says something else: packets dropped).
 */
function refusedEverywhere(context: DiagnoseContext): IndexedSession[] | null {
  const sessions = [context.configured, ...context.alternatives].filter((s): s is IndexedSession => s !== null);
  const refused = (s: IndexedSession): boolean =>
    s.record.steps.some(
      (step) =>
        step.step === 'connect' && step.failure?.kind === 'network-error' && step.failure.code === 'ECONNREFUSED',
    );
  if (sessions.length === 0 || !sessions.every(refused)) return null;
  const onePerPort = sessions.filter(
    (s, i) => sessions.findIndex((o) => o.record.target.port === s.record.target.port) === i,
  );
  return onePerPort.length >= 2 ? onePerPort : null;
}

/**
 * Nothing took a connection on any port tried: no single setting is at fault, so "check the port" would send the user
 * after the wrong thing. Either this machine may not open outgoing connections to mail ports (a firewall, a hosting
 * provider's block, a VPN), or the host is not a mail server at all.
 */
function refusedOnEveryPort(
  context: DiagnoseContext,
  sessions: IndexedSession[],
  guess: ReturnType<typeof guessedHost>,
): Candidate {
  const ports = sessions.map((s) => s.record.target.port);
  const list = `${ports.slice(0, -1).join(', ')} and ${ports[ports.length - 1] ?? ''}`;
  const dialled = context.evidence.dns?.connectTo;
  const host = context.host ? `${context.host}${dialled ? ` (dialled at ${dialled})` : ''}` : 'the host';
  return candidate(
    {
      id: 'connection-refused',
      detail: 'every-port',
      title: 'No port accepts connections on this host',
      summary: `${host} refused the TCP connection on every submission port tried (${list}). No single setting is at fault: either something between this machine and the server rejects outgoing connections to mail ports (a local firewall, the hosting provider or network, a VPN), or this host runs no mail submission service at all.${guess ? ` ${guess.note}` : ''}`,
      evidence: sessions.map((s) =>
        transcriptQuote(
          s,
          (t) => t.includes('ECONNREFUSED'),
          `connect ECONNREFUSED ${s.record.target.host}:${s.record.target.port}`,
        ),
      ),
      fixes: [
        ...(guess ? [guess.fix] : []),
        ...providerHostFix(context),
        {
          text: 'Check whether outgoing connections to mail ports are blocked here: a local firewall, the hosting or cloud provider (many block 25, some also 465 and 587), a corporate network or VPN. Try from another network to tell.',
        },
        isDocumentedHost(context)
          ? {
              text: `${context.host ?? 'This host'} is ${context.provider?.name ?? 'the provider'}’s documented submission host, so the block is most likely on this side: ask whoever runs this network or machine to allow outgoing connections to ports 465 and 587.`,
            }
          : {
              text: 'Check that the host is your provider’s mail submission server (its SMTP settings page), not a web or MX host.',
            },
      ],
      deadEnds: passwordDeadEnd(context, { text: 'Changing the password', why: 'the connection never opened.' }),
      confidence: 'medium',
    },
    'connect',
  );
}

/**
 * `check alice@example.com` for a domain no known provider serves connects to smtp.<domain>, a guess: the user never
 * typed that name, so "check the spelling" would mislead. Say it was a guess and ask for the documented host.
 */
function guessedHost(context: DiagnoseContext): { note: string; fix: Fix } | null {
  const target = context.evidence.target;
  if (target?.hostFrom !== 'guess') return null;
  const domain = target.address?.slice(target.address.lastIndexOf('@') + 1);
  const mx = context.evidence.dns?.mx?.[0]?.exchange;
  const note =
    `smtp-doctor guessed this host from the address: ${domain ? `${domain} is` : 'the domain is'} not served by a provider it knows` +
    `${mx ? `, and its mail is received by ${mx}` : ''}, so it tried smtp.${domain ?? '<domain>'}.`;
  const user = target.username ?? target.address ?? 'you@example.com';
  return {
    note,
    fix: {
      text:
        `Give the submission host your mail provider documents (its SMTP settings page, or your mail client's outgoing server): smtp-doctor check <host> --user ${user}.` +
        (mx ? ` The MX host ${mx} receives mail; it often does not take logins on 587 or 465.` : ''),
    },
  };
}

/**
 * When the provider is known and the host is not one of its documented submission hosts, the documented host (for
 * the user's e-mail domain) is the thing to try. A documented host is already right: another one would mislead
 * (Microsoft 365 work accounts are not served by the Outlook.com consumer host).
 */
function providerHostFix(context: DiagnoseContext): Fix[] {
  if (isDocumentedHost(context)) return [];
  const endpoint = documentedEndpoints(context).find((e) => e.host !== context.host?.toLowerCase());
  if (!endpoint) return [];
  return [
    {
      text: `Use ${context.provider?.name ?? 'the provider'}’s submission host ${endpoint.host}, port ${endpoint.port}.`,
      settings: { host: endpoint.host, port: endpoint.port, security: endpoint.security },
    },
  ];
}

/**
 * Other ports on the same host: one an alternative session reached, else the ones the provider documents, else the
 * standard submission ports — never one the probe saw fail on this host.
 */
function otherPortFixes(context: DiagnoseContext): Fix[] {
  const port = context.port;
  const alt = context.alternatives.find((s) => s.record.target.port !== port && s.record.outcome !== 'stopped');
  if (alt) {
    return [
      {
        text: `Port ${alt.record.target.port} with ${alt.record.target.security === 'tls' ? 'implicit TLS' : 'STARTTLS'} works on this host: use it.`,
        settings: { port: alt.record.target.port, security: alt.record.target.security },
      },
    ];
  }
  const fixes: Fix[] = [];
  if (context.provider?.submission) {
    if (!isDocumentedHost(context)) return [];
    const host = context.host?.toLowerCase();
    for (const e of documentedEndpoints(context).filter((e) => e.host === host && e.port !== port)) {
      const words = `port ${e.port} with ${e.security === 'tls' ? 'implicit TLS' : 'STARTTLS'}`;
      fixes.push({
        text: `${fixes.length === 0 ? 'Try' : 'Or'} ${words}, as ${context.provider.name} documents.`,
        settings: { port: e.port, security: e.security },
      });
    }
    return fixes;
  }
  if (port === undefined || isStarttlsPort(port) || port === 465) {
    const failed = new Set(
      [context.configured, ...context.alternatives]
        .filter((s) => s !== null && !reachedEhlo(s.record))
        .map((s) => s?.record.target.port),
    );
    const ports: [number, 'starttls' | 'tls', string][] = [
      [587, 'starttls', 'the submission port 587 with STARTTLS'],
      [465, 'tls', 'port 465 with implicit TLS'],
    ];
    for (const [p, security, words] of ports.filter(([p]) => p !== port && !failed.has(p))) {
      fixes.push({ text: `${fixes.length === 0 ? 'Try' : 'Or'} ${words}.`, settings: { port: p, security } });
    }
  }
  return fixes;
}
