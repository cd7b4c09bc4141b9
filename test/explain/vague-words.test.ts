// The last-resort reader: broad words and reply codes in shapes the reply finder skips, and what explain makes of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../src/check/explain.js';
import { codeShapes } from '../../src/explain/code-shapes.js';
import { vagueWords } from '../../src/explain/vague-words.js';

/** [text, the phrases the reader finds in it]. */
const PHRASES: [string, string[]][] = [
  ['SMTP Error: authentication failed', ['auth-failed']],
  ['SMTP: 535 Username and Password not accepted', ['auth-failed', 'code-535']],
  ['535 Username and Password not accepted', ['auth-failed']],
  ['Error: Invalid credentials for user', ['auth-failed']],
  ['dial tcp 10.0.0.1:587: i/o timeout', ['timed-out']],
  ['Connection timed out after 30 s', ['timed-out']],
  ['connect ECONNREFUSED 127.0.0.1:25', ['refused']],
  ['x509: certificate signed by unknown authority', ['certificate']],
  ['SSL routines:ssl3_get_record:wrong version number', ['tls']],
  ['SMTP Error: Could not connect to SMTP host.', ['could-not-connect']],
  ['SMTP ERROR: Failed to connect to server', ['could-not-connect']],
  ['connect() failed', ['could-not-connect']],
  ['Could not open SMTP Port.', ['could-not-connect']],
  ['getaddrinfo ENOTFOUND smtp.example.org', ['name-not-found']],
  ['dial tcp: lookup smtp.example.org: no such host', ['name-not-found']],
  ['Relaying denied', ['relay']],
  ['Sender address rejected', ['sender']],
  ['Recipient address rejected: mailbox unavailable', ['recipient']],
  ['Daily sending quota exceeded', ['quota']],
  ['Too many login attempts', ['too-many']],
  ['Must issue a STARTTLS command first', ['starttls']],
  ['AUTH not available', ['auth-mechanism']],
  ['auth not available', []],
  ['Connection closed unexpectedly', ['connection-closed']],
  ['write: broken pipe', ['connection-closed']],
  ['unexpected EOF', ['connection-closed']],
  ['mail failed with 535', ['code-535']],
  ['smtp: 5.7.8 refused', ['refused', 'enhanced-5.7.8']],
  ['port 587 and 465 via smtp', []],
  ['error 535 in the database', []],
  ['nothing of interest here', []],
];

for (const [text, phrases] of PHRASES)
  test(`vague words: ${JSON.stringify(text)} → ${phrases.join(', ') || 'nothing'}`, () => {
    assert.deepEqual(
      vagueWords(text).map((m) => m.phrase),
      phrases,
    );
  });

test('vague words: each phrase once, quoting the words of its first occurrence', () => {
  assert.deepEqual(vagueWords('Connection timed out. Then: timeout again'), [
    { phrase: 'timed-out', quote: 'timed out' },
  ]);
});

/** [shape, text, the codes read]. Each shape only where the words around speak of mail. */
const SHAPES: [string, string, number[]][] = [
  ['code=535', 'mail send failed code=535', [535]],
  ['"code":535', 'smtp error {"code":535,"message":"x"}', [535]],
  ["'code': 535", "smtp error {'code': 535}", [535]],
  ['Code: 535', 'SMTP Code: 535', [535]],
  ['Code 500', 'emailjs: Code 500 error:', [500]],
  ['status 550', 'smtp send failed: status 550', [550]],
  ['error 535', 'smtp error 535', [535]],
  ['(535)', 'SMTP failed (535)', [535]],
  ['[535]', 'smtp [535]', [535]],
  ['535:', 'SMTP 535: no', [535]],
  ['a port is no code', 'smtp status 587', []],
  ['2xx is no refusal', 'smtp status 250', []],
  ['no mail words', 'error 535 in the database', []],
  ['HTTP 500 beside mail words', 'mail API status 500 from https://api.example.org', []],
  ['a time or version', 'smtp error 535.2 at 10:535', []],
];

for (const [shape, text, codes] of SHAPES)
  test(`code shapes: ${shape} → ${codes.join(', ') || 'nothing'}`, () => {
    assert.deepEqual(
      codeShapes(text).map((o) => o.reply.code),
      codes,
    );
    for (const o of codeShapes(text)) assert.equal(o.certainty, 'inferred');
  });

/** [text, the first finding explain gives, its confidence]. */
const EXPLAINED: [string, string, string][] = [
  ['smtp error {"code":535}', 'credentials-rejected', 'medium'],
  ['SMTP failed (535)', 'credentials-rejected', 'medium'],
  ['Mailer: Could not open SMTP Port.', 'connection-refused', 'low'],
  ['x509: something odd', 'certificate-invalid', 'low'],
  ['Error: smtp auth failed', 'credentials-rejected', 'low'],
  ['mail relay said: unknown host', 'dns-not-found', 'low'],
];

for (const [text, id, confidence] of EXPLAINED)
  test(`explain: ${JSON.stringify(text)} → ${id} (${confidence})`, () => {
    const first = explain(text).findings[0];
    assert.equal(first?.id, id);
    assert.equal(first.confidence, confidence);
  });

test('explain: the words reading is never above low, quotes the words, and names itself a reading of the words', () => {
  const first = explain('Error: smtp auth failed').findings[0];
  assert.ok(first);
  assert.equal(first.detail, 'credentials-rejected/words');
  assert.deepEqual(
    first.evidence.map((e) => e.text),
    ['auth failed'],
  );
  assert.match(first.summary, /The text says "auth failed" and nothing more/);
});

test('explain: a text another reader understands gets no words reading', () => {
  const report = explain('connect ECONNREFUSED 127.0.0.1:587 (connection timed out?)');
  assert.ok(report.findings.length > 0);
  assert.ok(report.findings.every((f) => f.detail?.endsWith('/words') !== true));
});
