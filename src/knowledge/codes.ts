// Reply codes and enhanced status codes: what each means by the RFCs (and vendor reuse), and what a client should do.
import type { Phase } from '../model/transcript.js';

export interface CodeMeaning {
  /** "535", or an enhanced code "5.7.8" (class-specific) / "X.7.8" (any class). */
  code: string;
  meaning: string;
  /** What the client should do, as the RFC prescribes where it does. */
  action: string;
  source: string;
  /** Set when a vendor uses the code for its own purpose. */
  vendor?: string;
  /**
   * What the code says in answer to AUTH when it says the secret was not judged: `refusesCommand` — the AUTH command
   * or the mechanism itself was refused (RFC 4954 §6, RFC 5321 §4.2.3); `mechanismMayMatter` — another mechanism
   * could be answered differently (the server refused this one, or could not parse what it carried).
   */
  auth?: { refusesCommand: boolean; mechanismMayMatter: boolean };
}

const R5321 = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2';
const R4954 = 'https://www.rfc-editor.org/rfc/rfc4954#section-6';
const R4954_4 = 'https://www.rfc-editor.org/rfc/rfc4954#section-4';
const R3207 = 'https://www.rfc-editor.org/rfc/rfc3207#section-4';
const R3463 = 'https://www.rfc-editor.org/rfc/rfc3463';
const R3463_31 = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.2';
const R3463_32 = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.3';
const R3463_33 = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.4';
const R3463_34 = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.5';
const R5248 = 'https://www.rfc-editor.org/rfc/rfc5248';
const IANA = 'https://www.iana.org/assignments/smtp-enhanced-status-codes';

