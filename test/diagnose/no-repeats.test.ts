// No finding says one thing twice: over every signature, the explain corpus and live lab runs, each fix, dead end and evidence line is said once.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { check, type CheckOptions } from '../../src/check/check.js';
import { diagnose } from '../../src/diagnose/index.js';
import { explain } from '../../src/check/explain.js';
import { listSignatures } from '../../src/knowledge/index.js';
import { parseAccount } from '../../src/lab/accounts.js';
import { generateLabCertificates, LAB_NAMES, type LabCertificates } from '../../src/lab/certificates.js';
import { replaySignature, startLab, type LabOptions } from '../../src/lab/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { Finding, SettingsPatch } from '../../src/model/finding.js';
import { Secret, type SecretShape } from '../../src/model/secret.js';
import { loadCorpus } from '../explain/corpus.js';
import { observe, pasted, secret } from '../fixtures/evidence.js';

/** Lower case, letters and digits only, single spaces: "Check the address." and "check the address" are one text. */
function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Two texts say the same: equal once normalised, or (with four words or more) every word of one is in the other —
 * "Refresh the access token and try once." inside "Refresh the access token (they live about an hour) and try once."
 */
function sameAdvice(a: string, b: string): boolean {
  if (normal(a) === normal(b)) return true;
  const [short, long] = [new Set(normal(a).split(' ')), new Set(normal(b).split(' '))].sort((x, y) => x.size - y.size);
  return short !== undefined && long !== undefined && short.size >= 4 && [...short].every((w) => long.has(w));
}

/** One evidence line inside another ("certificate CN=…" inside "Certificate: CN=…; NOT verified"). */
function sameQuote(a: string, b: string): boolean {
  const [x, y] = [normal(a), normal(b)];
  return x === y || (Math.min(x.length, y.length) >= 20 && (x.includes(y) || y.includes(x)));
}

function sameSettings(a: SettingsPatch | undefined, b: SettingsPatch | undefined): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof SettingsPatch)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Every pair of one finding's fixes, dead ends or evidence lines that say the same thing. */
function repeatsIn(f: Finding): string[] {
  const out: string[] = [];
  const pairs = <T>(items: readonly T[], same: (a: T, b: T) => boolean, show: (x: T) => string, what: string): void =>
    items.forEach((a, i) => {
      for (const b of items.slice(i + 1))
        if (same(a, b)) out.push(`${f.id}${f.detail ? `/${f.detail}` : ''}: two ${what}: "${show(a)}" ~ "${show(b)}"`);
    });
  pairs(
    f.fixes,
    (a, b) => sameAdvice(a.text, b.text) || sameSettings(a.settings, b.settings),
    (x) => `${x.text}${x.settings ? ` ${JSON.stringify(x.settings)}` : ''}`,
    'fixes',
  );
  pairs(
    f.deadEnds,
    (a, b) => sameAdvice(a.text, b.text),
    (x) => `${x.text}: ${x.why}`,
    'dead ends',
  );
  pairs(
    f.evidence,
    (a, b) => sameQuote(a.text, b.text),
    (x) => x.text.slice(0, 100),
    'evidence lines',
  );
  return out;
}

function assertNoRepeats(findings: readonly Finding[], where: string): void {
  const found = findings.flatMap(repeatsIn);
  assert.deepEqual(found, [], `${where}:\n${found.join('\n')}`);
}

