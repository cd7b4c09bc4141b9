// Fuzzing explain: random pasted text and mutated real samples never throw, never stall, never reach a terminal raw,
// and a secret pasted in any place a client prints one never comes out.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { listSignatures } from '../../src/knowledge/index.js';
import { explain } from '../../src/check/explain.js';
import { renderReportJson } from '../../src/report/json.js';
import { renderReportText } from '../../src/report/text.js';
import { PASTES } from './explain-corpus.js';
import { fuzzParameters } from './fuzz.js';
import { leaks, PASSWORD, TOKEN, USER } from './support.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/**
 * Carriers of a password outside SMTP transcripts, as users paste them: settings dumps of other languages, unquoted
 * settings, URLs of every mail scheme, command lines, and base64 blobs that no AUTH line announces.
 */
const CARRIERS: [name: string, text: string][] = [
  ['a Ruby hash', `{:address=>"smtp.gmail.com", :user_name=>"${USER}", :password=>${JSON.stringify(PASSWORD)}}`],
  ['a "Password:" line', `Password: ${PASSWORD}\n535 5.7.8 Username and Password not accepted.`],
  ['Go %+v of a settings struct', `{Host:smtp.gmail.com Port:587 User:${USER} Pass:${PASSWORD}}`],
  ['a YAML setting', `SMTP_USER: ${USER}\nSMTP_PASSWORD: ${PASSWORD}\nSMTP_PORT: 587`],
  ['"passwd <secret>" as typed', `passwd ${PASSWORD}`],
  [
    'an smtp+ssl:// URL',
    `EMAIL_URL=smtp+ssl://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@smtp.gmail.com:465`,
  ],
  ['a submission:// URL', `submission://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@smtp.gmail.com`],
  ['an smtps+starttls:// URL', `smtps+starttls://me:${encodeURIComponent(PASSWORD)}@smtp.gmail.com:587`],
  ['curl -u', `curl --url smtp://smtp.gmail.com:587 -u ${USER}:${PASSWORD} --mail-from ${USER}`],
  ['curl --user, quoted', `curl --user '${USER}:${PASSWORD}' smtp://smtp.gmail.com`],
  ['a reply echoing a PLAIN blob', `535 5.7.8 Error: authentication failed: PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}`],
  ['a bare PLAIN blob', b64(`\0${USER}\0${PASSWORD}`)],
  ['an HTTP Basic header', `Authorization: Basic ${b64(`${USER}:${PASSWORD}`)}`],
];
const ALL_PASTES: [string, string][] = [...PASTES, ...CARRIERS];

/** Real texts to mutate: every signature's wire samples, the corpus pastes, and test/fixtures/explain when present. */
const FIXTURES = new URL('../fixtures/explain/', import.meta.url).pathname;
const SAMPLES: string[] = [
  ...listSignatures().flatMap((s) => s.samples),
  ...ALL_PASTES.map(([, text]) => text),
  ...(existsSync(FIXTURES)
    ? readdirSync(FIXTURES)
        .filter((f) => /\.(txt|log)$/.test(f))
        .map((f) => readFileSync(join(FIXTURES, f), 'utf8'))
    : []),
];

/** Pieces that steer the parser: codes, markers of every client format, quoting, secrets' keys, controls. */
const TOKENS = [
  '535',
  '5.7.8',
  '334 ',
  '235 ',
  '250-',
  '\n',
  '\r\n',
  ' ~> ',
  '<~ ',
  'S: ',
  'C: ',
  "reply: b'",
  "send: '",
  'CLIENT -> SERVER: ',
  'SERVER -> CLIENT: ',
  'AUTH PLAIN ',
  'AUTH LOGIN',
  'AUTH XOAUTH2 ',
  'password=',
  'pass: ',
  '"',
  "'",
  '\\',
  'Bearer ',
  'smtp://',
  '@',
  ':',
  'VXNlcm5hbWU6',
  '=',
  '\x1b[31m',
  '\x1b]8;;x\x07',
  '\x9b',
  '\0',
  '\u202e',
  'é',
  ' ',
  'Error: Invalid login: ',
  "code: 'EAUTH'",
  'smtplib.SMTPAuthenticationError: ',
  'gmail.com',
];

const noise = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

/** Long runs of one piece: the inputs that make a backtracking regex take exponential time. */
const repeated = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS, 'a', '0', ' ', '.'), fc.integer({ min: 1, max: 4_000 })), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.map(([piece, times]) => piece.repeat(times)).join(''));

/** One edit of a real sample: insert, delete, duplicate a line, cut it short. */
const mutated = fc
  .tuple(
    fc.constantFrom(...SAMPLES),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), noise, fc.constantFrom('insert', 'delete', 'duplicate', 'cut')), {
      maxLength: 4,
    }),
  )
  .map(([sample, edits]) => {
    let text = sample;
    for (const [at, length, piece, edit] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      if (edit === 'insert') text = text.slice(0, i) + piece + text.slice(i);
      else if (edit === 'delete') text = text.slice(0, i) + text.slice(i + length);
      else if (edit === 'duplicate') text = `${text}\n${text.slice(i, i + length * 4)}`;
      else text = text.slice(0, Math.max(1, i));
    }
    return text;
  });

/** Real pastes holding secrets, kept whole, with noise lines before, between and after them. */
const withSecrets = fc
  .tuple(
    fc.array(fc.constantFrom(...ALL_PASTES.map(([, t]) => t)), { minLength: 1, maxLength: 3 }),
    fc.array(noise, { maxLength: 4 }),
  )
  .map(([pastes, lines]) => {
    const parts: string[] = [];
    pastes.forEach((p, i) => parts.push(lines[i] ?? '', p));
    parts.push(lines.at(-1) ?? '');
    return parts.join('\n');
  });

// eslint-disable-next-line no-control-regex -- control characters are what we look for
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;
/** A pasted log of this size is parsed in milliseconds; a catastrophic regex would take minutes. */
const STALL_MS = 2_000;

function explainAll(text: string): { json: string; plain: string } {
  const started = performance.now();
  const report = explain(text);
  const out = { json: renderReportJson(report), plain: renderReportText(report, { color: false }) };
  assert.ok(performance.now() - started < STALL_MS, 'explain finished (no catastrophic backtracking)');
  return out;
}

test('fuzz: explain never throws, stalls or prints raw control characters, whatever is pasted', () => {
  fc.assert(
    fc.property(fc.oneof(noise, mutated, repeated, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const { json, plain } = explainAll(text);
      assert.equal(RAW_CONTROL.exec(plain), null, 'text output holds a raw control character');
      assert.equal(RAW_CONTROL.exec(json), null, 'JSON output holds a raw control character');
      JSON.parse(json);
    }),
    fuzzParameters('explain', 150, 20_000),
  );
});

test('fuzz: explain never shows a secret pasted where a client prints one, whatever surrounds it', () => {
  fc.assert(
    fc.property(withSecrets, (text) => {
      const { json, plain } = explainAll(text);
      for (const secret of [PASSWORD, TOKEN]) {
        assert.deepEqual(leaks(plain, secret), [], 'text output');
        assert.deepEqual(leaks(json, secret), [], 'JSON output');
      }
    }),
    fuzzParameters('explain with secrets', 100, 20_000),
  );
});

test('fuzz: each carrier of a password outside a transcript is hidden, alone', () => {
  for (const [name, text] of CARRIERS) {
    const { json, plain } = explainAll(text);
    assert.deepEqual(leaks(plain, PASSWORD), [], `${name}: text output`);
    assert.deepEqual(leaks(json, PASSWORD), [], `${name}: JSON output`);
  }
});
