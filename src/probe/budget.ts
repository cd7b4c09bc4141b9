// Lockout budget: how many failed logins a run may cost, and the replies that stop all further attempts at once.
import type { AuthRecord } from '../model/session.js';

/** Replies after which trying again risks a lockout, whatever the budget says. */
function isStopSignal(auth: AuthRecord): string | undefined {
  const reply = auth.reply;
  if (!reply) return undefined;
  if (reply.code === 454) return `the server answered ${reply.code} (temporary failure or throttling)`;
  if (reply.code === 421) return 'the server closed the session (421)';
  if (/too many|rate limit|try again later|temporarily (locked|blocked)|locked/i.test(reply.text)) {
    return `the server says: ${reply.text.slice(0, 120)}`;
  }
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
    this.#stopped ??= isStopSignal(auth);
  }
}
