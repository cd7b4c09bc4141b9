// Knowledge base API: providers, their submission settings, reply signatures and code meanings — data, validated in the build and tests.
import type { FindingId } from '../model/finding.js';
import type { Phase } from '../model/transcript.js';
import { catalog } from './catalog.js';
import { emailDomainOf } from './identify.js';
import type { ProviderData, SubmissionEndpoint } from './schema.js';

export { identifyProvider, emailDomainOf, type ProviderClues } from './identify.js';
export {
  matchReply,
  bestMatch,
  type ReplyFacts,
  type MatchContext,
  type SignatureMatch,
  type MatchTier,
} from './match.js';
export {
  describeReplyCode,
  describeEnhancedCode,
  typicalReplyCode,
  REPLY_CODES,
  ENHANCED_CODES,
  type CodeMeaning,
} from './codes.js';
export { CLIENT_MESSAGES, type ClientMessageId, type ClientMessagePattern } from './client-messages.js';
// validateProviders lives in ./validate.js (it loads the schema library, which no CLI run needs).
export type { KnowledgeIssue } from './validate.js';
export type {
  ProviderData,
  SignatureData,
  CauseData,
  SubmissionData,
  SubmissionEndpoint,
  ProviderInput,
} from './schema.js';

/** A provider's data (recognition, submission settings, signatures), or null for an unknown id. */
export function providerById(id: string): ProviderData | null {
  return catalog().byId.get(id)?.data ?? null;
}

/** Every provider in the knowledge base, generic RFC meanings last. */
export function listProviders(): ProviderData[] {
  return catalog().providers.map((p) => p.data);
}

/**
 * Where to submit mail for a provider, best first; with an e-mail domain, endpoints meant for that domain come
 * first (aol.com → smtp.aol.com) and endpoints meant only for other domains are left out.
 */
export function submissionFor(providerId: string, emailDomain?: string): SubmissionEndpoint[] {
  const endpoints = providerById(providerId)?.submission?.endpoints ?? [];
  const domain = emailDomainOf(emailDomain);
  const forDomain = endpoints.filter((e) => domain !== undefined && e.domains?.includes(domain));
  const general = endpoints.filter((e) => e.domains === undefined);
  return [...forDomain, ...general];
}

export interface SignatureListing {
  id: string;
  provider: string;
  /** The first phase the reply appears in (where the lab should send it). */
  phase: Phase;
  phases: Phase[];
  codes: number[];
  enhanced: string | null;
  /** Exact wire replies: lines joined with CRLF, without the final CRLF. */
  samples: string[];
  /** Finding ids the signature's causes lead to, most likely first. */
  findings: FindingId[];
  /** Whether matching needs the provider recognised by other evidence (host, banner). */
  needsProvider: boolean;
  certainty: 'confirmed' | 'reported';
  /** The signature of the reply that comes next when the client goes on (after a 334 error challenge), if any. */
  followedBy: string | null;
}

export function listSignatures(): SignatureListing[] {
  return catalog().signatures.map(({ data, provider }) => ({
    id: data.id,
    provider: provider.id,
    phase: data.phases[0] as Phase,
    phases: [...data.phases],
    codes: [...data.match.codes],
    enhanced: data.match.enhanced ?? null,
    samples: data.samples.map((s) => s.split('\n').join('\r\n')),
    findings: [...new Set(data.causes.map((c) => c.finding))],
    needsProvider: data.scope === 'provider',
    certainty: data.certainty,
    followedBy: data.followedBy ?? null,
  }));
}