/** Basic reply codes seen around submission and AUTH. */
export const REPLY_CODES: readonly CodeMeaning[] = [
  {
    code: '220',
    meaning: 'Service ready (greeting), or ready to start TLS after STARTTLS.',
    action: 'Continue: send EHLO, or start the TLS handshake.',
    source: R5321,
  },
  {
    code: '221',
    meaning: 'Closing the connection (answer to QUIT).',
    action: 'Nothing: the session ended normally.',
    source: R5321,
  },
  {
    code: '235',
    meaning: 'Authentication succeeded (RFC 4954, 2.7.0).',
    action: 'Nothing to fix: the login works.',
    source: R4954,
  },
  {
    code: '250',
    meaning: 'Requested action completed (EHLO capabilities, MAIL, RCPT, end of DATA).',
    action: 'Continue.',
    source: R5321,
  },
  {
    code: '334',
    meaning: 'AUTH challenge: the text is base64 the client must answer (never carries an enhanced code).',
    action:
      'Answer with a base64 line, "*" to cancel, or an empty line where the mechanism requires it (XOAUTH2 errors).',
    source: R4954_4,
  },
  {
    code: '354',
    meaning: 'Start the message data; end it with <CRLF>.<CRLF>.',
    action: 'Send the message.',
    source: R5321,
  },
  {
    code: '421',
    meaning: 'Service not available: the server is closing the connection (at the greeting or at any time).',
    action: 'Reconnect later; read the text for the reason (overload, blocklist, rate limit).',
    source: 'https://www.rfc-editor.org/rfc/rfc5321#section-3.8',
  },
  {
    code: '432',
    meaning: 'A password transition is needed (4.7.12).',
    action: 'Authenticate once with PLAIN over TLS, then retry the other mechanism.',
    source: R4954,
  },
  {
    code: '435',
    meaning: 'Not in any RFC; Exim’s "Unable to authenticate at present": a temporary failure of its authenticator.',
    action: 'Retry later; do not change the password.',
    source: 'Exim/exim@exim-4.96.2:src/src/smtp_in.c',
    vendor: 'Exim',
  },
  {
    code: '450',
    meaning: 'Requested action not taken, temporarily (mailbox busy, or a rate limit such as Postfix’s AUTH limit).',
    action: 'Retry later.',
    source: R5321,
  },
  {
    code: '451',
    meaning: 'Action aborted: local error in processing (temporary). SendGrid uses it for credit and IP problems.',
    action: 'Retry later; read the text.',
    source: R5321,
  },
  {
    code: '452',
    meaning: 'Insufficient system storage, or too many recipients (temporary).',
    action: 'Retry later or with fewer recipients.',
    source: R5321,
  },
  {
    code: '454',
    meaning: 'Temporary authentication failure (4.7.0), or TLS not available right now (after STARTTLS).',
    action: 'Do not ask for another password (RFC 4954); retry later. Gmail also uses it for its login rate limit.',
    source: R4954,
  },
  {
    code: '500',
    meaning: 'Syntax error, command unrecognised (5.5.6 with AUTH: the exchange line is too long).',
    action: 'Check the command; some servers (Haraka) answer AUTH this way before TLS.',
    source: R5321,
    auth: { refusesCommand: true, mechanismMayMatter: true },
  },
  {
    code: '501',
    meaning: 'Syntax error in parameters; in AUTH: the base64 could not be decoded (5.5.2) or the client cancelled.',
    action: 'Fix the client’s encoding; strip newlines from secrets.',
    source: R4954_4,
    auth: { refusesCommand: false, mechanismMayMatter: true },
  },
  {
    code: '502',
    meaning: 'Command not implemented.',
    action: 'The server does not support this command here.',
    source: R5321,
    auth: { refusesCommand: true, mechanismMayMatter: true },
  },
  {
    code: '503',
    meaning: 'Bad sequence of commands (e.g. AUTH when not advertised, or AUTH twice).',
    action: 'Follow the sequence: EHLO, STARTTLS, EHLO, AUTH.',
    source: R4954_4,
    auth: { refusesCommand: true, mechanismMayMatter: false },
  },
  {
    code: '504',
    meaning: 'Command parameter not implemented; in AUTH: unknown or unavailable mechanism (5.5.4).',
    action: 'Use a mechanism from the latest EHLO AUTH line.',
    source: R4954_4,
    auth: { refusesCommand: true, mechanismMayMatter: true },
  },
  {
    code: '521',
    meaning: 'This host does not accept mail (RFC 7504); also sent at the greeting.',
    action: 'Send to another host: this one takes no mail at all.',
    source: 'https://www.rfc-editor.org/rfc/rfc7504',
  },
  {
    code: '523',
    meaning: 'Encryption needed (5.7.10): TLS is required before this mechanism.',
    action: 'Start TLS, then authenticate.',
    source: R5248,
  },
  {
    code: '525',
    meaning: 'User account disabled (5.7.13).',
    action: 'Contact the administrator; do not ask for a new password.',
    source: R5248,
  },
  {
    code: '530',
    meaning: 'Authentication required (5.7.0), or "Must issue a STARTTLS command first" (RFC 3207).',
    action: 'Authenticate (after TLS) before MAIL; read the text to tell the two apart.',
    source: R3207,
    auth: { refusesCommand: true, mechanismMayMatter: false },
  },
  {
    code: '534',
    meaning:
      'Authentication mechanism is too weak (5.7.9). Gmail uses it for "Application-specific password required".',
    action: 'Use a stronger mechanism; with Gmail, use an app password.',
    source: R4954,
  },
  {
    code: '535',
    meaning: 'Authentication credentials invalid (5.7.8).',
    action:
      'Ask the user for new credentials (RFC 4954); check the user-name form and the kind of password the provider wants.',
    source: R4954,
  },
  {
    code: '538',
    meaning: 'Encryption required for requested authentication mechanism (5.7.11, historic).',
    action: 'Start TLS, then authenticate.',
    source: R4954,
    auth: { refusesCommand: true, mechanismMayMatter: true },
  },
  {
    code: '550',
    meaning: 'Requested action not taken: mailbox unavailable or policy refusal (permanent).',
    action: 'Read the text: sender, recipient or policy problem.',
    source: R5321,
  },
  { code: '551', meaning: 'User not local.', action: 'Use another route or address.', source: R5321 },
  {
    code: '552',
    meaning: 'Exceeded storage allocation (message too big, mailbox full).',
    action: 'Send less data.',
    source: R5321,
  },
  {
    code: '553',
    meaning: 'Mailbox name not allowed (bad or not-owned sender address).',
    action: 'Use an address the login owns, in bare form.',
    source: R5321,
  },
  {
    code: '554',
    meaning: 'Transaction failed, or (as greeting) no SMTP service here.',
    action: 'Read the text; at the greeting, this server will not talk to you.',
    source: 'https://www.rfc-editor.org/rfc/rfc5321#section-3.1',
  },
  {
    code: '556',
    meaning: 'The recipient’s domain does not accept mail (RFC 7504, e.g. a null MX).',
    action: 'Check the recipient address.',
    source: 'https://www.rfc-editor.org/rfc/rfc7504',
  },
  {
    code: '555',
    meaning: 'MAIL FROM/RCPT TO parameters not recognised (Gmail: envelope syntax error).',
    action: 'Send bare addresses in the envelope.',
    source: R5321,
  },
];

