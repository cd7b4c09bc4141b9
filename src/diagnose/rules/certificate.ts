// Rule: the server certificate does not verify; the Node/OpenSSL code says how (expired, self-signed, wrong name…).
import { CAUSES, type CauseKey } from '../../knowledge/causes/index.js';
import { certificateProblem, type CertificateProblem } from '../../knowledge/tls-errors.js';
import type { EvidenceQuote } from '../../model/finding.js';
import type { TlsFacts } from '../../model/session.js';
import { failureQuote, pastedQuote } from '../quotes.js';
import { cause, deadEnd, fix, note, type FixRef } from '../cite.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { errorCodes } from '../reading/pasted.js';
import { configuredFailure } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

const CAUSE_OF: Readonly<Record<CertificateProblem, CauseKey & `certificate.${string}`>> = {
  expired: 'certificate.expired',
  'not-yet-valid': 'certificate.not-yet-valid',
  'self-signed': 'certificate.self-signed',
  'untrusted-issuer': 'certificate.untrusted-issuer',
  'missing-intermediate': 'certificate.missing-intermediate',
  'hostname-mismatch': 'certificate.hostname-mismatch',
  revoked: 'certificate.revoked',
  unverifiable: 'certificate.unverifiable',
};

export const certificate: Rule = {
  id: 'certificate',
  description:
    'Certificate verification failures by Node error code: expired, not yet valid, self-signed, untrusted issuer, host-name mismatch.',
  produces: ['certificate-invalid'],
  run(context) {
    return certificateFailures(context).map((failed) => certificateCause(context, failed));
  },
};

/** A certificate that failed verification, live or pasted: the code, what it means, and the lines that show it. */
interface FailedCertificate {
  code: string;
  problem: CertificateProblem;
  evidence: EvidenceQuote[];
  /** The session went on past the failed check (--insecure): a warning beside whatever else it found. */
  insecure: boolean;
  tls: TlsFacts | undefined;
}

function certificateFailures(context: DiagnoseContext): FailedCertificate[] {
  const configured = context.configured;
  if (!configured) return pastedFailures(context);
  const failure = configuredFailure(context);
  const tls = configured.record.tls;
  const refused =
    failure?.kind === 'certificate-rejected' || (failure?.kind === 'tls-error' && certificateProblem(failure.code))
      ? failure
      : undefined;
  if (refused) {
    // The refusal itself, then the certificate once.
    const certificate = certificateLine(configured) ?? presented(configured, tls);
    return [
      {
        code: refused.code,
        problem: certificateProblem(refused.code) ?? 'unverifiable',
        evidence: certificate ? [failureQuote(configured, refused), certificate] : [failureQuote(configured, refused)],
        insecure: false,
        tls,
      },
    ];
  }
  if (tls && !tls.verification.ok && tls.verification.acceptedInsecurely) {
    const code = tls.verification.hostnameError?.code ?? tls.verification.chainError?.code ?? 'CERT_UNTRUSTED';
    const quote = certificateLine(configured) ?? note('certificate.not-verified', { code }, configured.index);
    return [{ code, problem: certificateProblem(code) ?? 'unverifiable', evidence: [quote], insecure: true, tls }];
  }
  return [];
}

/** Certificate codes in pasted text, one finding per kind of failure (the first code of each). */
function pastedFailures(context: DiagnoseContext): FailedCertificate[] {
  const out: FailedCertificate[] = [];
  const seen = new Set<string | undefined>();
  for (const o of errorCodes(context)) {
    const problem = certificateProblem(o.code);
    if (!problem) continue;
    const detail = CAUSES[CAUSE_OF[problem]].detail;
    if (seen.has(detail)) continue;
    seen.add(detail);
    out.push({ code: o.code, problem, evidence: [pastedQuote(o)], insecure: false, tls: undefined });
  }
  return out;
}

function certificateCause(context: DiagnoseContext, failed: FailedCertificate): Candidate {
  const key = CAUSE_OF[failed.problem];
  const fixes: FixRef[] =
    failed.problem === 'hostname-mismatch' ? hostnameFixes(context, failed.tls) : CAUSES[key].fixes.map((k) => fix(k));
  return cause(
    context,
    key,
    {
      params: { host: context.host, code: failed.code, insecure: failed.insecure },
      evidence: failed.evidence,
      fixes,
      deadEnds: CAUSES[key].deadEnds.map((k) => deadEnd(k)),
      confidence: 'high',
      severity: failed.insecure ? 'warning' : 'error',
    },
    'tls',
  );
}

/**
 * The transcript line that shows the certificate. The session writes it as the last info line of the TLS phase, after
 * "TLS started" (transport/session.ts #noteTls), and only when the server presented one.
 */
function certificateLine(at: IndexedSession): EvidenceQuote | undefined {
  if (!at.record.tls?.certificate) return undefined;
  const transcript = at.record.transcript;
  const handshake = at.record.steps.find((s) => s.step === 'tls-handshake')?.events;
  const events = handshake ?? transcript.flatMap((e, i) => (e.phase === 'tls' ? [i] : []));
  const event = events.filter((i) => transcript[i]?.dir === 'info' && transcript[i].phase === 'tls').at(-1);
  const line = event !== undefined ? transcript[event] : undefined;
  return line && event !== undefined ? { text: line.text, source: 'transcript', session: at.index, event } : undefined;
}

/** The certificate as the TLS facts hold it, for evidence without the transcript line. */
function presented(at: IndexedSession, tls: TlsFacts | undefined): EvidenceQuote | undefined {
  const cert = tls?.certificate;
  if (!cert) return undefined;
  const { subject, issuer, subjectAltNames, validFrom, validTo } = cert;
  return {
    ...note('certificate.presented', { subject, issuer, names: subjectAltNames, validFrom, validTo }, at.index),
    source: 'tls',
  };
}

function hostnameFixes(context: DiagnoseContext, tls: TlsFacts | undefined): FixRef[] {
  const names = (tls?.certificate?.subjectAltNames ?? [])
    .map((n) => /^DNS:(.+)$/.exec(n.trim())?.[1])
    .filter((n): n is string => n !== undefined && !n.startsWith('*'));
  const fixes: FixRef[] = [];
  const name = names[0];
  if (name) fixes.push(fix('certificate.use-listed-name', { name }, { host: name }));
  const endpoint = context.provider?.submission?.endpoints.find((e) => !e.host.includes('{'));
  if (endpoint && endpoint.host !== name && endpoint.host !== context.host)
    fixes.push(fix('certificate.use-provider-host', { providerHost: endpoint.host }, { host: endpoint.host }));
  fixes.push(fix('certificate.use-documented-name'));
  return fixes;
}
