// Persona data types: a provider's observable SMTP behaviour as sourced replies plus a few behaviour switches.
import type { Security } from '../../model/session.js';

/** A reply the lab sends, with where its wording comes from. */
export interface SourcedReply {
  /**
   * The reply as sent on the wire: lines joined by CRLF, without the final CRLF. Angle-bracket placeholders
   * (`<session-id>`, `<server> <timestamp> <id>`, …) are filled per session; see replies.ts.
   */
  reply: string;
  /** The knowledge signature (`google.bad-credentials`) whose sample this reply is; set by from-knowledge.ts. */
  signature?: string;
  /** Where the wording comes from: URL, repo@ref:path, or `observed:` for a real transcript. */
  sources: readonly string[];
  /** false when the wording is not backed byte for byte by a source (the note says what is missing). */
  verified: boolean;
  note?: string;
}

/** Every reply a persona can give; a persona sets the ones its provider is known for, generic.ts fills the rest. */
export type ReplyKey =
  | 'greeting'
  | 'ehlo'
  | 'ehloAfterTls'
  | 'helo'
  | 'starttlsReady'
  | 'starttlsUnavailable'
  /** Any command but EHLO/HELO/STARTTLS/NOOP/RSET/QUIT before TLS on a server that insists on TLS. */
  | 'tlsRequired'
  /** AUTH before TLS on a server that hides or refuses AUTH there. */
  | 'authBeforeTls'
  /** AUTH with a mechanism the server does not offer now (<MECHANISM> is filled). */
  | 'authUnrecognized'
  /** A mechanism the persona advertises but the lab cannot run (NTLM, OAUTHBEARER…): lab wording. */
  | 'authNotImplemented'
  | 'authChallengePlain'
  | 'authChallengeUsername'
  | 'authChallengePassword'
  | 'authChallengeXoauth2'
  | 'authSuccess'
  | 'authRejected'
  /** The rejection when the client used LOGIN, where a server words it differently (Postfix-family). */
  | 'authRejectedLogin'
  | 'authCancelled'
  | 'authBadBase64'
  | 'authAlreadyDone'
  | 'authTemporaryFailure'
  | 'authRateLimited'
  /** The 334 error challenge (base64 JSON) some servers send before rejecting an OAuth token. */
  | 'xoauth2ErrorChallenge'
  | 'xoauth2Rejected'
  | 'appPasswordRequired'
  | 'webLoginRequired'
  | 'signinBlocked'
  | 'basicAuthDisabled'
  | 'smtpAuthDisabledMailbox'
  | 'smtpAuthDisabledTenant'
  | 'securityDefaults'
  | 'conditionalAccess'
  | 'accountLocked'
  | 'notSubscribed'
  | 'creditsExceeded'
  | 'ipNotAllowed'
  /** The unauthenticated client is refused (at MAIL or RCPT, see Persona.authRequired). */
  | 'authRequired'
  | 'mailOk'
  | 'mailSyntax'
  | 'mailNested'
  | 'rcptOk'
  | 'rcptSyntax'
  | 'rcptNeedMail'
  | 'dataGo'
  | 'dataOk'
  | 'dataNeedRcpt'
  | 'dataTooBig'
  | 'rset'
  | 'noop'
  | 'quit'
  | 'unknownCommand'
  | 'syntaxError'
  | 'needHelo'
  | 'lineTooLong'
  | 'serviceUnavailable';

/** Account states a lab account can be put in (the `flags` of an account spec). */
export const ACCOUNT_FLAGS = [
  '2sv',
  'basic-auth-disabled',
  'oauth-only',
  'locked',
  'smtp-auth-disabled',
  'tenant-smtp-auth-disabled',
  'security-defaults',
  'conditional-access',
  'web-login-required',
  'signin-blocked',
  'not-subscribed',
  'credits-exceeded',
  'ip-not-allowed',
  'temp-failure',
] as const;

export type AccountFlag = (typeof ACCOUNT_FLAGS)[number];

/** How a provider answers a login for an account in a given state. */
export interface StateRule {
  reply: ReplyKey;
  /** always: whatever the secret; right-secret: only when the account's own password is given (a wrong one is just rejected). */
  when: 'always' | 'right-secret';
  /** password: PLAIN, LOGIN, CRAM-MD5 only; all: OAuth tokens too. */
  mechanisms: 'password' | 'all';
  note?: string;
}

export type UsernameRule =
  | { kind: 'any' }
  | { kind: 'email'; note: string }
  | { kind: 'literal'; value: string; note: string }
  | { kind: 'pattern'; pattern: RegExp; example: string; note: string };

export interface PersonaListener {
  security: Extract<Security, 'starttls' | 'tls'>;
  /** The port the real service uses for this mode. */
  port: number;
}

export interface Persona {
  id: string;
  name: string;
  /** One sentence: what it imitates and what stands out. */
  summary: string;
  /** The knowledge providers (ids in src/knowledge/providers) whose behaviour this persona imitates. */
  providers: readonly string[];
  /** The real host and its submission listeners (STARTTLS first). */
  imitates: { host: string; listeners: readonly PersonaListener[] };
  /** Fills <hostname> in replies. */
  hostname: string;
  /** Extra placeholder values for this persona's replies (e.g. a server name). */
  vars?: Readonly<Record<string, string>>;
  usernames: UsernameRule;
  /** Accounts used when none are given: they show the persona's rules and states. */
  sampleAccounts: readonly string[];
  /**
   * hidden: mechanisms missing from the pre-TLS EHLO are refused with authBeforeTls until TLS is up;
   * refused: AUTH is listed before TLS but every AUTH is refused there; allowed: what is listed works in plaintext.
   */
  authBeforeTls: 'hidden' | 'refused' | 'allowed';
  /** Commands other than EHLO/HELO/STARTTLS/NOOP/RSET/QUIT are refused before TLS. */
  tlsRequired: boolean;
  /** Where an unauthenticated client is stopped: at MAIL, at RCPT (relay denied), or not at all. */
  authRequired: 'mail' | 'rcpt' | false;
  replies: Partial<Record<ReplyKey, SourcedReply>>;
  states: Partial<Record<AccountFlag, StateRule>>;
  notes?: readonly string[];
}
