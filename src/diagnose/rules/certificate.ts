// Rule: the server certificate does not verify; the Node/OpenSSL code says how (expired, self-signed, wrong name…).
import type { EvidenceQuote, Fix } from '../../model/finding.js';
import type { TlsFacts } from '../../model/session.js';
import { candidate, pastedQuote, transcriptQuote } from '../build.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { configuredFailure } from '../reading/sessions.js';
import { errorCodes } from '../reading/pasted.js';
import type { Candidate, Rule } from '../types.js';

type Detail = 'expired' | 'not-yet-valid' | 'self-signed' | 'hostname-mismatch' | 'untrusted-issuer' | 'revoked';

const DETAIL_OF: Readonly<Record<string, Detail>> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted-issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted-issuer',
  CERT_UNTRUSTED: 'untrusted-issuer',
  CERT_SIGNATURE_FAILURE: 'untrusted-issuer',
  CERT_REVOKED: 'revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname-mismatch',
  HOSTNAME_MISMATCH: 'hostname-mismatch',
};

const NODE_DOC = {
  title: 'Node.js: X509 certificate error codes',
  url: 'https://nodejs.org/api/tls.html#x509-certificate-error-codes',
};
const trustCa: Fix = {
  text: 'If you trust this server (your own, a lab, Proton Bridge), trust its CA or certificate explicitly: --ca FILE, NODE_EXTRA_CA_CERTS, or the client’s ca option.',
};
const disableChecks = {
  text: 'Turning certificate verification off (rejectUnauthorized: false, --insecure)',
  why: 'it hides the problem and lets anyone in the path read the password; RFC 4954 forbids PLAIN over an unverified TLS connection.',
};

export const certificate: Rule = {
  id: 'certificate',
  description:
    'Certificate verification failures by Node error code: expired, not yet valid, self-signed, untrusted issuer, host-name mismatch.',
  produces: ['certificate-invalid'],
  run(context) {
    const out: Candidate[] = [];
    const configured = context.configured;
    if (configured) {
      const failure = configuredFailure(context);
      const tls = configured.record.tls;
      if (failure?.kind === 'certificate-rejected' || (failure?.kind === 'tls-error' && DETAIL_OF[failure.code])) {
        // The refusal itself, then the certificate once: the transcript's "Certificate:" line also names the code.
        const quote = transcriptQuote(
          configured,
          (t) => t.includes(failure.code) && !isCertificateLine(t),
          `${failure.message} (${failure.code})`,
        );
        out.push(make(failure.code, [quote, ...certQuotes(configured, tls)], context, tls, 'error'));
      } else if (tls && !tls.verification.ok && tls.verification.acceptedInsecurely) {
        const code = tls.verification.hostnameError?.code ?? tls.verification.chainError?.code ?? 'CERT_UNTRUSTED';
        const quote = transcriptQuote(configured, isCertificateLine, `certificate not verified (${code})`);
        out.push(make(code, [quote], context, tls, 'warning'));
      }
      return out;
    }
    const seen = new Set<Detail>();
    for (const o of errorCodes(context)) {
      const detail = DETAIL_OF[o.code];
      if (!detail || seen.has(detail)) continue;
      seen.add(detail);
      out.push(make(o.code, [pastedQuote(o)], context, undefined, 'error'));
    }
    return out;
  },
};

/** The line the session recorded when TLS started (`Certificate: subject; issuer …; NOT verified (code)`). */
function isCertificateLine(text: string): boolean {
  return text.startsWith('Certificate:');
}

/** The certificate as the transcript recorded it, else (evidence without that line) as the TLS facts hold it. */
function certQuotes(at: IndexedSession, tls: TlsFacts | undefined): EvidenceQuote[] {
  const event = at.record.transcript.findIndex((e) => e.dir === 'info' && isCertificateLine(e.text));
  const line = at.record.transcript[event];
  if (line) return [{ text: line.text, source: 'transcript', session: at.index, event }];
  const cert = tls?.certificate;
  if (!cert) return [];
  return [
    {
      text: `certificate ${cert.subject}; issuer ${cert.issuer}; names ${cert.subjectAltNames.join(' ') || '(none)'}; valid ${cert.validFrom} to ${cert.validTo}`,
      source: 'tls',
      session: at.index,
    },
  ];
}

