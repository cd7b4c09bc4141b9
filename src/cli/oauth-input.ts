// OAuth flags: an access token, or a refresh token / client credentials and the token endpoint, read like passwords
// (environment or file, never argv) and checked against each other before anything is read or sent.
import type { OAuthNames, OAuthSettings } from '../check/oauth.js';
import { UsageError } from '../model/errors.js';
import type { CliIo } from './io.js';
import { readSecretFrom, type SecretSource } from './secret-input.js';

export const OAUTH_OPTIONS = {
  'oauth-token-env': { type: 'string' },
  'oauth-token-file': { type: 'string' },
  'oauth-refresh-token-env': { type: 'string' },
  'oauth-refresh-token-file': { type: 'string' },
  'oauth-client-id': { type: 'string' },
  'oauth-client-secret-env': { type: 'string' },
  'oauth-client-secret-file': { type: 'string' },
  'oauth-token-url': { type: 'string' },
  'oauth-tenant': { type: 'string' },
  'oauth-scope': { type: 'string' },
} as const;

/** Only the access-token flags: what `session` takes (it makes no exchange). */
export const OAUTH_TOKEN_OPTIONS = {
  'oauth-token-env': OAUTH_OPTIONS['oauth-token-env'],
  'oauth-token-file': OAUTH_OPTIONS['oauth-token-file'],
} as const;

export const OAUTH_TOKEN_HELP = `  --oauth-token-env VAR  log in with the OAuth access token in environment variable VAR (XOAUTH2,
                         or OAUTHBEARER with --mechanism; needs --user)
  --oauth-token-file F   the same, read from file F (one trailing newline is removed)`;

export const OAUTH_HELP = `${OAUTH_TOKEN_HELP}
  --oauth-refresh-token-env VAR, --oauth-refresh-token-file F
                         or get the access token first: the refresh token to exchange
  --oauth-client-id ID   the app (client) the refresh token was issued to
  --oauth-client-secret-env VAR, --oauth-client-secret-file F
                         its client secret; with no refresh token: app-only (client credentials)
  --oauth-token-url U    the token endpoint: google, microsoft or an https:// URL
  --oauth-tenant T       Microsoft's tenant for the microsoft preset (default common)
  --oauth-scope "S1 S2"  the scope to ask for (default: what SMTP needs from the preset)`;

export type OAuthFlags = { [K in keyof typeof OAUTH_OPTIONS]?: string };

/** The CLI's names for the settings, so that a conflict names the flags the user typed. */
export const OAUTH_FLAG_NAMES: OAuthNames = {
  token: '--oauth-token-env/--oauth-token-file',
  refreshToken: '--oauth-refresh-token-env/--oauth-refresh-token-file',
  clientId: '--oauth-client-id',
  clientSecret: '--oauth-client-secret-env/--oauth-client-secret-file',
  tokenUrl: '--oauth-token-url',
  tenant: '--oauth-tenant',
  scope: '--oauth-scope',
  password:
    'a password (--password-env, --password-file, --password-stdin, --password, the target or --user user:pass)',
  mechanism: '--mechanism',
  user: '--user (or a user in the target)',
};

/** True when any OAuth flag was given. */
export function hasOAuthFlag(flags: OAuthFlags): boolean {
  return (Object.keys(OAUTH_OPTIONS) as (keyof OAuthFlags)[]).some((k) => flags[k] !== undefined);
}

/** Which settings the flags give, for the conflict checks that run before any secret is read. */
function presence(flags: OAuthFlags): { [K in keyof OAuthSettings]?: unknown } {
  return {
    token: one(flags, 'oauth-token-env', 'oauth-token-file'),
    refreshToken: one(flags, 'oauth-refresh-token-env', 'oauth-refresh-token-file'),
    clientId: flags['oauth-client-id'],
    clientSecret: one(flags, 'oauth-client-secret-env', 'oauth-client-secret-file'),
    tokenUrl: flags['oauth-token-url'],
    tenant: flags['oauth-tenant'],
    scope: flags['oauth-scope'],
  };
}

/** The flag given of an env/file pair; both at once is a usage error. */
function one(flags: OAuthFlags, env: keyof OAuthFlags, file: keyof OAuthFlags): string | undefined {
  if (flags[env] !== undefined && flags[file] !== undefined)
    throw new UsageError(
      `give the ${env.replace(/^oauth-|-env$/g, '').replace(/-/g, ' ')} one way only, not --${env} and --${file}`,
    );
  return flags[env] ?? flags[file];
}

/**
 * The OAuth settings the flags give, checked against each other and the rest (a password too, a password mechanism,
 * no user), then the secrets read from their variables or files. Undefined when no OAuth flag was given.
 */
export async function readOAuthFlags(
  flags: OAuthFlags,
  context: { mechanism?: string; password: boolean; username?: string },
  io: CliIo,
): Promise<{ settings: OAuthSettings; tokenSource?: SecretSource } | undefined> {
  if (!hasOAuthFlag(flags)) return undefined;
  for (const k of ['oauth-client-id', 'oauth-token-url', 'oauth-tenant', 'oauth-scope'] as const)
    if (flags[k]?.trim() === '') throw new UsageError(`--${k} is empty`);
  // Loaded only now: --help needs none of the OAuth knowledge (test/build/bundle.test.ts).
  const { checkOAuthSettings } = await import('../check/oauth.js');
  checkOAuthSettings(presence(flags), context, OAUTH_FLAG_NAMES);
  const settings: OAuthSettings = {};
  let tokenSource: SecretSource | undefined;
  const token = await secretOf(flags, 'oauth-token-env', 'oauth-token-file', 'token', io);
  if (token) {
    settings.token = token.secret;
    tokenSource = token.source;
  }
  const refresh = await secretOf(flags, 'oauth-refresh-token-env', 'oauth-refresh-token-file', 'token', io);
  if (refresh) settings.refreshToken = refresh.secret;
  const clientSecret = await secretOf(flags, 'oauth-client-secret-env', 'oauth-client-secret-file', 'password', io);
  if (clientSecret) settings.clientSecret = clientSecret.secret;
  if (flags['oauth-client-id'] !== undefined) settings.clientId = flags['oauth-client-id'].trim();
  if (flags['oauth-token-url'] !== undefined) settings.tokenUrl = flags['oauth-token-url'].trim();
  if (flags['oauth-tenant'] !== undefined) settings.tenant = flags['oauth-tenant'].trim();
  if (flags['oauth-scope'] !== undefined) settings.scope = flags['oauth-scope'].trim();
  return { settings, ...(tokenSource ? { tokenSource } : {}) };
}

async function secretOf(
  flags: OAuthFlags,
  env: keyof OAuthFlags,
  file: keyof OAuthFlags,
  kind: 'token' | 'password',
  io: CliIo,
): Promise<Awaited<ReturnType<typeof readSecretFrom>> | undefined> {
  const envName = flags[env];
  const path = flags[file];
  const read =
    envName !== undefined
      ? await readSecretFrom({ flag: `--${env}`, env: envName }, io, kind)
      : path !== undefined
        ? await readSecretFrom({ flag: `--${file}`, file: path }, io, kind)
        : undefined;
  // An empty secret could only be refused, at the cost of a failed login or a refused refresh: said now.
  if (read?.secret.isEmpty)
    throw new UsageError(
      `--${envName !== undefined ? env : file}: the ${read.source === 'env' ? 'variable' : 'file'} is empty`,
    );
  return read;
}
