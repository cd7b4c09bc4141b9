// TLS error codes: what each Node/OpenSSL code says went wrong (a certificate problem, the TLS mode, the TLS version).

/** What a certificate code says about the certificate: each names one cause of the certificate rule. */
export type CertificateProblem =
  | 'expired'
  | 'not-yet-valid'
  | 'self-signed'
  | 'untrusted-issuer'
  | 'missing-intermediate'
  | 'hostname-mismatch'
  | 'revoked'
  /** Any other check of the certificate failed (its purpose, its CA flag, a path too long, a field it cannot read…). */
  | 'unverifiable';

export type TlsErrorMeaning =
  /** The certificate did not verify (the certificate rule reads it). */
  | { kind: 'certificate'; problem: CertificateProblem }
  /** The other side did not speak TLS at all: a plaintext greeting read as a TLS record ("wrong version number"). */
  | { kind: 'not-tls' }
  /** The two sides share no TLS version. */
  | { kind: 'protocol-version' }
  /** The peer ended the handshake with a handshake_failure alert: nothing it could accept in what was offered. */
  | { kind: 'handshake-failure' }
  /**
   * The client ended the handshake: what the server sent is weaker than the client's security level allows (a short
   * Diffie-Hellman or certificate key, a weak signature, no secure renegotiation).
   */
  | { kind: 'weak-server' };

const NODE_X509 =
  'https://nodejs.org/api/tls.html#x509-certificate-error-codes (the code of a certificate verification error)';
const NODE_NAMING =
  "shared/reference/protocol-security.md §3.3 (Node 20, OpenSSL 3: Node's code is ERR_SSL_ and OpenSSL's reason in capitals — reason 'wrong version number' is ERR_SSL_WRONG_VERSION_NUMBER, the peer's alert 'tlsv1 alert protocol version' is ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION; a TLS client to a plaintext SMTP port gets the first, client min TLSv1.3 against server max TLSv1.2 the second)";
const OPENSSL_REASONS_SOURCE =
  'openssl/openssl:ssl/ssl_err.c (SSL_str_reasons: "wrong version number", "unsupported protocol", "no protocols available", and the peer’s alerts "tlsv1 alert protocol version", "sslv3 alert handshake failure")';
const OPENSSL_10_UNKNOWN_PROTOCOL =
  'openssl/openssl@OpenSSL_1_0_2u:ssl/s23_clnt.c (ssl23_get_server_hello: SSL_R_UNKNOWN_PROTOCOL "unknown protocol" when the reply to the ClientHello is no SSL/TLS record — OpenSSL 1.0’s "wrong version number")';
const RFC8446_ALERTS =
  'https://www.rfc-editor.org/rfc/rfc8446#section-6.2 (handshake_failure: the sender was unable to negotiate an acceptable set of security parameters given the options available)';

export const TLS_ERROR_SOURCES: readonly string[] = [
  NODE_X509,
  NODE_NAMING,
  OPENSSL_REASONS_SOURCE,
  OPENSSL_10_UNKNOWN_PROTOCOL,
  RFC8446_ALERTS,
];

const certificate = (problem: CertificateProblem): TlsErrorMeaning => ({ kind: 'certificate', problem });

/**
 * Certificate codes: Node's full list of X509 verification codes, plus the code of its own host-name check. The ones
 * that do not say expired, not yet valid, self-signed, untrusted issuer, missing intermediate, host name or revoked are
 * "unverifiable": the certificate failed a check, and the code names which.
 */
