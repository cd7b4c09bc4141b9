// npm run docs: writes the generated documents (findings reference, report JSON Schema); a test keeps them current.
import { writeFile } from 'node:fs/promises';
import { renderFindingsDoc } from './findings-doc.js';
import { reportJsonSchema } from '../src/report/schema.js';

export const GENERATED: readonly { path: string; render: () => string }[] = [
  { path: 'docs/findings.md', render: renderFindingsDoc },
  { path: 'docs/report.schema.json', render: reportJsonSchema },
];

const root = new URL('../', import.meta.url);
for (const doc of GENERATED) {
  await writeFile(new URL(doc.path, root), doc.render());
  process.stdout.write(`wrote ${doc.path}\n`);
}
