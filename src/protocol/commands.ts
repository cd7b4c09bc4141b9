// Command builders: every line we send is built here, and none can smuggle a CR, LF or NUL into the session.
import { InputError } from '../model/errors.js';
import { DEFAULT_LIMITS } from './limits.js';

/** One line to send: the exact wire text (without CRLF) and the text the transcript shows. */
export interface OutgoingLine {
  wire: string;
  redacted: string;
  /** The line carries the secret itself (a password or token, however encoded), not just a user name or a digest. */
  secret?: true;
}

export function assertSafeArgument(value: string, what: string): void {
  if (/[\r\n\0]/.test(value)) {
    throw new InputError(`${what} contains a line break or NUL character, which would inject an SMTP command`);
  }
}

function line(text: string): OutgoingLine {
  if (Buffer.byteLength(text, 'utf8') > DEFAULT_LIMITS.maxCommandBytes) {
    throw new InputError(
      `command too long for SMTP (${DEFAULT_LIMITS.maxCommandBytes} bytes at most): ${text.slice(0, 40)}…`,
    );
  }
  return { wire: text, redacted: text };
}

export function ehlo(domain: string): OutgoingLine {
  assertSafeArgument(domain, 'the EHLO name');
  return line(`EHLO ${domain}`);
}

export function helo(domain: string): OutgoingLine {
  assertSafeArgument(domain, 'the HELO name');
  return line(`HELO ${domain}`);
}

export function starttls(): OutgoingLine {
  return line('STARTTLS');
}

export function mailFrom(address: string): OutgoingLine {
  assertSafeArgument(address, 'the sender address');
  return line(`MAIL FROM:<${address}>`);
}

export function rcptTo(address: string): OutgoingLine {
  assertSafeArgument(address, 'the recipient address');
  return line(`RCPT TO:<${address}>`);
}

/** AUTH with a mechanism name and no initial response (the SASL mechanisms build their own lines with responses). */
export function auth(mechanism: string): OutgoingLine {
  if (!/^[A-Z0-9_-]{1,20}$/.test(mechanism))
    throw new InputError(`not a SASL mechanism name: ${mechanism.slice(0, 40)}`);
  return line(`AUTH ${mechanism}`);
}

export function data(): OutgoingLine {
  return line('DATA');
}

export function rset(): OutgoingLine {
  return line('RSET');
}

export function noop(): OutgoingLine {
  return line('NOOP');
}

export function quit(): OutgoingLine {
  return line('QUIT');
}
