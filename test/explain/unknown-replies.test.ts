import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain as explainReport } from '../../src/check/explain.js';
import type { Report } from '../../src/model/report.js';
import { renderReportText } from '../../src/report/text.js';

/** What `smtp-doctor explain` builds and prints for the text. */
function explain(text: string): { report: Report; printed: string } {
  const report = explainReport(text);
  return { report, printed: renderReportText(report, { color: false }) };
}

describe('explain: replies and codes no signature knows', () => {
  const unknown: [string, string, string[]][] = [
    ['a refusal with an enhanced code', '554 5.7.1 Some unknown policy text', ['554', '5.7.1']],
    ['a refusal without one after a log prefix', 'Error: 451 Unusual policy failure at this site', ['451']],
    [
      'two unknown refusals',
      '554 5.7.1 Some unknown policy text\n452 4.5.3 Odd complaint about this batch',
      ['554', '5.7.1', '452', '4.5.3'],
    ],
  ];
  for (const [what, text, codes] of unknown) {
    test(`explain: ${what} gets the meaning of its codes and next steps that fit, and stays inconclusive`, () => {
      const { report, printed } = explain(text);
      assert.equal(report.verdict, 'inconclusive');
      assert.deepEqual(report.findings, []);
      assert.deepEqual(
        report.codes?.map((c) => c.code),
        codes,
      );
      const steps = report.nextSteps?.join('\n') ?? '';
      assert.match(steps, /smtp-doctor check/);
      assert.match(steps, /debug transcript/);
      assert.doesNotMatch(steps, /reply line/);
      assert.match(printed, /does not know this reply, so only its codes can be explained/);
    });
  }

  test('explain: the check command suggested for an unknown reply names the host the text gives', () => {
    const { report } = explain('Could not connect to SMTP host: smtp.example.org, port: 587\n554 5.7.1 Odd policy');
    assert.match(report.nextSteps?.[0] ?? '', /smtp-doctor check smtp\.example\.org /);
  });

  test('explain: text with no reply at all still asks for the reply line', () => {
    const { report } = explain('Newsletter job 4411 failed after 3 retries.');
    assert.equal(report.codes, undefined);
    assert.match(report.nextSteps?.[0] ?? '', /reply line/);
  });

  test('explain: a known reply shows no code meanings', () => {
    assert.equal(explain('535 5.7.8 Authentication credentials invalid').report.codes, undefined);
  });

  const pairs: [string, string, string][] = [
    ['a reply code with its enhanced code', '530 5.7.0', 'The reply code and its enhanced code:'],
    ['a vendor enhanced code after its reply code', '535 5.7.139', 'The reply code and its enhanced code:'],
    ['two reply codes', '235 535', 'The codes side by side:'],
    ['a reply code and an enhanced code of another class', '250 5.7.8', 'The codes side by side:'],
    ['one code', '535', 'The code:'],
  ];
  for (const [what, text, heading] of pairs) {
    test(`explain: ${what} (${text}) is headed "${heading}"`, () => {
      const { printed } = explain(text);
      assert.ok(printed.includes(`\n${heading}\n`), printed);
    });
  }

  test('explain: 530 5.7.0 is read as one reply', () => {
    const { report } = explain('530 5.7.0');
    const replies = report.evidence.observations.filter((o) => o.kind === 'reply');
    assert.equal(replies.length, 1);
    assert.equal(report.findings.length, 1);
  });
});
