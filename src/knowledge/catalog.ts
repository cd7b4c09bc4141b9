// Catalog: the provider files validated once against the schema, with compiled patterns ready for matching.
import { InternalError } from '../model/errors.js';
import { PROVIDER_FILES } from './providers/index.js';
import { providerSchema, type ProviderData, type ProviderInput, type SignatureData } from './schema.js';

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

export interface KnowledgeIssue {
  file: string;
  path: string;
  message: string;
}

/** Checks provider files against the schema and the cross-file rules; an empty list means they are sound. */
export function validateProviders(files: readonly ProviderInput[]): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const providerIds = new Set<string>();
  const signatureIds = new Set<string>();
  files.forEach((file, index) => {
    const name = typeof file.id === 'string' ? file.id : `#${index}`;
    const parsed = providerSchema.safeParse(file);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ file: name, path: issue.path.join('.'), message: issue.message });
      return;
    }
    const provider = parsed.data;
    if (providerIds.has(provider.id)) issues.push({ file: name, path: 'id', message: 'duplicate provider id' });
    providerIds.add(provider.id);
    provider.signatures.forEach((sig, i) => {
      const at = `signatures.${i}`;
      if (!sig.id.startsWith(`${provider.id}.`))
        issues.push({ file: name, path: `${at}.id`, message: `signature id must start with "${provider.id}."` });
      if (signatureIds.has(sig.id)) issues.push({ file: name, path: `${at}.id`, message: 'duplicate signature id' });
      signatureIds.add(sig.id);
      if (provider.kind === 'generic' && sig.scope === 'provider')
        issues.push({ file: name, path: `${at}.scope`, message: 'a generic signature cannot need a provider' });
    });
  });
  issues.push(...unknownFollowers(files, signatureIds));
  return issues;
}

/** A `followedBy` must name a signature of the knowledge base (of any provider: the RFC's refusal can follow). */
function unknownFollowers(files: readonly ProviderInput[], signatureIds: ReadonlySet<string>): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  for (const file of files)
    file.signatures.forEach((sig, i) => {
      if (sig.followedBy !== undefined && !signatureIds.has(sig.followedBy))
        issues.push({
          file: file.id,
          path: `signatures.${i}.followedBy`,
          message: `no signature ${JSON.stringify(sig.followedBy)}`,
        });
    });
  return issues;
}

let cached: Catalog | undefined;

/** The validated knowledge base; a broken data file is our bug, reported with its exact place. */
export function catalog(): Catalog {
  if (cached) return cached;
  const issues = validateProviders(PROVIDER_FILES);
  if (issues.length > 0) {
    const first = issues[0] as KnowledgeIssue;
    throw new InternalError(
      `knowledge file ${first.file} is invalid at ${first.path || '(root)'}: ${first.message}` +
        (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''),
    );
  }
  const providers = PROVIDER_FILES.map((file) => compileProvider(withAdviceKeys(providerSchema.parse(file))));
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

/**
 * Every fix gets an id and every dead end a topic: the shared one the file gave, else one of its own made of the
 * signature and the advice's first words ("rfc.credentials-invalid#check-the-exact-user-name-form").
 */
function withAdviceKeys(data: ProviderData): ProviderData {
  for (const signature of data.signatures)
    for (const cause of signature.causes) {
      for (const fix of cause.fixes) fix.id ??= `${signature.id}#${slug(fix.text)}`;
      for (const deadEnd of cause.deadEnds) deadEnd.topic ??= `${signature.id}#${slug(deadEnd.text)}`;
    }
  return data;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .slice(0, 6)
    .join('-');
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
