// Catalog: the provider data (defaults and advice keys filled in) with compiled patterns ready for matching.
import { providerData } from './provider-data.js';
import type { ProviderData, SignatureData } from './schema.js';

export interface CompiledSignature {
  data: SignatureData;
  provider: ProviderData;
  /** Compiled when first read (as are the patterns below). */
  readonly text: RegExp | null;
  /** Words that name the reply anywhere in a paste, without its code (the signature's `standalone`). */
  readonly standalone: RegExp | null;
  /** Position in the catalog: the last tie-breaker, so matching is deterministic. */
  order: number;
}

export interface CompiledProvider {
  data: ProviderData;
  readonly hosts: RegExp[];
  readonly mxHosts: RegExp[];
  readonly banner: RegExp[];
  readonly ehlo: RegExp[];
  readonly text: RegExp[];
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
  for (const provider of providers)
    for (const data of provider.data.signatures)
      signatures.push(compileSignature(data, provider.data, signatures.length));
  cached = {
    providers,
    byId: new Map(providers.map((p) => [p.data.id, p])),
    signatures,
    signatureById: new Map(signatures.map((s) => [s.data.id, s])),
  };
  return cached;
}

/*
 * Patterns are compiled when first read, once: a case-insensitive Unicode pattern costs a run its compile even when
 * never tested, and a reply is tested only against the signatures of its code (explain 535 needs few of them).
 */

function compileSignature(data: SignatureData, provider: ProviderData, order: number): CompiledSignature {
  let text: RegExp | null | undefined;
  let standalone: RegExp | null | undefined;
  return {
    data,
    provider,
    get text() {
      if (text === undefined) text = data.match.text === undefined ? null : new RegExp(data.match.text, 'iu');
      return text;
    },
    get standalone() {
      if (standalone === undefined)
        standalone = data.standalone === undefined ? null : new RegExp(data.standalone, 'iu');
      return standalone;
    },
    order,
  };
}

function compileProvider(data: ProviderData): CompiledProvider {
  const patterns = (sources: string[]) => sources.map((s) => new RegExp(s, 'iu'));
  const lazy = <T>(make: () => T): (() => T) => {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
  };
  const hosts = lazy(() => data.recognise.hosts.map(hostPatternToRegExp));
  const mxHosts = lazy(() => data.recognise.mxHosts.map(hostPatternToRegExp));
  const banner = lazy(() => patterns(data.recognise.banner));
  const ehlo = lazy(() => patterns(data.recognise.ehlo));
  const text = lazy(() => patterns(data.recognise.text));
  return {
    data,
    get hosts() {
      return hosts();
    },
    get mxHosts() {
      return mxHosts();
    },
    get banner() {
      return banner();
    },
    get ehlo() {
      return ehlo();
    },
    get text() {
      return text();
    },
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
