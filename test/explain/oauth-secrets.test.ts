// explain hides OAuth secrets in pasted text: refresh tokens (1//…), access tokens (ya29.…, JWTs), client secrets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../src/library/explain.js';

const SECRETS = [
  '1//0gAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJ',
  'GOCSPX-SuperSecretValue123',
  'ya29.a0AfH6SMBsecretsecretsecretsecret',
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlLmNvbSJ9.c2lnbmF0dXJlc2lnbmF0dXJl',
  '1//09AnotherRefreshTokenSecretValue',
  'abc~DEF.secretvalue',
];

const texts = [
  `RefreshError: invalid_grant refresh_token=${SECRETS[0]} client_secret=${SECRETS[1]} access_token=${SECRETS[2]}`,
  `invalid_grant {"access_token":"${SECRETS[2]}","refresh_token":"${SECRETS[4]}","client_secret":"${SECRETS[5]}"}`,
  `invalid_grant Authorization: Bearer ${SECRETS[3]}`,
  `AADSTS70008: expired. refreshToken: '${SECRETS[4]}', clientSecret: '${SECRETS[1]}', accessToken: '${SECRETS[2]}'`,
  `Error: invalid_grant\n    at xoauth2 (node_modules/nodemailer/lib/xoauth2/index.js:272:33)\n  token ${SECRETS[0]} and ${SECRETS[3]}`,
];

for (const [i, text] of texts.entries())
  test(`explain oauth secrets: text ${i + 1} keeps no token or client secret in the report`, () => {
    const out = JSON.stringify(explain(text));
    for (const s of SECRETS) assert.ok(!out.includes(s), `leaked ${s.slice(0, 12)}…`);
    assert.ok(!out.includes('SuperSecret') && !out.includes('anothertoken'));
  });
