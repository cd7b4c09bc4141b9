// Targets: what users type (host, host:port, smtp[s]:// URLs, an e-mail address, SMTP_* variables) → plain settings,
// and the one way a target and the caller's own settings merge, for the library and the CLI alike.
import { isIP } from 'node:net';
import type { CredentialFacts } from '../model/evidence.js';
import { InputError, UsageError } from '../model/errors.js';
import { Secret, type SecretKind } from '../model/secret.js';
import type { Security, SecurityChoice } from '../model/session.js';
import { escapeControl, quoteInput } from '../protocol/escape.js';
import { findMechanism } from '../protocol/sasl/registry.js';
import type { SaslCredentials } from '../protocol/sasl/types.js';

export type { SecurityChoice } from '../model/session.js';

export interface TargetInput {
  host?: string;
  port?: number;
  security?: SecurityChoice;
  username?: string;
  /** Set when the user gave an e-mail address instead of a host: the provider is looked up from its domain. */
  address?: string;
  /** A password found in a URL (smtp://user:pass@host) or in user:pass@host: works, but it was on the command line. */
  password?: string;
  /** The word the security came from, lower-cased ("tls", "ssl", "starttls", "secure=true"…; see securityFromWord). */
  securityAsWritten?: string;
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
  if (trimmed.includes('@')) return isUserAtHost(trimmed) ? parseUserAtHost(trimmed) : parseAddress(trimmed);
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

/**
 * "user:pass@host", "user@host:587", "me@example.com:pass@smtp.example.com": a URL without its scheme, as curl, swaks
 * and many .env files write it. Told apart from an e-mail address by a ":" before the last "@" (a password; an
 * address's local part holds one only in quotes) or a port after it.
 */
function isUserAtHost(text: string): boolean {
  const at = text.lastIndexOf('@');
  return text.slice(0, at).includes(':') || /:\d+$/.test(text.slice(at + 1));
}

/** The scheme-less form is taken literally (no %-decoding: a password may hold "%41" as it is); split at the last "@". */
function parseUserAtHost(text: string): TargetInput {
  const at = text.lastIndexOf('@');
  const userinfo = text.slice(0, at);
  const colon = userinfo.indexOf(':');
  const username = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const hostPart = text.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPart);
  const hostPort = bracketed ?? /^([^:]+)(?::(\d+))?$/.exec(hostPart);
  // The message never quotes the text: it holds the password.
  if (!hostPort || !isHostName(hostPort[1] ?? ''))
    throw new InputError('not a host name after the "@" of user:password@host (the password is not shown)');
  const input = withPort(hostPort[1] ?? '', hostPort[2]);
  if (username !== '') input.username = username;
  if (colon !== -1) input.password = userinfo.slice(colon + 1);
  return input;
}

