// Lab accounts: the "user:password flag key=value" spec used on the command line and in account files.
import { InputError } from '../model/errors.js';
import { ACCOUNT_FLAGS, type AccountFlag } from './personas/types.js';

export interface LabAccount {
  username: string;
  /** The secret this server accepts for password logins; with the 2sv flag, the account's own password instead. */
  password?: string;
  /** An app password, accepted for password logins whatever the flags say about the account password. */
  appPassword?: string;
  /** An OAuth access token accepted for XOAUTH2 and OAUTHBEARER (a static one, besides those the token endpoint mints). */
  token?: string;
  flags: AccountFlag[];
  /** The OAuth app this user consented to, as the lab's token endpoint knows it. */
  oauth?: LabOAuthGrant;
}

/** Token-endpoint behaviours of an account's OAuth grant (the failures a refresh or a minted token can show). */
export const OAUTH_FLAGS = [
  /** The refresh token was revoked (Google: "Token has been expired or revoked."; Microsoft: AADSTS50173). */
  'refresh-revoked',
  /** The refresh token expired unused (Microsoft: AADSTS700082; Google answers as for a revoked one). */
  'refresh-expired',
  /** Google: the app's consent screen is in Testing, so its refresh tokens die after 7 days (simulated as past). */
  'testing-app',
  /** Access tokens are minted already expired. */
  'expired-tokens',
  /** Microsoft app-only: the app holds the SMTP.SendAsApp role and may send as this mailbox. */
  'app-role',
] as const;
export type OAuthFlag = (typeof OAUTH_FLAGS)[number];

export interface LabOAuthGrant {
  /** The refresh token the endpoint accepts for this user; absent: only the app's own credentials (app-only). */
  refreshToken?: string;
  clientId: string;
  clientSecret: string;
  /** The scopes the user's consent granted (space-separated values); absent: what SMTP needs. */
  grantScope?: string[];
  flags: OAuthFlag[];
}

/** The OAuth app of an account that names none. */
export const DEFAULT_CLIENT = { id: 'lab-client', secret: 'lab-secret' } as const;

export const ACCOUNT_SYNTAX = `USER[:PASSWORD] [FLAG ...] [app-password=SECRET] [token=TOKEN]
         [refresh-token=R] [client=ID:SECRET] [grant-scope="S1 S2"] [OAUTH-FLAG ...]
  PASSWORD (and any value) may be written in double quotes to hold spaces: bob@lab.test:"two words"
  FLAG: ${ACCOUNT_FLAGS.join(', ')}
  refresh-token= lets the lab's token endpoint (Gmail, Microsoft 365) mint access tokens for USER;
  client= is the OAuth app (default ${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}); grant-scope= is what the consent granted
  (default: the scope SMTP needs)
  OAUTH-FLAG: ${OAUTH_FLAGS.join(', ')}
  one account per line in a file; blank lines and lines starting with # are ignored`;

const MAX_FIELD = 1024;

/** Parses one account spec. `where` names it in errors (e.g. "--account" or "accounts.txt line 3"). */
export function parseAccount(spec: string, where = 'account'): LabAccount {
  const fields = splitFields(spec, where);
  const [first, ...rest] = fields;
  if (first === undefined)
    throw new InputError(`${where}: empty account spec (expected ${ACCOUNT_SYNTAX.split('\n')[0] ?? ''})`);
  const colon = first.indexOf(':');
  const username = colon === -1 ? first : first.slice(0, colon);
  const account: LabAccount = { username, flags: [] };
  if (colon !== -1) account.password = first.slice(colon + 1);
  checkValue(username, where, 'user name');
  if (username === '') throw new InputError(`${where}: the user name is empty`);
  const oauth: Partial<LabOAuthGrant> & { flags: OAuthFlag[] } = { flags: [] };
  let oauthSeen = false;
  for (const field of rest) {
    const eq = field.indexOf('=');
    if (eq === -1) {
      const flag = field.toLowerCase();
      if ((OAUTH_FLAGS as readonly string[]).includes(flag)) {
        oauthSeen = true;
        if (!oauth.flags.includes(flag as OAuthFlag)) oauth.flags.push(flag as OAuthFlag);
        continue;
      }
      if (!(ACCOUNT_FLAGS as readonly string[]).includes(flag))
        throw new InputError(
          `${where}: unknown flag ${JSON.stringify(field)} (flags: ${ACCOUNT_FLAGS.join(', ')}; OAuth flags: ${OAUTH_FLAGS.join(', ')})`,
        );
      if (!account.flags.includes(flag as AccountFlag)) account.flags.push(flag as AccountFlag);
      continue;
    }
    const key = field.slice(0, eq).toLowerCase();
    const value = field.slice(eq + 1);
    checkValue(value, where, key);
    if (value === '') throw new InputError(`${where}: ${key}= is empty`);
    if (key === 'token') account.token = value;
    else if (key === 'app-password') account.appPassword = value;
    else if (key === 'password') account.password = value;
    else if (key === 'refresh-token') {
      oauthSeen = true;
      oauth.refreshToken = value;
    } else if (key === 'client') {
      oauthSeen = true;
      const colon = value.indexOf(':');
      if (colon <= 0 || colon === value.length - 1)
        throw new InputError(`${where}: client= needs the form ID:SECRET (e.g. client=lab-client:lab-secret)`);
      oauth.clientId = value.slice(0, colon);
      oauth.clientSecret = value.slice(colon + 1);
    } else if (key === 'grant-scope') {
      oauthSeen = true;
      oauth.grantScope = value.split(/\s+/).filter((s) => s !== '');
      if (oauth.grantScope.length === 0) throw new InputError(`${where}: grant-scope= is empty`);
    } else
      throw new InputError(
        `${where}: unknown setting ${JSON.stringify(key)} (settings: app-password=, token=, password=, refresh-token=, client=, grant-scope=)`,
      );
  }
  if (oauthSeen) account.oauth = oauthGrant(oauth, username, where);
  if (account.password !== undefined) checkValue(account.password, where, 'password');
  if (
    account.password === undefined &&
    account.token === undefined &&
    account.appPassword === undefined &&
    account.oauth === undefined
  )
    throw new InputError(
      `${where}: ${JSON.stringify(username)} has no password, app-password= or token= (nor refresh-token= or client= for OAuth)`,
    );
  if (
    account.flags.includes('2sv') &&
    account.appPassword === undefined &&
    account.token === undefined &&
    !account.oauth
  )
    throw new InputError(
      `${where}: ${JSON.stringify(username)} has 2sv but no app-password= or token=, so no login could ever work`,
    );
  return account;
}

