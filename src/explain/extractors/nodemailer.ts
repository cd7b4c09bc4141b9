// nodemailer errors: "Invalid login: 535-5.7.8 …" (with the reply's next lines after it; nodemailer 0.x wrote
// "Invalid login - 535 …", simplesmtp's client.js) and the inspected error object's response: '…' property.
import type { Phase } from '../../model/transcript.js';
import { decodeJsLiteral } from '../literals.js';
import { continuation, lineEnd, type Extractor, type FoundReply } from './types.js';

const PREFIX: Readonly<Record<string, Phase | null>> = {
  'Invalid login': 'auth',
  'Mail command failed': 'mail',
  // nodemailer 0.x (andris9/simplesmtp lib/client.js _actionMAIL: "Mail from command failed - " + the reply).
  'Mail from command failed': 'mail',
  'Recipient command failed': 'rcpt',
  "Can't send mail - all recipients were rejected": 'rcpt',
  'Data command failed': 'data',
  'Message failed': 'data',
  'Invalid greeting. response=': 'greeting',
  'Server terminates connection. response=': 'ehlo',
  'Error upgrading connection with STARTTLS': 'starttls',
  'Invalid login sequence while waiting for "334 VXNlcm5hbWU6"': 'auth',
  'Invalid login sequence while waiting for "334 UGFzc3dvcmQ6"': 'auth',
  'Invalid login sequence while waiting for "235"': 'auth',
};
const MESSAGE = new RegExp(
  `(${Object.keys(PREFIX)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?::| -)? ?(\\d{3})([ -][^\\n]*)?`,
  'g',
);
const RESPONSE = /\bresponse: (['"])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const COMMAND = /\bcommand: ['"]([A-Z ]+(?: [A-Z0-9-]+)?)['"]/;
/**
 * sendMail's info object: its response is the server's last reply, the one to the message's end of DATA, beside
 * accepted, rejected, envelope and messageId (nodemailer lib/smtp-transport: info.response).
 */
const INFO = /\b(?:accepted|rejected|envelope|messageId|messageTime)["']?: /;
/**
 * nodemailer's logger (logger: true) after the server accepted the login: "[time] INFO  [cid] User "name"
 * authenticated" (lib/smtp-connection/index.js _actionAUTHComplete, logged only on a 2xx to AUTH). It prints the
 * 235 itself only with debug on, so the line stands for that reply.
 */
const AUTHENTICATED =
  /^\[[^\]\n]{1,40}\] INFO\s+\[[#\w-]{1,40}\] User (?:"[^"\n]{0,200}"|\S{1,200}) authenticated[ \t]*$/gm;
/** How far around a response property the other properties of its object are looked for. */
const INFO_WINDOW = 1000;

export const nodemailer: Extractor = {
  id: 'nodemailer',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(MESSAGE)) {
      const [, prefix = '', code = '', rest = ''] = m;
      const start = m.index;
      // An error inspected inside brackets ("{ [SenderError: Mail from command failed - 501 …] name: …"): its message
      // ends at the bracket.
      const bracketed = /\[\w{0,40}: $/.test(text.slice(Math.max(0, start - 42), start));
      const first = `${code}${bracketed ? rest.split(']')[0] : rest}`.trimEnd();
      const more = continuation(text, lineEnd(text, start), Number(code));
      out.push({
        lines: [first, ...more.lines],
        phase: PREFIX[prefix] ?? null,
        start,
        end: Math.max(more.end, lineEnd(text, start)),
        source: 'nodemailer',
      });
    }
    const command = COMMAND.exec(text)?.[1];
    for (const m of text.matchAll(RESPONSE)) {
      const value = decodeJsLiteral(m[2] ?? '');
      if (!/^\d{3}[ -]/.test(value)) continue;
      const around = text.slice(Math.max(0, m.index - INFO_WINDOW), m.index + m[0].length + INFO_WINDOW);
      out.push({
        lines: value.split('\n').filter((l) => l !== ''),
        phase: command ? phaseOfNodemailerCommand(command) : INFO.test(around) ? 'data' : null,
        start: m.index,
        end: m.index + m[0].length,
        source: 'nodemailer',
      });
    }
    for (const m of text.matchAll(AUTHENTICATED)) {
      if (/^\s*<?<?\s*235[ -]/m.test(text)) break;
      out.push({
        lines: ['235 Authentication successful'],
        phase: 'auth',
        start: m.index,
        end: m.index + m[0].length,
        source: 'nodemailer',
        quote: m[0].trim(),
        certainty: 'inferred',
      });
      break;
    }
    return out;
  },
};

function phaseOfNodemailerCommand(command: string): Phase | null {
  if (command.startsWith('AUTH')) return 'auth';
  if (command === 'MAIL FROM') return 'mail';
  if (command === 'RCPT TO') return 'rcpt';
  if (command === 'DATA') return 'data';
  if (command === 'STARTTLS') return 'starttls';
  if (command === 'EHLO' || command === 'HELO') return 'ehlo';
  if (command === 'CONN') return 'greeting';
  return null;
}
