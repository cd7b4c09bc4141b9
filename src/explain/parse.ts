// Pasted text → Evidence: secrets redacted first, then replies, error codes, client messages and clues extracted.
import type { Evidence, EvidenceTarget, Mentions, Observation } from '../model/evidence.js';
import type { Reply } from '../model/reply.js';
import type { Phase } from '../model/transcript.js';
import { CLIENT_MESSAGES, type ClientMessagePattern } from '../knowledge/client-messages.js';
import { describeEnhancedCode, describeReplyCode, typicalReplyCode, type CodeMeaning } from '../knowledge/codes.js';
import { emailDomainOf } from '../knowledge/identify.js';
import { parseReplyText } from '../protocol/reply-parser.js';
import { clientHint, mechanismClue, mentionedHosts, targetClues, usernameClue } from './clues.js';
import { EXTRACTORS, type FoundReply } from './extractors/index.js';
import { normalizeInput } from './literals.js';
import { redactSecrets } from './redact.js';
import { collapseRepeats } from './repeats.js';

export interface ExplainResult {
  evidence: Evidence;
  /** Meanings of the bare reply or enhanced codes the user asked about (empty for other text). */
  codes: CodeMeaning[];
  /** The text that was analysed, secrets already replaced. */
  text: string;
}

/** Pasted text can be a whole log; beyond this only the start is read. */
export const MAX_INPUT_CHARS = 1_000_000;

const COMPILED: readonly (ClientMessagePattern & { re: RegExp })[] = CLIENT_MESSAGES.map((m) => ({
  ...m,
  re: new RegExp(m.pattern, 'iu'),
}));

export function explainText(input: string): ExplainResult {
  const normalized = normalizeInput(input.slice(0, MAX_INPUT_CHARS));
  const bare = bareCodes(normalized);
  if (bare) return bare;

  const redaction = redactSecrets(normalized);
  const text = redaction.text;
  const observations: Observation[] = [...collapseRepeats(replies(text)), ...clientObservations(text)];

  const target: EvidenceTarget = targetClues(text);
  const username = redaction.username ?? usernameClue(text);
  if (username !== undefined) target.username = username;
  const mechanism = redaction.mechanism ?? mechanismClue(text);
  if (mechanism !== undefined) target.mechanism = mechanism.toUpperCase();

  // The provider is recognised from all of this by the door (check/explain.ts), not here.
  const evidence: Evidence = { origin: 'explain', sessions: [], observations, providerHints: [] };
  if (Object.keys(target).length > 0) evidence.target = target;
  const mentions = mentionsIn(text, username);
  if (mentions.hosts.length > 0 || mentions.emailDomains.length > 0) evidence.mentions = mentions;
  if (username !== undefined || redaction.secret) {
    evidence.credentials = {
      ...(username !== undefined ? { username } : {}),
      ...(redaction.secret ? { secret: redaction.secret } : {}),
    };
  }
  const client = clientHint(text);
  if (client) evidence.client = client;
  return { evidence, codes: [], text };
}

/** "535", "5.7.8", "235 535", "535 5.7.8": codes to look up rather than text to parse. */
function bareCodes(text: string): ExplainResult | null {
  const tokens = text
    .trim()
    .split(/[\s,;]+/)
    .filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 12) return null;
  if (!tokens.every((t) => /^[2-5]\d\d$/.test(t) || /^[245]\.\d{1,3}\.\d{1,3}$/.test(t))) return null;
  const codes: CodeMeaning[] = [];
  const observations: Observation[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (/^\d{3}$/.test(token)) {
      const meaning = describeReplyCode(Number(token));
      if (meaning) codes.push(meaning);
      // "535 5.7.8": a reply code with its enhanced code is one reply.
      if (next !== undefined && /^[245]\./.test(next) && next.charAt(0) === token.charAt(0)) {
        const enhanced = describeEnhancedCode(next);
        if (enhanced) codes.push(enhanced);
        pushReply(observations, `${token} ${next}`);
        i += 1;
      } else {
        pushReply(observations, token);
      }
    } else {
      const enhanced = describeEnhancedCode(token);
      if (enhanced) codes.push(enhanced);
      const code = typicalReplyCode(token);
      if (code !== null) pushReply(observations, `${code} ${token}`, token);
    }
  }
  return {
    evidence: { origin: 'explain', sessions: [], observations, providerHints: [] },
    codes,
    text: tokens.join(' '),
  };
}

function pushReply(observations: Observation[], wire: string, quote = wire): void {
  const reply = parseReplyText(wire);
  if (reply) observations.push({ kind: 'reply', reply, phase: null, quote });
}

/** How many earlier replies with the same code a reply is compared with to find copies of itself. */
const DEDUPE_WINDOW = 256;

interface Candidate {
  found: FoundReply;
  reply: Reply;
  norm: string;
}

/** Replies from every extractor, with the copies several extractors found merged into one. */
function replies(text: string): Extract<Observation, { kind: 'reply' }>[] {
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

function clientObservations(text: string): Observation[] {
  const out: Observation[] = [];
  const seenCodes = new Set<string>();
  const seenMessages = new Set<string>();
  for (const m of COMPILED) {
    const match = m.re.exec(text);
    if (!match) continue;
    const quote = lineAround(text, match.index);
    if ('errorCode' in m.yields) {
      const code = m.yields.errorCode;
      if (seenCodes.has(code)) continue;
      seenCodes.add(code);
      out.push({ kind: 'error-code', code, phase: m.phase, quote });
    } else {
      const id = m.yields.message;
      if (seenMessages.has(id)) continue;
      seenMessages.add(id);
      out.push({ kind: 'client-message', id, phase: m.phase, quote });
    }
  }
  // nodemailer's greeting timer reports ETIMEDOUT too; a specific certificate code makes the generic one redundant; a
  // timeout the traceback places (the connection or the greeting) makes the bare "timed out" redundant.
  return out.filter((o) => {
    if (o.kind === 'client-message')
      return !(o.id === 'timed-out' && (seenMessages.has('greeting-never-received') || seenCodes.has('ETIMEDOUT')));
    if (o.kind !== 'error-code') return true;
    if (o.code === 'ETIMEDOUT' && seenMessages.has('greeting-never-received')) return false;
    if (
      o.code === 'CERT_UNTRUSTED' &&
      [...seenCodes].some((c) => c !== 'CERT_UNTRUSTED' && /CERT|SELF_SIGNED|UNABLE_TO|ALTNAME/.test(c))
    )
      return false;
    if (
      o.code === 'ECONNRESET' &&
      o.phase === null &&
      out.some((x) => x !== o && x.kind === 'error-code' && x.code === 'ECONNRESET')
    )
      return false;
    return true;
  });
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  const line = text.slice(start, end === -1 ? text.length : end).trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/** The hosts and e-mail domains the text names; the user's own domain first when the user name is an address. */
function mentionsIn(text: string, username: string | undefined): Mentions {
  const mentioned = mentionedHosts(text);
  const own = emailDomainOf(username?.includes('@') ? username : undefined);
  const emailDomains =
    own === undefined ? mentioned.emailDomains : [own, ...mentioned.emailDomains.filter((d) => d !== own)];
  return { hosts: mentioned.hosts, emailDomains };
}
