// Library explain(): the offline door as one call — the same report the CLI prints, recognised once, renders only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';
import type { Report } from '../../src/model/report.js';
import { renderReportText } from '../../src/report/text.js';
import { runCli } from '../helpers/cli.js';

const GMAIL_SMTPLIB = 'smtplib.SMTPAuthenticationError: (535, b"5.7.8 Username and Password not accepted. x - gsmtp")';

/** Without the parts that change from run to run. */
function stable(report: Report): Report {
  return { ...report, tool: { ...report.tool, version: '0' }, timings: { totalMs: 0 } };
}

describe('library explain()', () => {
  test('explain(): the same report as `smtp-doctor explain --json`', async () => {
    for (const text of [GMAIL_SMTPLIB, '535 5.7.8', 'hello world', '554 5.7.1 Some unknown policy text']) {
      const run = await runCli(['explain', '--json', text]);
      assert.deepEqual(
        stable(JSON.parse(run.stdout) as Report),
        stable(JSON.parse(JSON.stringify(explain(text))) as Report),
      );
    }
  });

  test('explain(): the provider is recognised from the text and recorded on the evidence', () => {
    const report = explain(GMAIL_SMTPLIB);
    assert.deepEqual(
      report.evidence.providerHints.map((h) => `${h.provider}/${h.by}`),
      ['google/text'],
    );
    assert.equal(report.target?.provider, 'google');
    assert.equal(report.findings[0]?.id, 'app-password-required');
  });

  test('explain(): the hosts the text mentions are recorded on the evidence (clues to the provider)', () => {
    const report = explain('Error: 535 Authentication failed, see https://help.sendgrid.com/hc/en-us for help');
    assert.ok(report.evidence.mentions?.hosts.includes('help.sendgrid.com'));
  });

  const inconclusive: [string, string, Report['inconclusiveReason']][] = [
    [
      'a reply nobody knows that refuses nothing: only its codes are explained',
      '252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery',
      'unknown-reply',
    ],
    ['text with nothing known in it', 'hello world', 'nothing-recognised'],
  ];
  for (const [what, text, reason] of inconclusive)
    test(`explain(): ${what} is inconclusive, and the report says why`, () => {
      const report = explain(text);
      assert.equal(report.verdict, 'inconclusive');
      assert.equal(report.inconclusiveReason, reason);
      assert.ok((report.nextSteps ?? []).length > 0);
    });

  test('explain(): a diagnosed text has no inconclusive reason and no next steps', () => {
    const report = explain(GMAIL_SMTPLIB);
    assert.equal(report.inconclusiveReason, undefined);
    assert.equal(report.nextSteps, undefined);
  });

  test('explain(): bare codes are explained code by code', () => {
    const report = explain('535 5.7.8');
    assert.deepEqual(
      report.codes?.map((c) => c.code),
      ['535', '5.7.8'],
    );
  });

  test('explain(): the debug advice names the client the text shows, or the one the caller names', () => {
    const debugStep = (report: Report): string => report.nextSteps?.find((s) => /debug/.test(s)) ?? '';
    assert.match(debugStep(explain('hello world')), /nodemailer: .*PHPMailer: .*Python: /);
    const named = debugStep(explain('hello world', { client: 'phpmailer' }));
    assert.match(named, /PHPMailer: SMTPDebug = 2/);
    assert.doesNotMatch(named, /nodemailer/);
  });

  test('explain(): a secret in the text never reaches the report', () => {
    const text = [
      'C: AUTH PLAIN AGFsaWNlQGV4YW1wbGUub3JnAFMzY3JldFBhc3M5OQ==',
      'S: 535 5.7.8 Authentication failed',
    ].join('\n');
    const report = explain(text);
    const json = JSON.stringify(report);
    assert.doesNotMatch(json, /S3cretPass99/);
    assert.equal(report.evidence.credentials?.username, 'alice@example.org');
    assert.doesNotMatch(renderReportText(report, { color: false }), /S3cretPass99/);
  });
});
