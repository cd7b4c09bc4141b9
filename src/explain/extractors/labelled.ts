// Replies inside a log line after a label or in a field: "send alert: 535 5.7.8 …", a Go log.Fatal line
// "2026/02/02 10:00:00 535 Authentication Credentials Invalid", logfmt error="535 …", JSON "error":"535 …".
import { classifyLine } from '../lines.js';
import { decodeJsLiteral } from '../literals.js';
import { IN_REPLY_TO, phaseBefore, phaseOfCommandName } from './phase-words.js';
import { ENHANCED, ERROR_LABEL, readsLikeReply } from './reply-words.js';
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

/**
 * A reply right after ": ", "] " or a log line's time of day ("10:00:00 ", as Go's log package prints it). Nothing is
 * lazy or followed by a lookahead over the rest of the line, so a long line is read once.
 */
const AFTER_LABEL = /(?:: |\] |\b\d{1,2}:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? )([2-5]\d\d)([ -])([^\n]*)/g;
/**
 * A reply split into a code field and a message field, as structured errors print it: "(code: 526, msg:
 * Authentication failure)", "code=535 message=…". The message is read to the end of its field (a closing bracket or
 * quote, or the line's end).
 */
const CODE_AND_MESSAGE = /\bcode[:=] ?"?([2-5]\d\d)"?,? (?:msg|message)[:=] ?"?([^\n"()]{1,500})/g;
/** A reply as the whole value of a quoted field: error="535 …", "error":"535 …", 'error': '535 …'. */
const QUOTED_FIELD = /[=:] ?(["'])([2-5]\d\d[ -](?:\\.|(?!\1)[^\\\n])*)/g;

export const labelled: Extractor = {
  id: 'labelled',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(AFTER_LABEL)) {
      const [whole, code = '', sep = '', line = ''] = m;
      const start = m.index + whole.length - line.length - 4;
      // A transcript line ("S: 535-…", "SERVER -> CLIENT: 535 …") is the transcript extractor's: it joins the lines.
      if (isTranscriptLine(text, start)) continue;
      const body = withinField(line);
      const enhanced = ENHANCED.exec(body)?.[1];
      // After ": " the label must announce an error ("Error: ", "send failed: "), unless the enhanced code vouches.
      const needsLabel = whole.startsWith(': ') && enhanced === undefined;
      const label = needsLabel ? lastLine(text.slice(Math.max(0, m.index - LABEL_LOOKBACK), m.index)) : '';
      if (!readsLikeReply(code, enhanced, body) || (needsLabel && !ERROR_LABEL.test(label))) continue;
      const more = continuation(text, lineEnd(text, start), Number(code), enhanced);
      const note = IN_REPLY_TO.exec(body);
      out.push({
        lines: wire([`${code}${sep}${note ? body.slice(0, note.index).trimEnd() : body}`.trimEnd(), ...more.lines]),
        phase: note
          ? phaseOfCommandName(note[1] ?? '')
          : phaseBefore(lastLine(text.slice(Math.max(0, start - PHASE_LOOKBACK), start))),
        start,
        end: Math.max(more.end, start + 4 + body.length),
        source: 'labelled',
      });
    }
    for (const m of text.matchAll(CODE_AND_MESSAGE)) {
      const [whole, code = '', message = ''] = m;
      const body = message.trim();
      const enhanced = ENHANCED.exec(body)?.[1];
      // A message that is the whole reply, code and all ("code:550 msg:550-5.7.1 …"), is read where it stands.
      if (body === '' || /^[2-5]\d\d[ -]/.test(body) || !readsLikeReply(code, enhanced, body)) continue;
      out.push({
        lines: [`${code} ${body}`],
        phase: phaseBefore(lastLine(text.slice(Math.max(0, m.index - PHASE_LOOKBACK), m.index))),
        start: m.index,
        end: m.index + whole.length,
        source: 'labelled',
      });
    }
    for (const m of text.matchAll(QUOTED_FIELD)) {
      const [whole, , literal = ''] = m;
      const lines = decodeJsLiteral(literal)
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l !== '');
      const first = lines[0] ?? '';
      const code = first.slice(0, 3);
      const body = first.slice(4);
      const enhanced = ENHANCED.exec(body)?.[1];
      const key = /([\w.-]{1,40})["']?\s?$/.exec(text.slice(Math.max(0, m.index - LABEL_LOOKBACK), m.index))?.[1] ?? '';
      if (!readsLikeReply(code, enhanced, body) || (enhanced === undefined && !ERROR_LABEL.test(key))) continue;
      const start = m.index + whole.length - literal.length;
      out.push({
        lines: wire(lines.map((l) => (/^\d{3}[ -]/.test(l) ? l : `${code} ${l.trim()}`))),
        phase: null,
        start,
        end: start + literal.length,
        source: 'labelled',
      });
    }
    return out;
  },
};

/** How far before a reply its label or field name is read (bounded, so that long lines stay linear). */
const LABEL_LOOKBACK = 60;
/** How far before a reply the words naming its command are read ("SASL authentication failed; server … said: "). */
const PHASE_LOOKBACK = 160;

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/**
 * The part of a line that belongs to a field the label opened: msg="send failed: 535 …" host=x ends at the quote
 * that closes the field (a quote followed by the end, a separator or the next key=).
 */
function withinField(line: string): string {
  const close = /"(?=\s*$|\s*[,}\]]|\s+[\w.-]+=)/.exec(line);
  return (close ? line.slice(0, close.index) : line).trimEnd();
}

function isTranscriptLine(text: string, offset: number): boolean {
  const from = text.lastIndexOf('\n', offset) + 1;
  return classifyLine(text.slice(from, lineEnd(text, offset))).kind === 'server';
}

/** Lines continued without their code make the lines before them non-final. */
function wire(lines: string[]): string[] {
  return lines.map((l, i) => `${l.slice(0, 3)}${i === lines.length - 1 ? ' ' : '-'}${l.slice(4)}`);
}
