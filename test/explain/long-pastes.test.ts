// Long pastes: bounded work and output however often a log repeats itself (no wall-clock assertions: sizes only).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Readable } from 'node:stream';
import { ERROR_BLOCKS, logWithErrorAt } from '../../bench/explain-inputs.js';
import { explainText, KEPT_CHARS, readPaste, readPasteFrom, WHOLE_CHARS } from '../../src/explain/index.js';
import { MAX_REPLIES } from '../../src/explain/repeats.js';
import type { Observation } from '../../src/model/evidence.js';
import { explain } from '../../src/check/explain.js';
import { renderReportJson } from '../../src/report/json.js';
import { renderReportText } from '../../src/report/text.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

function explainAll(text: string): { observations: Observation[]; lines: number; json: number; first: string } {
  const report = explain(text);
  const first = report.findings[0];
  return {
    observations: report.evidence.observations,
    lines: renderReportText(report, { color: false }).split('\n').length,
    json: renderReportJson(report).length,
    first: first ? `${first.id} ${first.evidence.map((e) => e.text).join(' | ')}` : 'none',
  };
}

/** A Gmail refusal as smtplib raises it, with the session id Gmail puts in every copy. */
const gmail = (i: number): string =>
  `2026-02-02 10:00:${String(i % 60).padStart(2, '0')} ERROR send failed for job ${i}\nsmtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. For more information, go to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials a640c23a62f${i} - gsmtp')\n`;

/** One session of a transcript: STARTTLS, then a refused login. */
const SESSION =
  '<-  220 mx.example.org ESMTP\n -> EHLO me\n<-  250-mx.example.org\n<-  250 STARTTLS\n -> STARTTLS\n<-  220 2.0.0 Ready to start TLS\n -> EHLO me\n<-  250-mx.example.org\n<-  250 AUTH PLAIN LOGIN\n -> AUTH LOGIN\n<-  334 VXNlcm5hbWU6\n -> bWVAZXhhbXBsZS5vcmc=\n<-  334 UGFzc3dvcmQ6\n -> Kioq\n<** 535 5.7.8 Error: authentication failed\n';

describe('explain: long pastes', () => {
  test('explain: the same refusal 3,000 times is one line of evidence that says how often it appears', () => {
    const text = Array.from({ length: 3000 }, (_, i) => gmail(i)).join('');
    assert.ok(text.length > 600_000, 'a realistic log of several hundred kilobytes');
    const out = explainAll(text);
    // The reply once, and what the text says about it once each (the client, its exception, the phase).
    assert.ok(out.observations.length <= 4, `${out.observations.length} observations`);
    assert.match(
      out.first,
      /^app-password-required [^|]*\(appears 3,000 times in the text, with other ids, addresses or numbers\)$/,
    );
    assert.doesNotMatch(out.first, / \| /, 'one quote, not one per copy');
    assert.ok(out.lines < 100, `${out.lines} lines of output`);
    assert.ok(out.json < 30_000, `${out.json} characters of JSON`);
  });

  test('explain: 40,000 short replies give a bounded report', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `550 5.1.1 u${i} unknown\n`).join('');
    assert.ok(text.length > 900_000);
    const out = explainAll(text);
    assert.ok(out.observations.length <= 3, `${out.observations.length} observations`);
    assert.ok(out.lines < 100, `${out.lines} lines of output`);
    assert.ok(out.json < 30_000, `${out.json} characters of JSON`);
  });

  test('explain: thousands of different refusals keep the first and last ones and say how many were left out', () => {
    const text = Array.from(
      { length: 10_000 },
      (_, i) =>
        `Recipient command failed: 550 5.7.1 ${WORDS[i % 10] ?? ''} ${WORDS[Math.floor(i / 10) % 10] ?? ''} ${WORDS[Math.floor(i / 100) % 10] ?? ''} ${WORDS[Math.floor(i / 1000) % 10] ?? ''} denied by policy\n`,
    ).join('');
    const out = explainAll(text);
    const replies = out.observations.filter((o) => o.kind === 'reply');
    assert.equal(replies.length, MAX_REPLIES);
    assert.match(replies[0]?.quote ?? '', /alpha alpha alpha alpha denied/);
    assert.match(replies.at(-1)?.quote ?? '', /juliet juliet juliet juliet denied/);
    assert.match(
      out.first,
      new RegExp(
        `explain kept ${MAX_REPLIES} of 10,000 different replies .*: ${(10_000 - MAX_REPLIES).toLocaleString('en-US')} left out`,
      ),
    );
    assert.ok(out.lines < 100, `${out.lines} lines of output`);
    assert.ok(out.json < 60_000, `${out.json} characters of JSON`);
  });

  test('explain: a session repeated 500 times reads like one (STARTTLS then the refused login)', () => {
    const once = explainAll(SESSION);
    const many = explainAll(SESSION.repeat(500));
    assert.equal(many.first.split(' ')[0], once.first.split(' ')[0]);
    assert.ok(many.observations.length <= 3 * once.observations.length, `${many.observations.length} observations`);
    const ehlo = many.observations.filter((o) => o.kind === 'reply' && o.phase === 'ehlo');
    assert.ok(
      ehlo.some((o) => o.kind === 'reply' && o.reply.text.includes('STARTTLS')),
      'the EHLO before TLS',
    );
    assert.ok(
      ehlo.some((o) => o.kind === 'reply' && o.reply.text.includes('AUTH')),
      'the EHLO after TLS',
    );
  });

  // [what, the replies to AUTH in order, the last one kept]
  const orders: [string, string[], number][] = [
    ['failures then a success', [...Array<string>(100).fill('535 5.7.8 nope'), '235 2.7.0 ok'], 235],
    [
      'a success between failures',
      ['535 5.7.8 nope', '235 2.7.0 ok', ...Array<string>(100).fill('535 5.7.8 nope')],
      535,
    ],
  ];
  for (const [what, replies, last] of orders) {
    test(`explain: repeated replies keep their order: ${what}`, () => {
      const text = replies.map((r) => ` -> AUTH PLAIN\n<-  ${r}\n`).join('');
      const auth = explainText(text).evidence.observations.filter((o) => o.kind === 'reply' && o.phase === 'auth');
      const final = auth.at(-1);
      assert.equal(final?.kind === 'reply' ? final.reply.code : 0, last);
    });
  }

  test('explain: three refused logins or more still warn about a lockout', () => {
    const text = Array.from({ length: 50 }, () => ' -> AUTH LOGIN\n<** 535 5.7.8 Error: authentication failed\n').join(
      '',
    );
    const report = explain(text);
    const warning = report.findings.find((f) => f.id === 'rate-limited');
    assert.ok(warning);
    // Counted as often as the text shows it, quoted once.
    assert.match(warning.summary, /^50 logins failed/);
    assert.equal(warning.evidence.length, 1);
  });
});

