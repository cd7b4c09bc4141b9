import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Report } from '../../src/model/report.js';
import { reportJsonSchema, reportSchema } from '../../src/report/schema.js';
import { renderFindingsDoc } from '../../scripts/findings-doc.js';
import { runCli } from '../helpers/cli.js';
import { loadCorpus } from '../explain/corpus.js';
import { goldenReports } from './fixtures.js';

const root = new URL('../../', import.meta.url);
const checkedIn = JSON.parse(readFileSync(new URL('docs/report.schema.json', root), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(checkedIn);

function assertValid(report: unknown, what: string): void {
  const ok = validate(report);
  assert.ok(ok, `${what}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

describe('report schema', () => {
  test('docs: report.schema.json is current (npm run docs regenerates it)', () => {
    assert.equal(readFileSync(new URL('docs/report.schema.json', root), 'utf8'), reportJsonSchema());
  });

  test('docs: findings.md is current (npm run docs regenerates it)', () => {
    assert.equal(readFileSync(new URL('docs/findings.md', root), 'utf8'), renderFindingsDoc());
  });

  test('docs: findings.md documents every finding id and every signature', () => {
    const doc = renderFindingsDoc();
    for (const id of Object.keys(
      (reportSchema.shape.findings.element.shape.id as { enum: Record<string, string> }).enum,
    ))
      assert.ok(doc.includes(`\`${id}\``), id);
    for (const sig of loadCorpus()
      .map((s) => s.signature)
      .filter((s): s is string => s !== undefined))
      assert.ok(doc.includes(`#### \`${sig}\``), sig);
  });

  test('report: every golden report validates against the checked-in schema', () => {
    for (const [name, { report }] of Object.entries(goldenReports()))
      assertValid(JSON.parse(JSON.stringify(report)), name);
  });

  test('report: every explain --json output of the corpus validates against the schema', async () => {
    for (const sample of loadCorpus()) {
      const run = await runCli(['explain', '--json', '-'], { stdin: sample.text });
      assertValid(JSON.parse(run.stdout) as Report, sample.name);
    }
  });

  type Loose = Record<string, unknown>;
  const firstFinding = (r: Loose): Loose => {
    const [first] = r.findings as Loose[];
    if (!first) throw new Error('the golden report has no finding');
    return first;
  };
  const broken: [string, (r: Loose) => void][] = [
    ['an unknown verdict', (r) => (r.verdict = 'maybe')],
    ['a finding id that does not exist', (r) => (firstFinding(r).id = 'password-wrong')],
    ['a finding without evidence', (r) => (firstFinding(r).evidence = [])],
    ['an extra top-level field', (r) => (r.password = 'x')],
  ];
  for (const [what, change] of broken) {
    test(`report: the schema rejects ${what}`, () => {
      const { report } = goldenReports()['explain-nodemailer-gmail-535'] ?? {};
      const copy = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
      change(copy);
      assert.equal(validate(copy), false);
    });
  }
});
