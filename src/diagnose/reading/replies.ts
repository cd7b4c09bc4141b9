// Reading replies: every server reply the evidence shows, live or pasted, as one list — and the throttle after a failure.
import { onlyAnswers } from '../../knowledge/codes.js';
import { matchPastedReply, type SignatureMatch } from '../../knowledge/match.js';
import type { EvidenceQuote } from '../../model/finding.js';
import type { Reply } from '../../model/reply.js';
import type { Phase } from '../../model/transcript.js';
import { pastedQuote, replyQuote } from '../quotes.js';
import type { DiagnoseContext, IndexedSession } from '../context.js';
import { matchContext, sessionMatch } from './matching.js';
import { sessionReplies } from './sessions.js';

/** One reply and what is known about it, the same for a live session and for pasted text. */
export interface ReadReply {
  reply: Reply;
  /** The step it answered; null when pasted text does not tell. */
  phase: Phase | null;
  quote: EvidenceQuote;
  /** The live session it came from (the configured one first); undefined for pasted text. */
  at?: IndexedSession;
  /** How often a long paste shows it (explain collapses the copies); undefined: once. */
  count?: number;
  /** The known signature it fits best, the same reading for every rule (matched on first use, then kept). */
  match(): SignatureMatch | undefined;
}

/** Every reply of the evidence in order: each session's replies (configured first), or the pasted ones. */
export function readReplies(context: DiagnoseContext): ReadReply[] {
  if (context.sessions.length > 0)
    return context.sessions.flatMap((at) =>
      sessionReplies(at.record).map(({ reply, phase }) => ({
        reply,
        phase,
        quote: replyQuote(reply, at),
        at,
        match: once(() => sessionMatch(context, at, reply, phase)),
      })),
    );
  const tls = matchContext(context, context.tlsAtAuth);
  return context.evidence.observations.flatMap((o) => {
    if (o.kind !== 'reply') return [];
    // A code that answers one command only (235, 535 …) says which command it answered, whatever a wrapper says.
    const phase = onlyAnswers(o.reply.code) ?? o.phase;
    return [
      {
        reply: o.reply,
        phase,
        quote: pastedQuote(o),
        ...(o.count !== undefined ? { count: o.count } : {}),
        match: once(
          () =>
            matchPastedReply(
              { code: o.reply.code, enhanced: o.reply.enhanced?.code ?? null, text: o.reply.text, phase },
              tls,
            )[0],
        ),
      },
    ];
  });
}

/** The replies to AUTH: the verdicts on each login, and the temporary refusals between them. */
export function loginReplies(replies: readonly ReadReply[]): ReadReply[] {
  return replies.filter((r) => r.phase === 'auth');
}

/**
 * A temporary refusal of a login (454, or a 421 that ends the session) after a refused login (a 5xx), whose wording no
 * signature names (it fits none, or only by its code): after failures it is most likely the login throttle, not a server
 * fault. A reply a signature names by its words (Gmail's "Too many login attempts") says itself what it is. The lockout
 * rule reports the throttle; the reply-signatures rule leaves that reply alone, so the two never disagree about it.
 */
export function throttleAfterFailure(
  replies: readonly ReadReply[],
): { throttle: ReadReply; failed: ReadReply } | undefined {
  let failed: ReadReply | undefined;
  for (const r of loginReplies(replies)) {
    if (r.reply.code >= 500) failed ??= r;
    else if (failed && (r.reply.code === 454 || r.reply.code === 421))
      if ((r.match()?.tier ?? 'generic-code') === 'generic-code') return { throttle: r, failed };
  }
  return undefined;
}

function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}
