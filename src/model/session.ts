// SessionRecord: everything one SMTP session observed, as plain serializable data (part of the Evidence).
import type { Reply } from './reply.js';
import type { Phase, TranscriptEvent } from './transcript.js';

export type Security = 'tls' | 'starttls' | 'none';

/** What a user may ask for: a mode, or `auto` (probe the candidates and pick the best). */
export type SecurityChoice = Security | 'auto';

/** The security mode in words, as every report and finding says it. */
export function describeSecurity(security: Security): string {
  return security === 'tls' ? 'implicit TLS' : security === 'starttls' ? 'STARTTLS' : 'no TLS';
}

export interface SessionTarget {
  host: string;
  port: number;
  security: Security;
  /** SNI and certificate name; absent when the host is an IP address. */
  servername?: string;
  /** The address actually dialled when the user named one (--connect-to); `host` still names the server. */
  connectTo?: string;
}

/** Why a step could not finish. Server behaviour ends up here, never in an exception. */
export type Failure =
  | { kind: 'timeout'; phase: Phase; afterMs: number; limit: 'phase' | 'deadline' }
  | { kind: 'closed'; phase: Phase; partial?: string }
  | { kind: 'network-error'; phase: Phase; code: string; message: string }
  | { kind: 'tls-error'; phase: Phase; code: string; message: string }
  | { kind: 'certificate-rejected'; phase: Phase; code: string; message: string }
  | { kind: 'protocol-violation'; phase: Phase; violation: ProtocolViolation }
  /** We stopped the session ourselves (e.g. an alternative probe no longer needed). */
  | { kind: 'cancelled'; phase: Phase };

export type ViolationKind =
  | 'line-too-long'
  | 'reply-too-large'
  | 'reply-too-many-lines'
  | 'malformed-line'
  | 'unsolicited-replies'
  | 'too-many-challenges'
  | 'bad-challenge'
  | 'invalid-reply-code'
  /** The lines of one multi-line reply carry different codes (RFC 5321 §4.2.1: they MUST be the same). */
  | 'mixed-reply-codes'
  /** A code the command does not allow, e.g. 250 to AUTH: only 235 means a login worked (RFC 4954 §6). */
  | 'unexpected-reply-code'
  /** A 235 before the mechanism's exchange was complete (after LOGIN's user name, before the password was sent). */
  | 'premature-success';

export interface ProtocolViolation {
  kind: ViolationKind;
  detail: string;
  /** Escaped, shortened sample of the offending bytes. */
  preview?: string;
}

export type StepName =
  | 'connect'
  | 'tls-handshake'
  | 'greeting'
  | 'ehlo'
  | 'helo'
  | 'starttls'
  | 'ehlo-after-tls'
  | 'auth'
  | 'mail'
  | 'rcpt'
  | 'data'
  | 'quit';

/**
 * ok: the step did what it should; rejected: the server answered with a negative reply;
 * failed: no usable reply (see failure); skipped: we chose not to run it (see note).
 */
export type StepResult = 'ok' | 'rejected' | 'failed' | 'skipped';

/**
 * Why a step went as it did, as a code (the note says it in words for the transcript): AUTH withheld after plaintext
 * was injected, withheld on an unencrypted connection, skipped because the server offers no AUTH or none usable with
 * the credential, because it does not list the mechanism the user asked for, or because it lists that mechanism but
 * smtp-doctor does not speak it (NTLM, GSSAPI, SCRAM-SHA-256-PLUS…); STARTTLS impossible without ESMTP, or not
 * advertised; HELO after a refused EHLO; a certificate accepted only because of --insecure.
 */
export const STEP_REASONS = [
  'injection',
  'not-encrypted',
  'no-auth-offered',
  'no-usable-mechanism',
  'mechanism-not-offered',
  'mechanism-not-implemented',
  'no-esmtp',
  'not-advertised',
  'ehlo-refused',
  'accepted-insecurely',
] as const;

export type StepReason = (typeof STEP_REASONS)[number];

export interface StepRecord {
  step: StepName;
  /** Milliseconds since the session started. */
  startedAt: number;
  durationMs: number;
  result: StepResult;
  reply?: Reply;
  failure?: Failure;
  note?: string;
  /** The note as a code, for code to key on. */
  reason?: StepReason;
  /** Indices of the transcript events written while the step ran (absent in reports saved before they were kept). */
  events?: number[];
}

