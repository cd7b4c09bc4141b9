// Reply rendering: a persona's reply template, with its per-session placeholders filled, as wire bytes.
import { GENERIC_REPLIES } from './personas/generic.js';
import type { Persona, ReplyKey, SourcedReply } from './personas/types.js';

/** Values for the placeholders that the persona files write in angle brackets. */
export type ReplyVars = Readonly<Record<string, string>>;

/**
 * Replies a server words like another one unless the persona says otherwise: a refused AUTH LOGIN gets the same
 * refusal as AUTH PLAIN (only the Postfix family words it differently, and those personas say so).
 */
const WORDED_LIKE: Partial<Record<ReplyKey, ReplyKey>> = { authRejectedLogin: 'authRejected' };

/** The persona's own reply (or the one it words alike), else the generic RFC one. */
export function replyFor(persona: Persona, key: ReplyKey): SourcedReply {
  return ownReply(persona, key) ?? GENERIC_REPLIES[key];
}

/** True when the persona has a reply of its own (not the generic fallback). */
export function hasOwnReply(persona: Persona, key: ReplyKey): boolean {
  return ownReply(persona, key) !== undefined;
}

function ownReply(persona: Persona, key: ReplyKey): SourcedReply | undefined {
  const alike = WORDED_LIKE[key];
  return persona.replies[key] ?? (alike === undefined ? undefined : persona.replies[alike]);
}

/**
 * Fills `<name>` placeholders whose name is in `vars`; every other `<…>` (e.g. `<CR><LF>`, a URL in brackets) is
 * left exactly as written. Returns the wire text with a final CRLF.
 */
export function renderReply(template: string, vars: ReplyVars): string {
  const filled = template.replace(/<([^<>\r\n]{1,40})>/g, (whole, name: string) => vars[name] ?? whole);
  return `${filled}\r\n`;
}

/** Splits a wire reply (with or without the final CRLF) into its lines. */
export function replyLines(wire: string): string[] {
  return wire.replace(/\r\n$/, '').split('\r\n');
}

/** The reply code of a wire reply (its first three characters), or 0 when there is none. */
export function replyCode(wire: string): number {
  const code = /^(\d{3})/.exec(wire);
  return code ? Number(code[1]) : 0;
}

/** Joins lines into a multi-line reply, fixing the continuation marks ("250-" … "250 ") after lines were removed or added. */
export function joinReplyLines(lines: readonly string[]): string {
  return lines
    .map((line, i) => {
      const m = /^(\d{3})[ -]?(.*)$/.exec(line);
      if (!m) return line;
      return `${m[1] ?? ''}${i === lines.length - 1 ? ' ' : '-'}${m[2] ?? ''}`;
    })
    .join('\r\n');
}

/** Removes one EHLO keyword line (e.g. STARTTLS) from an EHLO reply. */
export function withoutKeyword(wire: string, keyword: string): string {
  const lines = replyLines(wire);
  const kept = lines.filter((line, i) => i === 0 || line.slice(4).trim().split(/\s+/)[0]?.toUpperCase() !== keyword);
  return `${joinReplyLines(kept)}\r\n`;
}

/** The SASL mechanisms an EHLO reply template announces ("AUTH …" and the legacy "AUTH=…"), upper case. */
export function advertisedMechanisms(template: string): string[] {
  const found = new Set<string>();
  for (const line of replyLines(template).slice(1)) {
    const m = /^\d{3}[ -]AUTH[ =](.*)$/i.exec(line);
    if (!m) continue;
    for (const name of (m[1] ?? '').trim().split(/\s+/)) if (name) found.add(name.toUpperCase());
  }
  return [...found];
}
