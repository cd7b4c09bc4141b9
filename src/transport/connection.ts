// SMTP connection: the one place that owns a socket — reads replies, sends lines, upgrades to TLS, with timeouts.
import net from 'node:net';
import tls from 'node:tls';
import type { Reply } from '../model/reply.js';
import type { Failure, InjectionEvidence, ProtocolViolation, TlsFacts } from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import type { OutgoingLine } from '../protocol/commands.js';
import { DEFAULT_LIMITS, PREVIEW_CHARS, type ProtocolLimits } from '../protocol/limits.js';
import { ReplyParser } from '../protocol/reply-parser.js';
import type { Deadline } from './deadline.js';
import { PlaintextTap } from './plaintext-tap.js';
import { summarizeCertificate, verifyPeer } from './tls-facts.js';
import { contextWithExtraCas } from './trust.js';
import type { TranscriptRecorder } from './transcript-recorder.js';

export type ReadOutcome = { kind: 'reply'; reply: Reply } | { kind: 'failure'; failure: Failure };

export interface TlsUpgradeOptions {
  /** Name for SNI; omitted for IP addresses. */
  servername?: string;
  /** Name the certificate must carry: the host as the user gave it. */
  identityHost: string;
  /** Extra trusted CA certificates (PEM), added to Node's default roots. */
  ca?: string[];
  /** Go on when the certificate does not verify (the facts are still recorded). */
  insecure: boolean;
  mode: 'implicit' | 'starttls';
}

export type TlsUpgradeOutcome =
  | { kind: 'ok'; facts: TlsFacts }
  /** The handshake finished but the certificate was refused: facts say why. */
  | { kind: 'refused'; facts: TlsFacts; failure: Failure }
  | { kind: 'failure'; failure: Failure };

/** How the connection ended, before we know which phase was waiting. */
type Ending =
  | { kind: 'closed' }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'violation'; violation: ProtocolViolation };

interface Io {
  recorder: TranscriptRecorder;
  deadline: Deadline;
  limits?: ProtocolLimits;
  /** Aborting ends the connection at once (the session reports the step as cancelled). */
  signal?: AbortSignal;
}

export class SmtpConnection {
  #socket: net.Socket;
  /** The TCP socket itself: TLS may run on top of it through a stream, and closing must reach it either way. */
  readonly #tcp: net.Socket;
  readonly #remoteAddress: string | undefined;
  readonly #localAddress: string | undefined;
  readonly #parser: ReplyParser;
  readonly #recorder: TranscriptRecorder;
  readonly #deadline: Deadline;
  readonly #limits: ProtocolLimits;
  readonly #queue: Reply[] = [];
  #waiter: ((outcome: ReadOutcome) => void) | undefined;
  #waitingPhase: Phase = 'greeting';
  #ending: Ending | undefined;
  #encrypted = false;
  /** armed while we wait for the answer to STARTTLS; holding once it came: nothing more may be read in plaintext. */
  #hold: 'off' | 'armed' | 'holding' = 'off';
  #held: Buffer[] = [];
  #heldBytes = 0;

  private constructor(socket: net.Socket, io: Io) {
    this.#socket = socket;
    this.#tcp = socket;
    this.#remoteAddress = socket.remoteAddress;
    this.#localAddress = socket.localAddress;
    this.#recorder = io.recorder;
    this.#deadline = io.deadline;
    this.#limits = io.limits ?? DEFAULT_LIMITS;
    this.#parser = new ReplyParser(this.#limits);
    this.#attach(socket);
  }

