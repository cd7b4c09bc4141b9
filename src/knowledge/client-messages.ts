// Client and library wording that carries meaning without a server reply: network and TLS errors, client refusals.
import type { Phase } from '../model/transcript.js';
import { CLIENT_WORDINGS } from './client-wordings/index.js';

/** What a client's own message means, as the diagnose rules read it. */
export type ClientMessageId =
  | 'greeting-never-received'
  | 'timed-out'
  | 'auth-not-advertised'
  /**
   * The client found no AUTH in the EHLO reply, and it is one that runs STARTTLS on its own whenever the server lists
   * it before looking for AUTH: the server offers no login here, with TLS or without.
   */
  | 'auth-not-advertised-with-tls'
  | 'starttls-not-advertised'
  | 'starttls-failed'
  | 'credentials-missing'
  | 'client-refuses-plaintext-auth'
  | 'non-ascii-credentials'
  | 'connection-closed'
  | 'oauth-token-refresh-failed'
  /** A token endpoint's RFC 6749 error code (invalid_grant, invalid_client…) in the text: which one the line says. */
  | 'oauth-endpoint-error'
  /** A Microsoft Entra AADSTS code in the text (AADSTS70008: …): the reason the token endpoint gave. */
  | 'oauth-aadsts-code'
  /** Google's invalid_grant description, "Token has been expired or revoked." */
  | 'oauth-google-grant-expired'
  /** The client says the server answered its OAuth token with an error challenge instead of accepting it. */
  | 'oauth-token-refused'
  | 'auth-failed'
  /** The mail server's own log says it refused a login (Postfix's SASL warning, Dovecot's password check). */
  | 'server-refused-login'
  /** The mail server's own log says its SASL service could not check logins at all (not running, unreachable). */
  | 'server-sasl-unavailable'
  | 'no-common-mechanism'
  /** The client says the TLS handshake failed without saying why (the reason, when shown, is matched on its own). */
  | 'tls-failed'
  /** A read on an open connection timed out: the server stopped answering (which step, the text does not say). */
  | 'read-timed-out'
  /** The client read another protocol's greeting where SMTP's 220 belongs (IMAP "* OK", POP3 "+OK"): a wrong port. */
  | 'other-protocol-greeting'
  /** The client got a reply out of step: a success or go-ahead code where another belongs, or none it could read. */
  | 'unexpected-reply';

export interface ClientMessagePattern {
  id: string;
  /** Applied case-insensitively to the pasted text. */
  pattern: string;
  /** A Node/OpenSSL error code this wording stands for, or a client message id. */
  yields: { errorCode: string } | { message: ClientMessageId };
  phase: Phase | null;
  /** The client that prints it, when only one does. */
  client?: string;
  sources: string[];
}

const NODE_TLS = 'https://nodejs.org/api/tls.html#x509-certificate-error-codes';
const NODE_ERRORS = 'https://nodejs.org/api/errors.html#common-system-errors';
const NM_CONN = 'nodemailer/nodemailer@10.6.1:dist/esm/smtp-connection/index.js';
const CPY = 'python/cpython@3.11:Lib/smtplib.py';
const MSMTP = 'marlam/msmtp@933d35be:src';
const SWAKS = 'jetmore/swaks@8a052598:swaks';
const POSTFIX_SMTP = 'vdukhovni/postfix:postfix/src/smtp';
const THUNDERBIRD_SMTP = 'mozilla/releases-comm-central:mail/locales/en-US/messenger/messengercompose/smtp.ftl';
const GO_SMTP = 'golang/go:src/net/smtp/smtp.go';
const PHPMAILER = 'PHPMailer/PHPMailer@4a489474:src/SMTP.php';
const SYMFONY = 'symfony/mailer@eb0c3187:Transport/Smtp/EsmtpTransport.php';
const MAILKIT_SSL = 'jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs';
const MAILKIT_SMTP = 'jstedfast/MailKit:MailKit/Net/Smtp';
const JAVAMAIL = 'jakartaee/mail-api:providers/angus-mail/src/main/java/com/sun/mail/smtp/SMTPTransport.java';
const DOTNET_MAIL = 'dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx';
const DOTNET_SECURITY = 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx';
const DOTNET_CHAIN = `${DOTNET_SECURITY} (net_ssl_io_cert_chain_validation: "The remote certificate is invalid because of errors in the certificate chain: {0}", .NET 5 and later)`;
const X509_CHAIN_STATUS =
  'https://learn.microsoft.com/en-us/dotnet/api/system.security.cryptography.x509certificates.x509chainstatusflags';
const RUSTLS = 'rustls/rustls:rustls/src/error.rs';
const SWIFT = 'swiftmailer/swiftmailer@v6.2.7:lib/classes/Swift/Transport';
const LIBUV_ERRNO =
  'libuv/libuv:include/uv/errno.h (Node reports libuv error numbers: UV__ETIMEDOUT is -4039 and UV__ECONNREFUSED -4078 on Windows, UV__EAI_NONAME -3008 everywhere)';
const RFC6749_ERRORS =
  'https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (token endpoint errors: invalid_request, invalid_client, invalid_grant — "The provided authorization grant … or refresh token is invalid, expired, revoked" —, unauthorized_client, unsupported_grant_type, invalid_scope)';

