import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../../../src/model/secret.js';
import { chooseMechanism, findMechanism } from '../../../src/protocol/sasl/registry.js';
import { oauthbearer } from '../../../src/protocol/sasl/oauthbearer.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

test('SASL OAUTHBEARER (RFC 7628 §3.1): GS2 header, host, port and bearer token in the initial response', () => {
  const ex = oauthbearer.create(
    { username: 'user@example.com', secret: new Secret('vF9dft4qmT', 'token') },
    { initialResponse: true, host: 'server.example.com', port: 587 },
  );
  const line = ex.start();
  assert.equal(
    line.wire,
    `AUTH OAUTHBEARER ${b64('n,a=user@example.com,\x01host=server.example.com\x01port=587\x01auth=Bearer vF9dft4qmT\x01\x01')}`,
  );
  assert.equal(line.secret, true);
  assert.ok(!line.redacted.includes('vF9dft4qmT') && !line.redacted.includes(b64('vF9dft4qmT')));
  assert.equal(ex.complete(), true);
});

test('SASL OAUTHBEARER (RFC 7628 §3.2.3): the error challenge is decoded into details() and answered with %x01', () => {
  const ex = oauthbearer.create(
    { username: 'u', secret: new Secret('tok', 'token') },
    { initialResponse: true, host: 'h', port: 465 },
  );
  ex.start();
  const step = ex.respond(
    b64(
      '{"status":"invalid_token","scope":"example_scope","openid-configuration":"https://example.com/.well-known/openid-configuration"}',
    ),
  );
  assert.equal(step.kind, 'send');
  assert.equal(step.line.wire, 'AQ==');
  assert.equal(step.answersError, true);
  assert.deepEqual(ex.details(), {
    status: 'invalid_token',
    scope: 'example_scope',
    'openid-configuration': 'https://example.com/.well-known/openid-configuration',
  });
  assert.equal(ex.respond(b64('{}')).kind, 'cancel', 'a second error challenge is not answered again');
});

test('SASL OAUTHBEARER: "," and "=" in the user name are escaped in the GS2 header; without IR the token answers the 334', () => {
  const ex = oauthbearer.create({ username: 'a,b=c', secret: new Secret('t', 'token') }, { initialResponse: false });
  assert.equal(ex.start().wire, 'AUTH OAUTHBEARER');
  const step = ex.respond('');
  assert.equal(Buffer.from(step.line.wire, 'base64').toString(), 'n,a=a=2Cb=3Dc,\x01auth=Bearer t\x01\x01');
});

test('SASL registry: SCRAM, DIGEST-MD5 and OAUTHBEARER are spoken; PLAIN stays first', () => {
  for (const name of ['scram-sha-256', 'SCRAM-SHA-1', 'digest-md5', 'oauthbearer'])
    assert.equal(findMechanism(name)?.name, name.toUpperCase());
  assert.equal(findMechanism('NTLM'), undefined);
  assert.equal(chooseMechanism(['SCRAM-SHA-1', 'SCRAM-SHA-256', 'DIGEST-MD5'], 'password')?.name, 'SCRAM-SHA-256');
  assert.equal(chooseMechanism(['DIGEST-MD5', 'PLAIN'], 'password')?.name, 'PLAIN');
  assert.equal(chooseMechanism(['OAUTHBEARER'], 'token')?.name, 'OAUTHBEARER');
  assert.equal(chooseMechanism(['OAUTHBEARER', 'XOAUTH2'], 'token')?.name, 'XOAUTH2');
  for (const name of ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'DIGEST-MD5', 'CRAM-MD5'])
    assert.equal(findMechanism(name)?.revealsSecret, false, `${name} does not put the password on the wire`);
});
