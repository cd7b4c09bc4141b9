// Token grants: how the lab's token endpoint answers one request, as Google's or Microsoft's would (no I/O; the clock is given).
import { randomBytes, randomUUID } from 'node:crypto';
import { oauthProvider } from '../knowledge/oauth-providers.js';
import type { OAuthPreset } from '../model/oauth.js';
import type { LabAccount, LabOAuthGrant } from './accounts.js';
import { googleAccessToken, microsoftAccessToken, type MintedToken, type TokenRegistry } from './token-registry.js';

export interface GrantContext {
  preset: OAuthPreset;
  accounts: readonly LabAccount[];
  registry: TokenRegistry;
  /** Milliseconds since the epoch. */
  now: number;
  /** Microsoft: the lab directory's tenant id (`tid`) and the key its tokens are signed with. */
  tenantId: string;
  key: Buffer;
}

export interface TokenRequest {
  /** Microsoft: the {tenant} of the path. */
  tenant?: string;
  params: URLSearchParams;
  /** Client credentials from an HTTP Basic Authorization header (RFC 6749 §2.3.1), when the client sent one. */
  basic?: { id: string; secret: string };
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  /** For the lab's log: what was decided and why, never a token or a secret. */
  why: string;
}

/** What each provider's endpoint answers, quoted from public transcripts (lab: our own wording, said so in the text). */
const SOURCES = {
  googleRevoked:
    'observed:https://github.com/dolfim/django-gmailapi-backend/issues/9 ({"error":"invalid_grant","error_description":"Token has been expired or revoked."}); https://workos.com/blog/invalid-grant-oauth-errors-by-provider',
  googleUnknownGrant:
    "observed:https://github.com/google/gmail-oauth2-tools/issues/29 ({u'error_description': u'Bad Request', u'error': u'invalid_grant'})",
  googleInvalidClient:
    "observed:https://github.com/hrishikeshrt/google_drive_ocr/issues/8 ({'error': 'invalid_client', 'error_description': 'Unauthorized'}); observed:https://github.com/teranetsrl/oauth2_client/issues/145 (HTTP 401)",
  googleUnauthorizedClient:
    'observed:https://github.com/timfee/meet/issues/25 and https://github.com/baptisteArno/typebot.io/issues/580 ({"error": "unauthorized_client", "error_description": "Unauthorized"} on a refresh)',
  googleNoClientId:
    'observed:https://github.com/zcaceres/gtasks-mcp/pull/35 (invalid_request: Could not determine client ID from request.)',
  googleInvalidScope:
    'observed:https://github.com/kelproject/pykube/issues/86 (Error refreshing token: (invalid_scope) Bad Request)',
  microsoftShape:
    'observed:https://github.com/Azure/azure-cli/issues/14244 and https://github.com/microsoft/azuredatastudio/issues/13953 (error, error_description with Trace ID / Correlation ID / Timestamp lines, error_codes, timestamp, trace_id, correlation_id, error_uri)',
  microsoftRevoked:
    'observed:https://github.com/microsoft/azuredatastudio/issues/13953 and https://github.com/Azure/azure-cli/issues/16745 (AADSTS50173)',
  microsoftInactive: 'observed:https://github.com/Azure/azure-cli/issues/14244 (AADSTS700082, HTTP 400)',
  microsoftBadRefresh:
    "observed:https://github.com/BingAds/BingAds-Python-SDK/issues/279 (AADSTS70000: The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.)",
  microsoftBadSecret:
    'observed:https://github.com/OfficeDev/microsoft-365-agents-toolkit/issues/8621 and https://github.com/Azure/sap-automation/issues/418 (AADSTS7000215, HTTP 401)',
  microsoftNoSecret:
    "observed:https://github.com/MicrosoftDocs/azure-docs/issues/25959 (AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.)",
  microsoftNoScope:
    "observed:https://github.com/microsoftgraph/msgraph-sample-android/issues/11 and https://github.com/laravel/socialite/issues/315 (AADSTS70011: The provided request must include a 'scope' input parameter.)",
  microsoftUnknownScope:
    "observed:https://github.com/spencerwooo/onedrive-cf-index/issues/100 (invalid_scope, AADSTS70011: … The scope '…' does not exist.); https://learn.microsoft.com/en-us/answers/questions/1480316 (SMTP.SendAsApp in a delegated request)",
} as const;
export const TOKEN_ENDPOINT_SOURCES: Readonly<Record<keyof typeof SOURCES, string>> = SOURCES;

