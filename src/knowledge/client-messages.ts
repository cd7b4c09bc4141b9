// Client and library wording that carries meaning without a server reply: network and TLS errors, client refusals.
import type { Phase } from '../model/transcript.js';

/** What a client's own message means, as the diagnose rules read it. */
export type ClientMessageId =
  | 'greeting-never-received'
  | 'timed-out'
  | 'auth-not-advertised'
  | 'starttls-not-advertised'
  | 'starttls-failed'
  | 'credentials-missing'
  | 'client-refuses-plaintext-auth'
  | 'non-ascii-credentials'
  | 'connection-closed'
  | 'oauth-token-refresh-failed'
  | 'auth-failed'
  | 'no-common-mechanism';

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
const GO_SMTP = 'golang/go:src/net/smtp/smtp.go';
const PHPMAILER = 'PHPMailer/PHPMailer@4a489474:src/SMTP.php';
const SYMFONY = 'symfony/mailer@eb0c3187:Transport/Smtp/EsmtpTransport.php';

/** Checked in this order; the first pattern of each error code wins, so narrow wording comes before broad. */
export const CLIENT_MESSAGES: readonly ClientMessagePattern[] = [
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
    id: 'openssl.protocol-version',
    pattern: 'alert protocol version|unsupported protocol|No appropriate protocol',
    yields: { errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
    phase: 'tls',
    sources: [
      'shared/reference/protocol-security.md §3.3 (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: tlsv1 alert protocol version)',
      'openjdk/jdk:src/java.base/share/classes/sun/security/ssl/ClientHello.java ("No appropriate protocol")',
    ],
  },
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
      'certificate is not yet valid|CERT_NOT_YET_VALID|certificate has expired or is not yet valid: current time \\S+ is before',
    yields: { errorCode: 'CERT_NOT_YET_VALID' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'golang/go:src/crypto/x509/verify.go ("x509: certificate has expired or is not yet valid: current time %s is before %s")',
    ],
  },
  {
    id: 'openssl.expired',
    pattern: 'certificate has expired|CERT_HAS_EXPIRED',
    yields: { errorCode: 'CERT_HAS_EXPIRED' },
    phase: 'tls',
    sources: [NODE_TLS, 'shared/reference/protocol-security.md §3.3'],
  },
  {
    id: 'openssl.unable-to-verify-leaf',
    pattern: 'unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    yields: { errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    phase: 'tls',
    sources: [NODE_TLS, 'shared/reference/protocol-security.md §3.3'],
  },
  {
    id: 'openssl.unable-to-get-local-issuer',
    pattern:
      "unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|PKIX path building failed|certificate signed by unknown authority|hasn't got a known issuer",
    yields: { errorCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
    phase: 'tls',
    sources: [
      NODE_TLS,
      'openjdk/jdk:src/java.base/share/classes/sun/security/validator/PKIXValidator.java ("PKIX path building failed")',
      'golang/go:src/crypto/x509/verify.go ("x509: certificate signed by unknown authority")',
      `${MSMTP}/mtls-gnutls.c ("the certificate hasn't got a known issuer")`,
    ],
  },
  {
    id: 'node.altname-invalid',
    pattern:
      "ERR_TLS_CERT_ALTNAME_INVALID|Hostname/IP does not match certificate's altnames|certificate is valid for .{1,200}, not |Hostname mismatch, certificate is not valid for",
    yields: { errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    phase: 'tls',
    sources: [
      'nodejs/node:doc/api/errors.md (ERR_TLS_CERT_ALTNAME_INVALID)',
      'golang/go:src/crypto/x509/verify.go ("x509: certificate is valid for %s, not %s")',
      'python/cpython@3.11:Modules/_ssl.c ("Hostname mismatch, certificate is not valid for")',
    ],
  },
  {
    id: 'generic.certificate-verify-failed',
    pattern:
      'CERTIFICATE_VERIFY_FAILED|certificate verify failed|remote certificate is invalid according to the validation procedure',
    yields: { errorCode: 'CERT_UNTRUSTED' },
    phase: 'tls',
    sources: [
      'python/cpython@3.11:Lib/ssl.py (SSLCertVerificationError, [SSL: CERTIFICATE_VERIFY_FAILED])',
      'dotnet/runtime:src/libraries/System.Net.Security (net_ssl_io_cert_validation: "The remote certificate is invalid according to the validation procedure")',
    ],
  },
  // Network.
  {
    id: 'node.econnrefused',
    pattern: 'ECONNREFUSED|Connection refused|actively refused it',
    yields: { errorCode: 'ECONNREFUSED' },
    phase: 'connect',
    sources: [
      NODE_ERRORS,
      'dotnet/runtime (SocketError.ConnectionRefused: "No connection could be made because the target machine actively refused it")',
    ],
  },
  {
    id: 'node.enotfound',
    pattern:
      'ENOTFOUND|Name or service not known|nodename nor servname provided|No such host is known|: no such host|UnknownHostException|Could not resolve host|cannot locate host|getaddrinfo failed',
    yields: { errorCode: 'ENOTFOUND' },
    phase: 'connect',
    sources: [NODE_ERRORS, `${MSMTP}/net.c ("cannot locate host %s: %s")`, 'golang/go:src/net/net.go ("no such host")'],
  },
  {
    id: 'node.eai-again',
    pattern: 'EAI_AGAIN|Temporary failure in name resolution',
    yields: { errorCode: 'EAI_AGAIN' },
    phase: 'connect',
    sources: [NODE_ERRORS],
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
      'in connect\\n(?:[^\\n]*\\n){0,4}?[^\\n]*in getreply\\n(?:[^\\n]*\\n){0,12}?[^\\n]*(?:\\b(?:TimeoutError|socket\\.timeout)|Connection unexpectedly closed): timed out',
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
      'ETIMEDOUT|Connection timed out|connect timed out|Connection timeout|i/o timeout|execution expired|did not properly respond after a period of time|Timed out after',
    yields: { errorCode: 'ETIMEDOUT' },
    phase: 'connect',
    sources: [
      NODE_ERRORS,
      `${NM_CONN} (timeoutError('Connection timeout', 'CONNECT_TIMEOUT'))`,
      'dotnet/runtime (SocketError.TimedOut: "A connection attempt failed because the connected party did not properly respond after a period of time")',
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
    id: 'node.econnreset',
    pattern: 'ECONNRESET|Connection reset by peer',
    yields: { errorCode: 'ECONNRESET' },
    phase: null,
    sources: [NODE_ERRORS, 'shared/reference/protocol-security.md §3.3 (server closes on the ClientHello: ECONNRESET)'],
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
    pattern: "smtp: server doesn't support AUTH",
    yields: { message: 'auth-not-advertised' },
    phase: 'auth',
    client: 'go',
    sources: [`${GO_SMTP} (SendMail: errors.New("smtp: server doesn't support AUTH"))`],
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
    id: 'python.starttls-not-supported',
    pattern: 'STARTTLS extension not supported by server',
    yields: { message: 'starttls-not-advertised' },
    phase: 'starttls',
    client: 'python-smtplib',
    sources: [`${CPY} (SMTP.starttls raises SMTPNotSupportedError("STARTTLS extension not supported by server."))`],
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
    id: 'symfony.starttls-failed',
    pattern:
      'Unable to connect with STARTTLS|Error upgrading connection with STARTTLS|STARTTLS attempted but failed|Could not convert socket to TLS',
    yields: { message: 'starttls-failed' },
    phase: 'starttls',
    sources: [
      'symfony/mailer@eb0c3187:Transport/Smtp/Stream/SocketStream.php ("Unable to connect with STARTTLS: ")',
      `${NM_CONN} ("Error upgrading connection with STARTTLS", ETLS)`,
      `${SWAKS} ("STARTTLS attempted but failed")`,
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
    id: 'generic.connection-closed',
    pattern:
      'Connection unexpectedly closed|Connection closed unexpectedly|Remote host closed connection unexpectedly|net_io_connectionclosed|transport connection: The connection was closed|Unexpected socket close',
    yields: { message: 'connection-closed' },
    phase: null,
    sources: [
      `${CPY} (SMTPServerDisconnected("Connection unexpectedly closed"))`,
      `${NM_CONN} ("Connection closed unexpectedly")`,
      `${SWAKS} ("Remote host closed connection unexpectedly.")`,
      'dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx (net_io_connectionclosed: "The connection was closed"; .NET Framework prints the resource name)',
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
      'No supported authentication methods found|Failed to find an authenticator supported by the SMTP server|the server does not support authentication method|Auth not attempted, requested type not available',
    yields: { message: 'no-common-mechanism' },
    phase: 'auth',
    sources: [
      `${PHPMAILER} (setError('No supported authentication methods found'))`,
      `${SYMFONY} ('Failed to find an authenticator supported by the SMTP server, which currently supports: ...')`,
      `${MSMTP}/smtp.c ("the server does not support authentication method %s")`,
      `${SWAKS} ("Auth not attempted, requested type not available")`,
    ],
  },
];
