// Rule: the TCP connection opened but the SMTP greeting never came, or the server hung up before greeting.
import { NODEMAILER_GREETING_TIMEOUT_MS, RFC5321_GREETING_WAIT_MS } from '../../knowledge/causes/greeting.js';
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import type { EvidenceQuote } from '../../model/finding.js';
import { failureQuote, pastedQuote, replyQuote } from '../quotes.js';
import { cause, deadEnd, fix, note, type FixRef } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { clientMessages, pastedPlaintextOnImplicitTlsPort } from '../reading/pasted.js';
import { ownLimitExplains, userTimeoutNote, userTimeoutRanOut } from '../reading/limits.js';
import {
  configuredFailure,
  plaintextOnImplicitTls,
  silentInImplicitTls,
  workingAlternative,
} from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const greeting: Rule = {
  id: 'greeting',
  description:
    'A connection that never gets its 220 greeting (timeout), is closed before it, or is greeted with another code, when the TLS mode does not explain it.',
  produces: ['greeting-timeout', 'service-unavailable', 'protocol-violation'],
  run(context) {
    const out: Candidate[] = [];
    const silence = noGreeting(context);
    if (silence) out.push(silenceCause(context, silence));
    const hungUp = closedBeforeGreeting(context);
    if (hungUp) out.push(hungUp);
    const refused = unexpectedGreeting(context);
    if (refused) out.push(refused);
    const other = otherProtocolGreeting(context);
    if (other) out.push(other);
    return out;
  },
};

/** A greeting that never came, live or pasted, and what the rule knows about the wait. */
interface Silence {
  quote: EvidenceQuote;
  live: boolean;
  /** How long smtp-doctor waited, and whether its session deadline (rather than the phase timeout) ran out. */
  waited: number | undefined;
  deadline: boolean;
  /** An implicit-TLS session to the same port got no greeting either (so the mode is not the cause). */
  silentTls: IndexedSession | undefined;
  /** The configured session's endpoint, or the port the pasted text names. */
  port: number | undefined;
}

/**
 * Live: the configured session timed out waiting for the greeting, and the TLS mode does not explain it (the tls-mode
 * rule reads a plaintext client on an implicit-TLS port). Pasted: the client says the greeting never came, on a port
 * that is not an implicit-TLS one (or on an unknown port, where the tls-mode rule gives its guess beside this one).
 */
function noGreeting(context: DiagnoseContext): Silence | undefined {
  const configured = context.configured;
  if (configured) {
    const failure = configuredFailure(context);
    if (failure?.phase !== 'greeting' || failure.kind !== 'timeout' || plaintextOnImplicitTls(context))
      return undefined;
    // The check's own deadline, or a --timeout too short for any server: the deadline rule names the limit.
    if (ownLimitExplains(context)) return undefined;
    const { port, security } = configured.record.target;
    return {
      quote: failureQuote(configured, failure),
      live: true,
      waited: failure.afterMs,
      deadline: failure.limit === 'deadline',
      // Silent in implicit TLS too: not a TLS-mode mismatch (tls-mode needs the other mode to get further).
      silentTls: security !== 'tls' ? silentInImplicitTls(context, port) : undefined,
      port,
    };
  }
  const message = clientMessages(context, 'greeting-never-received')[0];
  const port = context.port;
  if (!message || isImplicitTlsPort(port)) return undefined;
  return { quote: pastedQuote(message), live: false, waited: undefined, deadline: false, silentTls: undefined, port };
}

function silenceCause(context: DiagnoseContext, silence: Silence): Candidate {
  const evidence = [silence.quote, ...(silence.live ? userTimeoutNote(context) : [])];
  if (silence.silentTls && silence.port !== undefined)
    evidence.push(note('greeting.silent-in-implicit-tls', { port: silence.port }, silence.silentTls.index));
  const answering = silence.live ? answeringPort(context) : [];
  const checks = silence.live
    ? [fix('greeting.check-middlebox'), fix('greeting.check-smtp-service')]
    : [fix('greeting.test-elsewhere'), fix('greeting.check-middlebox')];
  const slow = slowServer(silence.waited);
  // A client that waits longer than smtp-doctor did may well get the greeting: then slowness is the first thing to
  // rule out, after a port proven to answer.
  const slowFirst = silence.waited !== undefined && silence.waited < NODEMAILER_GREETING_TIMEOUT_MS;
  const fixes = slowFirst ? [...answering, slow, ...checks] : [...answering, ...checks, slow];
  return cause(
    context,
    'greeting.none',
    {
      params: {
        host: silence.live ? context.host : undefined,
        port: silence.port,
        waited: silence.waited,
        deadline: silence.deadline,
        ownTimeout: silence.live && userTimeoutRanOut(context) !== undefined,
        silentTls: silence.silentTls !== undefined,
      },
      evidence,
      fixes,
      deadEnds: [deadEnd('change-password.never-reached-auth')],
      // Pasted without a port, the text still says the greeting never came; the tls-mode rule's reading (plaintext on
      // 465) is the other one, and the summary names it.
      confidence: 'medium',
    },
    'greeting',
  );
}