describe('no finding repeats itself: the check itself', () => {
  const finding = (fixes: string[], evidence: string[]): Finding => ({
    id: 'credentials-rejected',
    severity: 'error',
    title: 't',
    summary: 's',
    evidence: evidence.map((text) => ({ text, source: 'reply' })),
    fixes: fixes.map((text) => ({ text })),
    deadEnds: [],
    docs: [],
    confidence: 'low',
  });
  const cases: [string, Finding, number][] = [
    [
      'fixes equal but for case and punctuation are a repeat',
      finding(['Check the address.', 'check the address'], ['x']),
      1,
    ],
    [
      'a fix whose words all reappear in a longer one is a repeat',
      finding(
        ['Refresh the access token and try once.', 'Refresh the access token (they live an hour) and try once.'],
        ['x'],
      ),
      1,
    ],
    [
      'an evidence line inside another is a repeat',
      finding(
        ['a'],
        [
          'certificate CN=localhost; issuer CN=localhost',
          'Certificate: CN=localhost; issuer CN=localhost; NOT verified',
        ],
      ),
      1,
    ],
    ['two different fixes are not', finding(['Use PLAIN.', 'Check the user name form.'], ['x']), 0],
  ];
  for (const [what, f, n] of cases) test(`no repeats: ${what}`, () => assert.equal(repeatsIn(f).length, n));
});

describe('no finding repeats itself: every signature sample, pasted with every kind of secret', () => {
  const secrets: [string, Pick<Evidence, 'credentials'>][] = [
    ['no secret', {}],
    ['an app password', { credentials: { username: 'alice@example.org', secret: secret('abcdefghijklmnop') } }],
    ['another password', { credentials: { username: 'alice@example.org', secret: secret('Hunter2!') } }],
    ['a token', { credentials: { username: 'alice@example.org', secret: secret('ya29.token', 'token') } }],
  ];
  for (const signature of listSignatures())
    test(`no repeats: ${signature.id}`, () => {
      for (const sample of signature.samples)
        for (const [kind, extra] of secrets) {
          const evidence = pasted([observe.reply(sample.split('\r\n').join('\n'), signature.phase)], {
            providerHints: [{ provider: signature.provider, by: 'host', quote: signature.provider }],
            ...extra,
          });
          assertNoRepeats(diagnose(evidence), `${signature.id} with ${kind}`);
        }
    });
});

describe('no finding repeats itself: the explain corpus', () => {
  for (const sample of loadCorpus())
    test(`no repeats: explain ${sample.name}`, () => {
      assertNoRepeats(explain(sample.text).findings, sample.name);
    });
});

interface LiveCase {
  lab: LabOptions;
  /** The provider's host name, dialled at the lab. */
  host: string;
  user: string;
  secret: string;
  kind?: SecretShape['kind'];
  mechanism?: string;
  sendTo?: string;
}

const LIVE: Record<string, LiveCase> = {
  'Gmail refusing an XOAUTH2 token (334 error challenge, then 535)': {
    lab: { persona: 'gmail' },
    host: 'smtp.gmail.com',
    user: 'carol@lab.test',
    secret: 'ya29.wrong-token',
    kind: 'token',
    mechanism: 'XOAUTH2',
  },
  'Gmail refusing CRAM-MD5': {
    lab: { persona: 'gmail' },
    host: 'smtp.gmail.com',
    user: 'alice@lab.test',
    secret: 'abcdefghijklmnop',
    mechanism: 'CRAM-MD5',
  },
  'a self-signed certificate': {
    lab: { persona: 'gmail', faults: ['self-signed-cert'] },
    host: 'smtp.gmail.com',
    user: 'alice@lab.test',
    secret: 'abcdefghijklmnop',
  },
  'an expired certificate': {
    lab: { persona: 'postfix-dovecot', faults: ['expired-cert'] },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
  },
  'a certificate for another host': {
    lab: { persona: 'exim', faults: ['wrong-host-cert'] },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
  },
  'a connection dropped in the middle of the STARTTLS reply': {
    lab: { persona: 'opensmtpd', faults: ['drop-mid-reply=starttls'] },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
  },
  'a connection dropped in the middle of the AUTH reply': {
    lab: { persona: 'opensmtpd', faults: ['drop-mid-reply=auth'] },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
  },
  'an endless EHLO reply': {
    lab: { persona: 'haraka', faults: ['endless-reply=ehlo'] },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
  },
  'STARTTLS stripped from EHLO': {
    lab: { persona: 'postfix-dovecot', faults: ['strip-starttls'] },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
  },
  'iCloud refusing a wrong app-specific password': {
    lab: { persona: 'icloud' },
    host: 'smtp.mail.me.com',
    user: 'alice@lab.test',
    secret: 'abcd-efgh-ijkl-mnoq',
  },
  'Yahoo refusing a wrong app password': {
    lab: { persona: 'yahoo' },
    host: 'smtp.mail.yahoo.com',
    user: 'alice@lab.test',
    secret: 'abcdefghijklmnoq',
  },
  'SendGrid refusing a user name other than apikey': {
    lab: { persona: 'sendgrid' },
    host: 'smtp.sendgrid.net',
    user: 'alice',
    secret: 'SG.wrong-key',
  },
  'Exchange refusing a DOMAIN\\user login': {
    lab: { persona: 'exchange' },
    host: 'mail.lab.test',
    user: 'LAB\\alice',
    secret: 'wrong-password',
  },
  'a test message to a refused recipient': {
    lab: { replay: 'rfc.recipient-rejected' },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
    sendTo: 'bob@example.net',
  },
  'a test message from a refused sender': {
    lab: { replay: 'rfc.sender-rejected' },
    host: 'mail.lab.test',
    user: 'alice@lab.test',
    secret: 'lab-password-1',
    sendTo: 'bob@example.net',
  },
};

