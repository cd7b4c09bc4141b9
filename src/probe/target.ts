// Target parsing: what users type (host, host:port, smtp[s]:// URLs, an e-mail address, SMTP_* variables) → plain settings.
import { isIP } from 'node:net';
import { InputError } from '../model/errors.js';
import type { Security } from '../model/session.js';
import { quoteInput } from '../protocol/escape.js';

export type SecurityChoice = Security | 'auto';

export interface TargetInput {
  host?: string;
  port?: number;
  security?: SecurityChoice;
  username?: string;
  /** Set when the user gave an e-mail address instead of a host: the provider is looked up from its domain. */
  address?: string;
  /** A password found in a URL (smtp://user:pass@host): works, but it was on the command line. */
  password?: string;
}

const HOST = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.?$/i;

export function isHostName(text: string): boolean {
  return isIP(text) !== 0 || HOST.test(text);
}

export function parsePortText(text: string, what: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new InputError(`${what} must be a number from 1 to 65535, not ${quoteInput(text)}`);
  }
  return Number(text);
}

/** Parses the positional argument of `check`. */
export function parseTargetArgument(text: string): TargetInput {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return parseUrl(trimmed);
  if (trimmed.includes('@')) return parseAddress(trimmed);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return withPort(hostOrThrow(bracketed[1] ?? ''), bracketed[2]);
  const hostPort = /^([^:]+):(\d+)$/.exec(trimmed);
  if (hostPort) return withPort(hostOrThrow(hostPort[1] ?? ''), hostPort[2]);
  return { host: hostOrThrow(trimmed) };
}

function withPort(host: string, port: string | undefined): TargetInput {
  return port === undefined ? { host } : { host, port: parsePortText(port, 'the port') };
}

function hostOrThrow(host: string): string {
  if (!isHostName(host)) throw new InputError(`not a host name, URL or e-mail address: ${quoteInput(host)}`);
  return host;
}

function parseAddress(text: string): TargetInput {
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local === '' || !HOST.test(domain) || !domain.includes('.') || /\s/.test(local)) {
    throw new InputError(`not an e-mail address: ${quoteInput(text)}`);
  }
  return { address: text, username: text };
}

function parseUrl(text: string): TargetInput {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`not a valid URL: ${quoteInput(text)}`);
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const security: Security | undefined = scheme === 'smtps' ? 'tls' : scheme === 'smtp' ? undefined : undefined;
  if (scheme !== 'smtp' && scheme !== 'smtps')
    throw new InputError(`unsupported URL scheme ${JSON.stringify(scheme)}: use smtp:// or smtps://`);
  const host = url.hostname.replace(/^\[(.+)\]$/, '$1');
  const input: TargetInput = { host: hostOrThrow(host) };
  if (url.port) input.port = Number(url.port);
  if (security) input.security = security;
  if (url.username) input.username = decodePart(url.username, 'the user name');
  if (url.password) input.password = decodePart(url.password, 'the password');
  return input;
}

/** %-decoding of the user information; a stray "%" (say "%ZZ") is the user's input error, never a crash. */
function decodePart(encoded: string, what: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    // The text itself stays out of the message: for the password it is the secret.
    throw new InputError(
      `${what} in the URL has a "%" that does not start a valid %XX escape: write a literal "%" as %25 (or give the ${what === 'the password' ? 'password with --password-env, --password-file or --password-stdin' : 'user name with --user'})`,
    );
  }
}

/** nodemailer-style SMTP_SECURE: true means implicit TLS, false means STARTTLS when offered. */
function parseSecure(text: string): SecurityChoice {
  const value = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'ssl', 'tls', 'implicit'].includes(value)) return 'tls';
  if (['false', '0', 'no', 'starttls'].includes(value)) return 'starttls';
  if (value === 'none' || value === 'plain') return 'none';
  if (value === 'auto') return 'auto';
  throw new InputError(`SMTP_SECURE must be true/false, tls, starttls or none, not ${JSON.stringify(text)}`);
}

/** The common SMTP_HOST / SMTP_PORT / SMTP_USER / SMTP_PASS(WORD) / SMTP_SECURE variables. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv): TargetInput {
  const input: TargetInput = {};
  if (env.SMTP_HOST) Object.assign(input, parseTargetArgument(env.SMTP_HOST));
  if (env.SMTP_PORT) input.port = parsePortText(env.SMTP_PORT, 'SMTP_PORT');
  if (env.SMTP_USER) input.username = env.SMTP_USER;
  if (env.SMTP_SECURE) input.security = parseSecure(env.SMTP_SECURE);
  const password = env.SMTP_PASS ?? env.SMTP_PASSWORD;
  if (password !== undefined) input.password = password;
  return input;
}
