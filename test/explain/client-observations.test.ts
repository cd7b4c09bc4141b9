// Client observations: each library's own wording of a TLS, network or login failure, read into one error code or
// client message — and the look-alikes that must not be.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';
import { clientObservations } from '../../src/explain/client-observations.js';
import type { Observation } from '../../src/model/evidence.js';

/** An observation as "code:PHASE" or "message:id:phase" (phase "-" when none). */
function short(o: Observation): string {
  if (o.kind === 'error-code') return `code:${o.code}:${o.phase ?? '-'}`;
  if (o.kind === 'client-message') return `message:${o.id}:${o.phase ?? '-'}`;
  return `reply:${String(o.reply.code)}`;
}

describe('client observations', () => {
  // [the library and its wording, pasted text, the observation it must yield]
  const yields: [string, string, string][] = [
    // TLS mode: a plaintext greeting read as TLS.
    [
      'OpenSSL 1.0 (SSL23_GET_SERVER_HELLO)',
      'Error: 140735:error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol:s23_clnt.c:794:',
      'code:ERR_SSL_UNKNOWN_PROTOCOL:tls',
    ],
    [
      "Python 2.7's ssl with OpenSSL 1.0",
      'ssl.SSLError: [SSL: UNKNOWN_PROTOCOL] unknown protocol (_ssl.c:590)',
      'code:ERR_SSL_UNKNOWN_PROTOCOL:tls',
    ],
    [
      '.NET SslStream',
      'System.IO.IOException: Cannot determine the frame size or a corrupted frame was received.',
      'code:ERR_SSL_WRONG_VERSION_NUMBER:tls',
    ],
    [
      "MailKit's advice for SSL on connect to 587",
      'When connecting to an SMTP service, port 587 is typically reserved for plain-text connections. If',
      'code:ERR_SSL_WRONG_VERSION_NUMBER:tls',
    ],
    [
      'rustls (lettre)',
      'lettre::transport::smtp::Error { kind: Network, source: Custom { kind: InvalidData, error: CorruptMessage } }',
      'code:ERR_SSL_WRONG_VERSION_NUMBER:tls',
    ],
    // The peer's handshake_failure alert.
    [
      'OpenSSL',
      'error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure',
      'code:ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:tls',
    ],
    [
      'Java',
      'javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure',
      'code:ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:tls',
    ],
    ['Go', 'remote error: tls: handshake failure', 'code:ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:tls'],
    [
      '.NET 5+',
      "Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'.",
      'code:ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:tls',
    ],
    [
      'Go (a TLS 1.0 server)',
      'tls: server selected unsupported protocol version 301',
      'code:ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION:tls',
    ],
    ['Python', 'ssl.SSLEOFError: EOF occurred in violation of protocol (_ssl.c:1129)', 'code:ECONNRESET:tls'],
    ['Java', 'java.net.SocketException: Connection reset', 'code:ECONNRESET:-'],
    [
      'Windows sockets (.NET)',
      'Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host.',
      'code:ECONNRESET:-',
    ],
    [
      'MailKit callback',
      'The remote certificate was rejected by the provided RemoteCertificateValidationCallback.',
      'code:CERT_UNTRUSTED:tls',
    ],
    // Closed in the handshake.
    ['JDK 11+', 'javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake', 'code:ECONNRESET:tls'],
    [
      '.NET',
      'System.IO.IOException: Received an unexpected EOF or 0 bytes from the transport stream.',
      'code:ECONNRESET:tls',
    ],
    ['tokio-rustls', 'Connection error: tls handshake eof', 'code:ECONNRESET:tls'],
    ['rustls', 'network error: peer closed connection without sending TLS close_notify', 'code:ECONNRESET:tls'],
    [
      'Ruby openssl',
      'SSL_connect SYSCALL returned=5 errno=0 state=SSLv2/v3 read server hello A',
      'code:ECONNRESET:tls',
    ],
    // Host-name checks, in each library's words.
    [
      'Node before v12',
      "Error: Hostname/IP doesn't match certificate's altnames: \"Host: mail.example.org. is not in the cert's altnames: DNS:*.host.example\"",
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'Ruby',
      'OpenSSL::SSL::SSLError: hostname "localhost" does not match the server certificate',
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'Ruby, HTML-escaped',
      'hostname &quot;smtp.example.org&quot; does not match the server certificate',
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      "Ruby's backtrace through the host-name check",
      '139:  /usr/lib/ruby/2.1.0/openssl/ssl.rb -> **post_connection_check**',
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'PHP streams',
      "Warning: stream_socket_enable_crypto(): Peer certificate CN=`*.host.example' did not match expected CN=`smtp.example.org'",
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'Java',
      'java.security.cert.CertificateException: No subject alternative DNS name matching smtp.example.org found.',
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'MailKit',
      "The host name did not match the name given in the server's SSL certificate.",
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'curl',
      "curl: (60) SSL: no alternative certificate subject name matches target host name 'smtp.example.org'",
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'Go',
      "x509: cannot validate certificate for 192.0.2.1 because it doesn't contain any IP SANs",
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'Java',
      'sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      'code:UNABLE_TO_GET_ISSUER_CERT_LOCALLY:tls',
    ],
    ['rustls', 'invalid peer certificate: UnknownIssuer', 'code:UNABLE_TO_GET_ISSUER_CERT_LOCALLY:tls'],
    ['rustls', 'invalid peer certificate: Expired', 'code:CERT_HAS_EXPIRED:tls'],
    // A TLS failure without its reason.
    [
      'MailKit',
      'MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.',
      'message:tls-failed:tls',
    ],
    ['PHP streams', 'stream_socket_client(): Failed to enable crypto', 'message:tls-failed:tls'],
    // Network.
    [
      'PHP on macOS/BSD (strerror of ETIMEDOUT)',
      'stream_socket_client(): Unable to connect to smtp.example.org:587 (Operation timed out)',
      'code:ETIMEDOUT:connect',
    ],
    ['Node on Windows (libuv)', "errno: -4039,\n  code: 'ESOCKET',\n  syscall: 'connect'", 'code:ETIMEDOUT:connect'],
    ['Node on Windows (libuv)', "errno: -4078,\n  syscall: 'connect'", 'code:ECONNREFUSED:connect'],
    ['nodemailer', '{ "errno": -3008, "code": "EDNS", "syscall": "getaddrinfo" }', 'code:ENOTFOUND:connect'],
    [
      'an application naming what refused',
      'ERROR in util: Connection to SMTP server refused.',
      'code:ECONNREFUSED:connect',
    ],
    ['Python', 'ValueError: Connection was refused.', 'code:ECONNREFUSED:connect'],
    // Closes, silence and stalls.
    [
      'JavaMail',
      'jakarta.mail.MessagingException: Got bad greeting from SMTP host: localhost, port: 1025, response: [EOF]',
      'message:connection-closed:greeting',
    ],
    [
      'aiosmtplib',
      'aiosmtplib.errors.SMTPConnectError: Error connecting to smtp.example.org on port 587: Unexpected EOF received',
      'message:connection-closed:greeting',
    ],
    ['SwiftMailer', 'Expected response code 220 but got an empty response', 'message:greeting-never-received:greeting'],
    [
      'SwiftMailer 5',
      'Expected response code 220 but code "", with message ""',
      'message:greeting-never-received:greeting',
    ],
    ['MailKit', 'SmtpProtocolException: The SMTP server has unexpectedly disconnected.', 'message:connection-closed:-'],
    ['Go (logfmt)', 'lvl=eror msg="Failed to send alert notification email" error=EOF', 'message:connection-closed:-'],
    ['Go (wrapped)', 'Max connection attempts exceeded - EOF', 'message:connection-closed:-'],
    ['Python over TLS', 'TimeoutError: The read operation timed out', 'message:read-timed-out:-'],
    ['Go', 'read tcp 10.0.0.2:51234->192.0.2.1:587: i/o timeout', 'message:read-timed-out:-'],
    ['Java', 'java.net.SocketTimeoutException: Read timed out', 'message:read-timed-out:-'],
    ['.NET SmtpClient', 'System.Net.Mail.SmtpException: The operation has timed out.', 'message:timed-out:-'],
    ['Python', 'smtplib.SMTPServerDisconnected: please run connect() first', 'message:connection-closed:-'],
    ['nodemailer', 'Error: Error initiating TLS - read ECONNRESET', 'message:starttls-failed:starttls'],
    [
      'swaks',
      '*** TLS startup failed (connect(): error:0A000086:SSL routines::certificate verify failed)',
      'message:starttls-failed:starttls',
    ],
    [
      '.NET 5+ with the chain status',
      'AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
      'code:SELF_SIGNED_CERT_IN_CHAIN:tls',
    ],
    [
      '.NET 5+, a missing intermediate',
      'The remote certificate is invalid because of errors in the certificate chain: PartialChain',
      'code:UNABLE_TO_VERIFY_LEAF_SIGNATURE:tls',
    ],
    [
      '.NET 5+, an expired certificate',
      'The remote certificate is invalid because of errors in the certificate chain: NotTimeValid',
      'code:CERT_HAS_EXPIRED:tls',
    ],
    [
      'MailKit, revocation unreachable',
      'The revocation function was unable to check revocation for the certificate.',
      'code:UNABLE_TO_GET_CRL:tls',
    ],
    ['Node', 'Error: unable to get issuer certificate', 'code:UNABLE_TO_GET_ISSUER_CERT:tls'],
    [
      'Go 1.15+ with a CN-only certificate',
      'x509: certificate relies on legacy Common Name field, use SANs instead',
      'code:ERR_TLS_CERT_ALTNAME_INVALID:tls',
    ],
    [
      'Java, a chain that fails a check',
      'sun.security.validator.ValidatorException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed',
      'code:CERT_UNTRUSTED:tls',
    ],
    [
      'Python',
      'ssl.SSLError: [SSL: DH_KEY_TOO_SMALL] dh key too small (_ssl.c:1056)',
      'code:ERR_SSL_DH_KEY_TOO_SMALL:tls',
    ],
    [
      'OpenSSL 3',
      'error:0A000152:SSL routines::unsafe legacy renegotiation disabled',
      'code:ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED:tls',
    ],
    [
      'OpenSSL',
      'ssl.SSLError: [SSL: NO_PROTOCOLS_AVAILABLE] no protocols available',
      'code:ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION:tls',
    ],
    [
      'Go',
      'tls: no supported versions satisfy MinVersion and MaxVersion',
      'code:ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION:tls',
    ],
    [
      'SChannel',
      'The client and server cannot communicate, because they do not possess a common algorithm',
      'code:ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION:tls',
    ],
    ['Ruby', 'Errno::EAI_NONAME', 'code:ENOTFOUND:connect'],
    ['Python', 'BrokenPipeError: [Errno 32] Broken pipe', 'message:connection-closed:-'],
    ['Node', 'Error: write EPIPE', 'message:connection-closed:-'],
    ['Ruby', 'EOFError: end of file reached', 'message:connection-closed:-'],
    ['SwiftMailer', 'Expected response code 250 but got an empty response', 'message:connection-closed:-'],
    ['Ruby', 'Net::ReadTimeout with #<TCPSocket:(closed)>', 'message:read-timed-out:-'],
    [
      'Python, no mechanism in common',
      'smtplib.SMTPException: No suitable authentication method found.',
      'message:no-common-mechanism:auth',
    ],
    [
      'Postfix as a relay without the Cyrus SASL plugins',
      'status=deferred (SASL authentication failed; cannot authenticate to server smtp.example.org[192.0.2.1]: no mechanism available)',
      'message:no-common-mechanism:auth',
    ],
    ['Cyrus SASL', 'warning: SASL authentication failure: No worthy mechs found', 'message:no-common-mechanism:auth'],
    [
      'sendmail as a client',
      'AUTH=client, available mechanisms do not fulfill requirements',
      'message:no-common-mechanism:auth',
    ],
    [
      'Thunderbird',
      'The Outgoing server (SMTP) smtp.example.org does not seem to support encrypted passwords.',
      'message:no-common-mechanism:auth',
    ],
    [
      'Thunderbird, STARTTLS not offered',
      "Unable to establish a secure link with Outgoing server (SMTP) smtp.example.org using STARTTLS since it doesn't advertise that feature.",
      'message:starttls-not-advertised:starttls',
    ],
    [
      'Ruby Net::SMTP without a password',
      'ArgumentError: SMTP-AUTH requested but missing secret phrase',
      'message:credentials-missing:auth',
    ],
    [
      'Postfix as a relay, no greeting',
      'status=deferred (conversation with smtp.example.org[192.0.2.1] timed out while receiving the initial server greeting)',
      'message:greeting-never-received:greeting',
    ],
    [
      'Postfix as a relay, closed before the greeting',
      'status=deferred (lost connection with smtp.example.org[192.0.2.1] while receiving the initial server greeting)',
      'message:connection-closed:greeting',
    ],
    [
      'Postfix as a relay, closed later',
      'status=deferred (lost connection with smtp.example.org[192.0.2.1] while performing the EHLO handshake)',
      'message:connection-closed:-',
    ],
    [
      'Exim, a reply that never came',
      'SMTP timeout after end of data (1234 bytes written)',
      'message:read-timed-out:-',
    ],
    [
      'Go, a resolver that fails (SERVFAIL)',
      'dial tcp: lookup smtp.example.org on 127.0.0.11:53: server misbehaving',
      'code:EAI_AGAIN:connect',
    ],
    [
      'Go, a resolver that does not answer',
      'dial tcp: lookup smtp.example.org on 127.0.0.11:53: read udp 127.0.0.1:40000->127.0.0.11:53: i/o timeout',
      'code:EAI_AGAIN:connect',
    ],
    [
      'Postfix, a name that does not exist',
      'Host or domain name not found. Name service error for name=smtp.example.org type=A: Host not found',
      'code:ENOTFOUND:connect',
    ],
    [
      'Exim, a lookup that did not complete',
      'R=dnslookup defer (-1): host lookup did not complete',
      'code:EAI_AGAIN:connect',
    ],
    [
      'Postfix smtpd without its certificate',
      'postfix/smtpd[1234]: warning: cannot get RSA private key from file "/etc/ssl/private/mail.key": disabling TLS support',
      'message:starttls-not-advertised:starttls',
    ],
    [
      'Postfix smtpd with Cyrus offering nothing',
      'postfix/smtpd[1234]: warning: xsasl_cyrus_server_get_mechanism_list: no applicable SASL mechanisms',
      'message:server-sasl-unavailable:auth',
    ],
    ['Java, a reset on a TLS socket', 'javax.net.ssl.SSLException: Connection reset', 'code:ECONNRESET:-'],
    [
      'Ruby, a reset in the TLS handshake',
      'Errno::ECONNRESET: Connection reset by peer - SSL_connect',
      'code:ECONNRESET:tls',
    ],
    [
      'Java, a server that only speaks a disabled TLS version',
      'javax.net.ssl.SSLHandshakeException: The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]',
      'code:ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION:tls',
    ],
    [
      'Ruby with OpenSSL 1.0, a plaintext greeting',
      'SSL_connect returned=1 errno=0 state=SSLv3 read server hello A: unknown protocol',
      'code:ERR_SSL_UNKNOWN_PROTOCOL:tls',
    ],
    ['Rust, ETIMEDOUT by number', 'Error: timed out (os error 110)', 'code:ETIMEDOUT:connect'],
    [
      'Python, the peer closed TLS',
      'ssl.SSLZeroReturnError: TLS/SSL connection has been closed (EOF) (_ssl.c:1131)',
      'message:connection-closed:-',
    ],
    [
      'Laminas Mail, the stream ended',
      'Laminas\\Mail\\Protocol\\Exception\\RuntimeException: Could not read from smtp.example.org',
      'message:connection-closed:-',
    ],
    [
      'Zend Mail, STARTTLS failed',
      'Zend_Mail_Protocol_Exception: Unable to connect via TLS',
      'message:starttls-failed:starttls',
    ],
    [
      'Java, an expired certificate',
      'java.security.cert.CertificateExpiredException: NotAfter: Sat Jan 01 00:00:00 UTC 2022',
      'code:CERT_HAS_EXPIRED:tls',
    ],
    ['glibc EAI_NODATA', 'socket.gaierror: [Errno -5] No address associated with hostname', 'code:ENOTFOUND:connect'],
    [
      'Windows WSAECONNABORTED',
      'Unable to read data from the transport connection: An established connection was aborted by the software in your host machine.',
      'message:connection-closed:-',
    ],
    [
      '.NET SmtpClient, a reply below 400 out of step',
      'System.Net.Mail.SmtpException: The server committed a protocol violation The server response was: ',
      'message:unexpected-reply:-',
    ],
    [
      'JavaMail’s debug output: EHLO sent after the greeting and nothing answered it',
      '220 ESMTP smtp.example.com\nDEBUG SMTP: connected to host "smtp.example.com", port: 465\nEHLO client.example\n2025-09-03 10:05:55,680 ERROR EmailException: Password based SMTP connect failed',
      'message:read-timed-out:ehlo',
    ],
    [
      'PHPMailer’s debug output: STARTTLS went ahead, then its connect error',
      '2017-09-25 06:30:08\tCLIENT -> SERVER: STARTTLS\n2017-09-25 06:30:08\tSERVER -> CLIENT: 220 2.0.0 Ready to start TLS\n2017-09-25 06:30:09\tSMTP Error: Could not connect to SMTP host.',
      'message:starttls-failed:starttls',
    ],
    [
      'PHPMailer’s debug output flattened onto one line',
      'CLIENT -> SERVER: STARTTLS 2017-09-25 06:30:08 SERVER -> CLIENT: 220 2.0.0 Ready to start TLS 2017-09-25 06:30:09 SMTP Error: Could not connect to SMTP host.',
      'message:starttls-failed:starttls',
    ],
    [
      'SwiftMailer, a 250 where DATA’s 354 belongs',
      'Swift_TransportException: Expected response code 354 but got code "250", with message "250 Accepted"',
      'message:unexpected-reply:-',
    ],
    [
      '.NET SmtpClient, its message wrapped by an error page',
      'The SMTP server requires a secure connection or the client was not\nauthenticated. The server response was: 5.7.0 Authentication\nrequired',
      'message:auth-failed:auth',
    ],
    [
      'Rust (lettre: a read past its timeout is EAGAIN on Unix)',
      'SMTP IO error: Resource temporarily unavailable (os error 11)',
      'message:read-timed-out:-',
    ],
    ['Python on musl (Alpine): EAI_AGAIN', 'socket.gaierror: [Errno -3] Try again', 'code:EAI_AGAIN:connect'],
    [
      'Python on musl (Alpine): EAI_NONAME',
      'socket.gaierror: [Errno -2] Name does not resolve',
      'code:ENOTFOUND:connect',
    ],
    [
      'Go net/smtp reading an IMAP greeting',
      '"error":"short response: * OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready."',
      'message:other-protocol-greeting:greeting',
    ],
    [
      'nodemailer reading a POP3 greeting',
      'Error: Invalid greeting. response=+OK Dovecot ready.',
      'message:other-protocol-greeting:greeting',
    ],
    [
      'Python smtplib reading an IMAP greeting',
      "smtplib.SMTPConnectError: (-1, b'* OK IMAP4rev1 Service Ready')",
      'message:other-protocol-greeting:greeting',
    ],
    ['Python', 'SMTPServerDisconnected: Connection unexpectedly closed: timed out', 'message:read-timed-out:-'],
    ['Symfony Mailer', 'Connection to "smtp.example.org:465" timed out.', 'message:read-timed-out:-'],
    ['SwiftMailer', 'Swift_IoException: Connection to smtp.example.org:465 Timed Out', 'message:read-timed-out:-'],
    ['PHPMailer', 'SMTP -> get_lines(): timed-out (300 sec)', 'message:read-timed-out:-'],
    [
      'PHPMailer waiting for the greeting',
      'Connection: opened\nSMTP -> get_lines(): timed-out (300 sec)\nSERVER -> CLIENT: ',
      'message:greeting-never-received:greeting',
    ],
    [
      'Symfony Mailer',
      'Connection to "smtp.example.org:587" has been closed unexpectedly.',
      'message:connection-closed:-',
    ],
    ['Go', "smtp: server doesn't support STARTTLS", 'message:starttls-not-advertised:starttls'],
    ['MailKit', 'System.TimeoutException: The operation has timed out.', 'message:timed-out:-'],
    [
      'SwiftMailer',
      'Swift_TransportException: Unable to connect with TLS encryption',
      'message:starttls-failed:starttls',
    ],
    [
      'Ruby Net::SMTP with enable_starttls',
      'Net::SMTPUnsupportedCommand: STARTTLS is not supported on this server',
      'message:starttls-not-advertised:starttls',
    ],
    // The login and its offer.
    ['nodemailer', 'Error: Invalid login: Authentication unsuccessful', 'message:auth-failed:auth'],
    [
      'SwiftMailer',
      'Failed to authenticate on SMTP server with username "user@example.org" using 2 possible authenticators',
      'message:auth-failed:auth',
    ],
    [
      'MailKit with no mechanism in common',
      'System.NotSupportedException: No compatible authentication mechanisms found.',
      'message:no-common-mechanism:auth',
    ],
    [
      'go-mail with PLAIN not offered',
      'dial failed: server does not support SMTP AUTH type: PLAIN',
      'message:no-common-mechanism:auth',
    ],
    ['Go net/smtp, re-worded by a wrapper', "server doesn't support AUTH", 'message:auth-not-advertised-with-tls:auth'],
    [
      'PEAR Net_SMTP (Roundcube)',
      'SMTP Error: Authentication failure: SMTP server does not support authentication (Code: )',
      'message:auth-not-advertised-with-tls:auth',
    ],
    [
      'smtppool (listmonk), no AUTH',
      'Error sending test: SMTP AUTH extension not found',
      'message:auth-not-advertised:auth',
    ],
    [
      'smtppool (listmonk), no STARTTLS',
      'Error sending test: SMTP STARTTLS extension not found',
      'message:starttls-not-advertised:starttls',
    ],
    [
      'lettre with no mechanism in common',
      'SMTP Client error: internal client error: No compatible authentication mechanism was found',
      'message:no-common-mechanism:auth',
    ],
    [
      'nodemailer’s log of a refused login',
      'info: User "14ca2c91-258c-41c9-9433-d10182d65e76" failed to authenticate {',
      'message:auth-failed:auth',
    ],
    [
      'Redmine’s notice around Ruby’s EOFError',
      'An error occurred while sending mail (end of file reached)',
      'message:connection-closed:-',
    ],
    [
      'PHPMailer read an empty greeting (a logger’s timestamps after each line)',
      '3 - Connection: opened2023-01-25 10:04:21 [500@s-web]\n2 - SERVER -> CLIENT: 2023-01-25 10:04:21 [500@s-web]\n3 - Connection: closing due to error2023-01-25 10:04:21 [500@s-web]',
      'message:greeting-never-received:greeting',
    ],
    [
      'go-mail, a challenge out of step (Authelia)',
      'error="failed to dial connection: SMTP AUTH failed: unexpected server response: username:"',
      'message:unexpected-reply:auth',
    ],
    [
      'the nginx mail proxy’s log of MAIL before AUTH',
      '[info] 18#18: *27308 client was rejected: "MAIL FROM:<a@example.org>__" while in auth state, client: 10.0.10.2 using starttls, server: 0.0.0.0:587',
      'message:credentials-missing:mail',
    ],
    [
      'emailjs with no mechanism in common',
      '{ [Error: no form of authorization supported] code: 7, smtp: undefined }',
      'message:no-common-mechanism:auth',
    ],
    [
      'msmtp built without the mechanism asked for',
      'msmtp: support for authentication method SCRAM-SHA-256 is not compiled in',
      'message:no-common-mechanism:auth',
    ],
    [
      'Rust, a read timeout logged in Debug form',
      '[CAUSE] Io(\n    Os {\n        code: 11,\n        kind: WouldBlock,\n        message: "Resource temporarily unavailable",\n    },\n)',
      'message:read-timed-out:-',
    ],
    [
      'SwiftMailer 3 with no mechanism in common',
      'No authentication mechanisms were tried since the server did not support any of the ones loaded. Loaded authenticators: [CRAM-MD5, LOGIN, PLAIN]',
      'message:no-common-mechanism:auth',
    ],
    [
      'SwiftMailer 3 against a server without AUTH',
      'The SMTP connection does not support authentication but a username and password was given.',
      'message:auth-not-advertised:auth',
    ],
    [
      'Symfony Mailer, the code quoted',
      'TransportException: Expected response code "250" but got an empty response.',
      'message:connection-closed:-',
    ],
    ['lettre, connecting timed out', 'email_send_failed: Connection error: timed out', 'code:ETIMEDOUT:connect'],
    [
      'SwiftMailer with no mechanism in common',
      'Failed to authenticate on SMTP server with username "user" using 0 possible authenticators',
      'message:no-common-mechanism:auth',
    ],
    [
      'JavaMail (with its old typo)',
      'javax.mail.AuthenticationFailedException: No authentication mechansims supported by both server and client',
      'message:no-common-mechanism:auth',
    ],
    ['mutt', 'No authenticators available', 'message:no-common-mechanism:auth'],
    ['JavaMail, the reply cut off', 'javax.mail.AuthenticationFailedException', 'message:auth-failed:auth'],
    ['Ruby', 'Net::SMTPAuthenticationError', 'message:auth-failed:auth'],
    [
      'System.Net.Mail without the server’s reply',
      'System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated.',
      'message:auth-failed:auth',
    ],
    ['MailKit', 'MailKit.Security.AuthenticationException: Authentication failed.', 'message:auth-failed:auth'],
    [
      'Laminas Mail',
      'Laminas\\Mail\\Protocol\\Exception\\RuntimeException(code: 0): Authentication Failed',
      'message:auth-failed:auth',
    ],
    [
      'Postfix smtpd’s log',
      'postfix/submission/smtpd[11446]: warning: host[10.0.0.122]: SASL PLAIN authentication failed: ',
      'message:server-refused-login:auth',
    ],
    [
      'Postfix without its SASL service',
      'postfix/smtps/smtpd[24431]: warning: SASL: Connect to private/auth failed: No such file or directory',
      'message:server-sasl-unavailable:auth',
    ],
    [
      'Postfix, a client that refused the server’s certificate',
      'postfix/smtpd[3101]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:s3_pkt.c:1487:SSL alert number 48:',
      'code:CERT_UNTRUSTED:tls',
    ],
    [
      'Postfix, a client that hung up in the TLS handshake',
      'postfix/smtpd[3101]: SSL_accept error from client.example.org[192.0.2.7]: lost connection',
      'code:ECONNRESET:tls',
    ],
    [
      'Dovecot’s auth log',
      'dovecot: auth-worker(1668): sql(user@example.org,192.0.2.7): unknown user',
      'message:server-refused-login:auth',
    ],
    ['msmtp without TLS', 'msmtp: cannot use a secure authentication method', 'message:no-common-mechanism:auth'],
    ['MailKit', 'The SMTP server does not support authentication.', 'message:auth-not-advertised-with-tls:auth'],
    [
      'JavaMail',
      'javax.mail.MessagingException: STARTTLS is required but host does not support STARTTLS',
      'message:starttls-not-advertised:starttls',
    ],
    ['.NET SmtpClient', 'Server does not support secure connections.', 'message:starttls-not-advertised:starttls'],
    [
      'MailKit with StartTls',
      'System.NotSupportedException: The SMTP server does not support the STARTTLS extension.',
      'message:starttls-not-advertised:starttls',
    ],
    ['curl --ssl-reqd', 'curl: (64) Requested SSL level failed', 'message:starttls-not-advertised:starttls'],
    ['msmtp', 'msmtp: TLS handshake failed: Error in the pull function.', 'message:tls-failed:tls'],
    ['Go', 'gomail: could not send email 1: Auth: unencrypted connection', 'message:starttls-not-advertised:starttls'],
    [
      'league/oauth2-client',
      'League\\OAuth2\\Client\\Provider\\Exception\\IdentityProviderException: invalid_grant',
      'message:oauth-token-refresh-failed:auth',
    ],
    [
      'nodemailer xoauth2',
      "{ [Error: invalid_client] code: 'EAUTH', command: 'AUTH XOAUTH2' }",
      'message:oauth-token-refresh-failed:auth',
    ],
  ];
  for (const [who, text, expected] of yields) {
    test(`client observations: ${who} — "${text.slice(0, 60)}" is ${expected}`, () => {
      const found = clientObservations(text).map(short);
      assert.ok(found.includes(expected), found.join(', '));
    });
  }

  // [what it looks like, pasted text, the observation it must not yield]
  const not: [string, string, string][] = [
    ['a read timeout is not a connect timeout', 'TimeoutError: The read operation timed out', 'code:ETIMEDOUT:connect'],
    [
      'a Go read timeout is not a connect timeout',
      'read tcp 10.0.0.2:5->192.0.2.1:587: i/o timeout',
      'code:ETIMEDOUT:connect',
    ],
    ['EDNS0 in a DNS log is no failed lookup', 'EDNS0 buffer size 1232', 'code:ENOTFOUND:connect'],
    [
      '.NET’s TLS "Authentication failed" is no refused login',
      'System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception.',
      'message:auth-failed:auth',
    ],
    [
      '.NET’s TLS AuthenticationException is not MailKit’s',
      'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure.',
      'message:auth-failed:auth',
    ],
    [
      'an alert in the log of Postfix’s own SMTP client is the remote server’s, not a client refusing a certificate',
      'postfix/smtp[3101]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:',
      'code:CERT_UNTRUSTED:tls',
    ],
    [
      'a SASL service that is down is no refused login',
      'warning: SASL LOGIN authentication failed: generic failure',
      'message:server-refused-login:auth',
    ],
    [
      'Postfix’s SASL warning is the server’s log, not a client’s "authentication failed"',
      'warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      'message:auth-failed:auth',
    ],
    ['"unexpected EOF" is not Go’s bare EOF', 'failed: unexpected EOF', 'message:connection-closed:-'],
    ['JavaMail’s debug "[EOF]" alone is not a close', 'DEBUG SMTP: EOF: [EOF]', 'message:connection-closed:-'],
    [
      'SwiftMailer with no mechanism in common is not a refused login',
      'Failed to authenticate on SMTP server with username "user" using 0 possible authenticators',
      'message:auth-failed:auth',
    ],
    [
      "MailKit's list of reasons names no certificate problem",
      'This usually means that the SSL certificate presented by the server is not trusted by the system for one or more of\nthe following reasons:\n\n1. The server is using a self-signed certificate which cannot be verified.\n4. The certificate presented by the server is expired or invalid.\n5. The set of SSL/TLS protocols supported by the client and server do not match.',
      'code:DEPTH_ZERO_SELF_SIGNED_CERT:tls',
    ],
    [
      "curl's operation timeout with bytes pending is not a connect timeout",
      'curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received',
      'code:ETIMEDOUT:connect',
    ],
  ];
  for (const [what, text, unexpected] of not) {
    test(`client observations: ${what}`, () => {
      const found = clientObservations(text).map(short);
      assert.ok(!found.includes(unexpected), found.join(', '));
    });
  }

  // [the wording, pasted text, first finding "id/detail", its confidence]
  const read: [string, string, string, string][] = [
    [
      "MailKit's generic handshake failure",
      'MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.',
      'tls-handshake-failed/unexplained',
      'low',
    ],
    [
      "MailKit's advice for SSL on connect to port 25",
      'MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.\n\nWhen connecting to an SMTP service, port 25 is typically reserved for plain-text connections. If\nyou intended to connect to SMTP on the SSL port, try connecting to port 465 instead.',
      'tls-mode-mismatch/implicit-tls-on-starttls-port',
      'medium',
    ],
    [
      "PHP's name check with the hosting company's certificate",
      "stream_socket_client(): Peer certificate CN=`*.host.example' did not match expected CN=`mail.example.org'\nstream_socket_client(): Failed to enable crypto",
      'certificate-invalid/hostname-mismatch',
      'high',
    ],
    [
      'Go refusing PLAIN without TLS (SendMail starts TLS whenever it is offered)',
      'smtp auth: unencrypted connection',
      'starttls-unavailable/not-offered',
      'medium',
    ],
    [
      "JavaMail's end of stream instead of a greeting",
      'jakarta.mail.MessagingException: Got bad greeting from SMTP host: localhost, port: 1025, response: [EOF]',
      'service-unavailable/closed-before-greeting',
      'medium',
    ],
    ["mutt's no usable mechanism", 'No authenticators available', 'mechanism-unsupported', 'medium'],
    [
      'an OAuth refresh refused by the token endpoint',
      'League\\OAuth2\\Client\\Provider\\Exception\\IdentityProviderException: invalid_grant in Google.php:117',
      'oauth-token-rejected/refresh-invalid-grant',
      'high',
    ],
    ["Python's read timeout over TLS", 'TimeoutError: The read operation timed out', 'connection-lost/stalled', 'low'],
    [
      "System.Net.Mail's timeout on 465 (it has no implicit TLS)",
      'Host: smtp.example.org, Port: 465, EnableSsl: true\nSystem.Net.Mail.SmtpException: The operation has timed out.',
      'tls-mode-mismatch/plaintext-on-implicit-tls-port',
      'medium',
    ],
  ];
  for (const [what, text, expected, confidence] of read) {
    test(`explain: reads ${what}`, () => {
      const first = explain(text).findings[0];
      assert.ok(first, 'no finding');
      assert.equal(`${first.id}${first.detail ? `/${first.detail}` : ''}`, expected);
      assert.equal(first.confidence, confidence);
    });
  }

  test('explain: a client that reports a failed login around a 235 is not a refused login', () => {
    const ids = explain(
      'Failed to authenticate on SMTP server with username "u" using 1 possible authenticators. Authenticator LOGIN returned Expected response code 250 but got code "235", with message "235 Authentication succeeded"',
    ).findings.map((f) => f.id);
    assert.ok(!ids.includes('credentials-rejected'), ids.join(', '));
  });
});
