// Client config for a running lab: a nodemailer transport and smtp-doctor command lines, ready to paste.
import type { LabAccount } from './accounts.js';
import type { LabListenerInfo } from './index.js';
import type { Replay } from './replay.js';

export interface LabCredential {
  username: string;
  secret: string;
  kind: 'password' | 'token';
}

export interface ClientConfig {
  listener: LabListenerInfo;
  credential: LabCredential | null;
  nodemailer: string;
  session: string;
  check: string;
}

/**
 * The credential a client should use to log in successfully: the first account with one that works. With
 * `prefer: 'token'` (a replayed OAuth exchange) an account's OAuth token comes first.
 */
export function workingCredential(
  accounts: readonly LabAccount[],
  prefer: LabCredential['kind'] = 'password',
): LabCredential | null {
  const token = workingToken(accounts);
  if (prefer === 'token' && token) return token;
  for (const a of accounts) {
    if (a.appPassword !== undefined) return { username: a.username, secret: a.appPassword, kind: 'password' };
    // Flags make the account password fail on purpose; a token may still work.
    if (a.password !== undefined && a.flags.length === 0)
      return { username: a.username, secret: a.password, kind: 'password' };
  }
  return token;
}

function workingToken(accounts: readonly LabAccount[]): LabCredential | null {
  const tokenAccount = accounts.find(
    (a) => a.token !== undefined && a.flags.every((f) => f === 'oauth-only' || f === 'basic-auth-disabled'),
  );
  return tokenAccount?.token !== undefined
    ? { username: tokenAccount.username, secret: tokenAccount.token, kind: 'token' }
    : null;
}

/** A recipient for the test message of a replayed reply to MAIL, RCPT or DATA (the lab delivers nothing). */
const REPLAY_RECIPIENT = 'bob@example.net';
/** The sender when the lab account's user name is not an address (SendGrid's "apikey"). */
const REPLAY_SENDER = 'alice@lab.test';

export function clientConfig(
  listeners: readonly LabListenerInfo[],
  accounts: readonly LabAccount[],
  caFile: string,
  /** The real host name the lab stands in for: `check` then names it and dials the lab with --connect-to. */
  standsFor?: string | null,
  /** What a client must do to reach a replayed reply: the printed `check` then does it (logs in, sends). */
  replay?: Replay['client'],
): ClientConfig | null {
  const listener = listeners.find((l) => l.security === 'starttls') ?? listeners[0];
  if (!listener) return null;
  const credential = workingCredential(accounts, replay?.token ? 'token' : 'password');
  const implicit = listener.security === 'tls';
  const host = listener.host;
  const auth =
    credential === null
      ? ''
      : credential.kind === 'token'
        ? `  auth: { type: 'OAuth2', user: ${js(credential.username)}, accessToken: ${js(credential.secret)} },\n`
        : `  auth: { user: ${js(credential.username)}, pass: ${js(credential.secret)} },\n`;
  const nodemailer =
    `nodemailer.createTransport({\n` +
    `  host: ${js(host)},\n` +
    `  port: ${listener.port},\n` +
    `  secure: ${implicit ? 'true' : 'false'},\n` +
    (implicit ? '' : '  requireTLS: true,\n') +
    auth +
    `  tls: { ca: [fs.readFileSync(${js(caFile)})] },\n` +
    `});`;
  const flags = [
    `--port ${listener.port}`,
    `--security ${listener.security}`,
    ...(credential ? [`--user ${sh(credential.username)}`, '--password-env SMTP_PASS'] : []),
    ...(credential?.kind === 'token' ? ['--mechanism XOAUTH2'] : []),
    `--ca ${sh(caFile)}`,
  ].join(' ');
  const env = credential ? `SMTP_PASS=${sh(credential.secret)} ` : '';
  const target = host.includes(':') ? `[${host}]` : host;
  // Under the real name the diagnosis recognises the provider by its host, as it would for a real user.
  const checkTarget = standsFor ? `${standsFor} --connect-to ${host}` : target;
  // Only the lab's own listeners: the default alternatives (465, 587… on the dialled address) would be other servers.
  const others = listeners.filter((l) => l !== listener).map((l) => `${l.port}/${l.security}`);
  const checkFlags = [flags, `--alternatives ${others.length > 0 ? others.join(',') : 'none'}`];
  // A reply to MAIL, RCPT or DATA comes only to a client that sends a message after logging in.
  if (replay?.send && credential) {
    checkFlags.push(`--send-to ${REPLAY_RECIPIENT}`);
    if (!credential.username.includes('@')) checkFlags.push(`--from ${REPLAY_SENDER}`);
  }
  return {
    listener,
    credential,
    nodemailer,
    session: `${env}smtp-doctor session ${target} ${flags}`,
    check: `${env}smtp-doctor check ${checkTarget} ${checkFlags.join(' ')}`,
  };
}

/** The lab's token endpoint as the client config needs it. */
export interface TokenEndpointRef {
  url: string;
  preset: 'google' | 'microsoft';
}

/**
 * A `check` line that gets its token from the lab's token endpoint with the --oauth-* flags: a refresh for the first
 * account with a refresh token (one whose grant fails on purpose only when no other has one), else (Microsoft) the app
 * credentials of an app-only account. Null when no account has OAuth settings.
 */
export function oauthCheckLine(
  listeners: readonly LabListenerInfo[],
  accounts: readonly LabAccount[],
  caFile: string,
  endpoint: TokenEndpointRef,
  standsFor?: string | null,
): string | null {
  const listener = listeners.find((l) => l.security === 'starttls') ?? listeners[0];
  if (!listener) return null;
  const withRefresh = accounts.filter((a) => a.oauth?.refreshToken !== undefined);
  const account =
    withRefresh.find((a) => a.oauth?.flags.length === 0 && a.oauth.grantScope === undefined) ??
    withRefresh[0] ??
    accounts.find((a) => a.oauth?.flags.includes('app-role'));
  const grant = account?.oauth;
  if (!account || !grant) return null;
  const refresh = grant.refreshToken;
  const scope =
    refresh !== undefined
      ? endpoint.preset === 'google'
        ? 'https://mail.google.com/'
        : 'https://outlook.office.com/SMTP.Send offline_access'
      : 'https://outlook.office365.com/.default';
  const env = [
    ...(refresh !== undefined ? [`SMTP_OAUTH_REFRESH=${sh(refresh)}`] : []),
    `SMTP_OAUTH_SECRET=${sh(grant.clientSecret)}`,
  ].join(' ');
  const host = listener.host;
  const target = standsFor ? `${standsFor} --connect-to ${host}` : host.includes(':') ? `[${host}]` : host;
  const others = listeners.filter((l) => l !== listener).map((l) => `${l.port}/${l.security}`);
  const flags = [
    `--port ${listener.port}`,
    `--security ${listener.security}`,
    `--user ${sh(account.username)}`,
    ...(refresh !== undefined ? ['--oauth-refresh-token-env SMTP_OAUTH_REFRESH'] : []),
    `--oauth-client-id ${sh(grant.clientId)}`,
    '--oauth-client-secret-env SMTP_OAUTH_SECRET',
    `--oauth-token-url ${sh(endpoint.url)}`,
    `--oauth-scope ${sh(scope)}`,
    `--ca ${sh(caFile)}`,
    `--alternatives ${others.length > 0 ? others.join(',') : 'none'}`,
  ];
  return `${env} smtp-doctor check ${target} ${flags.join(' ')}`;
}

function js(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function sh(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
