// Catalog: the provider data (defaults and advice keys filled in) with compiled patterns ready for matching.
import { providerData } from './provider-data.js';
import type { ProviderData, SignatureData } from './schema.js';

export interface CompiledSignature {
  data: SignatureData;
  provider: ProviderData;
  text: RegExp | null;
  /** Words that name the reply anywhere in a paste, without its code (the signature's `standalone`). */
  standalone: RegExp | null;
  /** Position in the catalog: the last tie-breaker, so matching is deterministic. */
  order: number;
}

export interface CompiledProvider {
  data: ProviderData;
  hosts: RegExp[];
  mxHosts: RegExp[];
  banner: RegExp[];
  ehlo: RegExp[];
  text: RegExp[];
}

export interface Catalog {
  providers: CompiledProvider[];
  byId: ReadonlyMap<string, CompiledProvider>;
  signatures: CompiledSignature[];
  signatureById: ReadonlyMap<string, CompiledSignature>;
}

let cached: Catalog | undefined;

/**
 * The knowledge base, built once per process. The files are not validated here: the build (scripts/check-knowledge.ts)
 * and the tests (test/knowledge/catalog.test.ts) validate them against the schema, so a run loads no schema library.
 */
export function catalog(): Catalog {
  if (cached) return cached;
  const providers = providerData().map(compileProvider);
  const signatures: CompiledSignature[] = [];
  for (const provider of providers) {
    for (const data of provider.data.signatures) {
      signatures.push({
        data,
        provider: provider.data,
        text: data.match.text === undefined ? null : new RegExp(data.match.text, 'iu'),
        standalone: data.standalone === undefined ? null : new RegExp(data.standalone, 'iu'),
        order: signatures.length,
      });
    }
  }
  cached = {
    providers,
    byId: new Map(providers.map((p) => [p.data.id, p])),
    signatures,
    signatureById: new Map(signatures.map((s) => [s.data.id, s])),
  };
  return cached;
}

function compileProvider(data: ProviderData): CompiledProvider {
  const patterns = (sources: string[]) => sources.map((s) => new RegExp(s, 'iu'));
  return {
    data,
    hosts: data.recognise.hosts.map(hostPatternToRegExp),
    mxHosts: data.recognise.mxHosts.map(hostPatternToRegExp),
    banner: patterns(data.recognise.banner),
    ehlo: patterns(data.recognise.ehlo),
    text: patterns(data.recognise.text),
  };
}

/** "email-smtp.*.amazonaws.com" → /^email-smtp\.[a-z0-9.-]+\.amazonaws\.com$/ ("*" covers one or more labels). */
export function hostPatternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.]/g, '\\.'))
    .join('[a-z0-9.-]+');
  return new RegExp(`^${body}$`, 'i');
}