const HOSTS = ['smtp.gmail.com', 'smtp.mail.me.com', 'smtp.mail.yahoo.com', 'smtp.sendgrid.net', 'mail.lab.test'];

describe('no finding repeats itself: live checks against the lab', () => {
  let certs: LabCertificates;
  before(async () => {
    const replayHosts = listSignatures().flatMap((s) => replaySignature(s.id).host ?? []);
    certs = await generateLabCertificates([...new Set([...LAB_NAMES, ...HOSTS, ...replayHosts])]);
  });

  async function run(c: LiveCase): Promise<Finding[]> {
    const lab = await startLab({ ...c.lab, certificates: certs, idleTimeoutMs: 5_000 });
    try {
      const options: CheckOptions = {
        host: c.host,
        connectTo: '127.0.0.1',
        port: lab.ports.starttls,
        security: 'starttls',
        ca: [lab.ca],
        timeoutMs: 1_500,
        graceMs: 200,
        alternatives: lab.listeners.map((l) => ({ port: l.port, security: l.security })),
        credentials: { username: c.user, secret: new Secret(c.secret, c.kind ?? 'password') },
        ...(c.mechanism !== undefined ? { mechanism: c.mechanism } : {}),
        ...(c.sendTo !== undefined ? { send: { from: c.user, to: [c.sendTo] } } : {}),
      };
      return (await check(options)).findings;
    } finally {
      await lab.close();
    }
  }

  for (const [what, c] of Object.entries(LIVE))
    test(`no repeats: check against ${what}`, async () => {
      const findings = await run(c);
      assert.ok(findings.length > 0, 'no finding at all');
      assertNoRepeats(findings, what);
    });

  test('no repeats: check against every signature the lab replays', async () => {
    const problems: string[] = [];
    for (const signature of listSignatures())
      for (let n = 1; n <= signature.samples.length; n++) {
        const replay = replaySignature(signature.id, n);
        const account = parseAccount(
          replay.client.token ? 'alice@lab.test token=ya29.lab-token' : (replay.persona.sampleAccounts[0] ?? ''),
        );
        const findings = await run({
          lab: { replay: `${signature.id}:${n}` },
          host: replay.host ?? '127.0.0.1',
          user: account.username,
          secret: (replay.client.token ? account.token : account.password) ?? 'lab-password',
          ...(replay.client.token ? { kind: 'token' as const, mechanism: 'XOAUTH2' } : {}),
          ...(replay.client.send ? { sendTo: 'bob@example.net' } : {}),
        });
        problems.push(...findings.flatMap(repeatsIn).map((p) => `${signature.id}:${n}: ${p}`));
      }
    assert.deepEqual(problems, []);
  });
});