/** Enhanced status codes of the X.5 (protocol) and X.7 (security) classes, plus vendor codes met on AUTH paths. */
export const ENHANCED_CODES: readonly CodeMeaning[] = [
  {
    code: 'X.1.1',
    meaning: 'Bad destination mailbox address: the recipient’s mailbox does not exist there.',
    action: 'Check the recipient address for typos.',
    source: R3463_31,
  },
  {
    code: 'X.1.2',
    meaning: 'Bad destination system address: the recipient’s domain does not accept mail.',
    action: 'Check the part of the recipient address after the @.',
    source: R3463_31,
  },
  {
    code: 'X.1.3',
    meaning: 'Bad destination mailbox address syntax.',
    action: 'Send the recipient as a bare address (user@example.org).',
    source: R3463_31,
  },
  {
    code: 'X.1.6',
    meaning: 'Destination mailbox has moved, no forwarding address.',
    action: 'Ask the recipient for the new address.',
    source: R3463_31,
  },
  {
    code: 'X.1.7',
    meaning: 'Bad sender’s mailbox address syntax.',
    action: 'Send the sender (MAIL FROM) as a bare, full address.',
    source: R3463_31,
  },
  {
    code: 'X.1.8',
    meaning: 'Bad sender’s system address: the sender’s domain cannot receive replies.',
    action: 'Send from a domain that exists and accepts mail.',
    source: R3463_31,
  },
  {
    code: 'X.1.10',
    meaning: 'Recipient address has null MX: the domain accepts no mail (RFC 7505).',
    action: 'Check the recipient address.',
    source: IANA,
  },
  {
    code: 'X.2.0',
    meaning: 'Other or undefined mailbox status: something about a mailbox (the sender’s or the recipient’s) failed.',
    action: 'Read the text: it names the mailbox problem.',
    source: R3463_32,
  },
  {
    code: 'X.2.1',
    meaning: 'Mailbox disabled, not accepting messages.',
    action: 'The recipient must re-enable the mailbox; try another address.',
    source: R3463_32,
  },
  {
    code: 'X.2.2',
    meaning: 'Mailbox full: the recipient is over its storage quota.',
    action: 'Try later, or ask the recipient to make room.',
    source: R3463_32,
  },
  {
    code: 'X.2.3',
    meaning: 'Message length exceeds an administrative limit.',
    action: 'Send a smaller message (link large files instead of attaching them).',
    source: R3463_32,
  },
  {
    code: 'X.3.1',
    meaning: 'Mail system full: the server is out of storage.',
    action: 'Try later; if you run the server, free disk space.',
    source: R3463_33,
  },
  {
    code: 'X.3.4',
    meaning: 'Message too big for system.',
    action: 'Send a smaller message.',
    source: R3463_33,
  },
  {
    code: 'X.4.5',
    meaning: 'Mail system congestion. Gmail uses 5.4.5 for "Daily sending quota exceeded".',
    action: 'Try later; with Gmail, wait for the quota to reset.',
    source: R3463_34,
    vendor: 'Google',
  },
  { code: 'X.5.0', meaning: 'Other or undefined protocol status.', action: 'Read the text.', source: R3463 },
  {
    code: 'X.5.1',
    meaning: 'Invalid command (out of sequence or not supported).',
    action: 'Follow the command sequence the server expects.',
    source: R3463,
  },
  {
    code: 'X.5.2',
    meaning: 'Syntax error (RFC 4954: base64 that cannot be decoded).',
    action: 'Fix the client’s encoding.',
    source: R3463,
  },
  { code: 'X.5.3', meaning: 'Too many recipients.', action: 'Send to fewer recipients at a time.', source: R3463 },
  {
    code: 'X.5.4',
    meaning: 'Invalid command arguments (RFC 4954: unknown mechanism).',
    action: 'Use a mechanism the server lists.',
    source: R3463,
  },
  { code: 'X.5.5', meaning: 'Wrong protocol version.', action: 'Check the client.', source: R3463 },
  {
    code: 'X.5.6',
    meaning: 'Authentication exchange line is too long.',
    action: 'Send AUTH without the initial response and answer the challenge.',
    source: R4954,
  },
  {
    code: 'X.7.0',
    meaning:
      'Other or undefined security status (235 2.7.0 success, 454 4.7.0 temporary failure, 530 5.7.0 authentication or TLS required).',
    action: 'Read the reply code and text.',
    source: R3463,
  },
  {
    code: 'X.7.1',
    meaning: 'Delivery not authorised, message refused (often relaying without authentication).',
    action: 'Authenticate before sending to outside recipients.',
    source: R3463,
  },
  {
    code: 'X.7.3',
    meaning:
      'Security conversion required but not possible. Microsoft Exchange uses 5.7.3 for "Authentication unsuccessful".',
    action: 'With Exchange: check the credentials or the OAuth token.',
    source: R3463,
    vendor: 'Microsoft',
  },
  {
    code: 'X.7.4',
    meaning: 'Security features not supported (Gmail and Exchange: unrecognised authentication type).',
    action: 'Use a supported mechanism, after TLS.',
    source: R3463,
  },
  {
    code: 'X.7.8',
    meaning: 'Authentication credentials invalid.',
    action: 'Ask for new credentials; check the user-name form and the kind of secret.',
    source: R4954,
  },
  {
    code: 'X.7.9',
    meaning: 'Authentication mechanism is too weak (Gmail: application-specific password required).',
    action: 'Use a stronger mechanism; with Gmail, an app password.',
    source: R4954,
  },
  {
    code: 'X.7.10',
    meaning: 'Encryption needed: activate TLS before authenticating, or use a stronger mechanism.',
    action: 'Start TLS first.',
    source: R5248,
  },
  {
    code: 'X.7.11',
    meaning: 'Encryption required for requested authentication mechanism (historic).',
    action: 'Start TLS first.',
    source: R4954,
  },
  {
    code: 'X.7.12',
    meaning: 'A password transition is needed.',
    action: 'Authenticate once with PLAIN over TLS.',
    source: R4954,
  },
  {
    code: 'X.7.13',
    meaning: 'User account disabled (after a successful authentication).',
    action: 'Contact the administrator; do not re-prompt for the password.',
    source: R5248,
  },
  {
    code: 'X.7.14',
    meaning: 'Trust relationship required (Gmail: sign-in blocked, log in through the browser).',
    action: 'With Gmail: confirm the sign-in or use an app password.',
    source: R5248,
  },
  {
    code: 'X.7.30',
    meaning:
      'RFC 8689: REQUIRETLS support required. Microsoft 365 reuses 5.7.30 for "Basic authentication is not supported for Client Submission".',
    action: 'With Microsoft 365: switch to OAuth.',
    source: IANA,
    vendor: 'Microsoft',
  },
  {
    code: '5.7.139',
    meaning:
      'Microsoft 365: authentication unsuccessful; the text after the code names the reason (SMTP AUTH disabled, Basic auth disabled, security defaults, Conditional Access, wrong credentials, locked account).',
    action: 'Read the text after 5.7.139.',
    source:
      'MicrosoftDocs/dynamics-365-unified-operations-public@0091ec8:articles/fin-ops-core/fin-ops/organization-administration/configure-email.md',
    vendor: 'Microsoft',
  },
  {
    code: '5.7.57',
    meaning: 'Microsoft 365: client not authenticated to send mail (MAIL FROM without a successful AUTH).',
    action: 'Log in first; if the text has "Error: 535 …", fix that AUTH error.',
    source:
      'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeOnline/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-57-in-exchange-online.md',
    vendor: 'Microsoft',
  },
  {
    code: '5.7.60',
    meaning: 'Microsoft 365: the client may not send as this sender.',
    action: 'Send from the logged-in mailbox or grant Send As.',
    source:
      'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeOnline/mail-flow-best-practices/fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off.md',
    vendor: 'Microsoft',
  },
  {
    code: '4.7.66',
    meaning: 'Microsoft 365: TLS 1.0 and 1.1 are not supported.',
    action: 'Use TLS 1.2 or newer.',
    source: 'observed:https://github.com/zehm/sendEmail/issues/1',
    vendor: 'Microsoft',
  },
];

