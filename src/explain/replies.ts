// Replies in pasted text: every extractor's finds, copies merged (a wrapper and its own transcript lines, overlapping
// reads), in the order the text shows them.
import type { Observation } from '../model/evidence.js';
import type { Reply } from '../model/reply.js';
import type { Phase } from '../model/transcript.js';
import { parseReplyText } from '../protocol/reply-parser.js';
import { EXTRACTORS, type FoundReply } from './extractors/index.js';

/** How many earlier replies with the same code a reply is compared with to find copies of itself. */
const DEDUPE_WINDOW = 256;

interface Candidate {
  found: FoundReply;
  reply: Reply;
  norm: string;
}

/** Replies from every extractor, with the copies several extractors found merged into one. */
export function replies(text: string): Extract<Observation, { kind: 'reply' }>[] {
  const candidates: Candidate[] = [];
  const covered: FoundReply[] = [];
  for (const extractor of EXTRACTORS) {
    const finds = extractor.extract(text);
    for (const found of extractor.fallback ? outside(finds, covered) : finds) {
      if (!extractor.fallback) covered.push(found);
      const reply = parseReplyText(`${found.lines.join('\r\n')}\r\n`);
      if (!reply) continue;
      candidates.push({ found, reply, norm: `${reply.code} ${reply.text.toLowerCase().replace(/\s+/g, ' ')}` });
    }
  }
  candidates.sort((a, b) => a.found.start - b.found.start || b.norm.length - a.norm.length);
  const merged = mergeWrapped(candidates);
  const kept: Candidate[] = [];
  // A long log holds thousands of replies: comparing each with every earlier one took minutes. Copies of one reply
  // sit close together (overlapping, or a wrapper next to its transcript line), or are the very same text.
  const recent = new Map<number, Candidate[]>();
  const byText = new Map<string, Candidate>();
  for (const c of merged) {
    const sameCode = recent.get(c.reply.code) ?? [];
    const exact = byText.get(c.norm);
    const same = lastOf(sameCode, (k) => sameReply(k, c)) ?? (exact && sameReply(exact, c) ? exact : undefined);
    if (!same) {
      kept.push(c);
      sameCode.push(c);
      // Trimmed in batches: cutting one off the front at every reply copied the whole window each time.
      if (sameCode.length > 2 * DEDUPE_WINDOW) sameCode.splice(0, sameCode.length - DEDUPE_WINDOW);
      recent.set(c.reply.code, sameCode);
      if (!byText.has(c.norm)) byText.set(c.norm, c);
      continue;
    }
    if (c.norm.length > same.norm.length) {
      same.reply = c.reply;
      same.norm = c.norm;
      if (!byText.has(c.norm)) byText.set(c.norm, same);
      same.found = {
        ...c.found,
        phase: pickPhase(same.found, c.found),
        start: Math.min(same.found.start, c.found.start),
      };
    } else {
      same.found = { ...same.found, phase: pickPhase(same.found, c.found) };
    }
  }
  return kept
    .sort((a, b) => a.found.start - b.found.start)
    .map((c) => ({
      kind: 'reply' as const,
      reply: c.reply,
      phase: c.found.phase,
      quote: c.found.quote ?? c.reply.raw.join('\n'),
    }));
}

/** What a fallback found away from every reply the client-specific extractors read (both lists sorted by start). */
function outside(finds: readonly FoundReply[], covered: FoundReply[]): FoundReply[] {
  const ranges = [...covered].sort((a, b) => a.start - b.start);
  const out: FoundReply[] = [];
  let i = 0;
  let reach = -1;
  for (const f of [...finds].sort((a, b) => a.start - b.start)) {
    while (i < ranges.length && (ranges[i]?.start ?? Infinity) < f.end) reach = Math.max(reach, ranges[i++]?.end ?? -1);
    // Every range that starts before this one ends has been seen: it overlaps when one of them ends inside it.
    if (reach <= f.start) out.push(f);
  }
  return out;
}

/** The first of the last DEDUPE_WINDOW candidates (oldest first, as before) that matches, without copying them. */
function lastOf(list: readonly Candidate[], match: (c: Candidate) => boolean): Candidate | undefined {
  for (let i = Math.max(0, list.length - DEDUPE_WINDOW); i < list.length; i++) {
    const c = list[i];
    if (c && match(c)) return c;
  }
  return undefined;
}

/** Transcript lines a wrapper's reply starts before: a wrapper and its own transcript lines are this close at most. */
const WRAPPER_WINDOW = 16;

/**
 * A client's wrapper knows where its reply starts and ends; transcript lines inside it are pieces of the same reply,
 * so they only lend it their phase. Both lists are sorted by start, so each line looks at the few wrappers just
 * before it (linear, even on a huge paste).
 */
function mergeWrapped(candidates: Candidate[]): Candidate[] {
  const wrapped = candidates.filter((c) => c.found.source !== 'transcript');
  const merged: Candidate[] = [...wrapped];
  let next = 0;
  for (const t of candidates.filter((c) => c.found.source === 'transcript')) {
    while (next < wrapped.length && (wrapped[next]?.found.start ?? Infinity) < t.found.end) next++;
    const cover = wrapped
      .slice(Math.max(0, next - WRAPPER_WINDOW), next)
      .find((w) => w.reply.code === t.reply.code && w.found.start < t.found.end && t.found.start < w.found.end);
    if (!cover) merged.push(t);
    else if (cover.found.phase === null) cover.found = { ...cover.found, phase: t.found.phase };
  }
  return merged.sort((a, b) => a.found.start - b.found.start || b.norm.length - a.norm.length);
}

/** The same reply seen twice: the same text from two extractors, or a fragment inside a fuller copy. */
function sameReply(a: Candidate, b: Candidate): boolean {
  if (a.reply.code !== b.reply.code) return false;
  // The cheap tests first: a long log compares every reply with hundreds of earlier ones.
  const overlap = a.found.start < b.found.end && b.found.start < a.found.end;
  if (overlap && (a.norm.includes(b.norm.slice(4)) || b.norm.includes(a.norm.slice(4)))) return true;
  return a.found.source !== b.found.source && (a.norm.startsWith(b.norm) || b.norm.startsWith(a.norm));
}

/** A wrapper names the phase more reliably than a transcript's command tracking, which beats knowing nothing. */
function pickPhase(a: FoundReply, b: FoundReply): Phase | null {
  const specific = [a, b].find((f) => f.phase !== null && f.source !== 'transcript');
  return specific?.phase ?? a.phase ?? b.phase;
}
