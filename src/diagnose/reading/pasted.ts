// Reading pasted text: the observations explain found, as the facts rules need (capabilities, TLS at AUTH, the verdict).
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import type { Evidence, Observation } from '../../model/evidence.js';
import { parseCapabilities } from '../../protocol/capabilities.js';
import type { AuthOutcome, DiagnoseContext } from '../context.js';
import { judgesCredentials } from './sessions.js';

/** Error codes from pasted text (ECONNREFUSED, ERR_SSL_WRONG_VERSION_NUMBER, CERT_HAS_EXPIRED…). */
export function errorCodes(context: DiagnoseContext): Extract<Observation, { kind: 'error-code' }>[] {
  return context.evidence.observations.filter(
    (o): o is Extract<Observation, { kind: 'error-code' }> => o.kind === 'error-code',
  );
}

/** A client library's own messages from pasted text, all or those of one id. */
export function clientMessages(
  context: DiagnoseContext,
  id?: string,
): Extract<Observation, { kind: 'client-message' }>[] {
  return context.evidence.observations.filter(
    (o): o is Extract<Observation, { kind: 'client-message' }> =>
      o.kind === 'client-message' && (id === undefined || o.id === id),
  );
}

/** Pasted text names an implicit-TLS port and nothing in it says the client spoke TLS there. */
export function pastedPlaintextOnImplicitTlsPort(context: DiagnoseContext): boolean {
  return isImplicitTlsPort(context.port) && context.security !== 'tls';
}

/**
 * Pasted text tells TLS only indirectly: a transcript that shows AUTH after a plaintext EHLO, a 220 to STARTTLS, or
 * TLS chosen in the settings. The transcript is what happened, so it outranks the settings the text mentions.
 */
export function tlsFromObservations(evidence: Evidence): boolean | null {
  const shown = tlsAtPastedAuth(evidence.observations);
  if (shown !== null) return shown;
  if (evidence.target?.security === 'tls' || evidence.target?.security === 'starttls') return true;
  const startedTls = evidence.observations.some(
    (o) => o.kind === 'reply' && o.phase === 'starttls' && o.reply.code === 220,
  );
  if (startedTls) return true;
  if (evidence.target?.security === 'none') return false;
  return null;
}

/**
 * Whether the first AUTH of a pasted transcript came over TLS: false when an EHLO reply listing STARTTLS came before
 * it with no 220 to STARTTLS in between (RFC 3207 §4.2: a server must not list STARTTLS once TLS is up, so that
 * EHLO was answered in the clear), true after a 220 to STARTTLS, null when the transcript does not show.
 */
function tlsAtPastedAuth(observations: readonly Observation[]): boolean | null {
  let state: boolean | null = null;
  for (const o of observations) {
    if (o.kind !== 'reply' || o.phase === null) continue;
    const { phase, reply } = o;
    // A new greeting is a new connection (possibly implicit TLS): what came before says nothing about it.
    if (phase === 'greeting' && reply.code === 220) state = null;
    else if (phase === 'starttls' && reply.code === 220) state = true;
    else if (phase === 'ehlo' && reply.code === 250 && state !== true && parseCapabilities(reply).starttls)
      state = false;
    else if (phase === 'auth') return state;
  }
  return null;
}

/** The verdict a pasted text shows on the login: a 235 anywhere, else a refusal of AUTH, else unknown. */
export function pastedAuthOutcome(evidence: Evidence): AuthOutcome {
  let outcome: AuthOutcome = 'unknown';
  for (const o of evidence.observations) {
    if (o.kind !== 'reply' || (o.phase !== 'auth' && o.phase !== null)) continue;
    if (o.reply.code === 235) outcome = 'accepted';
    else if (o.phase === 'auth' && o.reply.code >= 400) outcome = 'rejected';
  }
  return outcome;
}

/** Whether a pasted text shows a server judging the login and refusing it (a 5xx to AUTH). */
export function pastedRefusedLogin(evidence: Evidence): boolean {
  return evidence.observations.some((o) => o.kind === 'reply' && o.phase === 'auth' && judgesCredentials(o.reply.code));
}

/** Capabilities the pasted text shows: the last EHLO reply before and after STARTTLS. */
export function capabilitiesFromObservations(
  observations: readonly Observation[],
): DiagnoseContext['pastedCapabilities'] {
  const out: DiagnoseContext['pastedCapabilities'] = {};
  let afterStarttls = false;
  for (const o of observations) {
    if (o.kind !== 'reply') continue;
    if (o.phase === 'starttls' && o.reply.code === 220) afterStarttls = true;
    if (o.phase === 'ehlo' && o.reply.code === 250 && o.reply.lines.length > 1) {
      const caps = parseCapabilities(o.reply);
      if (afterStarttls) out.afterTls = caps;
      else out.beforeTls = caps;
    }
  }
  return out;
}
