// Replay: serve a knowledge signature's own verbatim sample from the persona of its provider (a happy path plus one override).
import { identifyProvider, listSignatures, submissionFor, type SignatureListing } from '../knowledge/index.js';
import { InputError } from '../model/errors.js';
import type { OverridePhase, ReplyOverride } from './override.js';
import { findPersona, personaForProvider } from './personas/index.js';
import type { Persona } from './personas/types.js';

export interface Replay {
  signature: SignatureListing;
  /** 1-based, as `--replay ID:N` counts. */
  sampleNumber: number;
  sample: string;
  /** The persona of the signature's provider, or the permissive `plain` when the lab has none. */
  persona: Persona;
  override: ReplyOverride;
  /**
   * The provider's real host name, when one recognises it (a client dials the lab with --connect-to and
   * names this host, as it would the real service); null for server software, known by banner instead.
   */
  host: string | null;
  /** What a client must do for the server to reach the sample. */
  client: {
    /** The sample answers a login: log in (the persona's first sample account works). */
    login: boolean;
    /** The sample answers an OAuth exchange: log in with XOAUTH2 and a token. */
    token: boolean;
    /** The sample answers MAIL, RCPT or DATA: send a message after logging in. */
    send: boolean;
  };
}

const SEND_PHASES: ReadonlySet<OverridePhase> = new Set(['mail', 'rcpt', 'data']);

/** `google.app-password-required` or `google.app-password-required:2` → the replay of that sample. */
export function parseReplaySpec(spec: string): { id: string; sampleNumber: number } {
  const match = /^([a-z0-9][a-z0-9.-]*)(?::(\d+))?$/i.exec(spec.trim());
  if (!match?.[1]) throw new InputError(`not a signature id: ${JSON.stringify(spec)} (e.g. google.bad-credentials:2)`);
  return { id: match[1].toLowerCase(), sampleNumber: match[2] === undefined ? 1 : Number(match[2]) };
}

export function replaySignature(id: string, sampleNumber = 1): Replay {
  const signatures = listSignatures();
  const signature = signatures.find((s) => s.id === id);
  if (!signature) throw new InputError(`unknown signature ${JSON.stringify(id)}${suggest(id, signatures)}`);
  const sample = signature.samples[sampleNumber - 1];
  if (sample === undefined)
    throw new InputError(
      `${id} has ${signature.samples.length} sample(s); there is no sample ${sampleNumber} to replay`,
    );
  const phase = overridePhase(signature);
  const errorChallenge = phase === 'auth' && sample.startsWith('334');
  const reply = errorChallenge ? [sample, finalRefusal(signature, signatures)] : sample;
  const persona = personaForProvider(signature.provider) ?? findPersona('plain');
  return {
    signature,
    sampleNumber,
    sample,
    persona,
    override: { phase, reply },
    host: providerHost(signature.provider, persona),
    client: {
      login: phase === 'auth' || SEND_PHASES.has(phase),
      token: errorChallenge,
      send: SEND_PHASES.has(phase),
    },
  };
}

/** Where in the session the lab serves a signature: its first phase, in the lab's words. */
function overridePhase(signature: SignatureListing): OverridePhase {
  switch (signature.phase) {
    case 'connect':
      return 'greeting';
    case 'helo':
      return 'ehlo';
    case 'tls':
    case 'quit':
      // A TLS alert is not an SMTP reply, and nothing after QUIT changes a diagnosis.
      throw new InputError(`${signature.id} is seen at ${signature.phase}, where the lab cannot serve a reply`);
    default:
      return signature.phase;
  }
}

/** A host name that names the provider: the persona's own, else the provider's first submission host. */
function providerHost(providerId: string, persona: Persona): string | null {
  const candidates = [persona.imitates.host, ...submissionFor(providerId).map((e) => e.host)];
  const names = (host: string): boolean => identifyProvider({ host }).some((h) => h.provider === providerId);
  return candidates.find((host) => !host.includes('{') && names(host)) ?? null;
}

/**
 * After a 334 error challenge the client sends an empty line and the server gives its final refusal: the reply the
 * knowledge says follows the challenge (its `followedBy`).
 */
function finalRefusal(challenge: SignatureListing, signatures: readonly SignatureListing[]): string {
  const followId = challenge.followedBy;
  if (followId === null) throw new Error(`knowledge does not say which reply follows ${challenge.id}`);
  const sample = signatures.find((s) => s.id === followId)?.samples[0];
  if (sample === undefined)
    throw new Error(`knowledge has no sample of ${followId}, the refusal after ${challenge.id}`);
  return sample;
}

function suggest(id: string, signatures: readonly SignatureListing[]): string {
  const provider = id.split('.')[0] ?? '';
  const same = signatures.filter((s) => s.provider === provider).map((s) => s.id);
  if (same.length > 0) return ` (${provider} has: ${same.join(', ')})`;
  return ' (smtp-doctor lab --list shows every signature)';
}
