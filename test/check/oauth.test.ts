// check with OAuth: a token given, a refresh at a local token endpoint (127.0.0.1), the Gmail persona taking the token;
// a refused refresh makes no login; the token's facts and the endpoint's answer are on the evidence, no secret anywhere.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { check, type CheckOptions } from '../../src/check/check.js';
import { planOAuth } from '../../src/check/oauth.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startLab, type Lab, type LabLogEvent } from '../../src/lab/index.js';
import { UsageError } from '../../src/model/errors.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { reportSchema } from '../../src/report/schema.js';
import { labCertificates } from '../helpers/certs.js';

const USER = 'carol@lab.test';
const ACCESS = 'ya29.Lab-Access_T0ken+for/oauth-tests';
const REFRESH = '1//0gLab-Refresh_T0ken+for/oauth-tests';
const CLIENT_SECRET = 'GOCSPX-lab_client+secret/oauth';
const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A hand-made Microsoft-style access token (the signature is arbitrary: nothing verifies it). */
const JWT = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
  aud: 'https://outlook.office.com',
  scp: 'SMTP.Send',
  upn: 'dave@lab.test',
  exp: 1_900_000_000,
})}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;

let certs: LabCertificates;
let gmail: Lab;
const log: LabLogEvent[] = [];
let endpoint: Server;
let tokenUrl: string;
/** What the endpoint answers next: status and JSON body (or a raw string). */
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const posted: URLSearchParams[] = [];

