// Report schema: the JSON contract as a zod schema; docs/report.schema.json is generated from it (npm run docs).
import { z } from 'zod';
import { SESSION_PURPOSES } from '../model/evidence.js';
import { FINDING_IDS, type FindingId } from '../model/finding.js';
import { INCONCLUSIVE_REASONS } from '../model/report.js';
import { STEP_REASONS } from '../model/session.js';
import { PHASES } from '../model/transcript.js';

const security = z.enum(['tls', 'starttls', 'none']);
const phase = z.enum(PHASES);
const findingId = z.enum(Object.keys(FINDING_IDS) as [FindingId, ...FindingId[]]);

const settingsPatch = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().optional(),
  security: security.optional(),
  username: z.string().optional(),
  mechanism: z.string().optional(),
});

const evidenceQuote = z.strictObject({
  text: z.string(),
  source: z.enum(['reply', 'transcript', 'tls', 'dns', 'pasted', 'input']),
  session: z.number().int().min(0).optional(),
  event: z.number().int().min(0).optional(),
});

export const findingSchema = z.strictObject({
  id: findingId,
  signature: z.string().optional(),
  detail: z.string().optional(),
  provider: z.string().optional(),
  severity: z.enum(['error', 'warning', 'info', 'ok']),
  title: z.string(),
  summary: z.string(),
  evidence: z.array(evidenceQuote).min(1),
  fixes: z.array(z.strictObject({ id: z.string().optional(), text: z.string(), settings: settingsPatch.optional() })),
  deadEnds: z.array(z.strictObject({ id: z.string().optional(), text: z.string(), why: z.string() })),
  docs: z.array(z.strictObject({ title: z.string(), url: z.string() })),
  confidence: z.enum(['high', 'medium', 'low']),
});

const transcriptEvent = z.strictObject({
  t: z.number(),
  dir: z.enum(['client', 'server', 'info', 'error']),
  phase,
  tls: z.boolean(),
  text: z.string(),
  redacted: z.literal(true).optional(),
  secret: z.literal(true).optional(),
});

const reply = z.looseObject({
  code: z.number().int(),
  enhanced: z
    .strictObject({
      code: z.string(),
      class: z.union([z.literal(2), z.literal(4), z.literal(5)]),
      subject: z.number(),
      detail: z.number(),
    })
    .nullable(),
  lines: z.array(z.string()),
  text: z.string(),
  raw: z.array(z.string()),
  anomalies: z.array(z.string()),
});

const observation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('reply'),
    reply,
    phase: phase.nullable(),
    quote: z.string(),
    count: z.number().int().min(2).optional(),
    certainty: z.enum(['wire', 'wrapped', 'inferred']).optional(),
  }),
  z.strictObject({ kind: z.literal('error-code'), code: z.string(), phase: phase.nullable(), quote: z.string() }),
  z.strictObject({ kind: z.literal('client-message'), id: z.string(), phase: phase.nullable(), quote: z.string() }),
]);

const secretShape = z.strictObject({
  kind: z.enum(['password', 'token']),
  length: z.number().int(),
  bytes: z.number().int(),
  classes: z.array(z.enum(['lowercase', 'uppercase', 'digits', 'symbols', 'spaces', 'non-ascii', 'control'])),
  leadingWhitespace: z.boolean(),
  trailingWhitespace: z.boolean(),
});

/** Session records belong to the probe; the schema pins what reports rely on and lets the probe add fields. */
const sessionRecord = z.looseObject({
  target: z.looseObject({ host: z.string(), port: z.number().int(), security }),
  steps: z.array(
    z.looseObject({
      step: z.string(),
      result: z.enum(['ok', 'rejected', 'failed', 'skipped']),
      reason: z.enum(STEP_REASONS).optional(),
      events: z.array(z.number().int().min(0)).optional(),
    }),
  ),
  capabilities: z.looseObject({}),
  outcome: z.enum(['authenticated', 'auth-rejected', 'connected', 'stopped']),
  transcript: z.array(transcriptEvent),
  durationMs: z.number(),
});

