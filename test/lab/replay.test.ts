import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listSignatures } from '../../src/knowledge/index.js';
import { parseReplaySpec, replaySignature } from '../../src/lab/replay.js';

describe('lab replay', () => {
  test("replay: a provider signature is served by that provider's persona at its phase", () => {
    const r = replaySignature('google.app-password-required');
    assert.equal(r.persona.id, 'gmail');
    assert.equal(r.override.phase, 'auth');
    assert.equal(r.override.reply, r.signature.samples[0]);
    assert.equal(r.host, 'smtp.gmail.com');
    assert.deepEqual(r.client, { login: true, token: false, send: false });
  });

  test("replay: a provider without a persona is served by the permissive one, under the provider's host name", () => {
    const r = replaySignature('mailjet.authentication-failed');
    assert.equal(r.persona.id, 'plain');
    assert.equal(r.host, 'in-v3.mailjet.com');
  });

  test('replay: server software is known by its banner, not a host name', () => {
    const r = replaySignature('haraka.authentication-failed');
    assert.equal(r.persona.id, 'haraka');
    assert.equal(r.host, null);
  });

  test('replay: a greeting signature is served at the greeting and needs no login', () => {
    const r = replaySignature('rfc.greeting-refused', 2);
    assert.equal(r.override.phase, 'greeting');
    assert.equal(r.sampleNumber, 2);
    assert.deepEqual(r.client, { login: false, token: false, send: false });
  });

  test('replay: an XOAUTH2 error challenge is followed by the final refusal the client gets after its empty line', () => {
    const r = replaySignature('google.xoauth2-error');
    assert.ok(Array.isArray(r.override.reply));
    const [challenge, refusal] = r.override.reply as readonly string[];
    assert.match(challenge ?? '', /^334 /);
    assert.equal(refusal, listSignatures().find((s) => s.id === 'google.bad-credentials')?.samples[0]);
    assert.equal(r.client.token, true);
  });

  test('replay: the refusal after an error challenge is the one knowledge names (followedBy), the RFC one for RFC text', () => {
    const r = replaySignature('rfc.xoauth2-error-challenge');
    const [, refusal] = r.override.reply as readonly string[];
    assert.equal(r.signature.followedBy, 'rfc.credentials-invalid');
    assert.equal(refusal, listSignatures().find((s) => s.id === 'rfc.credentials-invalid')?.samples[0]);
  });

  test('replay: a refusal at RCPT needs a message to be sent', () => {
    const r = replaySignature('rfc.recipient-rejected');
    assert.equal(r.override.phase, 'rcpt');
    assert.deepEqual(r.client, { login: true, token: false, send: true });
  });

  test('replay: every signature sample can be replayed', () => {
    for (const s of listSignatures())
      for (let n = 1; n <= s.samples.length; n++) assert.doesNotThrow(() => replaySignature(s.id, n), `${s.id}:${n}`);
  });

  test('replay: unknown ids and missing samples are input errors that say what exists', () => {
    assert.throws(() => replaySignature('google.nope'), /unknown signature "google\.nope" \(google has: google\./);
    assert.throws(() => replaySignature('nobody.nope'), /unknown signature "nobody\.nope" \(smtp-doctor lab --list/);
    assert.throws(() => replaySignature('google.app-password-required', 99), /there is no sample 99/);
  });

  test('replay: the spec is ID or ID:N', () => {
    assert.deepEqual(parseReplaySpec('Google.Bad-Credentials:2'), { id: 'google.bad-credentials', sampleNumber: 2 });
    assert.deepEqual(parseReplaySpec(' ses.throttling '), { id: 'ses.throttling', sampleNumber: 1 });
    assert.throws(() => parseReplaySpec('a b'), /not a signature id/);
    assert.throws(() => parseReplaySpec('x:'), /not a signature id/);
  });
});
