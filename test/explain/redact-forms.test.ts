// explain's redaction: the forms an independent audit found shown — an echo before a repr's \r\n, a two-character
// password under LOGIN, an .env value with spaces and quotes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../src/explain/redact.js';

test('explain redaction: a weak password echoed before the \\r\\n of a Python bytes repr is taken out', () => {
  const paste = [
    "send: 'AUTH PLAIN AHVAbGFiLnRlc3QAZ21haWw=\\r\\n'",
    "reply: b'535-5.7.8 Username and Password not accepted. gmail\\r\\n'",
    "reply: b'535 5.7.8 https://support.google.com/mail/?p=BadCredentials\\r\\n'",
  ].join('\n');
  const out = redactSecrets(paste).text;
  assert.match(out, /not accepted\. \[redacted\]\\r\\n/);
  assert.ok(out.includes('https://support.google.com/mail/?p=BadCredentials'), out);
});

test('explain redaction: a two-character password sent under AUTH LOGIN (UGE=) is learnt, and its echoes go', () => {
  const paste = [
    '-> AUTH LOGIN',
    '<- 334 VXNlcm5hbWU6',
    '-> dUBsYWIudGVzdA==',
    '<- 334 UGFzc3dvcmQ6',
    '-> UGE=',
    '<- 535 5.7.8 credentials Pa / UGE= rejected',
  ].join('\n');
  const r = redactSecrets(paste);
  assert.equal(r.secret?.length, 2);
  assert.ok(r.text.endsWith('535 5.7.8 credentials [redacted] / [redacted] rejected'), r.text);
});

test('explain redaction: an .env line’s value runs to the end of the line, quotes and spaces included', () => {
  const pw = `my "pa ss" 'w' x`;
  const hex = Buffer.from(pw).toString('hex');
  const paste = `MAIL_PASSWORD=${pw}\nSMTP_PASS="${pw}"\nError: Invalid login: 535 Authentication failed for ${pw} ${hex}`;
  const out = redactSecrets(paste).text;
  for (const piece of ['pa ss', "'w' x", hex]) assert.ok(!out.includes(piece), out);
  // Logfmt keeps one token per setting, and a plain one-word value reads as before.
  assert.equal(
    redactSecrets('password=secret123 user=bob').text,
    'password=[redacted password: 9 characters, lowercase+digits] user=bob',
  );
});
