// Report assembly: evidence and findings into the Report contract (verdict, target, working settings, transcript).
import { createRequire } from 'node:module';
import { deriveWorking, diagnose } from '../diagnose/index.js';
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import {
  REPORT_SCHEMA_VERSION,
  type CodeExplanation,
  type Report,
  type ReportTarget,
  type Verdict,
  type WorkingSettings,
} from '../model/report.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { describeEnhancedCode, describeReplyCode } from '../knowledge/codes.js';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export interface ReportInput {
  command: Report['command'];
  evidence: Evidence;
  /** Defaults to diagnose(evidence). */
  findings?: Finding[];
  /** Defaults to deriveWorking(evidence). */
  working?: WorkingSettings | null;
  /** Defaults to the configured session's redacted transcript (empty for explain). */
  transcript?: TranscriptEvent[];
  totalMs?: number;
  codes?: CodeExplanation[];
  nextSteps?: string[];
}

export function createReport(input: ReportInput): Report {
  const { evidence } = input;
  const findings = input.findings ?? diagnose(evidence);
  const configured = evidence.sessions.find((s) => s.role === 'configured')?.record;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'smtp-doctor', version: VERSION },
    command: input.command,
    verdict: verdictOf(findings),
    target: targetOf(evidence),
    findings,
    working: input.working !== undefined ? input.working : deriveWorking(evidence),
    transcript: input.transcript ?? configured?.transcript ?? [],
    timings: { totalMs: Math.round(input.totalMs ?? 0) },
    evidence,
  };
  if (input.codes && input.codes.length > 0) report.codes = input.codes;
  if (findings.length === 0) {
    const asked = (input.codes?.length ?? 0) > 0;
    // A pasted reply that no rule explains still has codes with a meaning: say what they mean.
    const replyCodes = input.command === 'explain' && !asked ? unexplainedReplyCodes(evidence) : [];
    if (replyCodes.length > 0) report.codes = replyCodes;
    report.nextSteps =
      input.nextSteps ??
      defaultNextSteps(input.command, asked ? 'codes' : replyCodes.length > 0 ? 'reply' : 'nothing', evidence);
  }
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

/** The reply and enhanced codes of pasted replies (refusals first), as the RFCs define them. */
function unexplainedReplyCodes(evidence: Evidence): CodeExplanation[] {
  const replies = evidence.observations.flatMap((o) => (o.kind === 'reply' ? [o.reply] : []));
  const refusals = replies.filter((r) => r.code >= 400);
  const out: CodeExplanation[] = [];
  for (const reply of refusals.length > 0 ? refusals : replies) {
    const enhanced = reply.enhanced ? describeEnhancedCode(reply.enhanced.code) : null;
    for (const meaning of [describeReplyCode(reply.code), enhanced])
      if (meaning && !out.some((c) => c.code === meaning.code)) out.push({ ...meaning });
    if (out.length >= MAX_REPLY_CODES) break;
  }
  return out;
}

const MAX_REPLY_CODES = 6;

function defaultNextSteps(
  command: Report['command'],
  input: 'codes' | 'reply' | 'nothing',
  evidence: Evidence,
): string[] {
  if (command !== 'explain') return ['Run again with --verbose and keep the transcript.'];
  if (input === 'reply')
    return [
      `Let smtp-doctor talk to the server: smtp-doctor check ${evidence.target?.host ?? '<host>'} --user <name> shows which step it refuses and what it offers there.`,
      'Paste the client’s debug transcript around this reply (nodemailer logger: true, PHPMailer SMTPDebug = 2, Python server.set_debuglevel(1), swaks, curl -v): the command it answers narrows the cause down.',
      'Search the provider’s documentation for the exact text of the reply, or ask the server’s administrator to look it up in the server’s log.',
    ];
  if (input === 'codes')
    return [
      'Paste the whole reply: the text after the code tells the possible causes apart.',
      'Include the host you send through: providers reuse codes for their own purposes.',
    ];
  return [
    'Paste the complete error, including the server’s reply line (it starts with a three-digit code such as 535 or 530).',
    'Turn the client’s SMTP debug output on and paste that: nodemailer debug: true / logger: true, PHPMailer SMTPDebug = 2, Python server.set_debuglevel(1), msmtp --debug, curl -v, swaks.',
    'Include the host, port and TLS setting the client uses (e.g. smtp.example.com, 587, STARTTLS).',
    'Or let smtp-doctor talk to the server itself: smtp-doctor check <host> --user <name>.',
  ];
}
