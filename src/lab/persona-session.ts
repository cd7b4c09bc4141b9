// Persona session: one SMTP conversation played by a persona — its happy path, the account rules, faults and overrides.
import { randomBytes } from 'node:crypto';
import type tls from 'node:tls';
import type { LabAccount } from './accounts.js';
import { judgeLogin, type AuthAttempt } from './auth-policy.js';
import type { Fault, FaultPhase } from './faults.js';
import type { OverridePhase, ResolvedOverride } from './override.js';
import type { Persona, ReplyKey } from './personas/types.js';
import { advertisedMechanisms, renderReply, replyCode, replyFor, replyLines, withoutKeyword } from './replies.js';
import { rateLimitReply } from './rate-limit.js';
import {
  cramChallenge,
  cramMatches,
  decodeCram,
  decodeOauthbearer,
  decodePlain,
  decodeText,
  decodeXoauth2,
  isLabMechanism,
  type LabMechanism,
} from './sasl-server.js';
import { clientText, describeBlob, describeSecretShape, preview, redactCommand } from './session-log.js';
import type { TokenRegistry } from './token-registry.js';
import type { ClientLine, LabConnection } from './wire.js';

/** Lines per write of the endless-reply fault. */
const ENDLESS_BATCH = 64;

/** Failed logins counted across the whole lab, as a provider counts them per account and address. */
export interface FailureCounter {
  count: number;
}

export interface SessionContext {
  persona: Persona;
  accounts: readonly LabAccount[];
  faults: readonly Fault[];
  overrides: ReadonlyMap<OverridePhase, ResolvedOverride>;
  secureContext: tls.SecureContext;
  listener: 'starttls' | 'tls';
  failures: FailureCounter;
  /** The tokens the lab's token endpoint minted, judged at AUTH. */
  tokens?: TokenRegistry;
  log: (kind: 'client' | 'server' | 'info', text: string) => void;
  /** Largest message accepted after DATA; more is read and refused with dataTooBig. */
  maxMessageBytes: number;
  handshakeMs: number;
}

/** Commands a TLS-insisting server still answers before STARTTLS (RFC 3207 §4). */
const PRE_TLS = new Set(['EHLO', 'HELO', 'STARTTLS', 'NOOP', 'RSET', 'QUIT']);
const VERB_PHASE: Readonly<Record<string, OverridePhase>> = { AUTH: 'auth', MAIL: 'mail', RCPT: 'rcpt', DATA: 'data' };

export async function runPersonaSession(conn: LabConnection, context: SessionContext): Promise<void> {
  const session = new PersonaSession(conn, context);
  try {
    await session.run();
  } catch (err) {
    // A bug in one session must not take the lab down: log it, drop this client, keep serving others.
    context.log('info', `session aborted by a lab error: ${err instanceof Error ? err.message : String(err)}`);
    conn.destroy();
  }
}

class PersonaSession {
  readonly #conn: LabConnection;
  readonly #ctx: SessionContext;
  readonly #persona: Persona;
  readonly #vars: Record<string, string>;
  #hello: 'none' | 'ehlo' | 'helo' = 'none';
  #user: string | null = null;
  #mailFrom: string | null = null;
  #recipients: string[] = [];

