// Replies quoted inside other replies: Exchange's "530 5.7.57 … Error: 535 5.7.139 …" names the AUTH failure.
import type { Extractor, FoundReply } from './types.js';

const EMBEDDED = /\bError: (5\d\d) ([245]\.\d{1,3}\.\d{1,3}) ([^\n]*?)(?=\s*$|\n|['"]\s*$)/gm;

export const embedded: Extractor = {
  id: 'embedded',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(EMBEDDED)) {
      const [whole, code = '', enhanced = '', rest = ''] = m;
      const start = m.index + whole.indexOf(code);
      out.push({
        lines: [`${code} ${enhanced} ${rest}`.trimEnd()],
        phase: code === '535' ? 'auth' : null,
        start,
        end: m.index + whole.length,
        source: 'embedded',
      });
    }
    return out;
  },
};
