// Secret properties: check, session and explain against a server that echoes the password in every form, with
// dictionary-word, short, non-ASCII and random passwords — no form of it in any output, and our own text (finding
// ids, titles, fixes, dead ends, the session's summary) byte-identical to a run with a random password.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { FormScrubber, isWeakSecret } from '../../src/protocol/secret-forms.js';
import { TranscriptRecorder } from '../../src/transport/transcript-recorder.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import { cliAgainst, hostile, leaks, login, USER } from './support.js';

/** A seeded generator (mulberry32): the same "random" passwords on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%*+/=?@^_~"\\';
function randomPassword(next: () => number, length = 16): string {
  return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
}
const next = seeded(14);
const BASELINE = randomPassword(next);
const PASSWORDS = ['password', 'test', 'mail', 'gmail', 'smtp', 'Pa', 'é漢字🔑pass', randomPassword(next)];

const b64 = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64');
const hexBytes = (s: string): string[] => [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
const units = (s: string): string[] =>
  Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, '0'));
const swap = (s: string): string =>
  Array.from(s)
    .map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
    .join('');

/**
 * Every way a hostile server echoes the secret, written here independently of the scrubber: as typed, folded, escaped
 * (JSON, \u, HTML), URL-encoded, hex with every separator, base64 (standard, URL-safe, twice), spelled out, with NUL
 * every 4 characters, reversed and rot13.
 */
export function echoForms(secret: string): { name: string; text: string }[] {
  const points = Array.from(secret);
  const nul4 = points.map((c, i) => (i > 0 && i % 4 === 0 ? `\0${c}` : c)).join('');
  return [
    { name: 'plain', text: secret },
    { name: 'upper', text: secret.toUpperCase() },
    { name: 'lower', text: secret.toLowerCase() },
    { name: 'swapcase', text: swap(secret) },
    { name: 'JSON', text: JSON.stringify(secret).slice(1, -1) },
    {
      name: '\\u escapes',
      text: units(secret)
        .map((u) => `\\u${u}`)
        .join(''),
    },
    { name: 'HTML decimal', text: points.map((c) => `&#${String(c.codePointAt(0))};`).join('') },
    { name: 'HTML hex', text: points.map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join('') },
    {
      name: 'HTML named',
      text: secret.replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? '&#39;',
      ),
    },
    { name: 'URL', text: encodeURIComponent(secret) },
    {
      name: 'URL, RFC 3986',
      text: encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    },
    {
      name: 'HTML decimal, some left',
      text: points.map((c, i) => (i % 3 === 1 ? c : `&#${String(c.codePointAt(0))};`)).join(''),
    },
    { name: 'base64 of a field', text: b64(`session=42;pw=${secret}\0end`) },
    { name: 'base64 at an offset', text: b64(`\0xy\0${secret}`) },
    {
      name: 'percent every byte',
      text: hexBytes(secret)
        .map((h) => `%${h.toUpperCase()}`)
        .join(''),
    },
    { name: 'hex', text: hexBytes(secret).join('') },
    { name: 'hex -', text: hexBytes(secret).join('-') },
    { name: 'hex :', text: hexBytes(secret).join(':').toUpperCase() },
    { name: 'hex space', text: hexBytes(secret).join(' ') },
    { name: 'base64', text: b64(secret) },
    { name: 'base64url', text: b64(secret).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') },
    { name: 'double base64', text: b64(b64(secret)) },
    { name: 'spaced', text: points.join(' ') },
    { name: 'dotted', text: points.join('.') },
    { name: 'NUL every 4', text: nul4 },
    { name: 'reversed', text: [...points].reverse().join('') },
    { name: 'rot13', text: secret.replace(/[a-z]/gi, (c) => rot13(c)) },
  ];
}

function rot13(c: string): string {
  const base = c <= 'Z' ? 65 : 97;
  return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
}

/** The part of the secret that ends the split line of echoReply. */
function firstPart(secret: string): string {
  const points = Array.from(secret);
  return points.slice(0, Math.max(1, Math.floor(points.length / 2))).join('');
}

