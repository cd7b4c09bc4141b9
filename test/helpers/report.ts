// Reports from hand-built evidence, assembled the way the doors assemble them (diagnose, working, follow-up, report).
import { deriveWorking, diagnose } from '../../src/diagnose/index.js';
import { followUp, type LoginInput } from '../../src/diagnose/next-steps.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { CodeExplanation, Report } from '../../src/model/report.js';
import { createReport } from '../../src/report/create.js';

/** The evidence is taken as it is: fixtures (test/fixtures/evidence.ts) already carry the recognised provider. */
export function reportOf(
  command: Report['command'],
  evidence: Evidence,
  options: { codes?: CodeExplanation[]; login?: LoginInput } = {},
): Report {
  const findings = diagnose(evidence);
  return createReport({
    command,
    evidence,
    findings,
    working: deriveWorking(evidence),
    totalMs: 0,
    ...followUp({ command, evidence, findings, ...options }),
  });
}
