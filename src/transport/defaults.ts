// How long one step of a session and a whole run may take by default: plain numbers, so that the diagnosis and the
// CLI's help can name them without loading the transport (net, tls) that uses them.

/** One step (connect, greeting, one command's reply, the TLS handshake). */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** A whole run, every session of it. */
export const DEFAULT_DEADLINE_MS = 60_000;
