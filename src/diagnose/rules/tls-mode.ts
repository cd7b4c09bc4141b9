// Rule: implicit TLS on a STARTTLS port ("wrong version number"), or plaintext on an implicit-TLS port (no greeting).
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import { tlsErrorMeaning } from '../../knowledge/tls-errors.js';
import type { EvidenceQuote } from '../../model/finding.js';
import { failureQuote, pastedQuote } from '../quotes.js';
import { cause, deadEnd, fix, note, type DeadEndRef, type FixRef } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { ownLimitExplains } from '../reading/limits.js';
import { clientMessages, errorCodes, pastedPlaintextOnImplicitTlsPort } from '../reading/pasted.js';
import { configuredFailure, plaintextOnImplicitTls, refusedLogin, workingAlternative } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const tlsMode: Rule = {
  id: 'tls-mode',
  description:
    'Implicit TLS spoken to a STARTTLS port, or plaintext to an implicit-TLS port; alternatives prove which mode works.',
  produces: ['tls-mode-mismatch'],
  run(context) {
    const wrong = wrongVersion(context);
    if (wrong) return [implicitOnStarttlsPort(context, wrong)];
    const silent = plaintextWithoutGreeting(context);
    return silent ? [plaintextOnImplicitPort(context, silent)] : [];
  },
};

/**
 * The client started TLS at once and read the server's plaintext greeting as a TLS record: a live session in implicit
 * TLS that failed with ERR_SSL_WRONG_VERSION_NUMBER, or the same code in pasted text.
 */
function wrongVersion(context: DiagnoseContext): EvidenceQuote | undefined {
  const configured = context.configured;
  if (configured) {
    const failure = configuredFailure(context);
    return configured.record.target.security === 'tls' &&
      failure?.kind === 'tls-error' &&
      failure.code === 'ERR_SSL_WRONG_VERSION_NUMBER'
      ? failureQuote(configured, failure)
      : undefined;
  }
  // Pasted, every wording of "the reply was no TLS record" (OpenSSL 1.0's unknown protocol, Go, Java, .NET, rustls).
  const pasted = errorCodes(context).find((o) => tlsErrorMeaning(o.code)?.kind === 'not-tls');
  return pasted ? pastedQuote(pasted) : undefined;
}

function implicitOnStarttlsPort(context: DiagnoseContext, quote: EvidenceQuote): Candidate {
  const port = context.port;
  const live = context.configured !== null;
  const proven = port !== undefined ? workingAlternative(context, { port, security: 'starttls' }) : undefined;
  const evidence = [quote];
  if (proven && port !== undefined)
    evidence.push(note('tls-mode.reached-ehlo', { port, security: 'starttls' }, proven.index));
  const fixes: FixRef[] = [];
  // Live, the port is the one the user chose; pasted, an implicit-TLS port named in the text says nothing about where
  // the mismatch happened.
  if (port !== undefined && (live || !isImplicitTlsPort(port))) {
    fixes.push(fix('tls-mode.keep-port-starttls', { port }, { port, security: 'starttls' }));
    const elsewhere = workingAlternative(context, { security: 'tls' });
    if (elsewhere) fixes.push(otherPort(context, 'tls-mode.other-port-implicit', elsewhere.record.target.port, 'tls'));
    // Without a probe nothing is known of the provider's other ports: name the convention.
    else if (!live) fixes.push(fix('tls-mode.other-port-implicit', { otherPort: 465 }, { port: 465, security: 'tls' }));
  } else {
    fixes.push(fix('tls-mode.starttls-on-587', {}, { port: 587, security: 'starttls' }));
    fixes.push(fix('tls-mode.implicit-on-465', {}, { port: 465, security: 'tls' }));
  }
  const sure = proven !== undefined || (port !== undefined && !isImplicitTlsPort(port));
  return cause(
    context,
    'tls-mode.implicit-on-starttls-port',
    {
      params: { port, host: live ? context.host : undefined, proven: proven !== undefined },
      evidence,
      fixes,
      deadEnds: [deadEnd('disable-certificate-checks.no-tls-agreed'), deadEnd('change-password.never-reached-auth')],
      confidence: sure ? 'high' : 'medium',
    },
    'tls',
  );
}

/** How a plaintext client on an implicit-TLS port saw the silence, and how sure the evidence makes it. */
interface Silence {
  quote: EvidenceQuote;
  /** The port expects implicit TLS (by convention, or proven by a session there). */
  onImplicitPort: boolean;
  proven: number | undefined;
  /** The client says it timed out without saying at which step (Python's "timed out"). */
  timedOut: boolean;
  /** The server closed the connection rather than staying silent. */
  closed: boolean;
  /** The TCP connection is known to have opened. */
  connected: boolean;
  /** The text itself says the greeting never came on an implicit-TLS port (not a guess from a timeout or a close). */
  sure: boolean;
}

