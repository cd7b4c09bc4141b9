import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';

const LAB = new URL('../../src/lab/', import.meta.url).pathname;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

test('lab: src/lab imports neither probe, diagnose, report, cli nor transport (design.md layers)', async () => {
  for (const file of await files(LAB)) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/from '(\.\.\/[^']+)'/g)) {
      const target = m[1] ?? '';
      assert.doesNotMatch(target, /\/(probe|diagnose|report|cli|web|transport)\//, `${file} imports ${target}`);
    }
  }
});

test('lab: every lab source file starts with a one-line header comment', async () => {
  for (const file of await files(LAB)) {
    const first = (await readFile(file, 'utf8')).split('\n')[0] ?? '';
    assert.match(first, /^\/\/ \S/, file);
  }
});
