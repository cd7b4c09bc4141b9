import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../src/diagnose/index.js';
import type { SendRecord } from '../../src/model/session.js';
import { live, reply } from '../fixtures/evidence.js';

function withSend(send: SendRecord) {
  const evidence = live({
    host: 'smtp.example.org',
    port: 587,
    security: 'starttls',
    until: { auth: '235 2.7.0 Authentication successful' },
  });
  const configured = evidence.sessions[0];
  assert.ok(configured);
  configured.record.send = send;
  return diagnose(evidence).map((f) => f.id);
}

const base = { from: 'alice@example.org', to: ['bob@example.net'] };

test('test send: an accepted message is message-accepted next to auth-ok', () => {
  const ids = withSend({ ...base, result: 'accepted', reply: reply('250 2.0.0 Ok: queued as 4Xyz') });
  assert.ok(ids.includes('auth-ok') && ids.includes('message-accepted'), ids.join());
});

test('test send: a refused sender is sender-rejected, ahead of auth-ok', () => {
  const ids = withSend({
    ...base,
    result: 'sender-rejected',
    reply: reply('553 5.7.1 <ceo@example.org>: Sender address rejected: not owned by user alice@example.org'),
  });
  assert.equal(ids[0], 'sender-rejected');
});

test('test send: every recipient refused is recipient-rejected', () => {
  const refused = reply('554 5.7.1 <bob@example.net>: Relay access denied');
  const ids = withSend({
    ...base,
    result: 'recipient-rejected',
    reply: refused,
    refused: [{ address: 'bob@example.net', reply: refused }],
  });
  assert.equal(ids[0], 'recipient-rejected');
});
