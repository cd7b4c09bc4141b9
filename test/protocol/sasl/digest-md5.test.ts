import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../../../src/model/secret.js';
import { digestMd5, digestMd5Response, parseDirectives } from '../../../src/protocol/sasl/digest-md5.js';
import type { SaslStep } from '../../../src/protocol/sasl/types.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
const sent = (step: SaslStep): string => {
  assert.equal(step.kind, 'send', step.kind === 'cancel' ? step.reason : '');
  return step.line.wire;
};

// RFC 2831 §4: the IMAP example.
const rfc = {
  username: 'chris',
  realm: 'elwood.innosoft.com',
  password: 'secret',
  nonce: 'OA6MG9tEQGm2hh',
  cnonce: 'OA6MHXh6VqTrRk',
  nc: '00000001',
  qop: 'auth',
  utf8: true,
};
const challenge = 'realm="elwood.innosoft.com",nonce="OA6MG9tEQGm2hh",qop="auth",algorithm=md5-sess,charset=utf-8';

test('SASL DIGEST-MD5: the RFC 2831 §4 example gives its response and rspauth', () => {
  assert.deepEqual(digestMd5Response({ ...rfc, digestUri: 'imap/elwood.innosoft.com' }), {
    response: 'd388dad90d4bbd760a152321f2143af7',
    rspauth: 'ea40f60335c427b5527b84dbabcdfffd',
  });
});

test('SASL DIGEST-MD5: the exchange with digest-uri smtp/<host>, rspauth verified and answered with an empty line', () => {
  const ex = digestMd5.create(
    { username: 'chris', secret: new Secret('secret') },
    { initialResponse: true, host: 'elwood.innosoft.com', nonce: rfc.cnonce },
  );
  assert.equal(ex.start().wire, 'AUTH DIGEST-MD5', 'server first: never an initial response');
  const step = ex.respond(b64(challenge));
  const expected = digestMd5Response({ ...rfc, digestUri: 'smtp/elwood.innosoft.com' });
  assert.equal(
    unb64(sent(step)),
    `charset=utf-8,username="chris",realm="elwood.innosoft.com",nonce="OA6MG9tEQGm2hh",nc=00000001,cnonce="OA6MHXh6VqTrRk",digest-uri="smtp/elwood.innosoft.com",response=${expected?.response ?? ''},qop=auth`,
  );
  assert.ok(!step.line.redacted.includes(expected?.response ?? '?'));
  assert.match(step.line.redacted, /response=\[redacted digest response\]/);
  assert.equal(step.line.secret, undefined);
  assert.equal(ex.complete(), true);
  assert.equal(ex.details().serverSignature, undefined);
  assert.equal(sent(ex.respond(b64(`rspauth=${expected?.rspauth ?? ''}`))), '');
  assert.equal(ex.details().serverSignature, 'verified');
});

test('SASL DIGEST-MD5: a wrong rspauth is cancelled and recorded', () => {
  const ex = digestMd5.create(
    { username: 'chris', secret: new Secret('secret') },
    { initialResponse: false, host: 'h' },
  );
  ex.respond(b64(challenge));
  const step = ex.respond(b64('rspauth=ea40f60335c427b5527b84dbabcdfffd'));
  assert.equal(step.kind, 'cancel');
  assert.equal(ex.details().serverSignature, 'mismatch');
});

const bad: [string, string][] = [
  ['not base64', '!!!'],
  ['no nonce', b64('realm="x",qop="auth",algorithm=md5-sess')],
  ['two nonces', b64('nonce="a",nonce="b",algorithm=md5-sess')],
  ['no md5-sess', b64('nonce="a",qop="auth"')],
  ['no qop=auth', b64('nonce="a",qop="auth-conf",algorithm=md5-sess')],
  ['an unterminated quoted string', b64('nonce="a,algorithm=md5-sess')],
];
for (const [what, text] of bad)
  test(`SASL DIGEST-MD5: a challenge with ${what} is cancelled`, () => {
    const ex = digestMd5.create({ username: 'u', secret: new Secret('p') }, { initialResponse: false });
    assert.equal(ex.respond(text).kind, 'cancel');
    assert.equal(ex.complete(), false);
  });

test('SASL DIGEST-MD5: quoted strings keep escaped quotes and commas; realms repeat', () => {
  const d = parseDirectives('realm="a\\"b,c",realm="second", nonce=xyz ,qop="auth,auth-int"');
  assert.deepEqual(d?.get('realm'), ['a"b,c', 'second']);
  assert.deepEqual(d.get('nonce'), ['xyz']);
  assert.deepEqual(d.get('qop'), ['auth,auth-int']);
});

test('SASL DIGEST-MD5: without charset=utf-8 a password outside ISO 8859-1 is cancelled, not mangled', () => {
  const ex = digestMd5.create({ username: 'u', secret: new Secret('p€') }, { initialResponse: false });
  assert.equal(ex.respond(b64('nonce="a",qop="auth",algorithm=md5-sess')).kind, 'cancel');
  const utf = digestMd5.create({ username: 'u', secret: new Secret('p€') }, { initialResponse: false });
  assert.equal(utf.respond(b64('nonce="a",qop="auth",algorithm=md5-sess,charset=utf-8')).kind, 'send');
});
