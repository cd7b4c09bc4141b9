// Signature matcher: finds the known replies a server reply fits, provider text first, then provider code, then generic.
import type { Confidence } from '../model/finding.js';
import type { Phase } from '../model/transcript.js';
import { catalog, type CompiledSignature } from './catalog.js';
import { likelyPhase, phaseFromEnhanced } from './codes.js';
import type { CauseData, ProviderData, SignatureData, SubmissionData } from './schema.js';

/** What is known about one reply: its code (null for a bare enhanced code), text, and where it came. */
export interface ReplyFacts {
  code: number | null;
  /** "5.7.8", or null when the reply carries none. */
  enhanced: string | null;
  /** The reply text with enhanced codes removed and lines joined by single spaces. */
  text: string;
  /** Null when unknown (a pasted reply without context). */
  phase: Phase | null;
}

/** What else the evidence says; null means unknown. */
export interface MatchContext {
  /** Recognised provider ids, strongest first. */
  providers: readonly string[];
  credential: 'password' | 'token' | null;
  tls: boolean | null;
  /** The user name the client sent, when known (checked against the form the signature's provider asks for). */
  username?: string | null;
  /** The shape of the secret, when the secret was given (a live check); absent or null otherwise. */
  secret?: 'app-password' | 'other' | null;
  /** The client library that printed the text (knowledge/clients.ts), 'smtp-doctor' for a live check; null: unknown. */
  client?: string | null;
  /** Whether the evidence shows the server's refusal of the login (a 4xx/5xx answer to AUTH); null: unknown. */
  authRefusalShown?: boolean | null;
}

/** The four ranks, best first: "Matching prefers provider text, then provider code, then the generic code." */
export type MatchTier = 'provider-text' | 'provider-code' | 'generic-text' | 'generic-code';
const TIER_RANK: Record<MatchTier, number> = {
  'provider-text': 0,
  'provider-code': 1,
  'generic-text': 2,
  'generic-code': 3,
};

export interface AppliedCause extends CauseData {
  /** True when the cause's condition was checked against known facts (not merely assumed). */
  conditionMet: boolean;
}

export interface SignatureMatch {
  signature: SignatureData;
  provider: ProviderData;
  tier: MatchTier;
  /** The applicable causes, most likely first (condition-checked causes ahead of unconditional ones). */
  causes: AppliedCause[];
  /**
   * How the reply's phase was read: as the evidence gave it (or unknown); `words-over-phase` when the signature's words
   * were matched although a paste gave the reply another command (a wrapper's guess the words contradict);
   * `guessed-phase` when a paste showed no command and the codes said which one the reply most likely answered
   * (see matchPastedReply). Readings of the last two kinds are less certain.
   */
  basis: 'as-given' | 'words-over-phase' | 'guessed-phase';
}

/** All signatures the reply fits, best first; empty when none does. */
export function matchReply(reply: ReplyFacts, context: MatchContext): SignatureMatch[] {
  const found: Found[] = [];
  for (const sig of catalog().signatures) {
    if (!fits(sig, reply, context)) continue;
    const generic = sig.provider.kind === 'generic';
    const tier: MatchTier = `${generic ? 'generic' : 'provider'}-${sig.text ? 'text' : 'code'}`;
    found.push({ sig, tier, words: wordsMatched(sig, reply.text) });
  }
  found.sort((a, b) => compare(a, b, context));
  return found.map(({ sig, tier }) => ({
    signature: sig.data,
    provider: sig.provider,
    tier,
    causes: applyCauses(sig.data.causes, context, sig.provider, reply.phase),
    basis: 'as-given' as const,
  }));
}

const TEXT_TIERS: ReadonlySet<MatchTier> = new Set(['provider-text', 'generic-text']);
const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

function capped(match: SignatureMatch, cap: Confidence, basis: SignatureMatch['basis']): SignatureMatch {
  return {
    ...match,
    basis,
    causes: match.causes.map((c) => ({
      ...c,
      confidence: CONFIDENCE_RANK[c.confidence] < CONFIDENCE_RANK[cap] ? cap : c.confidence,
    })),
  };
}

