// Python smtplib exceptions: SMTPAuthenticationError: (535, b'5.7.8 …\n5.7.8 …') and its relatives, also as
// Django's debug page shows them.
import type { Phase } from '../../model/transcript.js';
import { decodePythonLiteral } from '../literals.js';
import { wireLines, type Extractor, type FoundReply } from './types.js';

const PHASE: Readonly<Record<string, Phase>> = {
  SMTPAuthenticationError: 'auth',
  SMTPSenderRefused: 'mail',
  SMTPDataError: 'data',
  SMTPConnectError: 'greeting',
  SMTPHeloError: 'ehlo',
};

/** (code, b'…') or (code, '…') — the message literal may contain escaped quotes. */
const TUPLE = String.raw`\(\s*(?<code>\d{3}),\s*b?(?<q>['"])(?<body>(?:\\.|(?!\k<q>)[^\\\n])*)\k<q>`;
/**
 * Django's debug page names the view before the value: "SMTPAuthenticationError at /contact/" and the tuple on the
 * next line, or "Exception Type: SMTPAuthenticationError at /contact/" then "Exception Value: (535, b'…')" in its
 * copy-and-paste view (django/django:django/views/templates/technical_500.html).
 */
const EXCEPTION = new RegExp(
  String.raw`\b(SMTP[A-Za-z]*(?:Error|Refused|Exception))\b(?: at \S{1,300})?:?\s*(?:Exception Value:\s*)?` + TUPLE,
  'g',
);
/** SMTPRecipientsRefused: {'bob@example.net': (550, b'5.1.1 …')} */
const RECIPIENTS = new RegExp(String.raw`SMTPRecipientsRefused\b[^\n{]*\{[^\n]*?:\s*` + TUPLE, 'g');

export const python: Extractor = {
  id: 'python-smtplib',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(EXCEPTION)) {
      const [whole, name = ''] = m;
      const { code = '', body = '' } = m.groups ?? {};
      if (name === 'SMTPRecipientsRefused') continue;
      out.push({
        lines: wireLines(Number(code), decodePythonLiteral(body)),
        phase: PHASE[name] ?? null,
        start: m.index,
        end: m.index + whole.length,
        source: 'python-smtplib',
      });
    }
    for (const m of text.matchAll(RECIPIENTS)) {
      const whole = m[0];
      const { code = '', body = '' } = m.groups ?? {};
      out.push({
        lines: wireLines(Number(code), decodePythonLiteral(body)),
        phase: 'rcpt',
        start: m.index,
        end: m.index + whole.length,
        source: 'python-smtplib',
      });
    }
    return out;
  },
};
