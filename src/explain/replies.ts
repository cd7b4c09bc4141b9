// Replies in pasted text: every extractor's finds, copies merged (a wrapper and its own transcript lines, overlapping
// reads), in the order the text shows them.
import type { Observation, ReplyCertainty } from '../model/evidence.js';
import type { Reply } from '../model/reply.js';
import type { Phase } from '../model/transcript.js';
import { parseReplyText } from '../protocol/reply-parser.js';
import { phaseClues, type PhaseClue } from './clues.js';
import { IN_REPLY_TO, phaseOfCommandName } from './extractors/phase-words.js';
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
      const reply = parseReplyText(`${asFinal(unjoined(found.lines)).join('\r\n')}\r\n`);
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
        certainty: surer(same.found, c.found),
      };
    } else {
      same.found = { ...same.found, phase: pickPhase(same.found, c.found), certainty: surer(same.found, c.found) };
    }
  }
  kept.sort((a, b) => a.found.start - b.found.start);
  const phases = contextPhases(text, kept);
  return kept.map((c, i) => ({
    kind: 'reply' as const,
    reply: c.reply,
    phase: phases[i] ?? null,
    quote: c.found.quote ?? c.reply.raw.join('\n'),
    certainty: certaintyOf(c.found),
  }));
}

/**
 * One find is one reply: its last line ends it, the others continue it. A wrapper's last line may keep the hyphen of a
 * multi-line reply it cut short ("response=421-4.7.0 Try again later"), and lines split back apart had no hyphen.
 */
function asFinal(lines: readonly string[]): string[] {
  return lines.map((l, i) => `${l.slice(0, 3)}${i === lines.length - 1 ? ' ' : '-'}${l.slice(4)}`);
}

/**
 * A log that prints a multi-line reply on one line keeps each line's code ("said: 550-5.7.1 [1.2.3.4] The IP you're
 * using … to 550-5.7.1 send email directly … 550 5.7.1  https://…", as Postfix's delivery log shows a relay's reply,
 * observed:https://github.com/iredmail/iRedMail/issues/264): split back at each repeated code (and enhanced code).
 */
function unjoined(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    if (line.length > MAX_JOINED) return [line];
    const code = line.slice(0, 3);
    // A line the redaction begins ("[redacted]…") has no code, and a bracket would break the pattern below.
    if (!/^\d{3}$/.test(code)) return [line];
    const enhanced = (/^[245]\.\d{1,3}\.\d{1,3} /.exec(line.slice(4))?.[0] ?? '').replace(/\./g, '\\.');
    // Joined only where a later line's code comes with the hyphen of a continued reply.
    if (!new RegExp(` ${code}-${enhanced}`).test(line.slice(4))) return [line];
    return line.split(new RegExp(` (?=${code}[ -]${enhanced})`));
  });
}
/** A joined reply is a few lines of at most 512 octets each (RFC 5321 §4.5.3.1.5): longer lines are not split. */
const MAX_JOINED = 8000;

const RANK: Readonly<Record<ReplyCertainty, number>> = { inferred: 0, wrapped: 1, wire: 2 };

function certaintyOf(found: FoundReply): ReplyCertainty {
  return found.certainty ?? (found.source === 'transcript' ? 'wire' : 'wrapped');
}

/** Two reads of one reply: it is as sure as the surer of them. */
function surer(a: FoundReply, b: FoundReply): ReplyCertainty {
  const x = certaintyOf(a);
  const y = certaintyOf(b);
  return RANK[y] > RANK[x] ? y : x;
}

/**
 * What a fallback found away from every reply the client-specific extractors read. A fallback that reads a reply whole
 * where a transcript read only its last lines ("SMTP code:550 msg:550-5.7.1 … to\n550-5.7.1 …\n550 5.7.1 …") keeps it:
 * transcript lines inside it are its pieces (mergeWrapped). Both lists are swept once, sorted by start.
 */
function outside(finds: readonly FoundReply[], covered: FoundReply[]): FoundReply[] {
  const ranges = [...covered].sort((a, b) => a.start - b.start);
  const out: FoundReply[] = [];
  let i = 0;
  let reach = -1;
  for (const f of [...finds].sort((a, b) => a.start - b.start)) {
    while (i < ranges.length && (ranges[i]?.start ?? Infinity) <= f.start)
      reach = Math.max(reach, ranges[i++]?.end ?? -1);
    // A reply read from where this one starts, or from before it, reaches into it.
    if (reach > f.start) continue;
    let whole = true;
    for (let j = i; j < ranges.length && (ranges[j]?.start ?? Infinity) < f.end; j++) {
      const r = ranges[j];
      if (r?.source !== 'transcript' || r.end > f.end) {
        whole = false;
        break;
      }
    }
    if (whole) out.push(f);
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

/** How far after a reply Postfix's "(in reply to … command)" note is looked for. */
const NOTE_WINDOW = 600;
/** How far from a refusal a stack frame or exception name may be to tell the command it answered. */
const CLUE_WINDOW = 4000;

/**
 * Each reply's phase: what its reader said; else 334 and 235, which only ever answer AUTH (RFC 4954 §4, §6); else, for
 * a refusal, the nearest stack frame or exception name that names a command (clues.ts), when one is close.
 */
function contextPhases(text: string, kept: readonly Candidate[]): (Phase | null)[] {
  let clues: PhaseClue[] | undefined;
  return kept.map((c, i) => {
    if (c.found.phase !== null) return c.found.phase;
    // Postfix notes the command after the reply it relayed, before the next one: "… (in reply to RCPT TO command)".
    const until = Math.min(kept[i + 1]?.found.start ?? Infinity, c.found.end + NOTE_WINDOW);
    const note = IN_REPLY_TO.exec(text.slice(c.found.start, Math.max(c.found.end, until)));
    if (note) return phaseOfCommandName(note[1] ?? '');
    if (c.reply.code === 334 || c.reply.code === 235) return 'auth';
    if (c.reply.code < 400) return null;
    clues ??= phaseClues(text);
    return nearest(clues, c.found.start, c.found.end);
  });
}

/** The phase of the clue closest to [start, end), within CLUE_WINDOW (clues sorted by position; binary search). */
function nearest(clues: readonly PhaseClue[], start: number, end: number): Phase | null {
  let lo = 0;
  let hi = clues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((clues[mid]?.at ?? Infinity) < start) lo = mid + 1;
    else hi = mid;
  }
  const before = clues[lo - 1];
  const after = clues[lo];
  const dBefore = before ? start - before.at : Infinity;
  const dAfter = after ? Math.max(0, after.at - end) : Infinity;
  const best = dBefore <= dAfter ? before : after;
  return best && Math.min(dBefore, dAfter) <= CLUE_WINDOW ? best.phase : null;
}

/** A wrapper names the phase more reliably than a transcript's command tracking, which beats knowing nothing. */
function pickPhase(a: FoundReply, b: FoundReply): Phase | null {
  const specific = [a, b].find((f) => f.phase !== null && f.source !== 'transcript');
  return specific?.phase ?? a.phase ?? b.phase;
}
