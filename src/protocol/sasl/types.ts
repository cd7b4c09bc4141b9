// SASL contracts: each mechanism is a pure step machine that returns wire lines and their redacted twins.
import type { Secret } from '../../model/secret.js';
import type { OutgoingLine } from '../commands.js';

export interface SaslCredentials {
  username: string;
  /** A password, or an OAuth access token for XOAUTH2. */
  secret: Secret;
  /** PLAIN's authorization identity (act as another user); almost always absent. */
  authzid?: string;
}

export interface SaslOptions {
  /** Put the first response on the AUTH line itself (RFC 4954 §4), when the mechanism allows. */
  initialResponse: boolean;
  /** The server's host name and port: DIGEST-MD5's digest-uri and OAUTHBEARER's host/port fields. */
  host?: string;
  port?: number;
  /** A fixed client nonce (SCRAM's r=, DIGEST-MD5's cnonce), for test vectors; random when absent. */
  nonce?: string;
}

export type SaslStep =
  /** `answersError`: the challenge was the server's error report (XOAUTH2's base64 JSON), not a step of the exchange. */
  | { kind: 'send'; line: OutgoingLine; answersError?: true }
  /** Answer with "*" (RFC 4954 §4): the challenge cannot or should not be answered. */
  | { kind: 'cancel'; line: OutgoingLine; reason: string };

export interface SaslExchange {
  readonly mechanism: string;
  /** True when start() put a response on the AUTH line. */
  readonly usedInitialResponse: boolean;
  /** The AUTH command line. */
  start(): OutgoingLine;
  /** The answer to a 334 challenge; `challenge` is the reply text after "334 ". */
  respond(challenge: string): SaslStep;
  /**
   * Every response the mechanism needs has been sent: only then can a 235 mean that the
   * credentials were accepted. A 235 earlier (after LOGIN's user name, before PLAIN's response) is a protocol violation.
   */
  complete(): boolean;
  /** Facts learned from the server during the exchange (e.g. an XOAUTH2 error document), safe to record. */
  details(): Record<string, string>;
}

export interface SaslMechanism {
  name: string;
  credential: 'password' | 'token';
  /** Anyone who reads the line reads the password: only over TLS. */
  revealsSecret: boolean;
  /** The server speaks first, so there is never an initial response. */
  serverFirst: boolean;
  create(credentials: SaslCredentials, options: SaslOptions): SaslExchange;
}

export const CANCEL: OutgoingLine = Object.freeze({ wire: '*', redacted: '*' });

export function cancel(reason: string): SaslStep {
  return { kind: 'cancel', line: CANCEL, reason };
}
