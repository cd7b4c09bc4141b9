// Rule: every server reply (live or pasted) matched against the knowledge base; each applicable cause becomes a finding.
import type { EvidenceQuote, FindingId } from '../../model/finding.js';
import { catalog } from '../../knowledge/catalog.js';
import type { Reply } from '../../model/reply.js';
import type { Phase } from '../../model/transcript.js';
import { matchReply, type MatchContext, type SignatureMatch } from '../../knowledge/match.js';
import { candidate, pastedQuote, replyQuote, targetLabel } from '../build.js';
import { type DiagnoseContext, type IndexedSession } from '../context.js';
import { sessionReplies, type SessionPhase } from '../reading/sessions.js';
import { loginVerdict, sameReply, starttlsDetail, throttleAfterFailure } from '../reading/sessions.js';
import { matchContext, sessionMatch } from '../reading/matching.js';
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

export const replySignatures: Rule = {
  id: 'reply-signatures',
  description:
    'Matches each server reply against the known signatures (provider text, then provider code, then RFC code).',
  /** Every finding a known signature's causes lead to: read from the knowledge base so it cannot drift. */
  get produces(): readonly FindingId[] {
    return [...new Set(catalog().signatures.flatMap((s) => s.data.causes.map((c) => c.finding)))];
  },
  run(context) {
    if (context.configured) return fromSessions(context);
    const out: Candidate[] = [];
    for (const observation of context.evidence.observations) {
      if (observation.kind !== 'reply') continue;
      const { reply, phase } = observation;
      // A pasted 2xx/3xx says something only in a few places: 235 after AUTH, 250 after DATA, a 334 XOAUTH2 error.
      const match = best(reply, phase, matchContext(context, context.tlsAtAuth));
      if (!match) {
        if (phase === 'auth' && reply.code >= 400) out.push(unknownRefusal(reply, [pastedQuote(observation)]));
        continue;
      }
      const layer = phase ? (LAYER_OF[phase] ?? 'auth') : layerOfSignature(match);
      out.push(...fromMatch(match, [pastedQuote(observation)], layer));
    }
    return out;
  },
};

/** What happens once a login is attempted: the only replies of an alternative session that concern the user. */
const LOGIN_PHASES: ReadonlySet<SessionPhase> = new Set(['auth', 'mail', 'rcpt', 'data']);

/**
 * The configured session's refusals, and those of every login the run made elsewhere (another port, another
 * mechanism): a refusal there is a verdict on the credentials too, and must not vanish from the report.
 */
function fromSessions(context: DiagnoseContext): Candidate[] {
  const out: Candidate[] = [];
  // A login accepted anywhere in the run proves the credentials: a refusal elsewhere (another mechanism) is no verdict
  // on them, and the mechanism-retry rule says what it is.
  const credentialsProven = loginVerdict(context) === 'accepted';
  // A temporary refusal after a failed login is the lockout rule's (a throttle): read one way only.
  const throttle = throttleAfterFailure(context);
  const sessions = [context.configured, ...context.alternatives].filter((s): s is IndexedSession => s !== null);
  for (const at of sessions) {
    const own = at === context.configured;
    for (const { reply, phase } of sessionReplies(at.record)) {
      if (!own && !LOGIN_PHASES.has(phase)) continue;
      // Successes in a live session are the auth-ok rule's; here only refusals are diagnosed (an error challenge
      // is the one 334 sessionReplies lists).
      if (reply.code < 400 && reply.code !== 334) continue;
      if (throttle?.throttle === at && phase === 'auth' && sameReply(throttle.reply, reply)) continue;
      const evidence = own ? [replyQuote(reply, at)] : [replyQuote(reply, at), whereQuote(context, at)];
      const origin = own ? 'configured' : 'alternative';
      const match = sessionMatch(context, at, reply, phase);
      if (match) {
        const found = fromMatch(match, evidence, LAYER_OF[phase] ?? 'auth', origin);
        // The starttls rule names the same refusal from the session's facts: one detail, so the two merge.
        if (phase === 'starttls')
          for (const c of found)
            if (c.finding.id === 'starttls-unavailable') c.finding.detail = starttlsDetail(at.record);
        out.push(...found);
      } else if (phase === 'auth' && reply.code >= 400) out.push(unknownRefusal(reply, evidence, origin));
    }
  }
  return credentialsProven ? out.filter((c) => c.finding.id !== 'credentials-rejected') : out;
}

