// Lab session log: what each client and the persona said, with every credential replaced by its shape.
import { describeShape, shapeOf } from '../model/secret.js';
import type { Security } from '../model/session.js';

export interface LabLogEvent {
  /** Connection number within this lab, from 1. */
  session: number;
  listener: Extract<Security, 'starttls' | 'tls'>;
  port: number;
  /** client: what the client sent (redacted); server: what the lab sent; info: what the lab observed or decided. */
  kind: 'client' | 'server' | 'info';
  text: string;
}

export type LabLogger = (event: LabLogEvent) => void;

const PREVIEW = 200;

/** A client command line as it may be logged: AUTH keeps the mechanism, never the initial response. */
export function redactCommand(text: string): string {
  const auth = /^(AUTH)\s+(\S+)(?:\s+(\S+))?/i.exec(text);
  if (auth) return `${auth[1] ?? 'AUTH'} ${auth[2] ?? ''}${auth[3] === undefined ? '' : ` ${describeBlob(auth[3])}`}`;
  return preview(text);
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

/** Control characters and very long lines made safe for a terminal. */
export function preview(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we escape
  const safe = text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
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
