// The Report contract is written twice — TypeScript interfaces (model/) and the zod schema that makes the JSON Schema
// (report/schema.ts). These compile-time checks tie the two: a field added to one and not the other fails `tsc`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import type { DeadEnd, EvidenceQuote, Finding, Fix } from '../../src/model/finding.js';
import type { CodeExplanation, Report, ReportTarget, WorkingSettings } from '../../src/model/report.js';
import type { TranscriptEvent } from '../../src/model/transcript.js';
import { findingSchema, reportSchema } from '../../src/report/schema.js';

/** True only when A and B are the same type (not merely assignable one way): the identity-function trick. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the unused parameter is the trick
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

type SchemaReport = z.output<typeof reportSchema>;
type SchemaFinding = z.output<typeof findingSchema>;

export type Checks = [
  Expect<Equal<keyof Report, keyof SchemaReport>>,
  Expect<Equal<keyof Finding, keyof SchemaFinding>>,
  Expect<Equal<keyof Fix, keyof SchemaFinding['fixes'][number]>>,
  Expect<Equal<keyof DeadEnd, keyof SchemaFinding['deadEnds'][number]>>,
  Expect<Equal<keyof EvidenceQuote, keyof SchemaFinding['evidence'][number]>>,
  Expect<Equal<keyof ReportTarget, keyof NonNullable<SchemaReport['target']>>>,
  Expect<Equal<keyof WorkingSettings, keyof NonNullable<SchemaReport['working']>>>,
  Expect<Equal<keyof CodeExplanation, keyof NonNullable<SchemaReport['codes']>[number]>>,
  Expect<Equal<keyof TranscriptEvent, keyof SchemaReport['transcript'][number]>>,
  Expect<Equal<Finding['id'], SchemaFinding['id']>>,
  Expect<Equal<Report['verdict'], SchemaReport['verdict']>>,
];

test('report contract: the interfaces and the schema name the same fields (checked by tsc; this test only runs)', () => {
  assert.ok(true);
});
