// .NET System.Net.Mail SmtpException: "<status text> The server response was: 5.7.0 …" — the code is in the status text.
import type { Extractor, FoundReply } from './types.js';
import { wireLines } from './types.js';

/** SmtpStatusCode texts (dotnet/runtime System.Net.Mail Strings.resx) and the reply code each stands for. */
const STATUS: readonly [RegExp, number][] = [
  [/The SMTP server requires a secure connection or the client was not authenticated\./, 530],
  [/Mailbox unavailable\./, 550],
  [/Mailbox name not allowed\./, 553],
  [/Syntax error, command unrecognized\./, 500],
  [/Syntax error in parameters or arguments\./, 501],
  [/Command not implemented\./, 502],
  [/Bad sequence of commands\./, 503],
  [/Command parameter not implemented\./, 504],
  [/Service not available, closing transmission channel\./, 421],
  [/Insufficient system storage\./, 452],
  [/Transaction failed\./, 554],
  [/Exceeded storage allocation\./, 552],
  [/User not local; please try/, 551],
];
const RESPONSE = /The server response was: ([^\n]*)/g;

export const dotnet: Extractor = {
  id: 'dotnet',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(RESPONSE)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      const before = text.slice(Math.max(0, lineStart - 300), m.index);
      const code = STATUS.find(([re]) => re.test(before))?.[1];
      if (code === undefined) continue;
      const body = (m[1] ?? '').trim().replace(/['"]$/, '');
      const lines = /^\d{3}[ -]/.test(body) ? [body] : wireLines(code, body);
      out.push({ lines, phase: null, start: m.index, end: m.index + m[0].length, source: 'dotnet' });
    }
    return out;
  },
};
