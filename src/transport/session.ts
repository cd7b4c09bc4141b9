// Session: one scripted SMTP conversation — connect, TLS, greeting, EHLO, STARTTLS, AUTH, QUIT — recorded as data.
import { isIP } from 'node:net';
import { InputError } from '../model/errors.js';
import type { Reply } from '../model/reply.js';
import type {
  AuthProbeRecord,
  AuthRecord,
  Capabilities,
  Failure,
  InjectionEvidence,
  Security,
  SendRecord,
  SessionOutcome,
  SessionRecord,
  SessionTarget,
  StepName,
  StepRecord,
  StepResult,
  TlsFacts,
} from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import { heloCapabilities, parseCapabilities } from '../protocol/capabilities.js';
import * as cmd from '../protocol/commands.js';
import { escapeControl, quoteInput } from '../protocol/escape.js';
import { DEFAULT_LIMITS, PREVIEW_CHARS, type ProtocolLimits } from '../protocol/limits.js';
import { chooseMechanism, findMechanism, saslMechanismName } from '../protocol/sasl/registry.js';
import { CANCEL, type SaslCredentials, type SaslExchange, type SaslMechanism } from '../protocol/sasl/types.js';
import { SmtpConnection, type TlsUpgradeOutcome } from './connection.js';
import { Deadline } from './deadline.js';
import { describeFailure } from './describe-failure.js';
import { defaultEhloName } from './ehlo-name.js';
import { TranscriptRecorder } from './transcript-recorder.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS } from './defaults.js';

export interface SessionOptions {
  host: string;
  /**
   * Dial this IP address instead of looking `host` up; `host` still names the server (SNI, certificate check,
   * provider recognition). For one server of a pool, split DNS, or a lab persona under its provider's name.
   */
  connectTo?: string;
  port: number;
  security: Security;
  /** Log in with these; without them the session stops after EHLO. */
  credentials?: SaslCredentials;
  /**
   * Log in with this SASL mechanism (any valid name, RFC 4422 §3.1). Credentials go only with one the server lists and
   * smtp-doctor speaks; where the server lists no AUTH at all, it is tried without credentials (AUTH, then "*").
   */
  mechanism?: string;
  /** Put the first SASL response on the AUTH line. Default: yes for PLAIN and XOAUTH2, no for LOGIN. */
  initialResponse?: boolean;
  /** Extra trusted CA certificates (PEM). */
  ca?: string[];
  /** Go on when the certificate does not verify. */
  insecure?: boolean;
  /** Send credentials over an unencrypted connection. */
  allowPlaintext?: boolean;
  ehloName?: string;
  /** Each phase (connect, TLS, each reply) must finish within this. */
  timeoutMs?: number;
  /** The whole session must finish within this. */
  deadlineMs?: number;
  limits?: ProtocolLimits;
  recorder?: TranscriptRecorder;
  /** Ends the session at once; the step in progress is recorded as cancelled. */
  signal?: AbortSignal;
  /** After a successful login, send a small test message (catches send-as and relay refusals). */
  send?: { from: string; to: string[] };
  /**
   * After QUIT: 'wait' for the server's 221 and record it (the default, as swaks shows it), or 'leave' at once — the
   * session's outcome is known by then, and the reply would cost a round trip on the critical path of a probe.
   */
  quitReply?: 'wait' | 'leave';
}

export { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS };
/** QUIT is a courtesy: we do not wait long for its 221. */
const QUIT_TIMEOUT_MS = 2_000;

class Stop extends Error {}

/** Where a step began: its time since the session started, and the index its first transcript event will get. */
interface StepStart {
  at: number;
  event: number;
}

const TEST_SUBJECT = 'smtp-doctor test message';

/** A small RFC 5322 message; its lines never start with a dot, so no dot-stuffing is needed. */
function testMessage(from: string, to: string[]): string {
  const id = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}@smtp-doctor.invalid`;
  return [
    `From: <${from}>`,
    `To: ${to.map((t) => `<${t}>`).join(', ')}`,
    `Subject: ${TEST_SUBJECT}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This message was sent by smtp-doctor to check that this account can send mail.',
    'You can delete it.',
    '.',
    '',
  ].join('\r\n');
}