/**
 * For a server that greets late: wait longer here to find out (a minute, else the 5 minutes RFC 5321 allows, with a
 * session deadline that leaves room for the rest of the session), and raise the application's greeting timeout.
 */
function slowServer(waited: number | undefined): FixRef {
  if (waited === undefined) return fix('greeting.slow-server');
  const rerun = waited < 60_000 ? 60_000 : RFC5321_GREETING_WAIT_MS;
  return fix('greeting.slow-server', { rerun, rerunDeadline: rerun + 30_000 });
}

/** Another port on the same host that greeted: proven settings to use. */
function answeringPort(context: DiagnoseContext): FixRef[] {
  const alt = workingAlternative(context, {});
  if (!alt) return [];
  const { port, security } = alt.record.target;
  return [fix('greeting.use-answering-port', { otherPort: port, otherSecurity: security }, { port, security })];
}

/**
 * The server hung up (or broke off) before any greeting, and the TLS mode does not explain it: the configured session's
 * failure, or a client that says so in pasted text (the end of the stream where it read the greeting).
 */
function closedBeforeGreeting(context: DiagnoseContext): Candidate | undefined {
  const configured = context.configured;
  if (!configured) return pastedClosedBeforeGreeting(context);
  const failure = configuredFailure(context);
  // Garbage instead of a greeting is the connection-lost rule's protocol-violation, not a refusal.
  if (failure?.phase !== 'greeting') return undefined;
  if (failure.kind === 'timeout' || failure.kind === 'protocol-violation' || plaintextOnImplicitTls(context))
    return undefined;
  const { host, port } = configured.record.target;
  return cause(
    context,
    'greeting.closed-before-greeting',
    {
      params: { host, port },
      evidence: [failureQuote(configured, failure)],
      fixes: [...answeringPort(context), fix('greeting.check-middlebox'), fix('greeting.check-smtp-service')],
      confidence: 'medium',
    },
    'greeting',
  );
}

/** On an implicit-TLS port a plaintext client's closed connection is the tls-mode rule's (a mode mismatch). */
function pastedClosedBeforeGreeting(context: DiagnoseContext): Candidate | undefined {
  const closed = clientMessages(context).find((o) => o.id === 'connection-closed' && o.phase === 'greeting');
  if (!closed || pastedPlaintextOnImplicitTlsPort(context)) return undefined;
  return cause(
    context,
    'greeting.closed-before-greeting',
    {
      params: { host: context.host, port: context.port },
      evidence: [pastedQuote(closed)],
      fixes: [fix('greeting.test-elsewhere'), fix('greeting.check-middlebox'), fix('greeting.check-smtp-service')],
      confidence: 'medium',
    },
    'greeting',
  );
}

/**
 * 421 and 554 are the refusals RFC 5321 defines (the knowledge base explains those); any other code in place of the
 * 220 (221, 354, 500, 530… as in the NO STARTTLS test set) is a refusal too, and must not leave no diagnosis.
 */
function unexpectedGreeting(context: DiagnoseContext): Candidate | undefined {
  const configured = context.configured;
  const refused = configured?.record.steps.find((s) => s.step === 'greeting' && s.result === 'rejected')?.reply;
  if (!configured || !refused || refused.code === 421 || refused.code === 554) return undefined;
  const { host, port } = configured.record.target;
  return cause(
    context,
    'greeting.unexpected-code',
    {
      params: { host, port, code: refused.code },
      evidence: [replyQuote(refused, configured)],
      fixes: [fix('greeting.check-submission-endpoint'), fix('connection-lost.server-logs')],
      confidence: 'medium',
    },
    'greeting',
  );
}

/**
 * The client quotes an IMAP ("* OK") or POP3 ("+OK") greeting where SMTP's 220 belongs (knowledge/client-messages.ts):
 * the settings name a mailbox-access port. The banner's first word is evidence, so it says which protocol answered.
 */
function otherProtocolGreeting(context: DiagnoseContext): Candidate | undefined {
  const message = clientMessages(context, 'other-protocol-greeting')[0];
  if (!message) return undefined;
  const banner = /(?:\* OK|\+OK)\b/i.exec(message.quote)?.[0] ?? '';
  return cause(
    context,
    'greeting.other-protocol',
    {
      params: { protocol: banner.startsWith('+') ? 'POP3' : 'IMAP', banner },
      evidence: [pastedQuote(message)],
      fixes: [fix('greeting.use-submission-port'), fix('greeting.check-submission-endpoint')],
      deadEnds: [deadEnd('change-password.never-reached-auth')],
      confidence: 'high',
    },
    'greeting',
  );
}