/**
 * A reply read from pasted text, whose phase is a wrapper's guess ("Message failed:" for any refusal after the
 * greeting) or not shown at all.
 * - With a phase: the signatures of that phase first, as for a live reply; when none of them knows the reply's words,
 *   a signature that does, at another phase, reads it first (one level lower, at most medium: the two clues disagree)
 *   — "503 AUTH command used when not advertised" is Exim's answer to AUTH whatever the wrapper says.
 * - Without one: words that fit any phase first; else the command the enhanced code names (an address of the
 *   recipient is RCPT's: at most medium), else the signatures that fit any phase by their code, else the command the
 *   reply code most likely answered (at most low). Which command is likely is knowledge (codes.ts).
 */
export function matchPastedReply(reply: ReplyFacts, context: MatchContext): SignatureMatch[] {
  const open = matchReply(reply, context);
  const best = open[0];
  if (best !== undefined && TEXT_TIERS.has(best.tier)) return open;
  if (reply.phase !== null) {
    const given = reply.phase;
    const words = matchReply({ ...reply, phase: null }, context).filter(
      (m) => TEXT_TIERS.has(m.tier) && !m.signature.phases.includes(given),
    );
    return [...words.map((m) => capped(lowered(m), 'medium', 'words-over-phase')), ...open];
  }
  const named = phaseFromEnhanced(reply.enhanced);
  if (named !== null) {
    const guessed = matchReply({ ...reply, phase: named }, context);
    if (guessed.length > 0) return [...guessed.map((m) => capped(m, 'medium', 'guessed-phase')), ...open];
  }
  if (open.length > 0 || reply.code === null) return open;
  const likely = likelyPhase(reply.code);
  return likely === null
    ? []
    : matchReply({ ...reply, phase: likely }, context).map((m) => capped(m, 'low', 'guessed-phase'));
}

const ONE_STEP_LOWER: Record<Confidence, Confidence> = { high: 'medium', medium: 'low', low: 'low' };

function lowered(match: SignatureMatch): SignatureMatch {
  return { ...match, causes: match.causes.map((c) => ({ ...c, confidence: ONE_STEP_LOWER[c.confidence] })) };
}

/** The best signature for a reply, or null. */
export function bestMatch(reply: ReplyFacts, context: MatchContext): SignatureMatch | null {
  return matchReply(reply, context)[0] ?? null;
}

function fits(sig: CompiledSignature, reply: ReplyFacts, context: MatchContext): boolean {
  const { match, phases, scope } = sig.data;
  if (reply.code !== null && !match.codes.includes(reply.code)) return false;
  if (reply.code === null && match.enhanced === undefined) return false;
  if (match.enhanced !== undefined && match.enhanced !== reply.enhanced) return false;
  if (reply.phase === null ? match.requirePhase : !phases.includes(reply.phase)) return false;
  if (sig.text && !sig.text.test(reply.text)) return false;
  if (scope === 'provider' && !context.providers.includes(sig.provider.id)) return false;
  return true;
}

interface Found {
  sig: CompiledSignature;
  tier: MatchTier;
  /** How many characters of the reply the signature's words account for (0 for a code-only signature). */
  words: number;
}

function compare(a: Found, b: Found, context: MatchContext): number {
  return (
    group(a.sig, context) - group(b.sig, context) ||
    hintRank(a.sig, context) - hintRank(b.sig, context) ||
    TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
    specificity(b) - specificity(a) ||
    a.sig.order - b.sig.order
  );
}

const GLOBAL = new WeakMap<CompiledSignature, RegExp>();

/**
 * The longest stretch of the reply that one of the signature's wordings matched: "maximum number of attempts" says
 * more than "retry in 10 minutes" in the same reply, whichever signature lists more wordings.
 */
function wordsMatched(sig: CompiledSignature, text: string): number {
  if (!sig.text) return 0;
  let global = GLOBAL.get(sig);
  if (!global) {
    global = new RegExp(sig.text.source, sig.text.flags.includes('g') ? sig.text.flags : `${sig.text.flags}g`);
    GLOBAL.set(sig, global);
  }
  let longest = 0;
  for (const m of text.matchAll(global)) longest = Math.max(longest, m[0].length);
  return longest;
}

/**
 * Recognised providers first, in the order of the evidence's strength, then other providers' signatures, then the
 * generic ones; within each, text before code (the tiers). So the recognised provider's own reading of its code beats
 * another provider's text: iCloud's 535 on smtp.mail.me.com is iCloud's even in Postfix's wording, and a provider
 * recognised only from that same reply's text comes after the one recognised from the host.
 */
