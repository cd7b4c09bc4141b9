// DNS: resolve the target's addresses (and MX hosts for an e-mail domain) as evidence; failures are data.
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import type { DnsEvidence } from '../model/evidence.js';

export interface Resolver {
  lookup(host: string): Promise<string[]>;
  resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
}

export const systemResolver: Resolver = {
  lookup: async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address),
  resolveMx: (domain) => dns.resolveMx(domain),
};

export async function resolveHost(host: string, resolver: Resolver): Promise<DnsEvidence> {
  if (isIP(host)) return { host, addresses: [host] };
  try {
    return { host, addresses: await resolver.lookup(host) };
  } catch (err) {
    return { host, addresses: [], error: dnsError(err) };
  }
}

/** MX hosts of a domain, best first; an empty list when there are none or the lookup fails. */
export async function resolveMx(domain: string, resolver: Resolver): Promise<{ exchange: string; priority: number }[]> {
  try {
    return (await resolver.resolveMx(domain)).sort((a, b) => a.priority - b.priority);
  } catch {
    return [];
  }
}

function dnsError(err: unknown): { code: string; message: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return { code: typeof code === 'string' ? code : 'EDNS', message: err instanceof Error ? err.message : String(err) };
}
