// Replies in any other wrapper: after "=", inside [ ], ( ), quotes or backticks, "530: 5.7.0 …" — wherever a code reads
// like a reply. The last extractor: the client-specific ones before it know their formats better, and win overlaps.
import type { Phase } from '../../model/transcript.js';
import { IN_REPLY_TO, phaseBefore, phaseOfCommandName } from './phase-words.js';
import { enhancedOf, ERROR_LABEL, readsLikeReply, SMTP_WORDS } from './reply-words.js';
import { continuation, wrappedRest, type Extractor, type FoundReply } from './types.js';

/**
 * A reply code not glued to a word, number, path or time ("10:00:00", "v1.535", "/535", the milliseconds of
 * "16:01:33,410"; a label's "code:550" is read), followed by its separator: a space or hyphen as on the wire, or ": " as some clients print it
 * ("530: 5.7.0 …"). A reply's text never starts with a colon or comma ("410 : Error …" is a log's time and label).
 * Bounded and without lazy parts, so a long line is read once.
 */
const CODE = /(?<![\w./\\-])(?<![\d\s]:)(?<!\d,)([245]\d\d)(?:([ -])|: ?)(?=[^\s:,;])/g;

/** The label words a code may follow without a space: "SMTP code:550", "msg:550-5.7.1 …". */
const GLUED_LABEL = /(?:^|[^\w.-])(?:code|msg|message|response|reply|status|error|smtp)[:]$/i;
/** Brackets and quotes a client prints a reply inside, with what closes each. */
const CLOSERS: Readonly<Record<string, string>> = { '[': ']', '(': ')', '"': '"', "'": "'", '`': '`' };

/** A command named right after the reply: "… closing connection. (EHLO)". */
const COMMAND_AFTER = /^\s*\((EHLO|HELO|AUTH|MAIL FROM|RCPT TO|DATA|STARTTLS)\)/;
/** How far before a reply the client's words about it are read (bounded, so a long line stays linear). */
const LOOKBACK = 120;
/** How far a reply's text is read: one reply line is short (RFC 5321 §4.5.3.1.5: 512 octets), printed ones longer. */
const MAX_REPLY = 2000;
/** Lines one multi-line reply may have here (an EHLO reply has a few dozen at most). */
const MAX_LINES = 100;

export const anywhere: Extractor = {
  id: 'anywhere',
  fallback: true,
  extract(text) {
    const out: FoundReply[] = [];
    // A code inside a reply already read is part of its text ("… (530 5.7.0 …)" or a pasted run of replies).
    let readUntil = 0;
    for (const m of text.matchAll(CODE)) {
      const [whole, code = '', sep] = m;
      const start = m.index;
      if (start < readUntil) continue;
      // Glued to a colon only after a label's word ("code:550", "msg:550-…"), never a host's port ("smtp.x.com:465").
      if (text.charAt(start - 1) === ':' && !GLUED_LABEL.test(text.slice(Math.max(0, start - 21), start))) continue;
      const bodyStart = start + whole.length;
      // Everything below reads a bounded window: a paste of one huge line with many codes must stay linear.
      const window = text.slice(bodyStart, bodyStart + MAX_REPLY);
      const newline = window.indexOf('\n');
      const eol = newline === -1 ? bodyStart + window.length : bodyStart + newline;
      const close = closerOf(text, start);
      const closeAt = close === undefined ? -1 : window.indexOf(close);
      const bodyEnd = closeAt >= 0 && bodyStart + closeAt < eol ? bodyStart + closeAt : eol;
      const raw = text.slice(bodyStart, bodyEnd);
      const lines = escapedLines(raw);
      const first = trimTail(lines[0] ?? '');
      // "code:550 msg:550-5.7.1 …": a label's value runs into the next label, whose reply is read next.
      if (/^\w{1,20}:\s?[2-5]\d\d[ -]/.test(first)) continue;
      // "code=500 rid=… uid=…": a logfmt field's number with more fields after it, not a reply's text.
      if (/^[\w.-]{1,30}=/.test(first)) continue;
      const enhanced = enhancedOf(first);
      if (!readsLikeReply(code, enhanced, first)) continue;
      // Without an enhanced code, a number that reads like a refusal may still be a count ("535 records failed"): the
      // reply must speak SMTP, or the words before it on its line must announce an error or a server's answer.
      if (enhanced === undefined && !SMTP_WORDS.test(first.slice(0, 200)) && !ERROR_LABEL.test(lineBefore(text, start)))
        continue;
      const rest = text.slice(bodyEnd, Math.min(eol, bodyEnd + 200));
      const phase = phaseAround(text, start, `${raw}${rest}`);
      const body = [withSummary(text, start, first), ...lines.slice(1).map(trimTail)].filter((l) => l !== '');
      const next =
        bodyEnd === eol && text.charAt(eol) === '\n'
          ? continuation(text, eol, Number(code), enhanced, MAX_LINES)
          : { lines: [], end: bodyEnd };
      // A bounce that printed the reply's lines in a row and wrapped them ("550-Verification failed for <a> 550-The
      // mail server could not\n    deliver mail … 550 Sender verify\n    failed"): the indented lines up to its last line.
      const wrapped =
        next.lines.length === 0 && body.length === 1 && bodyEnd === eol ? wrappedRest(text, eol, code, first) : null;
      if (wrapped) body[0] = `${body[0] ?? ''} ${wrapped.text}`;
      const more = wrapped ? { lines: [], end: wrapped.end } : next;
      const all = [...body.map((l) => `${code} ${withoutNote(l)}`), ...more.lines];
      readUntil = Math.max(bodyEnd, more.end);
      out.push({
        lines: all.map((l, i) => `${l.slice(0, 3)}${i === all.length - 1 ? ' ' : '-'}${l.slice(4)}`),
        phase,
        start,
        end: Math.max(bodyEnd, more.end),
        source: 'anywhere',
        // A code its enhanced code vouches for is a reply as printed; one that only its words make a reply is less sure.
        certainty: enhanced === undefined ? 'inferred' : 'wrapped',
        ...(sep === undefined || close !== undefined ? { quote: text.slice(start, bodyEnd).trim() } : {}),
      });
    }
    return out;
  },
};

