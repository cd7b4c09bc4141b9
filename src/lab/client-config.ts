// Client config for a running lab: a nodemailer transport and smtp-doctor command lines, ready to paste.
import type { LabAccount } from './accounts.js';
import type { LabListenerInfo } from './index.js';

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

/** The credential a client should use to log in successfully: the first account with one that works. */
export function workingCredential(accounts: readonly LabAccount[]): LabCredential | null {
  for (const a of accounts) {
    if (a.appPassword !== undefined) return { username: a.username, secret: a.appPassword, kind: 'password' };
    // Flags make the account password fail on purpose; a token may still work.
    if (a.password !== undefined && a.flags.length === 0)
      return { username: a.username, secret: a.password, kind: 'password' };
  }
  const tokenAccount = accounts.find(
    (a) => a.token !== undefined && a.flags.every((f) => f === 'oauth-only' || f === 'basic-auth-disabled'),
  );
  if (tokenAccount?.token !== undefined)
    return { username: tokenAccount.username, secret: tokenAccount.token, kind: 'token' };
  return null;
}

export function clientConfig(
  listeners: readonly LabListenerInfo[],
  accounts: readonly LabAccount[],
  caFile: string,
  /** The real host name the lab stands in for: `check` then names it and dials the lab with --connect-to. */
  standsFor?: string | null,
): ClientConfig | null {
  const listener = listeners.find((l) => l.security === 'starttls') ?? listeners[0];
  if (!listener) return null;
  const credential = workingCredential(accounts);
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
  return {
    listener,
    credential,
    nodemailer,
    session: `${env}smtp-doctor session ${target} ${flags}`,
    check: `${env}smtp-doctor check ${checkTarget} ${flags}`,
  };
}

function js(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function sh(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
