// Token endpoint: a loopback HTTP server that speaks Google's or Microsoft's OAuth token endpoint for the lab's accounts.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { OAuthPreset } from '../model/oauth.js';
import type { LabAccount } from './accounts.js';
import { answerTokenRequest, type TokenAnswer } from './token-grants.js';
import type { TokenRegistry } from './token-registry.js';

export interface TokenEndpointOptions {
  preset: OAuthPreset;
  accounts: readonly LabAccount[];
  registry: TokenRegistry;
  host: '127.0.0.1' | '::1';
  /** Default: a free port. */
  port?: number;
  /** One line per request: what was asked (no secret), the answer and why. */
  log?: (kind: 'client' | 'server' | 'info', text: string, port: number, request: number) => void;
  nextRequest?: () => number;
  /** The clock tokens are minted against (tests move it). */
  now?: () => number;
}

export interface TokenEndpoint {
  preset: OAuthPreset;
  host: string;
  port: number;
  /** The URL to give a client (Microsoft: with the tenant `common`), e.g. http://127.0.0.1:PORT/token. */
  tokenUrl: string;
  /** The real endpoint this one stands in for. */
  imitates: string;
  close(): Promise<void>;
}

/** A token request is a few hundred bytes of form; more is refused before it is read. */
const MAX_BODY_BYTES = 16 * 1024;
const REQUEST_TIMEOUT_MS = 10_000;
const GOOGLE_PATHS = new Set(['/token', '/o/oauth2/token', '/oauth2/v3/token', '/oauth2/v4/token']);
const MICROSOFT_PATH = /^\/([A-Za-z0-9.-]{1,100})\/oauth2\/v2\.0\/token$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startTokenEndpoint(options: TokenEndpointOptions): Promise<TokenEndpoint> {
  const { preset } = options;
  const tenantId = randomUUID();
  const key = randomBytes(32);
  const now = options.now ?? Date.now;
  let requests = 0;
  const next = options.nextRequest ?? (() => ++requests);
  let port = 0;

  const server = http.createServer((req, res) => {
    const n = next();
    const log = (kind: 'client' | 'server' | 'info', text: string): void => options.log?.(kind, text, port, n);
    void handle(req, res, log).catch((err: unknown) => {
      // A lab bug answers 500 and is logged; the endpoint keeps serving.
      log('info', `request failed inside the lab: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent)
        send(res, 500, { error: 'server_error', error_description: 'smtp-doctor lab: internal error' });
      else res.destroy();
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = 1000;
  server.maxHeadersCount = 50;

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    log: (kind: 'client' | 'server' | 'info', text: string) => void,
  ): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    log('client', `${req.method ?? '?'} ${path.slice(0, 200)}`);
    const tenant = preset === 'microsoft' ? MICROSOFT_PATH.exec(path)?.[1] : undefined;
    const known = preset === 'google' ? GOOGLE_PATHS.has(path) : tenant !== undefined;
    if (!known)
      return reply(res, log, 404, labError('not_found', `no token endpoint at this path; use ${pathOf(preset)}`));
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return reply(res, log, 405, labError('invalid_request', 'the token endpoint takes POST only'));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      return reply(
        res,
        log,
        400,
        labError('invalid_request', 'send the parameters as application/x-www-form-urlencoded'),
      );
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return reply(
        res,
        log,
        413,
        labError('invalid_request', `the request body is larger than ${MAX_BODY_BYTES} bytes`),
      );
    }
    const params = new URLSearchParams(body);
    log('client', describeParams(params));
    const basic = basicAuth(req.headers.authorization);
    const answer = answerTokenRequest(
      {
        preset,
        accounts: options.accounts,
        registry: options.registry,
        now: now(),
        tenantId: tenantFor(tenant, tenantId),
        key,
      },
      { ...(tenant !== undefined ? { tenant } : {}), params, ...(basic ? { basic } : {}) },
    );
    log('info', answer.why);
    return reply(res, log, answer.status, answer.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    preset,
    host: options.host,
    port,
    tokenUrl: `http://${hostPart}:${port}${pathOf(preset)}`,
    imitates:
      preset === 'google'
        ? 'https://oauth2.googleapis.com/token'
        : 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function pathOf(preset: OAuthPreset): string {
  return preset === 'google' ? '/token' : '/common/oauth2/v2.0/token';
}

/** A tenant given as a directory id is the token's `tid`; common, organizations or a domain name get the lab's. */
function tenantFor(tenant: string | undefined, lab: string): string {
  return tenant !== undefined && GUID.test(tenant) ? tenant.toLowerCase() : lab;
}

function reply(
  res: http.ServerResponse,
  log: (kind: 'client' | 'server' | 'info', text: string) => void,
  status: number,
  body: TokenAnswer['body'],
): void {
  const error = typeof body.error === 'string' ? ` ${body.error}` : '';
  log('server', `${status}${error}${typeof body.access_token === 'string' ? ' (access token issued)' : ''}`);
  send(res, status, body);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    // RFC 6749 §5.1: token responses are never cached.
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  res.end(json);
}

function labError(error: string, text: string): Record<string, unknown> {
  return { error, error_description: `smtp-doctor lab: ${text}` };
}

/** The body as text, or null past the size limit (the rest is not read). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A client that leaves mid-body gets nothing; resolving after 'end' does nothing.
    req.on('close', () => resolve(null));
    req.on('error', reject);
  });
}

/** RFC 6749 §2.3.1: client id and secret, each form-encoded, in a Basic Authorization header. */
function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon === -1) return undefined;
  try {
    const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** What the client asked, for the log: the grant, the client and the scope; secrets only by length. */
function describeParams(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const name of ['grant_type', 'client_id', 'scope']) {
    const value = params.get(name);
    if (value !== null) parts.push(`${name}=${JSON.stringify(value.slice(0, 200))}`);
  }
  for (const name of ['refresh_token', 'client_secret']) {
    const value = params.get(name);
    if (value !== null) parts.push(`${name}=[${value.length} characters]`);
  }
  return parts.length > 0 ? parts.join(' ') : '(no parameters)';
}
