// --send-to and --from: an RFC 5321 mailbox (local@domain) is checked before anything is sent, never on the wire.
import { isIP } from 'node:net';
import { isHostName } from '../check/target.js';
import { UsageError } from '../model/errors.js';
import { quoteInput } from '../protocol/escape.js';

/** A dot-atom local part (RFC 5321 §4.1.2): atext and dots, UTF-8 allowed (RFC 6531); no quoted forms. */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/u;

/** True for local@domain with a dot-atom local part and a host name or an address literal ([192.0.2.1]) as domain. */
export function isMailbox(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0 || text.length > 320) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (
    local.length > 64 ||
    !LOCAL.test(local) ||
    /[\u0080-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(local)
  )
    return false;
  const literal = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(domain);
  if (literal) return isIP(literal[1] ?? '') !== 0;
  return isHostName(domain) && isIP(domain) === 0;
}

/** The flag's value when it is a mailbox; a UsageError (exit 2) before any connection otherwise. */
export function parseMailbox(text: string, what: '--send-to' | '--from'): string {
  // A line break is an attempt at a second command, not a typo: said as the library's own guard says it.
  if (/[\r\n\0]/.test(text))
    throw new UsageError(
      `${what}: the ${what === '--from' ? 'sender' : 'recipient'} address contains a line break or NUL: give one e-mail address`,
    );
  if (!isMailbox(text))
    throw new UsageError(
      `${what} takes an e-mail address (local@domain, no spaces, quotes or angle brackets), not ${quoteInput(text)}`,
    );
  return text;
}
