// Diagnosis: Evidence in, Findings out — every rule of the registry, merged and ordered so the root cause comes first.
import type { Evidence } from '../model/evidence.js';
import type { Confidence, Finding, Fix, Severity } from '../model/finding.js';
import { buildContext } from './context.js';
import { RULES } from './registry.js';
import { LAYER_RANK, type Candidate, type Rule } from './types.js';

export { deriveWorking } from './working.js';
export { RULES } from './registry.js';
export type { Rule, Candidate, Layer } from './types.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, ok: 3 };
const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 };

interface Ranked extends Candidate {
  rule: number;
  emitted: number;
}

/**
 * Findings ordered root cause first: problems before successes, the user's own settings before alternatives, the
 * earliest failing layer of a session first, then confidence. Findings with the same id and detail are merged.
 */
export function diagnose(evidence: Evidence, rules: readonly Rule[] = RULES): Finding[] {
  const context = buildContext(evidence);
  const ranked: Ranked[] = [];
  rules.forEach((rule, ruleIndex) => {
    let candidates: Candidate[];
    try {
      candidates = rule.run(context);
    } catch {
      // Rules are written not to throw; if one does anyway, the other rules still produce a report.
      candidates = [];
    }
    for (const c of candidates) ranked.push({ ...c, rule: ruleIndex, emitted: ranked.length });
  });
  ranked.sort(
    (a, b) =>
      SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
      (a.origin === b.origin ? 0 : a.origin === 'configured' ? -1 : 1) ||
      LAYER_RANK[a.layer] - LAYER_RANK[b.layer] ||
      CONFIDENCE_RANK[a.finding.confidence] - CONFIDENCE_RANK[b.finding.confidence] ||
      a.rule - b.rule ||
      a.emitted - b.emitted,
  );
  return merge(ranked.map((r) => r.finding));
}

/** Two findings with the same id and detail say the same thing: keep the first, add the other's evidence and fixes. */
function merge(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const same = out.find((o) => o.id === f.id && o.detail === f.detail);
    if (!same) {
      out.push(structuredClone(f));
      continue;
    }
    for (const q of f.evidence) if (!same.evidence.some((e) => e.text === q.text)) same.evidence.push(q);
    // The same change of settings said twice in other words is one fix: the first wording stays.
    for (const fix of f.fixes)
      if (
        !same.fixes.some(
          (x) => sameWords(x.text, fix.text) || (fix.settings !== undefined && sameSettings(x.settings, fix.settings)),
        )
      )
        same.fixes.push(fix);
    // A dead end is named by its leading text ("Changing the password"): a second reason why it will not help is
    // the same advice, and the first reason stays.
    for (const d of f.deadEnds) if (!same.deadEnds.some((x) => sameWords(x.text, d.text))) same.deadEnds.push(d);
    for (const d of f.docs) if (!same.docs.some((x) => x.url === d.url)) same.docs.push(d);
    same.signature ??= f.signature;
    same.provider ??= f.provider;
  }
  return out;
}

/** Equal once case, punctuation and spacing are set aside: "Check the address." and "check the address" are one. */
function sameWords(a: string, b: string): boolean {
  return wordsOf(a) === wordsOf(b);
}

function wordsOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sameSettings(a: Fix['settings'], b: Fix['settings']): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k as keyof typeof a] === b[k as keyof typeof b]);
}
