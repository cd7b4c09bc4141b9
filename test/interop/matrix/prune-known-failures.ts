// After a fix: drops from known-failures.ts every scenario a matrix run found right, rewrites docs/accuracy.md, and lists
// scenarios that are wrong and not known (those are regressions, or new known failures a person must judge and name).
//   npx tsx test/interop/matrix/prune-known-failures.ts RESULTS.json   (RESULTS.json: SMTP_DOCTOR_MATRIX_RESULTS's file)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KNOWN_FAILURES, REASON } from './known-failures.js';

const FILE = fileURLToPath(new URL('./known-failures.ts', import.meta.url));
const MARK = 'export const KNOWN_FAILURES';

const resultsFile = process.argv[2];
if (resultsFile === undefined) throw new Error('usage: prune-known-failures.ts RESULTS.json');
const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, { problems: string[] }>;

const keyOf = new Map<string, string>(Object.entries(REASON).map(([key, text]) => [text, key]));
const kept: [string, string][] = [];
const fixed: string[] = [];
for (const [id, reason] of Object.entries(KNOWN_FAILURES)) {
  const result = results[id];
  if (result !== undefined && result.problems.length === 0) fixed.push(id);
  else kept.push([id, keyOf.get(reason) ?? JSON.stringify(reason)]);
}
const source = readFileSync(FILE, 'utf8');
const head = source.slice(0, source.indexOf(MARK));
const entries = kept.map(([id, key]) => `  ${JSON.stringify(id)}: ${key.startsWith('"') ? key : `REASON.${key}`},`);
writeFileSync(FILE, `${head}${MARK}: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n};\n`);
spawnSync('npx', ['prettier', '--write', FILE], { stdio: 'inherit' });
spawnSync('npx', ['tsx', fileURLToPath(new URL('./accuracy-doc.ts', import.meta.url))], { stdio: 'inherit' });

console.log(
  `${fixed.length} known failures are right now and left the list:\n${fixed.map((id) => `  ${id}`).join('\n')}`,
);
const unknown = Object.entries(results).filter(([id, r]) => r.problems.length > 0 && KNOWN_FAILURES[id] === undefined);
console.log(`${unknown.length} scenarios are wrong and not known:`);
for (const [id, r] of unknown) console.log(`  ${id}\n    ${r.problems.join('\n    ')}`);
