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
