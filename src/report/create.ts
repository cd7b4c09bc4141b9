// Report assembly: evidence, findings and what the pipeline decided, put into the Report contract. Decides nothing.
import { createRequire } from 'node:module';
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import {
  REPORT_SCHEMA_VERSION,
  type CodeExplanation,
  type InconclusiveReason,
  type Report,
  type ReportTarget,
  type Verdict,
  type WorkingSettings,
} from '../model/report.js';
import type { TranscriptEvent } from '../model/transcript.js';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** Everything a report holds, computed by the composition root (check/): the report only assembles it. */
export interface ReportInput {
  command: Report['command'];
  evidence: Evidence;
  findings: Finding[];
  working: WorkingSettings | null;
  /** Defaults to the configured session's redacted transcript (empty for explain). */
  transcript?: TranscriptEvent[];
  totalMs?: number;
  codes?: CodeExplanation[];
  nextSteps?: string[];
  inconclusiveReason?: InconclusiveReason;
}

export function createReport(input: ReportInput): Report {
  const { evidence, findings } = input;
  const configured = evidence.sessions.find((s) => s.role === 'configured')?.record;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'smtp-doctor', version: VERSION },
    command: input.command,
    verdict: verdictOf(findings),
    target: targetOf(evidence),
    findings,
    working: input.working,
    transcript: input.transcript ?? configured?.transcript ?? [],
    timings: { totalMs: Math.round(input.totalMs ?? 0) },
    evidence,
  };
  if (input.codes && input.codes.length > 0) report.codes = input.codes;
  if (input.nextSteps && input.nextSteps.length > 0) report.nextSteps = input.nextSteps;
  if (input.inconclusiveReason !== undefined) report.inconclusiveReason = input.inconclusiveReason;
  return report;
}

/**
 * ok: the login works and nothing is wrong; fail: a problem was diagnosed; inconclusive: nothing was diagnosed
 * (or only warnings without a verdict on the login, or a rule crashed).
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  // A rule that crashed may have missed the problem: "ok" would be a claim the evidence was not fully read for.
  if (findings.some((f) => f.id === 'internal-error')) return 'inconclusive';
  if (findings.some((f) => f.severity === 'ok')) return 'ok';
  return 'inconclusive';
}

/** The CLI exit code of a verdict: 0 login works, 1 problem diagnosed, 3 inconclusive. */
export function exitCodeOf(report: Pick<Report, 'verdict'>): 0 | 1 | 3 {
  return report.verdict === 'ok' ? 0 : report.verdict === 'fail' ? 1 : 3;
}

function targetOf(evidence: Evidence): ReportTarget | null {
  const record = evidence.sessions.find((s) => s.role === 'configured')?.record;
  const target: ReportTarget = {};
  const host = record?.target.host ?? evidence.target?.host;
  const port = record?.target.port ?? evidence.target?.port;
  const security = record?.target.security ?? evidence.target?.security;
  const username = evidence.credentials?.username ?? record?.username ?? evidence.target?.username;
  if (host !== undefined) target.host = host;
  const connectTo = record?.target.connectTo ?? evidence.dns?.connectTo;
  if (connectTo !== undefined) target.connectTo = connectTo;
  const hostFrom = evidence.target?.hostFrom;
  if (hostFrom === 'provider' || hostFrom === 'guess') target.hostFrom = hostFrom;
  if (port !== undefined) target.port = port;
  if (security !== undefined) target.security = security;
  if (username !== undefined) target.username = username;
  const provider = evidence.providerHints[0]?.provider;
  if (provider !== undefined) target.provider = provider;
  return Object.keys(target).length > 0 ? target : null;
}
