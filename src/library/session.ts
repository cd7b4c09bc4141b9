// The library's runSession(): one SMTP conversation, with every option checked and `ca` loaded before it starts.
import { UsageError } from '../model/errors.js';
import type { SessionRecord } from '../model/session.js';
import { runSession as run, type SessionOptions as InternalSessionOptions } from '../transport/session.js';
import { loadCa, type CaInput } from './ca.js';
import { Checker } from './validate.js';

/** Test hooks of the transport (the transcript recorder, protocol limits), not settings of a conversation. */
type Internal = 'ca' | 'recorder' | 'limits';

/** One conversation's settings: where (`host`, `port`, `security`), as whom, and how long to wait. */
export interface SessionOptions extends Omit<InternalSessionOptions, Internal> {
  /** Also trust these CA certificates: PEM text, a Buffer, the path of a PEM file, or a list of these. */
  ca?: CaInput;
}

const KEYS = [
  'host',
  'connectTo',
  'port',
  'security',
  'credentials',
  'mechanism',
  'initialResponse',
  'ca',
  'insecure',
  'allowPlaintext',
  'ehloName',
  'timeoutMs',
  'deadlineMs',
  'signal',
  'send',
] as const satisfies readonly (keyof SessionOptions)[];

/**
 * Runs one SMTP conversation the way `smtp-doctor session` does (connect, TLS, EHLO, STARTTLS, AUTH when
 * `credentials` are given, a test message when `send` is, QUIT) and resolves to its {@link SessionRecord}: the steps,
 * the redacted transcript, the capabilities and the TLS facts, whatever the server does. One login at most; no
 * diagnosis (that is {@link check}). Rejects with a {@link UsageError} or {@link InputError} for options that cannot be
 * used, before connecting.
 */
export async function runSession(options: SessionOptions): Promise<SessionRecord> {
  const c = new Checker('runSession');
  const o = c.options(options);
  c.known(o, KEYS);
  if (o.host === undefined) throw new UsageError('runSession: options.host is required (the server to talk to)');
  c.string(o, 'host');
  c.string(o, 'connectTo');
  if (o.port === undefined) throw new UsageError('runSession: options.port is required (587, 465, 25…)');
  c.integer(o, 'port', 1, 65535);
  if (o.security === undefined)
    throw new UsageError('runSession: options.security is required ("tls" on 465, "starttls" on 587 and 25, "none")');
  c.oneOf(o, 'security', ['tls', 'starttls', 'none']);
  c.credentials(o);
  c.string(o, 'mechanism');
  c.boolean(o, 'initialResponse');
  c.boolean(o, 'insecure');
  c.boolean(o, 'allowPlaintext');
  c.string(o, 'ehloName');
  c.milliseconds(o, 'timeoutMs');
  c.milliseconds(o, 'deadlineMs');
  c.signal(o, 'signal');
  c.send(o);
  const checked = { ...o };
  if (o.ca !== undefined) checked.ca = await loadCa(o.ca, 'runSession: ca');
  return run(checked as unknown as InternalSessionOptions);
}
