import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mentionedHosts, targetClues, usernameClue } from '../../src/explain/clues.js';
import { listProviders } from '../../src/knowledge/index.js';

describe('explain clues: host names', () => {
  // Stack frames and paths as .NET, Java, Node and Python print them: none of their names is a host.
  const frames: [string, string][] = [
    [
      'a MailKit .NET frame',
      '   at MailKit.Net.Smtp.SmtpClient.AuthenticateAsync(Encoding encoding, ICredentials credentials, CancellationToken cancellationToken)',
    ],
    [
      'a JavaMail frame with its file',
      '\tat com.sun.mail.smtp.SMTPTransport$Authenticator.authenticate(SMTPTransport.java:947)',
    ],
    ['a Java file and line', 'Caused by: smtp failure at SMTPTransport.java:2209'],
    [
      'a Node frame',
      '    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:809:19)',
    ],
    ['a Python file', '  File "/usr/lib/python3.11/smtplib.py", line 662, in auth'],
    ['a C# file', '   at Notifier.Send() in C:\\src\\Mail\\SmtpMailer.cs:line 44'],
    ['a method call', 'calling Smtp.SmtpClient.Send(message) failed'],
    ['a TypeScript file', 'error in src/smtp.mailer.ts'],
  ];
  for (const [what, line] of frames) {
    test(`explain: takes no host from ${what}`, () => {
      assert.equal(targetClues(line).host, undefined);
      assert.deepEqual(mentionedHosts(line).hosts, []);
    });
  }

  test('explain: a real host after a stack frame is still found', () => {
    const text =
      '   at MailKit.Net.Smtp.SmtpClient.AuthenticateAsync(Encoding encoding)\nconnecting to smtp.office365.com:587';
    assert.equal(targetClues(text).host, 'smtp.office365.com');
    assert.equal(targetClues(text).port, 587);
    assert.deepEqual(mentionedHosts(text).hosts, ['smtp.office365.com']);
  });

  test("explain: Postfix's delivery status names the relay and its port", () => {
    const text =
      'postfix/smtp[812]: 4F1A2: to=<a@example.org>, relay=mail.example.net[192.0.2.7]:465, delay=30, status=deferred (lost connection with mail.example.net[192.0.2.7] while receiving the initial server greeting)';
    assert.equal(targetClues(text).host, 'mail.example.net');
    assert.equal(targetClues(text).port, 465);
  });

  const hosts: [string, string][] = [
    ['a country-code domain', 'smtp.poczta.onet.pl'],
    ['a generic domain', 'smtp.example.org'],
    ['a newer generic domain', 'smtp.mailer.cloud'],
    ['a private lab name', 'smtp.lab.internal'],
  ];
  for (const [what, host] of hosts) {
    test(`explain: keeps ${what} as a host`, () => {
      assert.equal(targetClues(`Could not connect to SMTP host: ${host}, port: 587`).host, host);
      assert.deepEqual(mentionedHosts(`relay ${host} refused`).hosts, [host]);
    });
  }

  test('explain: every provider host in the knowledge base counts as a host', () => {
    const names = listProviders().flatMap((p) => [
      ...p.recognise.hosts,
      ...p.recognise.mxHosts,
      ...p.recognise.emailDomains,
      ...(p.submission?.endpoints ?? []).map((e) => e.host),
    ]);
    const plain = names.filter((h) => /^[a-z0-9.-]+\.[a-z]+$/.test(h));
    assert.ok(plain.length >= 20, `only ${plain.length} hosts`);
    for (const host of plain) assert.deepEqual(mentionedHosts(`via ${host} now`).hosts, [host], host);
  });
});

describe('explain clues: user names in settings', () => {
  // [where the setting comes from, the pasted setting, the user name read (undefined: none)]
  const cases: [string, string, string | undefined][] = [
    ['Django settings.py', "EMAIL_HOST_USER = 'AKIAIOSFODNN7EXAMPLE'", 'AKIAIOSFODNN7EXAMPLE'],
    ['a Laravel .env (unquoted)', 'MAIL_USERNAME=apikey', 'apikey'],
    ['an .env SMTP_USER (unquoted)', 'SMTP_USER=me@example.org', 'me@example.org'],
    ['Spring application.properties', 'spring.mail.username=me@example.org', 'me@example.org'],
    ['JavaMail properties', 'mail.smtp.user=me@example.org', 'me@example.org'],
    ['YAML', 'smtp:\n  user: me@example.org\n  password: x', 'me@example.org'],
    ['a Ruby hash', ':user_name=>"me@gmail.com"', 'me@gmail.com'],
    ['a JS object', "auth: { user: 'me@example.org', pass: 'x' }", 'me@example.org'],
    ['a camelCase variable', 'const smtpUser = "me@example.org";', 'me@example.org'],
    ["Go's %+v", '{Host:smtp.example.org Port:587 User:me Pass:x}', 'me'],
    ['an HTTP header', 'User-Agent: curl/8.0', undefined],
    ['a count', 'users: 5', undefined],
    ['an id', 'user_id=42', undefined],
    ['a reference to the environment', "EMAIL_HOST_USER = os.environ['EMAIL_USER']", undefined],
    ['a shell variable', 'MAIL_USERNAME=${SMTP_USER}', undefined],
    ['a boolean', 'use_user: true', undefined],
  ];
  for (const [where, text, user] of cases) {
    test(`explain: reads the user name of ${where}`, () => {
      assert.equal(usernameClue(text), user);
    });
  }
});
