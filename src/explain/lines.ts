// Transcript lines: which pasted lines are the server speaking and which the client, whatever tool printed them.
import { decodePythonLiteral } from './literals.js';

export interface ClassifiedLine {
  kind: 'server' | 'client' | 'other';
  /** For server lines: "535-5.7.8 …"; for client lines: the command as sent. */
  body: string;
  /** Index of the line in the text, and its character offsets. */
  index: number;
  start: number;
  end: number;
}

/**
 * Markers that tools put before a server line: swaks (<-, <~, <**, <~*), curl (<), msmtp --debug (<--), msmtp errors
 * (server message:), nodemailer's logger (S:), PHPMailer (SERVER -> CLIENT:), Python's debug (reply: b'…').
 */
const SERVER =
  /(?:^|\s)(?:SERVER -> CLIENT:|S:|<~\*|<\*\*|<--|<-|<~|<|(?:LMTP )?server message:)[ \t]*(\d{3}(?:[ -].*)?)$/;
const CLIENT = /(?:^|\s)(?:CLIENT -> SERVER:|C:|\*~>|\*\*>|-->|->|~>|>)[ \t]*(.*)$/;
const PY_REPLY = /^\s*reply: b(['"])(.*)\1\s*$/;
const PY_SEND = /^\s*send: b?(['"])(.*)\1\s*$/;
const BARE = /^\s*(\d{3}(?:[ -].*)?)$/;

export function classifyLines(text: string): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  let start = 0;
  text.split('\n').forEach((line, index) => {
    const end = start + line.length;
    out.push({ ...classifyLine(line), index, start, end });
    start = end + 1;
  });
  return out;
}

/** One line: the server speaking, the client, or anything else. */
export function classifyLine(line: string): Pick<ClassifiedLine, 'kind' | 'body'> {
  const py = PY_REPLY.exec(line);
  if (py) return { kind: 'server', body: decodePythonLiteral(py[2] ?? '').replace(/\r?\n$/, '') };
  const pySend = PY_SEND.exec(line);
  if (pySend) return { kind: 'client', body: decodePythonLiteral(pySend[2] ?? '').replace(/\r?\n$/, '') };
  const server = SERVER.exec(line);
  if (server && /^[2-5]\d\d(?:[ -]|$)/.test(server[1] ?? ''))
    return { kind: 'server', body: (server[1] ?? '').trimEnd() };
  const bare = BARE.exec(line);
  if (bare && /^[2-5]\d\d(?:[ -]|$)/.test(bare[1] ?? '')) return { kind: 'server', body: (bare[1] ?? '').trimEnd() };
  const client = CLIENT.exec(line);
  if (client && looksLikeCommand(client[1] ?? '')) return { kind: 'client', body: (client[1] ?? '').trim() };
  return { kind: 'other', body: line };
}

/** An SMTP command, a SASL response (base64 or "*"), or a tool's stand-in for hidden credentials. */
function looksLikeCommand(body: string): boolean {
  const b = body.trim();
  return (
    /^(EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL FROM|RCPT TO|DATA|QUIT|RSET|NOOP)\b/i.test(b) ||
    /^[A-Za-z0-9+/]{4,}={0,2}$/.test(b) ||
    b === '*' ||
    b === '' ||
    /^\[(credentials hidden|redacted|base64 of [^\]]*)\]$/i.test(b) ||
    /^\[base64 of /.test(b)
  );
}

/** The phase a client command opens. */
export function phaseOfCommand(
  command: string,
): 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'quit' | null {
  const c = command.trim().toUpperCase();
  if (/^(EHLO|HELO|LHLO)\b/.test(c)) return 'ehlo';
  if (c.startsWith('STARTTLS')) return 'starttls';
  if (c.startsWith('AUTH')) return 'auth';
  if (c.startsWith('MAIL FROM')) return 'mail';
  if (c.startsWith('RCPT TO')) return 'rcpt';
  if (c === 'DATA' || c === '.') return 'data';
  if (c.startsWith('QUIT')) return 'quit';
  return null;
}
