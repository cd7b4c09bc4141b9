// Reply codes in the shapes the reply finder skips (`code=535`, `"code":535`, `Code: 535`, `status 550`, `error 535`,
// `(535)`, `535:`): read only when no reply was found at all and the words around speak of mail, as the code alone.
import type { Observation } from '../model/evidence.js';
import { parseReplyText } from '../protocol/reply-parser.js';

/**
 * A refusal code (RFC 5321 §4.2: 4xx or 5xx, second digit 0–5) after a label, in brackets, or before a colon. Bounded,
 * no nested quantifiers: one pass over the text.
 */
const SHAPES =
  /(?:\b\w{0,20}(?:code|status|error|err|reply|response)["']?[ \t]{0,3}[=:]?[ \t]{0,3}["']?|\bsmtp[ \t]{1,3}|[([])([45][0-5]\d)(?=[\s,;"')\]}]|:(?!\d)|$)/gi;
/**
 * The words that make a number next to such a label an SMTP reply code, within the same stretch of text; also an
 * exception class named for SMTP or authentication (SMTPAuthenticationError, SmtpAuthException).
 */
const MAIL_WORDS =
  /\b(?:smtp|esmtp|e?-?mail\w*|mailer|auth\w*|login|ehlo|helo|starttls|rcpt|senders?|recipients?|mailbox|relay\w*|mechanisms?|\w*(?:smtp|auth)\w*(?:error|exception))\b/i;
/** Words of HTTP around a code: 500–504 there are HTTP statuses. */
const HTTP = /\bhttps?\b|\bHTTP\/\d/i;
/** How far around the code its words are read (bounded, so a long line stays linear). */
const AROUND = 200;

/** The reply codes these shapes hold, each once, as replies whose text the client did not print (`inferred`). */
export function codeShapes(text: string): Extract<Observation, { kind: 'reply' }>[] {
  const out: Extract<Observation, { kind: 'reply' }>[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(SHAPES)) {
    const code = m[1] ?? '';
    if (seen.has(code)) continue;
    const around = text.slice(Math.max(0, m.index - AROUND), m.index + m[0].length + AROUND);
    if (!MAIL_WORDS.test(around)) continue;
    // 500–504 are HTTP statuses too: not where the text speaks of HTTP, nor as a logfmt field among others
    // ("code=500 rid=… uid=…", an API's status: the reply finder leaves it too).
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (/^50[0-4]$/.test(code) && (HTTP.test(around) || /^\s+[\w.-]{1,30}=/.test(after))) continue;
    const reply = parseReplyText(`${code} \r\n`);
    if (!reply) continue;
    seen.add(code);
    out.push({ kind: 'reply', reply, phase: null, quote: m[0].trim(), certainty: 'inferred' });
  }
  return out;
}
