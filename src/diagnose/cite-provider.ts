// Citing a provider's own causes (a signature's, a credential shape's): the finding in the words of the provider's file.
import type { CauseData, ProviderData } from '../knowledge/schema.js';
import { render, type Params } from '../knowledge/template.js';
import type { Confidence, DocLink, EvidenceQuote, Finding, Severity } from '../model/finding.js';
import type { Candidate, Layer } from './types.js';

export interface ProviderCauseParts {
  provider: ProviderData;
  evidence: EvidenceQuote[];
  /** The known reply that names the cause, when a signature does. */
  signature?: string;
  /** The cause's own unless given (a rule may lower it, never raise it). */
  confidence?: Confidence;
  severity?: Severity;
  /** Pages to read when the cause names none. */
  fallbackDocs?: readonly DocLink[];
  /**
   * What fills the holes of the cause's words ({{user}}), for causes that quote the evidence. Without params the words
   * are taken as written: signature texts are not templates.
   */
  params?: Params;
}

const SUCCESS = new Set(['auth-ok', 'message-accepted']);

export function providerCause(
  cause: CauseData,
  parts: ProviderCauseParts,
  layer: Layer,
  origin: Candidate['origin'],
): Candidate {
  const words = (text: string): string => (parts.params ? render(text, parts.params) : text);
  const finding: Finding = {
    id: cause.finding,
    severity: parts.severity ?? (SUCCESS.has(cause.finding) ? 'ok' : 'error'),
    title: words(cause.title),
    summary: words(cause.summary),
    evidence: [...parts.evidence],
    fixes: cause.fixes.map((f) => ({
      ...(f.id !== undefined ? { id: f.id } : {}),
      text: words(f.text),
      ...(f.settings ? { settings: { ...f.settings } } : {}),
    })),
    deadEnds: cause.deadEnds.map((d) => ({
      ...(d.topic !== undefined ? { id: d.topic } : {}),
      text: words(d.text),
      why: words(d.why),
    })),
    docs: (cause.docs.length > 0 ? cause.docs : (parts.fallbackDocs ?? [])).map((d) => ({ ...d })),
    confidence: parts.confidence ?? cause.confidence,
  };
  if (parts.signature !== undefined) finding.signature = parts.signature;
  if (cause.detail !== undefined) finding.detail = cause.detail;
  if (parts.provider.kind !== 'generic') finding.provider = parts.provider.id;
  return { finding, layer, origin };
}
