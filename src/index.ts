// Public API of smtp-doctor: everything a library user may import, and nothing else.
export { Secret, describeShape, type SecretShape, type SecretKind } from './model/secret.js';
export { SmtpDoctorError, UsageError, InputError, InternalError, type SmtpDoctorErrorCode } from './model/errors.js';
export type { Reply, EnhancedStatus, ReplyAnomaly } from './model/reply.js';
export type { TranscriptEvent, Phase, Direction } from './model/transcript.js';
export type * from './model/session.js';
export { ReplyParser, parseReplyText, type ParseEvent } from './protocol/reply-parser.js';
export { parseCapabilities } from './protocol/capabilities.js';
export { DEFAULT_LIMITS, type ProtocolLimits } from './protocol/limits.js';
export { SASL_MECHANISMS, findMechanism, chooseMechanism } from './protocol/sasl/registry.js';
export type { SaslCredentials, SaslExchange, SaslMechanism } from './protocol/sasl/types.js';
export { runSession, DEFAULT_TIMEOUT_MS, DEFAULT_DEADLINE_MS, type SessionOptions } from './transport/session.js';
export { TranscriptRecorder } from './transport/transcript-recorder.js';
export { describeFailure } from './transport/describe-failure.js';
export { renderTranscript } from './report/transcript-text.js';
export { summarizeSession } from './report/session-summary.js';
export { generateLabCertificates, type LabCertificates, type KeyPair } from './lab/certificates.js';
export type * from './model/evidence.js';
export {
  FINDING_IDS,
  type FindingId,
  type Finding,
  type Fix,
  type DeadEnd,
  type DocLink,
  type EvidenceQuote,
  type Severity,
  type Confidence,
  type SettingsPatch,
} from './model/finding.js';
export {
  REPORT_SCHEMA_VERSION,
  type InconclusiveReason,
  type Report,
  type ReportTarget,
  type Verdict,
  type WorkingSettings,
} from './model/report.js';
export {
  startLab,
  PERSONAS,
  findPersona,
  ACCOUNT_FLAGS,
  parseAccount,
  parseAccountFile,
  formatAccount,
  parseFault,
  OVERRIDE_PHASES,
  formatLogEvent,
  replaySignature,
  parseReplaySpec,
  personaForProvider,
  type Replay,
  type Lab,
  type LabOptions,
  type LabListenerInfo,
  type Persona,
  type SourcedReply,
  type ReplyKey,
  type AccountFlag,
  type StateRule,
  type LabAccount,
  type Fault,
  type FaultPhase,
  type ReplyOverride,
  type OverridePhase,
  type LabLogEvent,
  type LabLogger,
} from './lab/index.js';
export { clientConfig, workingCredential, type ClientConfig, type LabCredential } from './lab/client-config.js';
export { check, type CheckOptions, type CheckTargetOptions } from './check/check.js';
export { explain, type ExplainOptions } from './check/explain.js';
export { probe, type ProbeOptions, type ProgressEvent, type Endpoint } from './probe/probe.js';
export {
  parseTargetArgument,
  targetFromEnvironment,
  resolveTarget,
  type TargetInput,
  type TargetOverrides,
  type ResolvedTarget,
  type SecurityChoice,
} from './check/target.js';
export { recognise } from './knowledge/identify.js';
export type { CodeExplanation } from './model/report.js';
export {
  identifyProvider,
  providerById,
  listProviders,
  listSignatures,
  submissionFor,
  matchReply,
  bestMatch,
  describeReplyCode,
  describeEnhancedCode,
  type ProviderClues,
  type ProviderData,
  type SignatureData,
  type SubmissionData,
  type SubmissionEndpoint,
  type SignatureListing,
  type SignatureMatch,
  type ReplyFacts,
  type MatchContext,
  type CodeMeaning,
  type KnowledgeIssue,
} from './knowledge/index.js';
export { validateProviders } from './knowledge/validate.js';
export { diagnose, deriveWorking, RULES, type Rule, type Candidate, type Layer } from './diagnose/index.js';
export { followUp, type FollowUp, type FollowUpInput, type LoginInput } from './diagnose/next-steps.js';
export { explainText, redactSecrets, type ExplainResult, type Redaction } from './explain/index.js';
export { createReport, verdictOf, exitCodeOf, type ReportInput } from './report/create.js';
export { renderReportText, colorEnabled, type TextOptions } from './report/text.js';
export { renderReportJson } from './report/json.js';
export { reportSchema, reportJsonSchema } from './report/schema.js';
