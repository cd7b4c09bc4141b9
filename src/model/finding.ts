// Finding: one diagnosis — a stable id, the evidence that proves it, ranked fixes and dead ends. A public contract.
import type { Security } from './session.js';

/** Stable ids users and scripts rely on (see docs/findings.md). Extend by adding, never rename. */
export const FINDING_IDS = {
  'auth-ok': 'The login works.',
  'dns-not-found': 'The host name does not resolve.',
  'connection-refused': 'Nothing accepts connections on that port (or a firewall rejects them).',
  'connection-timeout':
    'The connection attempt got no answer (a firewall drops it, or the host is down; detail deadline: the check’s own --deadline ran out before the login was tried or during a session; detail own-timeout: a --timeout the user set is too short for any server).',
  'greeting-timeout': 'The server accepted the connection but never greeted.',
  'service-unavailable': 'The server refused service at the greeting (421 or 554).',
  'tls-mode-mismatch': 'Implicit TLS was used on a STARTTLS port, or the reverse.',
  'starttls-unavailable': 'STARTTLS was expected but is not offered or is refused: credentials withheld.',
  'certificate-invalid':
    'The server certificate does not verify (detail: expired, not-yet-valid, self-signed, hostname-mismatch, untrusted-issuer).',
  'tls-handshake-failed': 'The TLS handshake failed for another reason.',
  'starttls-injection':
    'Plaintext arrived after the STARTTLS go-ahead and before TLS began: possible interception; credentials withheld.',
  'auth-not-offered': 'The server offers no AUTH on this connection.',
  'auth-requires-tls': 'AUTH is offered or accepted only after TLS.',
  'mechanism-unsupported':
    'The SASL mechanism used is not offered or not accepted (detail not-implemented: offered, but smtp-doctor does not speak it, so nothing was sent).',
  'auth-malformed':
    'The client sent a malformed AUTH exchange (not valid base64, a wrong layout, or characters it cannot encode).',
  'smtp-auth-disabled': 'SMTP AUTH is switched off for this account or organisation, whatever the password.',
  'credentials-missing': 'The client sent no credentials, or empty ones.',
  'credentials-rejected': 'The server rejected the user name or password.',
  'app-password-required': 'The provider requires an app password (2-Step Verification is on).',
  'web-login-required': 'The provider blocked the sign-in until the user logs in through a browser.',
  'basic-auth-disabled': 'The provider (or tenant) disabled password (basic) authentication for SMTP.',
  'oauth-token-rejected': 'The OAuth token is expired, revoked or lacks the SMTP scope.',
  'username-format': 'The user name is not in the form the provider expects.',
  'account-locked': 'The account is locked or disabled.',
  'rate-limited': 'Too many attempts: the server is throttling logins.',
  'quota-exceeded': 'The account has used up its sending quota or credits.',
  'ip-not-allowed': 'The provider accepts this login or relay only from registered IP addresses.',
  'auth-temporary-failure': 'The server could not check the credentials right now (temporary failure).',
  'sender-rejected': 'The login works but the server refused the sender address.',
  'recipient-rejected': 'The login works but the server refused the recipient.',
  'message-accepted': 'A test message was accepted.',
  'connection-lost':
    'The server closed, reset or stopped answering the connection in the middle of the session (detail: closed, reset, stalled).',
  'credentials-sent-in-clear':
    'The login works, but the password crossed the network unencrypted (--allow-plaintext): anyone on the path can read it.',
  'internal-error':
    'A rule of smtp-doctor failed on this evidence: the report may miss a finding (a bug in smtp-doctor; please report it).',
  'protocol-violation':
    'The server broke the SMTP protocol (detail: the violation, e.g. malformed-line, line-too-long): perhaps not an SMTP server.',
} as const;

export type FindingId = keyof typeof FINDING_IDS;

export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** How sure we are: high = the evidence names the cause; medium = the most likely of a few; low = a lead. */
export type Confidence = 'high' | 'medium' | 'low';

export interface EvidenceQuote {
  /** The exact text: a reply, a transcript line, a certificate fact, a pasted line. */
  text: string;
  source: 'reply' | 'transcript' | 'tls' | 'dns' | 'pasted' | 'input';
  /** Index into Evidence.sessions, when the quote comes from a live session. */
  session?: number;
  /** Index into that session's transcript. */
  event?: number;
}

/** Settings a fix changes, so that renderers and config snippets can show them. */
export interface SettingsPatch {
  host?: string;
  port?: number;
  security?: Security;
  username?: string;
  mechanism?: string;
}

export interface Fix {
  /** Stable key of the advice in the knowledge base (e.g. "tls-mode.keep-port-starttls"), for scripts and merging. */
  id?: string;
  text: string;
  settings?: SettingsPatch;
}

export interface DeadEnd {
  /** What is tried, as a stable key ("change-password"): one dead end per id in a finding. */
  id?: string;
  text: string;
  why: string;
}

export interface DocLink {
  title: string;
  url: string;
}

export interface Finding {
  id: FindingId;
  /** The exact known reply, e.g. "google.app-password-required". */
  signature?: string;
  /** Refines the id, e.g. "expired" for certificate-invalid. */
  detail?: string;
  /** Knowledge base provider id, when known. */
  provider?: string;
  severity: Severity;
  title: string;
  /** The root cause in plain words. */
  summary: string;
  evidence: EvidenceQuote[];
  /** Ranked: the most likely fix first. */
  fixes: Fix[];
  deadEnds: DeadEnd[];
  docs: DocLink[];
  confidence: Confidence;
}