function group(sig: CompiledSignature, context: MatchContext): number {
  if (sig.provider.kind === 'generic') return 2;
  return context.providers.includes(sig.provider.id) ? 0 : 1;
}

/** A provider the evidence recognised goes first, in the order of the evidence's strength. */
function hintRank(sig: CompiledSignature, context: MatchContext): number {
  const at = context.providers.indexOf(sig.provider.id);
  return at === -1 ? context.providers.length : at;
}

/**
 * More constraints and more of the reply's words matched mean a narrower, more telling signature. What counts is the
 * wording that matched, not the pattern: listing more wordings does not make a signature more telling.
 */
function specificity(found: Found): number {
  const { match } = found.sig.data;
  return (match.enhanced ? 1000 : 0) + found.words - match.codes.length;
}

const LOWER: Record<Confidence, Confidence> = { high: 'low', medium: 'low', low: 'low' };
const SECOND: Confidence = 'medium';

/**
 * Applies each cause's condition: known-false drops the cause, known-true moves it ahead, unknown keeps it in place
 * with low confidence. If every cause drops, the first is kept at low confidence rather than saying nothing.
 */
export function applyCauses(
  causes: readonly CauseData[],
  context: MatchContext,
  provider?: ProviderData,
  phase: Phase | null = null,
): AppliedCause[] {
  const met: AppliedCause[] = [];
  const rest: AppliedCause[] = [];
  const facts = {
    ...context,
    usernameForm: usernameHasForm(provider?.submission?.username, context.username),
    phase,
  };
  for (const cause of causes) {
    const verdict = evaluate(cause, facts);
    if (verdict === 'false') continue;
    if (verdict === 'true') met.push({ ...cause, conditionMet: true });
    else if (verdict === 'unknown') rest.push({ ...cause, confidence: LOWER[cause.confidence], conditionMet: false });
    else rest.push({ ...cause, conditionMet: false });
  }
  // A client whose own behaviour explains the reply (a condition on `clients` that holds) makes the server's generic
  // reading a second guess: .NET's "authentication required" after a login it hid is not "no login was configured".
  const clientExplains = met.some((c) => c.when?.clients !== undefined);
  const applied = [
    ...met,
    ...rest.map((c) => (clientExplains && c.confidence === 'high' ? { ...c, confidence: SECOND } : c)),
  ];
  if (applied.length > 0) return applied;
  const first = causes[0];
  return first ? [{ ...first, confidence: 'low', conditionMet: false }] : [];
}

function evaluate(
  cause: CauseData,
  context: MatchContext & { usernameForm: boolean | null; phase: Phase | null },
): 'true' | 'false' | 'unknown' | 'none' {
  const when = cause.when;
  if (!when) return 'none';
  const checks: (boolean | null)[] = [];
  if (when.credential !== undefined)
    checks.push(context.credential === null ? null : context.credential === when.credential);
  if (when.tls !== undefined) checks.push(context.tls === null ? null : context.tls === when.tls);
  if (when.usernameForm !== undefined)
    checks.push(context.usernameForm === null ? null : context.usernameForm === when.usernameForm);
  // Unknown shape: not checked at all (see the schema), unlike the facts above.
  if (when.secret !== undefined && context.secret !== undefined && context.secret !== null)
    checks.push(context.secret === when.secret);
  if (when.phases !== undefined) checks.push(context.phase === null ? null : when.phases.includes(context.phase));
  // A client's own behaviour is evidence only when the text shows that client: unknown counts as another one.
  if (when.clients !== undefined) checks.push(context.client != null && when.clients.includes(context.client));
  if (when.authRefusalShown !== undefined)
    checks.push(context.authRefusalShown == null ? null : context.authRefusalShown === when.authRefusalShown);
  if (checks.includes(false)) return 'false';
  if (checks.includes(null)) return 'unknown';
  return 'true';
}

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Whether a user name has the form a provider asks for: the exact literal word (SendGrid's "apikey", case and all),
 * or a full e-mail address. Null when either is unknown or the form cannot be checked from the name alone.
 */
export function usernameHasForm(
  form: SubmissionData['username'] | undefined,
  username: string | null | undefined,
): boolean | null {
  const name = username?.trim();
  if (!form || name === undefined || name === '') return null;
  if (form.form === 'literal') return form.literal === undefined ? null : name === form.literal;
  if (form.form === 'address') return ADDRESS.test(name);
  return null;
}
