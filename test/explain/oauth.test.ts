// explain on OAuth text: token endpoint errors, AADSTS codes, nodemailer's refresh failure, decoded challenges, M365.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../src/library/explain.js';

const first = (text: string): string => {
  const f = explain(text).findings[0];
  assert.ok(f, 'no finding');
  return `${f.id}/${f.detail ?? ''}`;
};

const cases: [string, string, string][] = [
  [
    'Microsoft’s AADSTS70008 in the token endpoint’s JSON',
    '{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.","error_codes":[70008]}',
    'oauth-token-rejected/refresh-invalid-grant',
  ],
  [
    'Google’s "Token has been expired or revoked." (the 7-day Testing expiry among its causes)',
    "google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})",
    'oauth-token-rejected/refresh-testing-app',
  ],
  [
    'invalid_client with AADSTS7000215',
    'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID',
    'oauth-token-rejected/refresh-invalid-client',
  ],
  [
    'invalid_scope',
    '{"error":"invalid_scope","error_description":"AADSTS70011: The provided value for the input parameter \'scope\' is not valid."}',
    'oauth-token-rejected/refresh-invalid-scope',
  ],
  [
    'unauthorized_client',
    '{"error":"unauthorized_client","error_description":"Client is unauthorized for this grant type"}',
    'oauth-token-rejected/refresh-unauthorized-client',
  ],
  [
    'nodemailer’s refused refresh (invalid_request): a refresh failure, not credentials-rejected',
    "Error: invalid_request\n    at /app/node_modules/nodemailer/lib/xoauth2/index.js:272:33 {\n  code: 'EAUTH',\n  command: 'AUTH XOAUTH2'\n}",
    'oauth-token-rejected/refresh-failed',
  ],
  [
    'Gmail’s error challenge: decoded, its scope asked for',
    '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==',
    'oauth-token-rejected/unexplained',
  ],
];

for (const [what, text, expected] of cases)
  test(`explain oauth: ${what}`, () => {
    assert.equal(first(text), expected);
  });

test('explain oauth: the decoded challenge is quoted, and the fix asks for the scope it names', () => {
  const f = explain(
    '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==',
  ).findings[0];
  assert.ok(f);
  assert.ok(
    f.evidence.some((q) =>
      q.text.includes('decoded: {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}'),
    ),
  );
  assert.ok(f.fixes.some((x) => x.id === 'oauth.request-smtp-scope' && x.text.includes('https://mail.google.com/')));
});

test('explain oauth: Microsoft’s 535 5.7.3 after AUTH XOAUTH2 is a refused token, not a wrong password', () => {
  assert.match(
    first('C: AUTH XOAUTH2\nS: 535 5.7.3 Authentication unsuccessful [LO6P265CA0005.GBRP265.PROD.OUTLOOK.COM]'),
    /^oauth-token-rejected\//,
  );
});

test('explain oauth: an EHLO that lists only OAuth mechanisms, and a password login: OAuth-only', () => {
  assert.equal(
    first(
      'C: EHLO client\nS: 250-smtp.example.org\nS: 250-AUTH XOAUTH2 OAUTHBEARER\nS: 250 8BITMIME\nC: AUTH LOGIN\nS: 504 5.7.4 Unrecognized authentication type',
    ),
    'mechanism-unsupported/oauth-only',
  );
});
