// Every signature replayed: the lab serves each verbatim sample at its phase, check() probes it under the provider's host name, the diagnosis names it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import { listSignatures, providerById, type SignatureListing } from '../../src/knowledge/index.js';
import { parseAccount } from '../../src/lab/accounts.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { generateLabCertificates, LAB_NAMES } from '../../src/lab/certificates.js';
import { clientConfig } from '../../src/lab/client-config.js';
import { replaySignature, startLab, type Replay } from '../../src/lab/index.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { runCli } from '../helpers/cli.js';
import { shellWords } from '../helpers/shell-words.js';

/**
 * Providers the lab recognises by the user's e-mail address (check's `address`): the clue a user gives with
 * `check alice@icloud.com`, kept for providers whose persona cannot show it otherwise.
 */
const ADDRESS_OF: Readonly<Record<string, string>> = {
  icloud: 'alice@icloud.com',
  zoho: 'alice@zoho.com',
  gmx: 'alice@gmx.net',
  proton: 'alice@proton.me',
};

/** What a case needs beyond the replay itself. */
interface Special {
  /** The sample is not what the user must fix first (e.g. a success): do not require it as findings[0]. */
  notRootCause?: string;
}

const SPECIAL: Readonly<Record<string, Special>> = {
  // The test message goes out after a login that works: auth-ok comes first, message-accepted after it.
  'rfc.message-accepted': { notRootCause: 'auth-ok comes first' },
  'rfc.message-queued': { notRootCause: 'auth-ok comes first' },
};

const TO = 'bob@example.net';
/** An account that logs in with an OAuth token on any persona that runs XOAUTH2. */
const TOKEN_ACCOUNT = 'alice@lab.test token=ya29.lab-token';

interface Case {
  signature: SignatureListing;
  number: number;
  replay: Replay;
  special: Special;
}

const CASES: Case[] = listSignatures().flatMap((signature) =>
  signature.samples.map((_, i) => ({
    signature,
    number: i + 1,
    replay: replaySignature(signature.id, i + 1),
    special: SPECIAL[signature.id] ?? {},
  })),
);

/** One certificate set for every case: the lab's names plus every host name a replay uses. */
const NAMES = [...new Set([...LAB_NAMES, ...CASES.flatMap((c) => (c.replay.host ? [c.replay.host] : []))])];

/**
 * The persona's first sample account, under the user name the provider requires when the persona does not
 * imitate that provider (SparkPost's literal SMTP_Injection on the permissive persona): a wrong user-name form
 * would rightly be diagnosed first, and hide the replayed reply.
 */
function accountSpec(replay: Replay): string {
  const spec = replay.persona.sampleAccounts[0] ?? '';
  const form = providerById(replay.signature.provider)?.submission?.username;
  if (form?.form !== 'literal' || replay.persona.providers.includes(replay.signature.provider)) return spec;
  return `${form.literal}:${parseAccount(spec).password ?? 'lab-password'}`;
}

function caseName(c: Case): string {
  return `replay: ${c.signature.id} sample ${c.number} → ${c.signature.findings.join(' | ')}`;
}

function describeFindings(report: Report): string {
  return report.findings.map((f) => `${f.id}${f.signature ? ` (${f.signature})` : ''}`).join(', ') || '(none)';
}

