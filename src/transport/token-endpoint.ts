// Token endpoint: the one HTTP exchange of a run — an OAuth refresh (or client-credentials) request with Node's fetch,
// bounded in time and size, never following a redirect; whatever the endpoint does comes back as an outcome.
import type { RefreshOutcome } from '../model/oauth.js';
import { Secret } from '../model/secret.js';
import { FormScrubber } from '../protocol/secret-forms.js';
import { SCRUBBED } from './transcript-recorder.js';

/** The most of an answer read: a token answer is well under 10 KiB; more is a proxy's page or a hostile server. */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** The most of `error_description` kept (Microsoft's carry a trace id, a correlation id and a timestamp). */
export const MAX_ERROR_DESCRIPTION_CHARS = 500;
/** The most of any other string field kept (error, scope, token_type, a content type). */
const MAX_FIELD_CHARS = 200;
const MAX_ERROR_CODES = 20;

export interface TokenRequest {
  /** The token endpoint (https, or http on a loopback address only). */
  url: string;
  grant: RefreshOutcome['grant'];
  /** Required for grant refresh_token. */
  refreshToken?: Secret;
  clientId: string;
  clientSecret?: Secret;
  /** Space-separated; sent when given. */
  scope?: string;
  /** How long the whole exchange may take, answer included (the caller bounds it by the run's deadline). */
  timeoutMs: number;
  /** Cuts the exchange short (the run was cancelled). */
  signal?: AbortSignal;
  /** Other secrets the run holds, scrubbed from whatever of the answer is kept (the refresh token and the client
   * secret always are). */
  scrub?: readonly Secret[];
}

export interface TokenExchange {
  /** What happened, without any token: this is what the evidence records. */
  outcome: RefreshOutcome;
  /** The access token, when the endpoint gave one. */
  accessToken?: Secret;
}

/** The endpoint URL as recorded: no user info, query or fragment (they can carry secrets). */
export function recordedUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts a token may travel to without TLS. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Asks the token endpoint for an access token. Never throws for what the endpoint or the network does: a network
 * error, a timeout, a redirect, an HTTP error, an answer that is not JSON or is too large all come back as the outcome.
 */
export async function requestToken(request: TokenRequest): Promise<TokenExchange> {
  const started = performance.now();
  const scrubber = new FormScrubber(SCRUBBED);
  for (const secret of [request.refreshToken, request.clientSecret, ...(request.scrub ?? [])])
    if (secret && !secret.isEmpty) scrubber.addSecret(secret.reveal());
  const outcome: RefreshOutcome = { url: recordedUrl(request.url), grant: request.grant, ok: false, ms: 0 };
  const done = (extra: Partial<RefreshOutcome>, accessToken?: Secret): TokenExchange => {
    Object.assign(outcome, extra, { ms: Math.round(performance.now() - started) });
    return accessToken ? { outcome, accessToken } : { outcome };
  };

  const guard = guardUrl(request.url);
  if (guard) return done({ failure: guard });

  const timeout = AbortSignal.timeout(Math.max(1, Math.floor(request.timeoutMs)));
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: formBody(request),
      // A redirect would carry the refresh token and the client secret to wherever the endpoint points.
      redirect: 'error',
      signal,
    });
  } catch (err) {
    return done({ failure: failureOf(err, request.timeoutMs, scrubber) });
  }

  const status = response.status;
  const contentType = clip(response.headers.get('content-type') ?? '', MAX_FIELD_CHARS);
  let body: Buffer | undefined;
  try {
    body = await readCapped(response, MAX_TOKEN_RESPONSE_BYTES);
  } catch (err) {
    return done({ status, failure: failureOf(err, request.timeoutMs, scrubber) });
  }
  if (!body) {
    const message = `the answer is larger than ${MAX_TOKEN_RESPONSE_BYTES / 1024} KiB; not read further`;
    return done({ status, failure: { code: 'too-large', message } });
  }

  const json = parseObject(body);
  if (!json) return done({ status, notJson: { contentType } });
  const token = json.access_token;
  // A token in the answer is a secret of the run from now on: nothing kept from the answer may echo it.
  if (typeof token === 'string' && token !== '') scrubber.addSecret(token);

  const kept = (value: unknown, max = MAX_FIELD_CHARS): string | undefined =>
    typeof value === 'string' ? clip(scrubber.scrubLines(value.split('\n')).join('\n'), max) : undefined;
  const extra: Partial<RefreshOutcome> = { status };
  const error = kept(json.error);
  if (error !== undefined) extra.error = error;
  const description = kept(json.error_description, MAX_ERROR_DESCRIPTION_CHARS);
  if (description !== undefined) extra.errorDescription = description;
  const codes = Array.isArray(json.error_codes)
    ? (json.error_codes as unknown[])
        .filter((c): c is number => typeof c === 'number' && Number.isSafeInteger(c))
        .slice(0, MAX_ERROR_CODES)
    : [];
  if (codes.length > 0) extra.errorCodes = codes;

  if (status < 200 || status > 299 || typeof token !== 'string' || token === '') {
    if (status >= 200 && status <= 299 && error === undefined)
      extra.failure = { code: 'no-access-token', message: 'the answer holds no access_token' };
    return done(extra);
  }
  const scope = kept(json.scope, 2_000);
  if (scope !== undefined) extra.scopeGranted = scope;
  const expires = typeof json.expires_in === 'string' ? Number(json.expires_in) : json.expires_in;
  if (typeof expires === 'number' && Number.isFinite(expires) && expires >= 0) extra.expiresIn = Math.floor(expires);
  const tokenType = kept(json.token_type);
  if (tokenType !== undefined) extra.tokenType = tokenType;
  extra.ok = true;
  return done(extra, new Secret(token, 'token'));
}

