// Knowledge defaults without zod: a provider file as the schema's parse would return it (defaults filled, fresh objects).
import type { ProviderData, ProviderInput } from './schema.js';

/*
 * Why this exists: the schema (schema.ts, zod) is checked at build and test time (validate.ts, scripts/check-knowledge.ts,
 * test/knowledge/catalog.test.ts); loading zod and building the schema on every run cost a CLI start more than Node's
 * own. At run time only the schema's *output* matters: the same fields in the same order, its defaults filled in, and
 * objects of our own (the catalog adds advice keys to them). The shapes below mirror schema.ts field for field, in its
 * order; test/knowledge/defaults.test.ts checks that they give exactly what `providerSchema.parse` gives for every file.
 */

/** How one field is carried over: converted when present, or filled with its default when absent. */
interface Field {
  convert: (value: unknown) => unknown;
  fallback?: () => unknown;
}
type Shape = Readonly<Record<string, Field>>;

const same: Field = { convert: (value) => value };
const list = (item: Field = same): Field => ({ convert: (value) => (value as unknown[]).map(item.convert) });
const object = (shape: Shape): Field => ({ convert: (value) => shaped(value as Record<string, unknown>, shape) });
const orDefault = (field: Field, fallback: () => unknown): Field => ({ ...field, fallback });
const emptyList = (item: Field = same): Field => orDefault(list(item), () => []);

/**
 * A new object with the shape's fields in the shape's order, as zod's strict objects build it: a field the input holds
 * is kept (even when undefined), an absent one is left out, an undefined one with a default gets the default.
 */
function shaped(input: Readonly<Record<string, unknown>>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const value = input[key];
    if (value !== undefined) out[key] = field.convert(value);
    else if (field.fallback) out[key] = field.fallback();
    else if (key in input) out[key] = undefined;
  }
  return out;
}

const settingsPatch = object({ host: same, port: same, security: same, username: same, mechanism: same });
const fix = object({ id: same, text: same, settings: settingsPatch });
const deadEnd = object({ topic: same, text: same, why: same, untilJudged: same, sources: list() });
const docLink = object({ title: same, url: same });
const condition = object({
  credential: same,
  tls: same,
  usernameForm: same,
  secret: same,
  phases: list(),
  clients: list(),
  authRefusalShown: same,
});
const cause = object({
  finding: same,
  detail: same,
  title: same,
  summary: same,
  confidence: same,
  when: condition,
  fixes: list(fix),
  deadEnds: emptyList(deadEnd),
  docs: emptyList(docLink),
});
const signature = object({
  id: same,
  phases: list(),
  match: object({ codes: list(), enhanced: same, text: same, requirePhase: orDefault(same, () => false) }),
  standalone: same,
  scope: orDefault(same, () => 'anywhere'),
  causes: list(cause),
  samples: list(),
  sources: list(),
  followedBy: same,
  verified: same,
  certainty: same,
  notes: same,
});
const endpoint = object({ host: same, port: same, security: same, domains: list(), note: same });
const credentialShape = object({
  username: object({ matches: same, notMatches: same }),
  secretLength: same,
  cause,
  sources: list(),
});
const submission = object({
  endpoints: list(endpoint),
  username: object({ form: same, literal: same, text: same }),
  secret: same,
  mechanisms: list(),
  notes: emptyList(),
  credentialShapes: list(credentialShape),
  sources: list(),
  verified: same,
});
const provider = object({
  id: same,
  name: same,
  kind: same,
  recognise: object({
    hosts: emptyList(),
    mxHosts: emptyList(),
    emailDomains: emptyList(),
    banner: emptyList(),
    ehlo: emptyList(),
    text: emptyList(),
    sources: emptyList(),
  }),
  submission,
  docs: emptyList(docLink),
  signatures: list(signature),
});

/** The provider file with the schema's defaults, as a tree of new objects (the file itself is never changed). */
export function withDefaults(file: ProviderInput): ProviderData {
  return provider.convert(file) as ProviderData;
}
