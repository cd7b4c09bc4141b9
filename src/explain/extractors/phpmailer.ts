// PHPMailer: "SMTP ERROR: Password command failed: 535-5.7.8 …" (its SERVER -> CLIENT lines go to the transcript).
import type { Phase } from '../../model/transcript.js';
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

const ERROR = /SMTP ERROR: ([A-Za-z &]+?) command failed: (\d{3})([ -][^\n]*)?/g;

function phaseOf(command: string): Phase | null {
  const c = command.toUpperCase();
  if (
    c === 'PASSWORD' ||
    c === 'USERNAME' ||
    c === 'USER & PASSWORD' ||
    c === 'AUTH' ||
    c.startsWith('AUTH') ||
    c === 'OAUTH TOKEN'
  )
    return 'auth';
  if (c === 'MAIL FROM') return 'mail';
  if (c === 'RCPT TO') return 'rcpt';
  if (c.startsWith('DATA')) return 'data';
  if (c === 'STARTTLS') return 'starttls';
  if (c === 'EHLO' || c === 'HELO') return 'ehlo';
  return null;
}

export const phpmailer: Extractor = {
  id: 'phpmailer',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(ERROR)) {
      const [, command = '', code = '', rest = ''] = m;
      const more = continuation(text, lineEnd(text, m.index), Number(code));
      out.push({
        lines: [`${code}${rest}`.trimEnd(), ...more.lines],
        phase: phaseOf(command.trim()),
        start: m.index,
        end: Math.max(more.end, lineEnd(text, m.index)),
        source: 'phpmailer',
      });
    }
    return out;
  },
};
