// Failure wording: one sentence per failure kind, for transcripts and messages.
import type { Failure } from '../model/session.js';

export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'timeout':
      return failure.limit === 'deadline'
        ? `the overall time limit ran out during ${failure.phase} (${failure.afterMs} ms left for it)`
        : `no answer within ${failure.afterMs} ms during ${failure.phase}`;
    case 'closed':
      return failure.partial
        ? `the server closed the connection during ${failure.phase}, in the middle of a reply: ${failure.partial}`
        : `the server closed the connection during ${failure.phase}`;
    case 'network-error':
      return `${failure.message} (${failure.code}) during ${failure.phase}`;
    case 'tls-error':
      return `TLS handshake failed: ${failure.message} (${failure.code})`;
    case 'certificate-rejected':
      return `certificate not trusted: ${failure.message} (${failure.code}); nothing was sent over this connection`;
    case 'cancelled':
      return `stopped by us during ${failure.phase} (no longer needed)`;
    case 'protocol-violation':
      return `protocol violation during ${failure.phase}: ${failure.violation.detail}${failure.violation.preview ? ` — ${failure.violation.preview}` : ''}`;
  }
}
