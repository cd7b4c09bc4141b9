// OAuth for check: which token to log in with — one given, or one the token endpoint gives for a refresh token or the
// app's own credentials — checked before any connection, obtained before any SMTP session, recorded as evidence.
import { oauthProvider, OAUTH_PROVIDERS, presetOfTokenUrl } from '../knowledge/oauth-providers.js';
import { UsageError } from '../model/errors.js';
import type { OAuthEvidence, OAuthPreset, RefreshOutcome } from '../model/oauth.js';
import type { Secret } from '../model/secret.js';
import { tokenFacts } from '../protocol/jwt.js';
import { findMechanism } from '../protocol/sasl/registry.js';
import { isLoopbackHost, requestToken } from '../transport/token-endpoint.js';

/** The OAuth settings of a check: an access token, or what to get one with. Secrets are Secrets. */
export interface OAuthSettings {
  /** An access token to log in with as it is. */
  token?: Secret;
  /** A refresh token to exchange for an access token (with clientId, and clientSecret for confidential clients). */
  refreshToken?: Secret;
  clientId?: string;
  /** With clientId and no refresh token: the app's own credentials (client credentials, app-only). */
  clientSecret?: Secret;
  /** The token endpoint: a URL (https; http only to a loopback address), or a preset: "google", "microsoft". */
  tokenUrl?: string;
  /** Microsoft's directory (tenant id or domain, or common, organizations, consumers); default common. */
  tenant?: string;
  /** The scope to ask for, space-separated (default: the preset's: what SMTP needs). */
  scope?: string;
}

/** How each setting is named in a message: the library's option names, or the CLI's flags. */
export interface OAuthNames {
  token: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  tenant: string;
  scope: string;
  password: string;
  mechanism: string;
  user: string;
}

export const OAUTH_OPTION_NAMES: OAuthNames = {
  token: 'oauth.token',
  refreshToken: 'oauth.refreshToken',
  clientId: 'oauth.clientId',
  clientSecret: 'oauth.clientSecret',
  tokenUrl: 'oauth.tokenUrl',
  tenant: 'oauth.tenant',
  scope: 'oauth.scope',
  password: 'a password (credentials, or one in the target)',
  mechanism: 'mechanism',
  user: 'a user name (username, credentials.username or the target)',
};

/** What the run does: log in with the token given, or ask the endpoint for one first. */
export type OAuthPlan =
  | { kind: 'token'; token: Secret; preset?: OAuthPreset }
  | {
      kind: 'exchange';
      grant: RefreshOutcome['grant'];
      url: string;
      clientId: string;
      refreshToken?: Secret;
      clientSecret?: Secret;
      scope?: string;
      preset?: OAuthPreset;
    };

/** What the settings are combined with. */
export interface OAuthContext {
  /** The mechanism the user forced, if any: it must carry a token. */
  mechanism?: string;
  /** A password came from somewhere (an option, a flag, the target's URL, SMTP_PASS). */
  password?: boolean;
  /** The user name to log in as (XOAUTH2 and OAUTHBEARER send it beside the token). */
  username?: string;
}

/** Presence of each setting: what the conflicts are judged on (the CLI knows this before it reads any secret). */
export type OAuthPresence = { [K in keyof OAuthSettings]?: unknown };

const SETTING_KEYS = ['token', 'refreshToken', 'clientId', 'clientSecret', 'tokenUrl', 'tenant', 'scope'] as const;

const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/;

/**
 * Checks the settings against each other and the rest of the check, and says what to do; a UsageError for any
 * conflict, named in `names` (so the CLI's messages name its flags). No secret is ever quoted.
 */
