// Terminal report: user names are shown as typed (no JSON doubling of backslashes), control characters still escaped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportOf } from '../helpers/report.js';
import type { Report } from '../../src/model/report.js';
import { renderReportText } from '../../src/report/text.js';
import { live } from '../fixtures/evidence.js';

function rendered(username: string): string {
  const evidence = live({
    host: 'mail.example.org',
    port: 587,
    security: 'starttls',
    until: { auth: '235 2.7.0 Authentication successful', username },
  });
  return renderReportText(reportOf('check', evidence), { color: false });
}

describe('text report: user names', () => {
  const cases: [string, string, string][] = [
    ['a DOMAIN\\user name keeps its single backslash', 'LAB\\alice', '"LAB\\alice"'],
    ['an address is quoted as it is', 'alice@example.org', '"alice@example.org"'],
    ['a name with an escape character shows it escaped', 'ali\u001b[31mce', '"ali\\x1b[31mce"'],
    ['a name with a newline shows it escaped', 'alice\nbob', '"alice\\nbob"'],
  ];
  for (const [what, username, shown] of cases)
    test(`text report: ${what}`, () => {
      const text = rendered(username);
      const target = text.split('\n')[1] ?? '';
      assert.ok(target.includes(`user ${shown}`), target);
      const proven = text.split('\n').find((l) => l.startsWith('Proven to work')) ?? '';
      assert.ok(proven.includes(`as ${shown}`), proven);
      assert.ok(!text.includes('\u001b'), 'a raw escape character reached the terminal');
    });
});

describe('text report: the verdict line renders the reason the pipeline gave', () => {
  const evidence = live({ host: 'mail.example.org', port: 587, security: 'starttls', until: { connected: true } });
  const base = { ...reportOf('check', evidence), findings: [], verdict: 'inconclusive' as const };
  const cases: [NonNullable<Report['inconclusiveReason']> | undefined, string][] = [
    ['login-not-tested', 'Verdict: inconclusive — the login was not tested.'],
    [
      'unknown-reply',
      'Verdict: inconclusive — smtp-doctor does not know this reply, so only its codes can be explained.',
    ],
    ['code-only', 'Verdict: inconclusive — the code alone does not name a cause; the text of the reply does.'],
    [
      'nothing-recognised',
      'Verdict: inconclusive — nothing in this text matches a reply, error or message smtp-doctor knows.',
    ],
    ['no-diagnosis', 'Verdict: inconclusive — no diagnosis could be made.'],
    [undefined, 'Verdict: inconclusive — no diagnosis could be made.'],
  ];
  for (const [reason, line] of cases)
    test(`text report: ${reason ?? 'a report saved without a reason'} reads "${line}"`, () => {
      const { inconclusiveReason: _dropped, ...rest } = base;
      const report: Report = reason === undefined ? rest : { ...rest, inconclusiveReason: reason };
      assert.equal(renderReportText(report, { color: false }).split('\n')[0], line);
    });
});
