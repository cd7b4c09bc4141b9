// Reply: one complete SMTP server reply (single or multi-line), as parsed from the wire.

/** RFC 3463 enhanced status code, e.g. 5.7.8. */
export interface EnhancedStatus {
  /** "5.7.8" */
  code: string;
  class: 2 | 4 | 5;
  subject: number;
  detail: number;
}

/** Oddities that do not stop parsing but are evidence about the server (or whatever sits in between). */
export type ReplyAnomaly =
  | 'bare-lf' // a line ended in LF without CR
  | 'invalid-utf8' // bytes that are not UTF-8 (shown as U+FFFD)
  | 'nul-byte'
  | 'control-chars' // other C0 control characters in the text
  | 'mixed-codes' // lines of one multi-line reply carry different codes
  | 'code-out-of-range' // first digit not 2..5 (RFC 5321 §4.2: treat as fatal)
  | 'enhanced-class-mismatch'; // e.g. 250 5.1.1: the enhanced class must agree with the reply code

export interface Reply {
  /** The reply code of the last line (the one that completes the reply). */
  code: number;
  /** Enhanced status code from the first line, when present and consistent with the code. */
  enhanced: EnhancedStatus | null;
  /** Each line's text after "NNN-" / "NNN ", enhanced code removed. */
  lines: string[];
  /** The lines' text joined with single spaces: what signatures match against. */
  text: string;
  /** Each line as received (decoded, without CRLF), for the transcript. */
  raw: string[];
  anomalies: ReplyAnomaly[];
}
