// Ruby Net::SMTP: Net::SMTPAuthenticationError: 535-5.7.8 … (or "(535 …)" as Rails logs it).
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
      const phase: Phase | null = kind === 'Authentication' ? 'auth' : null;
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
