// Rust's lettre: "permanent error (535): 5.7.8 Username and Password not accepted…" — the code in brackets, then the
// server's text as the error's source (lettre/lettre@7e23d60:src/transport/smtp/error.rs, Display for Error) — and its
// Debug form, where the code is spelled as its three digits' names: "Permanent(Code { severity:
// PermanentNegativeCompletion, category: Unspecified3, detail: Five })" is 535 (src/transport/smtp/response.rs).
import type { Phase } from '../../model/transcript.js';
import { phaseOfCommand } from '../lines.js';
import { wireLines, type Extractor, type FoundReply } from './types.js';

/**
 * lettre 0.9's debug log (lettre::smtp::client): "Wrote: EHLO host<CRLF>" for each command and "Read: 250-a<CRLF>250 b
 * <CRLF>" for each reply, its lines joined on one log line with the escape shown as "<CRLF>"
 * (lettre/lettre@v0.9.6:lettre/src/smtp/client/mod.rs, debug!("Wrote: {}", …) and debug!("Read: {}", escape_crlf(…)), escape_crlf replaces
 * "\r\n" with "<CRLF>").
 */
const DEBUG_LINE = /\b(Wrote|Read): ([^\n]{1,4000})/g;

const ERROR = /\b(?:permanent|transient) error \(([245]\d\d)\)(?:: ([^\n]{1,2000}))?/g;

/** lettre's `Code` printed with `{:?}`: each digit an enum variant (older releases print the detail as a number). */
const DEBUG_CODE =
  /\bCode \{ severity: (PositiveCompletion|PositiveIntermediate|TransientNegativeCompletion|PermanentNegativeCompletion), category: (Syntax|Information|Connections|Unspecified3|Unspecified4|MailSystem), detail: (Zero|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|\d) \}/g;

const SEVERITY: Record<string, number> = {
  PositiveCompletion: 2,
  PositiveIntermediate: 3,
  TransientNegativeCompletion: 4,
  PermanentNegativeCompletion: 5,
};
const CATEGORY: Record<string, number> = {
  Syntax: 0,
  Information: 1,
  Connections: 2,
  Unspecified3: 3,
  Unspecified4: 4,
  MailSystem: 5,
};
const DETAIL = ['Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'];

function debugCode(severity: string, category: string, detail: string): number | undefined {
  const first = SEVERITY[severity];
  const second = CATEGORY[category];
  const third = /^\d$/.test(detail) ? Number(detail) : DETAIL.indexOf(detail);
  if (first === undefined || second === undefined || third < 0) return undefined;
  return first * 100 + second * 10 + third;
}

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
    // Each reply of the debug log, at the phase of the last command written before it (the greeting before any).
    let phase: Phase | null = 'greeting';
    for (const m of text.matchAll(DEBUG_LINE)) {
      const [whole, kind, body = ''] = m;
      const parts = body.split('<CRLF>').map((l) => l.trim());
      if (kind === 'Wrote') {
        phase = phaseOfCommand(parts[0] ?? '') ?? phase;
        continue;
      }
      const lines = parts.filter((l) => l !== '');
      if (lines.length === 0 || !lines.every((l) => /^[2-5]\d\d(?:[ -]|$)/.test(l))) continue;
      out.push({ lines, phase, start: m.index, end: m.index + whole.length, source: 'lettre' });
    }
    for (const m of text.matchAll(DEBUG_CODE)) {
      const [whole, severity = '', category = '', detail = ''] = m;
      const code = debugCode(severity, category, detail);
      if (code === undefined) continue;
      out.push({
        lines: [String(code)],
        phase: null,
        start: m.index,
        end: m.index + whole.length,
        source: 'lettre',
        quote: whole,
        certainty: 'inferred',
      });
    }
    return out;
  },
};
