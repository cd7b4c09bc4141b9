// Reply override: the "one override" on top of a persona's happy path — given wire bytes served at one phase.
import { InputError } from '../model/errors.js';

export type OverridePhase = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data';
export const OVERRIDE_PHASES: readonly OverridePhase[] = [
  'greeting',
  'ehlo',
  'starttls',
  'auth',
  'mail',
  'rcpt',
  'data',
];

export interface ReplyOverride {
  /** 'connect' is accepted as another name for the greeting (signatures.yaml calls that stage connect). */
  phase: OverridePhase | 'connect';
  /**
   * The exact reply: lines joined with CRLF (a final CRLF is added when missing). Several replies are served in
   * turn, one per client line: at auth, ['334 <b64 JSON>', '535 …'] replays an XOAUTH2 error exchange.
   */
  reply: string | readonly string[];
}

/** A checked override: phase normalised, each reply as exact wire text ending in CRLF. */
export interface ResolvedOverride {
  phase: OverridePhase;
  replies: string[];
}

const MAX_OVERRIDE_BYTES = 64 * 1024;

export function resolveOverride(override: ReplyOverride): ResolvedOverride {
  const phase = override.phase === 'connect' ? 'greeting' : override.phase;
  if (!OVERRIDE_PHASES.includes(phase))
    throw new InputError(
      `override: unknown phase ${JSON.stringify(override.phase)} (phases: connect, ${OVERRIDE_PHASES.join(', ')})`,
    );
  const list = typeof override.reply === 'string' ? [override.reply] : [...override.reply];
  if (list.length === 0) throw new InputError('override: no reply given');
  const replies = list.map((r, i) => {
    const wire = r.endsWith('\r\n') ? r : `${r}\r\n`;
    const where = list.length > 1 ? `override reply ${i + 1}` : 'override reply';
    if (Buffer.byteLength(wire) > MAX_OVERRIDE_BYTES)
      throw new InputError(`${where} is longer than ${MAX_OVERRIDE_BYTES} bytes`);
    for (const line of wire.slice(0, -2).split('\r\n')) {
      if (!/^\d{3}([ -]|$)/.test(line))
        throw new InputError(
          `${where}: every line must start with a three-digit code, not ${JSON.stringify(line.slice(0, 40))}`,
        );
    }
    return wire;
  });
  return { phase, replies };
}
