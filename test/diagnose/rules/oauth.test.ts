// oauth rule: token refusals told apart by the refresh result, the claims, the scope and the user; OAuth-only servers;
// Microsoft 365's Basic-auth retirement cited where a password login is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { diagnose } from '../../../src/diagnose/index.js';
import { oauth } from '../../../src/diagnose/rules/oauth.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { OAuthEvidence, RefreshOutcome, TokenClaims } from '../../../src/model/oauth.js';
import { caps, live, observe, pasted, secret, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const NOW = Date.parse('2026-12-07T15:00:00Z');
const CHALLENGE =
  '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==';
const GMAIL_535 =
  '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp';
const M365_535 = '535 5.7.3 Authentication unsuccessful [LO6P265CA0005.GBRP265.PROD.OUTLOOK.COM]';

const gmail: SessionSpec = {
  host: 'smtp.gmail.com',
  port: 587,
  security: 'starttls',
  until: { auth: GMAIL_535, mechanism: 'XOAUTH2', errorChallenge: CHALLENGE },
};
const m365: SessionSpec = {
  host: 'smtp.office365.com',
  port: 587,
  security: 'starttls',
  until: { auth: M365_535, mechanism: 'XOAUTH2' },
};
const m365Ok: SessionSpec = { ...m365, until: { auth: '235 2.7.0 Authentication successful', mechanism: 'XOAUTH2' } };

const credentials = { username: 'alice@example.org', secret: secret('ya29.token-value', 'token') };

function withOAuth(spec: SessionSpec, oauthEvidence: Partial<OAuthEvidence>): Evidence {
  return live(spec, [], { credentials, oauth: { source: 'token', checkedAt: NOW, ...oauthEvidence } });
}

function refused(refresh: Partial<RefreshOutcome>, preset: 'google' | 'microsoft', spec: SessionSpec): Evidence {
  return withOAuth(spec, {
    source: 'refresh',
    preset,
    scopeRequested:
      preset === 'google' ? 'https://mail.google.com/' : 'https://outlook.office.com/SMTP.Send offline_access',
    refresh: {
      url:
        preset === 'google'
          ? 'https://oauth2.googleapis.com/token'
          : 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      grant: 'refresh_token',
      ok: false,
      status: 400,
      ms: 20,
      ...refresh,
    },
  });
}

const good: TokenClaims = {
  aud: 'https://outlook.office.com',
  scp: 'SMTP.Send',
  user: 'alice@example.org',
  exp: NOW / 1000 + 1800,
};
const jwt = (claims: TokenClaims): OAuthEvidence['token'] => ({ format: 'jwt', length: 1500, claims });

export const cases: RuleCase[] = [
  [
    'Microsoft: invalid_grant with AADSTS70008 — the refresh token expired from inactivity',
    refused(
      {
        error: 'invalid_grant',
        errorDescription:
          'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
        errorCodes: [70008],
      },
      'microsoft',
      { ...m365, until: { connected: true } },
    ),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'refresh-invalid-grant',
        confidence: 'high',
        fixes: ['oauth.new-refresh-token', 'oauth.same-app'],
        deadEnds: ['new-client-secret', 'retry-same-token'],
        says: /AADSTS70008 means the refresh token expired because it was not used/,
      },
    ],
  ],
  [
    'Microsoft: AADSTS50076 — multi-factor authentication asks for an interactive sign-in',
    refused({ error: 'invalid_grant', errorCodes: [50076] }, 'microsoft', { ...m365, until: { connected: true } }),
    [{ id: 'oauth-token-rejected', detail: 'refresh-invalid-grant', fixes: ['oauth.sign-in-interactively'] }],
  ],
  [
    'Google: "Token has been expired or revoked." — the 7-day Testing-status expiry is a reading, medium',
    refused({ error: 'invalid_grant', errorDescription: 'Token has been expired or revoked.' }, 'google', {
      ...gmail,
      until: { connected: true },
    }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'refresh-testing-app',
        confidence: 'medium',
        fixes: ['oauth.publish-app', 'oauth.new-refresh-token'],
        says: /Testing status, 7 days after/,
      },
    ],
  ],
  [
    'Microsoft: invalid_client with AADSTS7000215 — the secret is wrong',
    refused({ error: 'invalid_client', errorCodes: [7000215] }, 'microsoft', { ...m365, until: { connected: true } }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'refresh-invalid-client',
        fixes: ['oauth.check-client-secret', 'oauth.same-app'],
      },
    ],
  ],
  [
    'invalid_scope: the scope SMTP needs is named',
    refused({ error: 'invalid_scope' }, 'microsoft', { ...m365, until: { connected: true } }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'refresh-invalid-scope',
        says: /SMTP needs https:\/\/outlook\.office\.com\/SMTP\.Send/,
      },
    ],
  ],
  [
    'unauthorized_client: the app may not use the grant',
    refused({ error: 'unauthorized_client' }, 'google', { ...gmail, until: { connected: true } }),
    [{ id: 'oauth-token-rejected', detail: 'refresh-unauthorized-client', says: /refresh_token grant/ }],
  ],
  [
    'no answer from the token endpoint: refresh-failed, and no login was spent',
    refused({ failure: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' } }, 'google', {
      ...gmail,
      until: { connected: true },
    }),
    [{ id: 'oauth-token-rejected', detail: 'refresh-failed', confidence: 'high', says: /no answer \(ENOTFOUND\)/ }],
  ],
  [
    'an HTML page instead of JSON: refresh-failed',
    refused({ status: 200, notJson: { contentType: 'text/html' } }, 'google', { ...gmail, until: { connected: true } }),
    [{ id: 'oauth-token-rejected', detail: 'refresh-failed', says: /text\/html instead of the JSON/ }],
  ],
  [
    'a Google refresh token sent as the access token',
    withOAuth(gmail, { preset: 'google', token: { format: 'opaque', prefix: '1//', length: 103 } }),
    [{ id: 'oauth-token-rejected', detail: 'not-an-access-token', confidence: 'high', says: /starts with 1\/\// }],
  ],
  [
    'Microsoft: a Graph token (wrong audience) — refused with the same 535 5.7.3 as a wrong password',
    withOAuth(m365, {
      preset: 'microsoft',
      token: jwt({ ...good, aud: 'https://graph.microsoft.com', scp: 'Mail.Send' }),
    }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'wrong-audience',
        confidence: 'high',
        deadEnds: ['graph-mail-send', 'retry-same-token'],
        says: /for https:\/\/graph\.microsoft\.com, not for SMTP[\s\S]*Microsoft Graph/,
      },
    ],
  ],
  [
    'precedence: a wrong audience comes before an expiry',
    withOAuth(m365, {
      preset: 'microsoft',
      token: jwt({ ...good, aud: 'https://graph.microsoft.com', exp: NOW / 1000 - 600 }),
    }),
    [{ id: 'oauth-token-rejected', detail: 'wrong-audience' }],
  ],
  [
    'Microsoft: the right audience but scp without SMTP.Send',
    withOAuth(m365, { preset: 'microsoft', token: jwt({ ...good, scp: 'Mail.Send User.Read' }) }),
    [{ id: 'oauth-token-rejected', detail: 'missing-scope', confidence: 'high', says: /"Mail\.Send User\.Read"/ }],
  ],
  [
    'Google: a token requested for gmail.send only — the scope named by the server’s challenge is the one asked for',
    withOAuth(gmail, {
      source: 'refresh',
      preset: 'google',
      scopeRequested: 'https://www.googleapis.com/auth/gmail.send',
      refresh: { url: 'https://oauth2.googleapis.com/token', grant: 'refresh_token', ok: true, ms: 10 },
      token: { format: 'opaque', prefix: 'ya29.', length: 200 },
    }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'missing-scope',
        confidence: 'medium',
        says: /SMTP needs https:\/\/mail\.google\.com\/ \(https:\/\/www\.googleapis\.com\/auth\/gmail\.send is for the Gmail API, not SMTP\)\. The server’s error challenge names https:\/\/mail\.google\.com\//,
      },
    ],
  ],
  [
    'Microsoft app-only: roles without SMTP.SendAsApp',
    withOAuth(m365, {
      source: 'refresh',
      preset: 'microsoft',
      refresh: {
        url: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
        grant: 'client_credentials',
        ok: true,
        ms: 9,
      },
      token: jwt({ aud: 'https://outlook.office365.com', roles: ['Mail.Send'], exp: NOW / 1000 + 600 }),
    }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'app-role-missing',
        fixes: ['oauth.grant-app-role', 'oauth.exchange-service-principal'],
        says: /SMTP\.SendAsApp/,
      },
    ],
  ],
  [
    'the token belongs to another user than the login',
    withOAuth(m365, { preset: 'microsoft', token: jwt({ ...good, user: 'bob@example.org' }) }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'wrong-user',
        settings: { username: 'bob@example.org' },
        says: /belongs to bob@example\.org, the login named alice@example\.org/,
      },
    ],
  ],
  [
    'an access token that expired 40 minutes before the login',
    withOAuth(m365, { preset: 'microsoft', token: jwt({ ...good, exp: NOW / 1000 - 2400 }) }),
    [{ id: 'oauth-token-rejected', detail: 'expired', confidence: 'high', says: /expired 40 min ago/ }],
  ],
  [
    'a token that looks right and is refused anyway: unexplained, with the causes Microsoft does not tell apart',
    withOAuth(m365, { preset: 'microsoft', token: jwt(good) }),
    [
      {
        id: 'oauth-token-rejected',
        detail: 'unexplained',
        confidence: 'medium',
        says: /SMTP AUTH is turned off for the mailbox or the tenant/,
      },
    ],
  ],
  ['a token the server accepted: nothing to say', withOAuth(m365Ok, { preset: 'microsoft', token: jwt(good) }), []],
  [
    'a server that offers only OAuth mechanisms, and a password: no password login can work',
    live(
      {
        host: 'smtp.example.org',
        port: 587,
        security: 'starttls',
        after: caps(['XOAUTH2', 'OAUTHBEARER']),
        until: { authSkipped: 'no offered mechanism carries a password' },
      },
      [],
      { credentials: { username: 'alice@example.org', secret: secret('hunter2') } },
    ),
    [
      {
        id: 'mechanism-unsupported',
        detail: 'oauth-only',
        confidence: 'high',
        fixes: ['oauth.use-token-flags', 'oauth.client-oauth'],
        says: /offers only XOAUTH2 and OAUTHBEARER/,
      },
    ],
  ],
  [
    'a server offering a password mechanism too is not OAuth-only',
    live({ port: 587, security: 'starttls', after: caps(['XOAUTH2', 'PLAIN']), until: { auth: '535 5.7.8 Bad' } }, [], {
      credentials: { username: 'alice@example.org', secret: secret('hunter2') },
    }),
    [],
  ],
  [
    'pasted: Microsoft’s AADSTS70008 with invalid_grant',
    pasted([
      observe.message(
        'oauth-endpoint-error',
        '{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity."}',
        'auth',
      ),
      observe.message(
        'oauth-aadsts-code',
        '{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity."}',
        'auth',
      ),
    ]),
    [{ id: 'oauth-token-rejected', detail: 'refresh-invalid-grant', says: /AADSTS70008 means/ }],
  ],
  [
    'pasted: a bare "could not refresh" without the endpoint’s code is left to the client-side rule',
    pasted([observe.message('oauth-token-refresh-failed', "Can't create new access token for user", 'auth')]),
    [],
  ],
  [
    'pasted: the client says the server answered its token with an error challenge (Jakarta Mail), none shown',
    pasted([
      observe.message(
        'oauth-token-refused',
        'jakarta.mail.AuthenticationFailedException: OAUTH2 asked for more',
        'auth',
      ),
    ]),
    [{ id: 'oauth-token-rejected', detail: 'unexplained', says: /The server refused the OAuth token/ }],
  ],
  [
    'pasted: a refresh failure the endpoint explains wins over the client’s "token refused"',
    pasted([
      observe.message('oauth-token-refused', 'OAUTH2 asked for more', 'auth'),
      observe.message('oauth-endpoint-error', '{"error":"invalid_client"}', 'auth'),
    ]),
    [{ id: 'oauth-token-rejected', detail: 'refresh-invalid-client' }],
  ],
  [
    'Microsoft 365 refuses a password login as Basic authentication disabled: the dated statement is cited',
    live(
      {
        host: 'smtp.office365.com',
        port: 587,
        security: 'starttls',
        until: {
          auth: '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [X.prod.outlook.com]',
        },
      },
      [],
      { credentials: { username: 'alice@example.org', secret: secret('hunter2') } },
    ),
    [{ id: 'basic-auth-disabled', says: /Microsoft said on 2026-01-29 .* the end of December 2026/ }],
  ],
];

