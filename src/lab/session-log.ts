// Lab session log: what each client and the persona said, with every credential replaced by its shape.
import { describeShape, shapeOf } from '../model/secret.js';
import type { Security } from '../model/session.js';

export interface LabLogEvent {
  /** Connection number within this lab, from 1. */
  session: number;
  /** The SMTP listener, or the OAuth token endpoint (its events count requests in the same numbering). */
  listener: Extract<Security, 'starttls' | 'tls'> | 'token-endpoint';
  port: number;
  /** client: what the client sent (redacted); server: what the lab sent; info: what the lab observed or decided. */
  kind: 'client' | 'server' | 'info';
  text: string;
}

export type LabLogger = (event: LabLogEvent) => void;

const PREVIEW = 200;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Client lines are read as latin1 so that every byte survives; a line that is valid UTF-8 (an SMTPUTF8 address,
 * an EHLO name with accents) is shown as the characters the client meant, anything else byte for byte.
 */
export function clientText(latin1: string): string {
  // eslint-disable-next-line no-control-regex -- plain ASCII needs no decoding
  if (/^[\x00-\x7f]*$/.test(latin1)) return latin1;
  try {
    return UTF8.decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return latin1;
  }
}

/** A client command line as it may be logged: AUTH keeps the mechanism, never the initial response. */
export function redactCommand(latin1: string): string {
  const auth = /^(AUTH)\s+(\S+)(?:\s+(\S+))?/i.exec(latin1);
  if (auth) return `${auth[1] ?? 'AUTH'} ${auth[2] ?? ''}${auth[3] === undefined ? '' : ` ${describeBlob(auth[3])}`}`;
  return preview(clientText(latin1));
}

/** A line sent inside an AUTH exchange is all credential: only its shape is logged. */
export function describeBlob(text: string): string {
  if (text === '') return '(empty line)';
  if (text === '*') return '* (cancel)';
  if (text === '=') return '= (empty initial response)';
  const kind = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? 'base64 characters' : 'characters, not base64';
  return `[credentials: ${text.length} ${kind}]`;
}

/** What a secret looked like, for the lab's verdict line: length and character classes, never the value. */
export function describeSecretShape(secret: string, kind: 'password' | 'token'): string {
  return describeShape(shapeOf(secret, kind));
}

/** Control characters (C0, C1, bidi overrides) and very long lines made safe for a terminal. */
export function preview(text: string): string {
  const safe = text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we escape
    /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.charCodeAt(0);
      return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
    },
  );
  return safe.length > PREVIEW ? `${safe.slice(0, PREVIEW)}… (${text.length} characters)` : safe;
}

/** One log event as a text line, for the CLI's stderr. */
export function formatLogEvent(event: LabLogEvent): string {
  const arrow = event.kind === 'client' ? 'C:' : event.kind === 'server' ? 'S:' : '--';
  const head = `[lab #${event.session} ${event.listener}:${event.port}]`;
  return event.text
    .split('\n')
    .map((line) => `${head} ${arrow} ${line}`)
    .join('\n');
}
