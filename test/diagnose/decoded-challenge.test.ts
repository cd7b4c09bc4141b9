// Decoded error challenges: a 334 carrying base64 JSON (XOAUTH2, OAUTHBEARER) is quoted with its JSON, bounded, total.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeChallenge, pastedQuote, replyQuote } from '../../src/diagnose/quotes.js';
import { observe, reply } from '../fixtures/evidence.js';

const GMAIL = '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

test('decoded challenge: Gmail’s 334 gives its status and scope', () => {
  assert.deepEqual(decodeChallenge(reply(GMAIL)), {
    json: '{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}',
    status: '400',
    scope: 'https://mail.google.com/',
  });
});

test('decoded challenge: the quote of the reply, live or pasted, carries a decoded line', () => {
  const line = 'decoded: {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}';
  assert.equal(replyQuote(reply(GMAIL)).text.split('\n')[1], line);
  assert.equal(pastedQuote(observe.reply(GMAIL, 'auth')).text.split('\n')[1], line);
});

test('decoded challenge: other 334s, broken JSON, non-objects and huge blobs are left alone', () => {
  for (const text of [
    '334 VXNlcm5hbWU6',
    `334 ${b64('{"status": 400')}`,
    `334 ${b64('["status"]')}`,
    `334 ${b64(`{"status":"400","pad":"${'x'.repeat(5000)}"}`)}`,
    '334 eyJ!!!',
    `535 ${b64('{"status":"400"}')}`,
  ]) {
    assert.equal(decodeChallenge(reply(text)), undefined, text.slice(0, 40));
    assert.doesNotMatch(replyQuote(reply(text)).text, /decoded:/);
  }
});

test('decoded challenge: control characters in the JSON are escaped, never printed raw', () => {
  const d = decodeChallenge(reply(`334 ${b64('{"status":"401","scope":"a\\u001b[31mb"}')}`));
  assert.ok(d);
  assert.ok(!d.json.includes('\u001b'));
  assert.ok(!(d.scope ?? '').includes('\u001b'));
});
