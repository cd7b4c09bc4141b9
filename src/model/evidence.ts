// Evidence: everything observed — live sessions or pasted text — as plain serializable data. Diagnosis reads only this.
import type { OAuthEvidence } from './oauth.js';
import type { Reply } from './reply.js';
import type { SecretShape } from './secret.js';
import type { Security, SessionRecord } from './session.js';
import type { Phase } from './transcript.js';

/** Where the evidence came from: a live probe (`check`), pasted text (`explain`), or a saved report (`analyze`). */
export type EvidenceOrigin = 'probe' | 'explain' | 'report';

/** What the user configured (never the secret). */
export interface EvidenceTarget {
  host?: string;
  port?: number;
  security?: Security;
  /**
   * The word the user wrote for the security, lower-cased ("tls", "ssl", "starttls", "secure=true"…), when it came from
   * a word: `tls` is implicit TLS here but STARTTLS in PHPMailer, Laravel and Symfony, and a rule says so.
   */
  securityAsWritten?: string;
  username?: string;
  /** The mechanism the user forced, if any. */
  mechanism?: string;
  /** The e-mail address the user gave instead of a host (`check alice@example.com`). */
  address?: string;
  /** How the host was chosen: given by the user, taken from the provider's data, or guessed as smtp.<domain>. */
  hostFrom?: 'input' | 'provider' | 'guess';
}

export interface DnsEvidence {
  host: string;
  addresses: string[];
  /** MX hosts of the address's domain, best first, when the input was an address. */
  mx?: { exchange: string; priority: number }[];
  error?: { code: string; message: string };
  /** The user gave the address to connect to (--connect-to): no lookup was made, `addresses` holds it. */
  connectTo?: string;
}

/**
 * Why the probe ran a session: the user's own settings; another endpoint tried without credentials; a candidate of
 * `--security auto` discovery; a login on another endpoint after the user's own failed on port or TLS mode; a second
 * login on the same endpoint with another mechanism.
 */
export const SESSION_PURPOSES = [
  'configured',
  'alternative',
  'discovery',
  'login-elsewhere',
  'mechanism-retry',
] as const;

export type SessionPurpose = (typeof SESSION_PURPOSES)[number];

/** A live session and why it was run. `role` is the coarse contract (configured or not); `purpose` says why. */
export interface EvidenceSession {
  role: 'configured' | 'alternative';
  /** Absent in reports saved before it was recorded. */
  purpose?: SessionPurpose;
  record: SessionRecord;
}

/**
 * How sure explain is that what it read is a server reply: `wire`, the server's own lines as a transcript or debug log
 * shows them; `wrapped`, a client's message that prints the reply code and the server's text (an exception, a tuple, a
 * log field); `inferred`, a reply whose code or text the client did not print whole (the code rebuilt from a status
 * name or an enhanced code, or a code without the server's words). Absent: not recorded (bare codes typed by the user).
 */
export type ReplyCertainty = 'wire' | 'wrapped' | 'inferred';

/** Something found in pasted text (or derived), with the exact text that shows it. */
export type Observation =
  /** A server reply quoted in the text; `phase` when the wrapper tells (e.g. SMTPAuthenticationError → auth). */
  /** `count`: how often the text shows this reply (copies differing only in ids, times, addresses); absent: once. */
  | { kind: 'reply'; reply: Reply; phase: Phase | null; quote: string; count?: number; certainty?: ReplyCertainty }
  /** A Node/OpenSSL/library error code: ECONNREFUSED, ERR_SSL_WRONG_VERSION_NUMBER, CERT_HAS_EXPIRED, EAUTH… */
  | { kind: 'error-code'; code: string; phase: Phase | null; quote: string }
  /** A client library's own message that carries meaning without a reply, e.g. nodemailer "Greeting never received". */
  | { kind: 'client-message'; id: string; phase: Phase | null; quote: string };

export interface ProviderHint {
  /** Knowledge base provider id, e.g. "google", "microsoft365", "postfix". */
  provider: string;
  /** What identified it. */
  by: 'host' | 'mx' | 'banner' | 'ehlo' | 'text' | 'address';
  quote: string;
}

/** Facts about the credentials that are safe to record. */
export interface CredentialFacts {
  username?: string;
  secret?: SecretShape;
  /** How the secret was given: env, file, stdin, prompt, argv. */
  secretSource?: 'env' | 'file' | 'stdin' | 'prompt' | 'argv' | 'none';
}

/** The client library that produced pasted text, when recognisable (nodemailer, python-smtplib, phpmailer…). */
export interface ClientHint {
  client: string;
  quote: string;
}

/** Names pasted text mentions besides its replies: clues to the provider. */
export interface Mentions {
  /** Host names, in the order the text names them. */
  hosts: string[];
  /** E-mail domains: the user's own address first when the text shows it, then the others in order. */
  emailDomains: string[];
}

/**
 * explain: how much of a long paste was read and how much of it kept. Beyond a size only the lines that can matter
 * (replies, errors, client messages, clues, credentials and the lines around them) are explained. Absent when the
 * whole text was read.
 */
export interface InputFacts {
  chars: number;
  lines: number;
  keptChars: number;
  keptLines: number;
}

/** A time limit of the run, and who chose it: the user (--timeout, --deadline, a library option) or the default. */
export interface TimeLimit {
  ms: number;
  userSet: boolean;
}

export interface Evidence {
  origin: EvidenceOrigin;
  target?: EvidenceTarget;
  dns?: DnsEvidence;
  /** Live sessions, the configured one first. Empty for `explain`. */
  sessions: EvidenceSession[];
  /** Replies, error codes and client messages from pasted text. Empty for `check`. */
  observations: Observation[];
  /** The providers the evidence points to, strongest first: recognised once, from all of it (knowledge/identify). */
  providerHints: ProviderHint[];
  /** Host names and e-mail domains pasted text mentions (explain). */
  mentions?: Mentions;
  credentials?: CredentialFacts;
  client?: ClientHint;
  /** How many failed logins the run allowed, and how many it used (lockout budget). */
  attempts?: { allowed: number; failed: number };
  /** explain: set when a long paste was read in part (see InputFacts). */
  input?: InputFacts;
  /** The run's deadline left too little time for these sessions, so they were not started (absent: none skipped). */
  deadline?: { ms: number; notStarted: SessionPurpose[] };
  /**
   * The run's time limits: each phase's timeout and the whole run's deadline, with whether the user set them — so that
   * a limit the user chose is named as theirs, never blamed on the server. Absent for explain and in older reports.
   */
  limits?: { timeout: TimeLimit; deadline: TimeLimit };
  /** check with an OAuth token: where it came from, the token endpoint's answer, the token's own claims. */
  oauth?: OAuthEvidence;
}
