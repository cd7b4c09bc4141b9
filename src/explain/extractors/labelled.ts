// Replies inside a log line after a label ("send alert: 535 5.7.8 …"), as Go programs and loggers print them; only
// with an enhanced status code, which keeps ordinary numbers in prose from being read as replies.
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

const LABELLED = /(?:: |\] )(\d{3})([ -])([245]\.\d{1,3}\.\d{1,3})( [^\n]*)?/g;

export const labelled: Extractor = {
  id: 'labelled',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(LABELLED)) {
      const [whole, code = '', sep = '', enhanced = '', rest = ''] = m;
      if (enhanced.charAt(0) !== code.charAt(0)) continue;
      const start = m.index + whole.indexOf(code);
      const more = continuation(text, lineEnd(text, start), Number(code), enhanced);
      const lines = [`${code}${sep}${enhanced}${rest}`.trimEnd(), ...more.lines];
      // Continuation lines without a code make the lines before them non-final.
      const wire = lines.map((l, i) => `${l.slice(0, 3)}${i === lines.length - 1 ? ' ' : '-'}${l.slice(4)}`);
      out.push({ lines: wire, phase: null, start, end: Math.max(more.end, lineEnd(text, start)), source: 'labelled' });
    }
    return out;
  },
};
