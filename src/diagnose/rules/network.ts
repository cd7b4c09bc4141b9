// Rule: the connection never reached SMTP — the name does not resolve, the port refuses, or nothing answers.
import { networkProblem, type NetworkProblem } from '../../knowledge/network-errors.js';
import { conventionalSecurity, PORTS } from '../../knowledge/ports.js';
import type { EvidenceQuote } from '../../model/finding.js';
import { failureQuote, pastedQuote } from '../quotes.js';
import { cause, deadEnd, fix, note, type FixRef, type Params } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { documentedEndpoints, isDocumentedHost } from '../reading/endpoints.js';
import { clientMessages, errorCodes, pastedPlaintextOnImplicitTlsPort } from '../reading/pasted.js';
import { ownLimitExplains, userTimeoutNote, userTimeoutRanOut } from '../reading/limits.js';
import { configuredFailure, reachedEhlo } from '../reading/sessions.js';
import { DEFAULT_TIMEOUT_MS } from '../../transport/defaults.js';
import type { Candidate, Rule } from '../types.js';

export const network: Rule = {
  id: 'network',
  description:
    'Name resolution and TCP connection failures (ENOTFOUND, ECONNREFUSED, ETIMEDOUT, unreachable networks).',
  produces: ['dns-not-found', 'connection-refused', 'connection-timeout'],
  run(context) {
    const guess = guessedHost(context);
    return connectFailures(context).flatMap((failed) => {
      const problem = networkProblem(failed.code);
      return problem ? [networkCause(context, failed, problem, guess)] : [];
    });
  },
};

/** A connection that failed before SMTP, from any door: its error code and the line that shows it. */
interface ConnectFailure {
  code: string;
  quote: EvidenceQuote;
  /** The client timed out without saying whether it was connecting or waiting for the greeting. */
  unsure: boolean;
}

