// Follow-up: what a report adds when its findings cannot settle the question — next steps, the meaning of the reply
// codes, and why the verdict is inconclusive. Decided here from the evidence; the words come from knowledge.
import { clientSetting, isClientSetting } from '../knowledge/clients.js';
import { describeEnhancedCode, describeReplyCode } from '../knowledge/codes.js';
import { NEXT_STEPS, type NextStepKey } from '../knowledge/next-steps.js';
import { render, TemplateError, type Params } from '../knowledge/template.js';
import type { Evidence } from '../model/evidence.js';
import type { Finding } from '../model/finding.js';
import type { CodeExplanation, InconclusiveReason, Report } from '../model/report.js';
import type { SessionRecord } from '../model/session.js';

/** What the user gave for the login (check): it decides the next steps of a run that tested none. */
export interface LoginInput {
  /** Credentials were given (they may still not have been sent: budget 0, or empty). */
  credentials: boolean;
  username?: string;
  maxAttempts?: number;
}

export interface FollowUpInput {
  command: Report['command'];
  evidence: Evidence;
  findings: readonly Finding[];
  /** The meanings of the bare codes the user asked about (explain). */
  codes?: readonly CodeExplanation[];
  /** check: what was given for the login. */
  login?: LoginInput;
}

export interface FollowUp {
  /** The codes to explain: the ones asked about, or those of a pasted reply nothing explains. */
  codes?: CodeExplanation[];
  nextSteps?: string[];
  /** Set when nothing was diagnosed (the verdict is then inconclusive). */
  inconclusiveReason?: InconclusiveReason;
}

/** How many codes of unexplained pasted replies are explained at most. */
const MAX_REPLY_CODES = 6;

export function followUp(input: FollowUpInput): FollowUp {
  const { command, evidence, findings } = input;
  const asked = input.codes ?? [];
  const out: FollowUp = {};
  if (asked.length > 0) out.codes = asked.map((c) => ({ ...c }));
  if (findings.length > 0) return out;

  // A pasted reply that no rule explains still has codes with a meaning: say what they mean.
  const replyCodes = command === 'explain' && asked.length === 0 ? unexplainedReplyCodes(evidence) : [];
  if (replyCodes.length > 0) out.codes = replyCodes;
  const say = words(evidence);
  out.nextSteps =
    (input.login && nextStepsWithoutLogin(evidence, input.login, say)) ??
    (command !== 'explain'
      ? [say('check.verbose')]
      : asked.length > 0
        ? [say('explain.codes.whole-reply'), say('explain.codes.host')]
        : replyCodes.length > 0
          ? [
              say('explain.reply.check', { host: evidence.target?.host ?? '<host>' }),
              say('explain.reply.debug'),
              say('explain.reply.search'),
            ]
          : [
              say('explain.nothing.whole-error'),
              say('explain.nothing.debug'),
              say('explain.nothing.settings'),
              say('explain.nothing.check'),
            ]);
  out.inconclusiveReason = inconclusiveReason(command, evidence, out.codes ?? []);
  return out;
}

/** Why nothing could be diagnosed, for the verdict line. */
function inconclusiveReason(
  command: Report['command'],
  evidence: Evidence,
  codes: readonly CodeExplanation[],
): InconclusiveReason {
  if (codes.length > 0) {
    // The user pasted a reply with its text (not bare codes): the reply is unknown, not merely short.
    const withText = evidence.observations.some((o) => o.kind === 'reply' && o.reply.text.trim() !== '');
    return withText ? 'unknown-reply' : 'code-only';
  }
  if (command === 'explain') return 'nothing-recognised';
  if (command === 'check' && !evidence.sessions.some((s) => s.record.auth)) return 'login-not-tested';
  return 'no-diagnosis';
}

type Say = (key: NextStepKey, params?: Params) => string;

/** Renders next steps in the words of the user's client, when the text showed which one it is. */
function words(evidence: Evidence): Say {
  const client = evidence.client?.client;
  const setting = (name: string, params: Params): string => {
    if (!isClientSetting(name)) throw new TemplateError(`unknown client setting {{@${name}}}`);
    return clientSetting(name, client, params);
  };
  return (key, params = {}) => render(NEXT_STEPS[key], params, { setting });
}

/** The next steps for a run that tested no login; undefined when a login was attempted (the findings speak). */
function nextStepsWithoutLogin(evidence: Evidence, given: LoginInput, say: Say): string[] | undefined {
  if (evidence.sessions.some((s) => s.record.auth)) return undefined;
  const steps: string[] = [];
  if (given.credentials) {
    if (given.maxAttempts !== 0) return undefined;
    steps.push(say('check.login-skipped'));
  } else if (given.username !== undefined) {
    steps.push(say('check.no-password', { user: JSON.stringify(given.username) }));
  } else {
    steps.push(say('check.no-login'));
  }
  const learned = learnedWithoutLogin(
    evidence.sessions.map((s) => s.record),
    say,
  );
  if (learned) steps.push(learned);
  if (given.credentials) steps.push(say('check.test-login'));
  return steps;
}

/** "Learned without logging in: port 587 with STARTTLS offers AUTH PLAIN LOGIN; …; no SMTP session … on port 25 with STARTTLS." */
function learnedWithoutLogin(records: readonly SessionRecord[], say: Say): string | undefined {
  const seen = new Set<string>();
  const working: string[] = [];
  const silent: string[] = [];
  for (const record of records) {
    const { port, security } = record.target;
    if (seen.has(`${port}/${security}`)) continue;
    seen.add(`${port}/${security}`);
    const caps = record.capabilities.afterTls ?? record.capabilities.beforeTls;
    if (!caps) {
      silent.push(say('check.learned.endpoint-name', { port, security }));
      continue;
    }
    working.push(
      say('check.learned.endpoint', {
        port,
        security,
        auth: caps.auth,
        plaintext: !record.tls,
        unverified: record.tls !== undefined && !record.tls.verification.ok,
      }),
    );
  }
  if (working.length === 0 && silent.length === 0) return undefined;
  const parts = [...working];
  if (silent.length > 0) parts.push(say('check.learned.silent', { endpoints: silent }));
  return say('check.learned', { parts: parts.join('; ') });
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
