// Limits: every size and count bound of the protocol layer, in one place.

export interface ProtocolLimits {
  /** Longest reply line we accept, CRLF excluded. RFC 5321 says 512, RFC 4954 says AUTH lines may reach 12288. */
  maxLineBytes: number;
  /** Most lines in one multi-line reply. Real EHLO replies have about 15. */
  maxReplyLines: number;
  /** Most bytes in one reply, all lines together. */
  maxReplyBytes: number;
  /** Most 334 challenges answered in one AUTH exchange (Python smtplib uses 5). */
  maxChallenges: number;
  /** Longest command line we send, CRLF excluded (RFC 5321 §4.5.3.1.4 minus CRLF). */
  maxCommandBytes: number;
  /** Longest AUTH line we send, CRLF excluded (RFC 4954 §4). */
  maxAuthLineBytes: number;
  /** Complete replies that may wait unread before the server counts as flooding us. */
  maxQueuedReplies: number;
}

export const DEFAULT_LIMITS: Readonly<ProtocolLimits> = Object.freeze({
  maxLineBytes: 16_384,
  maxReplyLines: 256,
  maxReplyBytes: 65_536,
  maxChallenges: 5,
  maxCommandBytes: 510,
  maxAuthLineBytes: 12_286,
  maxQueuedReplies: 16,
});

/** How much of an offending line or stray data we keep as evidence. */
export const PREVIEW_CHARS = 160;