/** The reply code that usually carries an enhanced code, so a bare "5.7.8" can be read as a reply. */
const TYPICAL_REPLY: Readonly<Record<string, number>> = {
  '2.7.0': 235,
  '4.7.12': 432,
  '5.5.4': 504,
  '5.5.6': 500,
  '5.7.3': 535,
  '5.7.4': 504,
  '5.7.8': 535,
  '5.7.9': 534,
  '5.7.10': 523,
  '5.7.11': 538,
  '5.7.13': 525,
  '5.7.14': 534,
  '5.7.139': 535,
  '5.7.57': 530,
  '5.7.30': 550,
};

/**
 * Codes that answer AUTH and nothing else (RFC 4954 §4 and §6, RFC 5248 for 523 and 525): a pasted reply with one of
 * them answered AUTH, whatever command a wrapper's words suggest ("Message failed: 535 …").
 */
const ANSWERS_AUTH_ONLY: ReadonlySet<number> = new Set([235, 334, 432, 523, 525, 534, 535, 538]);

/** The command a reply with this code can only be the answer to, or null when several commands get it. */
export function onlyAnswers(code: number): Phase | null {
  return ANSWERS_AUTH_ONLY.has(code) ? 'auth' : null;
}

/**
 * The command a refusal with this code most likely answered when a paste does not show it, by the command–reply
 * table of RFC 5321 §4.3.2: 551 answers RCPT only; 553 and 555 answer MAIL or RCPT and are mostly about the
 * sender's address; 550 and 450 are the usual refusals of a recipient; 552 and 554 end a transaction, after the
 * message data. A guess: readings made from it are low confidence.
 */