describe('explain: pastes of any size', () => {
  // A log four times longer than what is read whole: only the lines that can matter are explained.
  const LOG = 4 * WHOLE_CHARS;
  for (const at of [0.1, 0.5, 0.99]) {
    for (const [client, id] of [
      ['nodemailer', 'app-password-required'],
      ['dotnet', 'credentials-rejected'],
    ] as const) {
      test(`explain: a ${client} error ${String(Math.round(at * 100))}% of the way through a long log is found`, () => {
        const text = logWithErrorAt(LOG, ERROR_BLOCKS[client] ?? '', at);
        const report = explain(text);
        assert.equal(report.findings[0]?.id, id);
        const input = report.evidence.input;
        assert.ok(input, 'the report says that lines were left out');
        assert.equal(input.chars, text.length);
        assert.ok(input.keptChars <= KEPT_CHARS + 16, `${input.keptChars} characters kept`);
        assert.ok(input.keptLines < input.lines);
      });
    }
  }

  test('explain: a paste up to the limit is read whole, as it always was', () => {
    const text = logWithErrorAt(WHOLE_CHARS - 2000, ERROR_BLOCKS.smtplib ?? '', 0.5);
    const paste = readPaste(text);
    assert.equal(paste.text, text);
    assert.equal(paste.input, undefined);
    assert.equal(explain(text).evidence.input, undefined);
  });

  test('explain: a stream in pieces of any size (cutting lines and characters) gives what the string gives', async () => {
    const block = `${ERROR_BLOCKS.nodemailer ?? ''}\nÉchec d'envoi — naïve ünïcödé 😀 ${'x'.repeat(20_000)}\n`;
    for (const text of [logWithErrorAt(WHOLE_CHARS / 2, block, 0.3), logWithErrorAt(3 * WHOLE_CHARS, block, 0.7)]) {
      const whole = readPaste(text);
      for (const piece of [1 << 16, 7777, 100_003]) {
        const bytes = Buffer.from(text, 'utf8');
        const chunks: Buffer[] = [];
        for (let at = 0; at < bytes.length; at += piece) chunks.push(bytes.subarray(at, at + piece));
        const streamed = await readPasteFrom(Readable.from(chunks));
        assert.deepEqual(streamed, whole, `pieces of ${String(piece)} bytes`);
      }
    }
  });

  test('explain: a stream longer than its limit is refused', async () => {
    await assert.rejects(readPasteFrom(Readable.from([Buffer.alloc(1000, 0x61), Buffer.alloc(1000, 0x61)]), 1500), {
      name: 'Error',
      message: /more than 1500 bytes/,
    });
  });

  // Left-out lines are searched for secrets up to a million characters (each different line once).
  test('explain: a secret in a line that was left out is still hidden where a kept line echoes it', () => {
    const settings = Array.from(
      { length: 5_000 },
      (_, i) => `2026-03-14T08:00:00Z INFO [config] reloaded mailer.password=Pw${String(i).padStart(6, '0')}xyz\n`,
    ).join('');
    const text = `${settings}2026-03-14T08:00:01Z INFO [config] reloaded mailer.password=TheMiddleSecret42\n${settings}${settings}${settings}535 5.7.8 Authentication failed for user bob password TheMiddleSecret42\n`;
    assert.ok(text.length > WHOLE_CHARS);
    const paste = readPaste(text);
    assert.ok(!paste.text.includes('mailer.password=TheMiddleSecret42'), 'the line with the setting was left out');
    assert.ok(paste.text.includes('TheMiddleSecret42'), 'the reply that echoes it was kept');
    const report = renderReportJson(explain(text));
    assert.ok(!report.includes('TheMiddleSecret42'));
    assert.ok(!explainText(text).text.includes('TheMiddleSecret42'));
  });
});
