import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../../../src/model/secret.js';
import { escapeSaslName, scramSha1, scramSha256 } from '../../../src/protocol/sasl/scram.js';
import { saslPrep } from '../../../src/protocol/sasl/saslprep.js';
import type { SaslMechanism, SaslStep } from '../../../src/protocol/sasl/types.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
const sent = (step: SaslStep): string => {
  assert.equal(step.kind, 'send', step.kind === 'cancel' ? step.reason : '');
  return step.line.wire;
};

interface Vector {
  mechanism: SaslMechanism;
  nonce: string;
  serverFirst: string;
  clientFinal: string;
  serverFinal: string;
}
const vectors: Vector[] = [
  {
    // RFC 5802 §5
    mechanism: scramSha1,
    nonce: 'fyko+d2lbbFgONRv9qkxdawL',
    serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
    clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
  {
    // RFC 7677 §3
    mechanism: scramSha256,
    nonce: 'rOprNGfwEbeRWgbNEkqO',
    serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    clientFinal:
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
];

const start = (v: Vector, password = 'pencil', initialResponse = true) =>
  v.mechanism.create({ username: 'user', secret: new Secret(password) }, { initialResponse, nonce: v.nonce });

for (const v of vectors) {
  test(`SASL ${v.mechanism.name}: the RFC test vector, exchange for exchange, and the server signature verifies`, () => {
    const ex = start(v);
    assert.equal(ex.start().wire, `AUTH ${v.mechanism.name} ${b64(`n,,n=user,r=${v.nonce}`)}`);
    assert.equal(ex.complete(), false);
    const final = ex.respond(b64(v.serverFirst));
    assert.equal(unb64(sent(final)), v.clientFinal);
    assert.equal(final.line.secret, undefined, 'the proof is not the password');
    assert.match(final.line.redacted, /p=\[redacted proof\]/);
    assert.ok(!final.line.redacted.includes(v.clientFinal.split('p=')[1] ?? '?'));
    assert.equal(ex.complete(), true);
    assert.equal(sent(ex.respond(b64(v.serverFinal))), '', 'the server-final message is answered with an empty line');
    assert.equal(ex.details().serverSignature, 'verified');
  });

  test(`SASL ${v.mechanism.name}: without initial response the client-first answers the empty 334`, () => {
    const ex = start(v, 'pencil', false);
    assert.equal(ex.start().wire, `AUTH ${v.mechanism.name}`);
    assert.equal(unb64(sent(ex.respond(''))), `n,,n=user,r=${v.nonce}`);
    assert.equal(unb64(sent(ex.respond(b64(v.serverFirst)))), v.clientFinal);
  });

  test(`SASL ${v.mechanism.name}: a server that cannot prove the password is cancelled and recorded`, () => {
    const ex = start(v, 'not-pencil');
    ex.start();
    ex.respond(b64(v.serverFirst));
    const step = ex.respond(b64(v.serverFinal));
    assert.equal(step.kind, 'cancel');
    assert.equal(ex.details().serverSignature, 'mismatch');
    assert.equal(ex.details().scram, 'server-signature');
  });

  test(`SASL ${v.mechanism.name}: no signature is claimed before the server sends one`, () => {
    const ex = start(v);
    ex.start();
    ex.respond(b64(v.serverFirst));
    assert.equal(ex.details().serverSignature, undefined);
  });
}

const v256 = vectors[1] as Vector;
const cases: [string, string, string][] = [
  ['a nonce that does not extend ours', 'r=someoneelse123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096', 'nonce-mismatch'],
  ['a nonce equal to ours', `r=${v256.nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`, 'nonce-mismatch'],
  ['too few iterations', `r=${v256.nonce}xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095`, 'iterations-too-low'],
  ['absurdly many iterations', `r=${v256.nonce}xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=999999999`, 'iterations-too-high'],
  ['no salt', `r=${v256.nonce}xyz,i=4096`, 'malformed-challenge'],
  ['a salt that is not base64', `r=${v256.nonce}xyz,s=!!,i=4096`, 'malformed-challenge'],
  ['no iteration count', `r=${v256.nonce}xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==`, 'malformed-challenge'],
  ['a mandatory extension', `m=ext,r=${v256.nonce}xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`, 'malformed-challenge'],
  ['a server error', 'e=unknown-user', 'server-error'],
];
for (const [what, serverFirst, detail] of cases)
  test(`SASL SCRAM-SHA-256: ${what} is cancelled (${detail})`, () => {
    const ex = start(v256);
    ex.start();
    const step = ex.respond(b64(serverFirst));
    assert.equal(step.kind, 'cancel');
    assert.equal(step.line.wire, '*');
    assert.equal(ex.details().scram, detail);
    assert.equal(ex.complete(), false, 'no proof was sent');
  });

test('SASL SCRAM: the server error is kept in details()', () => {
  const ex = start(v256);
  ex.start();
  ex.respond(b64('e=invalid-proof'));
  assert.equal(ex.details().serverError, 'invalid-proof');
});

test('SASL SCRAM: "=" and "," in the user name are escaped (RFC 5802 §5.1)', () => {
  assert.equal(escapeSaslName('a=b,c'), 'a=3Db=2Cc');
  const ex = scramSha256.create({ username: 'a=b,c', secret: new Secret('x') }, { initialResponse: true, nonce: 'N' });
  assert.equal(unb64(ex.start().wire.split(' ')[2] ?? ''), 'n,,n=a=3Db=2Cc,r=N');
});

test('SASLprep (RFC 4013): maps spaces and soft hyphens, normalizes NFKC, rejects what is prohibited', () => {
  assert.deepEqual(saslPrep('I\u00ADX'), { ok: true, value: 'IX' });
  assert.deepEqual(saslPrep('user'), { ok: true, value: 'user' });
  assert.deepEqual(saslPrep('USER'), { ok: true, value: 'USER' });
  assert.deepEqual(saslPrep('\u00AA'), { ok: true, value: 'a' });
  assert.deepEqual(saslPrep('\u2168'), { ok: true, value: 'IX' });
  assert.deepEqual(saslPrep('a\u00A0b'), { ok: true, value: 'a b' });
  assert.equal(saslPrep('\u0007').ok, false);
  assert.equal(saslPrep('a\uE000').ok, false, 'private use');
  assert.equal(saslPrep('\u0627\u0031').ok, false, 'RandALCat must end the string');
  assert.equal(saslPrep('\u0627a\u0627').ok, false, 'no L with RandALCat');
  assert.equal(saslPrep('\u0627\u0031\u0628').ok, true);
});

test('SASL SCRAM: a password SASLprep prohibits is an input error before anything is sent', () => {
  assert.throws(
    () => scramSha256.create({ username: 'u', secret: new Secret('bad\u0007pw') }, { initialResponse: true }),
    (e: Error) => /SASLprep/.test(e.message) && !e.message.includes('bad\u0007pw'),
  );
});

test('SASL SCRAM: random nonces differ and hold no comma', () => {
  const nonces = [1, 2, 3].map(() =>
    unb64(
      scramSha256
        .create({ username: 'u', secret: new Secret('p') }, { initialResponse: true })
        .start()
        .wire.split(' ')[2] ?? '',
    ),
  );
  assert.equal(new Set(nonces).size, 3);
  for (const n of nonces) assert.match(n, /^n,,n=u,r=[^,]{24}$/);
});
