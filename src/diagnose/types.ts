// Rule contract: a pure function from the diagnose context to candidate findings, each placed in the session's layers.
import type { Finding, FindingId } from '../model/finding.js';
import type { DiagnoseContext } from './context.js';

/** Where in the life of a session a cause sits: the earliest failing layer is the root cause. */
export type Layer = 'dns' | 'connect' | 'tls' | 'greeting' | 'starttls' | 'credentials' | 'auth' | 'mail' | 'outcome';

export const LAYER_RANK: Readonly<Record<Layer, number>> = {
  dns: 0,
  connect: 1,
  tls: 2,
  greeting: 3,
  starttls: 4,
  credentials: 5,
  auth: 6,
  mail: 7,
  outcome: 8,
};

export interface Candidate {
  finding: Finding;
  layer: Layer;
  /** configured: the user's own settings (or pasted text); alternative: what another port or mode showed. */
  origin: 'configured' | 'alternative';
}

export interface Rule {
  /** Stable name, also the file name under rules/. */
  id: string;
  /** One line for docs/findings.md. */
  description: string;
  /** Every finding id the rule can emit (docs and the coverage test read this). */
  produces: readonly FindingId[];
  run(context: DiagnoseContext): Candidate[];
}
