/* eslint-disable no-control-regex -- these tests look for terminal escape sequences on purpose */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { renderReportJson } from '../../src/report/json.js';
import { renderReportText } from '../../src/report/text.js';
import { goldenReports, stable } from './fixtures.js';

/** Golden files change only on purpose: UPDATE_GOLDEN=1 npm run test:unit rewrites them. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DIR = new URL('../golden/', import.meta.url);

function golden(name: string, actual: string): void {
  const file = new URL(name, DIR);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) assert.fail(`${name} is missing: run UPDATE_GOLDEN=1 npm run test:unit`);
    writeFileSync(file, actual);
    return;
  }
  assert.equal(
    actual,
    readFileSync(file, 'utf8'),
    `${name} differs; if the change is intended, run UPDATE_GOLDEN=1 npm run test:unit`,
  );
}

describe('golden reports', () => {
  for (const [name, { report, transcript }] of Object.entries(goldenReports())) {
    test(`report: ${name} renders as its golden text`, () =>
      golden(`${name}.txt`, renderReportText(report, { color: false, transcript: transcript ?? false })));
    test(`report: ${name} renders as its golden JSON`, () => golden(`${name}.json`, renderReportJson(stable(report))));
  }

  test('report: colour is ANSI only when asked for, and the words are the same', () => {
    const { report } = goldenReports()['explain-nodemailer-gmail-535'] ?? {};
    assert.ok(report);
    const plain = renderReportText(report, { color: false });
    const coloured = renderReportText(report, { color: true });
    assert.doesNotMatch(plain, /\u001b\[/);
    assert.match(coloured, /\u001b\[/);
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });

  test('report: server text cannot drive the terminal', () => {
    const { report } = goldenReports()['explain-codes-235-535'] ?? {};
    assert.ok(report);
    const hostile = {
      ...report,
      findings: report.findings.map((f) => ({
        ...f,
        evidence: [{ text: 'bad\u001b[2Jreply\u0007', source: 'pasted' as const }],
      })),
    };
    assert.doesNotMatch(renderReportText(hostile, { color: false }), /\u001b|\u0007/);
  });
});
