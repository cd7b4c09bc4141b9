// Token facts: hand-made JWTs (base64url JSON, any signature), opaque tokens, malformed and huge input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DECODED_TOKEN_CHARS, tokenFacts } from '../../src/protocol/jwt.js';

const part = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const jwt = (payload: unknown, header: unknown = { alg: 'RS256', typ: 'JWT' }, signature = 'c2lnbmF0dXJl'): string =>
  `${part(header)}.${part(payload)}.${signature}`;

const GOOGLE_PREFIXES = ['ya29.', '1//'];

test('token facts: a Microsoft delegated access token gives its audience, scopes, user, times, issuer and app', () => {
  const token = jwt({
    aud: 'https://outlook.office.com',
    scp: 'SMTP.Send offline_access',
    upn: 'alice@contoso.test',
    unique_name: 'other@contoso.test',
    exp: 1_800_000_000,
    iat: 1_799_996_400,
    nbf: 1_799_996_400.7,
    iss: 'https://sts.windows.net/tid-1/',
    tid: 'tid-1',
    appid: 'app-1',
    idtyp: 'user',
  });
  const facts = tokenFacts(token, GOOGLE_PREFIXES);
  assert.deepEqual(facts, {
    format: 'jwt',
    prefix: 'eyJ',
    length: token.length,
    claims: {
      aud: 'https://outlook.office.com',
      scp: 'SMTP.Send offline_access',
      user: 'alice@contoso.test',
      exp: 1_800_000_000,
      iat: 1_799_996_400,
      nbf: 1_799_996_400,
      iss: 'https://sts.windows.net/tid-1/',
      tid: 'tid-1',
      appid: 'app-1',
      idtyp: 'user',
    },
  });
});

test('token facts: an app-only token gives its roles; azp stands for appid; the user falls back in order', () => {
  const app = tokenFacts(jwt({ aud: ['https://outlook.office365.com', 'x'], roles: ['SMTP.SendAsApp', 7], azp: 'a' }));
  assert.deepEqual(app.claims, { aud: ['https://outlook.office365.com', 'x'], roles: ['SMTP.SendAsApp'], appid: 'a' });
  assert.equal(tokenFacts(jwt({ unique_name: 'u1', email: 'e' })).claims?.user, 'u1');
  assert.equal(tokenFacts(jwt({ preferred_username: 'p', email: 'e' })).claims?.user, 'p');
  assert.equal(tokenFacts(jwt({ email: 'e' })).claims?.user, 'e');
});

test('token facts: an RFC 9068 header typ names the kind when the payload does not; "JWT" says nothing', () => {
  assert.equal(tokenFacts(jwt({}, { alg: 'RS256', typ: 'at+jwt' })).claims?.idtyp, 'at+jwt');
  assert.equal(tokenFacts(jwt({}, { alg: 'RS256', typ: 'JWT' })).claims?.idtyp, undefined);
});

test('token facts: claims of the wrong type are left out, not coerced', () => {
  const facts = tokenFacts(jwt({ aud: 5, scp: { a: 1 }, roles: 'SMTP.SendAsApp', upn: null, exp: '1800000000' }));
  assert.deepEqual(facts.claims, {});
});

test('token facts: opaque Google tokens keep their prefix (access ya29., refresh 1//) and their length', () => {
  assert.deepEqual(tokenFacts('ya29.a0AfH6SMBx-opaque', GOOGLE_PREFIXES), {
    format: 'opaque',
    prefix: 'ya29.',
    length: 22,
  });
  assert.equal(tokenFacts('1//0gAbCdEf', GOOGLE_PREFIXES).prefix, '1//');
  assert.equal(tokenFacts('1//0gAbCdEf').prefix, undefined, 'prefixes come from the caller (knowledge)');
  assert.deepEqual(tokenFacts('opaque-token'), { format: 'opaque', length: 12 });
});

test('token facts: malformed JWT-looking input is opaque and never throws', () => {
  const header = part({ alg: 'none' });
  const cases = [
    '',
    '.',
    '..',
    `${header}.`,
    `${header}..sig`,
    `${header}.${part({ a: 1 })}`,
    `${header}.${part({ a: 1 })}.sig.extra`,
    `${header}.${part([1, 2])}.sig`,
    `${header}.${part('text')}.sig`,
    `${header}.bm90IGpzb24.sig`,
    `${part(null)}.${part({})}.sig`,
    `${header}.${part({})}.s+g/`,
    `${header}.e30=.sig`,
    'eyJ.eyJ.eyJ',
    '\u0000\u0001.\u0002.\u0003',
  ];
  for (const token of cases) {
    const facts = tokenFacts(token);
    assert.equal(facts.format, 'opaque', JSON.stringify(token));
    assert.equal(facts.claims, undefined);
    assert.equal(facts.length, token.length);
  }
  // An empty signature is a JWT all the same (alg none): the claims are read, not trusted.
  assert.equal(tokenFacts(`${header}.${part({ scp: 'x' })}.`).claims?.scp, 'x');
});

test('token facts: a token over the bound is not decoded; long claims and lists are cut', () => {
  const huge = jwt({ scp: 'SMTP.Send', pad: 'x'.repeat(MAX_DECODED_TOKEN_CHARS) });
  assert.ok(huge.length > MAX_DECODED_TOKEN_CHARS);
  assert.deepEqual(tokenFacts(huge), { format: 'opaque', prefix: 'eyJ', length: huge.length });
  const wide = tokenFacts(jwt({ upn: 'u'.repeat(5000), roles: Array.from({ length: 100 }, (_, i) => `r${i}`) }));
  const claims = wide.claims ?? {};
  assert.equal(claims.user?.length, 256);
  assert.equal(claims.roles?.length, 32);
});

test('token facts: the result never holds the token or its signature', () => {
  const token = jwt({ aud: 'https://outlook.office.com' }, undefined, 'U0VDUkVUX1NJR05BVFVSRQ');
  const text = JSON.stringify(tokenFacts(token));
  assert.ok(!text.includes(token));
  assert.ok(!text.includes('U0VDUkVUX1NJR05BVFVSRQ'));
});
