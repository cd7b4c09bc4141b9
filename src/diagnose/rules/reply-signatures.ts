// Rule: every server reply (live or pasted) matched against the knowledge base; each applicable cause becomes a finding.
import type { EvidenceQuote, FindingId } from '../../model/finding.js';
import { catalog } from '../../knowledge/catalog.js';
import type { Reply } from '../../model/reply.js';
import type { Phase } from '../../model/transcript.js';
import { matchReply, type MatchContext, type SignatureMatch } from '../../knowledge/match.js';
import { candidate, pastedQuote, replyQuote } from '../build.js';
import { sessionReplies } from '../context.js';
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
    const out: Candidate[] = [];
    const base: Omit<MatchContext, 'tls'> = {
      providers: context.providerIds,
      credential: context.credential,
      username: context.username ?? null,
    };
    const configured = context.configured;
    if (configured) {
      for (const { reply, phase } of sessionReplies(configured.record)) {
        // Successes in a live session are the auth-ok rule's; here only refusals are diagnosed (an error challenge
        // is the one 334 sessionReplies lists).
        if (reply.code < 400 && reply.code !== 334) continue;
        const tls = phase === 'auth' ? context.tlsAtAuth : configured.record.tls !== undefined && phase !== 'greeting';
        const match = best(reply, phase, { ...base, tls });
        if (match) out.push(...fromMatch(match, replyQuote(reply, configured), LAYER_OF[phase] ?? 'auth'));
        else if (phase === 'auth' && reply.code >= 400) out.push(unknownRefusal(reply, replyQuote(reply, configured)));
      }
      return out;
    }
    for (const observation of context.evidence.observations) {
      if (observation.kind !== 'reply') continue;
      const { reply, phase } = observation;
      // A pasted 2xx/3xx says something only in a few places: 235 after AUTH, 250 after DATA, a 334 XOAUTH2 error.
      const match = best(reply, phase, { ...base, tls: context.tlsAtAuth });
      if (!match) {
        if (phase === 'auth' && reply.code >= 400) out.push(unknownRefusal(reply, pastedQuote(observation)));
        continue;
      }
      const layer = phase ? (LAYER_OF[phase] ?? 'auth') : layerOfSignature(match);
      out.push(...fromMatch(match, pastedQuote(observation), layer));
    }
    return out;
  },
};

function best(reply: Reply, phase: Phase | null, context: MatchContext): SignatureMatch | undefined {
  return matchReply({ code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase }, context)[0];
}

function layerOfSignature(match: SignatureMatch): Layer {
  const phase = match.signature.phases[0];
  return phase ? (LAYER_OF[phase] ?? 'auth') : 'auth';
}

function fromMatch(match: SignatureMatch, quote: EvidenceQuote, layer: Layer): Candidate[] {
  const { signature, provider } = match;
  // One transcript or an inferred text cannot carry more certainty than "medium".
  const reported = signature.certainty === 'reported';
  return match.causes.map((cause) => {
    const parts = {
      id: cause.finding,
      signature: signature.id,
      title: cause.title,
      summary: cause.summary,
      evidence: [quote],
      fixes: cause.fixes.map((f) => ({ ...f })),
      deadEnds: cause.deadEnds.map((d) => ({ ...d })),
      docs: cause.docs.length > 0 ? cause.docs : provider.docs.slice(0, 2),
      confidence: reported && cause.confidence === 'high' ? ('medium' as const) : cause.confidence,
      ...(cause.detail !== undefined ? { detail: cause.detail } : {}),
      ...(provider.kind !== 'generic' ? { provider: provider.id } : {}),
    } satisfies Parameters<typeof candidate>[0];
    return candidate(parts, cause.finding === 'auth-ok' || cause.finding === 'message-accepted' ? 'outcome' : layer);
  });
}

/**
 * A refusal of AUTH whose wording no signature knows: say what the reply class means (RFC 5321 §4.2.1: 4xx
 * transient, 5xx permanent), with low confidence, rather than leave the user without any finding.
 */
function unknownRefusal(reply: Reply, quote: EvidenceQuote): Candidate {
  const transient = reply.code < 500;
  return candidate(
    transient
      ? {
          id: 'auth-temporary-failure',
          detail: 'unknown-wording',
          title: `The server refused the login for now (${reply.code}, wording unknown to smtp-doctor)`,
          summary:
            'A 4xx reply to AUTH is a transient refusal: the server could not or would not judge the login right now (a busy authentication backend, a throttle, a policy check). The exact wording is not in our knowledge base, so the cause is a guess from the code alone.',
          evidence: [quote],
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
          evidence: [quote],
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
  );
}
