// The last-resort reader: broad, evidence-carrying words of a text no other reader understood (knowledge/vague-words.ts).
import {
  SMTP_CONTEXT,
  VAGUE_CODE,
  VAGUE_ENHANCED,
  VAGUE_PHRASES,
  VAGUE_PREFIX,
  type VagueMatch,
} from '../knowledge/vague-words.js';
import type { Observation } from '../model/evidence.js';

/** How many characters around a match are quoted (the words themselves, never a whole line of a log). */
const QUOTE_MAX = 80;

/**
 * Every vague phrase the text holds, once each, with the words of its first occurrence; reply codes and enhanced codes
 * count as phrases (`code-535`, `enhanced-5.7.8`) only when the text speaks of mail (SMTP_CONTEXT). Linear: each
 * pattern is run once over the text.
 */
export function vagueWords(text: string): VagueMatch[] {
  const out: VagueMatch[] = [];
  for (const p of VAGUE_PHRASES) {
    const m = p.pattern.exec(text);
    if (m) out.push({ phrase: p.id, quote: m[0].slice(0, QUOTE_MAX) });
  }
  if (!SMTP_CONTEXT.test(text)) return out;
  const seen = new Set<string>();
  for (const [prefix, re] of [
    ['code-', VAGUE_CODE],
    ['enhanced-', VAGUE_ENHANCED],
  ] as const)
    for (const m of text.matchAll(re)) {
      const phrase = `${prefix}${m[1] ?? ''}`;
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      out.push({ phrase, quote: m[0] });
    }
  return out;
}

/** The vague phrases of a text as observations for the vague-words rule: only for a text nothing else was read from. */
export function vagueObservations(text: string): Observation[] {
  return vagueWords(text).map((m) => ({
    kind: 'client-message',
    id: `${VAGUE_PREFIX}${m.phrase}`,
    phase: null,
    quote: m.quote,
  }));
}