function make(
  code: string,
  evidence: EvidenceQuote[],
  context: DiagnoseContext,
  tls: TlsFacts | undefined,
  severity: 'error' | 'warning',
): Candidate {
  const detail = DETAIL_OF[code] ?? 'untrusted-issuer';
  const insecure =
    severity === 'warning' ? ' The session went on only because certificate checks were switched off.' : '';
  const host = context.host ?? 'the server';
  // The same at the start of a sentence: a host name keeps its case, the fallback words get a capital.
  const hostFirst = context.host ?? 'The server';
  const texts: Record<Detail, { title: string; summary: string; fixes: Fix[] }> = {
    expired: {
      title: 'The server certificate has expired',
      summary: `The certificate ${host} presents is past its end date (${code}).`,
      fixes: [
        { text: 'Server admin: renew the certificate (and reload the mail service so it uses the new one).' },
        { text: 'If many sites look expired: check this machine’s clock.' },
      ],
    },
    'not-yet-valid': {
      title: 'The server certificate is not valid yet',
      summary: `The certificate's start date lies in the future as this machine sees it (${code}); usually this machine's clock is wrong.`,
      fixes: [
        { text: 'Check the date and time of this machine (enable NTP).' },
        { text: 'Server admin: check the certificate’s validity dates.' },
      ],
    },
    'self-signed': {
      title: 'The server presents a self-signed certificate',
      summary: `${hostFirst} presents a certificate signed by itself (${code}): nobody your system trusts vouches for it. Normal for your own test server or Proton Bridge; on a public provider it can mean interception.`,
      fixes: [trustCa, { text: 'Server admin: install a certificate from a public CA (e.g. Let’s Encrypt).' }],
    },
    'untrusted-issuer': {
      title: 'The certificate’s issuer is not trusted here',
      summary:
        code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
          ? `The certificate cannot be chained to a trusted root (${code}): usually the server does not send its intermediate certificate, or a private CA issued it.`
          : `The certificate chains to a CA this system does not trust (${code}): a private or company CA, or a TLS-intercepting proxy or antivirus.`,
      fixes: [
        trustCa,
        { text: 'Server admin: send the full chain (leaf plus intermediates), e.g. fullchain.pem.' },
        { text: 'Check for antivirus "mail scanning" or a corporate proxy that intercepts TLS.' },
      ],
    },
    'hostname-mismatch': {
      title: 'The certificate is for another host name',
      summary: `The certificate does not list "${host}" among its names (${code}). Often the configured host is an alias (CNAME) of the real mail server, or an IP address.`,
      fixes: hostnameFixes(tls, context),
    },
    revoked: {
      title: 'The server certificate was revoked',
      summary: `The certificate has been revoked by its issuer (${code}).`,
      fixes: [{ text: 'Server admin: replace the certificate.' }],
    },
  };
  const t = texts[detail];
  return candidate(
    {
      id: 'certificate-invalid',
      detail,
      title: t.title,
      summary: t.summary + insecure,
      evidence,
      fixes: t.fixes,
      deadEnds: [disableChecks],
      docs: [NODE_DOC],
      confidence: 'high',
      severity,
    },
    'tls',
  );
}

function hostnameFixes(tls: TlsFacts | undefined, context: DiagnoseContext): Fix[] {
  const names = (tls?.certificate?.subjectAltNames ?? [])
    .map((n) => /^DNS:(.+)$/.exec(n.trim())?.[1])
    .filter((n): n is string => n !== undefined && !n.startsWith('*'));
  const fixes: Fix[] = [];
  const name = names[0];
  if (name) fixes.push({ text: `Connect to a name the certificate lists: ${name}.`, settings: { host: name } });
  const endpoint = context.provider?.submission?.endpoints.find((e) => !e.host.includes('{'));
  if (endpoint && endpoint.host !== name && endpoint.host !== context.host)
    fixes.push({ text: `Use the provider’s own host name ${endpoint.host}.`, settings: { host: endpoint.host } });
  fixes.push({ text: 'Use the host name the provider documents, not an IP address or your own alias for it.' });
  return fixes;
}
