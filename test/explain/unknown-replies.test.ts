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
  // A refusal is never left without a reading: the generic one of its code, at the command it answered (or most often
  // answers), with low confidence. Only a reply that refuses nothing is left to the code meanings.
  const refusals: [string, string, string, string][] = [
    [
      'a refusal with an enhanced code, at the command its code most often answers',
      '554 5.7.1 Some unknown policy text',
      'sender-rejected/message-refused',
      'low',
    ],
    [
      'a transient refusal without one after a log prefix',
      'Error: 451 Unusual policy failure at this site',
      'auth-temporary-failure/unknown-command',
      'low',
    ],
    [
      'a refusal whose enhanced code names the recipient (a surer guess of the command than the code alone)',
      '550 5.1.1 Some unknown words',
      'recipient-rejected/',
      'medium',
    ],
  ];
  for (const [what, text, first, confidence] of refusals) {
    test(`explain: ${what} gets the generic reading of its codes, with ${confidence} confidence`, () => {
      const { report } = explain(text);
      assert.equal(report.verdict, 'fail');
      const found = report.findings[0];
      assert.equal(`${found?.id ?? 'none'}/${found?.detail ?? ''}`, first);
      assert.equal(found?.confidence, confidence);
    });
  }

  const unknown: [string, string, string[]][] = [
    ['a reply that refuses nothing', '252 2.1.5 Cannot VRFY user, but will accept message', ['252']],
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
    const { report } = explain('Mailer settings: SMTP host: smtp.example.org, port: 587\n252 2.1.5 Odd answer');
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

  test('explain: a low-confidence guess at an earlier step does not outrank a reading the words name', () => {
    // The first refusal's command is a guess from its code; the second names AUTH in its words.
    const paste = ['502 5.5.2 Error: command not recognized', 'AUTH LOGIN', '500 Error: command "AUTH" not recognized'];
    const [first] = explain(paste.join('\n')).report.findings;
    assert.equal(first?.id, 'auth-not-offered');
    assert.notEqual(first.confidence, 'low');
  });
});
