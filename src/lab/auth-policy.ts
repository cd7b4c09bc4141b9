// Auth policy: how a persona judges one login attempt against the lab accounts (pure: no I/O, no clock).
import { InputError } from '../model/errors.js';
import type { LabAccount } from './accounts.js';
import { advertisedMechanisms } from './replies.js';
import type { Persona, ReplyKey } from './personas/types.js';
import { replyFor } from './replies.js';
import { judgeToken, oauthPresetOf } from './token-judge.js';
import type { TokenRegistry } from './token-registry.js';

export type AuthAttempt =
  | { mechanism: 'PLAIN' | 'LOGIN'; username: string; password: string }
  /** CRAM-MD5 never reveals the password: the policy asks whether a candidate secret produced the digest. */
  | { mechanism: 'CRAM-MD5'; username: string; matches: (secret: string) => boolean }
  /** OAUTHBEARER's username is its a= (empty when the client left it out). */
  | { mechanism: 'XOAUTH2' | 'OAUTHBEARER'; username: string; token: string };

/** The tokens the lab's token endpoint minted, and the time to judge their expiry by. */
export interface MintedTokens {
  registry: TokenRegistry;
  now: number;
}

export type AuthVerdict =
  /** token: the account's static token=; minted-token: one the lab's token endpoint issued. */
  | { ok: true; account: LabAccount; via: 'password' | 'app-password' | 'token' | 'minted-token' }
  /** why: for the lab's own log (never the secret). oauthChallenge: send the XOAUTH2 error challenge first. */
  | { ok: false; reply: ReplyKey; why: string; oauthChallenge: boolean };

export function judgeLogin(
  persona: Persona,
  accounts: readonly LabAccount[],
  attempt: AuthAttempt,
  minted?: MintedTokens,
): AuthVerdict {
  const token = attempt.mechanism === 'XOAUTH2' || attempt.mechanism === 'OAUTHBEARER';
  const rejected: ReplyKey = token
    ? 'xoauth2Rejected'
    : attempt.mechanism === 'LOGIN'
      ? 'authRejectedLogin'
      : 'authRejected';
  const issued = token && minted ? minted.registry.find(attempt.token) : undefined;
  // OAUTHBEARER may leave a= out (RFC 7628 §3.1): the token then names the user.
  const username = token && attempt.username === '' && issued?.user !== undefined ? issued.user : attempt.username;
  const account = findAccount(persona, accounts, username);
  if (!account) return { ok: false, reply: rejected, why: 'no such user', oauthChallenge: token };

  let via: 'password' | 'app-password' | 'token' | 'minted-token' | null = matchedSecret(account, attempt);
  let tokenWhy = 'the token does not match';
  const preset = oauthPresetOf(persona);
  if (token && via === null && minted && preset) {
    const verdict = judgeToken(preset, issued, username, minted.now);
    if (verdict.ok) via = 'minted-token';
    else if (!issued && accounts.some((a) => a.oauth?.refreshToken === attempt.token))
      tokenWhy = 'a refresh token was sent instead of an access token';
    else tokenWhy = verdict.why;
  }
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
      why: token ? tokenWhy : 'wrong password',
      oauthChallenge: token,
    };
  return { ok: true, account, via };
}

/** OAuth settings need a persona whose provider has a token endpoint, and flags that provider can show. */
function checkGrant(persona: Persona, account: LabAccount, who: string): void {
  const preset = oauthPresetOf(persona);
  if (!preset)
    throw new InputError(
      `${who}: ${persona.name} has no OAuth token endpoint, so refresh-token=, client= and OAuth flags could never be used (the gmail and microsoft365 personas have one)`,
    );
  const flags = account.oauth?.flags ?? [];
  if (preset !== 'google' && flags.includes('testing-app'))
    throw new InputError(`${who}: testing-app is Google's 7-day refresh-token expiry; ${persona.name} has none`);
  if (preset !== 'microsoft' && flags.includes('app-role'))
    throw new InputError(
      `${who}: app-role is Microsoft's app-only SMTP.SendAsApp; ${persona.name} has no app-only SMTP`,
    );
}

function findAccount(persona: Persona, accounts: readonly LabAccount[], username: string): LabAccount | undefined {
  // Mail providers treat the address case-insensitively; a literal user name (SendGrid's apikey) is exact.
  const fold = persona.usernames.kind === 'email';
  return accounts.find((a) => (fold ? a.username.toLowerCase() === username.toLowerCase() : a.username === username));
}

function matchedSecret(account: LabAccount, attempt: AuthAttempt): 'password' | 'app-password' | 'token' | null {
  if ('token' in attempt) return account.token !== undefined && attempt.token === account.token ? 'token' : null;
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
    if (account.oauth) checkGrant(persona, account, who);
  }
  const names = new Set<string>();
  for (const account of accounts) {
    const key = persona.usernames.kind === 'email' ? account.username.toLowerCase() : account.username;
    if (names.has(key)) throw new InputError(`account ${JSON.stringify(account.username)} is given twice`);
    names.add(key);
  }
}
