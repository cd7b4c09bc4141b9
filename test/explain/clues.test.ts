import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mentionedHosts, targetClues } from '../../src/explain/clues.js';
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