export function planOAuth(
  settings: OAuthSettings,
  context: OAuthContext,
  names: OAuthNames = OAUTH_OPTION_NAMES,
): OAuthPlan {
  const preset = checkOAuthSettings(settings, context, names);
  if (!SETTING_KEYS.some((k) => settings[k] !== undefined))
    throw new UsageError(
      `the OAuth settings are empty: give ${names.token}, or ${names.refreshToken} with ${names.clientId} and ${names.tokenUrl}`,
    );
  if (settings.token) return { kind: 'token', token: settings.token, ...(preset ? { preset } : {}) };
  const url = tokenEndpoint(settings.tokenUrl ?? '', settings.tenant);
  const grant: RefreshOutcome['grant'] = settings.refreshToken ? 'refresh_token' : 'client_credentials';
  const facts = preset ? oauthProvider(preset) : undefined;
  const scope =
    settings.scope ?? (grant === 'refresh_token' ? facts?.delegatedScope : (facts?.appOnly?.scope ?? undefined));
  return {
    kind: 'exchange',
    grant,
    url,
    clientId: settings.clientId ?? '',
    ...(settings.refreshToken ? { refreshToken: settings.refreshToken } : {}),
    ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(preset ? { preset } : {}),
  };
}

/** The conflicts, judged on which settings are present: returns the preset named or matched by the token URL. */
export function checkOAuthSettings(
  o: OAuthPresence,
  context: OAuthContext,
  names: OAuthNames = OAUTH_OPTION_NAMES,
): OAuthPreset | undefined {
  const has = (k: keyof OAuthSettings): boolean => o[k] !== undefined;
  const given = SETTING_KEYS.filter(has);
  if (given[0] === undefined) return undefined;
  const first = names[given[0]];
  const exchange = has('refreshToken') || has('clientId') || has('clientSecret');
  if (context.password)
    throw new UsageError(
      `give either ${names.password} or an OAuth token (${first}), not both: XOAUTH2 carries the token in place of the password`,
    );
  if (has('token') && exchange) {
    const other = (['refreshToken', 'clientId', 'clientSecret'] as const).find(has) ?? 'refreshToken';
    throw new UsageError(
      `give either an access token (${names.token}) or what to get one with (${names[other]}), not both`,
    );
  }
  if (context.mechanism !== undefined) {
    const mechanism = findMechanism(context.mechanism);
    if (mechanism?.credential !== 'token')
      throw new UsageError(
        `${names.mechanism} ${mechanism?.name ?? context.mechanism.toUpperCase()} takes a password, not an OAuth token: use XOAUTH2 or OAUTHBEARER (or leave ${names.mechanism} out: XOAUTH2)`,
      );
  }
  if (!has('token')) {
    if (!has('clientId'))
      throw new UsageError(
        has('refreshToken')
          ? `${names.refreshToken} needs ${names.clientId}: the token endpoint only refreshes for the app the token was issued to`
          : `${first} needs ${names.clientId} and ${names.refreshToken} (or ${names.clientSecret} for the app's own credentials), or give an access token with ${names.token}`,
      );
    if (!has('refreshToken') && !has('clientSecret'))
      throw new UsageError(
        `${names.clientId} needs ${names.refreshToken} (a user's refresh token) or ${names.clientSecret} (the app's own credentials)`,
      );
    if (!has('tokenUrl'))
      throw new UsageError(`a token refresh needs ${names.tokenUrl}: google, microsoft or the endpoint's https:// URL`);
  } else if (has('scope'))
    throw new UsageError(`${names.scope} is only used to get a token (${names.refreshToken}), not with ${names.token}`);
  if (context.username === undefined)
    throw new UsageError(
      `an OAuth token needs ${names.user}: XOAUTH2 and OAUTHBEARER send the mailbox's address beside the token`,
    );
  const url = typeof o.tokenUrl === 'string' ? o.tokenUrl : undefined;
  const named = url === undefined ? undefined : presetName(url);
  if (has('tenant')) {
    if (named !== 'microsoft')
      throw new UsageError(`${names.tenant} goes with the Microsoft preset only (${names.tokenUrl} microsoft)`);
    if (typeof o.tenant !== 'string' || !TENANT.test(o.tenant))
      throw new UsageError(
        `${names.tenant} must be a tenant id, a domain, or common, organizations or consumers (letters, digits, "." and "-")`,
      );
  }
  if (url === undefined) return undefined;
  if (named !== undefined) {
    if (!has('token') && !has('refreshToken') && oauthProvider(named).appOnly === undefined)
      throw new UsageError(
        `${named} does not issue app-only tokens for SMTP (no client credentials): give ${names.refreshToken}`,
      );
    return named;
  }
  checkTokenUrl(url, names.tokenUrl);
  return presetOfTokenUrl(url);
}

