// TranscriptEvent: one line of what was said or seen during a session, already redacted.

/** The parts of a session that have their own timeout; also the phases knowledge signatures are matched in. */
export const PHASES = [
  'connect',
  'tls',
  'greeting',
  'ehlo',
  'helo',
  'starttls',
  'auth',
  'mail',
  'rcpt',
  'data',
  'quit',
] as const;

export type Phase = (typeof PHASES)[number];

/** client: we sent it; server: we received it; info: what we observed; error: what went wrong. */
export type Direction = 'client' | 'server' | 'info' | 'error';

export interface TranscriptEvent {
  /** Milliseconds since the session started. */
  t: number;
  dir: Direction;
  phase: Phase;
  /** True when the bytes travelled inside TLS. */
  tls: boolean;
  /** The text; for server replies, one line per reply line joined by "\n". Never contains a secret. */
  text: string;
  /** Set when the text stands in for something that was not shown (a secret, a base64 blob). */
  redacted?: true;
  /** Set on a client line that carried the secret itself (a password or token, however encoded), not just a name. */
  secret?: true;
}
