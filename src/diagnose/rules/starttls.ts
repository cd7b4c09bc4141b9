// Rule: STARTTLS expected but not offered or refused, and plaintext injected after the STARTTLS go-ahead.
import type { SubmissionEndpoint } from '../../knowledge/schema.js';
import type { Confidence, EvidenceQuote } from '../../model/finding.js';
import { pastedQuote, replyQuote, stepQuote } from '../quotes.js';
import { cause, deadEnd, fix, note, type FixRef } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { clientMessages, errorCodes } from '../reading/pasted.js';
import { documentedEndpoints, isDocumentedHost, provenTlsAlternative } from '../reading/endpoints.js';
import { starttlsDetail } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

export const starttls: Rule = {
  id: 'starttls',
  description:
    'STARTTLS not advertised, refused or failing, and bytes injected between the STARTTLS go-ahead and the TLS handshake.',
  produces: ['starttls-unavailable', 'starttls-injection', 'tls-handshake-failed'],
  run(context) {
    const facts = context.configured ? fromSession(context.configured) : fromPasted(context);
    const out: Candidate[] = [];
    if (facts.injection) out.push(injection(context, facts.injection));
    if (facts.unavailable) out.push(unavailable(context, facts.unavailable));
    if (facts.handshakeFailed) out.push(handshakeFailed(context, facts.handshakeFailed));
    return out;
  },
};

/** What the evidence says about STARTTLS, live or pasted, as the same facts. */
interface StarttlsFacts {
  /** Plaintext after the 220 go-ahead: the preview of the injected bytes (live only: a client cannot tell). */
  injection?: { quote: EvidenceQuote; bytes: number };
  unavailable?: {
    detail: 'refused' | 'not-offered';
    evidence: EvidenceQuote[];
    /** smtp-doctor withheld the credentials (a live session); pasted text does not say what the client did. */
    withheld: boolean;
    confidence: Confidence;
  };
  /** The server agreed to STARTTLS but the handshake failed, and the text gives no TLS code that says why. */
  handshakeFailed?: EvidenceQuote;
}

function fromPasted(context: DiagnoseContext): StarttlsFacts {
  const facts: StarttlsFacts = {};
  const notOffered = clientMessages(context, 'starttls-not-advertised')[0];
  if (notOffered)
    facts.unavailable = {
      detail: 'not-offered',
      evidence: [pastedQuote(notOffered)],
      withheld: false,
      confidence: 'medium',
    };
  const failed = clientMessages(context, 'starttls-failed')[0];
  // A TLS error code in the text says why the handshake failed: the rules that read TLS codes name it.
  if (failed && !errorCodes(context).some((o) => o.phase === 'tls')) facts.handshakeFailed = pastedQuote(failed);
  return facts;
}

function fromSession(configured: IndexedSession): StarttlsFacts {
  const record = configured.record;
  const facts: StarttlsFacts = {};
  if (record.injection)
    facts.injection = {
      quote: { text: record.injection.preview, source: 'transcript', session: configured.index },
      bytes: record.injection.bytes,
    };
  const step = record.steps.find((s) => s.step === 'starttls');
  const before = record.capabilities.beforeTls;
  const detail = starttlsDetail(record);
  const advertised = detail === 'refused';
  // Advertised, it is refused only by a reply other than the 220 go-ahead (454, a 5xx, or any odd code): a connection
  // that dropped or stalled in the middle of STARTTLS got no answer, and is the connection-lost finding.
  const refused =
    step !== undefined &&
    step.result !== 'ok' &&
    (!advertised || (step.result === 'rejected' && step.reply !== undefined));
  if (record.target.security === 'starttls' && step && refused) {
    const evidence = [
      step.reply
        ? replyQuote(step.reply, configured)
        : // Without a reply it was never advertised (see above): the session's own line on the step says so.
          stepQuote(configured, 'starttls', note('starttls.not-advertised', { viaHelo: before?.viaHelo })),
    ];
    if (before && !advertised)
      evidence.push(note('ehlo.capabilities', { extensions: Object.keys(before.extensions) }, configured.index));
    facts.unavailable = { detail, evidence, withheld: true, confidence: 'high' };
  }
  return facts;
}

function injection(context: DiagnoseContext, found: NonNullable<StarttlsFacts['injection']>): Candidate {
  return cause(
    context,
    'starttls.injection',
    {
      params: { bytes: found.bytes },
      evidence: [found.quote],
      fixes: [...implicitTls(context, true), fix('starttls.report-tampering')],
      deadEnds: [deadEnd('tls-off')],
      confidence: 'high',
    },
    'starttls',
  );
}

function unavailable(context: DiagnoseContext, found: NonNullable<StarttlsFacts['unavailable']>): Candidate {
  return cause(
    context,
    found.detail === 'refused' ? 'starttls.refused' : 'starttls.not-offered',
    {
      params: { withheld: found.withheld },
      evidence: found.evidence,
      fixes: tlsAlternatives(context),
      deadEnds: [deadEnd('tls-off')],
      confidence: found.confidence,
    },
    'starttls',
  );
}

function handshakeFailed(context: DiagnoseContext, quote: EvidenceQuote): Candidate {
  return cause(
    context,
    'starttls.handshake-failed',
    {
      evidence: [quote],
      fixes: [fix('starttls.read-handshake-error'), ...tlsAlternatives(context)],
      confidence: 'low',
    },
    'tls',
  );
}

/**
 * Where TLS can be had instead: an alternative the probe saw reach EHLO over TLS, else an endpoint the provider
 * documents (and the probe did not see fail). Never a port nobody showed to work: with nothing proven or documented,
 * the advice is about the host and the network path instead.
 */
function tlsAlternatives(context: DiagnoseContext): FixRef[] {
  const implicit = implicitTls(context, false);
  if (implicit.length > 0) return implicit;
  const proven = provenTlsAlternative(context, { security: 'starttls' });
  if (proven) {
    const port = proven.record.target.port;
    return [fix('starttls.starttls-proven', { port }, { port, security: 'starttls' })];
  }
  const configured = context.configured?.record.target;
  const host = context.host?.toLowerCase();
  const documented = documentedEndpoints(context).find(
    (e) => !(configured && e.host === host && e.port === configured.port && e.security === configured.security),
  );
  const fixes: FixRef[] = [];
  if (documented) fixes.push(endpointFix(context, documented));
  if (context.configured && isDocumentedHost(context, 'starttls'))
    fixes.push(fix('starttls.path-interference', { host: context.host, provider: context.provider?.name }));
  else fixes.push(fix('starttls.check-submission-host'));
  return fixes;
}

/** Implicit TLS proven by an alternative, else documented by the provider; [] when neither. */
function implicitTls(context: DiagnoseContext, injected: boolean): FixRef[] {
  const proven = provenTlsAlternative(context, { security: 'tls' });
  if (proven) {
    const port = proven.record.target.port;
    return [fix('starttls.implicit-proven', { port, injected }, { port, security: 'tls' })];
  }
  const documented = documentedEndpoints(context, { security: 'tls' })[0];
  return documented ? [endpointFix(context, documented)] : [];
}

function endpointFix(context: DiagnoseContext, endpoint: SubmissionEndpoint): FixRef {
  const sameHost = endpoint.host === context.host?.toLowerCase();
  const { port, security } = endpoint;
  return fix(
    'starttls.documented-endpoint',
    { port, security, otherHost: sameHost ? undefined : endpoint.host, provider: context.provider?.name },
    { ...(sameHost ? {} : { host: endpoint.host }), port, security },
  );
}