function plaintextWithoutGreeting(context: DiagnoseContext): Silence | undefined {
  const configured = context.configured;
  if (configured) {
    const plain = plaintextOnImplicitTls(context);
    const failure = configuredFailure(context);
    if (!plain || !failure) return undefined;
    // Guessed from the port alone, a wait cut short by the check's own limit proves nothing: the deadline rule's.
    if (!plain.proven && ownLimitExplains(context)) return undefined;
    return {
      quote: failureQuote(configured, failure),
      onImplicitPort: true,
      proven: plain.proven?.index,
      timedOut: false,
      closed: false,
      connected: true,
      sure: plain.proven !== undefined,
    };
  }
  const onImplicit = pastedPlaintextOnImplicitTlsPort(context);
  const greeting = clientMessages(context, 'greeting-never-received')[0];
  // A greeting that never came, on a port that is not an implicit-TLS one, is the greeting rule's (a silent server).
  if (greeting && (onImplicit || context.port === undefined))
    return {
      quote: pastedQuote(greeting),
      onImplicitPort: onImplicit,
      proven: undefined,
      timedOut: false,
      closed: false,
      connected: true,
      sure: onImplicit,
    };
  if (!onImplicit) return undefined;
  // A client timeout that does not say whether it was connecting or waiting for the greeting: on an implicit-TLS port
  // a plaintext client is wrong either way, and waiting for a greeting is the usual story.
  const timedOut = clientMessages(context, 'timed-out')[0];
  if (timedOut)
    return {
      quote: pastedQuote(timedOut),
      onImplicitPort: true,
      proven: undefined,
      timedOut: true,
      closed: false,
      connected: false,
      sure: false,
    };
  // A read that timed out before any reply: the connection was open and the client waited for the greeting that a
  // server on an implicit-TLS port never sends in plaintext. After a reply the session was talking: not the mode.
  const stalled = clientMessages(context, 'read-timed-out')[0];
  if (stalled && !context.evidence.observations.some((o) => o.kind === 'reply'))
    return {
      quote: pastedQuote(stalled),
      onImplicitPort: true,
      proven: undefined,
      timedOut: false,
      closed: false,
      connected: true,
      sure: false,
    };
  const closed = clientMessages(context, 'connection-closed')[0];
  if (closed)
    return {
      quote: pastedQuote(closed),
      onImplicitPort: true,
      proven: undefined,
      timedOut: false,
      closed: true,
      connected: true,
      sure: false,
    };
  return undefined;
}

function plaintextOnImplicitPort(context: DiagnoseContext, silence: Silence): Candidate {
  const deadEnds: DeadEndRef[] = [deadEnd('raise-timeout.implicit-never-speaks')];
  if (silence.connected) deadEnds.push(deadEnd('firewall-changes.connection-worked'));
  deadEnds.push(deadEnd('change-password.never-reached-auth'));
  const port = context.port;
  // On a port the text does not name, a silent greeting is first the greeting rule's (a server that never greets, which
  // also says that port 465 waits for TLS); the mode is the other reading, ranked after it at the greeting.
  if (!silence.onImplicitPort || port === undefined)
    return cause(
      context,
      'tls-mode.plaintext-probably',
      {
        evidence: [silence.quote],
        fixes: [
          fix('tls-mode.implicit-on-465-first', {}, { port: 465, security: 'tls' }),
          fix('tls-mode.starttls-on-587', { or: true }, { port: 587, security: 'starttls' }),
        ],
        deadEnds,
        confidence: 'low',
      },
      'greeting',
    );
  const evidence = [silence.quote];
  if (silence.proven !== undefined)
    evidence.push(note('tls-mode.reached-ehlo', { port, security: 'tls' }, silence.proven));
  const fixes: FixRef[] = [fix('tls-mode.keep-port-implicit', { port }, { port, security: 'tls' })];
  if (context.configured) {
    const starttls = workingAlternative(context, { security: 'starttls' });
    if (starttls)
      fixes.push(otherPort(context, 'tls-mode.other-port-starttls', starttls.record.target.port, 'starttls'));
  } else fixes.push(fix('tls-mode.starttls-on-587', { or: true }, { port: 587, security: 'starttls' }));
  return cause(
    context,
    'tls-mode.plaintext-on-implicit-port',
    {
      params: {
        port,
        host: context.configured ? context.host : undefined,
        proven: silence.proven !== undefined,
        timedOut: silence.timedOut,
        closed: silence.closed,
      },
      evidence,
      fixes,
      deadEnds,
      confidence: silence.sure ? 'high' : 'medium',
    },
    'tls',
  );
}

/**
 * Another port where the mode works. "Where it works" only when nothing there says otherwise: a login smtp-doctor made
 * there and had refused proves the connection, not the credentials (the credentials finding says the rest).
 */
function otherPort(
  context: DiagnoseContext,
  key: 'tls-mode.other-port-implicit' | 'tls-mode.other-port-starttls',
  port: number,
  security: 'tls' | 'starttls',
): FixRef {
  const refused = refusedLogin(context);
  const refusedThere = refused?.record.target.port === port && refused.record.target.security === security;
  return fix(key, { otherPort: port, refusedThere, provenThere: true }, { port, security });
}