before(async () => {
  certs = await labCertificates();
  gmail = await startLab({
    persona: 'gmail',
    accounts: [
      { username: USER, token: ACCESS, flags: ['oauth-only'] },
      { username: 'dave@lab.test', token: JWT, flags: ['oauth-only'] },
    ],
    certificates: certs,
    log: (e) => log.push(e),
  });
  endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      posted.push(new URLSearchParams(body));
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/token`;
});
after(async () => {
  await gmail.close();
  endpoint.closeAllConnections();
  await new Promise((resolve) => endpoint.close(resolve));
});

function run(oauth: CheckOptions['oauth'], extra: Partial<CheckOptions> = {}): Promise<Report> {
  return check({
    host: '127.0.0.1',
    port: gmail.ports.starttls,
    security: 'starttls',
    ca: [gmail.ca],
    timeoutMs: 2_000,
    alternatives: [],
    username: USER,
    oauth,
    ...extra,
  });
}

function authLines(): string[] {
  return log.filter((e) => e.kind === 'client' && /^AUTH /i.test(e.text)).map((e) => e.text);
}

/** No form of any of the three secrets anywhere in the report; and the report is valid JSON by the schema. */
function assertNoSecret(report: Report): void {
  const text = JSON.stringify(report);
  const valid = reportSchema.safeParse(JSON.parse(text));
  assert.ok(valid.success, valid.error?.message);
  for (const secret of [ACCESS, REFRESH, CLIENT_SECRET]) {
    for (const form of [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
      Buffer.from(`user=${USER}\x01auth=Bearer ${secret}\x01\x01`).toString('base64'),
    ])
      assert.ok(!text.includes(form), `a form of ${secret.slice(0, 5)}… in the report`);
  }
}

describe('check with OAuth against the Gmail persona', () => {
  test('oauth: a token given logs in with XOAUTH2 → auth-ok; its facts are on the evidence', async () => {
    const report = await run({ token: new Secret(ACCESS, 'token'), tokenUrl: 'google' });
    assert.equal(report.findings[0]?.id, 'auth-ok', JSON.stringify(report.findings.map((f) => f.id)));
    const oauth = report.evidence.oauth;
    assert.equal(oauth?.source, 'token');
    assert.equal(oauth.preset, 'google');
    assert.deepEqual(oauth.token, { format: 'opaque', prefix: 'ya29.', length: ACCESS.length });
    assert.equal(oauth.refresh, undefined);
    assert.ok(Math.abs(oauth.checkedAt - Date.now()) < 60_000);
    assert.equal(report.evidence.target?.mechanism, 'XOAUTH2');
    assertNoSecret(report);
  });

  test('oauth: a JWT access token is described by its claims, never carried into the report', async () => {
    const report = await run({ token: new Secret(JWT, 'token') }, { username: 'dave@lab.test' });
    assert.equal(report.findings[0]?.id, 'auth-ok');
    assert.deepEqual(report.evidence.oauth?.token, {
      format: 'jwt',
      prefix: 'eyJ',
      length: JWT.length,
      claims: { aud: 'https://outlook.office.com', scp: 'SMTP.Send', user: 'dave@lab.test', exp: 1_900_000_000 },
    });
    assert.ok(!JSON.stringify(report).includes('c2lnbmF0dXJlLW5vdC1jaGVja2Vk'));
  });

  test('oauth: a refresh at the token endpoint gives the token that logs in → auth-ok', async () => {
    answer = { status: 200, body: { access_token: ACCESS, expires_in: 3599, token_type: 'Bearer' } };
    const before = posted.length;
    const report = await run({
      refreshToken: new Secret(REFRESH, 'token'),
      clientId: 'lab-client',
      clientSecret: new Secret(CLIENT_SECRET),
      tokenUrl,
      scope: 'https://mail.google.com/',
    });
    assert.equal(report.findings[0]?.id, 'auth-ok');
    const oauth = report.evidence.oauth;
    assert.equal(oauth?.source, 'refresh');
    assert.equal(oauth.refresh?.ok, true);
    assert.equal(oauth.refresh.url, tokenUrl);
    assert.equal(oauth.scopeRequested, 'https://mail.google.com/');
    assert.equal(oauth.token?.prefix, 'ya29.');
    assert.equal(posted[before]?.get('refresh_token'), REFRESH);
    assertNoSecret(report);
  });

  test('oauth: the app’s own credentials (no refresh token) ask for a client-credentials token that logs in', async () => {
    answer = { status: 200, body: { access_token: ACCESS, expires_in: 3599, token_type: 'Bearer' } };
    const before = posted.length;
    const report = await run({
      clientId: 'lab-app',
      clientSecret: new Secret(CLIENT_SECRET),
      tokenUrl,
      scope: 'https://outlook.office365.com/.default',
    });
    assert.equal(report.findings[0]?.id, 'auth-ok');
    assert.equal(report.evidence.oauth?.refresh?.grant, 'client_credentials');
    const form = posted[before];
    assert.equal(form?.get('grant_type'), 'client_credentials');
    assert.equal(form.get('refresh_token'), null);
    assert.equal(form.get('scope'), 'https://outlook.office365.com/.default');
    assertNoSecret(report);
  });

  test('oauth: a refused refresh makes no login; the session still reads EHLO; the answer is evidence, scrubbed', async () => {
    answer = {
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `Token has been expired or revoked. (${REFRESH} ${CLIENT_SECRET})`,
      },
    };
    const authsBefore = authLines().length;
    const report = await run({
      refreshToken: new Secret(REFRESH, 'token'),
      clientId: 'lab-client',
      clientSecret: new Secret(CLIENT_SECRET),
      tokenUrl,
    });
    assert.equal(authLines().length, authsBefore, 'no AUTH was sent');
    const configured = report.evidence.sessions.find((s) => s.role === 'configured')?.record;
    assert.ok(configured?.capabilities.afterTls?.auth.includes('XOAUTH2'), 'EHLO after TLS was read');
    const refresh = report.evidence.oauth?.refresh;
    assert.equal(refresh?.ok, false);
    assert.equal(refresh.error, 'invalid_grant');
    assert.match(refresh.errorDescription ?? '', /^Token has been expired or revoked\. \(\[redacted\] \[redacted\]\)$/);
    assert.equal(report.evidence.oauth?.token, undefined);
    assert.equal(report.evidence.credentials, undefined);
    assert.equal(report.evidence.target?.username, USER);
    assertNoSecret(report);
  });

  test('oauth: the exchange counts against the deadline: a hanging endpoint is cut by it', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    try {
      const started = performance.now();
      const report = await run(
        {
          refreshToken: new Secret(REFRESH, 'token'),
          clientId: 'c',
          tokenUrl: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/t`,
        },
        { timeoutMs: 10_000, deadlineMs: 1_500 },
      );
      assert.equal(report.evidence.oauth?.refresh?.failure?.code, 'timeout');
      assert.ok(performance.now() - started < 8_000);
    } finally {
      hang.closeAllConnections();
      await new Promise((resolve) => hang.close(resolve));
    }
  });

  test('oauth: the Google preset asks for https://mail.google.com/ by default; Microsoft app-only for .default', () => {
    const google = planOAuth(
      { refreshToken: new Secret('r', 'token'), clientId: 'c', tokenUrl: 'google' },
      { username: USER },
    );
    assert.deepEqual(google.kind === 'exchange' && { url: google.url, scope: google.scope, grant: google.grant }, {
      url: 'https://oauth2.googleapis.com/token',
      scope: 'https://mail.google.com/',
      grant: 'refresh_token',
    });
    const app = planOAuth(
      { clientId: 'c', clientSecret: new Secret('s'), tokenUrl: 'Microsoft', tenant: 'contoso.onmicrosoft.com' },
      { username: USER },
    );
    assert.deepEqual(
      app.kind === 'exchange' && { url: app.url, scope: app.scope, grant: app.grant, preset: app.preset },
      {
        url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
        scope: 'https://outlook.office365.com/.default',
        grant: 'client_credentials',
        preset: 'microsoft',
      },
    );
    const delegated = planOAuth(
      { refreshToken: new Secret('r', 'token'), clientId: 'c', tokenUrl: 'microsoft' },
      { username: USER },
    );
    assert.equal(
      delegated.kind === 'exchange' && delegated.url,
      'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    );
    assert.equal(
      delegated.kind === 'exchange' && delegated.scope,
      'https://outlook.office.com/SMTP.Send offline_access',
    );
    const custom = planOAuth(
      {
        refreshToken: new Secret('r', 'token'),
        clientId: 'c',
        tokenUrl: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
      },
      { username: USER },
    );
    assert.equal(custom.preset, 'microsoft', 'a URL of a known host names its preset');
  });

  test('oauth: the settings that conflict are usage errors before anything is sent', () => {
    const r = new Secret('r', 'token');
    const t = new Secret('t', 'token');
    const cases: [Parameters<typeof planOAuth>[0], Parameters<typeof planOAuth>[1], RegExp][] = [
      [{ token: t }, { username: USER, password: true }, /either a password .* or an OAuth token/],
      [{ token: t, refreshToken: r, clientId: 'c', tokenUrl: 'google' }, { username: USER }, /either an access token/],
      [{ token: t }, { username: USER, mechanism: 'PLAIN' }, /PLAIN takes a password/],
      [{ token: t }, { username: USER, mechanism: 'login' }, /LOGIN takes a password/],
      [{ refreshToken: r, tokenUrl: 'google' }, { username: USER }, /oauth.refreshToken needs oauth.clientId/],
      [{ clientId: 'c', tokenUrl: 'google' }, { username: USER }, /needs oauth.refreshToken .* or oauth.clientSecret/],
      [{ refreshToken: r, clientId: 'c' }, { username: USER }, /needs oauth.tokenUrl/],
      [
        { refreshToken: r, clientId: 'c', tokenUrl: 'google', tenant: 'x' },
        { username: USER },
        /Microsoft preset only/,
      ],
      [{ refreshToken: r, clientId: 'c', tokenUrl: 'microsoft', tenant: 'a/b' }, { username: USER }, /tenant must be/],
      [{ refreshToken: r, clientId: 'c', tokenUrl: 'not a url' }, { username: USER }, /not a URL/],
      [{ refreshToken: r, clientId: 'c', tokenUrl: 'ftp://x.test/t' }, { username: USER }, /https:\/\/ URL/],
      [{ refreshToken: r, clientId: 'c', tokenUrl: 'http://token.example.test/t' }, { username: USER }, /unencrypted/],
      [
        { refreshToken: r, clientId: 'c', tokenUrl: 'https://u:p@token.example.test/t' },
        { username: USER },
        /user name or password/,
      ],
      [
        { clientId: 'c', clientSecret: new Secret('s'), tokenUrl: 'google' },
        { username: USER },
        /google does not issue app-only/,
      ],
      [{ token: t, scope: 's' }, { username: USER }, /only used to get a token/],
      [{ token: t }, {}, /needs a user name/],
      [{}, { username: USER }, /the OAuth settings are empty/],
    ];
    for (const [settings, context, message] of cases)
      assert.throws(
        () => planOAuth(settings, context),
        (err: unknown) => err instanceof UsageError && message.test(err.message),
        String(message),
      );
    // Loopback http is allowed (tests, local proxies), and OAUTHBEARER is a token mechanism.
    assert.doesNotThrow(() =>
      planOAuth({ refreshToken: r, clientId: 'c', tokenUrl: 'http://[::1]:8080/t' }, { username: USER }),
    );
    assert.doesNotThrow(() => planOAuth({ token: t }, { username: USER, mechanism: 'oauthbearer' }));
  });

  test('oauth: a conflict from check() itself rejects with a UsageError and makes no connection', async () => {
    const before = log.length;
    await assert.rejects(
      check({
        host: '127.0.0.1',
        port: gmail.ports.starttls,
        credentials: { username: USER, secret: new Secret('pw') },
        oauth: { token: new Secret(ACCESS, 'token') },
      }),
      (err: unknown) =>
        err instanceof UsageError && /either a password/.test(err.message) && !err.message.includes(ACCESS),
    );
    assert.equal(log.length, before);
  });
});
