// OAuth leak audit: an access token, a refresh token and a client secret, echoed by the token endpoint and by the SMTP
// server, never appear in any output of check — text, JSON, --verbose transcript, stderr — in any form.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startLab, type Lab } from '../../src/lab/index.js';
import { formatLogEvent, type LabLogEvent } from '../../src/lab/session-log.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import { cliAgainst, EHLO_PLAIN, hostile, labCaFile, leaks, USER } from './support.js';

/** Characters whose encodings all differ from the plain text (quote, backslash, /, +, non-ASCII). */
const ACCESS = 'ya29.Leak-Access"T0ken\\for+tests/é';
const REFRESH = '1//0gLeak-Refresh"T0ken\\for+tests/é';
const CLIENT_SECRET = 'GOCSPX-leak"client\\secret+tests/é';
const SECRETS = { 'access token': ACCESS, 'refresh token': REFRESH, 'client secret': CLIENT_SECRET };

function assertClean(run: CliRun, where: string): void {
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const)
    for (const [name, secret] of Object.entries(SECRETS)) {
      const found = leaks(text, secret);
      assert.deepEqual(found, [], `${where} (${stream}): the ${name} leaked as ${found.join(', ')}`);
    }
}

let gmail: Lab;
const labLog: LabLogEvent[] = [];
let endpoint: Server;
let tokenUrl: string;
/** The token endpoint's next answer; every error answer echoes all it was sent, in several forms. */
let mode: 'ok' | 'wrong-token' | 'echo' = 'ok';

before(async () => {
  gmail = await startLab({
    persona: 'gmail',
    accounts: [{ username: USER, token: ACCESS, flags: ['oauth-only'] }],
    certificates: await labCertificates(),
    log: (e) => labLog.push(e),
  });
  endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      res.writeHead(mode === 'echo' ? 400 : 200, { 'content-type': 'application/json' });
      if (mode === 'echo') {
        const form = new URLSearchParams(body);
        const sent = `${form.get('refresh_token') ?? ''} ${form.get('client_secret') ?? ''}`;
        res.end(
          JSON.stringify({
            error: `invalid_grant ${sent}`,
            error_description: `Bad grant: ${sent} raw=${body} b64=${Buffer.from(sent).toString('base64')}`,
            error_codes: [70008],
          }),
        );
      } else res.end(JSON.stringify({ access_token: mode === 'ok' ? ACCESS : `${ACCESS}-wrong`, scope: ACCESS }));
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

const ENV = { TOKEN: ACCESS, REFRESH, CLIENT_SECRET };
const REFRESH_FLAGS = (): string[] => [
  '--oauth-refresh-token-env',
  'REFRESH',
  '--oauth-client-id',
  'leak-client',
  '--oauth-client-secret-env',
  'CLIENT_SECRET',
  '--oauth-token-url',
  tokenUrl,
];

describe('leak audit: check with OAuth', () => {
  const FORMATS = [[], ['--json'], ['--verbose']];
  const CASES: { name: string; mode: typeof mode; flags: () => string[]; env?: NodeJS.ProcessEnv; code: number }[] = [
    { name: 'a token given (accepted)', mode: 'ok', flags: () => ['--oauth-token-env', 'TOKEN'], code: 0 },
    {
      name: 'a token given (refused)',
      mode: 'ok',
      flags: () => ['--oauth-token-env', 'TOKEN'],
      env: { TOKEN: `${ACCESS}x` },
      code: 1,
    },
    { name: 'a refresh (accepted token)', mode: 'ok', flags: REFRESH_FLAGS, code: 0 },
    { name: 'a refresh (token refused by Gmail)', mode: 'wrong-token', flags: REFRESH_FLAGS, code: 1 },
    { name: 'a refresh refused with every secret echoed', mode: 'echo', flags: REFRESH_FLAGS, code: -1 },
  ];
  for (const c of CASES) {
    for (const format of FORMATS) {
      test(`oauth leak audit: check ${format.join(' ') || '(text)'} with ${c.name} shows no secret`, async () => {
        mode = c.mode;
        const run = await runCli(
          [
            'check',
            '127.0.0.1',
            '--port',
            String(gmail.ports.starttls),
            '--alternatives',
            `${gmail.ports.tls}/tls`,
            '--user',
            USER,
            '--ca',
            await labCaFile(),
            '--timeout',
            '2000',
            ...c.flags(),
            ...format,
          ],
          { env: { ...ENV, ...c.env } },
        );
        if (c.code >= 0) assert.equal(run.code, c.code, run.stdout + run.stderr);
        else assert.ok(run.code === 1 || run.code === 3, run.stdout + run.stderr);
        assertClean(run, `${c.name} ${format.join(' ')}`);
      });
    }
  }

  test('oauth leak audit: the lab log never held a token either (the persona redacts what it was sent)', () => {
    const text = labLog.map((e) => formatLogEvent(e)).join('\n');
    const found = leaks(text, ACCESS);
    assert.deepEqual(found, []);
  });

  test('oauth leak audit: an SMTP server that echoes the refresh token and client secret is scrubbed of them', async () => {
    mode = 'ok';
    const echo = `${REFRESH} ${CLIENT_SECRET} ${Buffer.from(REFRESH).toString('base64')} ${encodeURIComponent(CLIENT_SECRET)}`;
    for (const format of FORMATS) {
      const observed = await cliAgainst(
        hostile(await labCertificates(), {
          ehlo: EHLO_PLAIN,
          auth: (ctx) => {
            ctx.line(`535 5.7.8 not accepted: ${echo}`);
            return Promise.resolve(true);
          },
        }),
        (port) => ['check', '127.0.0.1', '--port', String(port), '--user', USER, ...REFRESH_FLAGS(), ...format],
        { env: ENV },
      );
      assert.equal(observed.result.code, 1, observed.result.stdout + observed.result.stderr);
      assertClean(observed.result, `hostile echo ${format.join(' ')}`);
    }
  });
});