  /** Opens TCP. Never throws for network conditions: refusal, DNS failure and timeouts come back as a Failure. */
  static connect(
    host: string,
    port: number,
    timeoutMs: number,
    io: Io,
  ): Promise<{ kind: 'ok'; connection: SmtpConnection } | { kind: 'failure'; failure: Failure }> {
    const budget = io.deadline.budget(timeoutMs);
    type Result = { kind: 'ok'; connection: SmtpConnection } | { kind: 'failure'; failure: Failure };
    if (io.signal?.aborted)
      return Promise.resolve({ kind: 'failure', failure: { kind: 'cancelled', phase: 'connect' } });
    return new Promise<Result>((resolve) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      const settle = (result: Result): void => {
        clearTimeout(timer);
        io.signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', onError);
        if (result.kind === 'failure') socket.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => {
        settle({
          kind: 'failure',
          failure: { kind: 'timeout', phase: 'connect', afterMs: budget.ms, limit: budget.limit },
        });
      }, budget.ms);
      const onError = (err: Error): void => {
        const facts = errorCode(err);
        if (RESET_AFTER_HANDSHAKE.has(facts.code)) {
          // The server took the connection and reset it before Node reported it open: the connection was made, and
          // the reset is what the next phase (greeting or TLS handshake) meets, as when it comes a moment later.
          const connection = new SmtpConnection(socket, io);
          connection.#end({ kind: 'error', ...facts });
          settle({ kind: 'ok', connection });
          return;
        }
        settle({ kind: 'failure', failure: { kind: 'network-error', phase: 'connect', ...facts } });
      };
      const onAbort = (): void => settle({ kind: 'failure', failure: { kind: 'cancelled', phase: 'connect' } });
      io.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', onError);
      socket.once('connect', () => settle({ kind: 'ok', connection: new SmtpConnection(socket, io) }));
    });
  }

  get encrypted(): boolean {
    return this.#encrypted;
  }

  get remoteAddress(): string | undefined {
    return this.#remoteAddress;
  }

  get localAddress(): string | undefined {
    return this.#localAddress;
  }

  /** The next complete reply, or why none came within the phase budget. */
  readReply(phase: Phase, timeoutMs: number): Promise<ReadOutcome> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(this.#deliver(phase, queued));
    if (this.#ending) return Promise.resolve({ kind: 'failure', failure: this.#failureFor(phase, this.#ending) });
    const budget = this.#deadline.budget(timeoutMs);
    this.#waitingPhase = phase;
    return new Promise((resolve) => {
      // An absolute timer, not socket inactivity: a server trickling one byte a second must still time out.
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve({ kind: 'failure', failure: { kind: 'timeout', phase, afterMs: budget.ms, limit: budget.limit } });
      }, budget.ms);
      this.#waiter = (outcome) => {
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve(outcome);
      };
    });
  }

  send(line: OutgoingLine, phase: Phase): void {
    if (this.#queue.length > 0 && !this.#ending) {
      // We never pipeline, so a reply waiting before we speak was not asked for (RFC 5321 §4.2: one reply per command).
      // A 421 is the exception (RFC 5321 §3.8): it is the answer the next read will get, and the server is leaving.
      const closing = this.#queue.find((r) => r.code === 421);
      if (closing) {
        this.#queue.splice(0, this.#queue.length, closing);
        return;
      }
      const first = this.#queue[0]?.raw[0] ?? '';
      const count = this.#queue.length;
      this.#queue.length = 0;
      this.#end({
        kind: 'violation',
        violation: {
          kind: 'unsolicited-replies',
          detail: `the server sent ${count} reply(ies) before we asked anything`,
          preview: this.#recorder.previewOf(first, PREVIEW_CHARS),
        },
      });
      this.#socket.destroy();
      return;
    }
    if (line.wire !== line.redacted) this.#recorder.addSensitive(line.wire);
    // The line goes out first and is recorded (scrubbed) after: no reply can be read before this returns, and the
    // scrub — after an AUTH line, the scrubber's forms built anew — then runs while the line crosses the network.
    if (!this.#ending && !this.#socket.destroyed) this.#socket.write(`${line.wire}\r\n`);
    this.#recorder.record('client', phase, this.#encrypted, line.redacted, {
      redacted: line.wire !== line.redacted,
      secret: line.secret === true,
    });
  }

  /** Sends a block of bytes (a message body) that the transcript shows only as a description. */
  sendRaw(data: string, description: string, phase: Phase): void {
    this.#recorder.record('client', phase, this.#encrypted, description, { redacted: true });
    if (this.#ending || this.#socket.destroyed) return;
    this.#socket.write(data);
  }

  /** Call right before sending STARTTLS: bytes after its reply are held, never parsed as replies. */
  holdAfterNextReply(): void {
    this.#hold = 'armed';
  }

  /** STARTTLS was refused: the session goes on in plaintext, so held bytes are read as usual. */
  releaseHold(): void {
    const held = Buffer.concat(this.#held);
    this.#hold = 'off';
    this.#held = [];
    this.#heldBytes = 0;
    this.#socket.resume();
    if (held.length > 0) this.#onData(held);
  }

  /**
   * Starts TLS on this connection (implicit TLS right after connect, or after a 220 to STARTTLS).
   * Anything the server sent in plaintext after that 220 is discarded and returned as evidence.
   */
  async upgradeToTls(
    options: TlsUpgradeOptions,
    timeoutMs: number,
  ): Promise<{ outcome: TlsUpgradeOutcome; injection?: InjectionEvidence }> {
    const leftovers = Buffer.concat([...this.#held, this.#parser.takePending()]);
    const unread = this.#queue.splice(0);
    this.#held = [];
    this.#heldBytes = 0;
    this.#hold = 'off';
    let injection: InjectionEvidence | undefined;
    if (leftovers.length > 0 || unread.length > 0) {
      const text = [...unread.flatMap((r) => r.raw.map((l) => `${l}\r\n`)), leftovers.toString('utf8')].join('');
      injection = this.#injectionEvidence(Buffer.from(text, 'utf8'), Buffer.byteLength(text, 'utf8'), 'after');
    }
    if (this.#ending)
      return {
        outcome: { kind: 'failure', failure: this.#failureFor('tls', this.#ending) },
        ...(injection ? { injection } : {}),
      };

    const raw = this.#socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('end');
    raw.removeAllListeners('close');
    // After STARTTLS a later packet of plaintext would reach OpenSSL unseen: the tap shows it (implicit TLS has no 220).
    const tap = options.mode === 'starttls' && !injection ? new PlaintextTap(raw, PREVIEW_CHARS * 4) : undefined;
    const budget = this.#deadline.budget(timeoutMs);
    const outcome = await new Promise<TlsUpgradeOutcome>((resolve) => {
      const secure = tls.connect({
        socket: tap?.stream ?? raw,
        ...(options.servername ? { servername: options.servername } : {}),
        // Over a socket of our own, Node checks the certificate against `servername`, else `host`, else "localhost":
        // an IP literal (no SNI is allowed for it, RFC 6066 §3) would be checked against "localhost". The name is ours
        // to check (verifyPeer, against identityHost), so Node's check is off and `authorized` speaks for the chain.
        host: options.identityHost,
        checkServerIdentity: () => undefined,
        ...(options.ca ? { secureContext: contextWithExtraCas(options.ca) } : {}),
        // We verify ourselves after the handshake so that the certificate facts are recorded either way.
        rejectUnauthorized: false,
      });
      const timer = setTimeout(() => {
        secure.destroy();
        resolve({
          kind: 'failure',
          failure: { kind: 'timeout', phase: 'tls', afterMs: budget.ms, limit: budget.limit },
        });
      }, budget.ms);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        secure.destroy();
        const plaintext = tap?.plaintext();
        if (plaintext && !injection)
          injection = this.#injectionEvidence(plaintext.sample, plaintext.bytes, 'instead of');
        // OpenSSL's and Node's messages can quote what the server sent.
        const { code, message } = errorCode(err);
        resolve({
          kind: 'failure',
          failure: { kind: 'tls-error', phase: 'tls', code, message: this.#recorder.scrub(message) },
        });
      };
      secure.once('error', onError);
      secure.once('close', () =>
        onError(
          Object.assign(new Error('the server closed the connection during the TLS handshake'), { code: 'ECONNRESET' }),
        ),
      );
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        tap?.stopWatching();
        secure.removeListener('error', onError);
        secure.removeAllListeners('close');
        // The certificate's names and the verification messages quoting them are the server's text.
        const verification = this.#recorder.scrubValue(verifyPeer(secure, options.identityHost, options.insecure));
        const cipher = secure.getCipher() as tls.CipherNameAndProtocol | undefined;
        const facts: TlsFacts = {
          mode: options.mode,
          protocol: secure.getProtocol() ?? null,
          cipher: cipher?.name ?? null,
          certificate: this.#recorder.scrubValue(summarizeCertificate(secure.getPeerCertificate())),
          verification,
        };
        this.#socket = secure;
        this.#encrypted = true;
        this.#attach(secure);
        if (!verification.ok && !options.insecure) {
          const problem = verification.chainError ??
            verification.hostnameError ?? { code: 'CERT_UNTRUSTED', message: 'untrusted certificate' };
          resolve({ kind: 'refused', facts, failure: { kind: 'certificate-rejected', phase: 'tls', ...problem } });
          return;
        }
        resolve({ kind: 'ok', facts });
      });
    });
    return injection ? { outcome, injection } : { outcome };
  }

  /** Ends the connection without waiting for anything. */
  close(): void {
    this.#socket.destroy();
    this.#tcp.destroy();
  }

  /**
   * Ends the connection after what was sent (QUIT), without waiting for the answer: our side closes gracefully, the
   * server's reply is read by no one, and the socket no longer keeps the process alive. It closes when the server
   * closes, or after `lingerMs` at most.
   */
  leave(lingerMs: number): void {
    if (this.#ending || this.#socket.destroyed) {
      this.close();
      return;
    }
    this.#socket.end();
    this.#socket.unref();
    this.#tcp.unref();
    setTimeout(() => this.close(), lingerMs).unref();
  }

  /** Plaintext the server sent after its go-ahead for TLS: discarded, recorded once, returned as evidence. */
  #injectionEvidence(sample: Buffer, bytes: number, where: 'after' | 'instead of'): InjectionEvidence {
    const evidence = { bytes, preview: this.#recorder.previewOf(sample, PREVIEW_CHARS) };
    this.#recorder.record(
      'error',
      'tls',
      false,
      where === 'after'
        ? `discarded ${bytes} bytes the server sent in plaintext after its go-ahead for TLS: ${evidence.preview}`
        : `the server sent ${bytes} bytes of plaintext after its go-ahead for TLS instead of a TLS handshake: ${evidence.preview}`,
    );
    return evidence;
  }

  #attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err: Error) => this.#end({ kind: 'error', ...errorCode(err) }));
    socket.on('end', () => this.#end({ kind: 'closed' }));
    socket.on('close', () => this.#end({ kind: 'closed' }));
  }

  #onData(chunk: Buffer): void {
    if (this.#hold === 'holding') {
      this.#keep(chunk);
      return;
    }
    const events = this.#parser.push(chunk);
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (!event || this.#ending) return;
      if (event.type === 'violation') {
        this.#end({ kind: 'violation', violation: event.violation });
        this.#socket.destroy();
        return;
      }
      if (this.#hold === 'armed') {
        // Everything after the STARTTLS answer arrived in plaintext: keep it as evidence, do not read it.
        this.#hold = 'holding';
        this.#socket.pause();
        const rest = events.slice(i + 1).flatMap((e) => (e.type === 'reply' ? e.reply.raw.map((l) => `${l}\r\n`) : []));
        const after = Buffer.concat([Buffer.from(rest.join(''), 'utf8'), this.#parser.takePending()]);
        if (after.length > 0) this.#keep(after);
        this.#onReply(event.reply);
        return;
      }
      this.#onReply(event.reply);
    }
  }

  #keep(chunk: Buffer): void {
    if (this.#heldBytes < this.#limits.maxLineBytes)
      this.#held.push(chunk.subarray(0, this.#limits.maxLineBytes - this.#heldBytes));
    this.#heldBytes += chunk.length;
  }

  #onReply(reply: Reply): void {
    if (this.#waiter) {
      this.#waiter(this.#deliver(this.#waitingPhase, reply));
      return;
    }
    this.#queue.push(reply);
    if (this.#queue.length > this.#limits.maxQueuedReplies) {
      this.#queue.length = 0;
      this.#end({
        kind: 'violation',
        violation: {
          kind: 'unsolicited-replies',
          detail: `the server sent more than ${this.#limits.maxQueuedReplies} replies nobody asked for`,
        },
      });
      this.#socket.destroy();
    }
  }

  #deliver(phase: Phase, received: Reply): ReadOutcome {
    // A server may echo what we sent: secrets are scrubbed before the reply goes anywhere.
    const reply = this.#recorder.scrubReply(received);
    this.#recorder.recordServerLines(phase, this.#encrypted, reply.raw, true);
    return { kind: 'reply', reply };
  }

  #end(ending: Ending): void {
    if (this.#ending) return;
    this.#ending = ending;
    if (this.#waiter) this.#waiter({ kind: 'failure', failure: this.#failureFor(this.#waitingPhase, ending) });
  }

  /** Failures carry server bytes (a partial line, a preview), so they are scrubbed like replies. */
  #failureFor(phase: Phase, ending: Ending): Failure {
    const scrub = (text: string): string => this.#recorder.scrub(text);
    switch (ending.kind) {
      case 'closed': {
        const pending = this.#parser.takePending();
        return pending.length > 0
          ? { kind: 'closed', phase, partial: this.#recorder.previewOf(pending, PREVIEW_CHARS * 4) }
          : { kind: 'closed', phase };
      }
      case 'error':
        return { kind: 'network-error', phase, code: ending.code, message: scrub(ending.message) };
      case 'violation': {
        const { preview: sample, ...rest } = ending.violation;
        return {
          kind: 'protocol-violation',
          phase,
          violation: sample === undefined ? rest : { ...rest, preview: scrub(sample) },
        };
      }
    }
  }
}

/**
 * Connect errors that only an established connection can get: a refused handshake is ECONNREFUSED, while a reset of a
 * connection that was set up is ECONNRESET (EPIPE once the server had also closed its side) — Linux, tcp_reset() in
 * net/ipv4/tcp_input.c: SYN_SENT → ECONNREFUSED, CLOSE_WAIT → EPIPE, otherwise ECONNRESET. Which one Node reports
 * for a reset right at accept depends on timing; the evidence must not.
 */
const RESET_AFTER_HANDSHAKE: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

/** Node's error code (ECONNREFUSED, ERR_SSL_WRONG_VERSION_NUMBER, …) and message; connect() may wrap several. */
function errorCode(err: Error): { code: string; message: string } {
  const first = err instanceof AggregateError && err.errors[0] instanceof Error ? err.errors[0] : err;
  const code = (first as NodeJS.ErrnoException).code ?? (err as NodeJS.ErrnoException).code;
  // OpenSSL messages carry internal file paths; its `reason` ("wrong version number") is what people search for.
  const reason = (first as { reason?: unknown }).reason;
  return {
    code: typeof code === 'string' ? code : 'ESOCKET',
    message: typeof reason === 'string' ? reason : first.message,
  };
}
