// Secret exposure: whether a session sent the password or token itself over a connection without TLS.
import { findMechanism } from '../protocol/sasl/registry.js';
import type { SessionRecord } from '../model/session.js';
import type { DiagnoseContext, IndexedSession } from './context.js';

/**
 * Whether the secret itself crossed without TLS, and the transcript line that carried it. The transcript says it when
 * it holds the client's AUTH lines: the transport flags the line that carried the secret (TranscriptEvent.secret, set
 * from the SASL mechanism). Otherwise the exchange does: PLAIN and XOAUTH2 carry it in the initial response or the
 * first answer, LOGIN in the answer after the user name. CRAM-MD5 sends only a digest.
 */
function secretSentInClear(record: SessionRecord): { event: number | undefined } | null {
  const auth = record.auth;
  if (!auth || record.tls) return null;
  const lines = record.transcript.flatMap((e, i) => (e.dir === 'client' && e.phase === 'auth' ? [i] : []));
  if (lines.length > 0) {
    const event = lines.find((i) => record.transcript[i]?.secret === true);
    return event === undefined ? null : { event };
  }
  const mechanism = auth.mechanism.toUpperCase();
  // Challenge-response mechanisms (CRAM-MD5, SCRAM, DIGEST-MD5) send a digest or proof, never the secret.
  if (findMechanism(mechanism)?.revealsSecret === false) return null;
  const sent =
    mechanism === 'LOGIN'
      ? auth.challenges >= (auth.initialResponse ? 1 : 2)
      : auth.initialResponse || auth.challenges >= 1;
  // An accepted login proves the secret went over, whatever the record says about the exchange.
  return sent || auth.result === 'accepted' ? { event: undefined } : null;
}

/** The sessions of the run that sent the secret without TLS, in session order. */
export function sessionsLeakingSecret(context: DiagnoseContext): { at: IndexedSession; event: number | undefined }[] {
  return context.sessions.flatMap((at) => {
    const sent = secretSentInClear(at.record);
    return sent ? [{ at, event: sent.event }] : [];
  });
}
