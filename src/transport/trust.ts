// Trust: the TLS context that verifies with the process's own roots (Node's store, or the system's with
// --use-openssl-ca, and NODE_EXTRA_CA_CERTS) plus the user's CAs (--ca: "also trust"), built once per CA set.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** The native context under a tls.SecureContext: Node's own, typed `any`; only addCACert is used. */
interface NativeContext {
  addCACert(pem: string): void;
}

/**
 * Node types the native context `any`: seen as unknown, and its addCACert used only where it is there (it is no public
 * API: a Node without it gets the slower context built from the roots' PEM texts).
 */
function nativeOf(context: { context: unknown }): NativeContext | undefined {
  const native = context.context as Partial<NativeContext> | null | undefined;
  return typeof native?.addCACert === 'function' ? (native as NativeContext) : undefined;
}

const contexts = new Map<string, tls.SecureContext>();

/**
 * The process's roots plus `ca`. The default context shares the process's parsed root store; adding a CA gives it a
 * copy of that store (certificates already parsed) with the CA added. Passing the roots as `ca` instead parsed each of
 * their PEM texts again (~30 ms of CPU per check). Node leaves NODE_EXTRA_CA_CERTS out of that copy, so its file is
 * added here too, as a context without --ca has it.
 */
export function contextWithExtraCas(ca: readonly string[]): tls.SecureContext {
  const key = ca.join('\n');
  let context = contexts.get(key);
  if (!context) {
    const added = [...extraCaCerts(), ...ca];
    context = tls.createSecureContext();
    const native = nativeOf(context);
    if (native) for (const pem of added) native.addCACert(pem);
    else context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...added] });
    contexts.set(key, context);
  }
  return context;
}

/** The certificates of NODE_EXTRA_CA_CERTS; none when unset or unreadable (Node warned about that at start). */
function extraCaCerts(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [readFileSync(file, 'latin1')];
  } catch {
    return [];
  }
}
