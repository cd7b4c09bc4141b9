// OAuth evidence: where the access token came from, what the token endpoint answered, and what the token says of itself.
// Plain serializable data, never a token: the rules of diagnose read it to tell apart causes the SMTP reply does not.

/** The token endpoint presets users can name instead of a URL (knowledge holds their URLs and scopes). */
export type OAuthPreset = 'google' | 'microsoft';

/** What the token endpoint answered to the refresh (or client-credentials) request, without any token. */
export interface RefreshOutcome {
  /** The token endpoint, with any query string and user info removed. */
  url: string;
  /** The grant that was asked for: a refresh token, or the app's own credentials (app-only, Microsoft). */
  grant: 'refresh_token' | 'client_credentials';
  /** True when the endpoint returned an access token. */
  ok: boolean;
  /** The HTTP status, when an HTTP answer came. */
  status?: number;
  /** RFC 6749 §5.2 `error` (invalid_grant, invalid_client, invalid_scope, unauthorized_client…). */
  error?: string;
  /** `error_description`, scrubbed of every secret the run holds, at most 500 characters. */
  errorDescription?: string;
  /** Microsoft's numeric `error_codes` (AADSTS codes: 70008 is AADSTS70008), when present. */
  errorCodes?: number[];
  /** No HTTP answer: the network or TLS failure (code as Node names it, e.g. ENOTFOUND, ECONNREFUSED, timeout). */
  failure?: { code: string; message: string };
  /** The answer was not the JSON an OAuth endpoint sends (an HTML page, a proxy's error): its content type. */
  notJson?: { contentType: string };
  /** `scope` of a successful answer: what was granted (space-separated), when the endpoint says. */
  scopeGranted?: string;
  /** `expires_in` of a successful answer, in seconds. */
  expiresIn?: number;
  /** `token_type` of a successful answer (Bearer). */
  tokenType?: string;
  /** How long the request took. */
  ms: number;
}

/**
 * What an access token says about itself. A JWT's claims are read without verifying its signature (smtp-doctor has no
 * key and needs none: the claims only explain a refusal the server already made), and the report says so.
 */
export interface TokenFacts {
  /** jwt: three base64url parts with a JSON payload (Microsoft's tokens); opaque: anything else (Google's ya29.…). */
  format: 'jwt' | 'opaque';
  /** The characters that start it, when they name a kind (ya29. for a Google access token, 1// for a Google refresh token). */
  prefix?: string;
  /** Its length in characters: a refresh token or an id token passed as the access token has another length. */
  length: number;
  /** The claims that explain SMTP refusals, when format is jwt. */
  claims?: TokenClaims;
}

export interface TokenClaims {
  /** Audience: who the token is for (https://outlook.office.com for SMTP; https://graph.microsoft.com is not). */
  aud?: string | string[];
  /** Delegated permissions, space-separated (SMTP.Send). */
  scp?: string;
  /** App permissions (SMTP.SendAsApp). */
  roles?: string[];
  /** The signed-in user, as Microsoft names it (upn, then unique_name, then preferred_username, then email). */
  user?: string;
  /** Expiry, issued-at and not-before, in seconds since the epoch. */
  exp?: number;
  iat?: number;
  nbf?: number;
  /** Issuer and tenant: which directory issued it. */
  iss?: string;
  tid?: string;
  /** The app (client) id the token was issued to. */
  appid?: string;
  /** The token kind, when the header or payload says (typ, or `idtyp` app/user). */
  idtyp?: string;
}

export interface OAuthEvidence {
  /** token: the user gave an access token; refresh: the run got one from the token endpoint. */
  source: 'token' | 'refresh';
  /** The preset the user named (or that the token endpoint URL matches), if any. */
  preset?: OAuthPreset;
  /** The scope the run asked the endpoint for (space-separated), when it refreshed. */
  scopeRequested?: string;
  /** What the endpoint answered, when the run refreshed. */
  refresh?: RefreshOutcome;
  /** The access token's facts, when there was one. */
  token?: TokenFacts;
  /** When the token was read (ms since the epoch): the clock diagnose compares exp with, since diagnose has none. */
  checkedAt: number;
}
