// Reading replies through the knowledge base: the one match context every rule uses, so no two rules read a reply apart.
import { bestMatch, matchReply, type MatchContext, type SignatureMatch } from '../../knowledge/match.js';
import { secretForm } from '../../knowledge/secret-shapes.js';
import type { FindingId } from '../../model/finding.js';
import type { Reply } from '../../model/reply.js';
import type { Phase } from '../../model/transcript.js';
import { TOKEN_MECHANISMS, type DiagnoseContext, type IndexedSession } from '../context.js';

/** The client a live check is: smtp-doctor itself, which stops at a refused login (knowledge `when.clients`). */
export const LIVE_CLIENT = 'smtp-doctor';

/** What the knowledge matcher needs to know about the evidence; `tls` is where the reply came. */
export function matchContext(context: DiagnoseContext, tls: boolean | null): MatchContext {
  return {
    providers: context.providerIds,
    credential: context.credential,
    tls,
    username: context.username ?? null,
    secret: secretForm(context.secret),
    client: context.sessions.length > 0 ? LIVE_CLIENT : (context.evidence.client?.client ?? null),
    authRefusalShown: context.sessions.length > 0 ? true : pastedAuthRefusal(context),
  };
}

/** Whether a paste shows the server refusing the login: a 4xx/5xx reply placed at AUTH. */
function pastedAuthRefusal(context: DiagnoseContext): boolean {
  return context.evidence.observations.some((o) => o.kind === 'reply' && o.phase === 'auth' && o.reply.code >= 400);
}

/** The known signature a reply of a live session fits best (the same reading for every rule). */
export function sessionMatch(
  context: DiagnoseContext,
  at: IndexedSession,
  reply: Reply,
  phase: Phase,
): SignatureMatch | undefined {
  const own = at === context.configured;
  const tls = phase === 'auth' && own ? context.tlsAtAuth : at.record.tls !== undefined && phase !== 'greeting';
  // Another session's login says itself what it sent (the context knows only the configured session's).
  const mechanism = own ? undefined : at.record.auth?.mechanism.toUpperCase();
  const credential =
    mechanism === undefined ? context.credential : TOKEN_MECHANISMS.has(mechanism) ? 'token' : 'password';
  return matchReply(
    { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase },
    { ...matchContext(context, tls), credential },
  )[0];
}

/**
 * The known signature a success reply fits (235 after AUTH, 250 after DATA), when its causes lead to `finding`: the
 * success findings of a live session name their reply as the reply-signatures rule names refusals.
 */
export function successSignature(
  context: DiagnoseContext,
  reply: Reply,
  phase: Phase,
  finding: Extract<FindingId, 'auth-ok' | 'message-accepted'>,
): string | undefined {
  const match = bestMatch(
    { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase },
    matchContext(context, context.tlsAtAuth),
  );
  return match?.causes.some((c) => c.finding === finding) ? match.signature.id : undefined;
}
