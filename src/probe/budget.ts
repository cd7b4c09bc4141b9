// Lockout budget: how many failed logins a run may cost, which replies stop every further attempt, and which
// refusals justify spending more of the budget on another mechanism.
import { mechanismMayMatter } from '../knowledge/codes.js';
import type { SecretShape } from '../model/secret.js';
import type { AuthRecord } from '../model/session.js';

/*
 * The rule. Servers count refused logins, not mechanisms (Postfix logs each one and fail2ban counts them, Microsoft's
 * smart lockout and Gmail's throttle do the same), so every AUTH we send may bring the account closer to a lockout.
 * The budget (--max-attempts) is a ceiling, never a target: a second attempt with the same secret is made only when it
 * can end differently, that is when the refusal may be about how the mechanism carried the secret rather than about
 * the account or the secret itself — see anotherMechanismMayHelp(). And some replies say the account or the server is
 * in a state that no attempt can change; each further try only counts toward a lockout, so they stop every attempt on
 * every endpoint at once — see stopSignal().
 */

/** Texts that describe the account's state or the server's throttle, not the credentials. */
const ACCOUNT_STATE =
  /too many|rate.?limit|try again later|locked|suspended|disabled|deactivated|blocked|web ?browser|(?:log|sign) ?in via|application-specific password|app password/i;

/** Why no attempt at all may follow this reply; undefined when the reply says nothing of the kind. */
export function stopSignal(auth: AuthRecord): string | undefined {
  const reply = auth.reply;
  if (!reply) return undefined;
  const enhanced = reply.enhanced?.code;
  const code = `${reply.code}${enhanced ? ` ${enhanced}` : ''}`;
  if (reply.code === 421) return 'the server closed the session (421)';
  // 454 4.7.0 and friends: a temporary failure or a throttle, which every new attempt prolongs.
  if (reply.code >= 400 && reply.code < 500) return `the server answered ${code} (temporary failure or throttling)`;
  if (reply.code === 525 || enhanced === '5.7.13') return `the account is disabled (${code})`;
  // 534 5.7.9 / 5.7.14: the provider wants an app password or a sign-in in the browser, whatever the mechanism.
  if (reply.code === 534) return `the server wants another way to log in (${code})`;
  // Microsoft's policy refusals: every failure counts toward smart lockout, and no mechanism changes the policy.
  if (enhanced === '5.7.139' || enhanced === '5.7.3') return `the login was refused by policy (${code})`;
  if (mechanismMayMatter(reply.code)) return undefined;
  if (ACCOUNT_STATE.test(reply.text)) return `the server says: ${reply.text.slice(0, 120)}`;
  return undefined;
}

/**
 * Why trying another mechanism with the same secret could end differently; undefined when it could not (then one
 * attempt is all this run spends, whatever budget is left). Only these refusals can depend on the mechanism:
 * - the server refused the mechanism or could not parse what it carried (500/501/502/504, 538, x.5.x): nothing was judged;
 * - our side of the exchange broke down (we cancelled: a prompt we could not follow, too many challenges);
 * - 535 for a non-ASCII secret: PLAIN carries UTF-8 by definition (RFC 4616), LOGIN and CRAM-MD5 define no character
 *   set, so the bytes the server compares can differ from one mechanism to the next;
 * - 535 to CRAM-MD5: a server that keeps only password hashes cannot verify it, while PLAIN and LOGIN work.
 */
export function anotherMechanismMayHelp(auth: AuthRecord, secret: SecretShape | undefined): string | undefined {
  if (stopSignal(auth)) return undefined;
  if (auth.result === 'cancelled') return `the ${auth.mechanism} exchange could not be completed`;
  const reply = auth.reply;
  if (auth.result !== 'rejected' || !reply) return undefined;
  if (mechanismMayMatter(reply.code) || reply.enhanced?.subject === 5)
    return `the server refused ${auth.mechanism} itself (${reply.code}), not the credentials`;
  if (reply.code === 535 && secret?.classes.includes('non-ascii'))
    return `the secret is not ASCII, and mechanisms differ in how they encode it`;
  if (reply.code === 535 && auth.mechanism === 'CRAM-MD5')
    return 'a server that keeps only password hashes cannot verify CRAM-MD5';
  return undefined;
}

export class AttemptBudget {
  readonly allowed: number;
  #failed = 0;
  #stopped: string | undefined;

  constructor(allowed: number) {
    this.allowed = allowed;
  }

  get failed(): number {
    return this.#failed;
  }

  /** Why no more attempts may be made, if a stop signal was seen. */
  get stopped(): string | undefined {
    return this.#stopped;
  }

  canAttempt(): boolean {
    return this.#stopped === undefined && this.#failed < this.allowed;
  }

  /** Counts an AUTH exchange: anything but an accepted login is a failed attempt. */
  record(auth: AuthRecord | undefined): void {
    if (!auth || auth.result === 'accepted') return;
    this.#failed += 1;
    this.#stopped ??= stopSignal(auth);
  }
}
