// Wrappers that name the command before the reply: Go programs ("failed to issue MAIL command: 555 …"), PHP and
// others ("AUTH command failed: 535 …").
import type { Phase } from '../../model/transcript.js';
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

/** The reply may be quoted: mailsend prints "MAIL FROM failed: '550 Authentication is required for relay'". */
const PREFIX =
  /\b(MAIL|RCPT|DATA|AUTH|EHLO|HELO|STARTTLS)\b(?: FROM| TO)?(?: command)?(?: failed)?: (['"]?)(\d{3})([ -][^\n]*)?/g;
const PHASE: Readonly<Record<string, Phase>> = {
  MAIL: 'mail',
  RCPT: 'rcpt',
  DATA: 'data',
  AUTH: 'auth',
  EHLO: 'ehlo',
  HELO: 'ehlo',
  STARTTLS: 'starttls',
};

export const commandPrefix: Extractor = {
  id: 'command-prefix',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(PREFIX)) {
      const [, command = '', quote = '', code = '', line = ''] = m;
      const rest = quote === '' ? line : withoutClosing(line, quote);
      const more = continuation(text, lineEnd(text, m.index), Number(code));
      out.push({
        lines: [`${code}${rest}`.trimEnd(), ...more.lines],
        phase: PHASE[command] ?? null,
        start: m.index,
        end: Math.max(more.end, lineEnd(text, m.index)),
        source: 'command-prefix',
      });
    }
    return out;
  },
};

/** A quoted reply's text up to its closing quote. */
function withoutClosing(line: string, quote: string): string {
  const at = line.lastIndexOf(quote);
  return at >= 0 ? line.slice(0, at) : line;
}
