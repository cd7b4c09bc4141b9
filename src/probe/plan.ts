// Probe plan: which port and security pairs to try besides the user's own, in a fixed order.
import { defaultSecurity } from '../knowledge/ports.js';
import type { Security } from '../model/session.js';

export interface Endpoint {
  port: number;
  security: Security;
}

export interface ProbeSpec extends Endpoint {
  role: 'configured' | 'alternative';
}

/** Submission endpoints in order of preference: implicit TLS first (RFC 8314 §3.3), then STARTTLS ports. */
export const STANDARD_ENDPOINTS: readonly Endpoint[] = [
  { port: 465, security: 'tls' },
  { port: 587, security: 'starttls' },
  { port: 2525, security: 'starttls' },
  { port: 25, security: 'starttls' },
];

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.port === b.port && a.security === b.security;
}

/** The default security for a port when the user did not say: the port's convention (knowledge/ports), else STARTTLS. */
export { defaultSecurity };

/**
 * The configured endpoint first, then the standard ones, then the other TLS modes on the configured port (a custom
 * port may be either; a plaintext setting is one switch away from STARTTLS on the same port), without duplicates.
 */
export function planProbes(configured: Endpoint, alternatives: readonly Endpoint[] = STANDARD_ENDPOINTS): ProbeSpec[] {
  const specs: ProbeSpec[] = [{ ...configured, role: 'configured' }];
  if (alternatives.length === 0) return specs;
  const others: Endpoint[] = (['starttls', 'tls'] as const)
    .filter((security) => security !== configured.security)
    .map((security) => ({ port: configured.port, security }));
  for (const endpoint of [...alternatives, ...others]) {
    if (!specs.some((s) => sameEndpoint(s, endpoint))) specs.push({ ...endpoint, role: 'alternative' });
  }
  return specs;
}

/**
 * Candidates when the user asked for `--security auto`: every standard (or given) endpoint when no port was given;
 * with a port, both modes on that port first, then the alternatives — which are what proves a way out when that port
 * offers no usable TLS at all (the same endpoints a fixed mode probes, see planProbes).
 */
export function autoCandidates(
  port: number | undefined,
  endpoints: readonly Endpoint[] = STANDARD_ENDPOINTS,
): Endpoint[] {
  if (port === undefined) return [...endpoints];
  const first = defaultSecurity(port);
  const own: Endpoint[] = [
    { port, security: first },
    { port, security: first === 'tls' ? 'starttls' : 'tls' },
  ];
  return [...own, ...endpoints.filter((e) => !own.some((o) => sameEndpoint(o, e)))];
}