const CERTIFICATE_CODES: Readonly<Record<string, TlsErrorMeaning>> = {
  CERT_HAS_EXPIRED: certificate('expired'),
  CERT_NOT_YET_VALID: certificate('not-yet-valid'),
  DEPTH_ZERO_SELF_SIGNED_CERT: certificate('self-signed'),
  SELF_SIGNED_CERT_IN_CHAIN: certificate('untrusted-issuer'),
  UNABLE_TO_GET_ISSUER_CERT: certificate('untrusted-issuer'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: certificate('untrusted-issuer'),
  CERT_UNTRUSTED: certificate('untrusted-issuer'),
  CERT_SIGNATURE_FAILURE: certificate('untrusted-issuer'),
  // "unable to verify the first certificate": the chain stops at the leaf, usually a missing intermediate.
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: certificate('missing-intermediate'),
  CERT_REVOKED: certificate('revoked'),
  HOSTNAME_MISMATCH: certificate('hostname-mismatch'),
  // Node's checkServerIdentity(): https://nodejs.org/api/tls.html#tlscheckserveridentityhostname-cert
  ERR_TLS_CERT_ALTNAME_INVALID: certificate('hostname-mismatch'),
  UNABLE_TO_GET_CRL: certificate('unverifiable'),
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: certificate('unverifiable'),
  UNABLE_TO_DECRYPT_CRL_SIGNATURE: certificate('unverifiable'),
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: certificate('unverifiable'),
  CRL_SIGNATURE_FAILURE: certificate('unverifiable'),
  CRL_NOT_YET_VALID: certificate('unverifiable'),
  CRL_HAS_EXPIRED: certificate('unverifiable'),
  ERROR_IN_CERT_NOT_BEFORE_FIELD: certificate('unverifiable'),
  ERROR_IN_CERT_NOT_AFTER_FIELD: certificate('unverifiable'),
  ERROR_IN_CRL_LAST_UPDATE_FIELD: certificate('unverifiable'),
  ERROR_IN_CRL_NEXT_UPDATE_FIELD: certificate('unverifiable'),
  OUT_OF_MEM: certificate('unverifiable'),
  CERT_CHAIN_TOO_LONG: certificate('unverifiable'),
  INVALID_CA: certificate('unverifiable'),
  PATH_LENGTH_EXCEEDED: certificate('unverifiable'),
  INVALID_PURPOSE: certificate('unverifiable'),
  CERT_REJECTED: certificate('unverifiable'),
};

/** OpenSSL reasons, as Node names them after ERR_SSL_ (and after the alert prefix when the peer sent an alert). */
const OPENSSL_REASONS: Readonly<Record<string, TlsErrorMeaning>> = {
  WRONG_VERSION_NUMBER: { kind: 'not-tls' },
  UNKNOWN_PROTOCOL: { kind: 'not-tls' },
  HANDSHAKE_FAILURE: { kind: 'handshake-failure' },
  PROTOCOL_VERSION: { kind: 'protocol-version' },
  UNSUPPORTED_PROTOCOL: { kind: 'protocol-version' },
  NO_PROTOCOLS_AVAILABLE: { kind: 'protocol-version' },
  DH_KEY_TOO_SMALL: { kind: 'weak-server' },
  UNSAFE_LEGACY_RENEGOTIATION_DISABLED: { kind: 'weak-server' },
  EE_KEY_TOO_SMALL: { kind: 'weak-server' },
  CA_MD_TOO_WEAK: { kind: 'weak-server' },
};

const OPENSSL_PREFIX = /^ERR_SSL_(?:(?:SSLV3|TLSV1|TLSV13)_ALERT_)?/;

/** What a TLS error code means, or undefined for a code this table does not know (a reset, a timeout, a new code). */
export function tlsErrorMeaning(code: string): TlsErrorMeaning | undefined {
  const known = CERTIFICATE_CODES[code];
  if (known) return known;
  const reason = code.replace(OPENSSL_PREFIX, '');
  return reason === code ? undefined : OPENSSL_REASONS[reason];
}

/** The certificate problem a code names, or undefined when the code is not about the certificate. */
export function certificateProblem(code: string): CertificateProblem | undefined {
  const meaning = tlsErrorMeaning(code);
  return meaning?.kind === 'certificate' ? meaning.problem : undefined;
}
