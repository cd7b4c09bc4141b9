// JavaMail / Jakarta Mail: AuthenticationFailedException: 535-5.7.8 … and the SMTP*Exception family.
import type { Phase } from '../../model/transcript.js';
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

/** The code ends at a space, a hyphen or the line's end: "535: …" is MailKit's format (extractors/mailkit.ts). */
const EXCEPTION = /\b([A-Za-z]*Exception): (\d{3})([ -][^\n]*)?(?![^\n])/g;

function phaseOf(name: string): Phase | null {
  if (name === 'AuthenticationFailedException') return 'auth';
  if (name === 'SMTPAddressFailedException') return 'rcpt';
  if (name === 'SMTPSenderFailedException') return 'mail';
  return null;
}

export const java: Extractor = {
  id: 'javamail',
  extract(text) {
    const out: FoundReply[] = [];
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