const LIKELY_PHASE: Readonly<Partial<Record<number, Phase>>> = {
  450: 'rcpt',
  550: 'rcpt',
  551: 'rcpt',
  552: 'data',
  553: 'mail',
  554: 'data',
  555: 'mail',
};
const R5321_TABLE = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.3.2';

export function likelyPhase(code: number): Phase | null {
  return LIKELY_PHASE[code] ?? null;
}

/**
 * The command an enhanced status code says a refusal concerns (RFC 3463 §3.2–3.5): the destination mailbox (X.1.1–
 * X.1.6, X.1.10, X.2.1, X.2.2, X.2.4, X.5.3 too many recipients) is RCPT's, the sender's (X.1.7, X.1.8) MAIL's, the
 * message's length and content (X.2.3, X.3.4, X.6.x) the data's. Null for codes about the login, the system or the
 * network, which many commands share.
 */
export function phaseFromEnhanced(enhanced: string | null): Phase | null {
  if (enhanced === null) return null;
  const [, subject, detail] = enhanced.split('.').map(Number);
  if (subject === 1) return detail === 7 || detail === 8 ? 'mail' : detail === 0 || detail === 9 ? null : 'rcpt';
  if (subject === 2) return detail === 3 ? 'data' : detail === 0 ? null : 'rcpt';
  if (subject === 3 && detail === 4) return 'data';
  if (subject === 5 && detail === 3) return 'rcpt';
  if (subject === 6) return 'data';
  return null;
}

/** Where the likely phases come from, for the causes that cite them. */
export const LIKELY_PHASE_SOURCE = R5321_TABLE;

/** A reply code the RFCs define (this table), as opposed to a number that only looks like one. */
export function isKnownReplyCode(code: number): boolean {
  return REPLY_CODES.some((c) => c.code === String(code));
}

/** A reply to AUTH with this code refused the command or the mechanism itself: the credentials were not judged. */
export function refusesAuthCommand(code: number): boolean {
  return REPLY_CODES.find((c) => c.code === String(code))?.auth?.refusesCommand === true;
}

/** A reply to AUTH with this code could differ for another mechanism: the secret was not judged. */
export function mechanismMayMatter(code: number): boolean {
  return REPLY_CODES.find((c) => c.code === String(code))?.auth?.mechanismMayMatter === true;
}

export function typicalReplyCode(enhanced: string): number | null {
  return TYPICAL_REPLY[enhanced] ?? null;
}

/** What a code means, in the words of the report (CodeExplanation): its AUTH classes are for rules, not for readers. */
export function describeReplyCode(code: number): CodeMeaning | null {
  const exact = REPLY_CODES.find((c) => c.code === String(code));
  if (exact) {
    const { auth: _auth, ...meaning } = exact;
    return meaning;
  }
  const cls = Math.floor(code / 100);
  const by: Record<number, string> = {
    2: 'Positive completion: the command succeeded.',
    3: 'Positive intermediate: the server waits for more.',
    4: 'Transient negative: the command failed this time; trying again later may work.',
    5: 'Permanent negative: the command failed; do not repeat it unchanged.',
  };
  const meaning = by[cls];
  return meaning
    ? {
        code: String(code),
        meaning: `Not a code smtp-doctor knows by itself. ${meaning}`,
        action: 'Read the text.',
        source: R5321,
      }
    : null;
}

/** "5.7.8" → its meaning; vendor codes are looked up exactly, RFC codes by subject and detail. */
export function describeEnhancedCode(enhanced: string): CodeMeaning | null {
  const exact = ENHANCED_CODES.find((c) => c.code === enhanced);
  if (exact) return exact;
  const [cls, subject, detail] = enhanced.split('.');
  const generic = ENHANCED_CODES.find((c) => c.code === `X.${subject ?? ''}.${detail ?? ''}`);
  if (!generic) return null;
  const kind = cls === '2' ? 'success' : cls === '4' ? 'temporary failure' : 'permanent failure';
  return { ...generic, code: enhanced, meaning: `${generic.meaning} (${kind})` };
}