/** Access tokens live this long (both providers answer expires_in 3599 to a fresh token). */
const LIFETIME_S = 3599;
/** Scopes of OpenID Connect and the refresh token itself: they name no API and appear in no `scp`. */
const OIDC = new Set(['openid', 'profile', 'email', 'offline_access']);
const GRAPH = 'https://graph.microsoft.com';
/** Permissions the lab's Microsoft directory knows per resource; others "do not exist" (AADSTS70011). */
const OUTLOOK_PERMISSIONS = ['SMTP.Send', 'IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'EWS.AccessAsUser.All'];
const GRAPH_PERMISSIONS = [
  'Mail.Send',
  'Mail.Read',
  'Mail.ReadWrite',
  'User.Read',
  'SMTP.Send',
  'IMAP.AccessAsUser.All',
];

export function answerTokenRequest(ctx: GrantContext, request: TokenRequest): TokenAnswer {
  return ctx.preset === 'google' ? answerGoogle(ctx, request) : answerMicrosoft(ctx, request);
}

// ---- Google -----------------------------------------------------------------------------------------------------

function answerGoogle(ctx: GrantContext, request: TokenRequest): TokenAnswer {
  const p = request.params;
  const grantType = p.get('grant_type') ?? '';
  if (grantType !== 'refresh_token')
    return google(400, 'unsupported_grant_type', labText(`this endpoint takes grant_type=refresh_token`), grantType);
  const clientId = request.basic?.id ?? p.get('client_id') ?? '';
  const secret = request.basic?.secret ?? p.get('client_secret') ?? '';
  // Google: the client id is missing → invalid_request (gtasks-mcp#35); unknown or wrong secret → 401 Unauthorized.
  if (clientId === '')
    return google(400, 'invalid_request', 'Could not determine client ID from request.', 'no client_id');
  if (!clientAuthenticates(ctx.accounts, clientId, secret))
    return google(401, 'invalid_client', 'Unauthorized', 'unknown client or wrong client secret');
  const refresh = p.get('refresh_token') ?? '';
  if (refresh === '') return google(400, 'invalid_request', labText('refresh_token is missing'), 'no refresh_token');
  const account = ctx.accounts.find((a) => a.oauth?.refreshToken === refresh);
  const grant = account?.oauth;
  if (!account || !grant) return google(400, 'invalid_grant', 'Bad Request', 'unknown refresh token');
  if (grant.clientId !== clientId)
    return google(400, 'unauthorized_client', 'Unauthorized', 'the refresh token was issued to another client');
  for (const flag of ['refresh-revoked', 'refresh-expired', 'testing-app'] as const)
    if (grant.flags.includes(flag))
      return google(400, 'invalid_grant', 'Token has been expired or revoked.', `refresh token refused (${flag})`);
  const granted = grant.grantScope ?? oauthProvider('google').delegatedScope.split(' ');
  const asked = scopeList(p.get('scope'));
  // RFC 6749 §6: a refresh may ask for less than the consent granted, never more.
  if (asked.length > 0 && !asked.every((s) => granted.includes(s)))
    return google(400, 'invalid_scope', 'Bad Request', `scope beyond the consent (${granted.join(' ')})`);
  const scopes = asked.length > 0 ? asked : granted;
  const token = googleAccessToken();
  const { issuedAt, expiresAt } = lifetime(ctx.now, grant);
  ctx.registry.add(token, {
    preset: 'google',
    kind: 'delegated',
    user: account.username,
    scopes,
    clientId,
    issuedAt,
    expiresAt,
  });
  return {
    status: 200,
    body: { access_token: token, expires_in: LIFETIME_S, scope: scopes.join(' '), token_type: 'Bearer' },
    why: `minted an access token for ${account.username} (scope ${scopes.join(' ')}${expiresAt <= ctx.now ? ', already expired' : ''})`,
  };
}

function google(status: number, error: string, description: string, why: string): TokenAnswer {
  return { status, body: { error, error_description: description }, why: `${error}: ${why}` };
}

// ---- Microsoft --------------------------------------------------------------------------------------------------

function answerMicrosoft(ctx: GrantContext, request: TokenRequest): TokenAnswer {
  const p = request.params;
  const grantType = p.get('grant_type') ?? '';
  const err = (status: number, error: string, code: number | null, text: string, why: string): TokenAnswer =>
    microsoft(ctx.now, status, error, code, text, why);
  if (grantType !== 'refresh_token' && grantType !== 'client_credentials')
    return err(
      400,
      'unsupported_grant_type',
      null,
      labText('this endpoint takes grant_type=refresh_token or client_credentials'),
      grantType,
    );
  const clientId = request.basic?.id ?? p.get('client_id') ?? '';
  const secret = request.basic?.secret ?? p.get('client_secret') ?? '';
  if (clientId === '') return err(400, 'invalid_request', null, labText('client_id is missing'), 'no client_id');
  if (!ctx.accounts.some((a) => a.oauth?.clientId === clientId))
    return err(
      400,
      'unauthorized_client',
      null,
      labText(`no application ${clientId} in this directory`),
      'unknown client',
    );
  if (secret === '')
    return err(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      'no client secret',
    );
  if (!clientAuthenticates(ctx.accounts, clientId, secret))
    return err(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      'wrong client secret',
    );
  const scope = p.get('scope') ?? '';
  if (scope.trim() === '')
    return err(400, 'invalid_scope', 70011, "The provided request must include a 'scope' input parameter.", 'no scope');
  return grantType === 'client_credentials'
    ? microsoftAppOnly(ctx, clientId, scope, err)
    : microsoftDelegated(ctx, clientId, p.get('refresh_token') ?? '', scope, err);
}

type MicrosoftError = (status: number, error: string, code: number | null, text: string, why: string) => TokenAnswer;

function microsoftDelegated(
  ctx: GrantContext,
  clientId: string,
  refresh: string,
  scope: string,
  err: MicrosoftError,
): TokenAnswer {
  if (refresh === '') return err(400, 'invalid_request', null, labText('refresh_token is missing'), 'no refresh_token');
  const account = ctx.accounts.find((a) => a.oauth?.refreshToken === refresh);
  const grant = account?.oauth;
  const notValid = "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.";
  if (!account || !grant) return err(400, 'invalid_grant', 70000, notValid, 'unknown refresh token');
  if (grant.clientId !== clientId)
    return err(400, 'invalid_grant', 70000, notValid, 'the refresh token was issued to another client');
  const issued = isoSeconds(ctx.now - 120 * 86_400_000, 7);
  if (grant.flags.includes('refresh-revoked'))
    return err(
      400,
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${isoSeconds(ctx.now - 86_400_000, 7)}'.`,
      'refresh token refused (refresh-revoked)',
    );
  if (grant.flags.includes('refresh-expired'))
    return err(
      400,
      'invalid_grant',
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${issued} and was inactive for 90.00:00:00.`,
      'refresh token refused (refresh-expired)',
    );
  const asked = scopeList(scope);
  const resources = asked.filter((s) => !OIDC.has(s)).map(splitScope);
  const unknown = resources.find((r) => !knownPermission(r));
  if (unknown)
    return err(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' does not exist.`,
      `unknown permission ${unknown.permission}`,
    );
  const resource = resources[0]?.resource ?? GRAPH;
  let permissions = resources.filter((r) => r.resource === resource).map((r) => r.permission);
  if (permissions.includes('.default') || permissions.length === 0) permissions = defaultPermissions(resource);
  // A consent that granted less (grant-scope=): the token carries what was consented on that resource. Entra ID would
  // ask the user to consent, which a refresh cannot do; the lab keeps the refusal for the SMTP server to make.
  if (grant.grantScope) {
    const consented = grant.grantScope
      .filter((s) => !OIDC.has(s))
      .map(splitScope)
      .filter((r) => r.resource === resource)
      .map((r) => r.permission);
    const kept = permissions.filter((x) => consented.includes(x));
    permissions = kept.length > 0 ? kept : consented;
  }
  const { issuedAt, expiresAt } = lifetime(ctx.now, grant);
  const audience = resource;
  const token = microsoftAccessToken(
    {
      ...commonClaims(ctx, { audience, clientId, issuedAt, expiresAt }),
      idtyp: 'user',
      ...(permissions.length > 0 ? { scp: permissions.join(' ') } : {}),
      sub: randomBytes(16).toString('base64url'),
      unique_name: account.username,
      upn: account.username,
    },
    ctx.key,
  );
  ctx.registry.add(token, {
    preset: 'microsoft',
    kind: 'delegated',
    user: account.username,
    scopes: permissions,
    audience,
    clientId,
    issuedAt,
    expiresAt,
  });
  const echoed = [...permissions.map((x) => `${resource}/${x}`), ...asked.filter((s) => OIDC.has(s))];
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: echoed.join(' '),
      expires_in: LIFETIME_S,
      ext_expires_in: LIFETIME_S,
      access_token: token,
      ...(asked.includes('offline_access') ? { refresh_token: refresh } : {}),
    },
    why: `minted an access token for ${account.username} (aud ${audience}, scp ${permissions.join(' ') || 'none'}${expiresAt <= ctx.now ? ', already expired' : ''})`,
  };
}

