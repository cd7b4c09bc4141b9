// Token judge: whether a minted access token opens SMTP for a user, as the provider decides it (pure; the clock is given).
import { OAUTH_PROVIDERS, oauthProvider } from '../knowledge/oauth-providers.js';
import type { OAuthPreset } from '../model/oauth.js';
import type { Persona } from './personas/types.js';
import type { MintedToken } from './token-registry.js';

/** The OAuth preset whose tokens a persona's provider takes, if it takes any. */
export function oauthPresetOf(persona: Persona): OAuthPreset | undefined {
  return OAUTH_PROVIDERS.find((p) => persona.providers.includes(p.provider))?.preset;
}

export type TokenVerdict = { ok: true; user: string } | { ok: false; why: string };

/**
 * The provider's checks, in the order SmtpClientDiag reads a token (knowledge/oauth-providers.ts): whose token it is,
 * expiry, audience, scope or role, then the user. `why` names the fault for the lab's log; the wire reply stays the
 * provider's one undifferentiated refusal.
 */
export function judgeToken(
  preset: OAuthPreset,
  token: MintedToken | undefined,
  username: string,
  now: number,
): TokenVerdict {
  if (!token) return { ok: false, why: 'the token is not one this lab issued (or it was mistyped)' };
  if (token.preset !== preset) return { ok: false, why: `the token was issued by the ${token.preset} endpoint` };
  if (token.expiresAt <= now)
    return { ok: false, why: `the token expired at ${new Date(token.expiresAt).toISOString()}` };
  const facts = oauthProvider(preset);
  if (facts.audiences && !facts.audiences.includes(token.audience ?? ''))
    return { ok: false, why: `the token is for ${token.audience ?? 'no audience'}, not Outlook (SMTP)` };
  const user = username.toLowerCase();
  if (token.kind === 'app') {
    const role = facts.appOnly?.role ?? 'SMTP.SendAsApp';
    if (!token.roles?.includes(role)) return { ok: false, why: `the app-only token has no ${role} role` };
    const mailbox = token.mailboxes?.find((m) => m.toLowerCase() === user);
    if (mailbox === undefined) return { ok: false, why: `the app may not send as ${JSON.stringify(username)}` };
    return { ok: true, user: mailbox };
  }
  if (!token.scopes.some((s) => facts.smtpScopes.includes(s)))
    return {
      ok: false,
      why: `the token's scope (${token.scopes.join(' ') || 'none'}) does not give SMTP (${facts.smtpScopes[0] ?? ''} does)`,
    };
  if (token.user === undefined || (username !== '' && token.user.toLowerCase() !== user))
    return {
      ok: false,
      why: `the token belongs to ${JSON.stringify(token.user ?? '')}, not to ${JSON.stringify(username)}`,
    };
  return { ok: true, user: token.user };
}