function parseAddress(text: string): TargetInput {
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  // Control and bidi characters are no part of an address, and would reach the report header and the progress line.
  if (
    local === '' ||
    !HOST.test(domain) ||
    !domain.includes('.') ||
    /\s/.test(local) ||
    escapeControl(local) !== local
  ) {
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

/**
 * The words the ecosystems use for a connection's security. `tls` is implicit TLS here (as in nodemailer's `secure:
 * true`, Python's SMTP_SSL and smtps://), but PHPMailer, Laravel and Symfony say `tls` for STARTTLS: the word is kept
 * on the evidence (securityAsWritten) so that a rule can say so when STARTTLS is what works.
 */
const SECURITY_WORDS: Readonly<Record<string, SecurityChoice>> = {
  tls: 'tls',
  ssl: 'tls',
  implicit: 'tls',
  'implicit-tls': 'tls',
  smtps: 'tls',
  'secure=true': 'tls',
  starttls: 'starttls',
  'secure=false': 'starttls',
  none: 'none',
  plain: 'none',
  auto: 'auto',
};

/** The words securityFromWord takes, for help and error texts. */
export const SECURITY_WORD_LIST = Object.keys(SECURITY_WORDS);

/** A security word as users write it (any case, spaces around "=" allowed) → the mode; undefined if unknown. */
export function securityFromWord(text: string): { security: SecurityChoice; word: string } | undefined {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/\s*=\s*/, '=');
  const security = SECURITY_WORDS[word];
  return security === undefined ? undefined : { security, word };
}

/** nodemailer-style SMTP_SECURE: true means implicit TLS, false means STARTTLS when offered; the words of --security. */
function parseSecure(text: string): { security: SecurityChoice; word: string } {
  const value = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return { security: 'tls', word: 'secure=true' };
  if (['false', '0', 'no'].includes(value)) return { security: 'starttls', word: 'secure=false' };
  const known = securityFromWord(value);
  if (known) return known;
  throw new InputError(`SMTP_SECURE must be true/false, tls, ssl, starttls or none, not ${quoteInput(text)}`);
}

/** The common SMTP_HOST / SMTP_PORT / SMTP_USER / SMTP_PASS(WORD) / SMTP_SECURE variables. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv): TargetInput {
  const input: TargetInput = {};
  if (env.SMTP_HOST) Object.assign(input, parseTargetArgument(env.SMTP_HOST));
  if (env.SMTP_PORT) input.port = parsePortText(env.SMTP_PORT, 'SMTP_PORT');
  if (env.SMTP_USER) input.username = env.SMTP_USER;
  if (env.SMTP_SECURE) {
    const { security, word } = parseSecure(env.SMTP_SECURE);
    input.security = security;
    input.securityAsWritten = word;
  }
  const password = env.SMTP_PASS ?? env.SMTP_PASSWORD;
  if (password !== undefined) input.password = password;
  return input;
}

/** What the caller sets besides the target; each setting wins over what the target says. */
export interface TargetOverrides {
  port?: number;
  security?: SecurityChoice;
  /** The word `security` came from (see TargetInput.securityAsWritten); recorded on the evidence. */
  securityAsWritten?: string;
  /** Log in as this user (without `secret`, no login: the user name stays in the evidence). */
  username?: string;
  /** The secret given apart from the target (an option, a flag, the environment, a prompt); wins over a URL's. */
  secret?: Secret;
  secretSource?: CredentialFacts['secretSource'];
  /** User and secret at once (the library's form); wins over `username` and `secret`. */
  credentials?: SaslCredentials;
  /** The mechanism the user forced: XOAUTH2 makes a URL's password an OAuth token. */
  mechanism?: string;
}

/** Where to connect and as whom: the target merged with the overrides. */
export interface ResolvedTarget {
  host?: string;
  address?: string;
  port?: number;
  security?: SecurityChoice;
  securityAsWritten?: string;
  /** Set when both a user name and a secret were given (an empty secret included: the diagnosis names it). */
  credentials?: SaslCredentials;
  secretSource?: CredentialFacts['secretSource'];
  /** The user name when no secret was given: no login, but it stays in the evidence. */
  username?: string;
}

/** The kind of secret a mechanism takes: an OAuth token for XOAUTH2, a password otherwise. */
export function secretKindFor(mechanism: string | undefined): SecretKind {
  return (mechanism !== undefined ? findMechanism(mechanism)?.credential : undefined) ?? 'password';
}

/**
 * Merges a target (parsed from what the user typed, or read from the environment) with the caller's settings. Throws
 * UsageError without a host or an address, or for a secret without a user name; InputError for an empty user name.
 */
export function resolveTarget(input: TargetInput, overrides: TargetOverrides = {}): ResolvedTarget {
  if (input.host === undefined && input.address === undefined)
    throw new UsageError('give a host, an smtp:// or smtps:// URL, or an e-mail address');
  const username = overrides.credentials?.username ?? overrides.username ?? input.username;
  // Refused before any connection: a login without a name can only be refused, and a refusal costs a failed login.
  if (username === '') throw new InputError('the user name is empty: give the user name to log in as');
  const secret =
    overrides.credentials?.secret ??
    overrides.secret ??
    (input.password !== undefined ? new Secret(input.password, secretKindFor(overrides.mechanism)) : undefined);
  if (secret && username === undefined) throw new UsageError('a password was given but no user name to log in as');

  const out: ResolvedTarget = {};
  if (input.host !== undefined) out.host = input.host;
  if (input.address !== undefined) out.address = input.address;
  const port = overrides.port ?? input.port;
  if (port !== undefined) out.port = port;
  const security = overrides.security ?? input.security;
  if (security !== undefined) out.security = security;
  const word = overrides.security !== undefined ? overrides.securityAsWritten : input.securityAsWritten;
  if (word !== undefined) out.securityAsWritten = word;
  if (secret && username !== undefined) {
    out.credentials = { ...overrides.credentials, username, secret };
    if (overrides.secretSource !== undefined) out.secretSource = overrides.secretSource;
  } else if (username !== undefined) out.username = username;
  return out;
}
