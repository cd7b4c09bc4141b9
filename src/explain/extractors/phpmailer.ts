// PHPMailer: "SMTP ERROR: Password command failed: 535-5.7.8 …" (its SERVER -> CLIENT lines go to the transcript).
import type { Phase } from '../../model/transcript.js';
import { continuation, lineEnd, wireLines, type Extractor, type FoundReply } from './types.js';

const ERROR = /SMTP ERROR: ([A-Za-z &]+?) command failed: (\d{3})([ -][^\n]*)?/g;
/**
 * The exception's message: PHPMailer::setError appends the SMTP class's last error, "SMTP server error: <command>
 * command failed Detail: <the reply's text, its codes cut off> SMTP code: <code> Additional SMTP info: <enhanced code>"
 * (PHPMailer/PHPMailer@v6.9.1:src/PHPMailer.php setError, src/SMTP.php sendCommand; the language strings smtp_error,
 * smtp_detail, smtp_code, smtp_code_ex).
 */
const DETAIL =
  /SMTP server error: ([A-Za-z &]{1,40}?) command failed(?: Detail: ([\s\S]{0,2000}?))?\s*SMTP code: ([2-5]\d\d)(?: Additional SMTP info: ([245]\.\d{1,3}\.\d{1,3}))?/g;

function phaseOf(command: string): Phase | null {
  const c = command.toUpperCase();
  if (
    c === 'PASSWORD' ||
    c === 'USERNAME' ||
    c === 'USER & PASSWORD' ||
    c === 'AUTH' ||
    c.startsWith('AUTH') ||
    c === 'OAUTH TOKEN'
  )
    return 'auth';
  if (c === 'MAIL FROM') return 'mail';
  if (c === 'RCPT TO') return 'rcpt';
  if (c.startsWith('DATA')) return 'data';
  if (c === 'STARTTLS') return 'starttls';
  if (c === 'EHLO' || c === 'HELO') return 'ehlo';
  return null;
}

export const phpmailer: Extractor = {
  id: 'phpmailer',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(DETAIL)) {
      const [whole, command = '', detail = '', code = '', enhanced] = m;
      const body = detail.trim();
      const withEnhanced = enhanced !== undefined && !body.startsWith(enhanced) ? `${enhanced} ${body}` : body;
      out.push({
        lines: wireLines(Number(code), withEnhanced),
        phase: phaseOf(command.trim()),
        start: m.index,
        end: m.index + whole.length,
        source: 'phpmailer',
        quote: whole.replace(/\s+/g, ' ').trim(),
        ...(body === '' ? { certainty: 'inferred' as const } : {}),
      });
    }
    for (const m of text.matchAll(ERROR)) {
      const [, command = '', code = '', rest = ''] = m;
      const more = continuation(text, lineEnd(text, m.index), Number(code));
      out.push({
        lines: [`${code}${rest}`.trimEnd(), ...more.lines],
        phase: phaseOf(command.trim()),
        start: m.index,
        end: Math.max(more.end, lineEnd(text, m.index)),
        source: 'phpmailer',
      });
    }
    return out;
  },
};
