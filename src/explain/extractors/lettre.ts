// Rust's lettre: "permanent error (535): 5.7.8 Username and Password not accepted…" — the code in brackets, then the
// server's text as the error's source (lettre/lettre@7e23d60:src/transport/smtp/error.rs, Display for Error).
import { wireLines, type Extractor, type FoundReply } from './types.js';

const ERROR = /\b(?:permanent|transient) error \(([245]\d\d)\)(?:: ([^\n]{1,2000}))?/g;

export const lettre: Extractor = {
  id: 'lettre',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(ERROR)) {
      const [whole, code = '', message] = m;
      const body = (message ?? '').trim();
      out.push({
        lines: wireLines(Number(code), body),
        phase: null,
        start: m.index,
        end: m.index + whole.length,
        source: 'lettre',
        ...(body === '' ? { quote: whole, certainty: 'inferred' as const } : {}),
      });
    }
    return out;
  },
};
