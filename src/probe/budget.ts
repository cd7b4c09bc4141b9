// Lockout budget: how many failed logins a run may cost, which replies stop every further attempt, and which
// refusals justify spending more of the budget on another mechanism.
import { mechanismMayMatter } from '../knowledge/codes.js';
import { isTransientRefusal, loginStopFor, type StopLevel } from '../knowledge/login-stops.js';
import { matchReply, type SignatureMatch } from '../knowledge/match.js';
import { secretForm } from '../knowledge/secret-shapes.js';
import type { FindingId } from '../model/finding.js';
import type { Reply } from '../model/reply.js';
import type { SecretShape } from '../model/secret.js';
import type { AuthRecord } from '../model/session.js';
import { findMechanism } from '../protocol/sasl/registry.js';

/*
 * The rule. Servers count refused logins, not mechanisms (Postfix logs each one and fail2ban counts them, Microsoft's
 * smart lockout and Gmail's throttle do the same), so every AUTH we send may bring the account closer to a lockout.
 * The budget (--max-attempts) is a ceiling, never a target: a second attempt with the same secret is made only when it
 * can end differently, that is when the refusal may be about how the mechanism carried the secret rather than about
 * the account or the secret itself — see anotherMechanismMayHelp(). And some replies say the account or the server is
 * in a state that no attempt can change; each further try only counts toward a lockout, so they stop every attempt on
 * every endpoint at once — see stopSignal(). Which replies those are is knowledge (knowledge/login-stops.ts), read
 * through the matcher the diagnosis uses, so the probe stops on a reply for the reason the report will give.
 */

/** Why no attempt at all may follow a reply. */
export interface StopSignal {
  /**
   * transient: a 4yz refusal (a temporary failure or a throttle); account-level: a known reply whose reading names the
   * account's state, a policy or the server's state (knowledge/login-stops.ts) rather than the secret.
   */
  kind: 'transient' | 'account-level';
  /** The reply's codes as the server sent them, e.g. "535 5.7.8". */
  codes: string;
  /** The known reply (signature id) that reads it, and the finding it leads to, when the knowledge base knows it. */
  signature?: string;
  finding?: FindingId;
  /** What the finding is about, when it calls for a stop. */
  level?: StopLevel;
}

/** What is known besides the reply, for reading it as the diagnosis will. */
export interface StopContext {
  /** The shape of the secret sent: an app-password shape changes how some providers' refusals read. */
  secret?: SecretShape;
  /** Providers recognised by other evidence (host, banner), strongest first: their provider-only signatures apply. */
  providers?: readonly string[];
}

/**
 * Why no attempt at all may follow this reply; undefined when the reply says nothing of the kind.
 * - A 4yz refusal stops: it is temporary or a throttle, and every new attempt prolongs it.
 * - A refusal of the mechanism itself (500/501/502/504/538) never stops: nothing was judged.
 * - Otherwise the reply stops when its reading leads with a finding about the account, a policy or the server's state
 *   (knowledge/login-stops.ts). The readings are the best signature the reply fits, and every other one that matched
 *   its words: a provider's broad wording ("Error: authentication failed: …") ranks ahead of a generic one naming the
 *   account's state in the same text ("… account suspended"), and a missed stop costs a lockout while a needless one
 *   costs only an attempt. A signature that fits by code alone speaks only when it is the best there is, so Microsoft's
 *   5.7.139 catch-all does not turn its own "the user credentials were incorrect" into a policy refusal.
 */
export function stopSignal(auth: AuthRecord, context: StopContext = {}): StopSignal | undefined {
  const reply = auth.reply;
  if (!reply) return undefined;
  const readings = readReply(auth, reply, context);
  const codes = `${reply.code}${reply.enhanced ? ` ${reply.enhanced.code}` : ''}`;
  if (isTransientRefusal(reply.code)) return { kind: 'transient', codes, ...leading(readings[0]) };
  if (mechanismMayMatter(reply.code)) return undefined;
  const [best, ...others] = readings;
  for (const reading of [...(best ? [best] : []), ...others.filter((r) => r.tier.endsWith('-text'))]) {
    const finding = reading.causes[0]?.finding;
    const stop = finding === undefined ? undefined : loginStopFor(finding);
    if (stop) return { kind: 'account-level', codes, ...leading(reading), level: stop.level };
  }
  return undefined;
}

/** Every signature the reply fits, best first, read with what the probe knows of the login. */
function readReply(auth: AuthRecord, reply: Reply, context: StopContext): SignatureMatch[] {
  const credential = findMechanism(auth.mechanism)?.credential ?? context.secret?.kind ?? null;
  return matchReply(
    { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase: 'auth' },
    { providers: context.providers ?? [], credential, tls: null, secret: secretForm(context.secret) },
  );
}

function leading(reading: SignatureMatch | undefined): Pick<StopSignal, 'signature' | 'finding'> {
  const finding = reading?.causes[0]?.finding;
  return reading && finding ? { signature: reading.signature.id, finding } : {};
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
  if (stopSignal(auth, { secret })) return undefined;
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
  readonly #context: StopContext | (() => StopContext);
  #failed = 0;
  #stopped: StopSignal | undefined;

  /**
   * `context`: what the run knows besides the replies (the secret's shape, recognised providers), to read them; as a
   * function, it is asked for only when a refusal is read (recognising providers costs CPU a login may never need).
   */
  constructor(allowed: number, context: StopContext | (() => StopContext) = {}) {
    this.allowed = allowed;
    this.#context = context;
  }

  get failed(): number {
    return this.#failed;
  }

  /** Why no more attempts may be made, if a stop signal was seen. */
  get stopped(): StopSignal | undefined {
    return this.#stopped;
  }

  canAttempt(): boolean {
    return this.#stopped === undefined && this.#failed < this.allowed;
  }

  /** Counts an AUTH exchange: anything but an accepted login is a failed attempt. */
  record(auth: AuthRecord | undefined): void {
    if (!auth || auth.result === 'accepted') return;
    this.#failed += 1;
    this.#stopped ??= stopSignal(auth, typeof this.#context === 'function' ? this.#context() : this.#context);
  }
}