/** Where a reply of another session came from: smtp-doctor's own login on another port, mode or mechanism. */
function whereQuote(context: DiagnoseContext, at: IndexedSession): EvidenceQuote {
  const target = context.configured?.record.target;
  const mechanism = at.record.auth?.mechanism;
  const same = target?.port === at.record.target.port && target.security === at.record.target.security;
  const text = same
    ? `a second login smtp-doctor made on ${targetLabel(at.record)}${mechanism ? ` with ${mechanism}` : ''} (another mechanism)`
    : `a login smtp-doctor made on ${targetLabel(at.record)}${mechanism ? ` with ${mechanism}` : ''}, besides your settings`;
  return { text, source: 'transcript', session: at.index };
}

function best(reply: Reply, phase: Phase | null, context: MatchContext): SignatureMatch | undefined {
  return matchReply({ code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase }, context)[0];
}

function layerOfSignature(match: SignatureMatch): Layer {
  const phase = match.signature.phases[0];
  return phase ? (LAYER_OF[phase] ?? 'auth') : 'auth';
}

function fromMatch(
  match: SignatureMatch,
  evidence: EvidenceQuote[],
  layer: Layer,
  origin: Candidate['origin'] = 'configured',
): Candidate[] {
  const { signature, provider } = match;
  // One transcript or an inferred text cannot carry more certainty than "medium".
  const reported = signature.certainty === 'reported';
  // A provider's own pages are about its login settings: a fallback for login replies, off-topic for the others.
  const fallbackDocs = signature.phases.includes('auth') ? provider.docs.slice(0, 2) : [];
  return match.causes.map((cause) => {
    const parts = {
      id: cause.finding,
      signature: signature.id,
      title: cause.title,
      summary: cause.summary,
      evidence: [...evidence],
      fixes: cause.fixes.map((f) => ({
        ...(f.id !== undefined ? { id: f.id } : {}),
        text: f.text,
        ...(f.settings ? { settings: { ...f.settings } } : {}),
      })),
      deadEnds: cause.deadEnds.map((d) => ({
        ...(d.topic !== undefined ? { id: d.topic } : {}),
        text: d.text,
        why: d.why,
      })),
      docs: cause.docs.length > 0 ? cause.docs : fallbackDocs,
      confidence: reported && cause.confidence === 'high' ? ('medium' as const) : cause.confidence,
      ...(cause.detail !== undefined ? { detail: cause.detail } : {}),
      ...(provider.kind !== 'generic' ? { provider: provider.id } : {}),
    } satisfies Parameters<typeof candidate>[0];
    return candidate(
      parts,
      cause.finding === 'auth-ok' || cause.finding === 'message-accepted' ? 'outcome' : layer,
      origin,
    );
  });
}

/**
 * A refusal of AUTH whose wording no signature knows: say what the reply class means (RFC 5321 §4.2.1: 4xx
 * transient, 5xx permanent), with low confidence, rather than leave the user without any finding.
 */
function unknownRefusal(
  reply: Reply,
  evidence: EvidenceQuote[],
  origin: Candidate['origin'] = 'configured',
): Candidate {
  const transient = reply.code < 500;
  return candidate(
    transient
      ? {
          id: 'auth-temporary-failure',
          detail: 'unknown-wording',
          title: `The server refused the login for now (${reply.code}, wording unknown to smtp-doctor)`,
          summary:
            'A 4xx reply to AUTH is a transient refusal: the server could not or would not judge the login right now (a busy authentication backend, a throttle, a policy check). The exact wording is not in our knowledge base, so the cause is a guess from the code alone.',
          evidence,
          fixes: [
            { text: 'Wait a few minutes and try once; do not retry in a loop.' },
            { text: 'Search the provider’s documentation for the exact reply text quoted above.' },
          ],
          deadEnds: [
            { text: 'Changing the password right away', why: 'a 4xx says the server did not reach a verdict.' },
          ],
          confidence: 'low',
        }
      : {
          id: 'credentials-rejected',
          detail: 'unknown-wording',
          title: `The server refused the login (${reply.code}, wording unknown to smtp-doctor)`,
          summary:
            'A 5xx reply to AUTH is a permanent refusal of this login as it was sent: most often the user name or password, sometimes a policy (mechanism, account state). The exact wording is not in our knowledge base, so the cause is a guess from the code alone.',
          evidence,
          fixes: [
            {
              text: 'Check the user name form and the password the provider expects for SMTP (some require an app password or API key).',
            },
            { text: 'Search the provider’s documentation for the exact reply text quoted above.' },
          ],
          deadEnds: [
            {
              text: 'Retrying the same credentials',
              why: 'a 5xx will not change, and failures count towards lockouts.',
            },
          ],
          confidence: 'low',
        },
    'auth',
    origin,
  );
}
