// Citing knowledge: a rule names a cause, its fixes and dead ends by key with what it saw; the words come from knowledge.
import { clientSetting, isClientSetting } from '../knowledge/clients.js';
import {
  CAUSES,
  DEAD_ENDS,
  FIXES,
  NOTES,
  type CauseEntry,
  type DeadEndEntry,
  type CauseKey,
  type DeadEndKey,
  type FixKey,
  type NoteKey,
} from '../knowledge/causes/index.js';
import { render, TemplateError, type Params } from '../knowledge/template.js';
import type {
  Confidence,
  DeadEnd,
  DocLink,
  EvidenceQuote,
  Finding,
  Fix,
  FindingId,
  SettingsPatch,
  Severity,
} from '../model/finding.js';
import type { DiagnoseContext } from './context.js';
import { pastedRefusedLogin } from './reading/pasted.js';
import { refusedLogin } from './reading/sessions.js';
import type { Candidate, Layer } from './types.js';

export type { Params } from '../knowledge/template.js';

/** A fix a rule offers: its key, what fills its template, and the settings it changes. */
export interface FixRef {
  key: FixKey;
  params?: Params;
  settings?: SettingsPatch;
}

export interface DeadEndRef {
  key: DeadEndKey;
  params?: Params;
}

export function fix(key: FixKey, params?: Params, settings?: SettingsPatch): FixRef {
  return { key, ...(params ? { params } : {}), ...(settings ? { settings } : {}) };
}

export function deadEnd(key: DeadEndKey, params?: Params): DeadEndRef {
  return { key, ...(params ? { params } : {}) };
}

/** A line of evidence smtp-doctor states itself (what it proved), from the session it proved it in. */
export function note(key: NoteKey, params: Params = {}, session?: number): EvidenceQuote {
  const text = render(NOTES[key].text, params);
  return session === undefined ? { text, source: 'transcript' } : { text, source: 'transcript', session };
}

export interface CauseParts {
  /** What fills the cause's templates (and its fixes' and dead ends', which see these too). */
  params?: Params;
  evidence: EvidenceQuote[];
  fixes?: FixRef[];
  deadEnds?: DeadEndRef[];
  confidence: Confidence;
  severity?: Severity;
  /** Overrides the cause's own detail, for causes whose detail is a fact (a violation kind, a certificate code). */
  detail?: string;
  provider?: string;
  signature?: string;
}

const SUCCESS: ReadonlySet<FindingId> = new Set(['auth-ok', 'message-accepted']);

/**
 * The finding for a cause of the catalogue, its words rendered for the user's client. Throws TemplateError when a rule
 * cites a fix or dead end the cause does not list, or leaves a hole in a template: diagnose() turns that into an
 * internal-error finding, and the tests catch it first.
 */
export function cause(
  context: DiagnoseContext,
  key: CauseKey,
  parts: CauseParts,
  layer: Layer,
  origin: Candidate['origin'] = 'configured',
): Candidate {
  const entry: CauseEntry = CAUSES[key];
  const params = parts.params ?? {};
  const client = context.evidence.client?.client;
  const options = {
    setting: (name: string, p: Params): string => {
      if (!isClientSetting(name)) throw new TemplateError(`unknown client setting {{@${name}}}`);
      return clientSetting(name, client, p);
    },
  };
  const fixes: Fix[] = (parts.fixes ?? []).map((ref) => {
    if (!entry.fixes.includes(ref.key)) throw new TemplateError(`cause ${key} does not list the fix ${ref.key}`);
    const out: Fix = { id: ref.key, text: render(FIXES[ref.key].text, { ...params, ...ref.params }, options) };
    if (ref.settings) out.settings = ref.settings;
    return out;
  });
  const judged = loginJudged(context);
  const deadEnds: DeadEnd[] = (parts.deadEnds ?? []).flatMap((ref) => {
    if (!(entry.deadEnds ?? []).includes(ref.key))
      throw new TemplateError(`cause ${key} does not list the dead end ${ref.key}`);
    const d: DeadEndEntry = DEAD_ENDS[ref.key];
    // The one place the policy lives: a reason that holds only until a server judges the credentials is dropped once
    // one has (see DeadEndEntry.untilJudged).
    if (d.untilJudged === true && judged) return [];
    const p = { ...params, ...ref.params };
    return [{ id: d.topic, text: render(d.text, p, options), why: render(d.why, p, options) }];
  });
  const finding: Finding = {
    id: entry.finding,
    severity: parts.severity ?? (SUCCESS.has(entry.finding) ? 'ok' : 'error'),
    title: render(entry.title, params, options),
    summary: render(entry.summary, params, options),
    evidence: parts.evidence,
    fixes,
    deadEnds,
    docs: (entry.docs ?? []).map((d: DocLink) => ({ ...d })),
    confidence: parts.confidence,
  };
  if (parts.signature !== undefined) finding.signature = parts.signature;
  const detail = parts.detail ?? entry.detail;
  if (detail !== undefined) finding.detail = detail;
  if (parts.provider !== undefined) finding.provider = parts.provider;
  return { finding, layer, origin };
}

/** A server judged and refused the credentials somewhere in the evidence: a 5xx to AUTH, live or pasted. */
export function loginJudged(context: DiagnoseContext): boolean {
  return refusedLogin(context) !== undefined || pastedRefusedLogin(context.evidence);
}