function oauthGrant(
  parts: Partial<LabOAuthGrant> & { flags: OAuthFlag[] },
  username: string,
  where: string,
): LabOAuthGrant {
  const who = JSON.stringify(username);
  const appOnly = parts.flags.includes('app-role');
  if (parts.refreshToken === undefined && !appOnly)
    throw new InputError(
      `${where}: ${who} has OAuth settings but no refresh-token= (or app-role, for an app that sends as this mailbox)`,
    );
  const grant: LabOAuthGrant = {
    clientId: parts.clientId ?? DEFAULT_CLIENT.id,
    clientSecret: parts.clientSecret ?? DEFAULT_CLIENT.secret,
    flags: parts.flags,
  };
  if (parts.refreshToken !== undefined) grant.refreshToken = parts.refreshToken;
  if (parts.grantScope !== undefined) grant.grantScope = parts.grantScope;
  return grant;
}

/** Parses an account file's text: one spec per line, # comments. */
export function parseAccountFile(text: string, name: string): LabAccount[] {
  const accounts: LabAccount[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    accounts.push(parseAccount(trimmed, `${name} line ${i + 1}`));
  });
  if (accounts.length === 0) throw new InputError(`${name}: no accounts in the file`);
  return accounts;
}

/** Writes an account back as a spec (for the lab's startup listing). */
export function formatAccount(account: LabAccount): string {
  const parts = [
    account.password === undefined ? quote(account.username) : `${quote(account.username)}:${quote(account.password)}`,
  ];
  parts.push(...account.flags);
  if (account.appPassword !== undefined) parts.push(`app-password=${quote(account.appPassword)}`);
  if (account.token !== undefined) parts.push(`token=${quote(account.token)}`);
  const oauth = account.oauth;
  if (oauth) {
    if (oauth.refreshToken !== undefined) parts.push(`refresh-token=${quote(oauth.refreshToken)}`);
    parts.push(`client=${quote(oauth.clientId)}:${quote(oauth.clientSecret)}`);
    if (oauth.grantScope) parts.push(`grant-scope=${quote(oauth.grantScope.join(' '))}`);
    parts.push(...oauth.flags);
  }
  return parts.join(' ');
}

function quote(value: string): string {
  return /^[^\s"\\:]*$/.test(value) && value !== '' ? value : JSON.stringify(value);
}

/** Splits on whitespace; double quotes group (with \" and \\ escapes) and may appear inside a field (user:"pass"). */
function splitFields(spec: string, where: string): string[] {
  const fields: string[] = [];
  let current = '';
  let inField = false;
  let quoted = false;
  for (let i = 0; i < spec.length; i++) {
    const ch = spec.charAt(i);
    if (quoted) {
      if (ch === '\\' && i + 1 < spec.length) current += spec.charAt(++i);
      else if (ch === '"') quoted = false;
      else current += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      inField = true;
    } else if (/\s/.test(ch)) {
      if (inField) fields.push(current);
      current = '';
      inField = false;
    } else {
      current += ch;
      inField = true;
    }
  }
  if (quoted) throw new InputError(`${where}: unterminated double quote`);
  if (inField) fields.push(current);
  return fields;
}

function checkValue(value: string, where: string, what: string): void {
  if (value.length > MAX_FIELD) throw new InputError(`${where}: the ${what} is longer than ${MAX_FIELD} characters`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value))
    throw new InputError(`${where}: the ${what} contains a control character`);
}
