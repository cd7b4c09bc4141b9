import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainText } from '../../src/explain/index.js';
import { explain } from '../../src/check/explain.js';
import { clientHint, mechanismClue } from '../../src/explain/clues.js';
import type { ReplyCertainty } from '../../src/model/evidence.js';
import type { Phase } from '../../src/model/transcript.js';

interface Found {
  code: number;
  enhanced: string | null;
  phase: Phase | null;
  certainty: ReplyCertainty | undefined;
  lines: readonly string[];
}

function found(text: string): Found[] {
  return explainText(text).evidence.observations.flatMap((o) =>
    o.kind === 'reply'
      ? [
          {
            code: o.reply.code,
            enhanced: o.reply.enhanced?.code ?? null,
            phase: o.phase,
            certainty: o.certainty,
            lines: o.reply.raw,
          },
        ]
      : [],
  );
}

const GMAIL_535 = 'Username and Password not accepted. For more information, go to';

describe('explain: one reply finder, in any wrapper', () => {
  // [what (and whose shape it is), pasted text, what the first reply found must be].
  const cases: [string, string, Partial<Found>][] = [
    [
      "Python's exception with its (code, bytes) tuple, an escaped \\n joining the reply's lines (cpython Lib/smtplib.py)",
      `smtplib.SMTPAuthenticationError: (535, b'5.7.8 ${GMAIL_535}\\n5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp')`,
      {
        code: 535,
        enhanced: '5.7.8',
        phase: 'auth',
        certainty: 'wrapped',
        lines: [`535-5.7.8 ${GMAIL_535}`, '535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp'],
      },
    ],
    [
      'a bare Python tuple, without the exception name',
      `(535, b'5.7.8 Username and Password not accepted.')`,
      { code: 535, enhanced: '5.7.8', certainty: 'wrapped' },
    ],
    [
      "smtplib's debug line after a reply (Lib/smtplib.py getreply, debuglevel 1)",
      "reply: retcode (535); Msg: b'5.7.8 Username and Password not accepted. Learn more at\\n5.7.8  https://support.google.com/mail/?p=BadCredentials'",
      {
        code: 535,
        lines: [
          '535-5.7.8 Username and Password not accepted. Learn more at',
          '535 5.7.8  https://support.google.com/mail/?p=BadCredentials',
        ],
      },
    ],
    [
      "smtplib's debug print of the reply to DATA (Lib/smtplib.py data, debuglevel 1)",
      "data: (554, b'5.7.1 Message rejected as spam')",
      { code: 554, phase: 'data' },
    ],
    [
      "Odoo's message of smtplib's exception: its name, then its args joined by escaped line breaks (odoo/tools/misc.py)",
      `("Mail delivery failed", "Email sending failed.\\nSMTPSenderRefused: 550\\n5.7.1 Sender refused by policy\\nbounce@example.org")`,
      { code: 550, enhanced: '5.7.1', phase: 'mail', lines: ['550 5.7.1 Sender refused by policy'] },
    ],
    [
      "nodemailer 0.x's refused sender, an error inspected inside brackets (simplesmtp lib/client.js)",
      "{ [SenderError: Mail from command failed - 501 Syntax error] name: 'SenderError', stage: 'mail' }",
      { code: 501, phase: 'mail', lines: ['501 Syntax error'] },
    ],
    [
      "a bounce that printed a multi-line reply's lines in a row and wrapped them (Postfix's bounce of an Exim reply)",
      '    550-Verification failed for <a@example.org> 550-The mail server could not\n    deliver mail to <a@example.org>. 550 Sender verify\n    failed (in reply to RCPT TO command)',
      {
        code: 550,
        lines: [
          '550-Verification failed for <a@example.org>',
          '550-The mail server could not deliver mail to <a@example.org>.',
          '550 Sender verify failed (in reply to RCPT TO command)',
        ],
      },
    ],
    [
      'a JSON log field',
      '{"level":"error","msg":"send failed","error":"554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied"}',
      { code: 554, enhanced: '5.2.0', certainty: 'wrapped' },
    ],
    [
      'a response= field, the command named after it',
      'Server terminates connection. response=421-4.7.0 Try again later, closing connection. (EHLO)',
      { code: 421, enhanced: '4.7.0', phase: 'ehlo', certainty: 'wrapped' },
    ],
    [
      "PHPMailer's Detail: and SMTP code: (PHPMailer src/SMTP.php sendCommand)",
      'SMTP Error: data not accepted.\nSMTP server error: DATA END command failed Detail: Message rejected SMTP code: 554',
      { code: 554, phase: 'data', certainty: 'wrapped', lines: ['554 Message rejected'] },
    ],
    [
      "mutt's debug log, the socket's number before <",
      '4< 535 5.7.8 Authentication failed',
      { code: 535, certainty: 'wire' },
    ],
    ["nodemailer's logger (S:)", 'S: 535 5.7.3 Authentication unsuccessful', { code: 535, certainty: 'wire' }],
    [
      "PHPMailer's debug output (SERVER -> CLIENT:)",
      '2024-01-01 10:00:00 SERVER -> CLIENT: 535 5.7.3 Authentication unsuccessful [AM0PR]',
      { code: 535, certainty: 'wire' },
    ],
    [
      "sendmail -v's and OpenSMTPD's <<<",
      '<<< 550 5.7.1 Client does not have permissions to send as this sender',
      { code: 550, enhanced: '5.7.1', certainty: 'wire' },
    ],
    [
      'a Postfix bounce: the reply it relayed and the command it answered (postfix src/smtp/smtp_proto.c)',
      'host mx.example.com[192.0.2.4] said: 550 5.1.1 <a@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
      { code: 550, enhanced: '5.1.1', phase: 'rcpt', certainty: 'wrapped' },
    ],
    [
      "Exim's delivery error, which names the command the remote server answered (exim src/transports/smtp.c)",
      '1abc-000 ** bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown',
      { code: 550, phase: 'rcpt' },
    ],
    [
      "Exim's error after a pipelined MAIL FROM",
      '1abc-000 == bob@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [192.0.2.1]: SMTP error from remote mail server after pipelined MAIL FROM:<a@example.com> SIZE=1234: 451 4.7.1 Try again later',
      { code: 451, phase: 'mail' },
    ],
    [
      "Postfix's SMTP client refused a login by its relay (postfix src/smtp/smtp_sasl_glue.c), the words far before the reply",
      'postfix/smtp[123]: ABC: SASL authentication failed; server smtp.example.org[192.0.2.1] said: 535 5.7.8 Error: authentication failed',
      { code: 535, phase: 'auth' },
    ],
    [
      "nodemailer's error with its code and command (nodemailer lib/smtp-connection/index.js)",
      "Error: Message failed: 550 5.7.1 Relaying denied\n  code: 'EMESSAGE', command: 'DATA'",
      { code: 550, phase: 'data', certainty: 'wrapped' },
    ],
    [
      "nodemailer's Invalid login",
      `Error: Invalid login: 535-5.7.8 ${GMAIL_535}\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials  - gsmtp\n  code: 'EAUTH'`,
      { code: 535, phase: 'auth', certainty: 'wrapped' },
    ],
    [
      "gomail's message around the server's reply",
      'gomail: could not send email 1: 535 5.7.8 Error: authentication failed: authentication failure',
      { code: 535, enhanced: '5.7.8', certainty: 'wrapped' },
    ],
    [
      "lettre's Display of a permanent error (lettre src/transport/smtp/error.rs)",
      'Error: permanent error (535): 5.7.8 Username and Password not accepted',
      { code: 535, enhanced: '5.7.8', certainty: 'wrapped', lines: ['535 5.7.8 Username and Password not accepted'] },
    ],
    [
      'a code field and a message field, after a failed login (Gitea)',
      'Failed authentication attempt for a@example.com from 127.0.0.1:39512: (code: 526, msg: Authentication failure[0])',
      { code: 526, phase: 'auth', certainty: 'wrapped', lines: ['526 Authentication failure[0]'] },
    ],
    [
      "lettre's Debug of the code alone, each digit an enum variant (lettre src/transport/smtp/response.rs)",
      'lettre::transport::smtp::Error { kind: Permanent(Code { severity: PermanentNegativeCompletion, category: Unspecified3, detail: Five }) }',
      { code: 535, certainty: 'inferred' },
    ],
    [
      "lettre 0.9's debug log: a reply's lines joined by <CRLF>, at the phase of the command written before it",
      '[lettre::smtp::client][DEBUG] Wrote: EHLO bitwarden<CRLF>\n[lettre::smtp::client][DEBUG] Read: 250-mail.example.org<CRLF>250-AUTH<CRLF>250 STARTTLS<CRLF>',
      { code: 250, phase: 'ehlo', lines: ['250-mail.example.org', '250-AUTH', '250 STARTTLS'] },
    ],
    [
      'a client naming the command after the reply it quotes, "in response to AUTH" (Emacs smtpmail)',
      'smtpmail-send-it: Sending failed: 451 4.7.0 Temporary server error. Please try again later. PRX4 [x.outlook.com] in response to AUTH',
      {
        code: 451,
        enhanced: '4.7.0',
        phase: 'auth',
        lines: ['451 4.7.0 Temporary server error. Please try again later. PRX4 [x.outlook.com]'],
      },
    ],
    [
      "lettre's Debug of a transient code",
      'Error { kind: Transient(Code { severity: TransientNegativeCompletion, category: Unspecified4, detail: Four }) }',
      { code: 444, certainty: 'inferred' },
    ],
    [
      "Jakarta Mail's exception with the reply's lines",
      `javax.mail.AuthenticationFailedException: 535-5.7.8 ${GMAIL_535}\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials`,
      { code: 535, phase: 'auth', certainty: 'wrapped' },
    ],
    [
      "MailKit's message with only the enhanced code: the reply code is rebuilt, so it is inferred",
      'MailKit.Net.Smtp.SmtpCommandException: 5.7.57 Client not authenticated to send mail.',
      { enhanced: '5.7.57', certainty: 'inferred' },
    ],
    [
      "Ruby's exception",
      'Net::SMTPAuthenticationError: 535-5.7.8 Username and Password not accepted.',
      { code: 535, certainty: 'wrapped' },
    ],
    [
      'markdown backticks',
      '`535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.`',
      { code: 535, enhanced: '5.7.139' },
    ],
    [
      'brackets',
      '[535 5.7.139 Authentication unsuccessful, basic authentication is disabled.]',
      { code: 535, enhanced: '5.7.139' },
    ],
    [
      'a label glued to its code, the reply running on in its own lines',
      "SMTP code:550 msg:550-5.7.1 Unauthenticated email from example.com is not accepted due to\n550-5.7.1 domain's DMARC policy.\n550 5.7.1 Please contact the administrator",
      {
        code: 550,
        lines: [
          '550-5.7.1 Unauthenticated email from example.com is not accepted due to',
          "550-5.7.1 domain's DMARC policy.",
          '550 5.7.1 Please contact the administrator',
        ],
      },
    ],
    [
      "a bounce's summary before a DSN Diagnostic-Code field that carries only the codes (RFC 3464 §2.3.6)",
      'Sender address rejected: not logged in (Diagnostic-Code: smtp; 553 5.7.1)',
      { code: 553, enhanced: '5.7.1', lines: ['553 5.7.1 Sender address rejected: not logged in'] },
    ],
    [
      "a JSON log field's reply, the object's closing brace left out",
      'submission: DATA error\t{"msg_id":"5525","reason":"failed to write file: SMTP error 552: Maximum message size exceeded"}',
      { code: 552, phase: 'data', lines: ['552 Maximum message size exceeded'] },
    ],
    [
      "SwiftMailer's authenticator loop: each message names the mechanism, so it answered AUTH (AuthHandler.php)",
      'Failed to authenticate on SMTP server with username "x" using 2 possible authenticators. Authenticator LOGIN returned Expected response code 250 but got code "535", with message "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6". Authenticator PLAIN returned Expected response code 235 but got code "535", with message "535 5.7.8 Error: authentication failed"',
      { code: 535, phase: 'auth' },
    ],
  ];
  for (const [what, text, want] of cases) {
    test(`explain finds the reply in ${what}`, () => {
      const first = found(text)[0];
      assert.ok(first, 'no reply found');
      for (const [key, value] of Object.entries(want)) assert.deepEqual(first[key as keyof Found], value, key);
    });
  }

  test('explain reads every reply of a SwiftMailer authenticator loop, each in AUTH', () => {
    const text =
      'Authenticator LOGIN returned Expected response code 250 but got code "535", with message "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6". Authenticator PLAIN returned Expected response code 235 but got code "535", with message "535 5.7.8 Error: authentication failed"';
    assert.deepEqual(
      found(text).map((f) => f.phase),
      ['auth', 'auth'],
    );
  });

  // Numbers that are not replies: a port, a key size, a code the client expected but never got.
  const notReplies: [string, string][] = [
    ['a port after a host', 'smtp.gmail.com:465 refused the connection'],
    ["a cipher's key size", 'TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)'],
    ['the code SwiftMailer expected, when it got nothing', 'Expected response code 250 but got an empty response'],
    [
      'a logfmt code field followed by more fields (an HTTP status)',
      'SendMail code=500 rid=x uid=y ip=z Failed to authenticate on SMTP server',
    ],
    ['a syslog host name with digits', 'Feb  6 19:28:50 mm420 mattermost[7631]: level=error'],
  ];
  for (const [what, text] of notReplies) {
    test(`explain finds no reply in ${what}`, () => {
      assert.deepEqual(found(text), []);
    });
  }
});

