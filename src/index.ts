// Public API of smtp-doctor: what a library user needs, and nothing else (docs/library.md; test/library/api.test.ts
// keeps the two in step). Internals stay importable from their modules inside this repository, never from here.

// The entry points: each checks its options first and fails with a UsageError naming the option.
export {
  /** Checks a live server's login and says why it fails: the library form of `smtp-doctor check`. */
  check,
  /** Every setting of a check as an option (`check(options)`). */
  type CheckOptions,
  /** Every setting but the server, for `check(target, options)`. */
  type CheckTargetOptions,
  /** OAuth for check: an access token, or a refresh token (or the app's credentials) and the token endpoint. */
  type CheckOAuthOptions,
} from './library/check.js';
export {
  /** Explains pasted client output, an error message or bare reply codes, offline: `smtp-doctor explain`. */
  explain,
} from './library/explain.js';
export {
  /** The client that printed the text, when the caller knows it. */
  type ExplainOptions,
} from './check/explain.js';
export {
  /** Runs one SMTP conversation and records it: `smtp-doctor session`. */
  runSession,
  /** Where, as whom and how long for one conversation. */
  type SessionOptions,
} from './library/session.js';
export {
  /** Starts provider-like SMTP servers on loopback, failures included: `smtp-doctor lab`. */
  startLab,
} from './library/lab.js';

// What the options take.
export {
  /** Extra CA certificates: PEM text, a Buffer, the path of a PEM file, or a list of these. */
  type CaInput,
} from './library/ca.js';
export {
  /** `tls` (implicit TLS, 465), `starttls` (587, 25) or `none`. */
  type Security,
  /** A Security, or `auto`: find out what the server speaks. */
  type SecurityChoice,
} from './model/session.js';
export {
  /** The user name and the Secret to log in with (and an optional authorization identity). */
  type SaslCredentials,
} from './protocol/sasl/types.js';
export {
  /** A password or OAuth token that never serializes, prints or logs; only its shape does. */
  Secret,
  /** `password` or `token` (an OAuth 2 access token, for XOAUTH2). */
  type SecretKind,
  /** A secret's shape (length, character classes, stray whitespace): evidence that names no character of it. */
  type SecretShape,
  /** A class of characters a secret's shape counts. */
  type CharClass,
} from './model/secret.js';
export {
  /** A step of a running check, for a progress display. */
  type ProgressEvent,
} from './probe/probe.js';
export {
  /** A port and security mode, as `alternatives` lists them. */
  type Endpoint,
} from './probe/plan.js';

// Our own errors: one family with stable codes. A server's refusal is never one of these; it is in the report.
export {
  /** The base class of smtp-doctor's own errors, with a stable `code`. */
  SmtpDoctorError,
  /** An option or argument of the wrong type or shape (exit code 2 in the CLI). */
  UsageError,
  /** A value that cannot be used: a bad port, an unreadable file, a line break in a command argument (exit 2). */
  InputError,
  /** A bug of ours (exit code 3). */
  InternalError,
  /** `E_USAGE`, `E_INPUT` or `E_INTERNAL`. */
  type SmtpDoctorErrorCode,
} from './model/errors.js';

// The report: what check() and explain() resolve to, and `--json` prints.
export {
  /** The report's schema version (docs/report.schema.json). */
  REPORT_SCHEMA_VERSION,
  /** A diagnosis: verdict, findings (root cause first), settings proven to work, transcript, evidence. */
  type Report,
  /** `ok` (the login works), `fail` (a problem was diagnosed) or `inconclusive`. */
  type Verdict,
  /** Where the check went, without any secret. */
  type ReportTarget,
  /** Settings proven to work. */
  type WorkingSettings,
  /** Why nothing could be diagnosed. */
  type InconclusiveReason,
  /** What a bare reply code or enhanced status code means. */
  type CodeExplanation,
} from './model/report.js';
export {
  /** Every finding id, with what it means: a stable public contract. */
  FINDING_IDS,
  /** A finding id such as `app-password-required`. */
  type FindingId,
  /** One cause found, with the evidence it rests on, the fixes and the dead ends. */
  type Finding,
  /** `error`, `warning`, `info` or `ok`. */
  type Severity,
  /** `high`, `medium` or `low`: how sure the finding is. */
  type Confidence,
  /** What to change, with settings where they apply. */
  type Fix,
  /** What not to try, and why. */
  type DeadEnd,
  /** A link to the provider's or the standard's own words. */
  type DocLink,
  /** A reply or transcript line a finding quotes. */
  type EvidenceQuote,
  /** Settings a fix changes. */
  type SettingsPatch,
} from './model/finding.js';
export {
  /** Everything observed, as plain data: what the report's findings rest on. */
  type Evidence,
  /** Where the evidence came from: a probe, a pasted text, or a saved report. */
  type EvidenceOrigin,
  /** The target as the evidence records it. */
  type EvidenceTarget,
  /** The name lookup's result. */
  type DnsEvidence,
  /** One session the probe ran, with why it ran. */
  type EvidenceSession,
  /** Why a session was run. */
  type SessionPurpose,
  /** How surely a reply was seen: on the wire, wrapped in a client's message, or inferred. */
  type ReplyCertainty,
  /** Something a pasted text shows besides replies. */
  type Observation,
  /** A provider recognised from the evidence, and from what. */
  type ProviderHint,
  /** What the credentials given looked like (never their value). */
  type CredentialFacts,
  /** The client that printed a pasted text. */
  type ClientHint,
  /** Settings a pasted text mentions. */
  type Mentions,
  /** How much of a long paste was read. */
  type InputFacts,
} from './model/evidence.js';
export {
  /** check with OAuth: where the token came from, the token endpoint's answer, the token's own facts. */
  type OAuthEvidence,
  /** `google` or `microsoft`: the token endpoint presets. */
  type OAuthPreset,
  /** What the token endpoint answered to a refresh, without any token. */
  type RefreshOutcome,
  /** What an access token says about itself: format, prefix, length, a JWT's claims (not verified). */
  type TokenFacts,
  /** A JWT access token's claims that explain SMTP refusals (aud, scp, roles, user, exp…). */
  type TokenClaims,
} from './model/oauth.js';

