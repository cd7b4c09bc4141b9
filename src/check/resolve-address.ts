// Address → submission host: `check alice@example.com` finds the provider from the domain (known list, then MX) and its host.
import type { ProviderHint } from '../model/evidence.js';
import { InputError } from '../model/errors.js';
import type { Security } from '../model/session.js';
import { emailDomainOf, identifyProvider, providerById, submissionFor } from '../knowledge/index.js';
import { resolveMx, type Resolver } from '../probe/dns.js';
import { quoteInput } from '../protocol/escape.js';

export interface AddressTarget {
  host: string;
  port?: number;
  security?: Security;
  /** How the host was found: from the provider's data, or guessed as smtp.<domain>. */
  hostFrom: 'provider' | 'guess';
  /** The provider whose submission host was chosen (planning only: the evidence is recognised as a whole later). */
  provider?: ProviderHint;
  mx: { exchange: string; priority: number }[];
}

export async function resolveAddress(address: string, resolver: Resolver): Promise<AddressTarget> {
  const domain = emailDomainOf(address);
  if (!domain) throw new InputError(`not an e-mail address: ${quoteInput(address)}`);
  let hints = identifyProvider({ emailDomain: domain });
  let mx: AddressTarget['mx'] = [];
  if (hints.length === 0) {
    // Custom domains hosted by a provider show it in their MX records (aspmx.l.google.com, *.mail.protection.outlook.com).
    mx = await resolveMx(domain, resolver);
    hints = identifyProvider({ mxHosts: mx.map((m) => m.exchange) });
  }
  for (const hint of hints) {
    const endpoint = submissionFor(hint.provider, domain).find((e) => !e.host.includes('{'));
    if (endpoint)
      return {
        host: endpoint.host,
        port: endpoint.port,
        security: endpoint.security,
        hostFrom: 'provider',
        provider: hint,
        mx,
      };
    const regional = submissionFor(hint.provider, domain)[0];
    if (regional) {
      const name = providerById(hint.provider)?.name ?? hint.provider;
      throw new InputError(
        `${name} has one submission host per region (${regional.host}): give that host instead of the address`,
      );
    }
  }
  return { host: `smtp.${domain}`, hostFrom: 'guess', mx };
}
