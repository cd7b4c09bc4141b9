// `smtp-doctor lab` with OAuth: the help documents the token endpoint, the banner prints it and a check line whose flags and values get a token there.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';
import { shellWords } from '../helpers/shell-words.js';

/** Runs `smtp-doctor lab …` in-process; `use` gets the banner while the lab is up. */
async function withLabBanner(argv: string[], use: (banner: string) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let stdout = '';
  let ready: () => void = () => undefined;
  const up = new Promise<void>((resolve) => (ready = resolve));
  const stdin = new PassThrough();
  stdin.end();
  const done = main(['lab', '--quiet', ...argv], {
    stdout: {
      write: (t: string) => {
        stdout += t;
        if (stdout.includes('Press Ctrl-C to stop.')) ready();
      },
    },
    stderr: { write: () => undefined },
    stdin,
    env: {},
    signal: controller.signal,
  }).finally(() => ready());
  await up;
  try {
    await use(stdout);
  } finally {
    controller.abort();
    assert.equal(await done, 0);
  }
}

/** The printed line as env assignments and flags. */
function readLine(line: string): { env: Record<string, string>; flags: Map<string, string>; words: string[] } {
  const words = shellWords(line);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name = '', ...value] = (words.shift() ?? '').split('=');
    env[name] = value.join('=');
  }
  const flags = new Map<string, string>();
  words.forEach((w, i) => {
    if (w.startsWith('--')) flags.set(w, words[i + 1] ?? '');
  });
  return { env, flags, words };
}

describe('cli: smtp-doctor lab with OAuth', () => {
  test('cli: lab --help documents the token endpoint and the OAuth account settings', async () => {
    const r = await runCli(['lab', '--help']);
    assert.equal(r.code, 0);
    for (const text of [
      'token endpoint',
      'refresh-token=R',
      'client=ID:SECRET',
      'grant-scope=',
      'refresh-revoked',
      'testing-app',
      'expired-tokens',
      'app-role',
      'OAUTHBEARER',
    ])
      assert.ok(r.stdout.includes(text), text);
  });

  test('cli: lab --list names the OAuth flags of the personas with a token endpoint, and only theirs', async () => {
    const r = await runCli(['lab', '--list']);
    assert.equal(r.code, 0);
    const endpointLines = r.stdout.split('\n').filter((l) => l.includes('OAuth token endpoint'));
    assert.equal(endpointLines.length, 2, endpointLines.join('\n'));
    assert.ok(endpointLines.some((l) => l.includes('testing-app') && !l.includes('app-role')));
    assert.ok(endpointLines.some((l) => l.includes('app-role') && !l.includes('testing-app')));
  });

  test('cli: an OAuth setting on a persona without a token endpoint is a usage error', async () => {
    const r = await runCli(['lab', '--persona', 'plain', '--account', 'a@lab.test refresh-token=r']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no OAuth token endpoint/);
  });

  for (const [persona, account, user, scope] of [
    ['gmail', 'carol@lab.test refresh-token=1//lab-carol', 'carol@lab.test', 'https://mail.google.com/'],
    [
      'microsoft365',
      'bob@lab.test refresh-token=lab-bob client=app-1:s3cret',
      'bob@lab.test',
      'https://outlook.office.com/SMTP.Send offline_access',
    ],
  ] as const) {
    test(`cli: lab --persona ${persona} prints its token endpoint and a check line whose --oauth-* values get a token there`, async () => {
      await withLabBanner(['--persona', persona, '--account', account], async (banner) => {
        const url = /OAuth tokens {2}(http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(banner)?.[1];
        assert.ok(url, banner);
        const line = banner.split('\n').find((l) => l.includes('--oauth-token-url'));
        assert.ok(line, banner);
        const { env, flags, words } = readLine(line.trim());
        assert.deepEqual(words.slice(0, 2), ['smtp-doctor', 'check']);
        assert.equal(flags.get('--oauth-token-url'), url);
        assert.equal(flags.get('--user'), user);
        assert.equal(flags.get('--oauth-scope'), scope);
        const refreshVar = flags.get('--oauth-refresh-token-env') ?? '';
        const secretVar = flags.get('--oauth-client-secret-env') ?? '';
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: env[refreshVar] ?? '',
            client_id: flags.get('--oauth-client-id') ?? '',
            client_secret: env[secretVar] ?? '',
            scope,
          }),
        });
        assert.equal(res.status, 200, await res.clone().text());
      });
    });
  }
});
