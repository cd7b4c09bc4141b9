// Terminal report: user names are shown as typed (no JSON doubling of backslashes), control characters still escaped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportOf } from '../helpers/report.js';
import type { Report } from '../../src/model/report.js';
import { renderReportText } from '../../src/report/text.js';
import { goldenReports } from './fixtures.js';
import { caps, live, secret } from '../fixtures/evidence.js';

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

/* eslint-disable no-control-regex -- the tests below look for terminal colour sequences on purpose */
describe('text report: a failed login cannot read like success (issue 14)', () => {
  const refused = live(
    {
      host: 'mail.example.org',
      port: 587,
      security: 'starttls',
      after: caps(['PLAIN', 'LOGIN']),
      until: { auth: '535 5.7.8 Authentication credentials invalid', username: 'alice@example.org' },
    },
    [],
    { credentials: { username: 'alice@example.org', secret: secret('wrong horse') } },
  );
  const report = reportOf('check', refused);
  const plain = renderReportText(report, { color: false });
  const lines = plain.split('\n');

  test('text report: the verdict line leads with "login failed"', () => {
    assert.match(lines[0] ?? '', /^Verdict: login failed — /);
  });

  test('text report: the proven section says the login is not proven, a label per line, and never "Proven to work"', () => {
    assert.doesNotMatch(plain, /Proven to work/);
    const at = lines.findIndex((l) =>
      l.startsWith('Reaches the login step (not a working login): mail.example.org:587'),
    );
    assert.ok(at > 0, plain);
    assert.deepEqual(lines.slice(at + 1, at + 5), [
      '  ✓ connects',
      '  ✓ TLS verified',
      '  ✓ AUTH offered',
      '  ✗ login refused (see above)',
    ]);
  });

  test('text report: in colour the verdict is red and the partial proof yellow, and the words do not change', () => {
    const coloured = renderReportText(report, { color: true });
    const first = coloured.split('\n')[0] ?? '';
    assert.ok(first.includes('\u001b[31m'), JSON.stringify(first));
    const proven = coloured.split('\n').find((l) => l.includes('Reaches the login step')) ?? '';
    assert.ok(proven.includes('\u001b[33m'), JSON.stringify(proven));
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });

  test('text report: a login that worked is green, and its proof says so', () => {
    const ok = reportOf(
      'check',
      live({
        host: 'mail.example.org',
        port: 587,
        security: 'starttls',
        until: { auth: '235 2.7.0 OK', username: 'a' },
      }),
    );
    const coloured = renderReportText(ok, { color: true }).split('\n');
    assert.ok((coloured[0] ?? '').includes('\u001b[32m'), JSON.stringify(coloured[0]));
    const proven = coloured.find((l) => l.includes('Proven to work')) ?? '';
    assert.ok(proven.includes('\u001b[32m') && proven.includes('the login works'), JSON.stringify(proven));
  });
});

describe('text report: width', () => {
  const report = goldenReports()['explain-nodemailer-gmail-535']?.report;
  assert.ok(report);
  const longest = (text: string): number =>
    Math.max(
      ...text
        .split('\n')
        .filter((l) => !l.includes('│') && !l.includes('http'))
        .map((l) => l.length),
    );

  test('text report: prose wraps at the width given', () => {
    assert.ok(longest(renderReportText(report, { color: false, width: 72 })) <= 72);
    const wide = longest(renderReportText(report, { color: false, width: 140 }));
    assert.ok(wide > 100 && wide <= 140, String(wide));
  });

  test('text report: never narrower than 60 columns', () => {
    const narrow = renderReportText(report, { color: false, width: 20 });
    assert.equal(narrow, renderReportText(report, { color: false, width: 60 }));
  });
});

test('text report: a duration is never split from its unit at the end of a line', () => {
  const evidence = live(
    {
      host: 'mail.example.org',
      port: 587,
      security: 'starttls',
      until: { failed: { kind: 'timeout', phase: 'connect', afterMs: 3, limit: 'phase' } },
    },
    [],
    { limits: { timeout: { ms: 3, userSet: true }, deadline: { ms: 60_000, userSet: false } } },
  );
  const report = reportOf('check', evidence);
  for (let width = 60; width <= 110; width += 1) {
    const text = renderReportText(report, { color: false, width });
    assert.doesNotMatch(text, /\n\s*m?s\b/, `width ${width}`);
  }
});
