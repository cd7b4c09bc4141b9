// Diagnosis: Evidence in, Findings out — every rule of the registry, merged and ordered so the root cause comes first.
import type { Evidence } from '../model/evidence.js';
import type { Confidence, Finding, Fix, Severity } from '../model/finding.js';
import { cause, note } from './cite.js';
import { buildContext, type DiagnoseContext } from './context.js';
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
 * Findings ordered root cause first: problems before successes (but a working login before the warnings about it), the
 * user's own settings before alternatives, the earliest failing layer of a session first, then confidence. Findings with the same id and detail are merged.
 */
export function diagnose(evidence: Evidence, rules: readonly Rule[] = RULES): Finding[] {
  const context = buildContext(evidence);
  const ranked: Ranked[] = [];
  rules.forEach((rule, ruleIndex) => {
    for (const c of runRule(rule, context)) ranked.push({ ...c, rule: ruleIndex, emitted: ranked.length });
  });
  // When the login works (a success and no error: the verdict is ok), the success is the root finding and the warnings
  // about it (credentials sent in the clear, a certificate accepted with checks off) follow it.
  const works =
    ranked.some((r) => r.finding.severity === 'ok') &&
    !ranked.some((r) => r.finding.severity === 'error' || r.finding.id === 'internal-error');
  const severity = (c: Ranked): number =>
    works && c.finding.severity === 'ok' ? -1 : SEVERITY_RANK[c.finding.severity];
  // In pasted text the layer of a low-confidence reading is itself a guess (the command a bare code most often
  // answers): a reading the evidence names better goes first, whatever layer it is at.
  const pasted = context.sessions.length === 0;
  const guess = (r: Ranked): number => (pasted && r.finding.confidence === 'low' ? 1 : 0);
  ranked.sort(
    (a, b) =>
      severity(a) - severity(b) ||
      (a.origin === b.origin ? 0 : a.origin === 'configured' ? -1 : 1) ||
      guess(a) - guess(b) ||
      LAYER_RANK[a.layer] - LAYER_RANK[b.layer] ||
      CONFIDENCE_RANK[a.finding.confidence] - CONFIDENCE_RANK[b.finding.confidence] ||
      a.rule - b.rule ||
      a.emitted - b.emitted,
  );
  return merge(ranked.map((r) => r.finding));
}

/**
 * A rule that throws is a bug of ours, and it must not pass unseen: the other rules still run, and the crash becomes a
 * finding of its own, which keeps the verdict from reading "ok" on evidence a rule could not read.
 */
function runRule(rule: Rule, context: DiagnoseContext): Candidate[] {
  try {
    return rule.run(context);
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return [
      cause(
        context,
        'internal.rule-crashed',
        {
          params: { rule: rule.id, error: error.length > 200 ? `${error.slice(0, 199)}…` : error },
          evidence: [note('internal.rule-crashed', { rule: rule.id, error })],
          fixes: [],
          confidence: 'high',
          severity: 'warning',
        },
        'outcome',
      ),
    ];
  }
}

/**
 * Two findings with the same id and detail say the same thing: keep the first, add the other's evidence and advice.
 * A finding that says the same more broadly (no detail, or a detail the other's extends: "refresh" and
 * "refresh-invalid-grant") is folded into the precise one, which takes the place of the first of the two: its
 * evidence and docs join, its fixes do not (the precise finding's fixes are the ones that apply).
 */
function merge(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const broader = out.findIndex((o) => broadens(o, f));
    if (broader >= 0) {
      const general = out[broader];
      if (general) out[broader] = fold(structuredClone(f), general);
      continue;
    }
    const precise = out.find((o) => broadens(f, o));
    if (precise) {
      fold(precise, f);
      continue;
    }
    const same = out.find((o) => o.id === f.id && o.detail === f.detail);
    if (!same) {
      out.push(structuredClone(f));
      continue;
    }
    for (const q of f.evidence) if (!same.evidence.some((e) => e.text === q.text)) same.evidence.push(q);
    // One piece of advice, one key: the first wording stays. The same change of settings is one fix too.
    for (const fix of f.fixes)
      if (!same.fixes.some((x) => sameKey(x, fix) || sameSettings(x.settings, fix.settings))) same.fixes.push(fix);
    // A dead end is named by what is tried (its id): a second reason why it will not help is the same advice.
    for (const d of f.deadEnds) if (!same.deadEnds.some((x) => sameKey(x, d))) same.deadEnds.push(d);
    for (const d of f.docs) if (!same.docs.some((x) => x.url === d.url)) same.docs.push(d);
    same.signature ??= f.signature;
    same.provider ??= f.provider;
  }
  return out;
}

/** `general` says what `precise` says, less exactly: the same id, and no detail or a detail the other's extends. */
function broadens(general: Finding, precise: Finding): boolean {
  if (general.id !== precise.id || precise.detail === undefined || general.detail === precise.detail) return false;
  return general.detail === undefined || precise.detail.startsWith(`${general.detail}-`);
}

/** The precise finding with the broader one's evidence, dead ends and docs added. */
function fold(precise: Finding, general: Finding): Finding {
  for (const q of general.evidence) if (!precise.evidence.some((e) => e.text === q.text)) precise.evidence.push(q);
  for (const d of general.deadEnds)
    if (!precise.deadEnds.some((x) => sameKey(x, d) || x.text === d.text)) precise.deadEnds.push(d);
  for (const d of general.docs) if (!precise.docs.some((x) => x.url === d.url)) precise.docs.push(d);
  precise.signature ??= general.signature;
  precise.provider ??= general.provider;
  return precise;
}

/** Every fix and dead end carries the key knowledge gave it: advice with the same key is the same advice. */
function sameKey(a: { id?: string }, b: { id?: string }): boolean {
  return a.id !== undefined && a.id === b.id;
}

function sameSettings(a: Fix['settings'], b: Fix['settings']): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k as keyof typeof a] === b[k as keyof typeof b]);
}