/** The 535 reply of an echoing server: the AUTH line, its decoding, every echo form, and the secret split in two. */
function echoReply(secret: string, authLine: string): string[] {
  const blob = authLine.split(' ').pop() ?? '';
  const points = Array.from(secret);
  const half = Math.max(1, Math.floor(points.length / 2));
  return [
    `535-5.7.8 you sent ${authLine}`,
    `535-5.7.8 which decodes to ${Buffer.from(blob, 'base64').toString('utf8')}`,
    `535-5.7.8 and base64url ${blob.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')} twice ${b64(blob)}`,
    ...echoForms(secret).map((f) => `535-5.7.8 ${f.name}: ${f.text} .`),
    `535-5.7.8 Username and Password not accepted. ${secret}`,
    `535-5.7.8 Learn more at https://lab.test/${secret} or https://lab.test/help?p=${encodeURIComponent(secret)}&u=x`,
    `535-5.7.8 split: ${points.slice(0, half).join('')}`,
    `535 5.7.8 ${points.slice(half).join('')} end`,
  ];
}

/** Where a form counts as shown: as written, and as our outputs escape it (JSON strings, control characters). */
function shownAs(form: string): string[] {
  const json = JSON.stringify(form).slice(1, -1);
  const escaped = form.replace(/\0/g, '\\x00');
  return [...new Set([form, json, escaped, JSON.stringify(escaped).slice(1, -1)])];
}

function count(text: string, form: string): number {
  let n = 0;
  for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + form.length)) n++;
  return n;
}

/**
 * No form of `secret` in `output` beyond what the same command printed with the baseline password: a weak password
 * ("test") is a word of our own text and of the server's ("hostile.test"), so only copies the baseline run lacks are
 * echoes. A strong secret must not appear at all, nor any 8-character piece of it. A secret of one character is
 * taken out only as typed (its case-folded copy "C" marks our lines); "Pa" echoed "PA" or "pa" is an echo.
 */
function assertNoLeak(output: string, baseline: string, secret: string, where: string): void {
  for (const { name, text } of echoForms(secret)) {
    if (Array.from(secret).length < 2 && ['upper', 'lower', 'swapcase'].includes(name) && text !== secret) continue;
    for (const form of shownAs(text))
      assert.ok(
        count(output, form) <= count(baseline, form),
        `${where}: the ${name} form ${JSON.stringify(form)} of ${JSON.stringify(secret)} is shown ${count(output, form)} times, ${count(baseline, form)} with another password`,
      );
  }
  // What the server echoed of the PLAIN blob: as sent, URL-safe, and encoded again.
  const blob = b64(`\0${USER}\0${secret}`);
  for (const form of [blob, blob.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), b64(blob)])
    assert.ok(!output.includes(form.slice(-12)), `${where}: the PLAIN blob of ${JSON.stringify(secret)} is shown`);
  if (!isWeakSecret(secret)) assert.deepEqual(leaks(output, secret), [], `${where}: ${JSON.stringify(secret)}`);
}

/** Our own text of a report: what must not change with the password. */
function ownText(report: Report): unknown {
  return {
    verdict: report.verdict,
    findings: report.findings.map((f) => ({
      id: f.id,
      signature: f.signature,
      severity: f.severity,
      title: f.title,
      fixes: f.fixes,
      deadEnds: f.deadEnds,
      docs: f.docs,
      confidence: f.confidence,
    })),
    nextSteps: report.nextSteps,
  };
}

let certs: LabCertificates;
before(async () => {
  certs = await labCertificates();
});

const echoing = (secret: string): ReturnType<typeof hostile> =>
  hostile(certs, {
    auth: (ctx, line) => {
      for (const l of echoReply(secret, line)) ctx.line(l);
      return Promise.resolve(true);
    },
  });

const COMMANDS: { name: string; args: (port: number) => string[] }[] = [
  {
    name: 'check --json --verbose',
    args: (p) => ['check', ...login(p, '--mechanism', 'PLAIN', '--json', '--verbose')],
  },
  { name: 'check --verbose', args: (p) => ['check', ...login(p, '--mechanism', 'PLAIN', '--verbose')] },
  { name: 'session', args: (p) => ['session', ...login(p, '--mechanism', 'PLAIN')] },
  { name: 'session --json', args: (p) => ['session', ...login(p, '--mechanism', 'PLAIN', '--json')] },
];