/** The words before the reply on its line, at most LOOKBACK characters of them. */
function lineBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - LOOKBACK), start);
  return before.slice(before.lastIndexOf('\n') + 1);
}

/** The closing character for a bracket or quote right before the code (Python's b'…' included), if any. */
function closerOf(text: string, start: number): string | undefined {
  const before = text.charAt(start - 1);
  const closer = CLOSERS[before];
  if (closer !== undefined) return closer;
  const quote = text.charAt(start - 2);
  return text.charAt(start - 1) === ' ' && (quote === '[' || quote === '(') ? CLOSERS[quote] : undefined;
}

/** A reply printed inside a string literal keeps its line breaks as "\r\n" or "\n" escapes: split them back. */
function escapedLines(raw: string): string[] {
  return raw.includes('\\n') ? raw.split(/\\r\\n|\\n/) : [raw];
}

/**
 * Without what a wrapper left at the end: a closing quote or backtick, a comma, whitespace, and brackets the reply
 * never opened ("(Diagnostic-Code: smtp; 553 5.7.1)", a JSON object's "…exceeded\"}"). Counted once, so a long run of brackets stays linear.
 */
function trimTail(line: string): string {
  let end = line.length;
  // Brackets are counted only when one ends the line: most lines end in a word, and a long line must not be walked for
  // every code on it.
  let counts: Readonly<Record<string, number>> | undefined;
  const stripped: Record<string, number> = {};
  while (end > 0) {
    const last = line.charAt(end - 1);
    if (/[\s"'`,;]/.test(last)) {
      end--;
      continue;
    }
    const opener = OPENERS[last];
    if (opener === undefined) break;
    counts ??= depths(line);
    // Only brackets the reply never opened: "(Diagnostic-Code: smtp; 553 5.7.1)" loses its ")", "(EHLO)" keeps it.
    if ((counts[last] ?? 0) - (stripped[last] ?? 0) <= 0) break;
    stripped[last] = (stripped[last] ?? 0) + 1;
    end--;
  }
  return line.slice(0, end);
}

/** The closing brackets a wrapper may leave after a reply, with their openers. */
const OPENERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** For each closing bracket, how many more closing than opening ones the line has (negative: more opened). */
function depths(text: string): Record<string, number> {
  const d: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === ')' || c === ']' || c === '}') d[c] = (d[c] ?? 0) + 1;
    else if (c === '(') d[')'] = (d[')'] ?? 0) - 1;
    else if (c === '[') d[']'] = (d[']'] ?? 0) - 1;
    else if (c === '{') d['}'] = (d['}'] ?? 0) - 1;
  }
  return d;
}

/**
 * A bounce summarised as the server's words, then the DSN's Diagnostic-Code field (RFC 3464 §2.3.6) with only the codes:
 * "Sender address rejected: not logged in (Diagnostic-Code: smtp; 553 5.7.1)". The words before are the reply's text.
 */
const SUMMARY_BEFORE = /(?:^|\n)([^\n(]{3,300}?)\s*\(Diagnostic-Code: smtp; ?$/i;

/** The reply's text, or the summary before a Diagnostic-Code field when the field carries only the codes. */
function withSummary(text: string, start: number, first: string): string {
  if (!/^(?:[245]\.\d{1,3}\.\d{1,3})?$/.test(first)) return first;
  const summary = SUMMARY_BEFORE.exec(text.slice(Math.max(0, start - 330), start))?.[1]?.trim();
  return summary ? `${first} ${summary}`.trim() : first;
}

/** Without Postfix's "(in reply to … command)" note, which describes the reply rather than being part of it. */
function withoutNote(line: string): string {
  const at = line.search(IN_REPLY_TO);
  return at > 0 ? line.slice(0, at).trimEnd() : line;
}

/** The command a reply answered, from the words around it; `after` is the reply's own text and what follows it. */
function phaseAround(text: string, start: number, after: string): Phase | null {
  const note = IN_REPLY_TO.exec(after) ?? IN_REPLY_TO.exec(text.slice(start, start + 400));
  if (note) return phaseOfCommandName(note[1] ?? '');
  const named = COMMAND_AFTER.exec(after.slice(after.search(/\)\s*\(|$/) + 1));
  if (named) return phaseOfCommandName(named[1] ?? '');
  return phaseBefore(lineBefore(text, start));
}
