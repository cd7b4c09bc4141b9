// Port conventions: which TLS mode each well-known submission port speaks — one table for the probe, the CLI and rules.
import type { Security } from '../model/session.js';

export interface PortConvention {
  port: number;
  /** The TLS mode the port speaks by convention: implicit TLS from the first byte, or plaintext then STARTTLS. */
  security: Exclude<Security, 'none'>;
  /** What the port is for. */
  use: 'submission' | 'relay' | 'alternative';
  sources: readonly string[];
}

export const PORTS: readonly PortConvention[] = [
  {
    port: 465,
    security: 'tls',
    use: 'submission',
    sources: ['https://www.rfc-editor.org/rfc/rfc8314#section-7.3 (port 465: submission over implicit TLS)'],
  },
  {
    port: 587,
    security: 'starttls',
    use: 'submission',
    sources: ['https://www.rfc-editor.org/rfc/rfc6409#section-3.1 (port 587: message submission, STARTTLS)'],
  },
  {
    port: 25,
    security: 'starttls',
    use: 'relay',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc5321#section-4.5.4.1 (port 25: relay between servers; STARTTLS per RFC 3207)',
    ],
  },
  {
    port: 2525,
    security: 'starttls',
    use: 'alternative',
    sources: [
      'https://docs.sendgrid.com/for-developers/sending-email/integrating-with-the-smtp-api (ports 25, 587, 2525 with STARTTLS; 465 with TLS)',
      'https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html (STARTTLS on 25, 587, 2587; TLS wrapper on 465, 2465)',
    ],
  },
  {
    port: 2587,
    security: 'starttls',
    use: 'alternative',
    sources: ['https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html (STARTTLS on 25, 587, 2587)'],
  },
  {
    port: 2465,
    security: 'tls',
    use: 'alternative',
    sources: ['https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html (TLS wrapper on 465, 2465)'],
  },
];

const BY_PORT = new Map(PORTS.map((p) => [p.port, p]));

/** The port's conventional TLS mode, or undefined for a port without one (a custom port may speak either). */
export function conventionalSecurity(port: number): PortConvention['security'] | undefined {
  return BY_PORT.get(port)?.security;
}

/** What to assume when the user gave a port and no mode: the port's convention, else STARTTLS (plaintext first). */
export function defaultSecurity(port: number): Exclude<Security, 'none'> {
  return conventionalSecurity(port) ?? 'starttls';
}

/** The submission port of a mode when the user gave none: 465 for implicit TLS, 587 otherwise (RFC 8314, RFC 6409). */
export function submissionPort(security: Security): number {
  const mode = security === 'tls' ? 'tls' : 'starttls';
  return PORTS.find((p) => p.use === 'submission' && p.security === mode)?.port ?? 587;
}

export function isImplicitTlsPort(port: number | undefined): boolean {
  return port !== undefined && conventionalSecurity(port) === 'tls';
}

export function isStarttlsPort(port: number | undefined): boolean {
  return port !== undefined && conventionalSecurity(port) === 'starttls';
}

/** Ports a pasted text may name as the SMTP port (the conventional ones and the common local test ports). */
export const MAIL_PORTS: ReadonlySet<number> = new Set([...PORTS.map((p) => p.port), 26, 1025, 8025]);
