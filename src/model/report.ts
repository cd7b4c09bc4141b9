// Report: what `check`, `explain` and `analyze` print with --json. A public contract (docs/report.schema.json).
import type { Evidence } from './evidence.js';
import type { Finding } from './finding.js';
import type { Security } from './session.js';
import type { TranscriptEvent } from './transcript.js';

export const REPORT_SCHEMA_VERSION = 1;

export type Verdict = 'ok' | 'fail' | 'inconclusive';

/**
 * Why nothing could be diagnosed: a pasted reply smtp-doctor does not know (only its codes are explained), bare codes
 * without the reply's text, pasted text with nothing known in it, a check that tested no login, or none of these.
 */
export const INCONCLUSIVE_REASONS = [
  'unknown-reply',
  'code-only',
  'nothing-recognised',
  'login-not-tested',
  'no-diagnosis',
] as const;

export type InconclusiveReason = (typeof INCONCLUSIVE_REASONS)[number];

export interface ReportTarget {
  host?: string;
  /** The IP address dialled instead of the host's own (--connect-to). */
  connectTo?: string;
  /** How the host was found when the input was an e-mail address: a known provider's data, or a guess (smtp.<domain>). */
  hostFrom?: 'provider' | 'guess';
  port?: number;
  security?: Security;
  username?: string;
  provider?: string;
}

/** Settings proven to work: to log in, or at least to reach AUTH over TLS when the credentials were the problem. */
export interface WorkingSettings {
  host: string;
  port: number;
  security: Security;
  mechanism?: string;
  username?: string;
  proven: 'login' | 'connection';
  /**
   * false when the certificate of the proven session did not verify and was accepted only because certificate checks
   * were off (--insecure): the settings work, but not safely until the certificate is fixed. Absent otherwise.
   */
  certificateVerified?: false;
}

/** What a reply code or enhanced status code means, for `explain` with bare codes. */
export interface CodeExplanation {
  /** "535", "5.7.8", or a class pattern "X.7.8". */
  code: string;
  meaning: string;
  /** What a client should do, as the RFC prescribes where it does. */
  action: string;
  source: string;
  /** Set when a vendor uses the code for its own purpose. */
  vendor?: string;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'smtp-doctor'; version: string };
  command: 'check' | 'explain' | 'analyze';
  verdict: Verdict;
  target: ReportTarget | null;
  /** The root cause of the user's configuration first, then what else was learned. */
  findings: Finding[];
  working: WorkingSettings | null;
  /** The redacted transcript of the configured session (empty for explain). */
  transcript: TranscriptEvent[];
  timings: { totalMs: number };
  /** Everything observed, so that a saved report can be diagnosed again. */
  evidence: Evidence;
  /** `explain` with bare codes: what each code means. */
  codes?: CodeExplanation[];
  /** When nothing was recognised: what to collect next. */
  nextSteps?: string[];
  /** Set when nothing was diagnosed: why (the verdict is then inconclusive). */
  inconclusiveReason?: InconclusiveReason;
}