function presetName(text: string): OAuthPreset | undefined {
  const word = text.trim().toLowerCase();
  return OAUTH_PROVIDERS.find((p) => p.preset === word)?.preset;
}

/** A token endpoint URL a token may be sent to: https, or http to this machine only; no user info. */
function checkTokenUrl(text: string, name: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${name} must be google, microsoft or a URL (https://…/token); what was given is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${name} must be an https:// URL, not ${url.protocol}`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw new UsageError(
      `${name}: http:// would send the refresh token and client secret unencrypted; use https:// (http only to 127.0.0.1, ::1 or localhost)`,
    );
  if (url.username !== '' || url.password !== '')
    throw new UsageError(`${name} must not hold a user name or password (the URL is not shown)`);
}

/** The endpoint to post to: a preset's URL (Microsoft's with the tenant), or the URL given. */
function tokenEndpoint(tokenUrl: string, tenant: string | undefined): string {
  const named = presetName(tokenUrl);
  if (!named) return tokenUrl;
  const facts = oauthProvider(named);
  return facts.tokenUrl.replace('{tenant}', encodeURIComponent(tenant ?? facts.defaultTenant ?? 'common'));
}

/** The documented token prefixes (ya29., 1//), for the token's facts. */
const KNOWN_PREFIXES: readonly string[] = OAUTH_PROVIDERS.flatMap((p) =>
  [p.prefixes?.access, p.prefixes?.refresh].filter((x): x is string => x !== undefined),
);

export interface ObtainedToken {
  evidence: OAuthEvidence;
  /** The access token to log in with: absent when the exchange failed (then no login is made). */
  token?: Secret;
}

/**
 * Carries the plan out: a token given is only described; otherwise the endpoint is asked, within `timeoutMs` (the
 * caller's phase timeout, bounded by what is left of the run's deadline). `Date.now()` here is the only clock the
 * diagnosis sees (checkedAt: when exp is compared).
 */
export async function obtainToken(
  plan: OAuthPlan,
  how: { timeoutMs: number; signal?: AbortSignal; scrub?: readonly Secret[] },
): Promise<ObtainedToken> {
  if (plan.kind === 'token') {
    const evidence: OAuthEvidence = {
      source: 'token',
      token: tokenFacts(plan.token.reveal(), KNOWN_PREFIXES),
      checkedAt: Date.now(),
    };
    if (plan.preset) evidence.preset = plan.preset;
    return { evidence, token: plan.token };
  }
  const { outcome, accessToken } = await requestToken({
    url: plan.url,
    grant: plan.grant,
    clientId: plan.clientId,
    ...(plan.refreshToken ? { refreshToken: plan.refreshToken } : {}),
    ...(plan.clientSecret ? { clientSecret: plan.clientSecret } : {}),
    ...(plan.scope !== undefined ? { scope: plan.scope } : {}),
    timeoutMs: how.timeoutMs,
    ...(how.signal ? { signal: how.signal } : {}),
    ...(how.scrub ? { scrub: how.scrub } : {}),
  });
  const evidence: OAuthEvidence = { source: 'refresh', refresh: outcome, checkedAt: Date.now() };
  if (plan.preset) evidence.preset = plan.preset;
  if (plan.scope !== undefined) evidence.scopeRequested = plan.scope;
  if (accessToken) evidence.token = tokenFacts(accessToken.reveal(), KNOWN_PREFIXES);
  return accessToken ? { evidence, token: accessToken } : { evidence };
}

/** The secrets of the settings, for every scrubber of the run. */
export function oauthSecrets(settings: OAuthSettings | undefined): Secret[] {
  if (!settings) return [];
  return [settings.token, settings.refreshToken, settings.clientSecret].filter(
    (s): s is Secret => s !== undefined && !s.isEmpty,
  );
}
