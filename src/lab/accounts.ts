// Lab accounts: the "user:password flag key=value" spec used on the command line and in account files.
import { InputError } from '../model/errors.js';
import { ACCOUNT_FLAGS, type AccountFlag } from './personas/types.js';

export interface LabAccount {
  username: string;
  /** The secret this server accepts for password logins; with the 2sv flag, the account's own password instead. */
  password?: string;
  /** An app password, accepted for password logins whatever the flags say about the account password. */
  appPassword?: string;
  /** An OAuth access token accepted for XOAUTH2. */
  token?: string;
  flags: AccountFlag[];
}

export const ACCOUNT_SYNTAX = `USER[:PASSWORD] [FLAG ...] [app-password=SECRET] [token=TOKEN]
  PASSWORD (and any value) may be written in double quotes to hold spaces: bob@lab.test:"two words"
  FLAG: ${ACCOUNT_FLAGS.join(', ')}
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
  for (const field of rest) {
    const eq = field.indexOf('=');
    if (eq === -1) {
      const flag = field.toLowerCase();
      if (!(ACCOUNT_FLAGS as readonly string[]).includes(flag))
        throw new InputError(`${where}: unknown flag ${JSON.stringify(field)} (flags: ${ACCOUNT_FLAGS.join(', ')})`);
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
    else
      throw new InputError(
        `${where}: unknown setting ${JSON.stringify(key)} (settings: app-password=, token=, password=)`,
      );
  }
  if (account.password !== undefined) checkValue(account.password, where, 'password');
  if (account.password === undefined && account.token === undefined && account.appPassword === undefined)
    throw new InputError(`${where}: ${JSON.stringify(username)} has no password, app-password= or token=`);
  if (account.flags.includes('2sv') && account.appPassword === undefined && account.token === undefined)
    throw new InputError(
      `${where}: ${JSON.stringify(username)} has 2sv but no app-password= or token=, so no login could ever work`,
    );
  return account;
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