function microsoftAppOnly(ctx: GrantContext, clientId: string, scope: string, err: MicrosoftError): TokenAnswer {
  const asked = scopeList(scope);
  const only = asked.length === 1 ? splitScope(asked[0] ?? '') : undefined;
  if (only?.permission !== '.default')
    return err(
      400,
      'invalid_scope',
      null,
      labText('client credentials take one scope, RESOURCE/.default (Entra ID answers AADSTS1002012)'),
      `app-only scope ${scope} is not RESOURCE/.default`,
    );
  const granted = ctx.accounts.filter((a) => a.oauth?.clientId === clientId && a.oauth.flags.includes('app-role'));
  const outlook = isOutlook(only.resource);
  const roles = outlook && granted.length > 0 ? [oauthProvider('microsoft').appOnly?.role ?? 'SMTP.SendAsApp'] : [];
  const first = granted[0]?.oauth;
  const { issuedAt, expiresAt } = lifetime(ctx.now, first);
  const audience = only.resource;
  const token = microsoftAccessToken(
    {
      ...commonClaims(ctx, { audience, clientId, issuedAt, expiresAt }),
      idtyp: 'app',
      ...(roles.length > 0 ? { roles } : {}),
      sub: randomUUID(),
    },
    ctx.key,
  );
  const facts: MintedToken = {
    preset: 'microsoft',
    kind: 'app',
    mailboxes: granted.map((a) => a.username),
    scopes: [],
    audience,
    roles,
    clientId,
    issuedAt,
    expiresAt,
  };
  ctx.registry.add(token, facts);
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: LIFETIME_S, ext_expires_in: LIFETIME_S, access_token: token },
    why: `minted an app-only token for ${clientId} (aud ${audience}, roles ${roles.join(' ') || 'none'}${expiresAt <= ctx.now ? ', already expired' : ''})`,
  };
}

