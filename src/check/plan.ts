// Check plan: where to probe — the host the user gave, or the submission host of the provider behind an address.
import type { ProbeOptions } from '../probe/probe.js';
import { systemResolver } from '../probe/dns.js';
import type { CheckOptions } from './check.js';
import { resolveAddress } from './resolve-address.js';

/**
 * The probe's options for a check: a host is probed as given; an address is looked up (known domains, then MX records)
 * and its provider's recommended endpoint becomes the configured one, unless the user set the port or mode. How the
 * host was found and the MX records seen go into the evidence.
 */
export async function planCheck(options: CheckOptions): Promise<ProbeOptions> {
  if (options.host) return { ...options, host: options.host, hostFrom: 'input' };
  const address = options.address ?? '';
  options.onProgress?.({ stage: 'dns', label: `finding the submission server for ${address}` });
  const found = await resolveAddress(address, options.resolver ?? systemResolver);
  const plan: ProbeOptions = { ...options, host: found.host, hostFrom: found.hostFrom, mx: found.mx };
  // The user's own port/security win; otherwise the provider's recommended endpoint is "the configured one".
  if (options.port === undefined && found.port !== undefined) plan.port = found.port;
  if (options.security === undefined && found.security !== undefined && options.port === undefined)
    plan.security = found.security;
  return plan;
}
