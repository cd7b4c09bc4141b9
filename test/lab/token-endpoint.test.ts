import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startLab, type Lab, type LabLogEvent } from '../../src/lab/index.js';
import { labCertificates } from '../helpers/certs.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** A JWT's header and claims, read without verifying (as smtp-doctor reads them). */
function jwt(token: unknown): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  assert.equal(typeof token, 'string');
  const [header = '', payload = ''] = String(token).split('.');
  const read = (part: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: read(header), claims: read(payload) };
}

const CLIENT = { client_id: 'lab-client', client_secret: 'lab-secret' };
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe('lab token endpoint: Google', () => {
  let lab: Lab;
  let url: string;
  const log: LabLogEvent[] = [];
  before(async () => {
    lab = await startLab({
      persona: 'gmail',
      certificates: await labCertificates(),
      log: (e) => log.push(e),
      accounts: [
        'carol@lab.test refresh-token=1//lab-carol',
        'rita@lab.test refresh-token=1//lab-rita refresh-revoked',
        'tess@lab.test refresh-token=1//lab-tess testing-app',
        `gina@lab.test refresh-token=1//lab-gina grant-scope=${GMAIL_SEND}`,
        'otto@lab.test refresh-token=1//lab-otto client=other-app:other-secret',
      ],
    });
    assert.ok(lab.tokenEndpoint);
    url = lab.tokenEndpoint.url;
  });
  after(() => lab.close());

  const refresh = (token: string, extra: Record<string, string> = {}): Promise<Answer> =>
    post(url, { grant_type: 'refresh_token', refresh_token: token, ...CLIENT, ...extra });

  test('token endpoint (google): is served at /token on loopback and stands in for oauth2.googleapis.com', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/token$/);
    assert.equal(lab.tokenEndpoint?.imitates, 'https://oauth2.googleapis.com/token');
  });

  test('token endpoint (google): a good refresh gets an opaque ya29 token for https://mail.google.com/, as Google shapes it', async () => {
    const a = await refresh('1//lab-carol');
    assert.equal(a.status, 200);
    assert.deepEqual(Object.keys(a.body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.match(String(a.body.access_token), /^ya29\.lab-[\w-]{40,}$/);
    assert.equal(a.body.expires_in, 3599);
    assert.equal(a.body.scope, 'https://mail.google.com/');
    assert.equal(a.body.token_type, 'Bearer');
    assert.match(a.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(a.headers.get('cache-control'), 'no-store');
    assert.notEqual((await refresh('1//lab-carol')).body.access_token, a.body.access_token, 'each token is new');
  });

  test('token endpoint (google): client id and secret also work in an HTTP Basic header (RFC 6749 §2.3.1)', async () => {
    const basic = Buffer.from('lab-client:lab-secret').toString('base64');
    const a = await post(
      url,
      { grant_type: 'refresh_token', refresh_token: '1//lab-carol' },
      { authorization: `Basic ${basic}` },
    );
    assert.equal(a.status, 200);
  });

  const refusals: [string, () => Promise<Answer>, number, Record<string, unknown>][] = [
    [
      'a revoked refresh token',
      () => refresh('1//lab-rita'),
      400,
      { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    ],
    [
      'the refresh token of an app in Testing status (7 days old)',
      () => refresh('1//lab-tess'),
      400,
      { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    ],
    [
      'a wrong client secret',
      () => refresh('1//lab-carol', { client_secret: 'wrong' }),
      401,
      { error: 'invalid_client', error_description: 'Unauthorized' },
    ],
    [
      'an unknown client',
      () => refresh('1//lab-carol', { client_id: 'nobody' }),
      401,
      { error: 'invalid_client', error_description: 'Unauthorized' },
    ],
    [
      'a refresh token issued to another client',
      () => refresh('1//lab-otto'),
      400,
      { error: 'unauthorized_client', error_description: 'Unauthorized' },
    ],
    [
      'an unknown refresh token',
      () => refresh('1//nope'),
      400,
      { error: 'invalid_grant', error_description: 'Bad Request' },
    ],
    [
      'a scope beyond what the consent granted (gmail.send only, asks for mail.google.com)',
      () => refresh('1//lab-gina', { scope: 'https://mail.google.com/' }),
      400,
      { error: 'invalid_scope', error_description: 'Bad Request' },
    ],
    [
      'no client id',
      () => post(url, { grant_type: 'refresh_token', refresh_token: '1//lab-carol' }),
      400,
      { error: 'invalid_request', error_description: 'Could not determine client ID from request.' },
    ],
  ];
  for (const [what, ask, status, body] of refusals) {
    test(`token endpoint (google): ${what} gets Google's answer`, async () => {
      const a = await ask();
      assert.equal(a.status, status);
      assert.deepEqual(a.body, body);
    });
  }

  test('token endpoint (google): a consent for gmail.send only mints a gmail.send token when no scope is asked', async () => {
    const a = await refresh('1//lab-gina');
    assert.equal(a.status, 200);
    assert.equal(a.body.scope, GMAIL_SEND);
  });

  test('token endpoint (google): client credentials are not a Google grant', async () => {
    const a = await post(url, { grant_type: 'client_credentials', ...CLIENT });
    assert.equal(a.status, 400);
    assert.equal(a.body.error, 'unsupported_grant_type');
  });

  test('token endpoint: the log says what was asked and why it was refused, never a refresh token or a secret', async () => {
    await refresh('1//lab-rita');
    const text = log.map((e) => e.text).join('\n');
    assert.ok(
      log.some((e) => e.listener === 'token-endpoint' && /refresh token refused \(refresh-revoked\)/.test(e.text)),
    );
    for (const secret of ['1//lab-rita', '1//lab-carol', 'lab-secret', 'other-secret'])
      assert.ok(!text.includes(secret));
  });
});

describe('lab token endpoint: bounded HTTP', () => {
  let lab: Lab;
  let url: string;
  before(async () => {
    lab = await startLab({
      persona: 'gmail',
      certificates: await labCertificates(),
      accounts: ['carol@lab.test refresh-token=1//lab-carol'],
    });
    url = lab.tokenEndpoint?.url ?? '';
  });
  after(() => lab.close());

  test('token endpoint: an unknown path is a JSON 404, another method a JSON 405 with Allow: POST', async () => {
    const notFound = await fetch(url.replace('/token', '/nope'), { method: 'POST' });
    assert.equal(notFound.status, 404);
    assert.equal(((await notFound.json()) as { error: string }).error, 'not_found');
    const get = await fetch(url);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal(((await get.json()) as { error: string }).error, 'invalid_request');
  });

  test('token endpoint: a body that is not a form, or too large, is refused in JSON', async () => {
    const json = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
    const big = await post(url, { grant_type: 'refresh_token', junk: 'x'.repeat(20_000) });
    assert.equal(big.status, 413);
  });

  test('token endpoint: a body that never ends is cut off and the endpoint keeps serving', async () => {
    const port = Number(new URL(url).port);
    const answer = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/token',
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', reject);
      // Chunked, with no length: the limit is counted as the bytes arrive.
      for (let i = 0; i < 40; i++) req.write('a'.repeat(1024));
    });
    assert.equal(answer, 413);
    const ok = await post(url, { grant_type: 'refresh_token', refresh_token: '1//lab-carol', ...CLIENT });
    assert.equal(ok.status, 200);
  });

  test('token endpoint: bytes that are not HTTP get a 400 and the connection closed; the endpoint keeps serving', async () => {
    const port = Number(new URL(url).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('\x16\x03\x01 not http at all\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400 /);
    const ok = await post(url, { grant_type: 'refresh_token', refresh_token: '1//lab-carol', ...CLIENT });
    assert.equal(ok.status, 200);
  });

  test('token endpoint: garbage parameters get an OAuth error, not a crash', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '%%%&&&=\u0000grant_type',
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'unsupported_grant_type');
  });

  test('token endpoint: with a fixed port it takes the one after the SMTP listeners, or a free one when that is taken', async () => {
    const certificates = await labCertificates();
    for (let attempt = 0; ; attempt++) {
      // Hold a port Q, and ask for the SMTP listener on Q-1 (one listener on microsoft365): Q is taken.
      const blocker = http.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const q = (blocker.address() as { port: number }).port;
      let lab: Lab | undefined;
      try {
        lab = await startLab({ persona: 'microsoft365', port: q - 1, certificates, tokenEndpoint: true });
      } catch (err) {
        // Q-1 itself was taken by someone else: try other ports.
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 5) throw err;
        continue;
      } finally {
        if (!lab) await new Promise((resolve) => blocker.close(resolve));
      }
      try {
        assert.equal(lab.ports.starttls, q - 1);
        assert.ok(lab.tokenEndpoint && lab.tokenEndpoint.port !== q);
        await lab.close();
        await new Promise((resolve) => blocker.close(resolve));
        lab = await startLab({ persona: 'microsoft365', port: q - 1, certificates });
        assert.equal(lab.tokenEndpoint?.port, q);
      } finally {
        await lab.close();
        if (blocker.listening) blocker.close();
      }
      return;
    }
  });

  test('token endpoint: a lab can do without it, and personas without OAuth have none', async () => {
    const off = await startLab({ persona: 'gmail', certificates: await labCertificates(), tokenEndpoint: false });
    const plain = await startLab({ persona: 'plain', certificates: await labCertificates() });
    try {
      assert.equal(off.tokenEndpoint, undefined);
      assert.equal(plain.tokenEndpoint, undefined);
    } finally {
      await Promise.all([off.close(), plain.close()]);
    }
  });

  test('token endpoint: OAuth settings are refused where they could never work', async () => {
    const certificates = await labCertificates();
    await assert.rejects(
      startLab({ persona: 'plain', certificates, accounts: ['a@lab.test refresh-token=r'] }),
      /has no OAuth token endpoint/,
    );
    await assert.rejects(
      startLab({ persona: 'microsoft365', certificates, accounts: ['a@lab.test refresh-token=r testing-app'] }),
      /testing-app is Google's/,
    );
    await assert.rejects(
      startLab({ persona: 'gmail', certificates, accounts: ['a@lab.test app-role'] }),
      /app-role is Microsoft's/,
    );
  });
});