describe("explain: Ruby's Net::SMTP debug output", () => {
  // ruby/net-protocol lib/net/protocol.rb: '-> "…"' is what it read, '<- "…"' what it wrote (swaks' arrows are reversed).
  const text = [
    'opening connection to smtp.gmail.com:587...',
    'opened',
    '-> "220 smtp.gmail.com ESMTP x1 - gsmtp\\r\\n"',
    '<- "EHLO localhost\\r\\n"',
    '-> "250-smtp.gmail.com at your service\\r\\n"',
    '-> "250 AUTH LOGIN PLAIN XOAUTH2\\r\\n"',
    '<- "AUTH PLAIN AGZvbwBiYXI=\\r\\n"',
    '-> "535-5.7.8 Username and Password not accepted. Learn more at\\r\\n"',
    '-> "535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp\\r\\n"',
  ].join('\n');

  test('explain reads it as a transcript: the server lines are replies, each in the phase its command opened', () => {
    assert.deepEqual(
      found(text).map((f) => [f.code, f.phase, f.certainty]),
      [
        [220, 'greeting', 'wire'],
        [250, 'ehlo', 'wire'],
        [535, 'auth', 'wire'],
      ],
    );
  });

  test('explain names Ruby, not swaks, and reads the mechanism', () => {
    const evidence = explainText(text).evidence;
    assert.equal(evidence.client?.client, 'ruby-net-smtp');
    assert.equal(evidence.target?.mechanism, 'PLAIN');
  });
});

