import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../../src/model/secret.js';
import { TranscriptRecorder } from '../../src/transport/transcript-recorder.js';

test('transcript recorder: scrubs a registered secret in every encoding from server echoes', () => {
  const recorder = new TranscriptRecorder();
  const password = 'Pa55 w:rd€';
  recorder.protect(new Secret(password));
  const plainBlob = Buffer.from(`\0alice\0${password}`).toString('base64');
  const echoes = [
    `500 unknown command ${password}`,
    `535 bad ${Buffer.from(password).toString('base64')}`,
    `535 bad ${plainBlob}`,
    `535 bad ${encodeURIComponent(password)}`,
    `535 bad ${Buffer.from(password).toString('hex')}`,
  ];
  for (const echo of echoes) recorder.record('server', 'auth', true, echo);
  const text = JSON.stringify(recorder.events());
  assert.ok(!text.includes(password));
  assert.ok(!text.includes(Buffer.from(password).toString('base64')));
  assert.ok(!text.includes(plainBlob.slice(8, -4)));
  assert.ok(!text.includes(encodeURIComponent(password)));
  assert.ok(!text.includes(Buffer.from(password).toString('hex')));
});

test('transcript recorder: escapes control characters so a server cannot drive the terminal', () => {
  const recorder = new TranscriptRecorder();
  recorder.record('server', 'greeting', false, '220 \u001b[2J\u001b]0;pwned\u0007 hi\nsecond\u0000');
  const [event] = recorder.events();
  assert.equal(event?.text, '220 \\x1b[2J\\x1b]0;pwned\\x07 hi\nsecond\\x00');
});

test('transcript recorder: stays bounded', () => {
  const recorder = new TranscriptRecorder();
  for (let i = 0; i < 5000; i++) recorder.record('server', 'ehlo', false, '250 x');
  assert.ok(recorder.events().length <= 2001);
});

test('transcript recorder: its size counts only kept events, so a step never names an index past the cap', () => {
  const recorder = new TranscriptRecorder();
  for (let i = 0; i < 5000; i++) recorder.record('server', 'ehlo', false, '250 x');
  const kept = recorder.size;
  assert.equal(kept, 2000);
  const events = recorder.events();
  assert.equal(events[kept]?.text, '3000 more events not recorded');
  assert.equal(events[kept - 1]?.text, '250 x');
});

test('transcript recorder: flags a line that carried the secret, and only when told', () => {
  const recorder = new TranscriptRecorder();
  recorder.record('client', 'auth', true, 'AUTH PLAIN [base64 of …]', { redacted: true, secret: true });
  recorder.record('client', 'auth', true, 'AUTH LOGIN', { redacted: false, secret: false });
  const [first, second] = recorder.events();
  assert.equal(first?.secret, true);
  assert.equal(second?.secret, undefined);
  assert.equal(second?.redacted, undefined);
});

test('transcript recorder: scrubs pieces of a secret a server echoes, not only whole forms', () => {
  const password = 'S3cret\u007fWord77 pass:wörd';
  const cases: [string, string][] = [
    // The tail of a decoded PLAIN blob, as a server that echoes what it decoded would print it.
    ['the tail of the decoded PLAIN blob', `535 bad credentials for ${`\0alice\0${password}`.slice(-12)}`],
    // UTF-8 bytes read as Latin-1: the ASCII head survives as is.
    ['the secret read as Latin-1', `535 no user ${Buffer.from(password, 'utf8').toString('latin1')}`],
    ['a secret cut by the server at 10 characters', `535 ${password.slice(0, 10)}…`],
    ['a piece of the base64 of the secret', `535 ${Buffer.from(password).toString('base64').slice(3, 15)}`],
  ];
  for (const [name, echo] of cases) {
    const recorder = new TranscriptRecorder();
    recorder.protect(new Secret(password));
    recorder.record('server', 'auth', true, echo);
    const text = recorder.events()[0]?.text ?? '';
    assert.match(text, /\[redacted\]/, name);
    for (let i = 0; i + 8 <= password.length; i++) {
      const piece = password.slice(i, i + 8);
      assert.ok(!text.includes(piece), `${name}: ${JSON.stringify(piece)} left in ${JSON.stringify(text)}`);
    }
  }
});

test('transcript recorder: scrubs a secret with a control character in it before escaping the line', () => {
  const recorder = new TranscriptRecorder();
  const password = 'ab\u0001cd\u202eefgh';
  recorder.protect(new Secret(password));
  recorder.record('server', 'auth', true, `535 echo ${password}`);
  assert.equal(recorder.events()[0]?.text, '535 echo [redacted]');
});

test('transcript recorder: a preview of server bytes is scrubbed before it is cut, so no half of a secret is left', () => {
  const recorder = new TranscriptRecorder();
  const password = 'correct-horse-battery-staple';
  recorder.protect(new Secret(password));
  // The preview limit falls in the middle of the secret: cutting first would leave "correct-horse-ba" behind.
  const sample = `${'x'.repeat(20)}${password}`;
  const preview = recorder.previewOf(Buffer.from(sample), 36);
  assert.ok(!preview.includes('correct-horse'), preview);
  assert.match(preview, /^x{20}\[redacted\]$/);
});

test('transcript recorder: ordinary reply words are kept when the secret is short', () => {
  const recorder = new TranscriptRecorder();
  recorder.protect(new Secret('data'));
  recorder.record('server', 'auth', true, '535 Incorrect authentication data');
  // A 4-character secret is scrubbed whole (MIN_FORM_LENGTH); pieces are only taken from secrets of 8 or more.
  assert.equal(recorder.events()[0]?.text, '535 Incorrect authentication [redacted]');
  const long = new TranscriptRecorder();
  long.protect(new Secret('zq9!Xr2#Lm'));
  long.record('server', 'auth', true, '535 5.7.8 Authentication credentials invalid');
  assert.equal(long.events()[0]?.text, '535 5.7.8 Authentication credentials invalid');
});

test('transcript recorder: a reply text is its lines scrubbed, joined and scrubbed again, whatever shortcut it takes', () => {
  const password = 'Pa55 w:rd€x';
  const recorder = new TranscriptRecorder();
  recorder.protect(new Secret(password), { username: 'alice' });
  // The definition the recorder keeps: the scrubbed lines joined as the parser joins them, scrubbed as one text.
  const reference = new TranscriptRecorder();
  reference.protect(new Secret(password), { username: 'alice' });
  const cases = [
    ['2.7.0 Authentication successful'],
    [`unknown command ${password}`],
    ['Pa55', 'w:rd€x'],
    ['Pa55  w:rd€x'],
    [' padded  line '],
    ['first line', 'second'],
  ];
  for (const lines of cases) {
    const raw = lines.map((l, i) => `535${i === lines.length - 1 ? ' ' : '-'}${l}`);
    const reply = { code: 535, enhanced: null, lines, text: lines.join(' '), raw, anomalies: [] };
    const scrubbed = recorder.scrubReply(reply);
    const expected = reference.scrub(reference.scrubReply(reply).lines.join(' ').replace(/\s+/g, ' ').trim());
    assert.equal(scrubbed.text, expected, JSON.stringify(lines));
    assert.ok(!scrubbed.text.includes(password), JSON.stringify(lines));
  }
});