describe('replay every knowledge signature in the lab and diagnose it', () => {
  let certs: LabCertificates;
  before(async () => {
    certs = await generateLabCertificates(NAMES);
  });

  test('replay: every signature sample has a case', () => {
    const samples = listSignatures().reduce((n, s) => n + s.samples.length, 0);
    assert.equal(CASES.length, samples);
    for (const id of Object.keys(SPECIAL))
      assert.ok(
        CASES.some((c) => c.signature.id === id),
        `SPECIAL names ${id}, which is no signature`,
      );
  });

  for (const c of CASES) {
    test(caseName(c), async () => {
      const { persona, client, sample } = c.replay;
      const account = parseAccount(client.token ? TOKEN_ACCOUNT : accountSpec(c.replay));
      const secret = client.token ? account.token : account.password;
      assert.ok(
        secret !== undefined,
        `${persona.id}'s first sample account has no ${client.token ? 'token' : 'password'}`,
      );
      const lab = await startLab({
        replay: `${c.signature.id}:${c.number}`,
        accounts: [account],
        certificates: certs,
        idleTimeoutMs: 5_000,
      });
      try {
        const from = account.username.includes('@') ? account.username : 'alice@lab.test';
        const address = ADDRESS_OF[c.signature.provider];
        const report = await check({
          // The provider's own host name, dialled at the lab: recognition works as it does for real users.
          host: c.replay.host ?? '127.0.0.1',
          connectTo: '127.0.0.1',
          port: lab.ports.starttls,
          security: 'starttls',
          ca: [lab.ca],
          timeoutMs: 1_500,
          graceMs: 200,
          alternatives: lab.listeners.map((l) => ({ port: l.port, security: l.security })),
          credentials: {
            username: account.username,
            secret: new Secret(secret, client.token ? 'token' : 'password'),
          },
          ...(client.token ? { mechanism: 'XOAUTH2' } : {}),
          ...(client.send ? { send: { from, to: [TO] } } : {}),
          ...(address !== undefined ? { address } : {}),
        });
        const seen = describeFindings(report);
        const named = report.findings.find((f) => f.signature === c.signature.id);
        assert.ok(named, `no finding names ${c.signature.id}; findings: ${seen}`);
        assert.ok(
          c.signature.findings.includes(named.id),
          `${c.signature.id} is named by ${named.id}, not one of ${c.signature.findings.join(', ')}`,
        );
        // The lab reproduced the sample byte for byte, and the finding quotes it (an error challenge's quote adds the
        // line with its decoded JSON, which the server did not send).
        const quoted = sample.split('\r\n').join('\n');
        const sent = (text: string): string =>
          text
            .split('\n')
            .filter((l) => !l.startsWith('decoded: '))
            .join('\n');
        assert.ok(
          named.evidence.some((q) => q.source === 'reply' && sent(q.text) === quoted),
          `${named.id} does not quote the sample; it quotes ${JSON.stringify(named.evidence.map((q) => q.text))}`,
        );
        if (c.signature.findings.length === 1 && c.special.notRootCause === undefined)
          assert.equal(
            report.findings[0]?.id,
            c.signature.findings[0],
            `the root cause comes first; findings: ${seen}`,
          );
      } finally {
        await lab.close();
      }
    });
  }
});

describe('replay every knowledge signature with the check command `lab --replay` prints', () => {
  let certs: LabCertificates;
  let dir: string;
  before(async () => {
    certs = await generateLabCertificates(NAMES);
    dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-replay-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    test(`replay: the printed check for ${c.signature.id} sample ${c.number} names it`, async () => {
      // The lab as `smtp-doctor lab --replay` starts it: the persona's own sample accounts, nothing tuned.
      const lab = await startLab({
        replay: `${c.signature.id}:${c.number}`,
        certificates: certs,
        idleTimeoutMs: 5_000,
      });
      try {
        const caFile = join(dir, `ca-${c.signature.id}-${c.number}.pem`);
        await writeFile(caFile, lab.ca);
        const printed = clientConfig(lab.listeners, lab.accounts, caFile, lab.standsFor, lab.replay?.client)?.check;
        const words = shellWords(printed ?? '');
        const secret = /^SMTP_PASS=(.*)$/s.exec(words[0] ?? '')?.[1];
        assert.ok(secret !== undefined && words[1] === 'smtp-doctor', printed);
        if (c.replay.client.send) assert.match(printed ?? '', / --send-to \S+/);
        // Exactly the printed command; --json only changes how the result is printed.
        const r = await runCli([...words.slice(2), '--json'], { env: { SMTP_PASS: secret } });
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
        const report = JSON.parse(r.stdout) as Report;
        assert.ok(
          report.findings.some((f) => f.signature === c.signature.id),
          `${printed ?? ''}\nno finding names ${c.signature.id}; findings: ${describeFindings(report)}`,
        );
      } finally {
        await lab.close();
      }
    });
  }
});
