// JavaMail / Jakarta Mail: AuthenticationFailedException: 535-5.7.8 … and the SMTP*Exception family.
import type { Phase } from '../../model/transcript.js';
import { continuation, lineEnd, wireLines, type Extractor, type FoundReply } from './types.js';

/** The code ends at a space, a hyphen or the line's end: "535: …" is MailKit's format (extractors/mailkit.ts). */
const EXCEPTION = /\b([A-Za-z]*Exception): (\d{3})([ -][^\n]*)?(?![^\n])/g;

function phaseOf(name: string): Phase | null {
  if (name === 'AuthenticationFailedException') return 'auth';
  if (name === 'SMTPAddressFailedException') return 'rcpt';
  if (name === 'SMTPSenderFailedException') return 'mail';
  return null;
}

/**
 * A greeting other than 220: SMTPTransport.openServer throws "Could not connect to SMTP host: <host>, port: <port>,
 * response: <code>" (newer versions: "Got bad greeting from SMTP host: …, response: <the reply>"); "[EOF]" is no reply
 * (jakartaee/mail-api SMTPTransport.java openServer).
 */
const GREETING =
  /\b(?:Could not connect to|Got bad greeting from) SMTP host: [^,\n]{1,255}, port: \d{1,5}, response: ([2-5]\d\d)(?:[ -]([^\n]{0,2000}))?(?![\d\w])/g;

export const java: Extractor = {
  id: 'javamail',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(GREETING)) {
      const [whole, code = '', rest] = m;
      const body = (rest ?? '').trim();
      out.push({
        lines: wireLines(Number(code), body),
        phase: 'greeting',
        start: m.index,
        end: m.index + whole.length,
        source: 'javamail',
        ...(body === '' ? { quote: whole, certainty: 'inferred' as const } : {}),
      });
    }
    for (const m of text.matchAll(EXCEPTION)) {
      const [, name = '', code = '', rest = ''] = m;
      const more = continuation(text, lineEnd(text, m.index), Number(code));
      out.push({
        lines: [`${code}${rest}`.trimEnd(), ...more.lines],
        phase: phaseOf(name),
        start: m.index,
        end: Math.max(more.end, lineEnd(text, m.index)),
        source: 'javamail',
      });
    }
    return out;
  },
};
