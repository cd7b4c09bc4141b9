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

test('explain: a password split over two pasted lines is redacted in both, and where the log quotes its first part again (L7)', () => {
  for (const secret of ['hunter2', 'gmail', 'smtp', 'mail', 'test', 'password', 'é漢字🔑pass', `my "pa ss" 'w' x`]) {
    const points = Array.from(secret);
    const half = Math.max(1, Math.floor(points.length / 2));
    const [head, rest] = [points.slice(0, half).join(''), points.slice(half).join('')];
    const text = redactSecrets(
      paste(secret, [
        `535-5.7.8 Bad credentials ${head}`,
        `535 ${rest} 5.7.8 rejected`,
        `Error: Invalid login: 535 5.7.8 Bad credentials ${head}`,
      ]),
    ).text;
    const lines = text.split('\n').slice(-3);
    assert.deepEqual(
      lines,
      [
        '535-5.7.8 Bad credentials [redacted]',
        '535 [redacted] 5.7.8 rejected',
        'Error: Invalid login: 535 5.7.8 Bad credentials [redacted]',
      ],
      secret,
    );
  }
});

test('explain: a line that ends in the first part of a password and the next line that starts with the rest', () => {
  // Not a multi-line reply: a log that wrapped the line.
  const text = redactSecrets(paste('hunter2', ['smtp error: Bad credentials hun', 'ter2 (535)'])).text;
  assert.deepEqual(text.split('\n').slice(-2), ['smtp error: Bad credentials [redacted]', '[redacted] (535)']);
  // A strong password's first 4 characters or more ending a line, with no rest: still its first part.
  const strong = redactSecrets(paste('Xq7vR2mZt9LkW4bN', ['Error: 535 5.7.8 Bad credentials Xq7vR'])).text;
  assert.equal(strong.split('\n').at(-1), 'Error: 535 5.7.8 Bad credentials [redacted]');
  // Not a split: a line ending in a word that begins the password, with no rest after it, stays.
  for (const [secret, line] of [
    ['hunter2', 'Error: 535 5.7.8 no such hun'],
    ['gmail', 'Error: 535 5.7.8 use gm'],
    ['Password123!', 'Error: 535 5.7.8 Username and Password'],
  ] as const) {
    const kept = redactSecrets(paste(secret, [line])).text;
    assert.equal(kept.split('\n').at(-1), line, secret);
  }
});