describe('explain: the server said 235, so the login works', () => {
  // SwiftMailer expected 250 after AUTH and threw on the 235 it got: the login itself was accepted.
  const texts: [string, string][] = [
    ['SwiftMailer', 'Expected response code 250 but got code "235", with message "235 2.7.0 Accepted"'],
    [
      'Symfony Mailer',
      'Expected response code "250" but got code "235", with message "235 2.7.0 Authentication successful".',
    ],
  ];
  for (const [what, text] of texts) {
    test(`explain reads ${what}'s 235 as AUTH's answer, and the first finding says the login works`, () => {
      const first = found(text)[0];
      assert.equal(first?.code, 235);
      assert.equal(first.phase, 'auth');
      assert.equal(explain(text).findings[0]?.id, 'auth-ok');
    });
  }
});

describe('explain: the client that printed the text', () => {
  // [pasted text, the client id of knowledge/clients.ts it names].
  const cases: [string, string][] = [
    [
      'File "/app/venv/lib/python3.11/site-packages/django/core/mail/backends/smtp.py", line 102, in send_messages',
      'django',
    ],
    ['smtplib.SMTPAuthenticationError: (535, b"5.7.8")', 'python-smtplib'],
    ['Swift_TransportException: Expected response code 250 but got code "535"', 'swiftmailer'],
    [
      'Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code "235" but got code "535"',
      'symfony-mailer',
    ],
    ['org.springframework.mail.MailAuthenticationException: Authentication failed', 'javamail'],
    ['jakarta.mail.AuthenticationFailedException: 535 5.7.8', 'javamail'],
    ['DEBUG SMTP: AUTH LOGIN failed', 'javamail'],
    ['MailKit.Security.AuthenticationException: 535: 5.7.8 Username and Password not accepted', 'mailkit'],
    ['System.Net.Mail.SmtpException: The SMTP server requires a secure connection', 'dotnet'],
    ['gomail: could not send email 1: 535', 'go'],
    ['dial tcp 192.0.2.1:587: i/o timeout', 'go'],
    ['lettre::transport::smtp::Error: permanent error (535): 5.7.8', 'lettre'],
    ['Net::SMTPAuthenticationError (535-5.7.8 Username and Password not accepted.)', 'ruby-net-smtp'],
    ['SMTP Error: Could not authenticate.', 'phpmailer'],
    ["Error: Invalid login: 535-5.7.8\n code: 'EAUTH'", 'nodemailer'],
    ['Error: Message failed: 554 6.6.0 Error sending message for delivery.', 'nodemailer'],
    ['=== Trying smtp.gmail.com:587...', 'swaks'],
    ['curl: (67) Login denied', 'curl'],
    ['msmtp: authentication failed (method PLAIN)', 'msmtp'],
    ['4< 535 5.7.8 Authentication failed', 'mutt'],
    ['Error: Greeting never received', 'nodemailer'],
    ["{ [AuthError: Invalid login - 535 5.7.8 Error: authentication failed:]\n  name: 'AuthError' }", 'nodemailer'],
    ['SERVER 1:\n└──220 mx.google.com ESMTP v9sm1396104paz.6', 'nodemailer'],
    ["  response: '535 5.7.139 Authentication unsuccessful',\n  responseCode: 535,", 'nodemailer'],
    ["SMTPRecipientsRefused: {'a@example.org': (550, '5.7.1 Unable to relay')}", 'python-smtplib'],
    ['smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.', 'python-smtplib'],
    ['[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)', 'python-smtplib'],
    ["(535, b'5.7.8 Username and Password not accepted.')", 'python-smtplib'],
    ['SMTP ERROR: Password command failed: 535 5.7.3 Authentication unsuccessful', 'phpmailer'],
    ['SMTP -> ERROR: Password not accepted from server: 535 5.7.3 Authentication unsuccessful', 'phpmailer'],
    ['2018-03-19 06:57:36\tConnection: opening to tls://smtp.office365.com:587, timeout=10', 'phpmailer'],
    ['SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting', 'phpmailer'],
    ['An error occurred while attempting to establish an SSL or TLS connection.', 'mailkit'],
    ['The SMTP server has unexpectedly disconnected.', 'mailkit'],
    [
      'The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57',
      'dotnet',
    ],
    ['Transaction failed. The server response was: 5.7.1 Relay access denied', 'dotnet'],
    ['caused by AuthenticationFailedException: 534-5.7.9 Please log in with your web browser', 'javamail'],
    ['OpenSSL::SSL::SSLError: hostname "localhost" does not match the server certificate', 'ruby-net-smtp'],
    ['SSL_connect returned=1 errno=0 peeraddr=192.0.2.1:587 state=error: wrong version number', 'ruby-net-smtp'],
    ['Errno::ECONNREFUSED in OrdersController#create', 'ruby-net-smtp'],
    ['unencrypted connection', 'go'],
    ['t=2017-05-19T15:39:18+0800 lvl=eror msg="Failed to send" logger=alerting.notifier.email error=EOF', 'go'],
    ['Max connection attempts exceeded - 535 5.7.8 Username and Password not accepted', 'go'],
    ['*** TLS startup failed (connect(): error:1408F10B:SSL routines:ssl3_get_record:wrong version number)', 'swaks'],
    ['Error in curl::curl_fetch_memory(url, handle = h) : Login denied', 'curl'],
    ['sendmail: the server does not support authentication', 'msmtp'],
    ['host=smtp.gmail.com tls=on auth=on user=me from=me@example.org smtpstatus=535', 'msmtp'],
  ];
  for (const [text, client] of cases) {
    test(`explain names ${client} from ${JSON.stringify(text.slice(0, 50))}`, () => {
      assert.equal(clientHint(text)?.client, client);
    });
  }
});

