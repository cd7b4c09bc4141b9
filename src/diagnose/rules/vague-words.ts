// Rule: the last resort for pasted text nothing else could read — a reading of its broad words, ranked by how often
// each reading was right in the posted reports (knowledge/vague-words.ts), never above low confidence.
import { CAUSES, type CauseKey, type FixKey } from '../../knowledge/causes/index.js';
import { rankVague, VAGUE_PREFIX, type VagueMatch } from '../../knowledge/vague-words.js';
import type { FindingId } from '../../model/finding.js';
import { cause, fix } from '../cite.js';
import { pastedQuote } from '../quotes.js';
import { clientMessages } from '../reading/pasted.js';
import type { Candidate, Rule } from '../types.js';

/** How many readings the words give at most: the best, and the next ones as what else it may be. */
const MAX_READINGS = 3;

/** Every finding a reading of the words can lead to: the causes of the catalogue under `vague-words.`. */
const READABLE: readonly FindingId[] = Object.entries(CAUSES)
  .filter(([key]) => key.startsWith(VAGUE_PREFIX))
  .map(([, entry]) => entry.finding);

export const vagueWords: Rule = {
  id: 'vague-words',
  description:
    'Last resort for pasted text with no reply, error code or client message smtp-doctor reads: the readings its broad words ("timed out", "x509", "auth failed", a reply code in an unusual shape) most often had in posted reports, at low confidence.',
  produces: READABLE,
  run(context) {
    const observations = context.evidence.observations;
    const words = clientMessages(context).filter((o) => o.id.startsWith(VAGUE_PREFIX));
    // A last resort, not a tie-breaker: anything else read from the text (a refusal, an error code, a client message)
    // belongs to the rules that know it; successes may stand beside the words (lastResort checks no rule read them).
    if (words.length === 0) return [];
    if (observations.some((o) => !words.includes(o as never) && !(o.kind === 'reply' && o.reply.code < 400))) return [];
    const found: VagueMatch[] = words.map((o) => ({ phrase: o.id.slice(VAGUE_PREFIX.length), quote: o.quote }));
    const out: Candidate[] = [];
    for (const r of rankVague(found)) {
      const key = `${VAGUE_PREFIX}${r.finding}`;
      if (!(key in CAUSES)) continue;
      const entry = CAUSES[key as CauseKey];
      const evidence = words.filter((o) => o.quote === r.quote).map(pastedQuote);
      const params = { words: r.quote, percent: Math.round(100 * r.rate), basis: r.basis };
      out.push(
        cause(
          context,
          key as CauseKey,
          { params, evidence, fixes: entry.fixes.map((k) => fix(k as FixKey)), confidence: 'low' },
          'outcome',
        ),
      );
      if (out.length === MAX_READINGS) break;
    }
    return out;
  },
};

/**
 * A rule that speaks only when no other rule of `rules` found anything in the same evidence (read without the words'
 * observations, as the others would have read it): registry.ts wraps the vague-words rule in it.
 */
export function lastResort(rule: Rule, rules: () => readonly Rule[]): Rule {
  return {
    id: rule.id,
    description: rule.description,
    produces: rule.produces,
    run(context) {
      const own = rule.run(context);
      if (own.length === 0) return own;
      const others = rules().filter((r) => r.id !== rule.id);
      return others.some((r) => r.run(context).length > 0) ? [] : own;
    },
  };
}
