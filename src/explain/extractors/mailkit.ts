// MailKit (.NET): AuthenticationException: 535: 5.7.139 Authentication unsuccessful, … — "<code>: <text>".
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

/**
 * SmtpClient.Authenticate throws AuthenticationException(string.Format("{0}: {1}", (int) response.StatusCode,
 * response.Response)); the response's further lines follow on their own lines without the code
 * (jstedfast/MailKit@d1f7aa76:MailKit/Net/Smtp/SmtpClient.cs, SmtpStream.ReadResponse).
 */
const AUTHENTICATION = /\bAuthenticationException: ([2-5]\d\d): ([^\n]*)/g;
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?= |$)/;

export const mailkit: Extractor = {
  id: 'mailkit',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(AUTHENTICATION)) {
      const [whole, code = '', line = ''] = m;
      const body = line.trimEnd();
      const enhanced = ENHANCED.exec(body)?.[1];
      const start = m.index + whole.length - line.length - 5;
      const more = continuation(text, lineEnd(text, start), Number(code), enhanced);
      const lines = [`${code} ${body}`.trimEnd(), ...more.lines];
      out.push({
        lines: lines.map((l, i) => `${l.slice(0, 3)}${i === lines.length - 1 ? ' ' : '-'}${l.slice(4)}`),
        phase: 'auth',
        start,
        end: Math.max(more.end, lineEnd(text, start)),
        source: 'mailkit',
      });
    }
    return out;
  },
};
