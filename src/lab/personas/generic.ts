// Generic replies: RFC wording used when a persona has no sourced reply of its own for a situation.
import type { ReplyKey, SourcedReply } from './types.js';

const RFC5321 = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.2';
const RFC4954 = 'https://www.rfc-editor.org/rfc/rfc4954#section-6';
const RFC4954_4 = 'https://www.rfc-editor.org/rfc/rfc4954#section-4';
const RFC3207 = 'https://www.rfc-editor.org/rfc/rfc3207#section-4';
/** A provider persona falling back to these is not imitating its provider here: say so in every fallback. */
const FALLBACK = 'RFC wording, not observed from any particular server';

function rfc(reply: string, sources: string[], extra?: { signature?: string; note?: string }): SourcedReply {
  return {
    reply,
    sources,
    verified: false,
    note: extra?.note ?? FALLBACK,
    ...(extra?.signature ? { signature: extra.signature } : {}),
  };
}

export const GENERIC_REPLIES: Readonly<Record<ReplyKey, SourcedReply>> = Object.freeze({
  greeting: rfc('220 <hostname> Service ready', [RFC5321]),
  ehlo: rfc('250-<hostname>\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN', [RFC5321]),
  ehloAfterTls: rfc('250-<hostname>\r\n250 AUTH PLAIN LOGIN', [RFC5321]),
  helo: rfc('250 <hostname>', [RFC5321]),
  starttlsReady: rfc('220 Ready to start TLS', [RFC3207]),
  starttlsUnavailable: rfc('503 Bad sequence of commands', [RFC5321], {
    note: `${FALLBACK}; sent when STARTTLS is repeated or the session is already encrypted`,
  }),
  tlsRequired: rfc('530 5.7.0 Must issue a STARTTLS command first', [RFC3207], {
    signature: 'rfc3207-530-must-issue-starttls',
  }),
  authBeforeTls: rfc('530 5.7.0 Must issue a STARTTLS command first', [RFC3207], {
    signature: 'rfc3207-530-must-issue-starttls',
  }),
  authUnrecognized: rfc('504 5.5.4 Unrecognized authentication type', [RFC4954_4], {
    signature: 'rfc4954-504-unrecognized-mechanism',
  }),
  authNotImplemented: rfc(
    '504 5.5.4 <MECHANISM> is advertised as the real server does, but the smtp-doctor lab does not implement it',
    ['smtp-doctor lab'],
    { note: 'lab wording: the real server would run this mechanism' },
  ),
  authChallengePlain: rfc('334 ', [RFC4954_4], { note: 'RFC 4954 empty challenge' }),
  authChallengeUsername: rfc('334 VXNlcm5hbWU6', ['/work/shared/reference/protocol-security.md §2.2'], {
    note: 'de facto LOGIN prompt "Username:" (draft-murchison-sasl-login)',
  }),
  authChallengePassword: rfc('334 UGFzc3dvcmQ6', ['/work/shared/reference/protocol-security.md §2.2'], {
    note: 'de facto LOGIN prompt "Password:" (draft-murchison-sasl-login)',
  }),
  authChallengeXoauth2: rfc('334 ', [RFC4954_4], { note: 'RFC 4954 empty challenge' }),
  authSuccess: rfc('235 2.7.0 Authentication successful', [RFC4954_4], { note: 'the RFC 4954 §4 example reply' }),
  authRejected: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954], {
    signature: 'rfc4954-535-credentials-invalid',
  }),
  authRejectedLogin: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954], {
    signature: 'rfc4954-535-credentials-invalid',
  }),
  authCancelled: rfc('501 5.5.2 Cannot Base64-decode Client responses', [RFC4954_4], {
    signature: 'rfc4954-501-cannot-decode',
  }),
  authBadBase64: rfc('501 5.5.2 Cannot Base64-decode Client responses', [RFC4954_4], {
    signature: 'rfc4954-501-cannot-decode',
  }),
  authAlreadyDone: rfc('503 5.5.1 Bad sequence of commands', [RFC4954_4], {
    note: `${FALLBACK}; RFC 4954 §4: AUTH after a successful AUTH gets 503`,
  }),
  authTemporaryFailure: rfc('454 4.7.0 Temporary authentication failure', [RFC4954], {
    signature: 'rfc4954-454-temporary-auth-failure',
  }),
  // Not "Temporary authentication failure": that reads as an outage of the password check, not as throttling.
  // Not Gmail's "Too many login attempts" either: the knowledge would name Gmail on a server that is not Gmail.
  authRateLimited: rfc('454 4.7.0 Too many failed login attempts, try again later', [RFC4954], {
    note: `${FALLBACK}; lab wording: the RFC 4954 code with a text that says why (knowledge: rfc.too-many)`,
  }),
  xoauth2ErrorChallenge: rfc('', ['smtp-doctor lab'], { note: 'empty: the persona sends no error challenge' }),
  xoauth2Rejected: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954], {
    signature: 'rfc4954-535-credentials-invalid',
  }),
  appPasswordRequired: rfc('534 5.7.9 Authentication mechanism is too weak', [RFC4954], {
    signature: 'rfc4954-534-mechanism-too-weak',
  }),
  webLoginRequired: rfc('534 5.7.9 Authentication mechanism is too weak', [RFC4954], {
    signature: 'rfc4954-534-mechanism-too-weak',
  }),
  signinBlocked: rfc('534 5.7.9 Authentication mechanism is too weak', [RFC4954], {
    signature: 'rfc4954-534-mechanism-too-weak',
  }),
  basicAuthDisabled: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954], {
    signature: 'rfc4954-535-credentials-invalid',
  }),
  smtpAuthDisabledMailbox: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954]),
  smtpAuthDisabledTenant: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954]),
  securityDefaults: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954]),
  conditionalAccess: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954]),
  accountLocked: rfc('525 5.7.13 User Account Disabled', ['https://www.rfc-editor.org/rfc/rfc5248#section-2.4'], {
    signature: 'rfc5248-525-account-disabled',
  }),
  notSubscribed: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954]),
  creditsExceeded: rfc('454 4.7.0 Temporary authentication failure', [RFC4954]),
  ipNotAllowed: rfc('535 5.7.8 Authentication credentials invalid', [RFC4954]),
  authRequired: rfc('530 5.7.0 Authentication required', [RFC4954], {
    signature: 'rfc4954-530-authentication-required',
  }),
  mailOk: rfc('250 OK', [RFC5321]),
  mailSyntax: rfc('501 Syntax error in parameters or arguments', [RFC5321]),
  mailNested: rfc('503 Bad sequence of commands', [RFC5321]),
  rcptOk: rfc('250 OK', [RFC5321]),
  rcptSyntax: rfc('501 Syntax error in parameters or arguments', [RFC5321]),
  rcptNeedMail: rfc('503 Bad sequence of commands', [RFC5321]),
  dataGo: rfc('354 Start mail input; end with <CRLF>.<CRLF>', [RFC5321]),
  dataOk: rfc('250 OK', [RFC5321]),
  dataNeedRcpt: rfc('503 Bad sequence of commands', [RFC5321]),
  dataTooBig: rfc('552 Requested mail action aborted: exceeded storage allocation', [RFC5321]),
  rset: rfc('250 OK', [RFC5321]),
  noop: rfc('250 OK', [RFC5321]),
  quit: rfc('221 <hostname> Service closing transmission channel', [RFC5321]),
  unknownCommand: rfc('500 Syntax error, command unrecognized', [RFC5321]),
  syntaxError: rfc('501 Syntax error in parameters or arguments', [RFC5321]),
  needHelo: rfc('503 Bad sequence of commands', [RFC5321]),
  lineTooLong: rfc('500 Line too long', ['https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1.4']),
  serviceUnavailable: rfc('421 <hostname> Service not available, closing transmission channel', [RFC5321]),
});
