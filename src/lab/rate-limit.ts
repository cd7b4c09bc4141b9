// The rate-limit fault's reply: the persona's own, else its provider's catalogued refusal of too many logins, else a generic one.
import { providerById, type SignatureData } from '../knowledge/index.js';
import type { FindingId } from '../model/finding.js';
import { GENERIC_REPLIES } from './personas/generic.js';
import type { Persona, SourcedReply } from './personas/types.js';

/** What a provider means when it stops answering logins after too many failures. */
const THROTTLE_FINDINGS: readonly FindingId[] = ['rate-limited', 'account-locked'];

/**
 * The knowledge signature a persona's providers use to refuse logins after too many failures: a reply to AUTH
 * (its first phase) that the knowledge reads as rate limiting or a lockout, rate limiting first.
 */
export function throttleSignature(persona: Persona): SignatureData | null {
  const candidates = persona.providers.flatMap((id) =>
    (providerById(id)?.signatures ?? []).filter(
      (s) => s.phases[0] === 'auth' && s.causes.some((c) => THROTTLE_FINDINGS.includes(c.finding)),
    ),
  );
  const rank = (s: SignatureData): number =>
    Math.min(...s.causes.map((c) => THROTTLE_FINDINGS.indexOf(c.finding)).filter((i) => i >= 0));
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * What the rate-limit fault answers on this persona. A persona's own `authRateLimited` wins (it fills per-session
 * values such as Gmail's session id or Postfix's client address); otherwise the catalogued sample is served as is;
 * without one, a generic reply that reads as throttling (not "Temporary authentication failure", which the
 * diagnosis rightly reads as an outage of the server's password check).
 */
export function rateLimitReply(persona: Persona): SourcedReply {
  const own = persona.replies.authRateLimited;
  if (own) return own;
  const signature = throttleSignature(persona);
  const sample = signature?.samples[0];
  if (!signature || sample === undefined) return GENERIC_REPLIES.authRateLimited;
  return {
    reply: sample.split('\n').join('\r\n'),
    sources: signature.sources,
    verified: signature.certainty === 'confirmed',
    note: `the knowledge sample of ${signature.id}, served verbatim`,
  };
}
