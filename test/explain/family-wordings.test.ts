import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';

// Wordings kept one file per client family (src/knowledge/client-wordings/) and the readings they lead to.
describe('client wordings by family', () => {
  // [what (where the wording comes from), pasted text, first finding "id" or "id/detail"]
  const cases: [string, string, string][] = [
    [
      "Mono's BoringSSL names the peer's protocol_version alert by its reason name",
      'System.Net.Mail.SmtpException: Message could not be sent. ---> System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception. ---> Mono.Btls.MonoBtlsException: Ssl error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION',
      'tls-handshake-failed/protocol-version',
    ],
    [
      ".NET's AuthenticationException in another language is still a failed TLS handshake",
      'Échec : System.Security.Authentication.AuthenticationException: Le certificat distant a été rejeté.',
      'tls-handshake-failed',
    ],
    [
      "Erlang/OTP ssl's handshake_failure alert (gen_smtp)",
      "[info] ['TLS', 32, 'client', 58, 'hello', 32,'received SERVER ALERT: Fatal - Handshake Failure', 10]",
      'tls-handshake-failed/handshake-failure',
    ],
    [
      "Erlang/OTP ssl's protocol_version alert",
      'TLS client: In state hello received SERVER ALERT: Fatal - Protocol Version',
      'tls-handshake-failed/protocol-version',
    ],
    [
      "n8n's sentence for ECONNREFUSED",
      'NodeApiError: The service refused the connection - perhaps it is offline',
      'connection-refused',
    ],
    [
      "n8n's sentence for ENOTFOUND",
      'The connection cannot be established, this usually occurs due to an incorrect host (domain) value',
      'dns-not-found',
    ],
    [
      "n8n's sentence for ECONNRESET: the connection was lost, at a step the text does not name",
      'NodeApiError: The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
      'connection-lost',
    ],
    [
      "Ruby's backtrace without its first line: raised in rbuf_fill's rescue, a read timed out",
      "/usr/lib/ruby/2.3.0/net/protocol.rb:158:in `rescue in rbuf_fill'\n/usr/lib/ruby/2.3.0/net/protocol.rb:134:in `readuntil'\n/usr/lib/ruby/2.3.0/net/smtp.rb:938:in `recv_response'",
      'connection-lost',
    ],
    [
      "Postfix's SMTP client when its filter leaves no mechanism the server offered",
      'status=deferred (SASL authentication failed: server mx.example.net[192.0.2.1] offered no compatible authentication mechanisms for this type of connection security)',
      'mechanism-unsupported',
    ],
    [
      'Cyrus SASL refuses an empty user name (no smtp_sasl_password_maps entry): no credentials, not wrong ones',
      'postfix/smtp[512]: warning: SASL authentication failure: All-whitespace username.\npostfix/smtp[512]: 1A2B: to=<a@example.org>, relay=smtp.example.net[192.0.2.1]:587, status=deferred (SASL authentication failed; cannot authenticate to server smtp.example.net[192.0.2.1]: generic failure)',
      'credentials-missing',
    ],
    [
      'a server that ties MAIL FROM to the login (Tencent QQ Mail, Exmail) refuses the sender, not the login',
      'Net::SMTPFatalError: 501 mail from address must be same as authorization user',
      'sender-rejected',
    ],
    [
      "SendGrid's one refusal for both halves of the login, without the user name: the key first",
      "smtplib.SMTPAuthenticationError: (535, b'Authentication failed: Bad username / password')",
      'credentials-rejected',
    ],
    [
      "Windows' WSAECONNREFUSED in Chinese, with its number",
      'ConnectionRefusedError: [WinError 10061] 由于目标计算机积极拒绝，无法连接。',
      'connection-refused',
    ],
    [
      "Windows' WSAECONNREFUSED in German",
      'System.Net.Sockets.SocketException (10061): Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte.',
      'connection-refused',
    ],
    [
      "a translation of Windows' localised WSAECONNREFUSED back to English",
      'Error message: Unable to connect due to active rejection by the target computer.\nat MailKit.Net.Smtp.SmtpClient.ConnectAsync(String host, Int32 port)',
      'connection-refused',
    ],
    [
      "nodemailer's logger says the login was accepted (it logs this only after a 2xx to AUTH)",
      '[2024-01-02 10:00:01] INFO  [AbC123xyz] Connection upgraded with STARTTLS\n[2024-01-02 10:00:01] INFO  [AbC123xyz] User "me@example.org" authenticated\n[2024-01-02 10:00:01] INFO  Sending message <1@example.org> to <you@example.net>',
      'auth-ok',
    ],
    [
      "a server's request for an app password, as a mail client shows it without the code",
      'Login failed – please create an app password.',
      'app-password-required',
    ],
  ];
  for (const [what, text, expected] of cases) {
    test(`explain: ${what}`, () => {
      const first = explain(text).findings[0];
      const got = expected.includes('/') ? `${first?.id}/${first?.detail ?? ''}` : first?.id;
      assert.equal(got, expected);
    });
  }
});