/** Microsoft's error body: AADSTS code and text, then the trace lines, as Entra ID sends it (SOURCES.microsoftShape). */
function microsoft(
  now: number,
  status: number,
  error: string,
  code: number | null,
  text: string,
  why: string,
): TokenAnswer {
  const trace = randomUUID();
  const correlation = randomUUID();
  const timestamp = new Date(now)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const description = `${code === null ? '' : `AADSTS${code}: `}${text}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`;
  return {
    status,
    body: {
      error,
      error_description: description,
      error_codes: code === null ? [] : [code],
      timestamp,
      trace_id: trace,
      correlation_id: correlation,
      ...(code === null ? {} : { error_uri: `https://login.microsoftonline.com/error?code=${code}` }),
    },
    why: `${error}${code === null ? '' : ` AADSTS${code}`}: ${why}`,
  };
}

// ---- shared -----------------------------------------------------------------------------------------------------

/** Where no public transcript gives the provider's wording, the lab says it is the lab speaking. */
function labText(text: string): string {
  return `smtp-doctor lab: ${text}`;
}

function clientAuthenticates(accounts: readonly LabAccount[], clientId: string, secret: string): boolean {
  return accounts.some((a) => a.oauth?.clientId === clientId && a.oauth.clientSecret === secret);
}

