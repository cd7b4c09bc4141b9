// docs/accuracy.md's real-server section is current (no server needed: it follows from the matrix and its known failures),
// and the known-failure list names only scenarios that exist.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BEGIN, END, PAGE, realServersSection } from './matrix/accuracy-doc.js';
import { KNOWN_FAILURES } from './matrix/known-failures.js';
import { SCENARIOS } from './matrix/scenarios.js';

test('matrix: docs/accuracy.md shows the real-server figures (npx tsx test/interop/matrix/accuracy-doc.ts rewrites them)', () => {
  const page = readFileSync(PAGE, 'utf8');
  const from = page.indexOf(BEGIN);
  const to = page.indexOf(END);
  assert.ok(from >= 0 && to > from, 'docs/accuracy.md has no real-server section');
  assert.equal(page.slice(from, to + END.length), realServersSection());
});

test('matrix: scenario ids are unique, and every known failure is a scenario of the matrix', () => {
  const ids = SCENARIOS.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  const unknown = Object.keys(KNOWN_FAILURES).filter((id) => !ids.includes(id));
  assert.deepEqual(unknown, []);
});