describe('lab token endpoint: Microsoft', () => {
  let lab: Lab;
  let url: string;
  before(async () => {
    lab = await startLab({
      persona: 'microsoft365',
      certificates: await labCertificates(),
      accounts: [
        'bob@lab.test refresh-token=lab-bob',
        'rita@lab.test refresh-token=lab-rita refresh-revoked',
        'ivy@lab.test refresh-token=lab-ivy refresh-expired',
        'dora@lab.test client=mailer:mailer-secret app-role',
        'nora@lab.test client=norole:norole-secret refresh-token=lab-nora',
      ],
    });
    url = lab.tokenEndpoint?.url ?? '';
  });
  after(() => lab.close());

  const refresh = (token: string, scope: string, extra: Record<string, string> = {}): Promise<Answer> =>
    post(url, { grant_type: 'refresh_token', refresh_token: token, scope, ...CLIENT, ...extra });
  const SMTP = 'https://outlook.office.com/SMTP.Send offline_access';

  test('token endpoint (microsoft): is served at /{tenant}/oauth2/v2.0/token', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/common\/oauth2\/v2\.0\/token$/);
    assert.equal(lab.tokenEndpoint?.imitates, 'https://login.microsoftonline.com/common/oauth2/v2.0/token');
  });

  test('token endpoint (microsoft): a delegated refresh for SMTP.Send gets a JWT for Outlook with scp, upn and expiry', async () => {
    const a = await refresh('lab-bob', SMTP);
    assert.equal(a.status, 200);
    assert.equal(a.body.token_type, 'Bearer');
    assert.equal(a.body.expires_in, 3599);
    assert.equal(a.body.scope, 'https://outlook.office.com/SMTP.Send offline_access');
    assert.equal(a.body.refresh_token, 'lab-bob', 'offline_access returns the refresh token');
    const { header, claims } = jwt(a.body.access_token);
    assert.equal(header.typ, 'JWT');
    assert.equal(claims.aud, 'https://outlook.office.com');
    assert.equal(claims.scp, 'SMTP.Send');
    assert.equal(claims.upn, 'bob@lab.test');
    assert.equal(claims.unique_name, 'bob@lab.test');
    assert.equal(claims.appid, 'lab-client');
    assert.equal(Number(claims.exp) - Number(claims.iat), 3599);
    assert.equal(claims.nbf, claims.iat);
    assert.match(String(claims.tid), /^[0-9a-f-]{36}$/);
  });

  test('token endpoint (microsoft): a Graph scope gets a token for Graph, which SMTP will refuse', async () => {
    const a = await refresh('lab-bob', 'https://graph.microsoft.com/Mail.Send');
    assert.equal(a.status, 200);
    const { claims } = jwt(a.body.access_token);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.scp, 'Mail.Send');
  });

  test('token endpoint (microsoft): a directory id as tenant is the token tid', async () => {
    const tenant = '11111111-2222-3333-4444-555555555555';
    const a = await post(url.replace('/common/', `/${tenant}/`), {
      grant_type: 'refresh_token',
      refresh_token: 'lab-bob',
      scope: SMTP,
      ...CLIENT,
    });
    assert.equal(jwt(a.body.access_token).claims.tid, tenant);
  });

  /** Entra ID's error body: AADSTS code and text, the trace lines, and the same ids as fields. */
  function assertAadsts(a: Answer, status: number, error: string, code: number, text: RegExp): void {
    assert.equal(a.status, status);
    assert.equal(a.body.error, error);
    assert.deepEqual(a.body.error_codes, [code]);
    const description = String(a.body.error_description);
    assert.match(description, new RegExp(`^AADSTS${code}: `));
    assert.match(description, text);
    assert.match(
      description,
      /\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    assert.ok(description.includes(String(a.body.trace_id)) && description.includes(String(a.body.correlation_id)));
    assert.equal(a.body.error_uri, `https://login.microsoftonline.com/error?code=${code}`);
  }

  test('token endpoint (microsoft): a revoked refresh token gets invalid_grant AADSTS50173', async () =>
    assertAadsts(
      await refresh('lab-rita', SMTP),
      400,
      'invalid_grant',
      50173,
      /The provided grant has expired due to it being revoked, a fresh auth token is needed\./,
    ));

  test('token endpoint (microsoft): a refresh token unused for 90 days gets invalid_grant AADSTS700082', async () =>
    assertAadsts(
      await refresh('lab-ivy', SMTP),
      400,
      'invalid_grant',
      700082,
      /The refresh token has expired due to inactivity\. The token was issued on \S+Z and was inactive for 90\.00:00:00\./,
    ));

  test('token endpoint (microsoft): an unknown refresh token gets invalid_grant AADSTS70000', async () =>
    assertAadsts(
      await refresh('nope', SMTP),
      400,
      'invalid_grant',
      70000,
      /'refresh_token' or 'assertion' is not valid/,
    ));

  test('token endpoint (microsoft): a wrong client secret gets 401 invalid_client AADSTS7000215 naming the app', async () =>
    assertAadsts(
      await refresh('lab-bob', SMTP, { client_secret: 'wrong' }),
      401,
      'invalid_client',
      7000215,
      /Invalid client secret provided\. .* for a secret added to app 'lab-client'\./,
    ));

  test('token endpoint (microsoft): no client secret gets 401 invalid_client AADSTS7000218', async () =>
    assertAadsts(
      await post(url, { grant_type: 'refresh_token', refresh_token: 'lab-bob', scope: SMTP, client_id: 'lab-client' }),
      401,
      'invalid_client',
      7000218,
      /'client_assertion' or 'client_secret'/,
    ));

  test('token endpoint (microsoft): no scope gets invalid_scope AADSTS70011', async () =>
    assertAadsts(await refresh('lab-bob', ''), 400, 'invalid_scope', 70011, /must include a 'scope' input parameter/));

  test('token endpoint (microsoft): SMTP.SendAsApp in a delegated request does not exist (AADSTS70011)', async () =>
    assertAadsts(
      await refresh('lab-bob', 'https://outlook.office.com/SMTP.SendAsApp'),
      400,
      'invalid_scope',
      70011,
      /The scope 'https:\/\/outlook\.office\.com\/SMTP\.SendAsApp' does not exist\./,
    ));

  test('token endpoint (microsoft): app-only with the SMTP.SendAsApp role gets a token with roles and no user', async () => {
    const a = await post(url, {
      grant_type: 'client_credentials',
      client_id: 'mailer',
      client_secret: 'mailer-secret',
      scope: 'https://outlook.office365.com/.default',
    });
    assert.equal(a.status, 200);
    assert.equal(a.body.scope, undefined, 'client credentials answers carry no scope');
    const { claims } = jwt(a.body.access_token);
    assert.equal(claims.aud, 'https://outlook.office365.com');
    assert.deepEqual(claims.roles, ['SMTP.SendAsApp']);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.upn, undefined);
    assert.equal(claims.scp, undefined);
  });

  test('token endpoint (microsoft): app-only without the role still gets a token, with no roles', async () => {
    const a = await post(url, {
      grant_type: 'client_credentials',
      client_id: 'norole',
      client_secret: 'norole-secret',
      scope: 'https://outlook.office365.com/.default',
    });
    assert.equal(a.status, 200);
    assert.equal(jwt(a.body.access_token).claims.roles, undefined);
  });

  test('token endpoint (microsoft): app-only with a scope that is not RESOURCE/.default is refused', async () => {
    const a = await post(url, {
      grant_type: 'client_credentials',
      client_id: 'mailer',
      client_secret: 'mailer-secret',
      scope: 'https://outlook.office.com/SMTP.SendAsApp',
    });
    assert.equal(a.status, 400);
    assert.equal(a.body.error, 'invalid_scope');
  });
});