testRule(oauth, cases);

test('oauth: the claims are quoted as read without verifying the signature, from the input', () => {
  const [c] = oauth.run(
    buildContext(withOAuth(m365, { preset: 'microsoft', token: jwt({ ...good, aud: 'https://graph.microsoft.com' }) })),
  );
  assert.ok(c);
  const claims = c.finding.evidence.find((q) => q.source === 'input');
  assert.match(
    claims?.text ?? '',
    /read without verifying its signature: aud=https:\/\/graph\.microsoft\.com scp="SMTP\.Send"/,
  );
  assert.ok(c.finding.evidence.some((q) => q.source === 'reply' && q.text.startsWith('535 5.7.3')));
});

test('oauth: with the signature reading of the same reply, one finding comes first — the precise one', () => {
  const findings = diagnose(
    withOAuth(m365, { preset: 'microsoft', token: jwt({ ...good, aud: 'https://graph.microsoft.com' }) }),
  );
  const token = findings.filter((f) => f.id === 'oauth-token-rejected');
  assert.equal(token.length, 1, findings.map((f) => `${f.id}/${f.detail ?? ''}`).join(', '));
  const first = findings[0];
  assert.ok(first);
  assert.equal(first.detail, 'wrong-audience');
  assert.equal(first.signature, 'microsoft365.authentication-unsuccessful');
  assert.equal(first.fixes[0]?.id, 'oauth.request-smtp-scope');
});

test('oauth: Gmail’s error challenge is quoted decoded, and the finding is the precise one', () => {
  const findings = diagnose(
    withOAuth(gmail, { preset: 'google', token: { format: 'opaque', prefix: '1//', length: 103 } }),
  );
  const first = findings[0];
  assert.equal(`${first?.id}/${first?.detail}`, 'oauth-token-rejected/not-an-access-token');
  const quote = first?.evidence.find((q) => q.text.startsWith('334 '));
  assert.equal(
    quote?.text.split('\n')[1],
    'decoded: {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}',
  );
  assert.equal(findings.filter((f) => f.id === 'oauth-token-rejected').length, 1);
});

test('oauth: a refresh refused before any login still fails the verdict', () => {
  const findings = diagnose(
    refused({ error: 'invalid_grant', errorCodes: [70008] }, 'microsoft', { ...m365, until: { connected: true } }),
  );
  assert.equal(`${findings[0]?.id}/${findings[0]?.detail}`, 'oauth-token-rejected/refresh-invalid-grant');
  assert.equal(findings[0]?.severity, 'error');
});