/** Checks what the user gave before any byte is sent; bad input is an InputError, never a server outcome. */
export function validateSessionOptions(options: SessionOptions): void {
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new InputError(`port must be a whole number from 1 to 65535, not ${String(options.port)}`);
  }
  // A leading "-" is a mistyped flag, never a host (and must not reach a DNS lookup).
  if (options.host.trim() === '' || /[\s/]/.test(options.host) || options.host.startsWith('-'))
    throw new InputError(`not a host name: ${quoteInput(options.host)}`);
  if (options.connectTo !== undefined && !isIP(options.connectTo))
    throw new InputError(`the address to connect to must be an IP address, not ${JSON.stringify(options.connectTo)}`);
  if (options.ehloName !== undefined) validateEhloName(options.ehloName);
  if (options.credentials) {
    const { username, authzid, secret } = options.credentials;
    // Base64 keeps these off the SMTP line, but inside SASL a NUL splits PLAIN's fields and ^A splits XOAUTH2's.
    for (const [value, what] of [
      [username, 'the user name'],
      [authzid, 'the authorization identity'],
    ] as const) {
      // eslint-disable-next-line no-control-regex -- the control characters that end or split a field are the point
      if (value !== undefined && /[\r\n\0\x01]/.test(value))
        throw new InputError(`${what} contains a line break, NUL or ^A character, which would forge SASL fields`);
    }
    // The secret is checked by kind, and its value never goes into the message.
    const value = secret.reveal();
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a token must not hold
    if (secret.kind === 'token' && /[\x00-\x1f\x7f]/.test(value))
      throw new InputError(
        'the OAuth token contains a control character (a line break, or ^A which separates XOAUTH2 fields): a token is printable text',
      );
    if (secret.kind === 'password' && value.includes('\0'))
      throw new InputError(
        'the password contains a NUL character: PLAIN cannot carry it (NUL separates its fields) and servers end the password there; check where it comes from',
      );
  }
  if (options.send) {
    cmd.assertSafeArgument(options.send.from, 'the sender address');
    for (const to of options.send.to) cmd.assertSafeArgument(to, 'the recipient address');
    if (options.send.to.length === 0) throw new InputError('a test message needs at least one recipient');
  }
  if (options.mechanism !== undefined && !saslMechanismName(options.mechanism)) {
    throw new InputError(
      `not a SASL mechanism name: ${quoteInput(options.mechanism)} (1 to 20 letters, digits, "-" or "_", such as PLAIN or DIGEST-MD5)`,
    );
  }
}

