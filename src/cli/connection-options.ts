// Flags shared by the commands that talk to a server (`session`, `check`): one definition, one validation.
import { isIP } from 'node:net';
import { UsageError } from '../model/errors.js';
import { SASL_MECHANISMS, saslMechanismName } from '../protocol/sasl/registry.js';
import { SECRET_OPTIONS } from './secret-input.js';
import { quoteInput } from '../protocol/escape.js';
import { securityFromWord, type SecurityChoice } from '../check/target.js';

export const CONNECTION_OPTIONS = {
  port: { type: 'string' },
  security: { type: 'string' },
  user: { type: 'string' },
  ...SECRET_OPTIONS,
  mechanism: { type: 'string' },
  'connect-to': { type: 'string' },
  ca: { type: 'string', multiple: true },
  insecure: { type: 'boolean' },
  'allow-plaintext': { type: 'boolean' },
  ehlo: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Help lines for --connect-to, shared by the commands that take it. */
export const CONNECT_TO_HELP = `  --connect-to IP        dial IP instead of looking the host up; the host name is still what the
                         certificate must name and what recognises the provider`;

/** --connect-to: an IP address (a name would need its own lookup, which is what the flag bypasses). */
export function parseConnectTo(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!isIP(address)) throw new UsageError(`--connect-to must be an IP address, not ${quoteInput(text)}`);
  return address;
}

/**
 * --mechanism in upper case: any SASL mechanism name (RFC 4422 §3.1), so that one the server lists but smtp-doctor does
 * not speak (DIGEST-MD5, NTLM, GSSAPI, SCRAM-…) is diagnosed as such rather than refused here; a usage error for text
 * that cannot be a mechanism name.
 */
export function parseMechanism(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const mechanism = saslMechanismName(text);
  if (mechanism === undefined) {
    const known = SASL_MECHANISMS.map((m) => m.name).join(', ');
    throw new UsageError(
      `--mechanism takes a SASL mechanism name (1 to 20 letters, digits, "-" or "_"; smtp-doctor speaks ${known}), not ${quoteInput(text)}`,
    );
  }
  return mechanism;
}

/** Help lines for --security, shared by `check` and `session`: what each word means here, and PHP's other `tls`. */
export const SECURITY_HELP = `  --security MODE        tls, ssl or implicit: implicit TLS (TLS from the first byte, port 465);
                         starttls: plaintext, then STARTTLS (587, 25, 2525); none: no TLS.
                         Note: PHPMailer, Laravel and SwiftMailer say "tls" for STARTTLS and "ssl"
                         for implicit TLS; here "tls" is implicit TLS (as nodemailer's secure: true),
                         so for PHP's "tls" write starttls. nodemailer's secure=true / secure=false
                         (implicit TLS / STARTTLS) work too.`;

/**
 * --security as users write it (see securityFromWord): the mode and the word, which the evidence keeps so that the
 * report can say when the other reading of the word is what works. `auto` only where the command discovers.
 */
export function parseSecurity<A extends boolean>(
  text: string | undefined,
  allowAuto: A,
): { security: A extends true ? SecurityChoice : Exclude<SecurityChoice, 'auto'>; word: string } | undefined {
  if (text === undefined) return undefined;
  const found = securityFromWord(text);
  if (!found || (!allowAuto && found.security === 'auto')) {
    const words = `tls, ssl, implicit, starttls, none${allowAuto ? ', auto' : ''}`;
    throw new UsageError(`--security must be one of ${words} (or secure=true / secure=false), not ${quoteInput(text)}`);
  }
  return found as { security: A extends true ? SecurityChoice : Exclude<SecurityChoice, 'auto'>; word: string };
}
