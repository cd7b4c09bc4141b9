// Replies quoted inside other replies: Exchange's "530 5.7.57 … Error: 535 5.7.139 …" names the AUTH failure.
import type { Extractor, FoundReply } from './types.js';

/**
 * The rest of the line is taken whole and trimmed afterwards: a lazy capture followed by a "whitespace to the end of
 * the line" lookahead rescanned a long run of spaces at every step (quadratic; 100,000 spaces took 19 s).
 */
const EMBEDDED = /\bError: (5\d\d) ([245]\.\d{1,3}\.\d{1,3}) ([^\n]*)/g;

export const embedded: Extractor = {
  id: 'embedded',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(EMBEDDED)) {
      const [whole, code = '', enhanced = '', line = ''] = m;
      const rest = withoutClosingQuote(line);
      const start = m.index + whole.indexOf(code);
      out.push({
        lines: [`${code} ${enhanced} ${rest}`.trimEnd()],
        phase: code === '535' ? 'auth' : null,
        start,
        end: m.index + whole.length - line.length + rest.length,
        source: 'embedded',
      });
    }
    return out;
  },
};

/** The line without trailing whitespace and the quote that closes a string the reply was printed in. */
function withoutClosingQuote(line: string): string {
  const trimmed = line.trimEnd();
  return /['"]$/.test(trimmed) ? trimmed.slice(0, -1).trimEnd() : trimmed;
}