/** RFC 5321 §4.1.1.1: a domain or an address literal, on a command line of at most 512 bytes with CRLF. */
function validateEhloName(name: string): void {
  cmd.assertSafeArgument(name, 'the EHLO name');
  const longest = DEFAULT_LIMITS.maxCommandBytes - 'EHLO '.length;
  if (Buffer.byteLength(name, 'utf8') > longest)
    throw new InputError(`the EHLO name is longer than ${longest} bytes, which no SMTP command line can carry`);
  if (!/^(?:\[[\x21-\x5a\x5e-\x7e]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?)$/.test(name))
    throw new InputError(
      `the EHLO name must be a domain name or an address literal such as [192.0.2.1], not ${quoteInput(name.slice(0, 80))}`,
    );
}

export async function runSession(options: SessionOptions): Promise<SessionRecord> {
  validateSessionOptions(options);
  const run = new SessionRun(options);
  return run.execute();
}

class SessionRun {
  readonly #o: SessionOptions;
  readonly #recorder: TranscriptRecorder;
  readonly #deadline: Deadline;
  readonly #timeout: number;
  readonly #limits: ProtocolLimits;
  readonly #target: SessionTarget;
  readonly #steps: StepRecord[] = [];
  #connection: SmtpConnection | undefined;
  #greeting: Reply | undefined;
  #before: Capabilities | undefined;
  #after: Capabilities | undefined;
  #tls: TlsFacts | undefined;
  #injection: InjectionEvidence | undefined;
  #auth: AuthRecord | undefined;
  #authProbe: AuthProbeRecord | undefined;
  /** The connection is in no state for QUIT (a probe left it waiting): close it without a word. */
  #unusable = false;
  #send: SendRecord | undefined;
  #outcome: SessionOutcome = 'stopped';
  #stopReason: string | undefined;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#recorder = options.recorder ?? new TranscriptRecorder();
    if (options.credentials) this.#recorder.protect(options.credentials.secret, options.credentials);
    this.#deadline = new Deadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    this.#timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#limits = options.limits ?? DEFAULT_LIMITS;
    this.#target = {
      host: options.host,
      port: options.port,
      security: options.security,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.connectTo !== undefined ? { connectTo: options.connectTo } : {}),
    };
  }

  async execute(): Promise<SessionRecord> {
    const onAbort = (): void => this.#connection?.close();
    this.#o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.#script();
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
    } finally {
      this.#o.signal?.removeEventListener('abort', onAbort);
      await this.#quit();
    }
    return this.#record();
  }

  async #script(): Promise<void> {
    const conn = await this.#connect();
    if (this.#o.security === 'tls') await this.#startTls(conn, 'implicit', 'tls-handshake');
    await this.#readGreeting(conn);
    let caps = await this.#hello(conn, 'ehlo');
    if (this.#o.security === 'starttls') caps = await this.#starttls(conn, caps);
    if (this.#o.credentials) {
      await this.#authenticate(conn, caps, this.#o.credentials);
      if (this.#o.send && this.#outcome === 'authenticated') await this.#sendTestMessage(conn, this.#o.send);
    } else {
      this.#outcome = 'connected';
      this.#info('auth', 'no credentials given: not logging in');
    }
  }

  async #connect(): Promise<SmtpConnection> {
    const started = this.#begin();
    const dial = this.#o.connectTo ?? this.#o.host;
    const named = this.#o.connectTo === undefined ? '' : ` (as ${this.#o.host})`;
    this.#info('connect', `Trying ${dial}:${this.#o.port}${named}...`);
    const result = await SmtpConnection.connect(dial, this.#o.port, this.#timeout, {
      recorder: this.#recorder,
      deadline: this.#deadline,
      limits: this.#limits,
      ...(this.#o.signal ? { signal: this.#o.signal } : {}),
    });
    if (result.kind === 'failure') this.#fail('connect', started, result.failure);
    this.#connection = result.connection;
    this.#info('connect', `Connected to ${result.connection.remoteAddress ?? dial}.`);
    this.#done('connect', started, 'ok');
    return result.connection;
  }

  async #startTls(conn: SmtpConnection, mode: 'implicit' | 'starttls', step: StepName): Promise<void> {
    const started = this.#begin();
    const { outcome, injection } = await conn.upgradeToTls(
      {
        ...(this.#target.servername ? { servername: this.#target.servername } : {}),
        identityHost: this.#o.host,
        ...(this.#o.ca ? { ca: this.#o.ca } : {}),
        insecure: this.#o.insecure ?? false,
        mode,
      },
      this.#timeout,
    );
    if (injection) this.#injection = injection;
    this.#noteTls(outcome);
    if (outcome.kind !== 'ok') this.#fail(step, started, outcome.failure);
    this.#done(
      step,
      started,
      'ok',
      outcome.facts.verification.acceptedInsecurely
        ? { note: 'certificate accepted despite failing verification (--insecure)', reason: 'accepted-insecurely' }
        : {},
    );
  }

  #noteTls(outcome: TlsUpgradeOutcome): void {
    if (outcome.kind === 'failure') return;
    const { facts } = outcome;
    this.#tls = facts;
    const cert = facts.certificate;
    const v = facts.verification;
    const verdict = v.ok
      ? 'verified'
      : `NOT verified (${[v.chainError?.code, v.hostnameError?.code].filter(Boolean).join(', ')})${v.acceptedInsecurely ? ', accepted because of --insecure' : ''}`;
    this.#info('tls', `TLS started: ${facts.protocol ?? '?'} ${facts.cipher ?? ''}`.trimEnd());
    if (cert) {
      this.#info(
        'tls',
        `Certificate: ${cert.subject}; issuer ${cert.issuer}; names ${cert.subjectAltNames.join(' ') || '(none)'}; valid ${cert.validFrom} to ${cert.validTo}; ${verdict}`,
      );
    }
  }

  async #readGreeting(conn: SmtpConnection): Promise<void> {
    const started = this.#begin();
    const reply = await this.#read(conn, 'greeting', 'greeting', started);
    this.#greeting = reply;
    if (reply.code === 220) {
      this.#done('greeting', started, 'ok', { reply });
      return;
    }
    this.#done('greeting', started, 'rejected', { reply });
    this.#stop(`the server refused service at the greeting (${reply.code})`);
  }

  /** EHLO, falling back to HELO when the server does not speak ESMTP. */
  async #hello(conn: SmtpConnection, step: 'ehlo' | 'ehlo-after-tls'): Promise<Capabilities> {
    const name = this.#o.ehloName ?? defaultEhloName(conn.localAddress);
    let started = this.#begin();
    conn.send(cmd.ehlo(name), 'ehlo');
    const reply = await this.#read(conn, 'ehlo', step, started);
    if (reply.code === 250) {
      const caps = parseCapabilities(reply);
      this.#done(step, started, 'ok', { reply });
      this.#storeCapabilities(conn, caps);
      return caps;
    }
    this.#done(step, started, 'rejected', { reply });
    if (reply.code === 421) this.#stop('the server closed the session (421)');

    started = this.#begin();
    conn.send(cmd.helo(name), 'helo');
    const heloReply = await this.#read(conn, 'helo', 'helo', started);
    if (heloReply.code !== 250) {
      this.#done('helo', started, 'rejected', { reply: heloReply });
      this.#stop('the server refused both EHLO and HELO');
    }
    this.#done('helo', started, 'ok', {
      reply: heloReply,
      note: 'EHLO refused: no ESMTP extensions (no STARTTLS, no AUTH)',
      reason: 'ehlo-refused',
    });
    const caps = heloCapabilities(heloReply);
    this.#storeCapabilities(conn, caps);
    return caps;
  }

  #storeCapabilities(conn: SmtpConnection, caps: Capabilities): void {
    if (conn.encrypted) this.#after = caps;
    else this.#before = caps;
  }

  async #starttls(conn: SmtpConnection, caps: Capabilities): Promise<Capabilities> {
    const started = this.#begin();
    if (caps.viaHelo) {
      this.#done('starttls', started, 'skipped', {
        note: 'the server refused EHLO, so STARTTLS cannot be negotiated',
        reason: 'no-esmtp',
      });
      this.#stop('STARTTLS is unavailable: the server does not speak ESMTP');
    }
    if (!caps.starttls) this.#info('starttls', 'STARTTLS is not advertised; trying it anyway');
    conn.holdAfterNextReply();
    conn.send(cmd.starttls(), 'starttls');
    const reply = await this.#read(conn, 'starttls', 'starttls', started);
    if (reply.code !== 220) {
      conn.releaseHold();
      this.#done('starttls', started, 'rejected', {
        reply,
        ...(caps.starttls ? {} : { note: 'STARTTLS was not advertised', reason: 'not-advertised' }),
      });
      this.#stop(`the server refused STARTTLS (${reply.code}); credentials withheld`);
    }
    this.#done('starttls', started, 'ok', {
      reply,
      ...(caps.starttls ? {} : { note: 'STARTTLS was not advertised but works', reason: 'not-advertised' }),
    });
    await this.#startTls(conn, 'starttls', 'tls-handshake');
    // RFC 3207 §4.2: forget everything learned before TLS and ask again.
    return this.#hello(conn, 'ehlo-after-tls');
  }

  async #authenticate(conn: SmtpConnection, caps: Capabilities, credentials: SaslCredentials): Promise<void> {
    const started = this.#begin();
    if (this.#injection) {
      this.#done('auth', started, 'skipped', {
        note: 'plaintext was injected after the STARTTLS go-ahead',
        reason: 'injection',
      });
      this.#stop(
        'the server (or something in between) sent data after its 220 to STARTTLS: possible interception, credentials withheld',
      );
    }
    if (!conn.encrypted && !this.#o.allowPlaintext) {
      this.#done('auth', started, 'skipped', { note: 'the connection is not encrypted', reason: 'not-encrypted' });
      this.#stop('the connection is not encrypted: credentials withheld (--allow-plaintext sends them anyway)');
    }
    const mechanism = await this.#chooseMechanism(conn, caps, credentials, started);
    if (!conn.encrypted)
      this.#info(
        'auth',
        'WARNING: sending credentials without TLS (--allow-plaintext): anyone on the path can read them',
      );
    const exchange = mechanism.create(credentials, {
      initialResponse: this.#o.initialResponse ?? mechanism.name !== 'LOGIN',
      host: this.#o.host,
      port: this.#o.port,
    });
    const auth: AuthRecord = {
      mechanism: mechanism.name,
      offered: true,
      initialResponse: exchange.usedInitialResponse,
      challenges: 0,
      result: 'failed',
    };
    this.#auth = auth;
    conn.send(exchange.start(), 'auth');

    for (;;) {
      const outcome = await conn.readReply('auth', this.#timeout);
      if (outcome.kind === 'failure') {
        auth.note = describeFailure(outcome.failure);
        this.#fail('auth', started, outcome.failure);
      }
      const reply = outcome.reply;
      this.#checkCode(reply, 'auth', 'auth', started);
      if (reply.code >= 200 && reply.code < 300 && reply.code !== 235) {
        // "250 OK" or "220 ready" to AUTH is no login: a server that says so is broken or not what it claims to be.
        auth.reply = reply;
        this.#fail('auth', started, {
          kind: 'protocol-violation',
          phase: 'auth',
          violation: {
            kind: 'unexpected-reply-code',
            detail: `the server answered AUTH with ${reply.code}; only 235 means the login worked (RFC 4954)`,
            preview: escapeControl(reply.raw.join(' | ')).slice(0, PREVIEW_CHARS),
          },
        });
      }
      if (reply.code === 235 && auth.result !== 'cancelled') this.#checkSuccess(reply, exchange, auth, started);
      if (reply.code !== 334) {
        auth.reply = reply;
        const details = exchange.details();
        if (Object.keys(details).length > 0) auth.serverDetails = details;
        const accepted = reply.code === 235;
        if (auth.result !== 'cancelled') auth.result = accepted ? 'accepted' : 'rejected';
        this.#done('auth', started, accepted && auth.result === 'accepted' ? 'ok' : 'rejected', { reply });
        this.#outcome = auth.result === 'accepted' ? 'authenticated' : 'auth-rejected';
        return;
      }
      auth.challenges += 1;
      if (auth.result === 'cancelled') {
        // RFC 4954 §4: after "*" the server must answer 501; another challenge means it will not let go.
        this.#fail('auth', started, {
          kind: 'protocol-violation',
          phase: 'auth',
          violation: { kind: 'too-many-challenges', detail: 'the server kept challenging after we cancelled' },
        });
      }
      if (auth.challenges > this.#limits.maxChallenges) {
        auth.result = 'cancelled';
        auth.note = `more than ${this.#limits.maxChallenges} challenges: cancelled`;
        this.#info('auth', `cancelling: ${auth.note}`);
        conn.send(CANCEL, 'auth');
        continue;
      }
      // Each mechanism judges its challenge: CRAM-MD5 cancels one it cannot decode, while PLAIN's carries nothing
      // (Mailgun prompts with "334 Go ahead", not base64) and answering it sends no more than an initial response would.
      const next = exchange.respond(reply.lines.join(''));
      if (next.kind === 'send' && next.answersError) auth.errorChallenge ??= reply;
      if (next.kind === 'cancel') {
        auth.result = 'cancelled';
        auth.note = next.reason;
        this.#info('auth', `cancelling: ${next.reason}`);
      }
      conn.send(next.line, 'auth');
    }
  }

  /**
   * The mechanism to log in with, or the reason no AUTH carrying credentials is sent (the step is then skipped, and
   * the session stops). Credentials go only with a mechanism the server lists (RFC 4954 §4: AUTH is for servers that
   * advertise it): where it lists no AUTH at all, a mechanism the user asked for is tried without credentials (see
   * #probeUnlistedAuth); where it lists others, the list is its answer; one it lists that smtp-doctor does not speak
   * (NTLM, GSSAPI, …) is named as such.
   */
  async #chooseMechanism(
    conn: SmtpConnection,
    caps: Capabilities,
    credentials: SaslCredentials,
    started: StepStart,
  ): Promise<SaslMechanism> {
    const credential = credentials.secret.kind === 'token' ? 'token' : 'password';
    const forced = this.#o.mechanism === undefined ? undefined : saslMechanismName(this.#o.mechanism);
    if (caps.auth.length === 0) {
      if (forced !== undefined) this.#authProbe = await this.#probeUnlistedAuth(conn, forced);
      const note = 'the server offers no AUTH here';
      this.#done('auth', started, 'skipped', { note, reason: 'no-auth-offered' });
      this.#stop(`${note}: no credentials sent`);
    }
    const listed = caps.auth.join(' ');
    if (forced !== undefined) {
      if (!caps.auth.includes(forced)) {
        const note = `the server does not offer ${forced} (it offers ${listed}): no AUTH sent`;
        this.#done('auth', started, 'skipped', { note, reason: 'mechanism-not-offered' });
        this.#stop(note);
      }
      const known = findMechanism(forced);
      if (!known) {
        const note = `the server offers ${forced}, but smtp-doctor does not speak ${forced}: no AUTH sent`;
        this.#done('auth', started, 'skipped', { note, reason: 'mechanism-not-implemented' });
        this.#stop(note);
      }
      return known;
    }
    const chosen = chooseMechanism(caps.auth, credential);
    if (!chosen) {
      const note = `the server offers only ${listed}, none of which we can use with a ${credential}`;
      this.#done('auth', started, 'skipped', { note, reason: 'no-usable-mechanism' });
      this.#stop(note);
    }
    return chosen;
  }

  /**
   * Whether a server that lists no AUTH takes one anyway, without any credential crossing: `AUTH <mechanism>` with no
   * initial response, and "*" at the first 334 (RFC 4954 §4: the server then answers 501). A 4yz/5yz says it does not
   * (Postfix "503 5.5.1 Error: authentication not enabled", Dovecot "530 5.7.0 TLS required."). Bounded: one command,
   * one cancel, one reply each.
   */
  async #probeUnlistedAuth(conn: SmtpConnection, mechanism: string): Promise<AuthProbeRecord> {
    this.#info('auth', `the server lists no AUTH: asking whether it takes ${mechanism} anyway, without credentials`);
    conn.send(cmd.auth(mechanism), 'auth');
    const answer = await conn.readReply('auth', this.#timeout);
    if (answer.kind === 'failure') {
      this.#unusable = true;
      return { mechanism, result: 'failed', failure: answer.failure };
    }
    const reply = answer.reply;
    const garbled = reply.anomalies.includes('code-out-of-range') || reply.anomalies.includes('mixed-codes');
    if (reply.code !== 334 || garbled) {
      const refused = !garbled && reply.code >= 400;
      return { mechanism, result: refused ? 'refused' : 'unexpected', reply };
    }
    this.#info('auth', `the server would take ${mechanism} although it lists no AUTH: cancelling, no credentials sent`);
    conn.send(CANCEL, 'auth');
    const after = await conn.readReply('auth', this.#timeout);
    if (after.kind === 'failure') {
      this.#unusable = true;
      return { mechanism, result: 'challenged', reply, failure: after.failure };
    }
    return { mechanism, result: 'challenged', reply, cancelReply: after.reply };
  }

  /**
   * A 235 is a login only when it ends a complete exchange with a success code: "235 5.7.8 Authentication failed"
   * contradicts itself (RFC 3463: the enhanced code's class must agree), and a 235 before the mechanism's last response
   * (after LOGIN's user name, before PLAIN's response) accepts credentials the server never saw. Both are protocol
   * violations, never "the login works".
   */
  #checkSuccess(reply: Reply, exchange: SaslExchange, auth: AuthRecord, started: StepStart): void {
    const preview = escapeControl(reply.raw.join(' | ')).slice(0, PREVIEW_CHARS);
    const violation = reply.anomalies.includes('enhanced-class-mismatch')
      ? {
          kind: 'unexpected-reply-code' as const,
          detail: 'the server answered AUTH with 235 and an enhanced code that is not a success (RFC 3463 §2)',
        }
      : !exchange.complete()
        ? {
            kind: 'premature-success' as const,
            detail: `the server answered 235 before the ${exchange.mechanism} exchange was complete: it accepted credentials it never received`,
          }
        : undefined;
    if (!violation) return;
    auth.reply = reply;
    this.#fail('auth', started, { kind: 'protocol-violation', phase: 'auth', violation: { ...violation, preview } });
  }

  /** MAIL, RCPT, DATA: catches refusals that only come after a successful login (send-as, relay, sender policy). */
  async #sendTestMessage(conn: SmtpConnection, send: { from: string; to: string[] }): Promise<void> {
    const record: SendRecord = { from: send.from, to: send.to, result: 'failed' };
    this.#send = record;
    let started = this.#begin();
    conn.send(cmd.mailFrom(send.from), 'mail');
    const mail = await this.#read(conn, 'mail', 'mail', started);
    if (mail.code !== 250) {
      Object.assign(record, { result: 'sender-rejected', reply: mail });
      this.#done('mail', started, 'rejected', { reply: mail });
      return;
    }
    this.#done('mail', started, 'ok', { reply: mail });

    const refused: { address: string; reply: Reply }[] = [];
    for (const to of send.to) {
      started = this.#begin();
      conn.send(cmd.rcptTo(to), 'rcpt');
      const rcpt = await this.#read(conn, 'rcpt', 'rcpt', started);
      const ok = rcpt.code === 250 || rcpt.code === 251;
      if (!ok) refused.push({ address: to, reply: rcpt });
      this.#done('rcpt', started, ok ? 'ok' : 'rejected', { reply: rcpt });
    }
    if (refused.length > 0) record.refused = refused;
    if (refused.length === send.to.length) {
      Object.assign(record, { result: 'recipient-rejected', reply: refused[0]?.reply });
      return;
    }

    started = this.#begin();
    conn.send(cmd.data(), 'data');
    const go = await this.#read(conn, 'data', 'data', started);
    if (go.code !== 354) {
      Object.assign(record, { result: 'data-rejected', reply: go });
      this.#done('data', started, 'rejected', { reply: go });
      return;
    }
    const message = testMessage(send.from, send.to);
    conn.sendRaw(message, `[test message: ${Buffer.byteLength(message)} bytes, subject "${TEST_SUBJECT}"]`, 'data');
    const done = await this.#read(conn, 'data', 'data', started);
    const accepted = done.code === 250;
    Object.assign(record, { result: accepted ? 'accepted' : 'data-rejected', reply: done });
    this.#done('data', started, accepted ? 'ok' : 'rejected', { reply: done });
  }

  /** Reads one reply; a failure ends the session as a failed step, and a bad reply code counts as a violation. */
  async #read(conn: SmtpConnection, phase: Phase, step: StepName, started: StepStart): Promise<Reply> {
    const outcome = await conn.readReply(phase, this.#timeout);
    if (outcome.kind === 'failure') this.#fail(step, started, outcome.failure);
    this.#checkCode(outcome.reply, phase, step, started);
    return outcome.reply;
  }

  /**
   * A code outside 2xx-5xx, or lines that disagree on the code, leave no reply to act on (RFC 5321 §4.2, §4.2.1):
   * "535-… 235 …" must not read as a successful login, nor "454-… 220 …" as a go-ahead.
   */
  #checkCode(reply: Reply, phase: Phase, step: StepName, started: StepStart): void {
    const preview = escapeControl(reply.raw.join(' | ')).slice(0, PREVIEW_CHARS);
    if (reply.anomalies.includes('code-out-of-range')) {
      this.#fail(step, started, {
        kind: 'protocol-violation',
        phase,
        violation: { kind: 'invalid-reply-code', detail: `reply code ${reply.code} is outside 2xx-5xx`, preview },
      });
    }
    if (reply.anomalies.includes('mixed-codes')) {
      const codes = [...new Set(reply.raw.map((l) => l.slice(0, 3)))].join(', ');
      this.#fail(step, started, {
        kind: 'protocol-violation',
        phase,
        violation: { kind: 'mixed-reply-codes', detail: `one reply carries different codes (${codes})`, preview },
      });
    }
  }

  async #quit(): Promise<void> {
    const conn = this.#connection;
    if (!conn) return;
    const started = this.#begin();
    // No QUIT over a connection whose certificate we refused: nothing at all goes over it.
    const refused = this.#steps.some((s) => s.failure?.kind === 'certificate-rejected');
    const usable = !refused && !this.#unusable && !this.#steps.some((s) => s.result === 'failed');
    if (usable && this.#o.quitReply === 'leave') {
      conn.send(cmd.quit(), 'quit');
      this.#done('quit', started, 'ok');
      conn.leave(QUIT_TIMEOUT_MS);
      this.#info('quit', 'Connection closed.');
      return;
    }
    if (usable) {
      conn.send(cmd.quit(), 'quit');
      const outcome = await conn.readReply('quit', Math.min(QUIT_TIMEOUT_MS, this.#timeout));
      this.#done(
        'quit',
        started,
        outcome.kind === 'reply' ? 'ok' : 'failed',
        outcome.kind === 'reply' ? { reply: outcome.reply } : { failure: outcome.failure },
      );
    }
    conn.close();
    this.#info('quit', 'Connection closed.');
  }

  #info(phase: Phase, text: string): void {
    this.#recorder.record('info', phase, this.#connection?.encrypted ?? false, text);
  }

  /** Marks the start of a step: its time, and where its transcript events begin. */
  #begin(): StepStart {
    return { at: this.#recorder.elapsed(), event: this.#recorder.size };
  }

  #done(step: StepName, started: StepStart, result: StepResult, extra: Partial<StepRecord> = {}): void {
    // The events the step wrote: those recorded since it began (the recorder keeps no more than its cap).
    const events = Array.from({ length: this.#recorder.size - started.event }, (_, i) => started.event + i);
    this.#steps.push({
      step,
      startedAt: started.at,
      durationMs: Math.round((this.#recorder.elapsed() - started.at) * 10) / 10,
      result,
      ...extra,
      events,
    });
  }

  #fail(step: StepName, started: StepStart, reported: Failure): never {
    // Once we aborted, whatever the socket did next is our doing, not the server's.
    const failure: Failure = this.#o.signal?.aborted ? { kind: 'cancelled', phase: reported.phase } : reported;
    this.#recorder.record('error', failure.phase, this.#connection?.encrypted ?? false, describeFailure(failure));
    this.#done(step, started, 'failed', { failure });
    this.#stop(describeFailure(failure));
  }

  #stop(reason: string): never {
    this.#stopReason = reason;
    throw new Stop(reason);
  }

  #record(): SessionRecord {
    const record: SessionRecord = {
      target: this.#target,
      steps: this.#steps,
      capabilities: {
        ...(this.#before ? { beforeTls: this.#before } : {}),
        ...(this.#after ? { afterTls: this.#after } : {}),
      },
      outcome: this.#outcome,
      transcript: this.#recorder.events(),
      durationMs: Math.round(this.#recorder.elapsed()),
    };
    if (this.#connection?.remoteAddress) record.remoteAddress = this.#connection.remoteAddress;
    if (this.#o.credentials) record.username = this.#o.credentials.username;
    if (this.#greeting) record.greeting = this.#greeting;
    if (this.#tls) record.tls = this.#tls;
    if (this.#injection) record.injection = this.#injection;
    if (this.#auth) record.auth = this.#auth;
    if (this.#authProbe) record.authProbe = this.#authProbe;
    if (this.#send) record.send = this.#send;
    if (this.#stopReason && this.#outcome === 'stopped') record.stopReason = this.#stopReason;
    return record;
  }
}
