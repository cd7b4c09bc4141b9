// Token endpoint exchange against a tiny node:http endpoint on 127.0.0.1: success, the providers' refusals, HTML, a
// redirect, a hang, an oversized answer — each an outcome, none holding a secret.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Secret } from '../../src/model/secret.js';
import {
  isLoopbackHost,
  MAX_TOKEN_RESPONSE_BYTES,
  recordedUrl,
  requestToken,
  type TokenRequest,
} from '../../src/transport/token-endpoint.js';

const REFRESH = '1//0gRefresh-T0ken_for+tests/xyz';
const CLIENT_SECRET = 'GOCSPX-client+secret/for_tests';
const ACCESS = 'ya29.Access-T0ken_for+tests/abc';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const handlers = new Map<string, Handler>();
const received: { path: string; body: string; contentType: string | undefined }[] = [];
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      received.push({ path, body, contentType: req.headers['content-type'] });
      const handler = handlers.get(path);
      if (handler) handler(req, res, body);
      else json(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function request(path: string, extra: Partial<TokenRequest> = {}): ReturnType<typeof requestToken> {
  return requestToken({
    url: `${base}${path}`,
    grant: 'refresh_token',
    refreshToken: new Secret(REFRESH, 'token'),
    clientId: 'client-1.apps.example',
    clientSecret: new Secret(CLIENT_SECRET),
    scope: 'https://mail.google.com/',
    timeoutMs: 3_000,
    ...extra,
  });
}

/** No form of any of the three secrets in what the exchange records. */
function assertNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of [REFRESH, CLIENT_SECRET, ACCESS]) {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])
      assert.ok(!text.includes(form), `${form} in ${text}`);
    assert.ok(!text.includes(secret.slice(5, 15)), `a piece of ${secret.slice(0, 4)}… in ${text}`);
  }
}

test('token endpoint: success posts the refresh form and returns the access token apart from the outcome', async () => {
  handlers.set('/ok', (_req, res) =>
    json(res, 200, {
      access_token: ACCESS,
      expires_in: 3599,
      scope: 'https://mail.google.com/',
      token_type: 'Bearer',
      refresh_token: 'rotated',
    }),
  );
  const before = received.length;
  const { outcome, accessToken } = await request('/ok?x=1');
  assert.equal(accessToken?.reveal(), ACCESS);
  assert.equal(accessToken.kind, 'token');
  assert.equal(outcome.ok, true);
  assert.equal(outcome.status, 200);
  assert.equal(outcome.grant, 'refresh_token');
  assert.equal(outcome.scopeGranted, 'https://mail.google.com/');
  assert.equal(outcome.expiresIn, 3599);
  assert.equal(outcome.tokenType, 'Bearer');
  assert.equal(outcome.url, `${base}/ok`, 'the query is not recorded');
  assert.ok(outcome.ms >= 0);
  assertNoSecret(outcome);
  const got = received[before];
  assert.equal(got?.contentType, 'application/x-www-form-urlencoded');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(got.body)), {
    grant_type: 'refresh_token',
    refresh_token: REFRESH,
    client_id: 'client-1.apps.example',
    client_secret: CLIENT_SECRET,
    scope: 'https://mail.google.com/',
  });
});

test('token endpoint: client credentials send no refresh token', async () => {
  handlers.set('/cc', (_req, res) =>
    json(res, 200, { access_token: ACCESS, expires_in: '3600', token_type: 'Bearer' }),
  );
  const before = received.length;
  const { outcome } = await request('/cc', {
    grant: 'client_credentials',
    scope: 'https://outlook.office365.com/.default',
  });
  assert.equal(outcome.ok, true);
  assert.equal(outcome.grant, 'client_credentials');
  assert.equal(outcome.expiresIn, 3600, 'a string expires_in is read as a number');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(received[before]?.body)), {
    grant_type: 'client_credentials',
    client_id: 'client-1.apps.example',
    client_secret: CLIENT_SECRET,
    scope: 'https://outlook.office365.com/.default',
  });
});

test("token endpoint: Google's invalid_grant is recorded with its text", async () => {
  handlers.set('/google', (_req, res) =>
    json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }),
  );
  const { outcome, accessToken } = await request('/google');
  assert.equal(accessToken, undefined);
  assert.deepEqual(
    { ok: outcome.ok, status: outcome.status, error: outcome.error, text: outcome.errorDescription },
    { ok: false, status: 400, error: 'invalid_grant', text: 'Token has been expired or revoked.' },
  );
  assert.equal(outcome.failure, undefined);
});

test("token endpoint: Microsoft's AADSTS70008 keeps error_codes; the description is cut at 500 characters", async () => {
  const description = `AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.\r\nTrace ID: 0b1c\r\nCorrelation ID: 9f2e\r\nTimestamp: 2026-12-07 10:00:00Z ${'x'.repeat(600)}`;
  handlers.set('/microsoft', (_req, res) =>
    json(res, 400, {
      error: 'invalid_grant',
      error_description: description,
      error_codes: [70008, 'x', 1.5],
      timestamp: '2026-12-07 10:00:00Z',
    }),
  );
  const { outcome } = await request('/microsoft');
  assert.equal(outcome.error, 'invalid_grant');
  assert.deepEqual(outcome.errorCodes, [70008]);
  assert.equal(outcome.errorDescription?.length, 500);
  assert.match(outcome.errorDescription ?? '', /^AADSTS70008: The provided authorization code/);
});