describe('explain: the mechanism the client used', () => {
  const cases: [string, string][] = [
    ["Error: Invalid login\n  command: 'AUTH PLAIN'", 'PLAIN'],
    ['Authenticator LOGIN returned Expected response code 250 but got code "535"', 'LOGIN'],
    ['Authenticator "XOAUTH2" returned "Expected response code "235" but got code "535"', 'XOAUTH2'],
    ['DEBUG SMTP: Using mechanism XOAUTH2', 'XOAUTH2'],
    ['C: AUTH PLAIN AGZvbwBiYXI=', 'PLAIN'],
    ['2024-01-01 10:00:00 CLIENT -> SERVER: AUTH LOGIN', 'LOGIN'],
    [' ~> AUTH LOGIN', 'LOGIN'],
    ["send: 'AUTH PLAIN AGZvbwBiYXI=\\r\\n'", 'PLAIN'],
    ['4> AUTH CRAM-MD5', 'CRAM-MD5'],
    ['<- "AUTH LOGIN\\r\\n"', 'LOGIN'],
  ];
  for (const [text, mechanism] of cases) {
    test(`explain reads ${mechanism} from ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.equal(mechanismClue(text), mechanism);
    });
  }
  test("explain takes no mechanism from the server's list of them", () => {
    assert.equal(mechanismClue('S: 250-AUTH LOGIN PLAIN'), undefined);
  });
});

describe('explain: a success or go-ahead that is not the expected one is out of step', () => {
  test('SwiftMailer’s 250 where DATA’s 354 belongs is no accepted message: the replies are out of step', () => {
    const text = 'Swift_TransportException: Expected response code 354 but got code "250", with message "250 Accepted"';
    assert.equal(found(text)[0]?.phase, null);
    const first = explain(text).findings[0];
    assert.equal(first?.id, 'protocol-violation');
    assert.equal(first.detail, 'unexpected-reply');
  });
});
