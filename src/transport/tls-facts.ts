// TLS facts: what the handshake and the server certificate tell us, and whether the certificate checks out.
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateFacts, CertificateVerification } from '../model/session.js';

export function summarizeCertificate(cert: PeerCertificate | Record<string, never>): CertificateFacts | null {
  if (!('subject' in cert) || Object.keys(cert).length === 0) return null;
  const subject = formatName(cert.subject);
  const issuer = formatName(cert.issuer);
  return {
    subject,
    issuer,
    subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(/,\s*/) : [],
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    selfSigned: subject === issuer,
  };
}

/**
 * The chain (Node's `authorized`, which the connection leaves to the chain alone) and the name: the certificate must
 * name `identityHost` as the user gave it, a DNS name or an IP address (an IP-only certificate verifies for its IP).
 */
export function verifyPeer(socket: TLSSocket, identityHost: string, insecure: boolean): CertificateVerification {
  const verification: CertificateVerification = { ok: true, acceptedInsecurely: false };
  if (!socket.authorized) {
    verification.chainError = errorFacts(socket.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  }
  const cert = socket.getPeerCertificate();
  const identity = checkServerIdentity(identityHost, cert);
  if (identity) verification.hostnameError = errorFacts(identity, 'ERR_TLS_CERT_ALTNAME_INVALID');
  verification.ok = !verification.chainError && !verification.hostnameError;
  verification.acceptedInsecurely = !verification.ok && insecure;
  return verification;
}

/** OpenSSL's own wording for the verify codes we meet (Node reports only the code for the chain check). */
const VERIFY_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  INVALID_CA: 'invalid CA certificate',
};

/** Node puts the OpenSSL verify code in `code` (and, for authorizationError, sometimes only in the message). */
function errorFacts(err: unknown, fallbackCode: string): { code: string; message: string } {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return { code: typeof code === 'string' ? code : fallbackCode, message: err.message };
  }
  if (typeof err === 'string') {
    const code = /^[A-Z_]+$/.test(err) ? err : fallbackCode;
    return { code, message: VERIFY_MESSAGES[code] ?? err.toLowerCase().replace(/_/g, ' ') };
  }
  return { code: fallbackCode, message: 'certificate not trusted' };
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

function isoDate(text: string): string {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}
