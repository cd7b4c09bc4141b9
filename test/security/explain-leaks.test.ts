// Explain of pasted logs in which a server echoed the password where the independent audit found it shown: in a URL
// path on the second line of a multi-line reply, and split so that one pasted line holds only its first part.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../src/explain/redact.js';

const USER = 'u@lab.test';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A nodemailer-style paste: the AUTH line, the settings that hold the password, and the server's reply lines. */
function paste(secret: string, reply: readonly string[]): string {
  return [
    '220 lab.test ESMTP',
    'EHLO me',
    '250-lab.test',
    '250 AUTH PLAIN LOGIN',
    `AUTH PLAIN ${b64(`\0${USER}\0${secret}`)}`,
    `password=${secret}`,
    ...reply,
  ].join('\n');
}

test('explain: a weak password as the path of a URL on the second line of a 535 is redacted (L1)', () => {
  for (const secret of ['password', 'test', 'mail', 'gmail', 'smtp', 'Pa']) {
    const text = redactSecrets(
      paste(secret, [
        `535-5.7.8 Username and Password not accepted. ${secret}`,
        `535 5.7.8 Learn more at https://lab.test/${secret}`,
      ]),
    ).text;
    assert.ok(text.includes('535 5.7.8 Learn more at https://lab.test/[redacted]'), text);
    assert.ok(text.includes('535-5.7.8 Username and Password not accepted. [redacted]'), text);
  }
});

test('explain: Gmail\'s own link stays whole when the password is "mail" (the server\'s standard wording)', () => {
  const gmail = [
    '535-5.7.8 Username and Password not accepted. Learn more at',
    '535 5.7.8  https://support.google.com/mail/?p=BadCredentials a6sm1234567pgt.55 - gsmtp',
  ];
  const text = redactSecrets(paste('mail', gmail)).text;
  for (const line of gmail) assert.ok(text.includes(line), text);
});
