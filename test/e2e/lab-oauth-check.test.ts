// `smtp-doctor check` with the --oauth-* flags the lab prints, against the lab's token endpoint and persona: each token fault named precisely.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { oauthCheckLine } from '../../src/lab/client-config.js';
import { startLab, type Lab, type LabLogEvent } from '../../src/lab/index.js';
import { runCli } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import { shellWords } from '../helpers/shell-words.js';

interface Case {
  title: string;
  persona: 'gmail' | 'microsoft365';
  account: string;
  /** Replaces the printed --oauth-scope. */
  scope?: string;
  /** Replaces the printed --user (the token stays the account's). */
  user?: string;
  first: string;
  /** The finding's detail: the precise reason the diagnosis names. */
  detail?: string;
}

const CASES: Case[] = [
  {
    title: 'gmail: a refresh at the lab token endpoint, then XOAUTH2 → auth-ok',
    persona: 'gmail',
    account: 'carol@lab.test refresh-token=1//lab-carol',
    first: 'auth-ok',
  },
  {
    title: 'gmail: a revoked refresh token → oauth-token-rejected',
    persona: 'gmail',
    account: 'carol@lab.test refresh-token=1//lab-carol refresh-revoked',
    first: 'oauth-token-rejected',
    // Google says "Token has been expired or revoked." for both: the reading names both, Testing status among them.
    detail: 'refresh-testing-app',
  },
  {
    title: 'gmail: a gmail.send token → oauth-token-rejected',
    persona: 'gmail',
    account: 'carol@lab.test refresh-token=1//lab-carol grant-scope=https://www.googleapis.com/auth/gmail.send',
    scope: 'https://www.googleapis.com/auth/gmail.send',
    first: 'oauth-token-rejected',
    detail: 'missing-scope',
  },
  {
    title: 'microsoft365: a delegated SMTP.Send token → auth-ok',
    persona: 'microsoft365',
    account: 'bob@lab.test refresh-token=lab-bob',
    first: 'auth-ok',
  },
  {
    title: 'microsoft365: a Graph token → oauth-token-rejected',
    persona: 'microsoft365',
    account: 'bob@lab.test refresh-token=lab-bob',
    scope: 'https://graph.microsoft.com/Mail.Send',
    first: 'oauth-token-rejected',
    detail: 'wrong-audience',
  },
  {
    title: 'gmail: a refresh token of an app in Testing status → oauth-token-rejected/refresh-testing-app',
    persona: 'gmail',
    account: 'carol@lab.test refresh-token=1//lab-carol testing-app',
    first: 'oauth-token-rejected',
    detail: 'refresh-testing-app',
  },
  {
    title: 'microsoft365: an access token already expired → oauth-token-rejected/expired',
    persona: 'microsoft365',
    account: 'bob@lab.test refresh-token=lab-bob expired-tokens',
    first: 'oauth-token-rejected',
    detail: 'expired',
  },
  {
    title: "microsoft365: another user's token → oauth-token-rejected/wrong-user",
    persona: 'microsoft365',
    account: 'bob@lab.test refresh-token=lab-bob',
    user: 'alice@lab.test',
    first: 'oauth-token-rejected',
    detail: 'wrong-user',
  },
  {
    title: 'microsoft365: a revoked refresh token (AADSTS code) → oauth-token-rejected/refresh-invalid-grant',
    persona: 'microsoft365',
    account: 'bob@lab.test refresh-token=lab-bob refresh-revoked',
    first: 'oauth-token-rejected',
    detail: 'refresh-invalid-grant',
  },
  {
    title: 'microsoft365: app-only with SMTP.SendAsApp → auth-ok',
    persona: 'microsoft365',
    account: 'dora@lab.test client=mailer:mailer-secret app-role',
    first: 'auth-ok',
  },
];

describe('e2e: check with the lab token endpoint (--oauth-* flags)', () => {
  let dir: string;
  const labs: Lab[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-oauth-e2e-'));
  });
  after(async () => {
    await Promise.all(labs.map((l) => l.close()));
    await rm(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    test(`e2e: ${c.title}`, async () => {
      const log: LabLogEvent[] = [];
      const lab = await startLab({
        persona: c.persona,
        accounts: [c.account],
        certificates: await labCertificates(),
        log: (e) => log.push(e),
      });
      labs.push(lab);
      const caFile = join(dir, `${c.persona}-ca.pem`);
      await writeFile(caFile, lab.ca);
      assert.ok(lab.tokenEndpoint);
      const line = oauthCheckLine(lab.listeners, lab.accounts, caFile, {
        url: lab.tokenEndpoint.url,
        preset: c.persona === 'gmail' ? 'google' : 'microsoft',
      });
      assert.ok(line);
      const words = shellWords(line);
      const env: Record<string, string> = {};
      while (/^[A-Z_]+=/.test(words[0] ?? '')) {
        const [name = '', ...value] = (words.shift() ?? '').split('=');
        env[name] = value.join('=');
      }
      assert.deepEqual(words.slice(0, 2), ['smtp-doctor', 'check']);
      const args = words.slice(1);
      if (c.scope !== undefined) args[args.indexOf('--oauth-scope') + 1] = c.scope;
      if (c.user !== undefined) args[args.indexOf('--user') + 1] = c.user;
      const r = await runCli([...args, '--json'], { env });
      const report = JSON.parse(r.stdout) as {
        findings: { id: string; detail?: string }[];
      };
      const first = report.findings[0];
      assert.ok(first, r.stdout);
      assert.equal(first.id, c.first, r.stdout);
      if (c.detail !== undefined) assert.equal(first.detail, c.detail, r.stdout);
      // No token, refresh token or client secret in anything the run printed or the lab logged.
      const printed = `${r.stdout}\n${r.stderr}\n${log.map((e) => e.text).join('\n')}`;
      for (const secret of Object.values(env)) assert.ok(!printed.includes(secret), 'a secret was printed');
      assert.ok(!/ya29\.lab-|eyJ0eXAiOiJKV1Qi/.test(printed), 'an access token was printed');
    });
  }
});
