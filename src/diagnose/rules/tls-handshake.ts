// Rule: the TLS handshake failed for a reason other than the mode or the certificate (protocol version, reset).
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import { tlsErrorMeaning, type TlsErrorMeaning } from '../../knowledge/tls-errors.js';
import type { EvidenceQuote } from '../../model/finding.js';
import type { Security } from '../../model/session.js';
import { failureQuote, pastedQuote } from '../quotes.js';
import { cause, fix, type FixRef } from '../cite.js';
import type { DiagnoseContext } from '../context.js';
import { ownLimitExplains, userTimeoutNote } from '../reading/limits.js';
import { clientMessages, errorCodes } from '../reading/pasted.js';
import { configuredFailure, workingAlternative } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const tlsHandshake: Rule = {
  id: 'tls-handshake',
  description:
    'TLS handshakes that fail for other reasons: TLS version mismatch, a handshake_failure alert, a reset or silence during the handshake, or a client that does not say why.',
  produces: ['tls-handshake-failed'],
  run(context) {
    const failed = handshakeFailure(context);
    return failed ? [handshakeCause(context, failed)] : [];
  },
};

/** A handshake that failed, live or pasted, with what its code means. */
interface FailedHandshake {
  /** The error code, or the kind of failure when it has none ("timeout", "closed"). */
  code: string;
  meaning: TlsErrorMeaning | undefined;
  quote: EvidenceQuote;
  live: boolean;
  /** The TLS mode the client was in, when known. */
  security: Security | undefined;
}

/**
 * The failed handshake this rule explains: not a certificate refusal (the certificate rule's), and not plaintext where
 * TLS was expected (the tls-mode and starttls rules'). Pasted, only a TLS-version code or a reset during the handshake
 * says enough.
 */
function handshakeFailure(context: DiagnoseContext): FailedHandshake | undefined {
  const configured = context.configured;
  if (configured) {
    const failure = configuredFailure(context);
    if (failure?.phase !== 'tls' || failure.kind === 'certificate-rejected') return undefined;
    // The check's own deadline, or a --timeout too short for any server: the deadline rule names the limit.
    if (failure.kind === 'timeout' && ownLimitExplains(context)) return undefined;
    const code = failure.kind === 'tls-error' || failure.kind === 'network-error' ? failure.code : failure.kind;
    const meaning = failure.kind === 'tls-error' ? tlsErrorMeaning(code) : undefined;
    const security = configured.record.target.security;
    if (meaning?.kind === 'certificate') return undefined;
    // Plaintext where TLS was expected: implicit TLS reading a greeting (tls-mode), or plaintext after the STARTTLS
    // go-ahead, which the session records as injected bytes (starttls).
    if (meaning?.kind === 'not-tls' && (security === 'tls' || configured.record.injection)) return undefined;
    return { code, meaning, quote: failureQuote(configured, failure), live: true, security };
  }
  const codes = errorCodes(context);
  // The client's own "the TLS handshake failed" places a reset it reports beside it in the handshake.
  const tlsFailed = clientMessages(context, 'tls-failed')[0];
  for (const o of codes) {
    const meaning = tlsErrorMeaning(o.code);
    const reset = o.code === 'ECONNRESET' && (o.phase === 'tls' || tlsFailed !== undefined);
    if (
      meaning?.kind === 'protocol-version' ||
      meaning?.kind === 'handshake-failure' ||
      meaning?.kind === 'weak-server' ||
      reset
    )
      return { code: o.code, meaning, quote: pastedQuote(o), live: false, security: context.security };
  }
  // Without a reason in the text (a certificate, the mode, a version, a reset: the rules that read TLS codes name it),
  // the client's bare "the handshake failed" is all there is — unless it was STARTTLS's (the starttls rule's).
  if (tlsFailed && !codes.some((o) => o.phase === 'tls') && clientMessages(context, 'starttls-failed').length === 0)
    return { code: 'unexplained', meaning: undefined, quote: pastedQuote(tlsFailed), live: false, security: undefined };
  return undefined;
}

function handshakeCause(context: DiagnoseContext, failed: FailedHandshake): Candidate {
  const port = context.port;
  // Implicit TLS refused on a port without that convention, where STARTTLS was seen to work: the port's mode.
  const starttlsProven =
    failed.live && port !== undefined && failed.security === 'tls' && !isImplicitTlsPort(port)
      ? workingAlternative(context, { port, security: 'starttls' }) !== undefined
      : false;
  const params = {
    host: failed.live ? context.host : undefined,
    port: failed.live ? port : undefined,
    code: failed.code,
  };
  const useStarttls = fix('tls-handshake.use-starttls-here', { port }, { port, security: 'starttls' });
  if (failed.meaning?.kind === 'protocol-version')
    return cause(
      context,
      'tls-handshake.protocol-version',
      {
        params,
        evidence: [failed.quote],
        fixes: starttlsProven ? [useStarttls] : [fix('tls-handshake.update-client'), fix('tls-handshake.server-tls12')],
        confidence: failed.live ? (starttlsProven ? 'high' : 'medium') : 'high',
      },
      'tls',
    );
  if (failed.meaning?.kind === 'handshake-failure')
    return cause(
      context,
      'tls-handshake.refused',
      {
        params,
        evidence: [failed.quote],
        fixes: starttlsProven
          ? [useStarttls]
          : [
              fix('tls-handshake.update-client'),
              fix('tls-handshake.server-tls12'),
              fix('tls-handshake.client-certificate'),
            ],
        confidence: 'medium',
      },
      'tls',
    );
  if (failed.meaning?.kind === 'weak-server')
    return cause(
      context,
      'tls-handshake.weak-server',
      {
        params,
        evidence: [failed.quote],
        fixes: [fix('tls-handshake.server-modern-tls'), fix('tls-handshake.client-security-level')],
        confidence: failed.live ? 'medium' : 'high',
      },
      'tls',
    );
  if (failed.code === 'unexplained')
    return cause(
      context,
      'tls-handshake.unexplained',
      {
        evidence: [failed.quote],
        fixes: [
          fix('tls-handshake.read-inner-error'),
          fix('tls-handshake.other-mode', {}, { port: 587, security: 'starttls' }),
          fix('tls-handshake.check-middlebox'),
        ],
        confidence: 'low',
      },
      'tls',
    );
  const reset = failed.code === 'ECONNRESET' || failed.code === 'closed';
  const fixes: FixRef[] = starttlsProven
    ? [useStarttls]
    : [
        // Pasted, the convention is all there is to go by: STARTTLS on 587.
        fix('tls-handshake.other-mode', {}, failed.live ? undefined : { port: 587, security: 'starttls' }),
        fix('tls-handshake.check-middlebox'),
      ];
  return cause(
    context,
    'tls-handshake.incomplete',
    {
      params: {
        ...params,
        reset,
        starttlsProven,
        // A reset is the usual answer of a plaintext port to a ClientHello: said unless the client spoke STARTTLS.
        maybeImplicitOnPlaintext: reset && failed.security !== 'starttls',
      },
      evidence: [failed.quote, ...userTimeoutNote(context)],
      fixes,
      detail: failed.code === 'timeout' ? 'timeout' : 'reset',
      confidence: failed.live ? (starttlsProven ? 'high' : 'medium') : 'low',
    },
    'tls',
  );
}
