// `smtp-doctor check` with the --oauth-* flags the lab prints, against the lab's token endpoint and persona: runs once check has those flags.
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

/** The --oauth-* flags come from another part of issue 16: until check has them, there is nothing to run. */
const checkHelp = await runCli(['check', '--help']);
const skip = checkHelp.stdout.includes('--oauth-token-url') ? false : 'check has no --oauth-* flags yet';

interface Case {
  title: string;
  persona: 'gmail' | 'microsoft365';
  account: string;
  /** Replaces the printed --oauth-scope. */
  scope?: string;
  first: string;
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
  },
  {
    title: 'gmail: a gmail.send token → oauth-token-rejected',
    persona: 'gmail',
    account: 'carol@lab.test refresh-token=1//lab-carol grant-scope=https://www.googleapis.com/auth/gmail.send',
    scope: 'https://www.googleapis.com/auth/gmail.send',
    first: 'oauth-token-rejected',
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
  },
  {
    title: 'microsoft365: app-only with SMTP.SendAsApp → auth-ok',
    persona: 'microsoft365',
    account: 'dora@lab.test client=mailer:mailer-secret app-role',
    first: 'auth-ok',
  },
];

describe('e2e: check with the lab token endpoint (--oauth-* flags)', { skip }, () => {
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
    test(`e2e: ${c.title}`, async (t) => {
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
      const r = await runCli([...args, '--json'], { env });
      const report = JSON.parse(r.stdout) as {
        findings: { id: string }[];
        evidence?: { oauth?: { refresh?: { ok: boolean; error?: string } } };
      };
      // A refused refresh is diagnosed by the OAuth rules of issue 16's diagnosis part: without them, nothing is found.
      if (report.findings.length === 0 && report.evidence?.oauth?.refresh?.ok === false)
        t.todo('the refused refresh is read right; the rule that names it comes with the diagnosis part of issue 16');
      assert.equal(report.findings[0]?.id, c.first, r.stdout);
      // No token, refresh token or client secret in anything the run printed or the lab logged.
      const printed = `${r.stdout}\n${r.stderr}\n${log.map((e) => e.text).join('\n')}`;
      for (const secret of Object.values(env)) assert.ok(!printed.includes(secret), 'a secret was printed');
      assert.ok(!/ya29\.lab-|eyJ0eXAiOiJKV1Qi/.test(printed), 'an access token was printed');
    });
  }
});