/** Runs every command with `secret` against a server echoing it. */
async function runAll(secret: string): Promise<CliRun[]> {
  const runs: CliRun[] = [];
  for (const c of COMMANDS) runs.push((await cliAgainst(echoing(secret), c.args, { env: { PW: secret } })).result);
  return runs;
}

/** The session's summary: everything after the transcript (our words about the outcome), without the reply quoted. */
function sessionSummary(stdout: string): string {
  return stdout.slice(stdout.lastIndexOf('\n\n')).replace(/\d{3}[ -]\d\.\d\.\d[^|\n]*/g, '<reply>');
}

describe('secret properties: check and session against a server echoing the password in every form', () => {
  let baseline: CliRun[] = [];
  before(async () => {
    baseline = await runAll(BASELINE);
  });
  for (const secret of PASSWORDS) {
    test(`secret properties: ${JSON.stringify(secret)} shows in no output, and our text is that of a random password`, async () => {
      const runs = await runAll(secret);
      runs.forEach((run, i) => {
        const name = COMMANDS[i]?.name ?? '';
        const base = baseline[i] ?? run;
        assertNoLeak(run.stdout, base.stdout, secret, `${name} (stdout)`);
        assertNoLeak(run.stderr, base.stderr, secret, `${name} (stderr)`);
        assert.equal(run.code, base.code, name);
      });
      const [json, text, session, sessionJson] = runs;
      const [baseJson, baseText, baseSession] = baseline;
      const report = JSON.parse(json?.stdout ?? '') as Report;
      assert.equal(report.findings[0]?.id, 'credentials-rejected');
      assert.deepEqual(ownText(report), ownText(JSON.parse(baseJson?.stdout ?? '') as Report));
      assert.equal(report.evidence.credentials?.username, USER);
      // The text report's own lines: everything but the transcript and the quoted replies is the same.
      const own = (out: string): string[] =>
        out
          .split('\n')
          .filter((l) => !/redacted|\d+ characters|^\s*(│|<~|~>|\[|\d{3}[ -])/.test(l))
          .map((l) => l.replace(/\d+/g, '#'));
      assert.deepEqual(own(text?.stdout ?? ''), own(baseText?.stdout ?? ''));
      assert.equal(sessionSummary(session?.stdout ?? ''), sessionSummary(baseSession?.stdout ?? ''));
      assert.ok(sessionJson?.stdout.includes('[redacted]'), 'the echo was there, and was redacted');
    });
  }
});

describe('secret properties: the scrubber alone, every echo form of every password', () => {
  for (const secret of [...PASSWORDS, BASELINE]) {
    test(`secret properties: every echo of ${JSON.stringify(secret)} is taken out, and only the echo`, () => {
      const scrubber = new FormScrubber('[redacted]');
      scrubber.addSecret(secret);
      for (const { name, text } of echoForms(secret)) {
        // A single character is taken out only as typed: "C", the upper-case "c", marks our lines.
        if (Array.from(secret).length < 2 && ['upper', 'lower', 'swapcase'].includes(name) && text !== secret) continue;
        const out = scrubber.scrub(`535 5.7.8 you sent: ${text} (wrong)`);
        assert.equal(out, '535 5.7.8 you sent: [redacted] (wrong)', `${name}: ${out}`);
      }
      const points = Array.from(secret);
      for (let cut = 1; cut < points.length; cut++) {
        const lines = [
          `535-5.7.8 you sent ${points.slice(0, cut).join('')}`,
          `535 5.7.8 ${points.slice(cut).join('')}`,
        ];
        assert.deepEqual(
          scrubber.scrubLines(lines, (l) => /^\d{3}[ -]\d\.\d\.\d /.exec(l)?.[0].length ?? 0),
          ['535-5.7.8 you sent [redacted]', '535 5.7.8 [redacted]'],
          `split after ${cut}`,
        );
      }
    });
  }

  test('secret properties: a weak password is taken out only as a whole token, never from inside our words', () => {
    const cases: [secret: string, text: string][] = [
      ['password', 'app-password-required: use app-passwords, passwordless'],
      ['test', 'alice@lab.test tested'],
      ['gmail', 'smtp.gmail.com'],
      ['mail', 'support.google.com/mail/?p=BadCredentials mailbox'],
      ['smtp', 'gsmtp smtp.example.com'],
      ['Pa', 'Password PAM pA55'],
    ];
    for (const [secret, text] of cases) {
      const scrubber = new FormScrubber('[redacted]');
      scrubber.addSecret(secret);
      assert.equal(scrubber.scrub(text), text, secret);
      assert.equal(scrubber.scrub(`${text} ${secret}`), `${text} [redacted]`, secret);
    }
  });
});

describe('secret properties: explain of a pasted session in which the server echoed the password', () => {
  /** A swaks-style paste: our AUTH PLAIN line, then the server's echoing reply. */
  const paste = (secret: string): string => {
    const line = `AUTH PLAIN ${b64(`\0${USER}\0${secret}`)}`;
    // nodemailer's error line quotes the reply's first line again: here the one that ends in the secret's first part.
    return [' ~> EHLO client.example', '<~  250 AUTH PLAIN LOGIN', ` ~> ${line}`]
      .concat(echoReply(secret, line).map((l) => `<~* ${l}`))
      .concat(`Error: Invalid login: 535 5.7.8 split: ${firstPart(secret)}`)
      .join('\n');
  };
  const FORMATS = [['--json'], []];
  const explain = async (secret: string): Promise<CliRun[]> => {
    const runs: CliRun[] = [];
    for (const format of FORMATS) runs.push(await runCli(['explain', ...format], { stdin: paste(secret) }));
    return runs;
  };
  let baseline: CliRun[] = [];
  before(async () => {
    baseline = await explain(BASELINE);
  });
  for (const secret of PASSWORDS) {
    test(`secret properties: explain with ${JSON.stringify(secret)} shows it in no output, and our text is unchanged`, async () => {
      const runs = await explain(secret);
      runs.forEach((run, i) => {
        const where = `explain ${FORMATS[i]?.join(' ') ?? ''}`;
        const base = baseline[i] ?? run;
        assertNoLeak(run.stdout, base.stdout, secret, `${where} (stdout)`);
        assertNoLeak(run.stderr, base.stderr, secret, `${where} (stderr)`);
        assert.equal(run.code, base.code, where);
        // The first part, quoted again on its own (a one-character part of a two-character secret is left: every
        // token of one character would go with it).
        if (firstPart(secret).length > 1)
          assert.ok(!run.stdout.includes(`split: ${JSON.stringify(firstPart(secret)).slice(1, -1)}`), where);
      });
      assert.deepEqual(
        ownText(JSON.parse(runs[0]?.stdout ?? '') as Report),
        ownText(JSON.parse(baseline[0]?.stdout ?? '') as Report),
      );
    });
  }
});

describe('secret properties: the recorder scrubs what came from outside, never our own words', () => {
  test('secret properties: with the password "mail", our MAIL FROM and notes stay whole, the server\'s echo goes', () => {
    const recorder = new TranscriptRecorder();
    recorder.protect(new Secret('mail'));
    recorder.record('client', 'mail', true, 'MAIL FROM:<mail@lab.test>');
    recorder.record('info', 'quit', true, 'the mail server closed the connection');
    recorder.recordServerLines('auth', true, ['535-5.7.8 you sent mail', '535 5.7.8 see mail.lab.test']);
    assert.deepEqual(
      recorder.events().map((e) => e.text),
      [
        'MAIL FROM:<mail@lab.test>',
        'the mail server closed the connection',
        '535-5.7.8 you sent [redacted]\n535 5.7.8 see mail.lab.test',
      ],
    );
  });

  test('secret properties: a strong secret is taken even out of our own lines (a user name that holds it)', () => {
    const recorder = new TranscriptRecorder();
    recorder.protect(new Secret('Zq7!vR2#pLm9'));
    recorder.record('client', 'mail', true, 'MAIL FROM:<Zq7!vR2#pLm9@lab.test>');
    assert.equal(recorder.events()[0]?.text, 'MAIL FROM:<[redacted]@lab.test>');
  });
});
