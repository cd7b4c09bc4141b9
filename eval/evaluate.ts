// Evaluation: explain every corpus text, and tally how often the first finding is right — by split, id, client family
// and confidence — and how often explain says nothing.
import { explain } from '../src/check/explain.js';
import type { Confidence, Finding } from '../src/model/finding.js';
import { holdsReplyCode, type CorpusCase, type Split } from './corpus.js';

export interface Outcome {
  case: CorpusCase;
  first: Finding | undefined;
  right: boolean;
  silent: boolean;
  withReply: boolean;
}

export function evaluate(cases: readonly CorpusCase[]): Outcome[] {
  return cases.map((c) => {
    const first = explain(c.text).findings[0];
    const right = first !== undefined && (first.id === c.expected || c.acceptable.includes(first.id));
    return { case: c, first, right, silent: first === undefined, withReply: holdsReplyCode(c.text) };
  });
}

interface Tally {
  n: number;
  right: number;
}

function pct(t: Tally): string {
  return t.n === 0 ? '—' : `${((100 * t.right) / t.n).toFixed(1)}%`;
}

function tally(outcomes: readonly Outcome[]): Tally {
  return { n: outcomes.length, right: outcomes.filter((o) => o.right).length };
}

function groupBy(outcomes: readonly Outcome[], key: (o: Outcome) => string): [string, Outcome[]][] {
  const map = new Map<string, Outcome[]>();
  for (const o of outcomes) map.set(key(o), [...(map.get(key(o)) ?? []), o]);
  return [...map.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

export function renderTables(outcomes: readonly Outcome[]): string {
  const splits: Split[] = ['tuning', 'held-out'];
  const of = (s: Split): Outcome[] => outcomes.filter((o) => o.case.split === s);
  const out: string[] = [];
  out.push('| split | texts | first finding right | silent | silent with a reply code |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const s of splits) {
    const o = of(s);
    const t = tally(o);
    out.push(
      `| ${s} | ${t.n} | ${t.right} (${pct(t)}) | ${o.filter((x) => x.silent).length} | ${o.filter((x) => x.silent && x.withReply).length} |`,
    );
  }
  out.push('');
  out.push('**By confidence of the first finding** (how often each level is right)');
  out.push('');
  out.push(`| confidence | ${splits.join(' | ')} |`);
  out.push(`| --- | ${splits.map(() => '---').join(' | ')} |`);
  for (const level of ['high', 'medium', 'low'] as Confidence[]) {
    const cells = splits.map((s) => {
      const t = tally(of(s).filter((o) => o.first?.confidence === level));
      return `${t.right}/${t.n} (${pct(t)})`;
    });
    out.push(`| ${level} | ${cells.join(' | ')} |`);
  }
  out.push('');
  out.push('**By expected finding**');
  out.push('');
  out.push(`| expected | ${splits.join(' | ')} |`);
  out.push(`| --- | ${splits.map(() => '---').join(' | ')} |`);
  for (const [id, group] of groupBy(outcomes, (o) => o.case.expected)) {
    const cells = splits.map((s) => {
      const t = tally(group.filter((o) => o.case.split === s));
      return t.n === 0 ? '—' : `${t.right}/${t.n}`;
    });
    out.push(`| \`${id}\` | ${cells.join(' | ')} |`);
  }
  out.push('');
  out.push('**By client family**');
  out.push('');
  out.push(`| family | ${splits.join(' | ')} |`);
  out.push(`| --- | ${splits.map(() => '---').join(' | ')} |`);
  for (const [family, group] of groupBy(outcomes, (o) => o.case.family)) {
    const cells = splits.map((s) => {
      const t = tally(group.filter((o) => o.case.split === s));
      return t.n === 0 ? '—' : `${t.right}/${t.n} (${pct(t)})`;
    });
    out.push(`| ${family} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

export function misses(outcomes: readonly Outcome[], split: Split): string[] {
  return outcomes
    .filter((o) => o.case.split === split && !o.right)
    .map(
      (o) =>
        `- ${o.case.expected} ← ${o.first ? `${o.first.id} (${o.first.confidence})` : 'nothing'} · ${o.case.client} · ${o.case.source}`,
    );
}
