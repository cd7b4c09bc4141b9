import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';
import type { Finding } from '../../src/model/finding.js';

function findings(text: string): Finding[] {
  return explain(text).findings;
}

const PY_465 = 'Traceback (most recent call last):\n  File "send.py", line 5, in <module>\n';
const CHAIN_NODE = 'Error: self-signed certificate in certificate chain\n  code: ESOCKET';
const CHAIN_PYTHON =
  'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain (_ssl.c:1006)';
const PY_SMTP_465 = `${PY_465}    server = smtplib.SMTP('smtp.gmail.com', 465)\nTimeoutError: timed out`;
const GMAIL_TUPLE =
  "(535, b'5.7.8 Username and Password not accepted. For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp')";

describe('client wordings', () => {
  // [what (where the wording comes from), pasted text, first finding "id/detail", its confidence]
  const cases: [string, string, string, Finding['confidence']][] = [
    [
      "Node's SELF_SIGNED_CERT_IN_CHAIN (an untrusted root: interception, a proxy or a private CA)",
      CHAIN_NODE,
      'certificate-invalid/untrusted-issuer',
      'high',
    ],
    ["Python's OpenSSL 1.1 wording of the same", CHAIN_PYTHON, 'certificate-invalid/untrusted-issuer', 'high'],
    [
      "Node's DEPTH_ZERO_SELF_SIGNED_CERT (the server's own certificate)",
      'Error: self-signed certificate',
      'certificate-invalid/self-signed',
      'high',
    ],
    [
      'JDK 11+ JSSE for a plaintext greeting (SSLSocketInputRecord.handleUnknownRecord)',
      'javax.net.ssl.SSLException: Unsupported or unrecognized SSL message',
      'tls-mode-mismatch/implicit-tls-on-starttls-port',
      'medium',
    ],
    [
      'msmtp with GnuTLS for a plaintext greeting (GNUTLS_E_UNEXPECTED_PACKET)',
      'msmtp: TLS handshake failed: An unexpected TLS packet was received.',
      'tls-mode-mismatch/implicit-tls-on-starttls-port',
      'medium',
    ],
    [
      "Python's TimeoutError from smtplib.SMTP on 465",
      PY_SMTP_465,
      'tls-mode-mismatch/plaintext-on-implicit-tls-port',
      'medium',
    ],
    [
      "Python 3.9's socket.timeout with port=465 as a keyword",
      `${PY_465}    server = smtplib.SMTP(host=HOST, port=465)\nsocket.timeout: timed out`,
      'tls-mode-mismatch/plaintext-on-implicit-tls-port',
      'medium',
    ],
    [
      "Python's TimeoutError from smtplib.SMTP_SSL on 465 (TLS was used: the connection timed out)",
      `${PY_465}    server = smtplib.SMTP_SSL('smtp.gmail.com', 465)\nTimeoutError: timed out`,
      'connection-timeout',
      'medium',
    ],
    ["Python's TimeoutError with no port in sight", 'TimeoutError: timed out', 'connection-timeout', 'low'],
    [
      "smtplib's greeting timeout (connect → getreply, re-raised as SMTPServerDisconnected) on 465",
      `${PY_465}    server = smtplib.SMTP('smtp.gmail.com', 465, timeout=10)\n  File "/usr/lib/python3.11/smtplib.py", line 341, in connect\n    (code, msg) = self.getreply()\n  File "/usr/lib/python3.11/smtplib.py", line 401, in getreply\n    raise SMTPServerDisconnected("Connection unexpectedly closed: "\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out`,
      'tls-mode-mismatch/plaintext-on-implicit-tls-port',
      'high',
    ],
    [
      "Django's debug page title and exception value",
      `SMTPAuthenticationError at /contact/\n${GMAIL_TUPLE}`,
      'app-password-required',
      'medium',
    ],
    [
      "Django's copy-and-paste traceback",
      `Exception Type: SMTPAuthenticationError at /contact/\nException Value: ${GMAIL_TUPLE}`,
      'app-password-required',
      'medium',
    ],
    [
      "nodemailer's socket reset with nothing else (read ECONNRESET, ESOCKET)",
      "Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:217:20) {\n  code: 'ESOCKET',\n  command: 'CONN'\n}",
      'connection-lost/reset',
      'low',
    ],
    [
      ".NET Framework's net_io_connectionclosed",
      'System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Unable to read data from the transport connection: net_io_connectionclosed.',
      'connection-lost/closed',
      'low',
    ],
    [
      "nodemailer's Connection closed unexpectedly",
      "Error: Connection closed unexpectedly\n  code: 'ECONNECTION'",
      'connection-lost/closed',
      'low',
    ],
    [
      "swaks' close after EHLO, which the transcript places",
      '<-  220 mail.example.org ESMTP\n -> EHLO me\n<-  250-mail.example.org\n<-  250 AUTH LOGIN\n*** Remote host closed connection unexpectedly.',
      'connection-lost/closed',
      'medium',
    ],
    [
      "nodemailer's EAUTH without the reply's text",
      "{ code: 'EAUTH', responseCode: 535 }",
      'credentials-rejected/no-reply-shown',
      'low',
    ],
    [
      "MailKit's SslOnConnect on port 587 (.NET SslStream: unexpected packet format)",
      'client.Connect("smtp.office365.com", 587, SecureSocketOptions.SslOnConnect);\nMailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.\n\n1. The server is using a self-signed certificate which cannot be verified.\n\nAnother possibility is that you are trying to connect to a port which does not support SSL/TLS.\n ---> System.IO.IOException: The handshake failed due to an unexpected packet format.',
      'tls-mode-mismatch/implicit-tls-on-starttls-port',
      'high',
    ],
    [
      "Ruby's Net::OpenTimeout (Net::SMTP#start's TCP connect)",
      'Net::OpenTimeout (Net::OpenTimeout)',
      'connection-timeout',
      'medium',
    ],
    [
      "curl's connect timeout (28)",
      'curl: (28) Failed to connect to smtp.example.org port 465 after 10002 ms: Timeout was reached',
      'connection-timeout',
      'medium',
    ],
    [
      'sasl-xoauth2 (Postfix’s XOAUTH2 plug-in): the token refresh failed, before Postfix’s SASL failure line',
      'sasl-xoauth2: TokenStore::Refresh: request failed\nsmtp: 1A2B3C: to=<a@example.org>, relay=smtp.office365.com[192.0.2.1]:587, dsn=4.7.0, status=deferred (SASL authentication failed; cannot authenticate to server smtp.office365.com[192.0.2.1]: bad protocol / cancel)',
      'oauth-token-rejected/refresh',
      'medium',
    ],
    [
      'an OAuth token endpoint’s JSON error body (RFC 6749 §5.2 invalid_request)',
      'TokenStore::Refresh: code=400, response={"error":"invalid_request","error_description":"missing parameter"}',
      'oauth-token-rejected/refresh-failed',
      'medium',
    ],
    [
      'Proton Mail Bridge’s log of a password that is not the one it generated',
      'DEBU[Jan 02 10:00:00.000] Incorrect bridge password                     pkg=credentials userID=x',
      'credentials-rejected/server-log',
      'medium',
    ],
    [
      'the Dart mailer package: no greeting before its timer ran out',
      'SmtpNoGreetingException: Timed out while waiting for greeting (try ssl).',
      'greeting-timeout',
      'medium',
    ],
    [
      'PHPMailer: its EHLO answered by the 220 greeting, read one step late',
      'CLIENT -> SMTP: EHLO client.example.org\nSMTP -> FROM SERVER: 220 mail.example.org ESMTP\nSMTP -> ERROR: EHLO not accepted from server: 220 mail.example.org ESMTP',
      'protocol-violation/unexpected-reply',
      'low',
    ],
    [
      'MailKit: the server’s first line did not start with a status code',
      'MailKit.Net.Smtp.SmtpProtocolException: Unable to parse status code returned by the server.',
      'protocol-violation/unexpected-reply',
      'low',
    ],
  ];
  for (const [what, text, expected, confidence] of cases) {
    test(`explain: recognises ${what}`, () => {
      const all = findings(text);
      const first = all[0];
      assert.ok(first, 'no finding');
      assert.equal(`${first.id}${first.detail ? `/${first.detail}` : ''}`, expected);
      assert.equal(first.confidence, confidence);
      for (const f of all) assert.match(f.summary, /^[A-Z"(]/, `${f.id}: ${f.summary}`);
    });
  }

  test('explain: a self-signed certificate in the chain is one finding, not also "self-signed"', () => {
    for (const text of [CHAIN_NODE, CHAIN_PYTHON]) {
      const certificate = findings(text).filter((f) => f.id === 'certificate-invalid');
      assert.deepEqual(
        certificate.map((f) => f.detail),
        ['untrusted-issuer'],
      );
      assert.match(certificate.map((f) => f.summary).join(), /private or company CA, or a TLS-intercepting proxy/);
    }
  });

  test('explain: on 465 the plaintext fix is implicit TLS (SMTP_SSL)', () => {
    const [fix] = findings(PY_SMTP_465).flatMap((f) => f.fixes);
    assert.ok(fix);
    assert.deepEqual(fix.settings, { port: 465, security: 'tls' });
    assert.match(fix.text, /SMTP_SSL/);
  });

  test('explain: a timeout the traceback places in create_connection is the connection', () => {
    const text = `${PY_465}    server = smtplib.SMTP('smtp.example.org', 587)\n  File "/usr/lib/python3.11/socket.py", line 836, in create_connection\n    sock.connect(sa)\nTimeoutError: timed out`;
    const [first] = findings(text);
    assert.ok(first);
    assert.equal(first.id, 'connection-timeout');
    assert.equal(first.confidence, 'medium');
    assert.doesNotMatch(first.summary, /without saying whether/);
  });

  test('explain: a reset or close the text does not place says what to collect next', () => {
    for (const text of [
      'Error: read ECONNRESET',
      'Unable to read data from the transport connection: net_io_connectionclosed.',
    ]) {
      const [first] = findings(text);
      assert.equal(first?.id, 'connection-lost');
      assert.match(first.fixes.map((f) => f.text).join(' '), /debug output/);
      assert.match(first.summary, /does not show at which step/);
    }
  });

  test("explain: MailKit's list of possible reasons is not a self-signed certificate", () => {
    const text =
      'MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.\n1. The server is using a self-signed certificate which cannot be verified.\n ---> System.IO.IOException: The handshake failed due to an unexpected packet format.';
    assert.deepEqual(
      findings(text).map((f) => f.id),
      ['tls-mode-mismatch'],
    );
  });

  test('explain: Postfix relaying in plaintext to 465 loses the greeting: the TLS mode, and an IMAP greeting is a wrong port', () => {
    const relay =
      'postfix/smtp[812]: 4F1A2: to=<a@example.org>, relay=mail.example.net[192.0.2.7]:465, delay=30, status=deferred (lost connection with mail.example.net[192.0.2.7] while receiving the initial server greeting)';
    assert.equal(findings(relay)[0]?.id, 'tls-mode-mismatch');
    const imap =
      '{"level":"error","msg":"Failed to open a connection to SMTP server","error":"short response: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] Dovecot ready."}';
    assert.deepEqual(
      findings(imap).map((f) => `${f.id}/${f.detail ?? ''}`),
      ['protocol-violation/other-protocol-greeting'],
    );
  });

  test('explain: missing credentials with code EAUTH is one finding, not also "login failed"', () => {
    const ids = findings("Error: Missing credentials for \"PLAIN\"\n  code: 'EAUTH',\n  command: 'API'").map(
      (f) => f.id,
    );
    assert.deepEqual(ids, ['credentials-missing']);
  });
});
