// Knowledge schema: what a provider file may say, checked strictly (unknown fields are errors) when it is loaded.
import { PHASES } from '../model/transcript.js';
import { z } from 'zod';
import { FINDING_IDS, type FindingId } from '../model/finding.js';

const FINDING_ID_LIST = Object.keys(FINDING_IDS) as [FindingId, ...FindingId[]];

export { PHASES };

const findingId = z.enum(FINDING_ID_LIST);
const phase = z.enum(PHASES);
const security = z.enum(['tls', 'starttls', 'none']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** A regular expression source; always applied case-insensitively. */
const pattern = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source, 'iu');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
  }
});

/** "smtp.gmail.com", or a pattern where "*" stands for one or more host-name characters: "email-smtp.*.amazonaws.com". */
const hostPattern = z.string().regex(/^[a-z0-9*][a-z0-9.*-]*$/, 'a lower-case host name, "*" as wildcard');

/** Where a fact comes from: a URL, "owner/repo@ref:path (what)", or "observed:<url>" for a real transcript. */
const source = z.string().min(8);

const settingsPatch = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  security: security.optional(),
  username: z.string().optional(),
  mechanism: z.string().optional(),
});

/** A stable key: advice shared by several signatures carries one, so that findings merging it keep it once. */
const adviceKey = z.string().regex(/^[a-z0-9][a-z0-9.#-]*$/, 'a key of lower-case words, dots and hyphens');

/** Without an id, the catalog gives each fix one of its own ("<signature>#fix-<cause>-<n>"). */
const fix = z.strictObject({ id: adviceKey.optional(), text: z.string().min(1), settings: settingsPatch.optional() });
/**
 * A dead end; `topic` names the thing tried ("change-password"), so that the same attempt named by two findings is
 * one dead end. Shared dead ends of the cause catalogue (knowledge/causes/shared.ts) fit this shape too.
 */
const deadEnd = z.strictObject({
  topic: adviceKey.optional(),
  text: z.string().min(1),
  why: z.string().min(1),
  untilJudged: z.boolean().optional(),
  sources: z.array(z.string()).optional(),
});
export const docLinkSchema = z.strictObject({ title: z.string().min(1), url: z.url() });

/**
 * A cause applies only when these facts hold. Known and true: the cause moves ahead of the others; known and false:
 * it is dropped; unknown: it stays in place with low confidence.
 */
const condition = z.strictObject({
  /** What the client authenticated with: a password (PLAIN, LOGIN, CRAM-MD5) or an OAuth token (XOAUTH2, OAUTHBEARER). */
  credential: z.enum(['password', 'token']).optional(),
  /** The connection was (true) or was not (false) encrypted when the reply came. */
  tls: z.boolean().optional(),
  /**
   * The user name had (true) or lacked (false) the form the provider's submission settings ask for. Only a literal
   * word (SendGrid's "apikey") and a full e-mail address can be checked; any other form leaves this unknown.
   */
  usernameForm: z.boolean().optional(),
  /**
   * The shape of the secret sent: 'app-password' (16 lower-case letters, alone or in four groups of four joined by
   * spaces or hyphens) or 'other'. Only a live check knows it; when unknown (pasted text never holds the secret) this
   * part of the condition is not checked, so it neither lowers nor reorders the cause.
   */
  secret: z.enum(['app-password', 'other']).optional(),
  /**
   * The command the reply answered: the cause holds only for a reply to one of these (a code some servers use at
   * several steps, e.g. 555 to MAIL or to RCPT). A pasted reply often shows no command: then unknown.
   */
  phases: z.array(phase).min(1).optional(),
  /**
   * The client library that printed the text (knowledge/clients.ts ids): for causes a client's own behaviour makes
   * likely, e.g. .NET's SmtpClient, which goes on without a login when the server refuses it. Unlike the other facts,
   * a client the text does not show counts as another client: the cause is dropped. smtp-doctor's own live check is a
   * client of its own ('smtp-doctor').
   */
  clients: z.array(z.string().min(1)).min(1).optional(),
  /**
   * The evidence shows (true) or does not show (false) the server's refusal of the login (a 4xx/5xx answer to AUTH):
   * a cause about a refusal the client hid holds only where it is not shown. A live check always shows it.
   */
  authRefusalShown: z.boolean().optional(),
});

export const causeSchema = z.strictObject({
  finding: findingId,
  /** Refines the finding id, e.g. "region" for credentials-rejected. */
  detail: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  title: z.string().min(1),
  summary: z.string().min(1),
  confidence: z.enum(['high', 'medium', 'low']),
  when: condition.optional(),
  fixes: z.array(fix).min(1),
  deadEnds: z.array(deadEnd).default([]),
  docs: z.array(docLinkSchema).default([]),
});

/** "<provider>.<what it says>", stable: reports and scripts rely on it. */
const signatureId = z.string().regex(/^[a-z0-9-]+\.[a-z0-9][a-z0-9.-]*$/);

export const signatureSchema = z.strictObject({
  id: signatureId,
  /** Where in a session this reply comes. */
  phases: z.array(phase).min(1),
  match: z.strictObject({
    codes: z.array(z.number().int().min(200).max(599)).min(1),
    /** Enhanced status code the reply must carry, e.g. "5.7.139". */
    enhanced: z
      .string()
      .regex(/^[245]\.\d{1,3}\.\d{1,3}$/)
      .optional(),
    /** Pattern the reply text (enhanced codes removed, lines joined by spaces) must contain. */
    text: pattern.optional(),
    /** A reply of unknown phase does not match (e.g. a bare 250 says nothing without its command). */
    requirePhase: z.boolean().default(false),
  }),
  /**
   * Words that name this reply on their own, wherever a paste shows them, when a client printed the server's text
   * without its code (Microsoft's "did not meet the criteria to be authenticated successfully"): explain then reads
   * the reply as this signature's (its first code, and the enhanced code of its first sample). Only for wording no
   * other server or client uses; a regular expression, case-insensitive.
   */
  standalone: pattern.optional(),
  /** "provider": only when the provider was recognised by other evidence (the text alone is shared with others). */
  scope: z.enum(['anywhere', 'provider']).default('anywhere'),
  /** Ordered: the most likely cause first. */
  causes: z.array(causeSchema).min(1),
  /** Exact replies as sent on the wire, lines separated by "\n" (CRLF on the wire). */
  samples: z
    .array(
      z
        .string()
        .min(4)
        .regex(/^[^\r]*$/, 'lines are separated by \\n only'),
    )
    .min(1),
  sources: z.array(source).min(1),
  /**
   * The signature of the reply that comes next when the client goes on, e.g. the final refusal after a 334 error
   * challenge the client answers with an empty line. A lab replaying this signature serves that reply after it.
   */
  followedBy: signatureId.optional(),
  /** When these facts were last checked against their sources. */
  verified: isoDate,
  /** confirmed: source code, vendor documentation or several transcripts; reported: one transcript or inferred. */
  certainty: z.enum(['confirmed', 'reported']),
  notes: z.string().optional(),
});

const endpoint = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  security,
  /** E-mail domains this endpoint is for (e.g. aol.com → smtp.aol.com); none = the default. */
  domains: z.array(z.string()).optional(),
  note: z.string().optional(),
});