/** Checked in this order; the first pattern of each error code wins, so narrow wording comes before broad. */
export const CLIENT_MESSAGES: readonly ClientMessagePattern[] = [
  // Narrow wordings kept one file per client family (src/knowledge/client-wordings/).
  ...CLIENT_WORDINGS,
  // TLS mode mismatch: a TLS client meets a plaintext SMTP greeting.
  {
    id: 'openssl.wrong-version-number',
    pattern: 'wrong version number|WRONG_VERSION_NUMBER',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    sources: [
      'observed:https://github.com/nodemailer/nodemailer/issues/1038',
      'shared/reference/protocol-security.md §3.3 (Node 20, OpenSSL 3: ERR_SSL_WRONG_VERSION_NUMBER)',
    ],
  },
  {
    id: 'java.unrecognized-ssl-message',
    // Both: the first bytes from the server were not a TLS record (a plaintext greeting). JDK 11 and later throw the
    // second wording from handleUnknownRecord, which is what JavaMail on a STARTTLS port with SSL on usually shows.
    pattern: 'Unrecognized SSL message, plaintext connection\\?|Unsupported or unrecognized SSL message',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    client: 'javamail',
    sources: [
      'openjdk/jdk:src/java.base/share/classes/sun/security/ssl/SSLSocketInputRecord.java ("Unrecognized SSL message, plaintext connection?"; handleUnknownRecord: "Unsupported or unrecognized SSL message")',
    ],
  },
  {
    id: 'gnutls.unexpected-packet',
    // GnuTLS's text for GNUTLS_E_UNEXPECTED_PACKET: what came back was not TLS, e.g. the plaintext "220" greeting of a
    // STARTTLS port answering msmtp's tls_starttls off (implicit TLS).
    pattern: 'An unexpected TLS packet was received',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    sources: [
      'gnutls/gnutls:lib/errors.c (GNUTLS_E_UNEXPECTED_PACKET: "An unexpected TLS packet was received.")',
      `${MSMTP}/mtls-gnutls.c ("TLS handshake failed: %s" with gnutls_strerror)`,
    ],
  },
  {
    id: 'go.first-record-not-tls',
    pattern: 'first record does not look like a TLS handshake',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    client: 'go',
    sources: ['golang/go:src/crypto/tls/conn.go ("tls: first record does not look like a TLS handshake")'],
  },
  {
    id: 'dotnet.unexpected-packet-format',
    // .NET SslStream's text when the first bytes are not a TLS record (a plaintext "220" greeting): MailKit's
    // SslOnConnect (or System.Net.Mail behind a TLS proxy) on a STARTTLS port. MailKit wraps it in SslHandshakeException
    // and, for SslOnConnect, adds "Another possibility is that you are trying to connect to a port which does not
    // support SSL/TLS."
    pattern: 'The handshake failed due to an unexpected packet format',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    sources: [
      'dotnet/runtime:src/libraries/System.Net.Security (net_ssl_io_frame: "The handshake failed due to an unexpected packet format.")',
      'jstedfast/MailKit@03d8c31:MailKit/Security/SslHandshakeException.cs (Create: "An error occurred while attempting to establish an SSL or TLS connection." … "Another possibility is that you are trying to connect to a port which does not support SSL/TLS." when not STARTTLS)',
    ],
  },
  {
    id: 'mailkit.plain-text-port',
    // MailKit adds this advice only when it connected with SSL on connect (not STARTTLS) to a port its protocol keeps
    // for plaintext (25 or 587 for SMTP) and the handshake failed: the mode mismatch in its own words.
    pattern: 'port \\d+ is typically reserved for plain-text connections',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    client: 'mailkit',
    sources: [
      `${MAILKIT_SSL} (Create: "When connecting to {0} {1} service, port {2} is typically reserved for plain-text connections" when !starttls && standardPorts.Contains (port))`,
    ],
  },
  {
    id: 'dotnet.frame-size',
    // .NET SslStream reading a plaintext reply as a TLS record header (an SMTP "220" greeting, an HTTP page).
    pattern: 'Cannot determine the frame size or a corrupted frame was received',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    sources: [
      `${DOTNET_SECURITY} (net_frame_read_size: "Cannot determine the frame size or a corrupted frame was received.")`,
    ],
  },
  {
    id: 'openssl.unknown-protocol',
    // OpenSSL 1.0's SSLv23 client method when the reply to its ClientHello is not an SSL/TLS record (a plaintext
    // "220" greeting): SSL23_GET_SERVER_HELLO:unknown protocol. Python names the reason [SSL: UNKNOWN_PROTOCOL].
    pattern:
      'SSL routines:[^\\n]{0,80}:unknown protocol|\\[SSL: UNKNOWN_PROTOCOL\\]|SSL_connect returned=\\d+ errno=\\d+ [^\\n]{0,80}?state=[^\\n]{0,60}?: unknown protocol',
    yields: { errorCode: 'ERR_SSL_UNKNOWN_PROTOCOL' },
    phase: 'tls',
    sources: [
      'openssl/openssl@OpenSSL_1_0_2u:ssl/s23_clnt.c (ssl23_get_server_hello: SSLerr(SSL_F_SSL23_GET_SERVER_HELLO, SSL_R_UNKNOWN_PROTOCOL) when the first bytes are no SSL/TLS record)',
      'observed:https://github.com/nodemailer/nodemailer/issues/595',
      'ruby/openssl:ext/openssl/ossl_ssl.c ("SSL_connect returned=%d errno=%d state=%s" followed by OpenSSL\'s reason, here "unknown protocol")',
    ],
  },
  {
    id: 'rustls.corrupt-message',
    // rustls reading a plaintext greeting as a record: its content type byte is none TLS knows.
    pattern: 'received corrupt message|\\bCorruptMessage\\b|InvalidContentType',
    yields: { errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    phase: 'tls',
    sources: [
      `${RUSTLS} (Error::InvalidMessage(InvalidMessage::InvalidContentType) "received corrupt message of type InvalidContentType"; before 0.21 Error::CorruptMessage "received corrupt message")`,
    ],
  },
  {
    id: 'openssl.alert-handshake-failure',
    // The peer ended the handshake with a handshake_failure alert: nothing it could accept in what was offered.
    pattern:
      "alert handshake failure|SSLV3_ALERT_HANDSHAKE_FAILURE|Received fatal alert: handshake_failure|remote error: tls: handshake failure|sent a TLS alert: '?HandshakeFailure",
    yields: { errorCode: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' },
    phase: 'tls',
    sources: [
      'openssl/openssl:ssl/ssl_err.c (SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE: "sslv3 alert handshake failure", the peer\'s handshake_failure alert)',
      'https://www.rfc-editor.org/rfc/rfc8446#section-6.2 (handshake_failure: unable to negotiate an acceptable set of security parameters)',
      'openjdk/jdk:src/java.base/share/classes/sun/security/ssl/Alert.java ("Received fatal alert: " + alert name)',
      'golang/go:src/crypto/tls/alert.go (alertHandshakeFailure "handshake failure"; a peer\'s alert is reported as "remote error: tls: …")',
      `${DOTNET_SECURITY} (net_auth_tls_alert: "Authentication failed because the remote party sent a TLS alert: '{0}'.")`,
    ],
  },
  {
    id: 'openssl.protocol-version',
    pattern:
      "alert protocol version|unsupported protocol|no protocols available|No appropriate protocol|server selected unsupported protocol version|remote error: tls: protocol version not supported|no supported versions satisfy MinVersion and MaxVersion|sent a TLS alert: '?ProtocolVersion|do not possess a common algorithm|SEC_E_ALGORITHM_MISMATCH|0x80090331|The server selected protocol version \\S+ is not accepted by client preferences",
    yields: { errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
    phase: 'tls',
    sources: [
      'shared/reference/protocol-security.md §3.3 (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: tlsv1 alert protocol version)',
      'openjdk/jdk:src/java.base/share/classes/sun/security/ssl/ClientHello.java ("No appropriate protocol")',
      'openjdk/jdk:src/java.base/share/classes/sun/security/ssl/ServerHello.java ("The server selected protocol version " + … + " is not accepted by client preferences " …: the server only speaks a version the client has disabled)',
      'golang/go:src/crypto/tls/handshake_client.go ("tls: server selected unsupported protocol version %x")',
      `${DOTNET_SECURITY} (net_auth_tls_alert: "Authentication failed because the remote party sent a TLS alert: '{0}'.")`,
      'openssl/openssl:ssl/ssl_err.c (SSL_R_NO_PROTOCOLS_AVAILABLE: "no protocols available", every version the client may use is disabled)',
      'golang/go:src/crypto/tls/handshake_client.go ("tls: no supported versions satisfy MinVersion and MaxVersion")',
      'https://learn.microsoft.com/en-us/windows/win32/secauthn/schannel-error-codes-for-tls-and-ssl-alerts (SEC_E_ALGORITHM_MISMATCH 0x80090331: "The client and server cannot communicate, because they do not possess a common algorithm" — no TLS version or cipher suite in common)',
    ],
  },
  // The client ended the handshake itself: the server's TLS is weaker than the client's security level allows. OpenSSL
  // 3 and the SECLEVEL=2 defaults of recent Linux distributions refuse what older servers still send.
  ...(
    [
      ['dh-key-too-small', 'dh key too small', 'DH_KEY_TOO_SMALL'],
      ['unsafe-legacy-renegotiation', 'unsafe legacy renegotiation disabled', 'UNSAFE_LEGACY_RENEGOTIATION_DISABLED'],
      ['ee-key-too-small', 'ee key too small', 'EE_KEY_TOO_SMALL'],
      ['ca-md-too-weak', 'ca md too weak', 'CA_MD_TOO_WEAK'],
    ] as const
  ).map(([id, reason, name]): ClientMessagePattern => ({
    id: `openssl.${id}`,
    pattern: `${reason}|${name}`,
    yields: { errorCode: `ERR_SSL_${name}` },
    phase: 'tls',
    sources: [
      `openssl/openssl:ssl/ssl_err.c (SSL_R_${name}: "${reason}")`,
      'https://docs.openssl.org/3.0/man3/SSL_CTX_set_security_level/ (level 2, the default of many distributions: RSA and DH keys of at least 2048 bits, no SHA-1 signatures)',
      'https://docs.openssl.org/3.0/man7/migration_guide/ (OpenSSL 3 refuses unsafe legacy renegotiation by default: SSL_OP_LEGACY_SERVER_CONNECT is off)',
    ],
  })),
  // Certificates: the narrow wording first.
  {
    id: 'openssl.self-signed-in-chain',
    pattern: 'self[- ]signed certificate in certificate chain|SELF_SIGNED_CERT_IN_CHAIN',
    yields: { errorCode: 'SELF_SIGNED_CERT_IN_CHAIN' },
    phase: 'tls',
    sources: [NODE_TLS, 'shared/reference/protocol-security.md §3.3'],
  },
  {
    id: 'openssl.self-signed',
    // Not "… in certificate chain": that is SELF_SIGNED_CERT_IN_CHAIN above, an untrusted root, not the server's own.
    // Not MailKit's list of possible reasons either ("1. The server is using a self-signed certificate which cannot be
    // verified."), which SslHandshakeException prints whatever the handshake failed on.
    pattern:
      '(?<!The server is using a )self[- ]signed certificate(?! in certificate chain)|DEPTH_ZERO_SELF_SIGNED_CERT',
    yields: { errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'shared/reference/protocol-security.md §3.3 (OpenSSL 3 "self-signed certificate"; 1.1 "self signed certificate")',
    ],
  },
  {
    id: 'go.certificate-not-yet-valid',
    pattern:
      'certificate is not yet valid|CERT_NOT_YET_VALID|certificate has expired or is not yet valid: current time \\S+ is before|CertificateNotYetValidException',
    yields: { errorCode: 'CERT_NOT_YET_VALID' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'openjdk/jdk:src/java.base/share/classes/java/security/cert/CertificateNotYetValidException.java (thrown by X509Certificate.checkValidity before notBefore; JSSE wraps it in the handshake failure)',
      'golang/go:src/crypto/x509/verify.go ("x509: certificate has expired or is not yet valid: current time %s is before %s")',
    ],
  },
  {
    id: 'openssl.expired',
    pattern: 'certificate has expired|CERT_HAS_EXPIRED|CertificateExpiredException',
    yields: { errorCode: 'CERT_HAS_EXPIRED' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'shared/reference/protocol-security.md §3.3',
      'openjdk/jdk:src/java.base/share/classes/java/security/cert/CertificateExpiredException.java (thrown by X509Certificate.checkValidity past notAfter: "NotAfter: …"; JSSE wraps it in the handshake failure)',
    ],
  },
  // .NET 5 and later name the X509 chain status after the message: which one says what was wrong with the chain.
  {
    id: 'dotnet.chain-not-time-valid',
    pattern: 'errors in the certificate chain: (?:\\w+, )*NotTimeValid',
    yields: { errorCode: 'CERT_HAS_EXPIRED' },
    phase: 'tls',
    sources: [
      DOTNET_CHAIN,
      `${X509_CHAIN_STATUS} (NotTimeValid: a certificate in the chain has expired or is not yet valid)`,
    ],
  },
  {
    id: 'dotnet.chain-partial',
    pattern: 'errors in the certificate chain: (?:\\w+, )*PartialChain',
    yields: { errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    phase: 'tls',
    sources: [
      DOTNET_CHAIN,
      `${X509_CHAIN_STATUS} (PartialChain: the chain could not be built up to a root — an intermediate is missing)`,
    ],
  },
  {
    id: 'dotnet.chain-untrusted-root',
    pattern: 'errors in the certificate chain: (?:\\w+, )*UntrustedRoot',
    yields: { errorCode: 'SELF_SIGNED_CERT_IN_CHAIN' },
    phase: 'tls',
    sources: [
      DOTNET_CHAIN,
      `${X509_CHAIN_STATUS} (UntrustedRoot: the chain ends in a root the system does not trust — self-signed or a private CA)`,
    ],
  },
  {
    id: 'dotnet.chain-revocation-unknown',
    // Windows cannot reach the CA's revocation list (a firewall, an offline server): the certificate may be fine.
    pattern:
      'errors in the certificate chain: (?:\\w+, )*(?:RevocationStatusUnknown|OfflineRevocation)|The revocation function was unable to check revocation',
    yields: { errorCode: 'UNABLE_TO_GET_CRL' },
    phase: 'tls',
    sources: [
      DOTNET_CHAIN,
      `${X509_CHAIN_STATUS} (RevocationStatusUnknown, OfflineRevocation: the revocation list or OCSP responder could not be reached)`,
      'https://learn.microsoft.com/en-us/windows/win32/seccrypto/certificate-and-trust-errors (CRYPT_E_REVOCATION_OFFLINE: "The revocation function was unable to check revocation because the revocation server was offline.")',
    ],
  },
  {
    id: 'openssl.unable-to-verify-leaf',
    pattern: 'unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    yields: { errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    phase: 'tls',
    sources: [NODE_TLS, 'shared/reference/protocol-security.md §3.3'],
  },
  {
    id: 'openssl.unable-to-get-issuer',
    // The issuer of a certificate in the chain is nowhere to be found (the chain the server sent is cut short).
    pattern: 'unable to get issuer certificate|UNABLE_TO_GET_ISSUER_CERT(?!_)',
    yields: { errorCode: 'UNABLE_TO_GET_ISSUER_CERT' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'openssl/openssl:crypto/x509/x509_txt.c (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: "unable to get issuer certificate")',
    ],
  },
  {
    id: 'openssl.unable-to-get-local-issuer',
    pattern:
      "unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|PKIX path building failed|unable to find valid certification path to requested target|certificate signed by unknown authority|hasn't got a known issuer|invalid peer certificate: UnknownIssuer",
    yields: { errorCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'openjdk/jdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java ("PKIX path building failed")',
      'openjdk/jdk:src/java.base/share/classes/sun/security/provider/certpath/SunCertPathBuilder.java ("unable to find valid certification path to requested target")',
      'golang/go:src/crypto/x509/verify.go ("x509: certificate signed by unknown authority")',
      `${MSMTP}/mtls-gnutls.c ("the certificate hasn't got a known issuer")`,
      `${RUSTLS} (Error::InvalidCertificate(CertificateError::UnknownIssuer): "invalid peer certificate: UnknownIssuer")`,
    ],
  },
  {
    id: 'node.altname-invalid',
    // Node before v12 wrote "doesn't match".
    pattern:
      "ERR_TLS_CERT_ALTNAME_INVALID|Hostname/IP (?:does not|doesn't) match certificate's altnames|certificate is valid for .{1,200}, not |Hostname mismatch, certificate is not valid for|IP address mismatch, certificate is not valid for",
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    sources: [
      'nodejs/node:doc/api/errors.md (ERR_TLS_CERT_ALTNAME_INVALID)',
      'nodejs/node@v10.24.1:lib/tls.js (checkServerIdentity: "Hostname/IP doesn\'t match certificate\'s altnames: …")',
      'golang/go:src/crypto/x509/verify.go ("x509: certificate is valid for %s, not %s")',
      'python/cpython@3.11:Modules/_ssl.c ("Hostname mismatch, certificate is not valid for", "IP address mismatch, certificate is not valid for")',
    ],
  },
  {
    id: 'go.no-names',
    pattern:
      "x509: certificate is not valid for any names|because it doesn't contain any IP SANs|certificate relies on legacy Common Name field",
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    client: 'go',
    sources: [
      'golang/go:src/crypto/x509/verify.go (HostnameError: "x509: certificate is not valid for any names, but wanted to match %s"; "x509: cannot validate certificate for %s because it doesn\'t contain any IP SANs"; Go 1.15+: "x509: certificate relies on legacy Common Name field, use SANs instead" — a certificate whose name is only in its CN)',
    ],
  },
  {
    id: 'ruby.hostname-mismatch',
    // OpenSSL::SSL::SSLSocket#post_connection_check only checks the host name: a backtrace through it is that check.
    pattern: 'hostname (?:\\S{1,200} )?does not match the server certificate|\\bpost_connection_check\\b',
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    client: 'ruby-net-smtp',
    sources: [
      'ruby/openssl:lib/openssl/ssl.rb (post_connection_check: raise SSLError, "hostname \\"#{hostname}\\" does not match the server certificate"; Ruby 1.9 "hostname does not match the server certificate")',
      'ruby/net-smtp:lib/net/smtp.rb (tlsconnect: s.post_connection_check(@address) when verify is on)',
    ],
  },
  {
    id: 'php.peer-cn-mismatch',
    pattern: 'Peer certificate CN=.{0,200}?did not match expected CN=',
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    sources: [
      'php/php-src:ext/openssl/xp_ssl.c (php_openssl_matches_common_name: "Peer certificate CN=`%.*s\' did not match expected CN=`%s\'")',
    ],
  },
  {
    id: 'java.no-subject-alternative-name',
    pattern: 'No subject alternative (?:DNS )?names? matching|No name matching \\S{1,200} found',
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    client: 'javamail',
    sources: [
      'openjdk/jdk:src/java.base/share/classes/sun/security/util/HostnameChecker.java ("No subject alternative DNS name matching %s found.", "No subject alternative names matching IP address %s found", "No name matching %s found")',
    ],
  },
  {
    id: 'other.hostname-mismatch',
    pattern:
      "The host name did not match the name given in the server's SSL certificate|RemoteCertificateNameMismatch|no alternative certificate subject name matches target host name|certificate subject name '[^'\\n]{0,200}' does not match target host name|hostname '[^'\\n]{0,200}' doesn't match|the certificate owner does not match hostname|invalid peer certificate: (?:Cert)?NotValidForName",
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    sources: [
      `${MAILKIT_SSL} (Create: "The host name did not match the name given in the server's SSL certificate." for SslPolicyErrors.RemoteCertificateNameMismatch)`,
      'https://learn.microsoft.com/en-us/dotnet/api/system.net.security.sslpolicyerrors (RemoteCertificateNameMismatch: certificate name mismatch)',
      "curl/curl:lib/vtls/openssl.c (verifyhost: \"SSL: no alternative certificate subject name matches target host name '%s'\", \"SSL: certificate subject name '%s' does not match target host name '%s'\")",
      'python/cpython@3.6:Lib/ssl.py (match_hostname: CertificateError("hostname %r doesn\'t match %r"), "… doesn\'t match either of …")',
      `${MSMTP}/mtls-gnutls.c ("the certificate owner does not match hostname %s")`,
      `${RUSTLS} (CertificateError::NotValidForName: "invalid peer certificate: NotValidForName")`,
    ],
  },
  {
    id: 'rustls.expired',
    pattern: 'invalid peer certificate: Expired',
    yields: { errorCode: 'CERT_HAS_EXPIRED' },
    phase: 'tls',
    sources: [`${RUSTLS} (CertificateError::Expired: "invalid peer certificate: Expired")`],
  },
  {
    id: 'generic.certificate-verify-failed',
    pattern:
      "CERTIFICATE_VERIFY_FAILED|certificate verify failed|remote certificate is invalid according to the validation procedure|remote certificate is invalid because of errors in the certificate chain|PKIX path validation failed|The server's SSL certificate could not be validated|remote certificate was rejected by the provided RemoteCertificateValidationCallback|RemoteCertificateChainErrors|The certificate is NOT trusted|curl: \\(60\\)",
    yields: { errorCode: 'CERT_UNTRUSTED' },
    phase: 'tls',
    sources: [
      'python/cpython@3.11:Lib/ssl.py (SSLCertVerificationError, [SSL: CERTIFICATE_VERIFY_FAILED])',
      'dotnet/runtime:src/libraries/System.Net.Security (net_ssl_io_cert_validation: "The remote certificate is invalid according to the validation procedure"; net_ssl_io_cert_custom_validation: "The remote certificate was rejected by the provided RemoteCertificateValidationCallback.")',
      'https://learn.microsoft.com/en-us/dotnet/api/system.net.security.sslpolicyerrors (RemoteCertificateChainErrors: the chain did not build or verify)',
      'gnutls/gnutls:lib/cert-session.c (gnutls_certificate_verification_status_print: "The certificate is NOT trusted.")',
      'curl/curl:include/curl/curl.h (CURLE_PEER_FAILED_VERIFICATION = 60: the server certificate did not verify)',
      'openjdk/jdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java ("PKIX path validation failed": the chain was built but a certificate in it failed a check)',
      `${MAILKIT_SSL} (Create: "The server's SSL certificate could not be validated for the following reasons:")`,
    ],
  },
  // A TLS failure the client reports without its reason (MailKit's SslHandshakeException, .NET's AuthenticationException,
  // PHP's "Failed to enable crypto"): any reason the text does show is matched above and explains it instead.
  {
    id: 'generic.tls-failed',
    pattern:
      'An error occurred while attempting to establish an SSL or TLS connection|The SSL connection could not be established|Authentication failed, see inner exception|SSL Handshake failed with OpenSSL error|Failed to enable crypto|SSLHandshakeException|TLS handshake failed|curl: \\(35\\)',
    yields: { message: 'tls-failed' },
    phase: 'tls',
    sources: [
      `${MAILKIT_SSL} (DefaultMessage: "An error occurred while attempting to establish an SSL or TLS connection.")`,
      `${DOTNET_SECURITY} (net_auth_SSPI: "Authentication failed, see inner exception."; net_http_ssl_connection_failed: "The SSL connection could not be established, see inner exception.")`,
      'php/php-src:ext/openssl/xp_ssl.c ("Failed to enable crypto")',
      'openjdk/jdk:src/java.base/share/classes/javax/net/ssl/SSLHandshakeException.java (the handshake failed; the message says why when it knows)',
      'curl/curl:include/curl/curl.h (CURLE_SSL_CONNECT_ERROR = 35: "SSL connect error")',
      `${MSMTP}/mtls-openssl.c and mtls-gnutls.c ("TLS handshake failed: %s")`,
    ],
  },
  // Network.
  {
    id: 'node.econnrefused',
    // "Connection refused" (strerror), and wrappers that name what was refused ("Connection to SMTP server refused").
    pattern:
      'ECONNREFUSED|Connection (?:to [^\\n]{1,80}? )?(?:was )?refused|actively refused it|\\berrno[\'"]?\\s*[:=]\\s*[\'"]?-4078\\b',
    yields: { errorCode: 'ECONNREFUSED' },
    phase: 'connect',
    sources: [
      NODE_ERRORS,
      'dotnet/runtime (SocketError.ConnectionRefused: "No connection could be made because the target machine actively refused it")',
      LIBUV_ERRNO,
    ],
  },
  {
    id: 'node.enotfound',
    pattern:
      'ENOTFOUND|Name or service not known|Name does not resolve|nodename nor servname provided|No such host is known|: no such host|UnknownHostException|Could not resolve host|cannot locate host|getaddrinfo failed|EAI_NONAME|No address associated with hostname|Host or domain name not found\\. Name service error for name=[^\\n]{1,200}?: Host not found(?!, try again)|\\bcode[\'"]?\\s*[:=]\\s*[\'"]EDNS[\'"]|\\berrno[\'"]?\\s*[:=]\\s*[\'"]?-3008\\b',
    yields: { errorCode: 'ENOTFOUND' },
    phase: 'connect',
    sources: [
      NODE_ERRORS,
      `${MSMTP}/net.c ("cannot locate host %s: %s")`,
      'bminor/musl:src/network/gai_strerror.c (EAI_NONAME: "Name does not resolve")',
      'https://man7.org/linux/man-pages/man3/getaddrinfo.3.html (EAI_NODATA: the host exists but has no network addresses defined; glibc words it "No address associated with hostname")',
      'golang/go:src/net/net.go ("no such host")',
      `${NM_CONN} (a failed host-name lookup is reported with code EDNS)`,
      LIBUV_ERRNO,
    ],
  },
  {
    id: 'node.eai-again',
    // musl libc (Alpine images) words EAI_AGAIN "Try again"; Python prints it with its number, [Errno -3].
    pattern:
      'EAI_AGAIN|Temporary failure in name resolution|\\[Errno -3\\] Try again|lookup \\S+ on \\S+: (?:server misbehaving|(?:read udp[^\\n]{0,120}: )?i/o timeout)|Host or domain name not found\\. Name service error for name=[^\\n]{1,200}?: Host not found, try again|host lookup did not complete',
    yields: { errorCode: 'EAI_AGAIN' },
    phase: 'connect',
    sources: [
      NODE_ERRORS,
      'bminor/musl:src/network/gai_strerror.c (EAI_AGAIN: "Try again"; EAI_NONAME: "Name does not resolve")',
      'golang/go:src/net/dnsclient_unix.go (errServerMisbehaving "server misbehaving": the DNS server answered SERVFAIL; a lookup past its deadline is "lookup … on …: i/o timeout")',
      'vdukhovni/postfix:postfix/src/dns/dns_lookup.c ("Host or domain name not found. Name service error for name=%s type=%s: %s"; "Host not found, try again" is the temporary failure)',
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-the_dnslookup_router.html (a DNS lookup that cannot complete defers: "host lookup did not complete")',
      'python/cpython@3.11:Modules/socketmodule.c (set_gaierror: socket.gaierror(error, gai_strerror(error)), printed "[Errno -3] …" for EAI_AGAIN)',
    ],
  },
  {
    id: 'node.ehostunreach',
    pattern: 'EHOSTUNREACH|No route to host',
    yields: { errorCode: 'EHOSTUNREACH' },
    phase: 'connect',
    sources: [NODE_ERRORS],
  },
  {
    id: 'node.enetunreach',
    pattern: 'ENETUNREACH|Network is unreachable',
    yields: { errorCode: 'ENETUNREACH' },
    phase: 'connect',
    sources: [NODE_ERRORS],
  },
  // nodemailer's greeting timer carries ETIMEDOUT too: its own message is matched first and explains it.
  {
    id: 'nodemailer.greeting-never-received',
    pattern: 'Greeting never received',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    client: 'nodemailer',
    sources: [
      `${NM_CONN} (timeoutError('Greeting never received', 'GREETING_TIMEOUT'), code ETIMEDOUT)`,
      'observed:https://github.com/nodemailer/nodemailer/issues/441',
    ],
  },
  // Python: smtplib.SMTP() connects, then reads the greeting; both time out as TimeoutError: timed out (socket.timeout
  // before 3.10). The traceback's frames tell them apart: create_connection is the TCP connection; getreply under
  // connect is the greeting, which smtplib re-raises as SMTPServerDisconnected: Connection unexpectedly closed: timed
  // out (the outer traceback of the chain shows connect → getreply). Without frames the wording does not say which.
  {
    id: 'python.greeting-timeout',
    pattern:
      'in connect\\n(?:[^\\n]*\\n){0,4}?[^\\n]*in getreply\\n(?:[^\\n]*\\n){0,12}?[^\\n]*(?:\\b(?:TimeoutError|socket\\.timeout)|Connection unexpectedly closed): (?:The read operation )?timed out',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    client: 'python-smtplib',
    sources: [
      `${CPY} (SMTP.connect: self.sock = self._get_socket(…); (code, msg) = self.getreply(); getreply: self.file.readline(), except OSError → SMTPServerDisconnected("Connection unexpectedly closed: " + str(e)))`,
      'python/cpython@3.11:Lib/socket.py (socket.timeout is an alias of TimeoutError since 3.10, message "timed out")',
    ],
  },
  {
    id: 'python.connect-timeout',
    pattern: 'in create_connection\\n(?:[^\\n]*\\n){0,12}?[^\\n]*\\b(?:TimeoutError|socket\\.timeout): timed out',
    yields: { errorCode: 'ETIMEDOUT' },
    phase: 'connect',
    client: 'python-smtplib',
    sources: [
      `${CPY} (SMTP._get_socket: socket.create_connection((host, port), timeout, …))`,
      'python/cpython@3.11:Lib/socket.py (create_connection: sock.connect(sa) raises TimeoutError: timed out)',
    ],
  },
  {
    id: 'python.read-timeout',
    // A read on an open connection (plain or TLS) timed out: the server went silent. Without the frames of connect →
    // getreply (the greeting, above) the text does not say which reply it was waiting for.
    pattern: '(?:^|[^\\w.])(?:TimeoutError|socket\\.timeout|ReadTimeout)[:(]\\s*[\'"]?The read operation timed out',
    yields: { message: 'read-timed-out' },
    phase: null,
    client: 'python-smtplib',
    sources: [
      'python/cpython@3.11:Modules/_ssl.c (a read on a TLS socket past its timeout raises TimeoutError: "The read operation timed out")',
      `${CPY} (getreply: self.file.readline() waits for the server's reply)`,
    ],
  },
  {
    id: 'python.reply-timed-out',
    // smtplib's getreply turns a failed read into SMTPServerDisconnected("Connection unexpectedly closed: " + str(e)):
    // with "timed out" the server did not close anything, it stopped answering.
    pattern: 'Connection unexpectedly closed: (?:The read operation )?timed out',
    yields: { message: 'read-timed-out' },
    phase: null,
    client: 'python-smtplib',
    sources: [
      `${CPY} (getreply: except OSError as e: raise SMTPServerDisconnected("Connection unexpectedly closed: " + str(e)))`,
    ],
  },
  {
    id: 'phpmailer.greeting-timeout',
    // PHPMailer's debug output: the connection opened, and the first read — the greeting — timed out.
    pattern: 'Connection: opened[^\\n]*\\n(?:[^\\n]*\\n){0,2}?[^\\n]*get_lines\\(\\): timed-out',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    client: 'phpmailer',
    sources: [
      `${PHPMAILER} (connect: edebug('Connection: opened'), then $announce = $this->get_lines() reads the greeting; get_lines: 'SMTP -> get_lines(): timed-out (' . $this->Timeout . ' sec)')`,
    ],
  },
  {
    id: 'phpmailer.empty-greeting',
    // PHPMailer's debug output: the connection opened and the greeting it read was empty ("SERVER -> CLIENT: " with
    // nothing after it but a logger's own timestamp), so it closed: the server hung up or said nothing.
    pattern:
      'Connection: opened[^\\n]*\\n(?:[^\\n]*\\n){0,2}?[^\\n]*SERVER -> CLIENT:[ \\t]*(?:\\d{4}-\\d\\d-\\d\\d[^\\n]*)?\\n[^\\n]*Connection: closing due to error',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    client: 'phpmailer',
    sources: [
      `${PHPMAILER} (connect: edebug('Connection: opened'); $this->last_reply = $this->get_lines(); edebug('SERVER -> CLIENT: ' . $this->last_reply); anything but 220 → edebug('Connection: closing due to error'))`,
    ],
  },
  {
    id: 'php.read-timeout',
    // PHP mailers read replies from a stream with a timeout: when it passes they say so (the server stopped answering).
    pattern:
      'Connection to "[^"\\n]{1,200}" timed out|Connection to [^\\n]{1,200}? Timed Out|get_lines\\(\\): timed-out',
    yields: { message: 'read-timed-out' },
    phase: null,
    sources: [
      'symfony/mailer@eb0c3187:Transport/Smtp/Stream/AbstractStream.php (readLine: TransportException(\'Connection to "%s" timed out.\') when stream_get_meta_data says timed_out)',
      "swiftmailer/swiftmailer@v6.2.7:lib/classes/Swift/Transport/StreamBuffer.php (readLine: Swift_IoException('Connection to '.$this->getReadConnectionDescription().' Timed Out'))",
      `${PHPMAILER} (get_lines: edebug('SMTP -> get_lines(): timed-out (' . $this->Timeout . ' sec)'))`,
    ],
  },
  {
    id: 'python.timed-out',
    pattern: '(?:^|[^\\w.])(?:TimeoutError|socket\\.timeout): timed out',
    yields: { message: 'timed-out' },
    phase: null,
    sources: [
      'python/cpython@3.11:Lib/socket.py (TimeoutError: timed out, raised by a connect or a read that exceeds the timeout)',
      `${CPY} (SMTP(host, port, timeout): the timeout covers both the connection and the greeting)`,
    ],
  },
  {
    id: 'dotnet.operation-timed-out',
    // System.Net.Mail's SmtpClient.Timeout (100 s by default) covers the whole send, connecting included: like
    // Python's "timed out" it does not say at which step. On 465 it is the usual sign of its missing implicit TLS.
    pattern: '(?:SmtpException|TimeoutException): The operation has timed out',
    yields: { message: 'timed-out' },
    phase: null,
    client: 'dotnet',
    sources: [
      `${DOTNET_MAIL} (net_timeout: "The operation has timed out."; SmtpClient.Send throws SmtpException with it when Timeout passes)`,
      `${MAILKIT_SMTP}/SmtpStream.cs (a read or connect past Timeout throws System.TimeoutException, "The operation has timed out.")`,
      'https://learn.microsoft.com/en-us/dotnet/api/system.net.mail.smtpclient.enablessl (EnableSsl uses STARTTLS: implicit TLS on 465 is not supported)',
    ],
  },
  {
    id: 'ruby.open-timeout',
    // Net::SMTP#start wraps the TCP connection in Timeout.timeout(@open_timeout, Net::OpenTimeout) ("execution
    // expired"): it times out connecting, never waiting for the greeting (that is Net::ReadTimeout).
    pattern: 'Net::OpenTimeout',
    yields: { errorCode: 'ETIMEDOUT' },
    phase: 'connect',
    client: 'ruby-net-smtp',
    sources: [
      'ruby/net-smtp:lib/net/smtp.rb (do_start: Timeout.timeout(@open_timeout, Net::OpenTimeout) { tcp_socket(@address, @port) })',
    ],
  },
  {
    id: 'ruby.read-timeout',
    // Net::SMTP reads every reply, the greeting included, with read_timeout (60 s): which one stalled, the backtrace says.
    pattern: 'Net::ReadTimeout',
    yields: { message: 'read-timed-out' },
    phase: null,
    client: 'ruby-net-smtp',
    sources: [
      'ruby/net-protocol:lib/net/protocol.rb (BufferedIO#rbuf_fill: raise Net::ReadTimeout when a read waits longer than read_timeout)',
    ],
  },
  {
    id: 'curl.connect-timeout',
    pattern: 'Failed to connect to \\S+ port \\d+ after \\d+ ms: (?:Timeout was reached|Connection timed out)',
    yields: { errorCode: 'ETIMEDOUT' },
    phase: 'connect',
    client: 'curl',
    sources: [
      'curl/curl:lib/connect.c (failf "Failed to connect to %s port %u after %ld ms: %s" with curl_easy_strerror(CURLE_OPERATION_TIMEDOUT) = "Timeout was reached")',
    ],
  },
  {
    id: 'node.etimedout',
    pattern:
      'ETIMEDOUT|Connection timed out|connect timed out|Connection timeout|i/o timeout(?<!read (?:tcp|udp)[^\\n]{0,120}i/o timeout)|execution expired|did not properly respond after a period of time|(?<!Operation )Timed out after|(?<!read )Operation timed out(?! after \\d)|\\berrno[\'"]?\\s*[:=]\\s*[\'"]?-4039\\b|\\(os error (?:110|60|10060)\\)|Connection error: (?:timed out|deadline has elapsed)',
    yields: { errorCode: 'ETIMEDOUT' },
    phase: 'connect',
    sources: [
      NODE_ERRORS,
      'https://man7.org/linux/man-pages/man3/errno.3.html (ETIMEDOUT: "Connection timed out"; BSD and macOS strerror: "Operation timed out")',
      'golang/go:src/net/net.go (a dial past its deadline: "dial tcp …: i/o timeout"; a read past it is "read tcp …: i/o timeout", a stalled session)',
      LIBUV_ERRNO,
      `${NM_CONN} (timeoutError('Connection timeout', 'CONNECT_TIMEOUT'))`,
      'rust-lang/rust:library/std/src/io/error.rs (Display of an OS error: "{description} (os error {code})"; ETIMEDOUT is 110 on Linux, 60 on macOS, WSAETIMEDOUT 10060 on Windows)',
      'dotnet/runtime (SocketError.TimedOut: "A connection attempt failed because the connected party did not properly respond after a period of time")',
      'lettre/lettre:src/transport/smtp/error.rs (Kind::Connection, the error of connecting: "Connection error" then ": " and the source — std\'s io::ErrorKind::TimedOut "timed out", tokio\'s Elapsed "deadline has elapsed")',
    ],
  },
  {
    id: 'go.read-timeout',
    // Not a DNS query's read ("lookup … on …: read udp …"): that is the resolver timing out, matched above.
    pattern: '(?<!lookup \\S+ on \\S+: )read (?:tcp|udp)[^\\n]{0,120}: i/o timeout',
    yields: { message: 'read-timed-out' },
    phase: null,
    client: 'go',
    sources: ['golang/go:src/net/net.go ("read tcp …: i/o timeout": a read on an open connection passed its deadline)'],
  },
  {
    id: 'rust.read-would-block',
    // Rust's std: a read past set_read_timeout fails with WouldBlock on Unix — EAGAIN, printed "Resource temporarily
    // unavailable (os error 11)" (35 on macOS) —, TimedOut on Windows. lettre sets that timeout on its socket.
    // Its Debug form too ({:?} of the io::Error, as apps log a cause): Os { code: 11, kind: WouldBlock, … }.
    pattern:
      'Resource temporarily unavailable \\(os error (?:11|35)\\)|\\bOs \\{\\s*code: (?:11|35),\\s*kind: WouldBlock\\b',
    yields: { message: 'read-timed-out' },
    phase: null,
    sources: [
      'https://doc.rust-lang.org/std/net/struct.TcpStream.html#method.set_read_timeout ("Platforms may return a different error code whenever a read times out as a result of setting this option. For example Unix typically returns an error of the kind WouldBlock, but Windows may return TimedOut.")',
      "lettre/lettre:src/transport/smtp/client/net.rs (NetworkStream::set_read_timeout with the transport's timeout)",
      'rust-lang/rust:library/std/src/io/error.rs (impl Debug for Repr: an OS error prints as Os { code, kind, message })',
      'https://man7.org/linux/man-pages/man7/socket.7.html (SO_RCVTIMEO: a read that times out returns -1 with errno EAGAIN or EWOULDBLOCK)',
    ],
  },
  {
    id: 'javamail.ehlo-unanswered',
    // JavaMail's debug output (mail.debug): the greeting, "DEBUG SMTP: connected to host …", then the EHLO it sent —
    // and no reply after it: the server never answered EHLO (the exception that follows is the client giving up).
    pattern: 'DEBUG SMTP: connected to host [^\\n]{1,200}\\n[ \\t]*EHLO \\S+[ \\t]*\\n(?![ \\t]*[2-5]\\d\\d[ -])',
    yields: { message: 'read-timed-out' },
    phase: 'ehlo',
    client: 'javamail',
    sources: [
      `${JAVAMAIL} (openServer: logger.fine("connected to host \\"" + host + "\\", port: " + port) after the greeting; ehlo: sendCommand prints the command, readServerResponse prints each reply line)`,
    ],
  },
  {
    id: 'java.read-timeout',
    pattern: 'SocketTimeoutException: Read timed out',
    yields: { message: 'read-timed-out' },
    phase: null,
    client: 'javamail',
    sources: [
      'openjdk/jdk:src/java.base/share/classes/sun/nio/ch/NioSocketImpl.java (SocketTimeoutException("Read timed out") past the socket\'s read timeout, JavaMail\'s mail.smtp.timeout)',
    ],
  },
  {
    id: 'node.tls-socket-disconnected',
    pattern: 'socket disconnected before secure TLS connection was established',
    yields: { errorCode: 'ECONNRESET' },
    phase: 'tls',
    sources: [
      'shared/reference/protocol-security.md §3.3 (server closes on the ClientHello: ECONNRESET, "Client network socket disconnected before secure TLS connection was established")',
    ],
  },
  {
    id: 'java.handshake-closed',
    pattern: 'Remote host terminated the handshake|Remote host closed connection during handshake',
    yields: { errorCode: 'ECONNRESET' },
    phase: 'tls',
    client: 'javamail',
    sources: [
      'openjdk/jdk:src/java.base/share/classes/sun/security/ssl/SSLSocketImpl.java (handleEOF: "Remote host terminated the handshake"; JDK 8: "Remote host closed connection during handshake")',
    ],
  },
  {
    id: 'dotnet.transport-eof',
    pattern:
      'Received an unexpected EOF or 0 bytes from the transport stream|remote party has closed the transport stream',
    yields: { errorCode: 'ECONNRESET' },
    phase: 'tls',
    sources: [
      `${DOTNET_SECURITY} (net_auth_eof: "Received an unexpected EOF or 0 bytes from the transport stream."; .NET Framework: "Authentication failed because the remote party has closed the transport stream.")`,
    ],
  },
  {
    id: 'rustls.handshake-eof',
    pattern: 'tls handshake eof|peer closed connection without sending TLS close_notify',
    yields: { errorCode: 'ECONNRESET' },
    phase: 'tls',
    sources: [
      'rustls/tokio-rustls:src/common/handshake.rs (io::ErrorKind::UnexpectedEof, "tls handshake eof")',
      'rustls/rustls:rustls/src/conn.rs ("peer closed connection without sending TLS close_notify")',
    ],
  },
  {
    id: 'openssl.syscall-eof',
    // OpenSSL's SSL_ERROR_SYSCALL with no errno: the peer closed the connection in the middle of the handshake.
    pattern:
      'SSL_connect SYSCALL returned=5|The TLS connection was non-properly terminated|unexpected eof while reading|EOF occurred in violation of protocol|Connection reset by peer - SSL_connect',
    yields: { errorCode: 'ECONNRESET' },
    phase: 'tls',
    sources: [
      'ruby/openssl:ext/openssl/ossl_ssl.c ("SSL_connect SYSCALL returned=%d errno=%d state=%s": SSL_ERROR_SYSCALL, the socket ended; with errno set, rb_sys_fail("SSL_connect") raises Errno::ECONNRESET "Connection reset by peer - SSL_connect")',
      'gnutls/gnutls:lib/errors.c (GNUTLS_E_PREMATURE_TERMINATION: "The TLS connection was non-properly terminated.")',
      'openssl/openssl:ssl/ssl_err.c (SSL_R_UNEXPECTED_EOF_WHILE_READING: "unexpected eof while reading")',
      'python/cpython@3.11:Modules/_ssl.c (SSLEOFError: "EOF occurred in violation of protocol", the socket ended in the handshake)',
    ],
  },
  {
    id: 'node.econnreset',
    pattern:
      'ECONNRESET|Connection reset by peer|(?:Socket|SSL)Exception: Connection reset\\b|An existing connection was forcibly closed by the remote host',
    yields: { errorCode: 'ECONNRESET' },
    phase: null,
    sources: [
      NODE_ERRORS,
      'shared/reference/protocol-security.md §3.3 (server closes on the ClientHello: ECONNRESET)',
      'openjdk/jdk:src/java.base/share/classes/sun/nio/ch/NioSocketImpl.java (SocketException("Connection reset"); JSSE rethrows it on a TLS socket as SSLException "Connection reset")',
      'https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2 (WSAECONNRESET 10054: "An existing connection was forcibly closed by the remote host.")',
    ],
  },
  // Client refusals and client-side summaries.
  {
    id: 'python.auth-not-supported',
    pattern: 'SMTP AUTH extension not supported by server',
    yields: { message: 'auth-not-advertised' },
    phase: 'auth',
    client: 'python-smtplib',
    sources: [
      `${CPY} (SMTP.login raises SMTPNotSupportedError)`,
      'observed:https://github.com/getsentry/docker-sentry/issues/101',
    ],
  },
  {
    id: 'go.auth-not-supported',
    // Wrappers (mailyak, gomail forks) print it with or without net/smtp's "smtp: " prefix.
    // SendMail (and mailyak, which copies its exchange) runs STARTTLS first whenever the server lists it.
    pattern: "(?:smtp: )?server doesn't support AUTH\\b",
    yields: { message: 'auth-not-advertised-with-tls' },
    phase: 'auth',
    client: 'go',
    sources: [
      `${GO_SMTP} (SendMail: if ok, _ := c.Extension("STARTTLS"); ok { c.StartTLS(config) }, then errors.New("smtp: server doesn't support AUTH") when the EHLO reply has no AUTH)`,
      'domodwyer/mailyak:send.go (smtpExchange: StartTLS when the server lists STARTTLS, then "smtp: server doesn\'t support AUTH" — the same steps as net/smtp SendMail)',
    ],
  },
  {
    id: 'msmtp.auth-not-supported',
    pattern: 'the server does not support authentication(?! method)',
    yields: { message: 'auth-not-advertised' },
    phase: 'auth',
    client: 'msmtp',
    sources: [`${MSMTP}/msmtp.c ("the server does not support authentication")`],
  },
  {
    id: 'swaks.auth-not-advertised',
    pattern: 'Host did not advertise authentication',
    yields: { message: 'auth-not-advertised' },
    phase: 'auth',
    client: 'swaks',
    sources: [`${SWAKS} (ptrans(12, "Host did not advertise authentication"))`],
  },
  {
    id: 'mailkit.auth-not-supported',
    // Connect's default (SecureSocketOptions.Auto on a port other than 465, or useSsl false) is StartTlsWhenAvailable:
    // MailKit runs STARTTLS whenever it is listed, so the EHLO reply it found without AUTH is the one after TLS.
    pattern: 'The SMTP server does not support authentication',
    yields: { message: 'auth-not-advertised-with-tls' },
    phase: 'auth',
    client: 'mailkit',
    sources: [
      `${MAILKIT_SMTP}/SmtpClient.cs (Authenticate: NotSupportedException ("The SMTP server does not support authentication.") when the EHLO reply lists no AUTH)`,
      'jstedfast/MailKit:MailKit/Security/SecureSocketOptions.cs (Auto: "the mail service will decide … for other ports, StartTlsWhenAvailable"; StartTlsWhenAvailable: "Elevates the connection to use TLS encryption immediately after reading the greeting and capabilities of the server, but only if the server supports the STARTTLS extension")',
    ],
  },
  {
    id: 'generic.smtp-auth-not-supported',
    // The same words without MailKit's "The": PEAR Net_SMTP (Roundcube, Horde, PHP apps), mutt, and many Go programs
    // that check net/smtp's Extension("AUTH") before logging in. Each says it after its EHLO (PEAR Net_SMTP and the Go
    // programs after STARTTLS when the server offered it) found no AUTH.
    pattern: '(?<!The )SMTP server does not support authentication(?! method)',
    yields: { message: 'auth-not-advertised-with-tls' },
    phase: 'auth',
    sources: [
      "pear/Net_SMTP:Net/SMTP.php (auth: starttls() first when $tls, then PEAR::raiseError('SMTP server does not support authentication') when the EHLO reply has no AUTH)",
      'muttmua/mutt:smtp.c (smtp_open: mutt_error (_("SMTP server does not support authentication")) when the EHLO reply lacks AUTH)',
      'http://www.mutt.org/doc/manual/#ssl-starttls (ssl_starttls, default yes: "mutt will attempt to use STARTTLS on servers advertising the capability")',
    ],
  },
  {
    id: 'smtppool.auth-not-found',
    // knadh/smtppool (listmonk): AUTH is looked for after STARTTLS only when the connection was set to STARTTLS.
    pattern: 'SMTP AUTH extension not found',
    yields: { message: 'auth-not-advertised' },
    phase: 'auth',
    client: 'go',
    sources: [
      'knadh/smtppool:pool.go (newConn: if ok, _ := client.Extension("AUTH"); !ok { errors.New("SMTP AUTH extension not found") })',
    ],
  },
  {
    id: 'swiftmailer3.auth-not-supported',
    pattern: 'does not support authentication but a username and password was given',
    yields: { message: 'auth-not-advertised' },
    phase: 'auth',
    client: 'swiftmailer',
    sources: [
      'swiftmailer/swiftmailer@v3:lib/Swift/Connection/SMTP.php (authenticate: "The SMTP connection does not support authentication but a username and password was given.")',
    ],
  },
  {
    id: 'smtppool.starttls-not-found',
    pattern: 'SMTP STARTTLS extension not found',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'go',
    sources: [
      'knadh/smtppool:pool.go (newConn: with SSLSTARTTLS, if ok, _ := client.Extension("STARTTLS"); !ok { errors.New("SMTP STARTTLS extension not found") })',
    ],
  },
  {
    id: 'python.starttls-not-supported',
    pattern: 'STARTTLS extension not supported by server',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'python-smtplib',
    sources: [`${CPY} (SMTP.starttls raises SMTPNotSupportedError("STARTTLS extension not supported by server."))`],
  },
  {
    id: 'postfix.tls-disabled',
    // Postfix's smtpd log: it could not load its certificate or key (a wrong path, permissions, a key that does not
    // match) and runs without TLS, so its EHLO reply lists no STARTTLS.
    pattern: 'smtpd\\[\\d+\\]: warning: [^\\n]{0,300}?: disabling TLS support',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    sources: [
      'vdukhovni/postfix:postfix/src/tls/tls_certkey.c (msg_warn("cannot get RSA certificate from file \\"%s\\": disabling TLS support"), and the same for the private key or a mismatched pair)',
      'https://www.postfix.org/TLS_README.html (smtpd_tls_cert_file and smtpd_tls_key_file: without them the server offers no STARTTLS)',
    ],
  },
  {
    id: 'thunderbird.starttls-not-advertised',
    pattern: "using STARTTLS since it doesn't advertise that feature",
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'thunderbird',
    sources: [
      `${THUNDERBIRD_SMTP} (smtp-send-failed-starttls: "Unable to establish a secure link with Outgoing server (SMTP) { $hostname } using STARTTLS since it doesn't advertise that feature. …")`,
    ],
  },
  {
    id: 'ruby.starttls-not-supported',
    // Ruby's Net::SMTP with enable_starttls (Rails' enable_starttls: true) and lettre's required STARTTLS say the same.
    pattern: "STARTTLS is not supported on this server|smtp: server doesn't support STARTTLS",
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    sources: [
      'ruby/net-smtp:lib/net/smtp.rb (do_start: raise SMTPUnsupportedCommand, "STARTTLS is not supported on this server" when starttls_always? and the EHLO reply lacks STARTTLS)',
      'lettre/lettre:src/transport/smtp/client/connection.rs (starttls: Error::Client("STARTTLS is not supported on this server"))',
      'golang/go:src/net/smtp/smtp.go (forks of net/smtp that check the offer first: errors.New("smtp: server doesn\'t support STARTTLS"), the wording of its "smtp: server doesn\'t support AUTH")',
    ],
  },
  {
    id: 'msmtp.starttls-not-supported',
    pattern: 'the server does not support TLS via the STARTTLS command',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'msmtp',
    sources: [`${MSMTP}/msmtp.c ("the server does not support TLS via the STARTTLS command")`],
  },
  {
    id: 'swaks.starttls-not-advertised',
    pattern: 'Host did not advertise STARTTLS',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'swaks',
    sources: [`${SWAKS} (ptrans(12, "Host did not advertise STARTTLS"))`],
  },
  {
    id: 'javamail.starttls-required',
    pattern: 'STARTTLS is required but host does not support STARTTLS',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'javamail',
    sources: [`${JAVAMAIL} (protocolConnect: "STARTTLS is required but host does not support STARTTLS")`],
  },
  {
    id: 'dotnet.starttls-not-supported',
    // System.Net.Mail with EnableSsl: the EHLO reply did not list STARTTLS (or the server refused it).
    pattern: 'Server does not support secure connections',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'dotnet',
    sources: [`${DOTNET_MAIL} (MailServerDoesNotSupportStartTls: "Server does not support secure connections.")`],
  },
  {
    id: 'mailkit.starttls-not-supported',
    pattern: 'The SMTP server does not support the STARTTLS extension',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'mailkit',
    sources: [
      `${MAILKIT_SMTP}/SmtpClient.cs (Connect with SecureSocketOptions.StartTls: NotSupportedException ("The SMTP server does not support the STARTTLS extension."))`,
    ],
  },
  {
    id: 'curl.ssl-required',
    pattern: 'curl: \\(64\\)|Requested SSL level failed|STARTTLS not supported',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'curl',
    sources: [
      'curl/curl:lib/smtp.c (with --ssl-reqd and no STARTTLS in the EHLO reply: failf "STARTTLS not supported.", CURLE_USE_SSL_FAILED)',
      'curl/curl:lib/strerror.c (CURLE_USE_SSL_FAILED = 64: "Requested SSL level failed")',
    ],
  },
  {
    id: 'go.unencrypted-connection-no-starttls',
    // Go's SendMail, gomail and go-mail start TLS on their own whenever the EHLO reply lists STARTTLS, and only then
    // authenticate: PlainAuth refusing an unencrypted connection means the server did not offer STARTTLS there.
    pattern: '(?:^|[^a-z])unencrypted connection',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'go',
    sources: [
      `${GO_SMTP} (SendMail: if ok, _ := c.Extension("STARTTLS"); ok { c.StartTLS(config) } before c.Auth(a))`,
      'go-gomail/gomail:smtp.go (Dialer.Dial: if !d.SSL, StartTLS when the server lists it, then Auth)',
      'golang/go:src/net/smtp/auth.go (PlainAuth.Start: errors.New("unencrypted connection") when the connection has no TLS)',
      'observed:https://github.com/go-mail/mail/issues/52',
    ],
  },
  {
    id: 'symfony.starttls-failed',
    pattern:
      'Unable to connect with STARTTLS|Error upgrading connection with STARTTLS|Error initiating TLS|STARTTLS attempted but failed|TLS startup failed|Could not convert socket to TLS|Unable to connect with TLS encryption|Unable to connect via TLS',
    yields: { message: 'starttls-failed' },
    phase: 'starttls',
    sources: [
      'symfony/mailer@eb0c3187:Transport/Smtp/Stream/SocketStream.php ("Unable to connect with STARTTLS: ")',
      `${NM_CONN} ("Error upgrading connection with STARTTLS", ETLS; "Error initiating TLS - " + err.message when the upgrade fails)`,
      `${SWAKS} ("TLS startup failed")`,
      `${JAVAMAIL} (startTLS: "Could not convert socket to TLS")`,
      `${SWAKS} ("STARTTLS attempted but failed")`,
      `${SWIFT}/EsmtpTransport.php (doHeloCommand: Swift_TransportException('Unable to connect with TLS encryption') when the STARTTLS upgrade fails)`,
      "laminas/laminas-mail:src/Protocol/Smtp.php (helo: after 220 to STARTTLS, stream_socket_enable_crypto fails → RuntimeException('Unable to connect via TLS'); Zend_Mail_Protocol_Smtp the same)",
    ],
  },
  {
    id: 'phpmailer.starttls-failed',
    // PHPMailer's debug output: STARTTLS answered 220, then its connect error with no reply in between. startTLS()
    // returns false only when stream_socket_enable_crypto fails — the handshake or PHP's certificate check (on by
    // default since PHP 5.6) failed.
    pattern:
      'CLIENT -> SERVER: STARTTLS\\s[^\\n]{0,60}?SERVER -> CLIENT: 220\\b[^\\n]{0,200}?(?:\\n[^\\n]{0,60}?)?SMTP Error: Could not connect to SMTP host',
    yields: { message: 'starttls-failed' },
    phase: 'starttls',
    client: 'phpmailer',
    sources: [
      `${PHPMAILER} (startTLS: sendCommand('STARTTLS', 'STARTTLS', 220), then return false when stream_socket_enable_crypto fails)`,
      "PHPMailer/PHPMailer@4a489474:src/PHPMailer.php (smtpConnect: if (!$this->smtp->startTLS()) throw new Exception($this->lang('connect_host')), 'SMTP Error: Could not connect to SMTP host.')",
      'https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting ("PHP 5.6 certificate verification failure": the same output when the server\'s certificate does not verify)',
    ],
  },
  {
    id: 'ruby.missing-credentials',
    pattern: 'SMTP-AUTH requested but missing (?:user name|secret phrase)',
    yields: { message: 'credentials-missing' },
    phase: 'auth',
    client: 'ruby-net-smtp',
    sources: [
      "ruby/net-smtp:lib/net/smtp.rb (check_auth_args: raise ArgumentError, 'SMTP-AUTH requested but missing user name' / 'missing secret phrase', before AUTH is sent)",
    ],
  },
  {
    id: 'nodemailer.missing-credentials',
    pattern: 'Missing credentials for "[A-Z0-9-]+"',
    yields: { message: 'credentials-missing' },
    phase: 'auth',
    client: 'nodemailer',
    sources: [`${NM_CONN} (_formatError('Missing credentials for "' + this._authMethod + '"', 'EAUTH', false, 'API'))`],
  },
  {
    id: 'javamail.no-password',
    pattern: 'failed to connect, no password specified',
    yields: { message: 'credentials-missing' },
    phase: 'auth',
    client: 'javamail',
    sources: [
      'jakartaee/mail-api:api/src/main/java/jakarta/mail/Service.java ("failed to connect, no password specified?")',
    ],
  },
  {
    id: 'nginx-mail.mail-before-auth',
    // The nginx mail proxy's log (the server's side): MAIL came while the session was still waiting for AUTH, and the
    // proxy offers no unauthenticated relay, so it answered 530: the client sent no credentials.
    pattern: 'client was rejected: "MAIL FROM:[^\\n]{0,300}?" while in auth state',
    yields: { message: 'credentials-missing' },
    phase: 'mail',
    sources: [
      'nginx/nginx@3f6f7824d:src/mail/ngx_mail_smtp_handler.c (ngx_mail_smtp_mail: without "none" among smtp_auth, log "client was rejected: "%V"" and reply smtp_auth_required, "530 5.7.1 Authentication required"; c->log->action = "in auth state")',
    ],
  },
  {
    id: 'go.unencrypted-connection',
    pattern: '(?:^|[^a-z])unencrypted connection',
    yields: { message: 'client-refuses-plaintext-auth' },
    phase: 'auth',
    client: 'go',
    sources: ['golang/go:src/net/smtp/auth.go (PlainAuth.Start: errors.New("unencrypted connection"))'],
  },
  {
    id: 'python.ascii-codec',
    pattern: "'ascii' codec can't encode character",
    yields: { message: 'non-ascii-credentials' },
    phase: 'auth',
    client: 'python-smtplib',
    sources: [
      `${CPY} (auth: encode_base64(... .encode('ascii')))`,
      'shared/reference/node-ecosystem.md (smtplib encodes credentials as ASCII)',
    ],
  },
  {
    id: 'nodemailer.oauth-token',
    pattern: "Can't create new access token for user",
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    client: 'nodemailer',
    sources: ['nodemailer/nodemailer@10.6.1:dist/esm/xoauth2/index.js ("Can\'t create new access token for user")'],
  },
  {
    id: 'oauth.token-endpoint-error',
    // The error codes of an OAuth 2.0 token endpoint (RFC 6749 §5.2) in an SMTP failure: getting or refreshing the
    // access token for XOAUTH2/OAUTHBEARER failed before the server saw one (nodemailer's xoauth2, league/oauth2-client
    // for PHPMailer, MSAL…).
    pattern:
      '\\b(?:invalid_grant|invalid_client|unauthorized_client|unsupported_grant_type|invalid_scope)\\b|\\bError: invalid_request\\b|"error"\\s*:\\s*"invalid_request"|IdentityProviderException: invalid_request\\b|The provided authorization grant (?:\\([^)\\n]{0,100}\\) )?(?:or refresh token )?is invalid, expired,? or revoked|The provided value for the input parameter .scope. is not valid',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      RFC6749_ERRORS,
      'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes (AADSTS70011 InvalidScope: "The provided value for the input parameter \'scope\' is not valid")',
      'nodemailer/nodemailer@10.6.1:dist/esm/xoauth2/index.js (the token endpoint\'s "error" becomes the Error message, code EAUTH)',
      "thephpleague/oauth2-client:src/Provider/AbstractProvider.php (getAccessToken → checkResponse: IdentityProviderException with the endpoint's error)",
    ],
  },
  {
    id: 'nodemailer.oauth-fetch-status',
    // nodemailer asks the token endpoint for an access token through its own fetch, which fails with the HTTP status
    // when the endpoint refuses (400 for invalid_grant/invalid_request, 401 for invalid_client); the SMTP server never
    // saw a token. Its fetch also loads attachments from URLs, but those fail with 403/404, not 400/401.
    pattern: 'Invalid status code 40[01]\\b[\\s\\S]{0,600}?nodemailer[\\\\/]lib[\\\\/]fetch',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    client: 'nodemailer',
    sources: [
      'nodemailer/nodemailer:lib/fetch/index.js (res.statusCode >= 300: Error "Invalid status code " + statusCode, type FETCH, sourceUrl)',
      'nodemailer/nodemailer:lib/xoauth2/index.js (generateToken posts to accessUrl through nativeFetch/fetch)',
      'https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (token endpoint errors: HTTP 400, or 401 for invalid_client)',
    ],
  },
  {
    id: 'oauth.endpoint-error-code',
    // The line that names the token endpoint's error: which of RFC 6749's codes it is tells the causes apart.
    pattern:
      '\\b(?:invalid_grant|invalid_client|unauthorized_client|unsupported_grant_type|invalid_scope)\\b|\\bError: invalid_request\\b|"error"\\s*:\\s*"invalid_request"',
    yields: { message: 'oauth-endpoint-error' },
    phase: 'auth',
    sources: [RFC6749_ERRORS],
  },
  {
    id: 'oauth.aadsts-code',
    pattern: '\\bAADSTS\\d{4,7}\\b',
    yields: { message: 'oauth-aadsts-code' },
    phase: 'auth',
    sources: [
      'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes (AADSTS error codes of the Microsoft Entra token service)',
    ],
  },
  {
    id: 'google.invalid-grant-expired-or-revoked',
    pattern: 'Token has been expired or revoked',
    yields: { message: 'oauth-google-grant-expired' },
    phase: 'auth',
    sources: [
      'observed:https://github.com/dolfim/django-gmailapi-backend/issues/9 ({"error": "invalid_grant", "error_description": "Token has been expired or revoked."})',
    ],
  },
  {
    id: 'sasl-xoauth2.token-refresh-failed',
    // Postfix's XOAUTH2 plug-in logs the token endpoint's answer and then this line when it is not 200: no access token
    // reached the server, and the SASL exchange is cancelled ("bad protocol / cancel" in Postfix's delivery status).
    pattern: 'TokenStore::Refresh: request failed',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      'tarickb/sasl-xoauth2:src/token_store.cc (Refresh: log "TokenStore::Refresh: code=%d, response=%s", then "TokenStore::Refresh: request failed" and SASL_BADPROT unless 200)',
    ],
  },
  {
    id: 'proton-bridge.incorrect-password',
    // Proton Mail Bridge is the SMTP server the mail client logs in to; its log says it checked the password the client
    // sent against the one Bridge generated, and they differ.
    pattern: 'Incorrect bridge password|backend/credentials: incorrect password',
    yields: { message: 'server-refused-login' },
    phase: 'auth',
    sources: [
      'ProtonMail/proton-bridge@v1.8.7:internal/users/credentials/store.go (GetAndCheckPassword: CheckPassword fails → Debug("Incorrect bridge password"))',
    ],
  },
  {
    id: 'dart-mailer.greeting-timeout',
    // The Dart mailer package connects, then waits for the 220 greeting; its timer ends the wait with this exception
    // (with " (try ssl)" added when the connection is not TLS).
    pattern: 'Timed out while waiting for greeting',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    sources: [
      'kaisellgren/mailer:lib/src/smtp/smtp_client.dart (on TimeoutException: throw SmtpNoGreetingException("Timed out while waiting for greeting." / "… (try ssl)."))',
    ],
  },
  {
    id: 'mailkit.unparsable-status',
    // MailKit reads every reply's first three characters as the status code; a line that does not start with digits
    // (another protocol's greeting, TLS bytes, a banner without a code) ends the session with this exception.
    pattern: 'Unable to parse status code returned by the server',
    yields: { message: 'unexpected-reply' },
    phase: null,
    sources: [
      `${MAILKIT_SMTP}/SmtpStream.cs (ReadResponse: throw new SmtpProtocolException("Unable to parse status code returned by the server.") when TryParseInt32 fails)`,
    ],
  },
  {
    id: 'javamail.greeting-eof',
    // JavaMail reads the greeting; at end of stream readServerResponse gives -1 and the text "[EOF]".
    pattern:
      'Got bad greeting from SMTP host[^\\n]{0,200}?response: (?:\\[EOF\\]|-1\\b)|Could not connect to SMTP host[^\\n]{0,200}?response: -1\\b',
    yields: { message: 'connection-closed' },
    phase: 'greeting',
    client: 'javamail',
    sources: [
      `${JAVAMAIL} (openServer: "Got bad greeting from SMTP host: " + host + ", port: " + port + ", response: " + r; readServerResponse: "[EOF]" and -1 when the stream ends)`,
    ],
  },
  {
    id: 'aiosmtplib.connect-eof',
    pattern: 'Error connecting to [^\\n]{1,200}?: Unexpected EOF received',
    yields: { message: 'connection-closed' },
    phase: 'greeting',
    sources: [
      'cole/aiosmtplib:src/aiosmtplib/protocol.py (read_response: SMTPServerDisconnected("Unexpected EOF received") when only EOF came)',
      'cole/aiosmtplib:src/aiosmtplib/smtp.py (connect: SMTPConnectError("Error connecting to {host} on port {port}: {exc}") around the greeting)',
    ],
  },
  {
    id: 'client.imap-or-pop3-greeting',
    // A client quotes the line it read as the greeting, and it is IMAP's untagged "* OK" (RFC 9051 §7.1.1: "* OK
    // [CAPABILITY …] … ready") or POP3's "+OK" (RFC 1939 §4): the port is a mailbox-access port (143/993, 110/995), not
    // SMTP. Only in the wordings clients use for a bad greeting, so an IMAP log beside an SMTP one is not read as it.
    pattern:
      '(?:short response: |Invalid greeting\\. response=|Got bad greeting from SMTP host[^\\n]{0,200}?response: |SMTPConnectError:? ?\\(-1, b?[\'"]|Expected response code 220 but got (?:code "[^"\\n]{0,10}", with message "|an? [^\\n]{0,40}?"))(?:\\* OK\\b|\\+OK\\b)',
    yields: { message: 'other-protocol-greeting' },
    phase: 'greeting',
    sources: [
      'golang/go:src/net/textproto/reader.go (parseCodeLine: ProtocolError("short response: " + line) when the fourth character is not a space or "-"; net/smtp reads the greeting with ReadResponse(220))',
      `${NM_CONN} (_actionGreeting: 'Invalid greeting. response=' + str, EPROTOCOL, when the first reply is not 220)`,
      `${JAVAMAIL} (openServer: "Got bad greeting from SMTP host: " + host + ", port: " + port + ", response: " + r)`,
      `${CPY} (connect: getreply gives -1 for a line without a numeric code; raise SMTPConnectError(code, msg) unless 220)`,
      `${SWIFT}/AbstractSmtpTransport.php (assertResponseCode: 'Expected response code 220 but got code "%s", with message "%s"')`,
      'https://www.rfc-editor.org/rfc/rfc9051#section-7.1.1 (IMAP greeting: untagged OK, e.g. "* OK IMAP4rev2 server ready")',
      'https://www.rfc-editor.org/rfc/rfc1939#section-4 (POP3 greeting: "+OK POP3 server ready")',
      'observed:https://github.com/mattermost/mattermost-docker/issues/455',
    ],
  },
  {
    id: 'postfix.greeting-timeout',
    // Postfix's smtp client (a relay) and Exim's transport, in the delivery status: the greeting never came.
    pattern:
      'conversation with [^\\n]{1,200}? timed out while receiving the initial server greeting|SMTP timeout after initial connection',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    sources: [
      `${POSTFIX_SMTP}/smtp_chat.c (smtp_timeout_detect: "conversation with %s timed out while %s"; smtp_proto.c: "receiving the initial server greeting")`,
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-the_smtp_transport.html (a timeout is logged "SMTP timeout after <what was sent>", "initial connection" for the greeting)',
    ],
  },
  {
    id: 'postfix.greeting-lost',
    pattern: 'lost connection with [^\\n]{1,200}? while receiving the initial server greeting',
    yields: { message: 'connection-closed' },
    phase: 'greeting',
    sources: [
      `${POSTFIX_SMTP}/smtp_chat.c (smtp_stream_except: "lost connection with %s while %s"; smtp_proto.c: "receiving the initial server greeting")`,
    ],
  },
  {
    id: 'postfix.session-lost',
    pattern: 'lost connection with [^\\n]{1,200}? while (?!receiving the initial server greeting)',
    yields: { message: 'connection-closed' },
    phase: null,
    sources: [
      `${POSTFIX_SMTP}/smtp_chat.c (smtp_stream_except: "lost connection with %s while %s", the step named: "performing the EHLO handshake", "sending end of data -- message may be sent more than once"…)`,
    ],
  },
  {
    id: 'postfix.session-timeout',
    pattern:
      'conversation with [^\\n]{1,200}? timed out while (?!receiving the initial server greeting)|SMTP timeout after (?!initial connection)[a-z]',
    yields: { message: 'read-timed-out' },
    phase: null,
    sources: [
      `${POSTFIX_SMTP}/smtp_chat.c (smtp_timeout_detect: "conversation with %s timed out while %s")`,
      'https://www.exim.org/exim-html-current/doc/html/spec_html/ch-the_smtp_transport.html ("SMTP timeout after end of data", after MAIL FROM, …)',
    ],
  },
  {
    id: 'swiftmailer.empty-greeting',
    // SwiftMailer reads the greeting first, expecting 220: nothing came (the server closed, or stayed silent).
    pattern: 'Expected response code "?220"? but (?:got )?(?:an empty response|code "", with message "")',
    yields: { message: 'greeting-never-received' },
    phase: 'greeting',
    client: 'swiftmailer',
    sources: [
      `${SWIFT}/AbstractSmtpTransport.php (assertResponseCode: "Expected response code 220 but got an empty response"; 5.x: 'but got code "", with message ""'; start() reads the greeting with [220])`,
      'symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode: \'Expected response code "%s" but got an empty response.\', the codes quoted)',
    ],
  },
  {
    id: 'generic.connection-closed',
    pattern:
      'Connection unexpectedly closed|Connection closed unexpectedly|Connection to "[^"\\n]{1,200}" has been closed unexpectedly|Remote host closed connection unexpectedly|net_io_connectionclosed|transport connection: The connection was closed|Unexpected socket close|The SMTP server has unexpectedly disconnected|Unexpected EOF received|please run connect\\(\\) first|An established connection was aborted by the software in your host (?:machine|computer)|Software caused connection abort|TLS/SSL connection has been closed \\(EOF\\)|(?:Laminas|Zend)[^\\n]{0,80}?Could not read from \\S',
    yields: { message: 'connection-closed' },
    phase: null,
    sources: [
      `${CPY} (SMTPServerDisconnected("Connection unexpectedly closed"); "please run connect() first" when the connection is gone)`,
      `${NM_CONN} ("Connection closed unexpectedly")`,
      'python/cpython@3.11:Modules/_ssl.c (SSLZeroReturnError: "TLS/SSL connection has been closed (EOF)", the peer closed the TLS connection)',
      "laminas/laminas-mail:src/Protocol/AbstractProtocol.php (_receive: RuntimeException('Could not read from ' . $this->host) when fgets returns false: the stream ended)",
      'https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2 (WSAECONNABORTED 10053: "An established connection was aborted by the software in your host computer, possibly due to a data transmission time-out or protocol error."; ECONNABORTED is "Software caused connection abort" on Linux)',
      `${SWAKS} ("Remote host closed connection unexpectedly.")`,
      'dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx (net_io_connectionclosed: "The connection was closed"; .NET Framework prints the resource name)',
      `${MAILKIT_SMTP}/SmtpStream.cs (SmtpProtocolException("The SMTP server has unexpectedly disconnected."))`,
      'cole/aiosmtplib:src/aiosmtplib/protocol.py (SMTPServerDisconnected("Unexpected EOF received"))',
      'symfony/mailer@eb0c3187:Transport/Smtp/Stream/AbstractStream.php (readLine: TransportException(\'Connection to "%s" has been closed unexpectedly.\'))',
    ],
  },
  {
    id: 'generic.broken-pipe',
    // A write to a connection the server has already closed (EPIPE): the server hung up, usually right after refusing
    // something, or on a TLS mode it does not speak.
    pattern: '\\bEPIPE\\b|Broken pipe',
    yields: { message: 'connection-closed' },
    phase: null,
    sources: [
      `${NODE_ERRORS} (EPIPE: a write on a socket with no process to read the data — the other side closed)`,
      'https://man7.org/linux/man-pages/man2/write.2.html (EPIPE: fd is connected to a socket whose reading end is closed)',
    ],
  },
  {
    id: 'ruby.eof-error',
    // Redmine shows only the exception's message in its notice: "An error occurred while sending mail (%{value})".
    pattern:
      'EOFError: end of file reached|end of file reached \\(EOFError\\)|An error occurred while sending mail \\(end of file reached\\)',
    yields: { message: 'connection-closed' },
    phase: null,
    client: 'ruby-net-smtp',
    sources: [
      'ruby/ruby:io.c (rb_eof_error: rb_raise(rb_eEOFError, "end of file reached") when a read finds the connection closed)',
      'redmine/redmine:config/locales/en.yml (notice_email_error: "An error occurred while sending mail (%{value})", the exception\'s message)',
    ],
  },
  {
    id: 'swiftmailer.empty-response',
    // Past the greeting (that one is matched above): SwiftMailer read nothing where a reply was due — the server closed.
    pattern: 'Expected response code "?(?!220\\b)\\d{3}(?:/\\d{3})*"? but got an empty response',
    yields: { message: 'connection-closed' },
    phase: null,
    client: 'swiftmailer',
    sources: [
      `${SWIFT}/AbstractSmtpTransport.php (assertResponseCode: "Expected response code %s but got an empty response")`,
      'symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode: \'Expected response code "%s" but got an empty response.\')',
    ],
  },
  {
    id: 'go.eof',
    // Go's io.EOF printed as the error: the server closed the connection where a reply was expected. Bare, so only in
    // the shapes Go programs log it: "error=EOF", "…: EOF", "… - EOF".
    pattern: '(?:\\berr(?:or)?=|: | - )"?EOF(?![\\w\\]:-])',
    yields: { message: 'connection-closed' },
    phase: null,
    client: 'go',
    sources: [
      'golang/go:src/io/io.go (var EOF = errors.New("EOF"): what a read returns when the other side closed)',
      'golang/go:src/net/textproto/reader.go (ReadResponse returns io.EOF when the connection ends before a reply)',
    ],
  },
  {
    id: 'phpmailer.could-not-authenticate',
    pattern: 'SMTP Error: Could not authenticate',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'phpmailer',
    sources: [
      "PHPMailer/PHPMailer@4a489474:src/PHPMailer.php ('authenticate' => 'SMTP Error: Could not authenticate.')",
    ],
  },
  {
    id: 'swiftmailer.authentication-failed',
    // SwiftMailer counts the mechanisms it shares with the server's AUTH list and tries each: with one or more, every
    // one was refused (the server's replies follow as "Authenticator … returned …" when shown). Symfony Mailer lists
    // them by name.
    pattern:
      'Failed to authenticate on SMTP server with username [^\\n]{0,200}?using (?:[1-9]\\d* possible authenticators|the following authenticators)',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'swiftmailer',
    sources: [
      `${SWIFT}/Esmtp/AuthHandler.php (afterEhlo: 'Failed to authenticate on SMTP server with username "'.$this->username.'" using '.$count.' possible authenticators')`,
      `${SYMFONY} ('Failed to authenticate on SMTP server with username "%s" using the following authenticators: "%s".')`,
    ],
  },
  {
    id: 'nodemailer.invalid-login',
    // The message of every nodemailer login refusal; the server's reply usually follows it and says more.
    pattern: '\\bInvalid login\\b',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'nodemailer',
    sources: [`${NM_CONN} (_formatError('Invalid login: ' + str, 'EAUTH', str, 'AUTH …'))`],
  },
  {
    id: 'nodemailer.authfail-log',
    // nodemailer's logger (logger: true, or an app's own) notes each refused login before the error: the reply that
    // refused it is in the error, which the paste may not hold.
    pattern: 'User "[^"\\n]{0,300}" failed to authenticate',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'nodemailer',
    sources: [
      `${NM_CONN} (_actionAUTHComplete: a reply not 2xx logs { tnx: 'smtp', username, action: 'authfail', method } 'User %s failed to authenticate' with JSON.stringify(user), then _formatError('Invalid login', 'EAUTH', …))`,
    ],
  },
  {
    id: 'msmtp.authentication-failed',
    pattern: 'authentication failed \\(method [A-Z0-9-]+\\)',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'msmtp',
    sources: [`${MSMTP}/smtp.c ("authentication failed (method %s)")`],
  },
  {
    id: 'swaks.no-auth-succeeded',
    pattern: 'No authentication type succeeded',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'swaks',
    sources: [`${SWAKS} (ptrans(12, "No authentication type succeeded"))`],
  },
  {
    id: 'curl.login-denied',
    pattern: 'curl: \\(67\\)|Login denied',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'curl',
    sources: ['curl/curl:lib/strerror.c (CURLE_LOGIN_DENIED: "Login denied")'],
  },
  {
    id: 'exception.auth-failed',
    // The exception each client throws for a refused login; its message is the server's reply when there is one (the
    // reply then says more), and the class name alone when the text has been cut. MailKit's AuthenticationException is
    // matched by namespace: .NET's System.Security.Authentication.AuthenticationException is a TLS failure.
    pattern:
      '(?:javax|jakarta)\\.mail\\.AuthenticationFailedException|Net::SMTPAuthenticationError|\\bSMTPAuthenticationError\\b|MailKit\\.Security\\.AuthenticationException',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    sources: [
      `${JAVAMAIL} (protocolConnect: throw new AuthenticationFailedException(getLastServerResponse()) when the server refuses every mechanism)`,
      'ruby/net-smtp:lib/net/smtp.rb (check_auth_response: raise SMTPAuthenticationError unless the reply is 2xx)',
      `${CPY} (SMTP.login: raise SMTPAuthenticationError(code, resp) when no mechanism succeeded)`,
      `${MAILKIT_SMTP}/SmtpClient.cs (Authenticate: throw new AuthenticationException(...) on a 535 or when every mechanism failed)`,
    ],
  },
  {
    id: 'dotnet.protocol-violation',
    // System.Net.Mail's text for a reply below 400 that is not the one the command expects (a 250 where 354 belongs, a
    // 220 to EHLO, an empty line): the server's text follows "The server response was:", and is empty at times.
    pattern: 'The server committed a protocol violation',
    yields: { message: 'unexpected-reply' },
    phase: null,
    client: 'dotnet',
    sources: [
      'dotnet/runtime:src/libraries/System.Net.Mail/src/System/Net/Mail/SmtpCommands.cs (CheckResponse: if ((int)statusCode < 400) throw new SmtpException(SR.net_webstatus_ServerProtocolViolation, serverResponse))',
      `${DOTNET_MAIL} (net_webstatus_ServerProtocolViolation: "The server committed a protocol violation"; MailServerResponse: "The server response was: {0}")`,
    ],
  },
  {
    id: 'swiftmailer.unexpected-reply',
    // SwiftMailer and Symfony Mailer name the code they expected and the one they read: a success or go-ahead that is
    // not it answers another command — the replies are out of step (a pipelined reply read late, a proxy in between).
    pattern: 'Expected response code "?(\\d{3})"? but got code "?(?!\\1)[23]\\d\\d\\b',
    yields: { message: 'unexpected-reply' },
    phase: null,
    client: 'swiftmailer',
    sources: [
      `${SWIFT}/AbstractSmtpTransport.php (assertResponseCode: 'Expected response code %s but got code "%s", with message "%s"' when the reply's code is not among those the command expects)`,
      'https://www.rfc-editor.org/rfc/rfc2920#section-3.1 (with PIPELINING the client must read the replies in the order of the commands; a reply read for the wrong command puts every later one out of step)',
    ],
  },
  {
    id: 'go-mail.unexpected-server-response',
    // go-mail's SASL steps (LOGIN, SCRAM) when the server's challenge is not the one the step expects: the text after
    // the colon is the challenge as the server sent it (a non-standard server's plain "username:" where base64 belongs).
    pattern: '\\bunexpected server response: ',
    yields: { message: 'unexpected-reply' },
    phase: 'auth',
    client: 'go',
    sources: [
      'wneessen/go-mail@46f4d6f:smtp/auth.go (ErrUnexpectedServerResponse = errors.New("unexpected server response"))',
      'wneessen/go-mail@46f4d6f:smtp/auth_login.go (loginAuth.Next: fmt.Errorf("%w: %s", ErrUnexpectedServerResponse, string(fromServer)) for a challenge past the user name and password)',
      'https://www.rfc-editor.org/rfc/rfc4954#section-4 (a 334 challenge carries base64: "The server challenge … [is] encoded in base64")',
    ],
  },
  {
    id: 'phpmailer.ehlo-answered-by-greeting',
    // PHPMailer prints the reply it read for EHLO/HELO when it is not 250: a 220 there is the greeting, read one step
    // late (the first read gave up before a slow greeting came), so every later reply answers the command before it.
    pattern: '(?:EHLO|HELO) (?:not accepted from server|command failed): 220[ -]',
    yields: { message: 'unexpected-reply' },
    phase: null,
    client: 'phpmailer',
    sources: [
      'PHPMailer/PHPMailer@v5.2.0:class.smtp.php (Hello/SendHello: error "EHLO not accepted from server", debug "SMTP -> ERROR: " . error . ": " . $rply)',
      `${PHPMAILER} (sendCommand: setError("$command command failed", …), edebug 'SMTP ERROR: ' . error . ': ' . last_reply)`,
      'https://www.rfc-editor.org/rfc/rfc5321#section-4.3.2 (220 answers only the connection and STARTTLS; EHLO is answered with 250)',
    ],
  },
  {
    id: 'dotnet.not-authenticated',
    // System.Net.Mail's text for a 530 to MAIL FROM: the session was not authenticated — its AUTH failed (SmtpClient
    // goes on without it), no credentials were sent, or STARTTLS was missing where the server only offers AUTH after
    // it. The server's reply, when shown ("The server response was: …"), says which.
    // Words joined by any white space: the ASP.NET error page and stack traces wrap this long message mid-sentence.
    pattern:
      'The\\s+SMTP\\s+server\\s+requires\\s+a\\s+secure\\s+connection\\s+or\\s+the\\s+client\\s+was\\s+not\\s+authenticated',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'dotnet',
    sources: [
      `${DOTNET_MAIL} (SmtpMustIssueStartTlsFirst: "The SMTP server requires a secure connection or the client was not authenticated.", for a 530 reply)`,
    ],
  },
  {
    id: 'generic.authentication-failed',
    // The bare words many clients and wrappers use (Laminas/Zend Mail, lettre, PHP apps). Not .NET's TLS messages
    // ("Authentication failed, see inner exception", "Authentication failed because the remote party …"), nor the
    // mail server's log, matched below.
    pattern: '(?<!SASL [\\w-]{1,30} )\\bAuthentication failed\\b(?!, see inner| because)',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    sources: [
      'laminas/laminas-mail:src/Protocol/AbstractProtocol.php (_expect: RuntimeException with the text of the refusal, "Authentication Failed" as servers word it)',
      'lettre/lettre:src/transport/smtp/error.rs (Display: "permanent error ({code})" then ": " and the source, the refusal\'s text)',
      'vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (the refusal servers send: "535 5.7.8 Error: authentication failed: %s"; Zoho and others reply "535 Authentication Failed")',
    ],
  },
  {
    id: 'postfix.sasl-authentication-failed',
    // Postfix's smtpd logs every refused AUTH; the reason is the SASL server's ("authentication failure", or the last
    // challenge, base64 "Password:" — the password was refused). A failure of the SASL service itself reads
    // "generic failure" (Cyrus) or "Connection lost to authentication server" (Dovecot): not a refused login.
    pattern:
      'SASL [\\w-]{1,30} authentication failed(?!: (?:generic failure|Connection lost to authentication server))|dovecot: auth(?:-worker)?(?:\\(\\d+\\))?: [\\w-]{1,30}\\([^)\\n]{0,200}\\): (?:Password mismatch|unknown user)',
    yields: { message: 'server-refused-login' },
    phase: 'auth',
    sources: [
      'vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (smtpd_sasl_authenticate: msg_warn("%s: SASL %s authentication failed: %s", …) before the 535 5.7.8 reply)',
      'dovecot/core:src/auth/auth-request.c (the passdb lookup logs "unknown user" and "Password mismatch" for a refused login)',
      'observed:https://github.com/mail-in-a-box/mailinabox/issues/2197',
    ],
  },
  {
    id: 'postfix.sasl-unavailable',
    // Postfix cannot reach the SASL service it hands logins to (Dovecot's auth socket, saslauthd): no login can succeed
    // until the service runs; smtpd exits when it finds no mechanism at all, and clients see the connection drop.
    pattern:
      'SASL: Connect to [^\\n]{1,200}? failed|no SASL authentication mechanisms|no applicable SASL mechanisms|SASL [\\w-]{1,30} authentication failed: (?:generic failure|Connection lost to authentication server)',
    yields: { message: 'server-sasl-unavailable' },
    phase: 'auth',
    sources: [
      'vdukhovni/postfix:postfix/src/xsasl/xsasl_dovecot_server.c (msg_warn("SASL: Connect to %s failed: %m", xp->socket_path))',
      'vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (msg_fatal("no SASL authentication mechanisms"))',
      'vdukhovni/postfix:postfix/src/xsasl/xsasl_cyrus_server.c (msg_warn("xsasl_cyrus_server_get_mechanism_list: no applicable SASL mechanisms"): Cyrus offers none, so no login can succeed)',
      'https://www.postfix.org/SASL_README.html (smtpd_sasl_path and the Dovecot auth socket, private/auth)',
      'cyrusimap/cyrus-sasl:lib/saslutil.c (sasl_errstring: SASL_FAIL "generic failure", what saslauthd being unreachable gives)',
    ],
  },
  {
    id: 'postfix.client-refused-certificate',
    // In Postfix smtpd's log (the server's side), an alert OpenSSL received came from the client: it refused the
    // server's certificate — an issuer it does not know (unknown_ca), or a certificate it would not accept.
    pattern:
      'smtpd\\[\\d+\\]: (?:warning: )?TLS library problem: [^\\n]{0,300}?alert (?:unknown ca|bad certificate|certificate unknown)',
    yields: { errorCode: 'CERT_UNTRUSTED' },
    phase: 'tls',
    sources: [
      'vdukhovni/postfix:postfix/src/tls/tls_misc.c (tls_print_errors: "TLS library problem: %s" with the OpenSSL error, the peer\'s alert included)',
      'https://www.rfc-editor.org/rfc/rfc8446#section-6.2 (unknown_ca: the CA certificate could not be located or matched with a known trust anchor; bad_certificate, certificate_unknown: the certificate was not acceptable)',
    ],
  },
  {
    id: 'postfix.tls-lost-connection',
    // Postfix's view of a client that hung up during or right after the TLS handshake (it did not like the certificate,
    // or the TLS versions, or gave up): the server's log does not say which.
    pattern: 'SSL_accept error from [^\\n]{1,200}?: lost connection|lost connection after STARTTLS from',
    yields: { errorCode: 'ECONNRESET' },
    phase: 'tls',
    sources: [
      'vdukhovni/postfix:postfix/src/tls/tls_server.c (tls_server_start: "SSL_accept error from %s: lost connection" when the client closed in the handshake)',
      'vdukhovni/postfix:postfix/src/smtpd/smtpd.c ("lost connection after %s from %s", the last command being STARTTLS)',
    ],
  },
  {
    id: 'nodemailer.eauth',
    // Every nodemailer login failure carries code EAUTH; alone (the message and reply cut off) it still says that the
    // login failed. Missing credentials and token refreshes are EAUTH too, but their own messages are matched above.
    pattern: '\\bcode[\'"]?:\\s*[\'"]EAUTH[\'"]',
    yields: { message: 'auth-failed' },
    phase: 'auth',
    client: 'nodemailer',
    sources: [
      `${NM_CONN} (_formatError('Invalid login: ' + str, 'EAUTH', str, 'AUTH …'); responseCode set from the reply)`,
    ],
  },
  {
    id: 'no-common-mechanism',
    pattern:
      'No supported authentication methods found|Failed to find an authenticator supported by the SMTP server|the server does not support authentication method|Auth not attempted, requested type not available|Failed to authenticate on SMTP server with username [^\\n]{0,200}?using 0 possible authenticators|No authentication mechan(?:is|si)ms supported by both server and client|No authenticators available|cannot use a secure authentication method|cannot find a usable authentication method|No compatible authentication mechanisms found|server does not support SMTP AUTH type: [A-Z0-9-]+|No suitable authentication method found(?! to complete)|No worthy mechs found|cannot authenticate to server [^\\n]{1,200}?: no mechanism available|SASL authentication failed: no mechanism available|offered no supported AUTH mechanisms|available mechanisms do not fulfill requirements|does not seem to support encrypted passwords|No compatible authentication mechanism was found|No authentication mechanisms were tried since the server did not support any of the ones loaded|no form of authori[sz]ation supported|support for authentication method [A-Z0-9_-]+ is not compiled in',
    yields: { message: 'no-common-mechanism' },
    phase: 'auth',
    sources: [
      `${SWIFT}/Esmtp/AuthHandler.php (afterEhlo: "… using 0 possible authenticators": none of its mechanisms is in the server's AUTH list)`,
      `${JAVAMAIL} (authenticate: "No authentication mechanisms supported by both server and client"; before 1.5 "mechansims")`,
      'muttmua/mutt:smtp.c (smtp_auth: mutt_error (_("No authenticators available")) for SMTP_AUTH_UNAVAIL: no mechanism both sides can use)',
      `${MSMTP}/smtp.c (smtp_auth: "cannot use a secure authentication method" without TLS — auth on never picks PLAIN or LOGIN in the clear —, "cannot find a usable authentication method" with it)`,
      `${PHPMAILER} (setError('No supported authentication methods found'))`,
      `${SYMFONY} ('Failed to find an authenticator supported by the SMTP server, which currently supports: ...')`,
      `${MSMTP}/smtp.c ("the server does not support authentication method %s")`,
      `${SWAKS} ("Auth not attempted, requested type not available")`,
      `${MAILKIT_SMTP}/SmtpClient.cs (Authenticate: NotSupportedException ("No compatible authentication mechanisms found.") when none of the server's AUTH list is one it can use with these credentials)`,
      `${CPY} (SMTP.login: raise SMTPException("No suitable authentication method found.") when none of its mechanisms is in the AUTH list)`,
      `${POSTFIX_SMTP}/smtp_sasl_glue.c ("SASL authentication failed; cannot authenticate to server %s: %s" with Cyrus SASL's "no mechanism available"; "%s offered no supported AUTH mechanisms: '%s'")`,
      'https://www.postfix.org/SASL_README.html (the Postfix SMTP client needs the Cyrus SASL plugins of the mechanisms it may use: "No worthy mechs found" otherwise)',
      'cyrusimap/cyrus-sasl:lib/client.c (sasl_client_start: SASL_NOMECH "No worthy mechs found")',
      'sendmail (usersmtp.c: "AUTH=client, available mechanisms do not fulfill requirements")',
      `${THUNDERBIRD_SMTP} (smtp-auth-hint-encrypt-to-plain-no-ssl: "The Outgoing server (SMTP) { $hostname } does not seem to support encrypted passwords. …")`,
      'lettre/lettre:src/transport/smtp/client/connection.rs (auth: error::client("No compatible authentication mechanism was found") when none of its mechanisms is in the EHLO reply\'s AUTH list — or the list is missing)',
      'swiftmailer/swiftmailer@v3:lib/Swift/Connection/SMTP.php (authenticate: "No authentication mechanisms were tried since the server did not support any of the ones loaded. Loaded authenticators: […]")',
      'wneessen/go-mail:smtp/auth.go (ErrPlainAuthNotSupported "server does not support SMTP AUTH type: PLAIN", ErrLoginAuthNotSupported …: the chosen mechanism is not in the server\'s AUTH list)',
      "eleith/emailjs@53cfc2c:src/connection.ts (login: SMTPError 'no form of authorization supported', AUTHNOTSUPPORTED, when none of its mechanisms — CRAM-MD5, LOGIN, PLAIN, XOAUTH2 — is in the EHLO reply's AUTH feature, or that feature is missing)",
      `${MSMTP}/msmtp.c ("support for authentication method %s is not compiled in": the mechanism asked for is one this msmtp build cannot run — a GNU SASL build without it, or none — so no login is tried)`,
    ],
  },
  // OAuth clients (i11-oauth): token helpers and OAuth logins saying, in their own words, that the token failed.
  {
    id: 'jakarta-mail.oauth2-asked-for-more',
    // Jakarta Mail (and JavaMail before it) sends the XOAUTH2 token as the initial response; a server that answers it
    // with a 334 challenge instead of 235 is sending an error challenge, and the client gives up with these words.
    pattern: 'OAUTH2 asked for more',
    yields: { message: 'oauth-token-refused' },
    phase: 'auth',
    client: 'javamail',
    sources: [
      `${JAVAMAIL} (OAuth2Authenticator, mechanism XOAUTH2: doAuth throws AuthenticationFailedException("OAUTH2 asked for more") when the server answers the initial response with 334)`,
      'https://developers.google.com/gmail/imap/xoauth2-protocol (a refused token is answered with a 334 base64 JSON error challenge, to be acknowledged by an empty line)',
    ],
  },
  {
    id: 'mailctl.no-refresh-token',
    // mailctl and its successor oama renew the access token with the stored refresh token; without one (the
    // authorisation returned none, e.g. Microsoft without offline_access) there is nothing to renew with.
    pattern: 'renewAccessToken: Nothing as refresh token argument',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      'pdobsan/mailctl:lib/MailCtl/Authorization.hs (renewAccessToken _ _ Nothing = Left "renewAccessToken: Nothing as refresh token argument")',
      'pdobsan/oama (mailctl\'s successor: its Authorization module returns the same message as Unknown "renewAccessToken: Nothing as refresh token argument")',
    ],
  },
  {
    id: 'mutt-oauth2.refresh-failed',
    // mutt_oauth2 (the Python token helper for mutt, msmtp and others) prints this when the token endpoint refused the
    // refresh (an OAuth2Error or an HTTP error): the helper prints no access token, so the mail client has none.
    pattern: 'Caught error attempting refresh',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      "Tatsh/mutt-oauth2:mutt_oauth2/main.py (token.refresh(username) except (OAuth2Error, requests.HTTPError): click.echo('Caught error attempting refresh.'), exit 1)",
    ],
  },
  {
    id: 'mutt-oauth2.contrib-refresh-failed',
    // mutt's own contrib/mutt_oauth2.py, when the token endpoint refuses the refresh (it prints the endpoint's error
    // first) or when the token file holds no refresh token: no access token is printed for the mail client.
    pattern:
      'Perhaps refresh token invalid\\. Try running once with "--authorize"|ERROR: No refresh token\\. Run script with "--authorize"',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      'muttmua/mutt:contrib/mutt_oauth2.py (refresh: "error" in the response → print it, then \'Perhaps refresh token invalid. Try running once with "--authorize"\', exit 1; no refresh token → \'ERROR: No refresh token. Run script with "--authorize".\')',
    ],
  },
  {
    id: 'email-oauth2-proxy.saved-token-invalid',
    // Email OAuth 2.0 Proxy answers the mail client's login with this when getting the access token failed (the refresh
    // was refused, or the stored tokens could not be used): no token reached the server.
    pattern: 'Login failure - saved authentication data invalid for account',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      "simonrob/email-oauth2-proxy:emailproxy.py (OAuth2Helper.get_oauth2_credentials: on an exception while requesting OAuth 2.0 credentials, '%s: Login failure - saved authentication data invalid for account %s' % (APP_NAME, username))",
    ],
  },
  {
    id: 'python.token-response-without-access-token',
    // A Python token helper (oauth2ms and many scripts) that reads result["access_token"] from the token endpoint's or
    // MSAL's answer without checking it fails with this when the answer is an error (RFC 6749 §5.2 has "error" and no
    // access_token) or when MSAL found no usable refresh token (acquire_token_silent returns None).
    pattern:
      "KeyError: ['\"]access_token['\"]|fetch_token_from_cache[\\s\\S]{0,400}?TypeError: 'NoneType' object is not subscriptable",
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      'harishkrupo/oauth2ms:oauth2ms (fetch_token_from_cache: result = cca.acquire_token_silent(...); return result["access_token"])',
      'https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (an error response carries error, error_description — no access_token)',
      'https://msal-python.readthedocs.io/en/latest/#msal.ClientApplication.acquire_token_silent (returns None when no token could be obtained silently, or a dict with an "error" key)',
    ],
  },
  {
    id: 'sasl-xoauth2.expired-token-failure',
    // sasl-xoauth2 writes its trace only when the exchange failed ("auth failed:" and the buffered lines); a trace in
    // which the stored access token had expired is one where the plug-in had to refresh it before sending anything.
    pattern: 'sasl-xoauth2(?:\\[\\d{1,10}\\])?: auth failed:[\\s\\S]{0,3000}?TokenStore::GetAccessToken: token expired',
    yields: { message: 'oauth-token-refresh-failed' },
    phase: 'auth',
    sources: [
      'tarickb/sasl-xoauth2:src/client.cc (DoStep: SetFlushOnDestroy when a step fails; SendToken → TokenStore::GetAccessToken)',
      'tarickb/sasl-xoauth2:src/token_store.cc (GetAccessToken: "TokenStore::GetAccessToken: token expired. refreshing." then Refresh(), whose failure ends the exchange)',
    ],
  },
  {
    id: 'msmtp.mechanism-not-compiled-in',
    // msmtp refuses, before it connects, a configured mechanism its build lacks (XOAUTH2 or OAUTHBEARER in a build
    // with GNU SASL, or without it): nothing was sent to the server.
    pattern: 'support for authentication method [A-Z0-9-]{1,20} is not compiled in',
    yields: { message: 'no-common-mechanism' },
    phase: 'auth',
    client: 'msmtp',
    sources: [
      `${MSMTP}/msmtp.c (main: !smtp_client_supports_authmech(account->auth_mech) → "support for authentication method %s is not compiled in", EX_UNAVAILABLE)`,
    ],
  },
];