/** The errors of a route to the address that is missing (ENETUNREACH, EHOSTUNREACH): one address, not the host. */
const UNREACHABLE: ReadonlySet<string> = new Set(['ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Every connect-time failure the evidence shows: the configured session's, the DNS lookup's, and the error codes of a
 * pasted text — with a bare timeout (Python's "timed out"), most often the connection. On an implicit-TLS port with a
 * plaintext client the tls-mode rule explains that timeout instead.
 */
function connectFailures(context: DiagnoseContext): ConnectFailure[] {
  const out: ConnectFailure[] = [];
  const configured = context.configured;
  const failure = configuredFailure(context);
  // The check's own deadline, or a --timeout too short for any server, is the deadline rule's: no dropped packets.
  if (configured && failure?.phase === 'connect' && !(failure.kind === 'timeout' && ownLimitExplains(context))) {
    const code = failure.kind === 'network-error' ? failure.code : failure.kind === 'timeout' ? 'ETIMEDOUT' : '';
    out.push({ code, quote: failureQuote(configured, failure), unsure: false });
  }
  const dns = context.evidence.dns;
  if (dns?.error) {
    const { code, message } = dns.error;
    out.push({
      code,
      quote: { ...note('network.dns-error', { host: dns.host, message, code }), source: 'dns' },
      unsure: false,
    });
  }
  if (configured) return out;
  // A network or host that could not be reached, in a paste where the server answered commands: the client reached it
  // on another address (the usual IPv6 route missing, then IPv4): not what failed.
  const answered = context.evidence.observations.some(
    (o) => o.kind === 'reply' && o.phase !== null && o.phase !== 'greeting',
  );
  for (const o of errorCodes(context)) {
    if (answered && UNREACHABLE.has(o.code)) continue;
    out.push({ code: o.code, quote: pastedQuote(o), unsure: false });
  }
  const timedOut = clientMessages(context, 'timed-out')[0];
  if (timedOut && !pastedPlaintextOnImplicitTlsPort(context))
    out.push({ code: 'ETIMEDOUT', quote: pastedQuote(timedOut), unsure: true });
  return out;
}

/** The host smtp-doctor guessed from an e-mail address (smtp.<domain>), with what it knows of that domain's mail. */
interface GuessedHost {
  domain: string;
  mx: string | undefined;
  user: string;
}

/**
 * `check alice@example.com` for a domain no known provider serves connects to smtp.<domain>, a guess: the user never
 * typed that name, so "check the spelling" would mislead. The finding says it was a guess and asks for the documented
 * host.
 */
function guessedHost(context: DiagnoseContext): GuessedHost | undefined {
  const target = context.evidence.target;
  const address = target?.address;
  if (target?.hostFrom !== 'guess' || address === undefined) return undefined;
  return {
    domain: address.slice(address.lastIndexOf('@') + 1),
    mx: context.evidence.dns?.mx?.[0]?.exchange,
    user: target.username ?? address,
  };
}

function networkCause(
  context: DiagnoseContext,
  failed: ConnectFailure,
  problem: NetworkProblem,
  guess: GuessedHost | undefined,
): Candidate {
  const port = context.port;
  const params: Params = {
    host: context.host,
    port,
    code: failed.code,
    guessed: guess !== undefined,
    domain: guess?.domain,
    mx: guess?.mx,
    user: guess?.user,
  };
  const guessFix = guess ? [fix('network.give-documented-host')] : [];
  const neverOpened = deadEnd('change-password.connection-never-opened');
  switch (problem) {
    case 'name-not-found':
    case 'name-lookup-failed-for-now': {
      const temporary = problem === 'name-lookup-failed-for-now';
      return cause(
        context,
        temporary ? 'network.dns-temporary' : 'network.dns-not-found',
        {
          params,
          evidence: [failed.quote],
          fixes: [
            ...guessFix,
            ...providerHostFix(context),
            // A guessed name was never typed by the user: there is no spelling to check.
            ...(guess ? [] : [fix('network.check-spelling')]),
            fix('network.check-resolver'),
          ],
          deadEnds: [deadEnd('change-password-or-tls-settings.no-connection')],
          confidence: temporary ? 'medium' : 'high',
        },
        'dns',
      );
    }
    case 'refused': {
      const everywhere = refusedEverywhere(context);
      if (everywhere) return refusedOnEveryPort(context, everywhere, params, guessFix);
      return cause(
        context,
        'network.refused',
        {
          params,
          evidence: [failed.quote],
          // What the probe proved first, then what the provider documents.
          fixes: [...guessFix, ...otherPortFixes(context), ...providerHostFix(context), fix('network.check-host-port')],
          deadEnds: [neverOpened],
          confidence: 'high',
        },
        'connect',
      );
    }
    case 'no-answer':
    case 'unreachable': {
      const unreachable = problem === 'unreachable';
      const port25 = !unreachable && port === 25;
      // A --timeout the user set ran out: theirs to raise, so "raising the timeout won't help" would contradict it.
      const own = failed.unsure ? undefined : userTimeoutRanOut(context);
      return cause(
        context,
        unreachable ? 'network.unreachable' : 'network.no-answer',
        {
          params: { ...params, port25, unsure: failed.unsure, ownTimeoutMs: own?.ms },
          evidence: [failed.quote, ...(own ? userTimeoutNote(context) : [])],
          fixes: [
            ...guessFix,
            ...otherPortFixes(context),
            fix('network.check-outbound-allowed'),
            ...providerHostFix(context),
            ...(own && own.ms < DEFAULT_TIMEOUT_MS
              ? [fix('deadline.raise-timeout', { defaultMs: DEFAULT_TIMEOUT_MS, suggested: DEFAULT_TIMEOUT_MS })]
              : []),
          ],
          deadEnds: own ? [neverOpened] : [deadEnd('raise-timeout.connection-dropped'), neverOpened],
          ...(port25 ? { detail: 'port-25' } : {}),
          confidence: failed.unsure ? (port === undefined ? 'low' : 'medium') : port25 ? 'high' : 'medium',
        },
        'connect',
      );
    }
  }
}

/**
 * Every session of the run (at least two ports) had its TCP connection refused: the sessions, one per port, in probe
 * order. Undefined when any session got further or failed otherwise (a timeout says something else: packets dropped).
 */
function refusedEverywhere(context: DiagnoseContext): { at: IndexedSession; quote: EvidenceQuote }[] | undefined {
  const refused = context.sessions.map((at) => {
    const failure = at.record.steps.find((s) => s.step === 'connect')?.failure;
    return failure?.kind === 'network-error' && networkProblem(failure.code) === 'refused'
      ? { at, quote: failureQuote(at, failure) }
      : undefined;
  });
  if (refused.length === 0 || refused.some((r) => r === undefined)) return undefined;
  const all = refused.filter((r) => r !== undefined);
  const onePerPort = all.filter(
    (r, i) => all.findIndex((o) => o.at.record.target.port === r.at.record.target.port) === i,
  );
  return onePerPort.length >= 2 ? onePerPort : undefined;
}

/**
 * Nothing took a connection on any port tried: no single setting is at fault, so "check the port" would send the user
 * after the wrong thing. Either this machine may not open outgoing connections to mail ports (a firewall, a hosting
 * provider's block, a VPN), or the host is not a mail server at all.
 */
function refusedOnEveryPort(
  context: DiagnoseContext,
  refused: { at: IndexedSession; quote: EvidenceQuote }[],
  params: Params,
  guessFix: FixRef[],
): Candidate {
  const ports = refused.map((r) => String(r.at.record.target.port));
  return cause(
    context,
    'network.refused-every-port',
    {
      params: { ...params, ports, dialled: context.evidence.dns?.connectTo, providerName: context.provider?.name },
      evidence: refused.map((r) => r.quote),
      fixes: [
        ...guessFix,
        ...providerHostFix(context),
        fix('network.check-outbound-block'),
        isDocumentedHost(context) ? fix('network.documented-host-blocked-here') : fix('network.check-submission-host'),
      ],
      deadEnds: [deadEnd('change-password.connection-never-opened')],
      confidence: 'medium',
    },
    'connect',
  );
}

/**
 * When the provider is known and the host is not one of its documented submission hosts, the documented host (for
 * the user's e-mail domain) is the thing to try. A documented host is already right: another one would mislead
 * (Microsoft 365 work accounts are not served by the Outlook.com consumer host).
 */
function providerHostFix(context: DiagnoseContext): FixRef[] {
  if (isDocumentedHost(context)) return [];
  const endpoint = documentedEndpoints(context).find((e) => e.host !== context.host?.toLowerCase());
  if (!endpoint || !context.provider) return [];
  const { host, port, security } = endpoint;
  return [
    fix(
      'network.provider-host',
      { providerName: context.provider.name, submissionHost: host, submissionPort: port },
      { host, port, security },
    ),
  ];
}

/**
 * Other ports on the same host: one an alternative session reached, else the ones the provider documents, else the
 * conventional submission ports — never one the probe saw fail on this host.
 */
function otherPortFixes(context: DiagnoseContext): FixRef[] {
  const port = context.port;
  const alt = context.alternatives.find((s) => s.record.target.port !== port && s.record.outcome !== 'stopped');
  if (alt) {
    const { port: otherPort, security } = alt.record.target;
    return [fix('network.use-answering-port', { otherPort, otherSecurity: security }, { port: otherPort, security })];
  }
  const provider = context.provider;
  if (provider?.submission) {
    if (!isDocumentedHost(context)) return [];
    const host = context.host?.toLowerCase();
    return documentedEndpoints(context)
      .filter((e) => e.host === host && e.port !== port)
      .map((e, i) =>
        fix(
          'network.other-port',
          { first: i === 0, otherPort: e.port, otherSecurity: e.security, documentedBy: provider.name },
          { port: e.port, security: e.security },
        ),
      );
  }
  // A custom port may be the user's own choice for a reason: only a conventional one invites the conventional others.
  if (port !== undefined && conventionalSecurity(port) === undefined) return [];
  const failed = new Set(context.sessions.filter((s) => !reachedEhlo(s.record)).map((s) => s.record.target.port));
  return submissionPorts()
    .filter((p) => p.port !== port && !failed.has(p.port))
    .map((p, i) =>
      fix(
        'network.other-port',
        { first: i === 0, otherPort: p.port, otherSecurity: p.security },
        { port: p.port, security: p.security },
      ),
    );
}

/** The submission ports by convention, 587 (STARTTLS, the default of most clients) before 465. */
function submissionPorts(): (typeof PORTS)[number][] {
  return PORTS.filter((p) => p.use === 'submission').sort(
    (a, b) => Number(a.security === 'tls') - Number(b.security === 'tls'),
  );
}
