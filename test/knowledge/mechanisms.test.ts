// SASL mechanism knowledge: which mechanism to suggest for which kind of secret, and that each fact has a source.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  definesNoCharset,
  historicMechanism,
  MECHANISMS,
  offersOnlyUncommonMechanisms,
  suggestMechanism,
} from '../../src/knowledge/mechanisms.js';

describe('mechanisms', () => {
  test('mechanisms: every one has a source, and each name is listed once', () => {
    for (const m of MECHANISMS) assert.ok(m.sources.length > 0, m.name);
    assert.equal(new Set(MECHANISMS.map((m) => m.name)).size, MECHANISMS.length);
  });

  const cases: [string, readonly string[], string | undefined, 'password' | 'token' | null, string | undefined][] = [
    ['a password: PLAIN first', ['LOGIN', 'PLAIN', 'XOAUTH2'], undefined, 'password', 'PLAIN'],
    ['a password, PLAIN already tried: LOGIN', ['PLAIN', 'LOGIN'], 'PLAIN', 'password', 'LOGIN'],
    ['an unknown secret is taken for a password', ['CRAM-MD5', 'XOAUTH2'], undefined, null, 'CRAM-MD5'],
    ['a password and only token mechanisms: none', ['XOAUTH2', 'OAUTHBEARER'], undefined, 'password', undefined],
    ['a token: XOAUTH2 before OAUTHBEARER', ['OAUTHBEARER', 'XOAUTH2', 'PLAIN'], undefined, 'token', 'XOAUTH2'],
    ['a token, XOAUTH2 already tried: OAUTHBEARER', ['OAUTHBEARER', 'XOAUTH2'], 'XOAUTH2', 'token', 'OAUTHBEARER'],
    ['a token and only password mechanisms: none', ['PLAIN', 'LOGIN'], undefined, 'token', undefined],
    ['mechanisms nobody suggests (NTLM, GSSAPI): none', ['NTLM', 'GSSAPI'], undefined, 'password', undefined],
  ];
  for (const [what, offered, used, credential, expected] of cases)
    test(`mechanisms: ${what}`, () => assert.equal(suggestMechanism(offered, used, credential), expected));
});

test('mechanisms: DIGEST-MD5 is known as historic (RFC 6331); SCRAM defines UTF-8 and is not historic', () => {
  assert.match(historicMechanism('digest-md5') ?? '', /rfc6331/);
  assert.equal(historicMechanism('SCRAM-SHA-256'), undefined);
  assert.equal(historicMechanism(undefined), undefined);
  assert.equal(definesNoCharset('SCRAM-SHA-256'), false);
  assert.equal(suggestMechanism(['SCRAM-SHA-256', 'DIGEST-MD5'], undefined, 'password'), 'SCRAM-SHA-256');
});

test('mechanisms: a list of only historic or uncommon mechanisms is one most clients can run none of', () => {
  assert.equal(offersOnlyUncommonMechanisms(['DIGEST-MD5']), true);
  assert.equal(offersOnlyUncommonMechanisms(['GSSAPI', 'NTLM']), true);
  assert.equal(offersOnlyUncommonMechanisms(['ntlm', 'login']), false);
  assert.equal(offersOnlyUncommonMechanisms([]), false);
});