// A session's record: what runSession() resolves to, and what the evidence holds per session.
export {
  /** One conversation: its steps, capabilities, TLS facts, login and the redacted transcript. */
  type SessionRecord,
  /** How a session ended: authenticated, auth-rejected, connected or stopped. */
  type SessionOutcome,
  /** Where a session went. */
  type SessionTarget,
  /** One step (connect, greeting, EHLO, STARTTLS, TLS, AUTH…) and its outcome. */
  type StepRecord,
  /** The name of a step. */
  type StepName,
  /** `ok`, `rejected`, `failed` or `skipped`. */
  type StepResult,
  /** Why a step ended as it did, when that is not plain. */
  type StepReason,
  /** What EHLO offered, before and after TLS. */
  type Capabilities,
  /** The TLS version, cipher and certificate seen. */
  type TlsFacts,
  /** A certificate's subject, issuer, names and dates. */
  type CertificateFacts,
  /** Whether the certificate verified, and if not why. */
  type CertificateVerification,
  /** A login: mechanism, result and the server's reply. */
  type AuthRecord,
  /** AUTH tried without credentials, where the server listed none. */
  type AuthProbeRecord,
  /** `accepted`, `rejected`, `cancelled` or `failed`. */
  type AuthResult,
  /** A test message's MAIL, RCPT and DATA replies. */
  type SendRecord,
  /** Why a step failed: a network error, a timeout, a protocol violation… */
  type Failure,
  /** A server broke the protocol, and how. */
  type ProtocolViolation,
  /** The kind of protocol violation. */
  type ViolationKind,
  /** Plaintext injected after STARTTLS, as seen. */
  type InjectionEvidence,
} from './model/session.js';
export {
  /** One line of a transcript (redacted). */
  type TranscriptEvent,
  /** The phase of a conversation an event belongs to. */
  type Phase,
  /** `client`, `server`, `info` or `error`. */
  type Direction,
} from './model/transcript.js';
export {
  /** A server reply: code, enhanced status, lines. */
  type Reply,
  /** An enhanced status code (RFC 3463) such as 5.7.8. */
  type EnhancedStatus,
  /** Something odd about a reply's form. */
  type ReplyAnomaly,
} from './model/reply.js';

// Printing what the entry points return, as the CLI prints it.
export {
  /** A report as the terminal text `smtp-doctor check` prints (no colour unless `color: true`). */
  renderReportText,
  /** Options of renderReportText: color, transcript, width. */
  type TextOptions,
  /** A report as the JSON `--json` prints (terminal-safe). */
  renderReportJson,
  /** The CLI's exit code for a report: 0 ok, 1 a problem diagnosed, 3 inconclusive. */
  exitCodeOf,
  /** A session's transcript as swaks-style text. */
  renderTranscript,
  /** A session record's outcome in one sentence. */
  summarizeSession,
} from './library/render.js';

// The lab: the options and the result of startLab().
export {
  /** What startLab() starts: persona, accounts, faults, override, certificates, port, logger. */
  type LabOptions,
  /** A running lab: its ports, CA, accounts, and close(). */
  type Lab,
  /** One listener of a lab: security mode, host, port, and the port it imitates. */
  type LabListenerInfo,
} from './lab/index.js';
export {
  /** A lab account: user, password, and flags such as 2sv or app-password. */
  type LabAccount,
} from './lab/accounts.js';
export {
  /** A fault a lab injects: slow, rate-limit, strip-starttls, expired-cert… */
  type Fault,
} from './lab/faults.js';
export {
  /** An exact reply a lab serves at one phase. */
  type ReplyOverride,
  /** A phase an override replaces: greeting, ehlo, starttls, auth, mail, rcpt or data. */
  type OverridePhase,
} from './lab/override.js';
export {
  /** A knowledge signature a lab replays: persona, override and what a client must do to reach it. */
  type Replay,
} from './lab/replay.js';
export {
  /** A provider's behaviour a lab imitates (use an id such as "gmail", or pass one). */
  type Persona,
} from './lab/personas/types.js';
export {
  /** A lab event, already redacted. */
  type LabLogEvent,
  /** A function that receives lab events. */
  type LabLogger,
} from './lab/session-log.js';
export {
  /** Makes a lab CA and its certificates once, to start many labs quickly (`certificates` option). */
  generateLabCertificates,
} from './library/lab.js';
export {
  /** The certificates of a lab: CA, valid, expired, wrong host, self-signed. */
  type LabCertificates,
  /** A certificate and its private key, as PEM. */
  type KeyPair,
} from './lab/certificates.js';
