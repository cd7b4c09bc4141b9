// Client messages in pasted text: what a client library says about itself (error codes, its own wording), each once.
import type { Observation } from '../model/evidence.js';
import { CLIENT_MESSAGES, type ClientMessagePattern } from '../knowledge/client-messages.js';

const COMPILED: readonly (ClientMessagePattern & { re: RegExp })[] = CLIENT_MESSAGES.map((m) => ({
  ...m,
  re: new RegExp(m.pattern, 'iu'),
}));

export function clientObservations(text: string): Observation[] {
  const out: Observation[] = [];
  const seenCodes = new Set<string>();
  const seenMessages = new Set<string>();
  for (const m of COMPILED) {
    const match = m.re.exec(text);
    if (!match) continue;
    const quote = lineAround(text, match.index);
    if ('errorCode' in m.yields) {
      const code = m.yields.errorCode;
      if (seenCodes.has(code)) continue;
      seenCodes.add(code);
      out.push({ kind: 'error-code', code, phase: m.phase, quote });
    } else {
      const id = m.yields.message;
      if (seenMessages.has(id)) continue;
      seenMessages.add(id);
      out.push({ kind: 'client-message', id, phase: m.phase, quote });
    }
  }
  // nodemailer's greeting timer reports ETIMEDOUT too; a specific certificate code makes the generic one redundant; a
  // timeout the traceback places (the connection or the greeting) makes the bare "timed out" redundant.
  return out.filter((o) => {
    if (o.kind === 'client-message') {
      if (o.id === 'timed-out') return !(seenMessages.has('greeting-never-received') || seenCodes.has('ETIMEDOUT'));
      if (o.id === 'read-timed-out') return !seenMessages.has('greeting-never-received');
      return true;
    }
    if (o.kind !== 'error-code') return true;
    if (o.code === 'ETIMEDOUT' && seenMessages.has('greeting-never-received')) return false;
    if (
      o.code === 'CERT_UNTRUSTED' &&
      [...seenCodes].some((c) => c !== 'CERT_UNTRUSTED' && /CERT|SELF_SIGNED|UNABLE_TO|ALTNAME/.test(c))
    )
      return false;
    if (
      o.code === 'ECONNRESET' &&
      o.phase === null &&
      out.some((x) => x !== o && x.kind === 'error-code' && x.code === 'ECONNRESET')
    )
      return false;
    return true;
  });
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  const line = text.slice(start, end === -1 ? text.length : end).trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
