// OAuth failures as knowledge: Microsoft's AADSTS codes, Google's refresh texts and Testing-status expiry, and Microsoft
// 365's basic-auth retirement timeline — dated facts with sources, read by the oauth rule and explain.

/** What an AADSTS code says about a failed token request, in the words of the finding detail it leads to. */
export type AadstsReading =
  | 'expired'
  | 'revoked'
  | 'invalid-client'
  | 'app-not-found'
  | 'consent'
  | 'mfa'
  | 'conditional-access'
  | 'invalid-scope'
  | 'password'
  | 'resource-not-found';

export interface AadstsFact {
  code: number;
  /** Microsoft's name for the error. */
  name: string;
  /** What it means, in a clause that completes "AADSTS70008 means …". */
  meaning: string;
  reading: AadstsReading;
}

const ENTRA_CODES =
  'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes (Microsoft Entra authentication and authorization error codes)';
const NANGO =
  'https://nango.dev/blog/microsoft-oauth-refresh-token-invalid-grant (invalid_grant with AADSTS70008/700082 inactivity, 700084 SPA lifetime, 50173 revoked after a password change)';

export const AADSTS_SOURCES: readonly string[] = [ENTRA_CODES, NANGO];

/** The AADSTS codes a token refresh for SMTP runs into, as Microsoft's error code reference lists them. */
export const AADSTS_CODES: readonly AadstsFact[] = [
  {
    code: 70008,
    name: 'ExpiredOrRevokedGrant',
    meaning: 'the refresh token expired because it was not used for too long, or was revoked',
    reading: 'expired',
  },
  {
    code: 700082,
    name: 'ExpiredOrRevokedGrantInactiveToken',
    meaning: 'the refresh token expired because it was not used for too long (90 days of inactivity)',
    reading: 'expired',
  },
  {
    code: 700084,
    name: 'SpaRefreshTokenExpired',
    meaning:
      'the refresh token was issued to a single-page app and has a fixed lifetime (24 hours) that cannot be extended',
    reading: 'expired',
  },
  {
    code: 50173,
    name: 'FreshTokenNeeded',
    meaning: 'the grant was revoked, typically because the password was changed or reset: a new sign-in is needed',
    reading: 'revoked',
  },
  {
    code: 50126,
    name: 'InvalidUserNameOrPassword',
    meaning: 'the user name or password is wrong (a password grant, not a refresh)',
    reading: 'password',
  },
  {
    code: 7000215,
    name: 'InvalidClientSecretProvided',
    meaning: 'the client secret is wrong: the secret’s value was expected, not its ID',
    reading: 'invalid-client',
  },
  {
    code: 7000222,
    name: 'InvalidClientSecretExpiredKeysProvided',
    meaning: 'the client secret has expired: create a new one in the app registration',
    reading: 'invalid-client',
  },
  {
    code: 700016,
    name: 'UnauthorizedClient_DoesNotMatchRequest',
    meaning: 'no app with this client id exists in the directory (wrong client id, or wrong tenant)',
    reading: 'app-not-found',
  },
  {
    code: 65001,
    name: 'DelegationDoesNotExist',
    meaning: 'the user or an administrator has not consented to the app’s permissions',
    reading: 'consent',
  },
  {
    code: 50076,
    name: 'UserStrongAuthClientAuthNRequired',
    meaning: 'multi-factor authentication is required: the user must sign in interactively again',
    reading: 'mfa',
  },
  {
    code: 50079,
    name: 'UserStrongAuthEnrollmentRequired',
    meaning: 'the user must register for multi-factor authentication',
    reading: 'mfa',
  },
  {
    code: 53003,
    name: 'BlockedByConditionalAccess',
    meaning: 'a Conditional Access policy of the tenant blocked the sign-in',
    reading: 'conditional-access',
  },
  {
    code: 70011,
    name: 'InvalidScope',
    meaning: 'the scope the app asked for is invalid',
    reading: 'invalid-scope',
  },
  {
    code: 500011,
    name: 'InvalidResourceServicePrincipalNotFound',
    meaning: 'the resource (here Exchange Online) has no service principal in the tenant',
    reading: 'resource-not-found',
  },
];

export function aadstsFact(code: number): AadstsFact | undefined {
  return AADSTS_CODES.find((c) => c.code === code);
}

/** The AADSTS codes a text names ("AADSTS70008: …"), in order, each once. Bounded: at most five. */
export function aadstsCodesIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.slice(0, 4000).matchAll(/\bAADSTS(\d{4,7})\b/g)) {
    const code = Number(m[1]);
    if (!out.includes(code)) out.push(code);
    if (out.length >= 5) break;
  }
  return out;
}

/** RFC 6749 §5.2: the `error` values a token endpoint answers with. */
export const TOKEN_ENDPOINT_ERRORS = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] as const;

export type TokenEndpointError = (typeof TOKEN_ENDPOINT_ERRORS)[number];

export const RFC6749_ERRORS_SOURCE =
  'https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (token endpoint errors: invalid_request, invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope)';

/** The first RFC 6749 error a text names as a word. */
export function tokenEndpointErrorIn(text: string): TokenEndpointError | undefined {
  const m =
    /\b(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope)\b/i.exec(
      text.slice(0, 4000),
    );
  return m?.[1]?.toLowerCase() as TokenEndpointError | undefined;
}