test('token endpoint: an error_description that echoes the secrets is scrubbed of every one', async () => {
  handlers.set('/echo', (_req, res, body) => {
    const form = new URLSearchParams(body);
    json(res, 401, {
      error: 'invalid_client',
      error_description: `bad client ${form.get('client_secret') ?? ''} for ${form.get('refresh_token') ?? ''} (${encodeURIComponent(REFRESH)}) ${Buffer.from(CLIENT_SECRET).toString('base64')}`,
    });
  });
  const { outcome } = await request('/echo');
  assert.equal(outcome.error, 'invalid_client');
  assert.match(outcome.errorDescription ?? '', /^bad client \[redacted\] for \[redacted\]/);
  assertNoSecret(outcome);
});

test('token endpoint: an answer that repeats its own access token elsewhere keeps none of it', async () => {
  handlers.set('/repeat', (_req, res) =>
    json(res, 200, { access_token: ACCESS, scope: `https://mail.google.com/ ${ACCESS}`, token_type: ACCESS }),
  );
  const { outcome, accessToken } = await request('/repeat');
  assert.equal(accessToken?.reveal(), ACCESS);
  assert.equal(outcome.scopeGranted, 'https://mail.google.com/ [redacted]');
  assertNoSecret(outcome);
});

test('token endpoint: an HTML 500 page is an answer that is not JSON', async () => {
  handlers.set('/html', (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<html><body>Internal Server Error</body></html>');
  });
  const { outcome } = await request('/html');
  assert.deepEqual(
    { ok: outcome.ok, status: outcome.status, notJson: outcome.notJson },
    { ok: false, status: 500, notJson: { contentType: 'text/html' } },
  );
});

test('token endpoint: a 200 without an access token is a failure, not a success', async () => {
  handlers.set('/empty', (_req, res) => json(res, 200, { token_type: 'Bearer' }));
  const { outcome, accessToken } = await request('/empty');
  assert.equal(outcome.ok, false);
  assert.equal(accessToken, undefined);
  assert.equal(outcome.failure?.code, 'no-access-token');
});

test('token endpoint: a redirect is refused, and the secrets never reach where it points', async () => {
  handlers.set('/moved', (_req, res) => {
    res.writeHead(307, { location: `${base}/elsewhere` });
    res.end();
  });
  handlers.set('/elsewhere', (_req, res) => json(res, 200, { access_token: ACCESS }));
  const { outcome, accessToken } = await request('/moved');
  assert.equal(accessToken, undefined);
  assert.equal(outcome.ok, false);
  assert.equal(outcome.failure?.code, 'redirect');
  assert.ok(!received.some((r) => r.path === '/elsewhere'));
});

test('token endpoint: an endpoint that never answers is a timeout within the bound', async () => {
  handlers.set('/hang', () => undefined);
  const started = performance.now();
  const { outcome } = await request('/hang', { timeoutMs: 300 });
  assert.equal(outcome.failure?.code, 'timeout');
  assert.ok(performance.now() - started < 5_000, 'bounded');
});

test('token endpoint: an answer that stalls midway is a timeout too, with the status it had', async () => {
  handlers.set('/stall', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"access_token":');
  });
  const { outcome } = await request('/stall', { timeoutMs: 300 });
  assert.equal(outcome.status, 200);
  assert.equal(outcome.failure?.code, 'timeout');
});

test('token endpoint: an answer over the cap is not read further', async () => {
  handlers.set('/big', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"access_token":"${'a'.repeat(MAX_TOKEN_RESPONSE_BYTES + 10)}"}`);
  });
  const { outcome, accessToken } = await request('/big');
  assert.equal(accessToken, undefined);
  assert.equal(outcome.failure?.code, 'too-large');
});

test('token endpoint: a refused connection is a failure with Node’s code', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const { outcome } = await requestToken({
    url: `http://127.0.0.1:${port}/token`,
    grant: 'refresh_token',
    refreshToken: new Secret(REFRESH, 'token'),
    clientId: 'c',
    timeoutMs: 2_000,
  });
  assert.equal(outcome.failure?.code, 'ECONNREFUSED');
  assertNoSecret(outcome);
});

test('token endpoint: http to a host other than loopback is never sent, whatever the caller checked', async () => {
  const { outcome } = await requestToken({
    url: 'http://token.example.test/token',
    grant: 'refresh_token',
    refreshToken: new Secret(REFRESH, 'token'),
    clientId: 'c',
    timeoutMs: 2_000,
  });
  assert.equal(outcome.failure?.code, 'insecure-url');
  const withUser = await requestToken({
    url: `${base}/ok`.replace('http://', 'http://user:pass@'),
    grant: 'refresh_token',
    refreshToken: new Secret(REFRESH, 'token'),
    clientId: 'c',
    timeoutMs: 2_000,
  });
  assert.equal(withUser.outcome.failure?.code, 'bad-url');
  assert.ok(!JSON.stringify(withUser.outcome).includes('user:pass'));
});

test('token endpoint: the recorded URL drops user info, query and fragment; loopback hosts are known', () => {
  assert.equal(recordedUrl('https://u:p@login.example/t/token?code=1#f'), 'https://login.example/t/token');
  assert.equal(recordedUrl('::'), '(not a URL)');
  for (const host of ['127.0.0.1', '127.8.9.10', '[::1]', '::1', 'localhost', 'LOCALHOST'])
    assert.equal(isLoopbackHost(host), true, host);
  for (const host of ['128.0.0.1', 'localhost.example', '10.0.0.1', '127.0.0.1.nip.io'])
    assert.equal(isLoopbackHost(host), false, host);
});
