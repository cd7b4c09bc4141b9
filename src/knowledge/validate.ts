// Knowledge validation: provider files checked against the schema and the cross-file rules — at build and test time, never on a CLI run.
import { providerSchema, type ProviderInput } from './schema.js';

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

/** One line per issue, for the build step and the tests: "google at signatures.0.id: duplicate signature id". */
export function formatIssues(issues: readonly KnowledgeIssue[]): string {
  return issues.map((i) => `knowledge file ${i.file} is invalid at ${i.path || '(root)'}: ${i.message}`).join('\n');
}