/**
 * Google's `error_description` texts for `invalid_grant`. "Token has been expired or revoked." is what a refresh token
 * of an app in Testing status gets after 7 days, and what a revoked or long-unused one gets.
 */
export const GOOGLE_INVALID_GRANT = {
  expiredOrRevoked: {
    text: 'Token has been expired or revoked.',
    pattern: 'Token has been expired or revoked',
  },
  badRequest: { text: 'Bad Request', pattern: '^Bad Request$' },
  sources: [
    'observed:https://github.com/dolfim/django-gmailapi-backend/issues/9 ({"error": "invalid_grant", "error_description": "Token has been expired or revoked."})',
    'https://workos.com/blog/invalid-grant-oauth-errors-by-provider (Google: invalid_grant "Token has been expired or revoked."; "Bad Request")',
    'observed:https://github.com/mbrt/gmailctl/issues/353 (Token has been expired or revoked, app in Testing status)',
  ],
  verified: '2026-12-07',
} as const;

/** Google expires the refresh tokens of an app whose OAuth consent screen is in Testing status after this many days. */
export const GOOGLE_TESTING_REFRESH_DAYS = 7;

export const GOOGLE_TESTING_SOURCES: readonly string[] = [
  'https://developers.google.com/identity/protocols/oauth2#expiration (a project with an external user type and a publishing status of "Testing" is issued refresh tokens expiring in 7 days)',
  'observed:https://github.com/tarickb/sasl-xoauth2/issues/29 (GMail tokens expire after a week: the app was in Testing status)',
  'https://github.com/mkpoli/gmail-mcp/releases/tag/v0.2.1 (invalid_grant recurring every few days: Google expires every refresh token of a Testing-status app after 7 days)',
];

/**
 * Microsoft's latest statement on Basic authentication for SMTP AUTH in Exchange Online (as of the verified date): the
 * dates a finding cites, and the statement they come from.
 */
export const M365_BASIC_AUTH_RETIREMENT = {
  /** The date of the statement the dates below come from. */
  statementDate: '2026-01-29',
  statementUrl:
    'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835',
  /** Basic auth for SMTP AUTH stays as it is until the end of this month. */
  unchangedUntil: 'the end of December 2026',
  /** Then: off by default for existing tenants; administrators can turn it back on. */
  existingTenants: 'disabled by default for existing tenants; administrators can still enable it',
  /** Tenants created after December 2026 do not have it by default. */
  newTenants: 'unavailable by default for tenants created after December 2026',
  /** When the final removal date will be announced. */
  finalRemovalAnnounced: 'the second half of 2027',
  sources: [
    'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835 (blog v2.0 2026-01-27, updated v3.0 2026-01-29: unchanged to December 2026; end of December 2026 disabled by default for existing tenants, admins can enable it; new tenants after December 2026 without it; final removal date announced in the second half of 2027)',
    'https://mc.merill.net/message/MC786329/compare/2026-01-27T20-11-01-253Z/2024-04-26T00-17-12-6Z (MC786329 2026-01-27: deprecation put on hold; final removal date announced in 2027)',
  ],
  verified: '2026-12-07',
} as const;

/** How long ago, in words: "40 s", "12 min", "3 h", "2 days" (the largest whole unit). */
export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 120) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

/** The retirement statement's facts as template params (statementDate, unchangedUntil…), for the sentences citing it. */
export function retirementParams(): Readonly<Record<string, string>> {
  const r = M365_BASIC_AUTH_RETIREMENT;
  return {
    statementDate: r.statementDate,
    statementUrl: r.statementUrl,
    unchangedUntil: r.unchangedUntil,
    existingTenants: r.existingTenants,
    newTenants: r.newTenants,
    finalRemovalAnnounced: r.finalRemovalAnnounced,
  };
}

/**
 * The error a server sends instead of accepting an OAuth token: a JSON object, base64-encoded in a 334 challenge, with
 * `status` (an HTTP-style code) and `schemes` and/or `scope` (RFC 7628 §3.2.2; Google's XOAUTH2 sends the same shape).
 */
export const OAUTH_ERROR_CHALLENGE = {
  fields: { status: 'status', schemes: 'schemes', scope: 'scope' },
  sources: [
    'https://www.rfc-editor.org/rfc/rfc7628#section-3.2.2 (server error response: a JSON object with status, and schemes and scope where known, sent as a 334 challenge)',
    'https://developers.google.com/gmail/imap/xoauth2-protocol (Gmail answers a refused token with 334 and base64 of {"status":"401","schemes":"bearer mac","scope":"https://mail.google.com/"})',
    'observed:https://github.com/dart-lang/pub-dev/issues/6128 (Dart mailer: "Authentication Failed (code: 334)" with the challenge decoding to {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"})',
  ],
} as const;

/** Whether a decoded JSON value is such an error: an object with a status and schemes or scope, each a string. */
export function isOAuthErrorChallenge(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const { status, schemes, scope } = OAUTH_ERROR_CHALLENGE.fields;
  const text = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number';
  return text(record[status]) && (text(record[schemes]) || text(record[scope]));
}
