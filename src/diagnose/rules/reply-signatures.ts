// Rule: every server reply (live or pasted) matched against the knowledge base; each applicable cause becomes a finding.
import { catalog } from '../../knowledge/catalog.js';
import type { CauseKey, DeadEndKey, FixKey } from '../../knowledge/causes/index.js';
import { describeEnhancedCode, describeReplyCode, isKnownReplyCode } from '../../knowledge/codes.js';
import type { SignatureMatch } from '../../knowledge/match.js';
import type { SessionPurpose } from '../../model/evidence.js';
import type { EvidenceQuote, FindingId } from '../../model/finding.js';
import type { Phase } from '../../model/transcript.js';
import { cause, deadEnd, fix, note } from '../cite.js';
import { providerCause } from '../cite-provider.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { readReplies, throttleAfterFailure, type ReadReply } from '../reading/replies.js';
import { loginVerdict, starttlsDetail } from '../reading/sessions.js';
import type { Candidate, Layer, Rule } from '../types.js';

const LAYER_OF: Partial<Record<Phase, Layer>> = {
  greeting: 'greeting',
  ehlo: 'greeting',
  helo: 'greeting',
  starttls: 'starttls',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'mail',
  data: 'mail',
};

/** What happens once a login is attempted: the only replies of another session of the run that concern the user. */
const LOGIN_PHASES: ReadonlySet<Phase> = new Set(['auth', 'mail', 'rcpt', 'data']);

export const replySignatures: Rule = {
  id: 'reply-signatures',
  description:
    'Matches each server reply against the known signatures (provider text, then provider code, then RFC code).',
  /** Every finding a known signature's causes lead to: read from the knowledge base so it cannot drift. */
  get produces(): readonly FindingId[] {
    return [
      ...new Set([
        ...catalog().signatures.flatMap((s) => s.data.causes.map((c) => c.finding)),
        'auth-temporary-failure' as const,
        'credentials-rejected' as const,
      ]),
    ];
  },
  run(context) {
    const replies = readReplies(context);
    // A temporary refusal after a failed login is the lockout rule's (a throttle): read one way only.
    const throttle = throttleAfterFailure(replies)?.throttle;
    const afterLogin = repliesAfterAcceptedLogin(context, replies);
    const out = replies.flatMap((r) =>
      r === throttle || afterLogin.has(r) || !concernsUser(context, r) ? [] : fromReply(context, r),
    );
    // A login accepted anywhere in the run proves the credentials: a refusal elsewhere (another mechanism) is no verdict
    // on them, and the mechanism-retry rule says what it is. (Pasted text may hold several runs: it proves nothing.)
    const credentialsProven = context.configured !== null && loginVerdict(context) === 'accepted';
    return credentialsProven ? out.filter((c) => c.finding.id !== 'credentials-rejected') : out;
  },
};

/**
 * Pasted text: once a 235 showed the login accepted (RFC 4954 §4: the AUTH exchange is over), a later refusal that names
 * no command (a VRFY, a HELP, a command the paste does not show) and fits a login signature by its code alone is no
 * verdict on that login: read as one, "502" after a working login would say AUTH is not offered.
 */
function repliesAfterAcceptedLogin(context: DiagnoseContext, replies: readonly ReadReply[]): Set<ReadReply> {
  const out = new Set<ReadReply>();
  if (context.sessions.length > 0) return out;
  const accepted = replies.findIndex((r) => r.reply.code === 235);
  if (accepted === -1) return out;
  for (const r of replies.slice(accepted + 1)) {
    if (r.phase !== null || r.reply.code < 400) continue;
    const match = r.match();
    const loginOnly = match?.signature.phases.every((p) => p === 'auth') === true;
    if (match?.tier === 'generic-code' && loginOnly) out.add(r);
  }
  return out;
}

/**
 * Which replies this rule reads. Of a live run: the configured session's refusals, and the refusals of every login the
 * run made elsewhere (another port, another mechanism) — a refusal there is a verdict on the credentials too, and must
 * not vanish from the report; a live session's successes are the auth-ok and test-send rules'. Of pasted text: every
 * reply, since a 235 after AUTH, a 250 after DATA or a 334 XOAUTH2 error is all the text may say.
 */
function concernsUser(context: DiagnoseContext, r: ReadReply): boolean {
  if (!r.at) return true;
  if (r.at !== context.configured && (r.phase === null || !LOGIN_PHASES.has(r.phase))) return false;
  // An error challenge (XOAUTH2's 334 JSON) is the one 334 a session lists: it says more than the final reply.
  return r.reply.code >= 400 || r.reply.code === 334;
}

