// Token facts: what an OAuth access token says about itself (format, prefix, length, a JWT's claims), read without
// verifying anything — pure, bounded, never throws, and never returns the token or any part of its signature.
import type { TokenClaims, TokenFacts } from '../model/oauth.js';

/** A token longer than this is not decoded (real access tokens run to a few KiB): parsing it is wasted work. */
export const MAX_DECODED_TOKEN_CHARS = 16 * 1024;

/** Longest claim string kept: claims are evidence, not a place to carry a payload into the report. */
const MAX_CLAIM_CHARS = 256;
/** Most values kept of a list claim (aud, roles). */
const MAX_CLAIM_ITEMS = 32;

const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

/** base64 of `{"`: how every JWT starts (a Microsoft access token, or an id token passed by mistake). */
export const JWT_PREFIX = 'eyJ';

/**
 * The facts of an access token. `knownPrefixes`: the prefixes that name a kind of token (the providers' documented
 * ones, from knowledge: the protocol layer does not read knowledge itself); the longest that matches is kept, and
 * `eyJ` is always known.
 */
export function tokenFacts(token: string, knownPrefixes: readonly string[] = []): TokenFacts {
  const facts: TokenFacts = { format: 'opaque', length: token.length };
  const prefix = [...knownPrefixes, JWT_PREFIX]
    .filter((p) => p !== '' && token.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix !== undefined) facts.prefix = prefix;
  if (token.length > MAX_DECODED_TOKEN_CHARS) return facts;
  const decoded = decodeJwt(token);
  if (!decoded) return facts;
  facts.format = 'jwt';
  facts.claims = claimsOf(decoded.header, decoded.payload);
  return facts;
}

/** Header and payload of a JWT (three base64url parts, the first two JSON objects); undefined for anything else. */
function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = token.split('.');
  // A JWS has three parts; the signature may be empty (alg none), the header and payload may not.
  if (parts.length !== 3) return undefined;
  const [h = '', p = '', s = ''] = parts;
  if (!BASE64URL_PART.test(h) || !BASE64URL_PART.test(p) || (s !== '' && !BASE64URL_PART.test(s))) return undefined;
  const header = jsonObject(h);
  const payload = header ? jsonObject(p) : undefined;
  return header && payload ? { header, payload } : undefined;
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function claimsOf(header: Record<string, unknown>, payload: Record<string, unknown>): TokenClaims {
  const claims: TokenClaims = {};
  const aud = payload.aud;
  if (typeof aud === 'string') claims.aud = short(aud);
  else {
    const list = strings(aud);
    if (list) claims.aud = list;
  }
  const scp = str(payload.scp) ?? strings(payload.scp)?.join(' ');
  if (scp !== undefined) claims.scp = scp;
  const roles = strings(payload.roles);
  if (roles) claims.roles = roles;
  // Microsoft names the signed-in user in one of these, depending on the token version and account type.
  const user = str(payload.upn) ?? str(payload.unique_name) ?? str(payload.preferred_username) ?? str(payload.email);
  if (user !== undefined) claims.user = user;
  for (const key of ['exp', 'iat', 'nbf'] as const) {
    const n = seconds(payload[key]);
    if (n !== undefined) claims[key] = n;
  }
  const iss = str(payload.iss);
  if (iss !== undefined) claims.iss = iss;
  const tid = str(payload.tid);
  if (tid !== undefined) claims.tid = tid;
  const appid = str(payload.appid) ?? str(payload.azp);
  if (appid !== undefined) claims.appid = appid;
  // idtyp (Microsoft: app or user); else a header typ that says more than "JWT" (RFC 9068's at+jwt).
  const typ = str(header.typ);
  const idtyp = str(payload.idtyp) ?? (typ !== undefined && typ.toUpperCase() !== 'JWT' ? typ : undefined);
  if (idtyp !== undefined) claims.idtyp = idtyp;
  return claims;
}

function short(text: string): string {
  return text.length > MAX_CLAIM_CHARS ? text.slice(0, MAX_CLAIM_CHARS) : text;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? short(value) : undefined;
}

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = (value as unknown[]).filter((v): v is string => typeof v === 'string').slice(0, MAX_CLAIM_ITEMS);
  return out.length > 0 ? out.map(short) : undefined;
}

/** A NumericDate: finite seconds (a fraction is allowed by RFC 7519; kept whole). */
function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : undefined;
}
