// Flags shared by the commands that talk to a server (`session`, `check`): one definition, one validation.
import { UsageError } from '../model/errors.js';
import { SASL_MECHANISMS, findMechanism } from '../protocol/sasl/registry.js';
import { SECRET_OPTIONS } from './secret-input.js';

export const CONNECTION_OPTIONS = {
  port: { type: 'string' },
  security: { type: 'string' },
  user: { type: 'string' },
  ...SECRET_OPTIONS,
  mechanism: { type: 'string' },
  ca: { type: 'string', multiple: true },
  insecure: { type: 'boolean' },
  'allow-plaintext': { type: 'boolean' },
  ehlo: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** --mechanism in upper case, or a usage error naming the mechanisms we speak. */
export function parseMechanism(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const mechanism = findMechanism(text);
  if (!mechanism) {
    const known = SASL_MECHANISMS.map((m) => m.name).join(', ');
    throw new UsageError(`--mechanism must be one of ${known}, not ${JSON.stringify(text)}`);
  }
  return mechanism.name;
}
