// Transcripts (swaks, curl -v, msmtp, PHPMailer SMTPDebug, nodemailer's logger, smtplib's debug, raw replies):
// server lines grouped into replies, each given the phase of the client command it answers.
import type { Phase } from '../../model/transcript.js';
import { classifyLines, phaseOfCommand, type ClassifiedLine } from '../lines.js';
import { wrappedRest, type Extractor, type FoundReply } from './types.js';

const ENHANCED = /^(\d{3})([ -])([245]\.\d{1,3}\.\d{1,3})\b/;

export const transcript: Extractor = {
  id: 'transcript',
  extract(text) {
    const lines = classifyLines(text, { pieces: true });
    const hasClient = lines.some((l) => l.kind === 'client');
    const out: FoundReply[] = [];
    let phase: Phase | null = hasClient ? 'greeting' : null;
    let group: ClassifiedLine[] = [];
    let dataSent = false;
    /** Where the wrapped lines of the last reply end: they are its words, not lines of their own. */
    let wrappedUntil = -1;

    const flush = (): void => {
      if (group.length === 0) return;
      const replies = splitReplies(group);
      // A reply whose lines were printed in a row and wrapped carries on in the indented lines after it.
      const last = replies[replies.length - 1];
      const lastLine = last?.lines[last.lines.length - 1];
      const code = lastLine?.slice(0, 3) ?? '';
      const wrapped = last && lastLine ? wrappedRest(text, last.end, code, group[group.length - 1]?.body ?? '') : null;
      if (last && lastLine && wrapped) {
        last.lines[last.lines.length - 1] = `${lastLine} ${wrapped.text}`;
        last.end = wrapped.end;
        wrappedUntil = wrapped.end;
      }
      for (const reply of replies) out.push({ ...reply, phase, source: 'transcript' });
      group = [];
    };

    lines.forEach((line, i) => {
      if (line.start < wrappedUntil) return;
      const next = lines[i + 1];
      if (line.kind === 'server') {
        group.push(line);
        const code = line.body.slice(0, 3);
        // 334 is only ever an AUTH challenge and 235 only ever the AUTH success (RFC 4954 §4, §6): a transcript that
        // starts at one, or whose AUTH line was cut off, is in the AUTH exchange here.
        if (code === '334' || code === '235') phase = 'auth';
        // A final line ends the reply, unless the next line continues it without its code (Go, Python).
        if (line.body.charAt(3) !== '-' && !(next && continuesWithoutCode(line.body, next.body.trim()))) {
          flush();
          if (phase === 'data' && code === '354') dataSent = true;
        }
        return;
      }
      const last = group[group.length - 1];
      if (last && line.kind === 'other' && continuesWithoutCode(last.body, line.body.trim())) {
        const code = last.body.slice(0, 3);
        last.body = `${code}-${last.body.slice(4)}`;
        group.push({ ...line, kind: 'server', body: `${code} ${line.body.trim()}` });
        if (!(next && continuesWithoutCode(line.body.trim(), next.body.trim(), code))) flush();
        return;
      }
      flush();
      if (line.kind === 'client') {
        const opened = phaseOfCommand(line.body);
        if (opened) phase = opened;
        else if (dataSent) phase = 'data';
        // RSET, NOOP, VRFY, EXPN and HELP answer no phase of a login or a send (a SASL response keeps AUTH's).
        else if (/^(?:RSET|NOOP|VRFY|EXPN|HELP)\b/i.test(line.body)) phase = null;
      }
    });
    flush();
    return out;
  },
};

/**
 * "535 5.7.8 text" followed by "5.7.8  more": the second line continues the reply (its code was dropped). A line
 * that is itself a continuation ("5.7.8 more") may be followed by another one with the same enhanced code.
 */
function continuesWithoutCode(previous: string, line: string, code?: string): boolean {
  const m = ENHANCED.exec(code !== undefined ? `${code} ${previous}` : previous);
  if (!m) return false;
  return new RegExp(`^${(m[3] ?? '').replace(/\./g, '\\.')}\\s`).test(line);
}

/** Consecutive server lines may hold several replies; a truncated multi-line reply is closed at its last line. */
function splitReplies(group: ClassifiedLine[]): Omit<FoundReply, 'phase' | 'source'>[] {
  const out: Omit<FoundReply, 'phase' | 'source'>[] = [];
  let current: ClassifiedLine[] = [];
  const close = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (!first || !last) return;
    const code = first.body.slice(0, 3);
    const lines = current.map((l, i) => {
      const body = l.body.slice(0, 3) === code ? l.body.slice(4) : l.body;
      return `${code}${i === current.length - 1 ? ' ' : '-'}${body}`.trimEnd();
    });
    out.push({ lines, start: first.start, end: last.end });
    current = [];
  };
  for (const line of group) {
    const code = line.body.slice(0, 3);
    if (current.length > 0 && current[0]?.body.slice(0, 3) !== code) close();
    current.push(line);
    if (line.body.charAt(3) !== '-') close();
  }
  close();
  return out;
}