/**
 * A credential that is wrong by its shape alone, before any server judges it (an AWS key pair where SES wants its SMTP
 * credentials): every condition given must hold for the cause to apply. Patterns here are case-sensitive, because key
 * ids are: an access key id is upper case.
 */
const credentialShape = z.strictObject({
  /** The user name (trimmed) matches, or does not match, these patterns. */
  username: z.strictObject({ matches: pattern.optional(), notMatches: pattern.optional() }).optional(),
  /** The secret has exactly this many characters (the length of another kind of key). */
  secretLength: z.number().int().min(1).optional(),
  cause: causeSchema,
  sources: z.array(source).min(1),
});

export const submissionSchema = z.strictObject({
  /** Best first. A "{region}" in a host is a placeholder the user fills in. */
  endpoints: z.array(endpoint).min(1),
  username: z.strictObject({
    /** address: the full e-mail address; literal: a fixed word; access-key: a provider-issued key id; login: a provider-issued login. */
    form: z.enum(['address', 'literal', 'access-key', 'login', 'token', 'any']),
    literal: z.string().optional(),
    text: z.string().min(1),
  }),
  secret: z.string().min(1),
  mechanisms: z.array(z.string().regex(/^[A-Z0-9-]+$/)).min(1),
  notes: z.array(z.string()).default([]),
  /** Shapes of a user name or secret that cannot log in here, each with the cause it means. */
  credentialShapes: z.array(credentialShape).optional(),
  sources: z.array(source).min(1),
  verified: isoDate,
});

export const providerSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(['mailbox', 'transactional', 'server', 'generic']),
  recognise: z.strictObject({
    hosts: z.array(hostPattern).default([]),
    mxHosts: z.array(hostPattern).default([]),
    emailDomains: z.array(z.string().regex(/^[a-z0-9.-]+$/)).default([]),
    /** Patterns for the 220 greeting text. */
    banner: z.array(pattern).default([]),
    /** Patterns for the EHLO reply (its first line: domain and greeting text). */
    ehlo: z.array(pattern).default([]),
    /** Patterns for any reply text (e.g. Gmail's "- gsmtp" suffix). */
    text: z.array(pattern).default([]),
    /** Where the banner, EHLO and text patterns were seen: a pattern is a fact like any other. */
    sources: z.array(source).default([]),
  }),
  submission: submissionSchema.optional(),
  docs: z.array(docLinkSchema).default([]),
  signatures: z.array(signatureSchema),
});

export type ProviderInput = z.input<typeof providerSchema>;
export type ProviderData = z.output<typeof providerSchema>;
export type SignatureData = z.output<typeof signatureSchema>;
export type CauseData = z.output<typeof causeSchema>;
export type SubmissionData = z.output<typeof submissionSchema>;
export type SubmissionEndpoint = SubmissionData['endpoints'][number];
export type CredentialShapeData = NonNullable<SubmissionData['credentialShapes']>[number];
export type KnowledgePhase = (typeof PHASES)[number];
