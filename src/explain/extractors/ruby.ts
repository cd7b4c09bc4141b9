// Ruby Net::SMTP: Net::SMTPAuthenticationError: 535-5.7.8 … (or "(535 …)" as Rails logs it).
// SMTPAuthenticationError is what net/smtp raises for a refused AUTH (check_auth_response) and for any 53x reply to
// any command (Response#exception_class, ruby/net-smtp lib/net/smtp.rb): a 530 "authentication required" to MAIL FROM
// is no refused login, so 530–533 get no phase here (a stack frame may tell it, replies.ts).
import type { Phase } from '../../model/transcript.js';
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

const ERROR =
  /Net::SMTP(Authentication|Fatal|ServerBusy|Syntax|Unknown|UnsupportedCommand)Error\b(?::\s*|\s*\(\s*)(\d{3})([ -][^\n]*?)?\)?(?=\n|$)/g;

export const ruby: Extractor = {
  id: 'ruby',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(ERROR)) {
      const [, kind = '', code = '', rest = ''] = m;
      const phase: Phase | null = kind === 'Authentication' && !/^53[0-3]$/.test(code) ? 'auth' : null;
      const more = continuation(text, lineEnd(text, m.index), Number(code));
      out.push({
        lines: [`${code}${rest}`.trimEnd(), ...more.lines],
        phase,
        start: m.index,
        end: Math.max(more.end, lineEnd(text, m.index)),
        source: 'ruby',
      });
    }
    return out;
  },
};