function fromReply(context: DiagnoseContext, r: ReadReply): Candidate[] {
  // Another session of the run: smtp-doctor's own login elsewhere, which the evidence says it made.
  const elsewhere = r.at !== undefined && r.at !== context.configured ? r.at : undefined;
  const evidence = elsewhere ? [r.quote, whereQuote(context, elsewhere)] : [r.quote];
  const origin = elsewhere ? 'alternative' : 'configured';
  const match = r.match();
  if (!match) return unknownRefusal(context, r, evidence, origin);
  const layer = r.phase && match.basis === 'as-given' ? (LAYER_OF[r.phase] ?? 'auth') : layerOfSignature(match);
  const found = fromMatch(match, evidence, layer, origin);
  // The starttls rule names the same refusal from the session's facts (advertised and refused, or never offered),
  // under a detail this reply's signature cannot know; giving this finding that detail lets diagnose() merge the two
  // into one finding instead of reporting one refusal twice.
  if (r.at && r.phase === 'starttls') {
    const detail = starttlsDetail(r.at.record);
    for (const c of found) if (c.finding.id === 'starttls-unavailable') c.finding.detail = detail;
  }
  return found;
}

/** Why smtp-doctor made the login a reply of another session came from, as the probe recorded it (or guessed back). */
function whereQuote(context: DiagnoseContext, at: IndexedSession): EvidenceQuote {
  const { host, port, security } = at.record.target;
  const params = { host, port, security, mechanism: at.record.auth?.mechanism };
  const retry = (at.session.purpose ?? purposeFromEndpoint(context, at)) === 'mechanism-retry';
  return note(retry ? 'reply-signatures.mechanism-retry' : 'reply-signatures.login-elsewhere', params, at.index);
}

/**
 * Reports saved before sessions carried their purpose: a second login on the configured port and TLS mode can only
 * have been a retry with another mechanism; any other endpoint was a login elsewhere.
 */
function purposeFromEndpoint(context: DiagnoseContext, at: IndexedSession): SessionPurpose {
  const target = context.configured?.record.target;
  return target?.port === at.record.target.port && target.security === at.record.target.security
    ? 'mechanism-retry'
    : 'login-elsewhere';
}

function layerOfSignature(match: SignatureMatch): Layer {
  const phase = match.signature.phases[0];
  return phase ? (LAYER_OF[phase] ?? 'auth') : 'auth';
}

function fromMatch(
  match: SignatureMatch,
  evidence: EvidenceQuote[],
  layer: Layer,
  origin: Candidate['origin'],
): Candidate[] {
  const { signature, provider } = match;
  // One transcript or an inferred text cannot carry more certainty than "medium".
  const reported = signature.certainty === 'reported';
  // A provider's own pages are about its login settings: a fallback for login replies, off-topic for the others.
  const fallbackDocs = signature.phases.includes('auth') ? provider.docs.slice(0, 2) : [];
  return match.causes.map((c) =>
    providerCause(
      c,
      {
        provider,
        evidence,
        signature: signature.id,
        confidence: reported && c.confidence === 'high' ? 'medium' : c.confidence,
        fallbackDocs,
      },
      c.finding === 'auth-ok' || c.finding === 'message-accepted' ? 'outcome' : layer,
      origin,
    ),
  );
}

type UnknownReading = { key: CauseKey; layer: Layer; fixes: FixKey[]; deadEnd: DeadEndKey };

/** A refusal of the session itself (greeting, EHLO, HELO): the same reading whichever of them it answered. */
const UNKNOWN_SERVICE_REFUSAL: UnknownReading = {
  key: 'reply-signatures.unknown-service-refusal',
  layer: 'greeting',
  fixes: ['reply-signatures.wait-then-once', 'reply-signatures.search-reply-text'],
  deadEnd: 'change-password.no-verdict-yet',
};

/** A 4xx with no command shown: most likely a login put off. */
const UNKNOWN_FOR_NOW: UnknownReading = {
  key: 'reply-signatures.unknown-refusal-for-now',
  layer: 'auth',
  fixes: ['reply-signatures.wait-then-once', 'reply-signatures.search-reply-text'],
  deadEnd: 'change-password.no-verdict-yet',
};