  constructor(conn: LabConnection, ctx: SessionContext) {
    this.#conn = conn;
    this.#ctx = ctx;
    this.#persona = ctx.persona;
    this.#vars = {
      hostname: ctx.persona.hostname,
      'client-address': conn.remoteAddress,
      'ehlo-name': conn.remoteAddress,
      'session-id': sessionId(),
      id: randomBytes(8).toString('hex').toUpperCase(),
      timestamp: new Date().toISOString(),
      date: rfc2822Date(new Date(), true),
      'date-unpadded': rfc2822Date(new Date(), false),
      ...ctx.persona.vars,
    };
  }

  async run(): Promise<void> {
    if (this.#ctx.listener === 'tls') {
      const up = await this.#conn.upgradeTls(this.#ctx.secureContext, this.#ctx.handshakeMs);
      if (!up.ok) {
        this.#info(`TLS handshake failed (${up.code}); connection closed`);
        return;
      }
      this.#info(`TLS started (${up.protocol}, implicit TLS)`);
    }
    if (!(await this.#greet())) return;
    for (;;) {
      const line = await this.#conn.readLine();
      if (!line) {
        this.#info(this.#conn.closed ? 'client closed the connection' : 'client idle too long: connection closed');
        this.#conn.destroy();
        return;
      }
      if (!(await this.#command(line))) return;
    }
  }

  // ---- greeting -------------------------------------------------------------------------------------------------

  async #greet(): Promise<boolean> {
    if (this.#fault('no-greeting')) {
      this.#info('fault no-greeting: staying silent');
      while (await this.#conn.readLine()) {
        // Read and ignore: a silent server still drains what the client sends.
      }
      return false;
    }
    const late = this.#fault('late-greeting');
    if (late) {
      this.#info(`fault late-greeting: waiting ${late.delayMs} ms`);
      await this.#conn.sleep(late.delayMs);
      if (this.#conn.closed) return false;
    }
    if (this.#fault('greeting-421')) {
      await this.#send('greeting', this.#render('serviceUnavailable'));
      this.#conn.end();
      return false;
    }
    const served = await this.#serve('greeting', this.#render('greeting'));
    if (!served.ok) return false;
    if (served.code === 421) {
      this.#conn.end();
      return false;
    }
    return true;
  }

  // ---- commands -------------------------------------------------------------------------------------------------

  async #command(line: ClientLine): Promise<boolean> {
    if (line.tooLong) {
      this.#ctx.log('client', `${preview(clientText(line.text.slice(0, 60)))}… (line longer than the lab's limit)`);
      return this.#plain('lineTooLong');
    }
    const text = line.text;
    const space = text.indexOf(' ');
    const verb = (space === -1 ? text : text.slice(0, space)).toUpperCase();
    const arg = space === -1 ? '' : text.slice(space + 1).trim();
    this.#ctx.log('client', redactCommand(text));

    if (this.#persona.tlsRequired && !this.#conn.encrypted && !PRE_TLS.has(verb)) {
      return (await this.#serve(VERB_PHASE[verb] ?? 'mail', this.#render('tlsRequired'))).ok;
    }
    switch (verb) {
      case 'EHLO':
      case 'HELO':
        return this.#helo(verb, arg);
      case 'STARTTLS':
        return this.#starttls(arg);
      case 'AUTH':
        return this.#auth(arg);
      case 'MAIL':
        return this.#mail(arg);
      case 'RCPT':
        return this.#rcpt(arg);
      case 'DATA':
        return this.#data();
      case 'RSET':
        this.#resetTransaction();
        return this.#plain('rset');
      case 'NOOP':
        return this.#plain('noop');
      case 'QUIT':
        await this.#send('other', this.#render('quit'));
        this.#conn.end();
        this.#info('session ended by QUIT');
        return false;
      default:
        this.#vars.command = verb;
        return this.#plain('unknownCommand');
    }
  }

  async #helo(verb: 'EHLO' | 'HELO', arg: string): Promise<boolean> {
    if (arg === '' || /\s/.test(arg)) return this.#plain('syntaxError');
    this.#vars['ehlo-name'] = arg;
    this.#hello = verb === 'EHLO' ? 'ehlo' : 'helo';
    this.#resetTransaction();
    if (verb === 'HELO') return (await this.#serve('ehlo', this.#render('helo'))).ok;
    let wire = this.#render(this.#conn.encrypted ? 'ehloAfterTls' : 'ehlo');
    if (this.#fault('strip-starttls')) wire = withoutKeyword(wire, 'STARTTLS');
    return (await this.#serve('ehlo', wire)).ok;
  }

  async #starttls(arg: string): Promise<boolean> {
    if (this.#conn.encrypted) return (await this.#serve('starttls', this.#render('starttlsUnavailable'))).ok;
    if (this.#fault('strip-starttls')) {
      this.#vars.command = 'STARTTLS';
      this.#info('fault strip-starttls: refusing STARTTLS');
      return (await this.#serve('starttls', this.#render('unknownCommand'))).ok;
    }
    if (arg !== '') return (await this.#serve('starttls', this.#render('syntaxError'))).ok;
    let wire = this.#render('starttlsReady');
    const injection = this.#fault('starttls-injection');
    if (injection) {
      this.#info('fault starttls-injection: plaintext follows the 220 in the same packet');
      wire += injection.bytes;
    }
    const served = await this.#serve('starttls', wire);
    if (!served.ok) return false;
    if (served.code !== 220) return true;
    const up = await this.#conn.upgradeTls(this.#ctx.secureContext, this.#ctx.handshakeMs);
    if (!up.ok) {
      this.#info(`TLS handshake failed (${up.code}); connection closed`);
      return false;
    }
    this.#info(`TLS started (${up.protocol}) after STARTTLS`);
    // RFC 3207 §4.2: the server forgets everything the client said before TLS.
    this.#hello = 'none';
    this.#user = null;
    this.#resetTransaction();
    return true;
  }

  // ---- AUTH -----------------------------------------------------------------------------------------------------

  async #auth(arg: string): Promise<boolean> {
    const [mechText = '', initial, ...extra] = arg.split(/\s+/).filter((p) => p !== '');
    const mechanism = mechText.toUpperCase();
    this.#vars.MECHANISM = mechanism;
    if (this.#hello === 'none') return this.#authReply(this.#render('needHelo'));
    if (this.#user !== null) return this.#authReply(this.#render('authAlreadyDone'));
    const offered = advertisedMechanisms(replyFor(this.#persona, this.#conn.encrypted ? 'ehloAfterTls' : 'ehlo').reply);
    // refused: nothing before TLS (SES); hidden: what is not listed before TLS waits for it (Gmail, Exchange's LOGIN).
    const beforeTls = this.#persona.authBeforeTls;
    if (
      !this.#conn.encrypted &&
      (beforeTls === 'refused' || (beforeTls === 'hidden' && !offered.includes(mechanism)))
    ) {
      this.#info('AUTH before TLS: refused as the real server does');
      return this.#authReply(this.#render('authBeforeTls'));
    }
    if (mechanism === '' || extra.length > 0) return this.#authReply(this.#render('syntaxError'));
    if (!offered.includes(mechanism)) return this.#authReply(this.#render('authUnrecognized'));
    const limit = this.#fault('rate-limit');
    if (limit && this.#ctx.failures.count >= limit.afterFailures) {
      this.#info(`fault rate-limit: ${this.#ctx.failures.count} failed logins so far (limit ${limit.afterFailures})`);
      return this.#authReply(renderReply(rateLimitReply(this.#persona).reply, this.#vars));
    }
    if (!isLabMechanism(mechanism)) return this.#authReply(this.#render('authNotImplemented'));

    const collected = await this.#collect(mechanism, initial);
    if (collected.kind === 'closed') return false;
    if (collected.kind === 'reply') return this.#authReply(this.#render(collected.key));

    const attempt = collected.attempt;
    const verdict = judgeLogin(
      this.#persona,
      this.#ctx.accounts,
      attempt,
      this.#ctx.tokens ? { registry: this.#ctx.tokens, now: Date.now() } : undefined,
    );
    const who = `${mechanism} login as ${JSON.stringify(attempt.username)}`;
    if (verdict.ok) {
      this.#info(`${who}: accepted (${verdict.via})`);
      return this.#authReply(this.#render('authSuccess'), verdict.account.username);
    }
    this.#ctx.failures.count += 1;
    this.#info(`${who}: refused, ${verdict.why}${this.#shapeOf(attempt)}`);
    const challenge = replyFor(this.#persona, 'xoauth2ErrorChallenge').reply;
    if (verdict.oauthChallenge && challenge !== '' && !this.#ctx.overrides.has('auth')) {
      if (!(await this.#send('auth', renderReply(challenge, this.#vars)))) return false;
      const answer = await this.#conn.readLine();
      if (!answer) return false;
      this.#ctx.log('client', describeBlob(answer.text));
      if (answer.text === '*') return this.#authReply(this.#render('authCancelled'));
    }
    return this.#authReply(this.#render(verdict.reply));
  }

  /** The final reply of an AUTH exchange; whatever 2xx goes out (the persona's or an override's) logs the client in. */
  async #authReply(wire: string, username = '(logged in by an override)'): Promise<boolean> {
    const served = await this.#serve('auth', wire);
    if (served.ok && served.code >= 200 && served.code < 300) this.#user = username;
    return served.ok;
  }

  async #collect(
    mechanism: LabMechanism,
    initial: string | undefined,
  ): Promise<{ kind: 'attempt'; attempt: AuthAttempt } | { kind: 'reply'; key: ReplyKey } | { kind: 'closed' }> {
    switch (mechanism) {
      case 'PLAIN': {
        const blob = initial ?? (await this.#challenge('authChallengePlain'));
        if (blob === null) return { kind: 'closed' };
        if (blob === '*') return { kind: 'reply', key: 'authCancelled' };
        const plain = decodePlain(blob === '=' ? '' : blob);
        if (!plain.ok) return { kind: 'reply', key: 'authBadBase64' };
        return {
          kind: 'attempt',
          attempt: { mechanism, username: plain.value.username, password: plain.value.password },
        };
      }
      case 'LOGIN': {
        const userBlob = initial ?? (await this.#challenge('authChallengeUsername'));
        if (userBlob === null) return { kind: 'closed' };
        if (userBlob === '*') return { kind: 'reply', key: 'authCancelled' };
        const username = decodeText(userBlob);
        if (!username.ok) return { kind: 'reply', key: 'authBadBase64' };
        const passBlob = await this.#challenge('authChallengePassword');
        if (passBlob === null) return { kind: 'closed' };
        if (passBlob === '*') return { kind: 'reply', key: 'authCancelled' };
        const password = decodeText(passBlob);
        if (!password.ok) return { kind: 'reply', key: 'authBadBase64' };
        return { kind: 'attempt', attempt: { mechanism, username: username.value, password: password.value } };
      }
      case 'CRAM-MD5': {
        // RFC 4954 §4: the server speaks first in CRAM-MD5, so an initial response is a protocol error.
        if (initial !== undefined) return { kind: 'reply', key: 'syntaxError' };
        const challenge = cramChallenge(this.#persona.hostname);
        const sent = await this.#send('auth', `334 ${Buffer.from(challenge).toString('base64')}\r\n`);
        if (!sent) return { kind: 'closed' };
        const line = await this.#conn.readLine();
        if (!line) return { kind: 'closed' };
        this.#ctx.log('client', describeBlob(line.text));
        if (line.text === '*') return { kind: 'reply', key: 'authCancelled' };
        const cram = decodeCram(line.text);
        if (!cram.ok) return { kind: 'reply', key: 'authBadBase64' };
        const { username, digest } = cram.value;
        return {
          kind: 'attempt',
          attempt: { mechanism, username, matches: (secret) => cramMatches(challenge, digest, secret) },
        };
      }
      default: {
        // XOAUTH2 and OAUTHBEARER: the same empty 334 asks for the client's first message when it sent none.
        const blob = initial ?? (await this.#challenge('authChallengeXoauth2'));
        if (blob === null) return { kind: 'closed' };
        if (blob === '*') return { kind: 'reply', key: 'authCancelled' };
        const oauth = mechanism === 'OAUTHBEARER' ? decodeOauthbearer(blob) : decodeXoauth2(blob);
        if (!oauth.ok) return { kind: 'reply', key: 'authBadBase64' };
        return {
          kind: 'attempt',
          attempt: { mechanism, username: oauth.value.username, token: oauth.value.token },
        };
      }
    }
  }

  /** Sends a 334 challenge and returns the client's answer line (logged by shape only), or null when it left. */
  async #challenge(key: ReplyKey): Promise<string | null> {
    if (!(await this.#send('auth', this.#render(key)))) return null;
    const line = await this.#conn.readLine();
    if (!line) return null;
    this.#ctx.log('client', describeBlob(line.text));
    return line.text;
  }

  #shapeOf(attempt: AuthAttempt): string {
    if (attempt.mechanism === 'CRAM-MD5') return '';
    if ('token' in attempt) return ` (${describeSecretShape(attempt.token, 'token')})`;
    return ` (${describeSecretShape(attempt.password, 'password')})`;
  }

  // ---- transaction ----------------------------------------------------------------------------------------------

  async #mail(arg: string): Promise<boolean> {
    if (this.#hello === 'none') return (await this.#serve('mail', this.#render('needHelo'))).ok;
    if (this.#persona.authRequired === 'mail' && this.#user === null)
      return (await this.#serve('mail', this.#render('authRequired'))).ok;
    if (this.#mailFrom !== null) return (await this.#serve('mail', this.#render('mailNested'))).ok;
    const m = /^FROM:\s*<([^<>\s]*)>(?:\s.*)?$/i.exec(arg);
    if (!m) return (await this.#serve('mail', this.#render('mailSyntax'))).ok;
    this.#vars.sender = m[1] ?? '';
    const served = await this.#serve('mail', this.#render('mailOk'));
    if (served.ok && served.code >= 200 && served.code < 300) this.#mailFrom = m[1] ?? '';
    return served.ok;
  }

  async #rcpt(arg: string): Promise<boolean> {
    if (this.#mailFrom === null) return (await this.#serve('rcpt', this.#render('rcptNeedMail'))).ok;
    const m = /^TO:\s*<([^<>\s]+)>(?:\s.*)?$/i.exec(arg);
    if (!m) return (await this.#serve('rcpt', this.#render('rcptSyntax'))).ok;
    this.#vars.recipient = m[1] ?? '';
    if (this.#persona.authRequired === 'rcpt' && this.#user === null)
      return (await this.#serve('rcpt', this.#render('authRequired'))).ok;
    const served = await this.#serve('rcpt', this.#render('rcptOk'));
    if (served.ok && served.code >= 200 && served.code < 300) this.#recipients.push(m[1] ?? '');
    return served.ok;
  }

  async #data(): Promise<boolean> {
    if (this.#recipients.length === 0) return (await this.#serve('data', this.#render('dataNeedRcpt'))).ok;
    if (!(await this.#send('data', this.#render('dataGo')))) return false;
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const line = await this.#conn.readLine();
      if (!line) {
        this.#info('client left in the middle of DATA');
        return false;
      }
      if (line.text === '.' && !line.tooLong) break;
      bytes += line.text.length + 2;
      lines += 1;
    }
    this.#ctx.log('client', `[message: ${lines} lines, ${bytes} bytes]`);
    const tooBig = bytes > this.#ctx.maxMessageBytes;
    this.#vars['queue-id'] = randomBytes(5).toString('hex').toUpperCase();
    this.#vars['message-id'] = `<${randomBytes(8).toString('hex')}@${this.#persona.hostname}>`;
    const served = await this.#serve('data', this.#render(tooBig ? 'dataTooBig' : 'dataOk'));
    this.#resetTransaction();
    return served.ok;
  }

  #resetTransaction(): void {
    this.#mailFrom = null;
    this.#recipients = [];
  }

  // ---- replies and faults ---------------------------------------------------------------------------------------

  #render(key: ReplyKey): string {
    return renderReply(replyFor(this.#persona, key).reply, this.#vars);
  }

  /** A reply outside the override phases (RSET, NOOP, unknown commands). */
  async #plain(key: ReplyKey): Promise<boolean> {
    return this.#send('other', this.#render(key));
  }

  /**
   * The reply at an override phase: the override's replies when one is set (one per client line), else `wire`.
   * Returns whether the session goes on and the code of the last reply sent.
   */
  async #serve(phase: OverridePhase, wire: string): Promise<{ ok: boolean; code: number }> {
    const override = this.#ctx.overrides.get(phase);
    if (!override) return { ok: await this.#send(phase, wire), code: replyCode(wire) };
    const { replies } = override;
    for (let i = 0; i < replies.length; i++) {
      const reply = replies[i] ?? '';
      if (!(await this.#send(phase, reply))) return { ok: false, code: 0 };
      if (i === replies.length - 1) return { ok: true, code: replyCode(reply) };
      const line = await this.#conn.readLine();
      if (!line) return { ok: false, code: 0 };
      this.#ctx.log('client', phase === 'auth' ? describeBlob(line.text) : redactCommand(line.text));
    }
    return { ok: true, code: 0 };
  }

  /** Writes one reply, applying the reply-shaped faults for its phase; false when the session is over. */
  async #send(phase: FaultPhase | 'other', wire: string, faultsApply = true): Promise<boolean> {
    if (this.#conn.closed) return false;
    if (faultsApply) {
      const drop = this.#fault('drop-mid-reply');
      if (drop?.phase === phase) {
        const half = wire.slice(0, Math.max(1, Math.floor(wire.length / 2)));
        this.#log('server', half);
        this.#info('fault drop-mid-reply: connection closed in the middle of the reply');
        await this.#conn.write(half);
        // FIN, not RST: a reset can make the client's kernel discard the half reply it has not read yet.
        this.#conn.end();
        return false;
      }
      const oversize = this.#fault('oversize-reply');
      if (oversize?.phase === phase) {
        const code = wire.slice(0, 3);
        this.#info(`fault oversize-reply: one ${oversize.bytes}-byte line instead of the reply`);
        await this.#conn.write(`${code} ${'x'.repeat(Math.max(0, oversize.bytes - 6))}\r\n`);
        return !this.#conn.closed;
      }
      const endless = this.#fault('endless-reply');
      if (endless?.phase === phase) {
        this.#info('fault endless-reply: continuation lines until the client gives up');
        const code = wire.slice(0, 3);
        // In batches, yielding to the event loop after each: a write the kernel takes at once resolves without
        // leaving the microtask queue, so a tight loop would starve every other session of the lab.
        for (let n = 1; !this.#gone(); n += ENDLESS_BATCH) {
          const batch = Array.from({ length: ENDLESS_BATCH }, (_, i) => `${code}-endless reply line ${n + i}\r\n`);
          await this.#conn.write(batch.join(''));
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return false;
      }
    }
    this.#log('server', wire);
    await this.#conn.write(wire);
    return !this.#conn.closed;
  }

  /** A method, not the property: TypeScript would otherwise assume the connection cannot close inside a loop. */
  #gone(): boolean {
    return this.#conn.closed;
  }

  #fault<K extends Fault['kind']>(kind: K): Extract<Fault, { kind: K }> | undefined {
    return this.#ctx.faults.find((f): f is Extract<Fault, { kind: K }> => f.kind === kind);
  }

  #log(kind: 'server', wire: string): void {
    this.#ctx.log(kind, replyLines(wire).map(preview).join('\n'));
  }

  #info(text: string): void {
    this.#ctx.log('info', text);
  }
}

/** Gmail-shaped session ids ("a640c23a62f3a-aa20df263bcsm696223666b.11"): opaque, unique per connection. */
function sessionId(): string {
  const hex = (n: number): string => randomBytes(n).toString('hex');
  return `${hex(7).slice(0, 13)}-${hex(10)}sm${String(randomBytes(4).readUInt32BE(0))}${hex(1)}.${randomBytes(1).readUInt8(0)}`;
}

/** "Fri, 05 Nov 2021 13:27:30 +0000" (Exim) or "Fri, 5 Aug 2016 16:24:41 +0000" (Exchange). */
function rfc2822Date(date: Date, padded: boolean): string {
  const text = date.toUTCString().replace(/GMT$/, '+0000');
  return padded ? text : text.replace(/^(\w{3}), 0(\d)/, '$1, $2');
}
