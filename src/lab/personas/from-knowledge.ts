// Persona facts read from knowledge: replies from signature samples, listeners from submission endpoints, user names from the submission's form.
import type { ProviderInput } from '../../knowledge/schema.js';
import type { PersonaListener, SourcedReply, UsernameRule } from './types.js';

/**
 * Where a sample holds what the real server fills per session or per command: the placeholder text the lab sends
 * there (the key, e.g. "<session-id>", filled per session by replies.ts) and the sample's text it stands for (the
 * value: the exact text, or a pattern).
 */
export type SampleFill = Readonly<Record<string, string | RegExp>>;

export interface KnownReplyOptions {
  /** Which of the signature's samples, 1-based; the first when not given. */
  sample?: number;
  /** Fills for this reply only; each must be found in the sample (an echo that silently went missing would lie). */
  fill?: SampleFill;
  /** What the lab does differently from the real server here (e.g. it answers at once). */
  note?: string;
}

/** Serves a knowledge signature's sample as a persona reply: `known('google.bad-credentials')`. */
export type KnownReply = (signatureId: string, options?: KnownReplyOptions) => SourcedReply;

const REPORTED = 'knowledge rates this reply "reported": one transcript, or inferred';

/**
 * The replies of one knowledge provider for the persona that imitates it. `sessionParts` are fills applied wherever a
 * sample has them (Gmail's session id before "- gsmtp"), so the lab varies them per session as the real server does.
 * The provider file is read as written (no catalog): personas are built when the lab is imported, and loading the
 * validated catalog there would cost every import of the library; the catalog's tests validate the same data.
 */
export function knownReplies(provider: ProviderInput, sessionParts: SampleFill = {}): KnownReply {
  return (signatureId, options = {}) => {
    const signature = provider.signatures.find((s) => s.id === signatureId);
    if (!signature) throw new Error(`knowledge provider ${provider.id} has no signature ${signatureId}`);
    const number = options.sample ?? 1;
    const sample = signature.samples[number - 1];
    if (sample === undefined) throw new Error(`${signatureId} has no sample ${String(number)}`);
    const wire = sample.split('\n').join('\r\n');
    const template = fillEach(fillWhereFound(wire, sessionParts), options.fill ?? {}, signatureId);
    const confirmed = signature.certainty === 'confirmed';
    const note = [options.note, confirmed ? undefined : REPORTED].filter((n) => n !== undefined).join('; ');
    return {
      reply: template,
      signature: signatureId,
      sources: [...signature.sources],
      verified: confirmed,
      ...(note === '' ? {} : { note }),
    };
  };
}

/** Puts each placeholder where the sample has the text it stands for, skipping those it does not have. */
function fillWhereFound(wire: string, fill: SampleFill): string {
  let filled = wire;
  for (const [placeholder, text] of Object.entries(fill))
    if (holds(filled, text)) filled = replace(filled, text, placeholder);
  return filled;
}

/** Puts each placeholder where the sample has the text it stands for; a sample without it is a persona bug. */
function fillEach(wire: string, fill: SampleFill, signatureId: string): string {
  let filled = wire;
  for (const [placeholder, text] of Object.entries(fill)) {
    if (!holds(filled, text)) throw new Error(`${signatureId}: the sample has no ${String(text)} for ${placeholder}`);
    filled = replace(filled, text, placeholder);
  }
  return filled;
}

function holds(wire: string, text: string | RegExp): boolean {
  return typeof text === 'string' ? wire.includes(text) : wire.search(text) !== -1;
}

function replace(wire: string, text: string | RegExp, placeholder: string): string {
  return typeof text === 'string' ? wire.split(text).join(placeholder) : wire.replace(text, () => placeholder);
}

/**
 * The real host and its submission listeners, STARTTLS first: the provider's default endpoints (those not meant for
 * particular e-mail domains), on the first one's host, one per kind of TLS. `hostFill` fills a host placeholder
 * such as SES's "{region}".
 */
export function submissionListeners(
  provider: ProviderInput,
  hostFill: Readonly<Record<string, string>> = {},
): { host: string; listeners: PersonaListener[] } {
  const endpoints = (provider.submission?.endpoints ?? []).filter((e) => e.domains === undefined);
  const first = endpoints[0];
  if (!first) throw new Error(`knowledge provider ${provider.id} has no default submission endpoint`);
  const listeners = (['starttls', 'tls'] as const).flatMap((security) => {
    const endpoint = endpoints.find((e) => e.host === first.host && e.security === security);
    return endpoint ? [{ security, port: endpoint.port }] : [];
  });
  const host = first.host.replace(/\{([a-z-]+)\}/g, (whole, name: string) => {
    const value = hostFill[name];
    if (value === undefined) throw new Error(`${provider.id}: the host ${first.host} needs a value for ${whole}`);
    return value;
  });
  return { host, listeners };
}

/**
 * The user-name rule of the provider's submission settings, where the lab can check it exactly: the full address or
 * a literal word. Other forms (an access key, a provider-issued login, a token) need the persona's own rule.
 */
export function submissionUsernames(provider: ProviderInput): UsernameRule {
  const username = provider.submission?.username;
  if (username?.form === 'address') return { kind: 'email', note: username.text };
  if (username?.form === 'literal' && username.literal !== undefined)
    return { kind: 'literal', value: username.literal, note: username.text };
  throw new Error(`${provider.id}: the user-name form ${username?.form ?? '(none)'} cannot be checked exactly`);
}