/** A refusal of the login whose words no signature knows: transient (4xx) or permanent (5xx), RFC 5321 §4.2.1. */
const UNKNOWN_AUTH_TEMPORARY: UnknownReading = {
  ...UNKNOWN_FOR_NOW,
  key: 'reply-signatures.unknown-temporary-refusal',
};
const UNKNOWN_AUTH_PERMANENT: UnknownReading = {
  key: 'reply-signatures.unknown-permanent-refusal',
  layer: 'auth',
  fixes: ['reply-signatures.check-user-and-secret', 'reply-signatures.search-reply-text'],
  deadEnd: 'retry-same-credentials.permanent',
};

/** The fallback reading of a refusal no signature knows, by the command it answered (RFC 5321 §4.3.2). */
const UNKNOWN_BY_PHASE: Partial<Record<Phase, UnknownReading>> = {
  mail: {
    key: 'reply-signatures.unknown-sender-refusal',
    layer: 'mail',
    fixes: ['reply-signatures.send-as-login', 'reply-signatures.search-reply-text'],
    deadEnd: 'change-password.about-addresses',
  },
  rcpt: {
    key: 'reply-signatures.unknown-recipient-refusal',
    layer: 'mail',
    fixes: ['reply-signatures.check-recipient', 'reply-signatures.search-reply-text'],
    deadEnd: 'change-password.about-addresses',
  },
  data: {
    key: 'reply-signatures.unknown-message-refusal',
    layer: 'mail',
    fixes: ['reply-signatures.plain-test-message', 'reply-signatures.search-reply-text'],
    deadEnd: 'change-password.about-addresses',
  },
  greeting: UNKNOWN_SERVICE_REFUSAL,
  ehlo: UNKNOWN_SERVICE_REFUSAL,
  helo: UNKNOWN_SERVICE_REFUSAL,
  starttls: {
    key: 'reply-signatures.unknown-starttls-refusal',
    layer: 'starttls',
    fixes: ['reply-signatures.search-reply-text'],
    deadEnd: 'change-password.no-verdict-yet',
  },
};

/**
 * A refusal whose wording no signature knows still gets the generic reading of its code, with low confidence, rather
 * than leave the user without any finding: at AUTH a refusal of the login (RFC 5321 §4.2.1: 4xx transient, 5xx
 * permanent); at another command, a refusal of what that command names; with no command shown, a 4xx is most likely a
 * login put off. A number that is no reply code of the RFCs (a second digit above 5, or an undefined code where the
 * text shows no command and no enhanced code of its class: a time or a port more likely than a reply) gets nothing.
 */
function unknownRefusal(
  context: DiagnoseContext,
  r: ReadReply,
  evidence: EvidenceQuote[],
  origin: Candidate['origin'],
): Candidate[] {
  const code = r.reply.code;
  if (code < 400 || code > 599 || Math.floor(code / 10) % 10 > 5) return [];
  // A code the RFCs do not define is still a reply when an enhanced status code of the same class follows it (RFC 3463
  // §2: the class digit repeats the reply's): no time or port is written "430 4.2.0".
  const enhancedClass = r.reply.enhanced?.class;
  if (r.phase === null && !isKnownReplyCode(code) && enhancedClass !== Math.floor(code / 100)) return [];
  const params = { code, ...codeMeaning(r) };
  let reading: UnknownReading | undefined;
  if (r.phase === null) reading = code < 500 ? UNKNOWN_FOR_NOW : undefined;
  else if (r.phase === 'auth') reading = code < 500 ? UNKNOWN_AUTH_TEMPORARY : UNKNOWN_AUTH_PERMANENT;
  // A live session's other steps have their own rules (greeting, starttls, test-send), which know the session.
  else reading = r.at ? undefined : UNKNOWN_BY_PHASE[r.phase];
  if (!reading) return [];
  return [
    cause(
      context,
      reading.key,
      {
        params,
        evidence,
        fixes: reading.fixes.map((key) => fix(key)),
        deadEnds: [deadEnd(reading.deadEnd)],
        confidence: 'low',
      },
      reading.layer,
      origin,
    ),
  ];
}

/** What the reply's codes mean by the RFCs, for the words of a generic reading. */
function codeMeaning(r: ReadReply): { meaning: string; enhanced?: string; enhancedMeaning?: string } {
  const meaning = describeReplyCode(r.reply.code)?.meaning ?? '';
  const enhanced = r.reply.enhanced?.code;
  const enhancedMeaning = enhanced === undefined ? undefined : describeEnhancedCode(enhanced)?.meaning;
  return enhanced !== undefined && enhancedMeaning !== undefined ? { meaning, enhanced, enhancedMeaning } : { meaning };
}
