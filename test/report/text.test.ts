// Terminal report: user names are shown as typed (no JSON doubling of backslashes), control characters still escaped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportOf } from '../helpers/report.js';
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
