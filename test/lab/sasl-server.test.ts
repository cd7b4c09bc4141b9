import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeOauthbearer, decodeXoauth2 } from '../../src/lab/sasl-server.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('lab SASL server: OAUTHBEARER (RFC 7628)', () => {
  const good: [string, string, { username: string; token: string }][] = [
    [
      'the GS2 form with host and port',
      'n,a=carol@lab.test,\x01host=smtp.gmail.com\x01port=587\x01auth=Bearer ya29.t\x01\x01',
      { username: 'carol@lab.test', token: 'ya29.t' },
    ],
    ['no host or port', 'n,a=carol@lab.test,\x01auth=Bearer tok\x01\x01', { username: 'carol@lab.test', token: 'tok' }],
    ['no a= (the token names the user)', 'n,,\x01auth=Bearer tok\x01\x01', { username: '', token: 'tok' }],
    ['=2C and =3D in the user name', 'n,a=a=2Cb=3Dc,\x01auth=Bearer tok\x01\x01', { username: 'a,b=c', token: 'tok' }],
    ['"bearer" in lower case', 'y,a=u,\x01auth=bearer tok\x01\x01', { username: 'u', token: 'tok' }],
  ];
  for (const [what, text, value] of good)
    test(`lab: OAUTHBEARER reads ${what}`, () => assert.deepEqual(decodeOauthbearer(b64(text)), { ok: true, value }));

  const bad: [string, string][] = [
    ['no GS2 header', '\x01auth=Bearer tok\x01\x01'],
    ['no auth=', 'n,a=u,\x01host=h\x01\x01'],
    ['no final ^A', 'n,a=u,\x01auth=Bearer tok\x01'],
    ['a stray = escape in the user name', 'n,a=a=41,\x01auth=Bearer tok\x01\x01'],
    ['an XOAUTH2 message', 'user=u\x01auth=Bearer tok\x01\x01'],
    ['an empty bearer', 'n,a=u,\x01auth=Bearer \x01\x01'],
  ];
  for (const [what, text] of bad)
    test(`lab: OAUTHBEARER refuses ${what} as malformed`, () =>
      assert.deepEqual(decodeOauthbearer(b64(text)), { ok: false, reason: 'malformed' }));

  test('lab: OAUTHBEARER refuses text that is not base64', () =>
    assert.deepEqual(decodeOauthbearer('not base64!'), { ok: false, reason: 'bad-base64' }));

  test('lab: an OAUTHBEARER message is not an XOAUTH2 one', () =>
    assert.deepEqual(decodeXoauth2(b64('n,a=u,\x01auth=Bearer tok\x01\x01')), { ok: false, reason: 'malformed' }));
});
