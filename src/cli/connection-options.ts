// Flags shared by the commands that talk to a server (`session`, `check`): one definition, one validation.
import { isIP } from 'node:net';
import { UsageError } from '../model/errors.js';
import { SASL_MECHANISMS, findMechanism } from '../protocol/sasl/registry.js';
import { SECRET_OPTIONS } from './secret-input.js';
import { quoteInput } from '../protocol/escape.js';

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

/** --mechanism in upper case, or a usage error naming the mechanisms we speak. */
export function parseMechanism(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const mechanism = findMechanism(text);
  if (!mechanism) {
    const known = SASL_MECHANISMS.map((m) => m.name).join(', ');
    throw new UsageError(`--mechanism must be one of ${known}, not ${quoteInput(text)}`);
  }
  return mechanism.name;
}