export const evidenceSchema = z.looseObject({
  origin: z.enum(['probe', 'explain', 'report']),
  target: z
    .strictObject({
      host: z.string().optional(),
      port: z.number().int().optional(),
      security: security.optional(),
      securityAsWritten: z.string().optional(),
      username: z.string().optional(),
      mechanism: z.string().optional(),
      address: z.string().optional(),
      hostFrom: z.enum(['input', 'provider', 'guess']).optional(),
    })
    .optional(),
  dns: z.looseObject({ host: z.string(), addresses: z.array(z.string()) }).optional(),
  limits: z
    .strictObject({
      timeout: z.strictObject({ ms: z.number(), userSet: z.boolean() }),
      deadline: z.strictObject({ ms: z.number(), userSet: z.boolean() }),
    })
    .optional(),
  oauth: z
    .strictObject({
      source: z.enum(['token', 'refresh']),
      preset: z.enum(['google', 'microsoft']).optional(),
      scopeRequested: z.string().optional(),
      refresh: z
        .strictObject({
          url: z.string(),
          grant: z.enum(['refresh_token', 'client_credentials']),
          ok: z.boolean(),
          status: z.number().int().optional(),
          error: z.string().optional(),
          errorDescription: z.string().optional(),
          errorCodes: z.array(z.number().int()).optional(),
          failure: z.strictObject({ code: z.string(), message: z.string() }).optional(),
          notJson: z.strictObject({ contentType: z.string() }).optional(),
          scopeGranted: z.string().optional(),
          expiresIn: z.number().optional(),
          tokenType: z.string().optional(),
          ms: z.number(),
        })
        .optional(),
      token: z
        .strictObject({
          format: z.enum(['jwt', 'opaque']),
          prefix: z.string().optional(),
          length: z.number().int(),
          claims: z
            .strictObject({
              aud: z.union([z.string(), z.array(z.string())]).optional(),
              scp: z.string().optional(),
              roles: z.array(z.string()).optional(),
              user: z.string().optional(),
              exp: z.number().optional(),
              iat: z.number().optional(),
              nbf: z.number().optional(),
              iss: z.string().optional(),
              tid: z.string().optional(),
              appid: z.string().optional(),
              idtyp: z.string().optional(),
            })
            .optional(),
        })
        .optional(),
      checkedAt: z.number(),
    })
    .optional(),
  sessions: z.array(
    z.strictObject({
      role: z.enum(['configured', 'alternative']),
      purpose: z.enum(SESSION_PURPOSES).optional(),
      record: sessionRecord,
    }),
  ),
  observations: z.array(observation),
  providerHints: z.array(
    z.strictObject({
      provider: z.string(),
      by: z.enum(['host', 'mx', 'banner', 'ehlo', 'text', 'address']),
      quote: z.string(),
    }),
  ),
  mentions: z.strictObject({ hosts: z.array(z.string()), emailDomains: z.array(z.string()) }).optional(),
  credentials: z
    .strictObject({
      username: z.string().optional(),
      secret: secretShape.optional(),
      secretSource: z.enum(['env', 'file', 'stdin', 'prompt', 'argv', 'none']).optional(),
    })
    .optional(),
  client: z.strictObject({ client: z.string(), quote: z.string() }).optional(),
  attempts: z.strictObject({ allowed: z.number().int(), failed: z.number().int() }).optional(),
  input: z
    .strictObject({
      chars: z.number().int().min(0),
      lines: z.number().int().min(0),
      keptChars: z.number().int().min(0),
      keptLines: z.number().int().min(0),
    })
    .optional(),
});

export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    tool: z.strictObject({ name: z.literal('smtp-doctor'), version: z.string() }),
    command: z.enum(['check', 'explain', 'analyze']),
    verdict: z.enum(['ok', 'fail', 'inconclusive']),
    target: z
      .strictObject({
        host: z.string().optional(),
        connectTo: z.string().optional(),
        hostFrom: z.enum(['provider', 'guess']).optional(),
        port: z.number().int().optional(),
        security: security.optional(),
        username: z.string().optional(),
        provider: z.string().optional(),
      })
      .nullable(),
    findings: z.array(findingSchema),
    working: z
      .strictObject({
        host: z.string(),
        port: z.number().int(),
        security,
        mechanism: z.string().optional(),
        username: z.string().optional(),
        proven: z.enum(['login', 'connection']),
        certificateVerified: z.literal(false).optional(),
      })
      .nullable(),
    transcript: z.array(transcriptEvent),
    timings: z.strictObject({ totalMs: z.number().min(0) }),
    evidence: evidenceSchema,
    codes: z
      .array(
        z.strictObject({
          code: z.string(),
          meaning: z.string(),
          action: z.string(),
          source: z.string(),
          vendor: z.string().optional(),
        }),
      )
      .optional(),
    nextSteps: z.array(z.string()).optional(),
    inconclusiveReason: z.enum(INCONCLUSIVE_REASONS).optional(),
  })
  .meta({
    title: 'smtp-doctor report',
    description: 'What `smtp-doctor check|explain|analyze --json` prints. Stable: changed only by adding.',
  });

/** The JSON Schema (draft 2020-12) of the report, as checked in at docs/report.schema.json. */
export function reportJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}
