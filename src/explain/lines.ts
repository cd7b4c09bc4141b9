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
 * (server message:), nodemailer's logger (S:), PHPMailer (SERVER -> CLIENT:), Python's debug (reply: b'…', and
 * reply: '…' in Python 2), OpenSMTPD's and sendmail -v's (<<<, >>>), Exim's debug (SMTP<<, SMTP>>), SwiftMailer's
 * logger plugin (<<, >>), mutt's debug log (the socket's number then < or >: "4< 250-…", "4> EHLO …"), DokuWiki's smtp
 * plugin (Got:, Sent:), PEAR Net_SMTP's debug output as Roundcube logs it (Recv:, Send:; pear/Net_SMTP Net/SMTP.php
 * _parseResponse and _send).
 */
const SERVER =
  /(?:^|\s)(?:SERVER -> CLIENT:|S:|Got:|Recv:|<~\*|<\*\*|<--|<-|<~|<<<|SMTP<<|<<|\d{1,2}<|<(?=[ \t])|(?:LMTP )?server message:)[ \t]*(\d{3}(?:[ -].*)?)$/;
const CLIENT = /(?:^|\s)(?:CLIENT -> SERVER:|C:|Sent:|Send:|\*~>|\*\*>|-->|->|~>|>>>|SMTP>>|>>|\d{1,2}>|>)[ \t]*(.*)$/;
/** CakePHP's SMTP transport trace (as Passbolt prints it): each reply line as "[250] PIPELINING", its hyphen lost. */
const BRACKETED = /^\s*\[([2-5]\d\d)\] ?(.*)$/;
/**
 * nodemailer 0.x's debug output: a "SERVER 1:" or "CLIENT 1:" header, then the line after "└──", a multi-line reply's
 * further lines indented under it.
 */
const BLOCK_HEADER = /^\s*(SERVER|CLIENT) \d{1,3}:\s*$/;
const BLOCK_LINE = /^\s*└──\s?(.*)$/;
/**
 * SwiftMailer's logger plugin dumped on one line ("++ Starting … << 220 … >> EHLO … << 250-… 250 Ok >> AUTH LOGIN …"):
 * its markers start the pieces (++ started, >> sent, << received, !! failed; swiftmailer/swiftmailer
 * lib/classes/Swift/Plugins/LoggerPlugin.php).
 */
const ONE_LINE_LOG = / << [2-5]\d\d[ -]/;
const LOG_PIECE = /(?<=\s)(?=(?:<<|>>|!!|\+\+) )/;
/**
 * Ruby's Net::SMTP debug output (set_debug_output; ruby/net-protocol lib/net/protocol.rb): what it read as '-> "…"',
 * what it wrote as '<- "…"', each a String#dump (up to the line's last quote: redaction may put quotes inside). Swaks'
 * arrows point the other way and quote nothing.
 */
