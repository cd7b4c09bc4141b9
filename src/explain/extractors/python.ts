// Python smtplib's replies as its exceptions print them: (535, b'5.7.8 …\n5.7.8 …'), with or without the exception's
// name before it (SMTPAuthenticationError: …, a wrapper's "error while logging in: (534, b'…')", Django's debug page).
import type { Phase } from '../../model/transcript.js';
import { decodePythonLiteral } from '../literals.js';
import { phaseBefore } from './phase-words.js';
import { HTTP_REASON } from './reply-words.js';
import { wireLines, type Extractor, type FoundReply } from './types.js';

/**
 * The exceptions that name the command (python/cpython Lib/smtplib.py): SMTPResponseException's args are (code, msg);
 * SMTPSenderRefused adds the sender; SMTPRecipientsRefused holds a {recipient: (code, msg)} dictionary.
 */
const PHASE: Readonly<Record<string, Phase>> = {
  SMTPAuthenticationError: 'auth',
  SMTPSenderRefused: 'mail',
  SMTPRecipientsRefused: 'rcpt',
  SMTPDataError: 'data',
  SMTPConnectError: 'greeting',
  SMTPHeloError: 'ehlo',
};

/**
 * (code, b'…'), (code, '…') or Python 2's (code, u'…'); the literal may hold escaped quotes. A paste cut inside the
 * literal ends it at its line's end. The literal is bounded (a reply is a few lines), so a line of many unclosed
 * tuples is read in linear time.
 */
const TUPLE =
  /\(\s*(?<code>[2-5]\d\d),\s*[bu]?(?<q>['"])(?<body>(?:\\.|(?!\k<q>)[^\\\n]){0,4000})(?:(?<close>\k<q>)(?<sender>\s*,\s*[bu]?['"][^'"\n]{0,320}['"])?|(?=\n|$))/g;
/** Django's debug page and plain tracebacks: the exception's name, then the tuple (on the same or the next line). */
const NAMED = /\b(SMTP[A-Za-z]*(?:Error|Refused|Exception))\b(?: at \S{1,300})?:?\s*(?:Exception Value:\s*)?$/;
/** SMTPRecipientsRefused's dictionary: {'bob@example.net': (550, b'…')} — the tuple is a recipient's refusal. */
const RECIPIENT_KEY = /[{,]\s*u?(['"])[^'"\n]{1,320}\1\s*:\s*$/;
/**
 * smtplib's debug line after each reply (debuglevel 1; python/cpython Lib/smtplib.py getreply): "reply: retcode (535);
 * Msg: b'5.7.8 …\n5.7.8 …'" (Python 3, the message as a bytes literal), "reply: retcode (535); Msg: 5.7.8 …" (Python 2).
 */
const RETCODE =
  /\breply: retcode \((?<code>[2-5]\d\d)\); Msg: (?:b(?<q>['"])(?<body>(?:\\.|(?!\k<q>)[^\\\n]){0,4000})\k<q>|(?<plain>[^\n]{0,2000}))/g;
/** smtplib's data() prints the reply to DATA as a tuple after "data:" (debuglevel 1). */
const DATA_DEBUG = /\bdata:\s*$/;
/**
 * Odoo's message of a failed send: the exception's name, then its args joined by line breaks
 * (odoo/odoo@12.0:odoo/tools/misc.py exception_to_unicode; odoo/addons/base/models/ir_mail_server.py send_email):
 * "SMTPSenderRefused: 550\n5.7.1 …\nbounce@example.org", the breaks often escaped inside a repr. The code is the first
 * arg and the server's text the second.
 */
const ARGS_JOINED =
  /(?:\b|(?<=\\n))(?<name>SMTP[A-Za-z]*(?:Error|Refused|Exception)): (?<code>[2-5]\d\d)(?:\\r)?(?:\\n|\r?\n)(?<body>(?:\\(?![rn])|[^\\\n]){1,2000})/g;
/** How far before a tuple its exception's name is looked for. */
const LOOKBACK = 400;

export const python: Extractor = {
  id: 'python-smtplib',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(TUPLE)) {
      const { code = '', body = '', close, sender } = m.groups ?? {};
      const before = text.slice(Math.max(0, m.index - LOOKBACK), m.index);
      // (500, 'Internal Server Error') is a web framework's status, unless an smtplib exception names it.
      if (HTTP_REASON.test(body) && !NAMED.test(before)) continue;
      out.push({
        lines: wireLines(Number(code), decodePythonLiteral(close === undefined ? withoutCutTail(body) : body)),
        phase: phaseOf(before, sender !== undefined),
        start: m.index,
        end: m.index + m[0].length,
        source: 'python-smtplib',
      });
    }
    for (const m of text.matchAll(ARGS_JOINED)) {
      const { name = '', code = '', body = '' } = m.groups ?? {};
      const words = body.trim();
      if (words === '') continue;
      out.push({
        lines: wireLines(Number(code), words),
        phase: PHASE[name] ?? null,
        start: m.index,
        end: m.index + m[0].length,
        source: 'python-smtplib',
      });
    }
    for (const m of text.matchAll(RETCODE)) {
      const { code = '', body, plain = '' } = m.groups ?? {};
      out.push({
        lines: wireLines(Number(code), body === undefined ? plain.trimEnd() : decodePythonLiteral(body)),
        phase: null,
        start: m.index,
        end: m.index + m[0].length,
        source: 'python-smtplib',
      });
    }
    return out;
  },
};

/** The command the tuple's reply answered, from its shape and the exception named before it. */
function phaseOf(before: string, withSender: boolean): Phase | null {
  if (withSender) return 'mail';
  if (RECIPIENT_KEY.test(before)) return 'rcpt';
  const named = NAMED.exec(before)?.[1];
  if (named !== undefined) return PHASE[named] ?? null;
  if (DATA_DEBUG.test(before)) return 'data';
  return phaseBefore(before.slice(before.lastIndexOf('\n') + 1));
}

/** A literal the paste cut off: without the brackets a poster typed after the cut ("… ....)"). */
function withoutCutTail(literal: string): string {
  let end = literal.length;
  while (end > 0 && /[\s)]/.test(literal.charAt(end - 1))) end--;
  return literal.slice(0, end);
}