export interface Capabilities {
  /** The domain the server named in its EHLO reply. */
  domain: string;
  /** EHLO keywords, upper case, with their parameters. */
  extensions: Record<string, string[]>;
  /** SASL mechanisms from "AUTH …" and the legacy "AUTH=…" lines, upper case, without duplicates. */
  auth: string[];
  /** True when only the legacy "AUTH=" form listed mechanisms. */
  legacyAuthOnly: boolean;
  starttls: boolean;
  enhancedStatusCodes: boolean;
  pipelining: boolean;
  smtputf8: boolean;
  /** SIZE limit in bytes, when announced. */
  size?: number;
  /** Reached by HELO because EHLO was refused: no extensions at all. */
  viaHelo: boolean;
}

export interface CertificateFacts {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  validFrom: string;
  validTo: string;
  serialNumber: string;
  fingerprint256: string;
  selfSigned: boolean;
}

export interface CertificateVerification {
  /** Chain and host name both check out. */
  ok: boolean;
  /** Node/OpenSSL code of the chain failure, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED. */
  chainError?: { code: string; message: string };
  /** ERR_TLS_CERT_ALTNAME_INVALID when the name does not match. */
  hostnameError?: { code: string; message: string };
  /** We went on despite a failure because the user passed --insecure. */
  acceptedInsecurely: boolean;
}

export interface TlsFacts {
  /** 'implicit' (TLS from the first byte) or 'starttls' (upgraded). */
  mode: 'implicit' | 'starttls';
  protocol: string | null;
  cipher: string | null;
  certificate: CertificateFacts | null;
  verification: CertificateVerification;
}

/** Bytes the server sent after its 220 to STARTTLS and before TLS began: a sign of response injection. */
export interface InjectionEvidence {
  bytes: number;
  preview: string;
}

export type AuthResult = 'accepted' | 'rejected' | 'cancelled' | 'failed';

export interface AuthRecord {
  mechanism: string;
  /** The server listed the mechanism (after TLS when TLS was used). */
  offered: boolean;
  initialResponse: boolean;
  challenges: number;
  result: AuthResult;
  reply?: Reply;
  /** The 334 in which the server reported an error instead of asking for more (XOAUTH2's base64 JSON); `reply` follows it. */
  errorChallenge?: Reply;
  /** Facts the server revealed during the exchange, e.g. the status and scope of an XOAUTH2 error. */
  serverDetails?: Record<string, string>;
  /** Why we cancelled or failed, in words. */
  note?: string;
}

/**
 * AUTH sent without credentials where the server lists no AUTH but the user asked for a mechanism: does the server
 * take it anyway? `AUTH <mechanism>` without an initial response, cancelled with "*" at the first 334. Nothing of the
 * credentials crosses, and no failed login is counted (a refusal judges the command, not a password).
 */
export interface AuthProbeRecord {
  mechanism: string;
  /**
   * challenged: the server answered 334 (it would take the mechanism although it lists no AUTH), and we cancelled;
   * refused: a 4yz or 5yz reply (it will not, here); unexpected: another code (a 2yz to a bare AUTH is no login);
   * failed: no usable reply (see failure).
   */
  result: 'challenged' | 'refused' | 'unexpected' | 'failed';
  /** The server's answer to AUTH. */
  reply?: Reply;
  /** Its answer to our "*" after a 334. */
  cancelReply?: Reply;
  failure?: Failure;
}

/** The optional test message after a successful login: where the server said no, if it did. */
export interface SendRecord {
  from: string;
  to: string[];
  result: 'accepted' | 'sender-rejected' | 'recipient-rejected' | 'data-rejected' | 'failed';
  /** The reply that decided the result. */
  reply?: Reply;
  /** Recipients the server refused, with its replies. */
  refused?: { address: string; reply: Reply }[];
}

/**
 * authenticated: AUTH accepted; auth-rejected: the server refused the credentials or the mechanism;
 * connected: the session worked and no login was asked for; stopped: a step failed or we refused to go on.
 */
export type SessionOutcome = 'authenticated' | 'auth-rejected' | 'connected' | 'stopped';

export interface SessionRecord {
  target: SessionTarget;
  /** The address we actually connected to. */
  remoteAddress?: string;
  /** The user name we logged in as (not a secret); absent when no login was asked for. */
  username?: string;
  steps: StepRecord[];
  greeting?: Reply;
  capabilities: { beforeTls?: Capabilities; afterTls?: Capabilities };
  tls?: TlsFacts;
  injection?: InjectionEvidence;
  auth?: AuthRecord;
  /** AUTH tried without credentials where the server lists none (see AuthProbeRecord); `auth` is then absent. */
  authProbe?: AuthProbeRecord;
  send?: SendRecord;
  outcome: SessionOutcome;
  /** Why the session stopped early, in words, when it did. */
  stopReason?: string;
  transcript: TranscriptEvent[];
  durationMs: number;
}
