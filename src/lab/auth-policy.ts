// Auth policy: how a persona judges one login attempt against the lab accounts (pure: no I/O, no clock).
import { InputError } from '../model/errors.js';
import type { LabAccount } from './accounts.js';
import { advertisedMechanisms } from './replies.js';
import type { Persona, ReplyKey } from './personas/types.js';
import { replyFor } from './replies.js';

export type AuthAttempt =
  | { mechanism: 'PLAIN' | 'LOGIN'; username: string; password: string }
  /** CRAM-MD5 never reveals the password: the policy asks whether a candidate secret produced the digest. */
  | { mechanism: 'CRAM-MD5'; username: string; matches: (secret: string) => boolean }
  | { mechanism: 'XOAUTH2'; username: string; token: string };

export type AuthVerdict =
  | { ok: true; account: LabAccount; via: 'password' | 'app-password' | 'token' }
  /** why: for the lab's own log (never the secret). oauthChallenge: send the XOAUTH2 error challenge first. */
  | { ok: false; reply: ReplyKey; why: string; oauthChallenge: boolean };

export function judgeLogin(persona: Persona, accounts: readonly LabAccount[], attempt: AuthAttempt): AuthVerdict {
  const token = attempt.mechanism === 'XOAUTH2';
  const rejected: ReplyKey = token
    ? 'xoauth2Rejected'
    : attempt.mechanism === 'LOGIN'
      ? 'authRejectedLogin'
      : 'authRejected';
  const account = findAccount(persona, accounts, attempt.username);
  if (!account) return { ok: false, reply: rejected, why: 'no such user', oauthChallenge: token };

  const via = matchedSecret(account, attempt);
  for (const flag of account.flags) {
    const rule = persona.states[flag];
    if (!rule) continue; // checkAccounts refused this at start
    if (rule.mechanisms === 'password' && token) continue;
    if (rule.when === 'right-secret' && via !== 'password') continue;
    return { ok: false, reply: rule.reply, why: `the account is marked ${flag}`, oauthChallenge: false };
  }
  if (via === null)
    return {
      ok: false,
      reply: rejected,
      why: token ? 'the token does not match' : 'wrong password',
      oauthChallenge: token,
    };
  return { ok: true, account, via };
}

function findAccount(persona: Persona, accounts: readonly LabAccount[], username: string): LabAccount | undefined {
  // Mail providers treat the address case-insensitively; a literal user name (SendGrid's apikey) is exact.
  const fold = persona.usernames.kind === 'email';
  return accounts.find((a) => (fold ? a.username.toLowerCase() === username.toLowerCase() : a.username === username));
}

function matchedSecret(account: LabAccount, attempt: AuthAttempt): 'password' | 'app-password' | 'token' | null {
  if (attempt.mechanism === 'XOAUTH2')
    return account.token !== undefined && attempt.token === account.token ? 'token' : null;
  const matches = attempt.mechanism === 'CRAM-MD5' ? attempt.matches : (secret: string) => secret === attempt.password;
  if (account.appPassword !== undefined && matches(account.appPassword)) return 'app-password';
  if (account.password !== undefined && matches(account.password)) return 'password';
  return null;
}

/** Refuses, before the lab starts, accounts the persona could never treat as the real provider does. */
export function checkAccounts(persona: Persona, accounts: readonly LabAccount[]): void {
  const offered = new Set([
    ...advertisedMechanisms(replyFor(persona, 'ehlo').reply),
    ...advertisedMechanisms(replyFor(persona, 'ehloAfterTls').reply),
  ]);
  for (const account of accounts) {
    const who = `account ${JSON.stringify(account.username)}`;
    for (const flag of account.flags) {
      if (!persona.states[flag]) {
        const known = Object.keys(persona.states);
        throw new InputError(
          `${who}: the ${persona.id} persona has no sourced reply for the flag ${flag} (its flags: ${known.length > 0 ? known.join(', ') : 'none'})`,
        );
      }
    }
    const rule = persona.usernames;
    if (rule.kind === 'literal' && account.username !== rule.value)
      throw new InputError(
        `${who}: ${persona.name} accepts only the user name ${JSON.stringify(rule.value)} (${rule.note})`,
      );
    if (rule.kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(account.username))
      throw new InputError(`${who}: ${persona.name} expects a full e-mail address as user name (${rule.note})`);
    if (rule.kind === 'pattern' && !rule.pattern.test(account.username))
      throw new InputError(`${who}: ${persona.name} user names look like ${rule.example} (${rule.note})`);
    if (account.token !== undefined && !offered.has('XOAUTH2'))
      throw new InputError(`${who}: ${persona.name} does not offer XOAUTH2, so token= could never be used`);
  }
  const names = new Set<string>();
  for (const account of accounts) {
    const key = persona.usernames.kind === 'email' ? account.username.toLowerCase() : account.username;
    if (names.has(key)) throw new InputError(`account ${JSON.stringify(account.username)} is given twice`);
    names.add(key);
  }
}