/** A URL the exchange must not use even if the caller let it through: not http(s), or a token in the clear. */
function guardUrl(url: string): RefreshOutcome['failure'] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { code: 'bad-url', message: 'not a URL' };
  }
  // fetch would refuse it anyway, quoting the whole URL in its message.
  if (u.username !== '' || u.password !== '')
    return { code: 'bad-url', message: 'the URL holds a user name or password' };
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return undefined;
  return { code: 'insecure-url', message: `${u.protocol} to ${u.hostname}: tokens travel only over https` };
}

function formBody(request: TokenRequest): string {
  const form = new URLSearchParams();
  form.set('grant_type', request.grant);
  if (request.grant === 'refresh_token' && request.refreshToken)
    form.set('refresh_token', request.refreshToken.reveal());
  form.set('client_id', request.clientId);
  if (request.clientSecret) form.set('client_secret', request.clientSecret.reveal());
  if (request.scope !== undefined && request.scope !== '') form.set('scope', request.scope);
  return form.toString();
}

/** The body, or undefined once it passes `cap` bytes (the rest is cancelled, never read). */
async function readCapped(response: Response, cap: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  // Typed by hand: the DOM and Node stream typings disagree on what a fetch body's reader yields.
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What fetch's rejection says, as Node names it (ECONNREFUSED, ENOTFOUND…), with timeout and redirect told apart. */
function failureOf(err: unknown, timeoutMs: number, scrubber: FormScrubber): { code: string; message: string } {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error.name === 'TimeoutError') return { code: 'timeout', message: `no answer within ${timeoutMs} ms` };
  if (error.name === 'AbortError') return { code: 'cancelled', message: 'stopped by us (no longer needed)' };
  // fetch rejects with "fetch failed" and puts what happened in `cause` (possibly nested once more).
  let cause: unknown = error.cause ?? error;
  if (cause instanceof Error && cause.cause instanceof Error && !hasCode(cause)) cause = cause.cause;
  const inner = cause instanceof Error ? cause : error;
  if (inner.name === 'TimeoutError') return { code: 'timeout', message: `no answer within ${timeoutMs} ms` };
  const message = clip(scrubber.scrub(inner.message), MAX_FIELD_CHARS);
  if (/redirect/i.test(inner.message)) return { code: 'redirect', message: 'the endpoint answered with a redirect' };
  return { code: hasCode(inner) ? clip(inner.code, 60) : 'error', message };
}

function hasCode(err: Error): err is Error & { code: string } {
  return typeof (err as { code?: unknown }).code === 'string';
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