function scopeList(scope: string | null): string[] {
  return (scope ?? '').split(/\s+/).filter((s) => s !== '');
}

function splitScope(scope: string): { resource: string; permission: string } {
  const m = /^(https:\/\/[^/]+)\/(.*)$/i.exec(scope);
  return m ? { resource: (m[1] ?? '').toLowerCase(), permission: m[2] ?? '' } : { resource: GRAPH, permission: scope };
}

function isOutlook(resource: string): boolean {
  return resource === 'https://outlook.office.com' || resource === 'https://outlook.office365.com';
}

function knownPermission(r: { resource: string; permission: string }): boolean {
  if (r.permission === '.default') return isOutlook(r.resource) || r.resource === GRAPH;
  if (isOutlook(r.resource)) return OUTLOOK_PERMISSIONS.includes(r.permission);
  return r.resource === GRAPH && GRAPH_PERMISSIONS.includes(r.permission);
}

function defaultPermissions(resource: string): string[] {
  return isOutlook(resource) ? ['SMTP.Send'] : ['Mail.Send', 'User.Read'];
}

/** A token's life: an hour from now, or (expired-tokens) an hour that ended a minute ago. */
function lifetime(now: number, grant: LabOAuthGrant | undefined): { issuedAt: number; expiresAt: number } {
  if (grant?.flags.includes('expired-tokens')) return { issuedAt: now - 3_660_000, expiresAt: now - 60_000 };
  return { issuedAt: now, expiresAt: now + LIFETIME_S * 1000 };
}

/** The claims every Microsoft access token of the lab carries, delegated or app-only. */
function commonClaims(
  ctx: GrantContext,
  t: { audience: string; clientId: string; issuedAt: number; expiresAt: number },
): Record<string, unknown> {
  return {
    aud: t.audience,
    iss: `https://sts.windows.net/${ctx.tenantId}/`,
    iat: seconds(t.issuedAt),
    nbf: seconds(t.issuedAt),
    exp: seconds(t.expiresAt),
    appid: t.clientId,
    oid: randomUUID(),
    tid: ctx.tenantId,
    ver: '1.0',
  };
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** "2020-02-26T21:52:54.2810613Z": the 7-digit fractions Entra ID writes. */
function isoSeconds(ms: number, digits: number): string {
  return new Date(ms).toISOString().replace(/\.(\d+)Z$/, (_, f: string) => `.${f.padEnd(digits, '0')}Z`);
}