const RUBY_DEBUG = /^\s*(->|<-) "(.{0,4000})"\s*$/;
const PY_REPLY = /^\s*reply: b?(['"])(.*)\1\s*$/;
const PY_SEND = /^\s*send: b?(['"])(.*)\1\s*$/;
/**
 * A logger that prints a line with its escapes ("235 Proceed.\\r\\n, referer: …", as Apache's error log shows PHP's
 * output) ends the server's line at the escaped line break: what follows is the logger's.
 */
const ESCAPED_END = /\\r\\n|\\n(?![2-5]\d\d[ -])/;
const BARE = /^\s*(\d{3}(?:[ -].*)?)$/;

/**
 * Every line of the text with who speaks in it. `pieces`: a log written on one line is read piece by piece (each piece
 * keeps its line's index); redaction, which rewrites whole lines, reads lines.
 */
export function classifyLines(text: string, options: { pieces?: boolean } = {}): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  let start = 0;
  let block: 'server' | 'client' | null = null;
  let bracketed = false;
  text.split('\n').forEach((line, index) => {
    const end = start + line.length;
    const header = BLOCK_HEADER.exec(line);
    const inBlock = block !== null ? BLOCK_LINE.exec(line) : null;
    const bracket = BRACKETED.exec(line);
    if (header) block = header[1] === 'SERVER' ? 'server' : 'client';
    if (inBlock) {
      const body = (inBlock[1] ?? '').trim();
      const kind = block === 'server' ? (/^[2-5]\d\d(?:[ -]|$)/.test(body) ? 'server' : 'other') : 'client';
      out.push({ kind, body, index, start, end });
    } else if (bracket) {
      // The reply's lines follow each other under one code: all but the last of a run continue it.
      const previous = out[out.length - 1];
      const code = bracket[1] ?? '';
      if (bracketed && previous?.kind === 'server' && previous.body.startsWith(`${code} `))
        previous.body = `${code}-${previous.body.slice(4)}`;
      out.push({ kind: 'server', body: `${code} ${(bracket[2] ?? '').trimEnd()}`, index, start, end });
    } else if (options.pieces === true && line.includes(' >> ') && ONE_LINE_LOG.test(line)) {
      let at = start;
      for (const piece of line.split(LOG_PIECE)) {
        out.push({ ...classifyLine(piece), index, start: at, end: at + piece.length });
        at += piece.length;
      }
    } else out.push({ ...classifyLine(line), index, start, end });
    bracketed = bracket !== null;
    if (!header && !inBlock && !/^\s+[2-5]\d\d[ -]/.test(line)) block = null;
    start = end + 1;
  });
  markUnmarkedCommands(out);
  return out;
}

/**
 * A raw session (telnet, openssl s_client, a server log's copy) has no markers: a line that is exactly an SMTP
 * command, right after a server reply (or another such command) and followed by one, is the client speaking. So is a
 * base64 line right after a 334 challenge: a SASL response, which redaction must see as one.
 */
const STRICT_COMMAND =
  /^\s*(?:(?:EHLO|HELO|LHLO)[ \t]+\S+|STARTTLS|AUTH[ \t]+[A-Z0-9-]{2,20}(?:[ \t]+\S+)?|MAIL FROM:[ \t]*<[^>\n]*>.*|RCPT TO:[ \t]*<[^>\n]*>.*|DATA|QUIT|RSET|NOOP)[ \t]*$/i;
const GREETING_COMMAND = /^\s*(?:EHLO|HELO|LHLO)[ \t]+\S+[ \t]*$/i;
const SASL_RESPONSE = /^\s*(?:[A-Za-z0-9+/]{2,}={0,2}|\*)\s*$/;

function markUnmarkedCommands(lines: ClassifiedLine[]): void {
  let previous: ClassifiedLine | undefined;
  lines.forEach((line, i) => {
    // A paste may start with the command itself ("auth login" typed into telnet, then the server's refusal).
    // So may a greeting command after the tool's own output ("openssl s_client …", its certificate, "..."): EHLO with
    // its argument, answered right away, is the client speaking whatever came before.
    if (
      line.kind === 'other' &&
      (!previous || GREETING_COMMAND.test(line.body)) &&
      STRICT_COMMAND.test(line.body) &&
      answered(lines, i)
    ) {
      line.kind = 'client';
      line.body = line.body.trim();
    } else if (line.kind === 'other' && previous && previous.kind !== 'other') {
      const afterChallenge = previous.kind === 'server' && previous.body.startsWith('334');
      if (afterChallenge && SASL_RESPONSE.test(line.body)) {
        line.kind = 'client';
        line.body = line.body.trim();
      } else if (STRICT_COMMAND.test(line.body) && answered(lines, i)) {
        line.kind = 'client';
        line.body = line.body.trim();
      }
    }
    if (line.body.trim() !== '') previous = line;
  });
}

/** The next non-blank line is a server reply or another bare command (pipelining). */
function answered(lines: readonly ClassifiedLine[], index: number): boolean {
  for (let j = index + 1; j < lines.length; j++) {
    const next = lines[j];
    if (!next || next.body.trim() === '') continue;
    return next.kind === 'server' || (next.kind === 'other' && STRICT_COMMAND.test(next.body));
  }
  return false;
}

/** One line: the server speaking, the client, or anything else. */
export function classifyLine(line: string): Pick<ClassifiedLine, 'kind' | 'body'> {
  const ruby = RUBY_DEBUG.exec(line);
  if (ruby) {
    const body = decodePythonLiteral(ruby[2] ?? '').replace(/\r?\n$/, '');
    if (ruby[1] === '->')
      return /^[2-5]\d\d(?:[ -]|$)/.test(body) ? { kind: 'server', body } : { kind: 'other', body: line };
    return looksLikeCommand(body) ? { kind: 'client', body: body.trim() } : { kind: 'other', body: line };
  }
  const py = PY_REPLY.exec(line);
  if (py) return { kind: 'server', body: decodePythonLiteral(py[2] ?? '').replace(/\r?\n$/, '') };
  const pySend = PY_SEND.exec(line);
  if (pySend) return { kind: 'client', body: decodePythonLiteral(pySend[2] ?? '').replace(/\r?\n$/, '') };
  const server = SERVER.exec(line);
  if (server && /^[2-5]\d\d(?:[ -]|$)/.test(server[1] ?? ''))
    return { kind: 'server', body: beforeEscapedEnd(server[1] ?? '') };
  const bare = BARE.exec(line);
  if (bare && /^[2-5]\d\d(?:[ -]|$)/.test(bare[1] ?? ''))
    return { kind: 'server', body: beforeEscapedEnd(bare[1] ?? '') };
  const client = CLIENT.exec(line);
  if (client && looksLikeCommand(client[1] ?? '')) return { kind: 'client', body: (client[1] ?? '').trim() };
  return { kind: 'other', body: line };
}

/** A server line up to an escaped line break a logger left in it, without trailing whitespace. */
function beforeEscapedEnd(body: string): string {
  const at = body.search(ESCAPED_END);
  return (at >= 0 ? body.slice(0, at) : body).trimEnd();
}

/** An SMTP command, a SASL response (base64 or "*"), or a tool's stand-in for hidden credentials. */
function looksLikeCommand(body: string): boolean {
  const b = body.trim();
  return (
    /^(EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL FROM|RCPT TO|DATA|QUIT|RSET|NOOP|VRFY|EXPN|HELP)\b/i.test(b) ||
    /^[A-Za-z0-9+/]{4,}={0,2}$/.test(b) ||
    // A one- or two-byte response (a two-character password under LOGIN) is four characters with padding.
    /^[A-Za-z0-9+/]{2,3}={1,2}$/.test(b) ||
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

/** The whole line of `text` that `index` is on, trimmed and cut at `max` characters: the evidence a reading quotes. */
export function lineAt(text: string, index: number, max = 400): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text
    .slice(start, end === -1 ? undefined : end)
    .trim()
    .slice(0, max);
}
