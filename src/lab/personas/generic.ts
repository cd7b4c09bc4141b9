// Generic replies: RFC wording used when a persona has no sourced reply of its own for a situation.
import { rfc as rfcKnowledge } from '../../knowledge/providers/rfc.js';
import { knownReplies } from './from-knowledge.js';
import type { ReplyKey, SourcedReply } from './types.js';

const RFC5321 = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.2';
const RFC4954 = 'https://www.rfc-editor.org/rfc/rfc4954#section-6';
const RFC4954_4 = 'https://www.rfc-editor.org/rfc/rfc4954#section-4';
const RFC3207 = 'https://www.rfc-editor.org/rfc/rfc3207#section-4';
/** A provider persona falling back to these is not imitating its provider here: say so in every fallback. */
const FALLBACK = 'RFC wording, not observed from any particular server';

function rfc(reply: string, sources: string[], extra: { note?: string } = {}): SourcedReply {
  return { reply, sources, verified: false, note: extra.note ?? FALLBACK };
}

const knownRfc = knownReplies(rfcKnowledge);

/** The sample of a generic (RFC) knowledge signature, marked as a fallback like the rest. */
function rfcSample(signatureId: string): SourcedReply {
  return { ...knownRfc(signatureId), verified: false, note: FALLBACK };
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
  tlsRequired: rfcSample('rfc.must-issue-starttls'),
  authBeforeTls: rfcSample('rfc.must-issue-starttls'),
  authUnrecognized: rfcSample('rfc.unrecognized-mechanism'),
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
  authSuccess: rfcSample('rfc.auth-succeeded'),
  authRejected: rfcSample('rfc.credentials-invalid'),
  authRejectedLogin: rfcSample('rfc.credentials-invalid'),
  authCancelled: rfcSample('rfc.cannot-decode'),
  authBadBase64: rfcSample('rfc.cannot-decode'),
  authAlreadyDone: rfc('503 5.5.1 Bad sequence of commands', [RFC4954_4], {
    note: `${FALLBACK}; RFC 4954 §4: AUTH after a successful AUTH gets 503`,
  }),
  authTemporaryFailure: rfcSample('rfc.temporary-auth-failure'),
  // Not "Temporary authentication failure": that reads as an outage of the password check, not as throttling.
  // Not Gmail's "Too many login attempts" either: the knowledge would name Gmail on a server that is not Gmail.
  authRateLimited: rfc('454 4.7.0 Too many failed login attempts, try again later', [RFC4954], {
    note: `${FALLBACK}; lab wording: the RFC 4954 code with a text that says why (knowledge: rfc.too-many)`,
  }),
  xoauth2ErrorChallenge: rfc('', ['smtp-doctor lab'], { note: 'empty: the persona sends no error challenge' }),
  xoauth2Rejected: rfcSample('rfc.credentials-invalid'),
  appPasswordRequired: rfcSample('rfc.bare-534'),
  webLoginRequired: rfcSample('rfc.bare-534'),
  signinBlocked: rfcSample('rfc.bare-534'),
  basicAuthDisabled: rfcSample('rfc.credentials-invalid'),
  smtpAuthDisabledMailbox: rfcSample('rfc.credentials-invalid'),
  smtpAuthDisabledTenant: rfcSample('rfc.credentials-invalid'),
  securityDefaults: rfcSample('rfc.credentials-invalid'),
  conditionalAccess: rfcSample('rfc.credentials-invalid'),
  accountLocked: rfcSample('rfc.account-disabled'),
  notSubscribed: rfcSample('rfc.credentials-invalid'),
  creditsExceeded: rfcSample('rfc.temporary-auth-failure'),
  ipNotAllowed: rfcSample('rfc.credentials-invalid'),
  authRequired: rfcSample('rfc.authentication-required'),
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
