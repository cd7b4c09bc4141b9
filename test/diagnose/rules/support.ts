// Rule tests: one table per rule — evidence in, exactly the findings the rule should emit (or none) out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import type { Candidate, Rule } from '../../../src/diagnose/types.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { Confidence, FindingId, SettingsPatch, Severity } from '../../../src/model/finding.js';

export interface Expected {
  id: FindingId;
  detail?: string;
  confidence?: Confidence;
  severity?: Severity;
  /** The fix ids, in order (exactly these). */
  fixes?: string[];
  /** The dead-end ids, in order (exactly these). */
  deadEnds?: string[];
  /** The settings of the first fix. */
  settings?: SettingsPatch;
  /** Words the title or summary must hold. */
  says?: RegExp;
  /** Words neither may hold. */
  neverSays?: RegExp;
  origin?: Candidate['origin'];
}

/** [what the case shows, the evidence, the findings the rule emits in order — [] when it must stay silent]. */
export type RuleCase = [string, Evidence, Expected[]];

/** Runs the rule alone on each case's evidence: a throw fails the case (diagnose would turn it into internal-error). */
export function testRule(rule: Rule, cases: readonly RuleCase[]): void {
  describe(`rule ${rule.id}`, () => {
    for (const [what, evidence, expected] of cases) {
      test(`${rule.id}: ${what}`, () => {
        const found = rule.run(buildContext(evidence));
        assert.deepEqual(
          found.map((c) => c.finding.id),
          expected.map((e) => e.id),
          `ids: ${found.map((c) => `${c.finding.id}/${c.finding.detail ?? ''}`).join(', ')}`,
        );
        expected.forEach((want, i) => {
          const got = found[i];
          assert.ok(got);
          const f = got.finding;
          assert.ok(rule.produces.includes(f.id), `${f.id} is not declared in produces`);
          assert.ok(f.evidence.length > 0, 'a finding without evidence');
          if (want.detail !== undefined) assert.equal(f.detail, want.detail);
          if (want.confidence !== undefined) assert.equal(f.confidence, want.confidence);
          if (want.severity !== undefined) assert.equal(f.severity, want.severity);
          if (want.origin !== undefined) assert.equal(got.origin, want.origin);
          if (want.fixes !== undefined)
            assert.deepEqual(
              f.fixes.map((x) => x.id),
              want.fixes,
            );
          if (want.deadEnds !== undefined)
            assert.deepEqual(
              f.deadEnds.map((x) => x.id),
              want.deadEnds,
            );
          if (want.settings !== undefined) assert.deepEqual(f.fixes[0]?.settings, want.settings);
          const words = `${f.title}\n${f.summary}`;
          if (want.says) assert.match(words, want.says);
          if (want.neverSays) assert.doesNotMatch(words, want.neverSays);
        });
      });
    }
  });
}
