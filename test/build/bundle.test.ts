// The CLI bundle: the same knowledge data as the sources, and each command loading only what it needs.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { build, type Metafile } from 'esbuild';
import { bundleOptions, PROVIDER_DATA_FILE, providerDataJson, providerDataModule } from '../../scripts/bundle-cli.js';
import { providerData } from '../../src/knowledge/provider-data.js';

/** Every output file a chunk may load: its static imports, and its dynamic ones too when asked, followed. */
function closure(meta: Metafile, entry: string, dynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file]?.imports ?? [])
      if (!i.external && (i.kind === 'import-statement' || (dynamic && i.kind === 'dynamic-import'))) visit(i.path);
  };
  visit(entry);
  return seen;
}

/** The source files (src/…) whose code a set of output files holds. */
function inputsOf(meta: Metafile, outputs: Iterable<string>): string[] {
  return [...outputs].flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
}

describe('the CLI bundle (scripts/bundle-cli.ts)', () => {
  test('bundle: the provider data is plain JSON, so the bundle’s parsed copy is the same data', () => {
    const data = providerData();
    assert.deepStrictEqual(JSON.parse(JSON.stringify(data)), data);
  });

  test('bundle: the provider data file is ASCII (read and parsed as one-byte text)', () => {
    assert.match(providerDataJson(), /^[\x20-\x7e]*$/);
  });

  test('bundle: the module standing in for provider-data gives exactly what providerData() gives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-bundle-'));
    try {
      const file = join(dir, 'provider-data.mjs');
      await writeFile(file, providerDataModule());
      await writeFile(join(dir, PROVIDER_DATA_FILE), providerDataJson());
      const generated = (await import(pathToFileURL(file).href)) as { providerData: () => unknown };
      assert.deepStrictEqual(generated.providerData(), providerData());
      assert.notEqual(generated.providerData(), generated.providerData(), 'a new copy on each call');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('bundle: explain and check load no zod, schema or provider file; what runs before a command loads no knowledge', async () => {
    const result = await build({ ...bundleOptions(join(tmpdir(), 'smtp-doctor-bundle-unused')), write: false });
    const meta = result.metafile;
    assert.ok(meta);
    const outputs = Object.entries(meta.outputs);
    const outputOf = (entry: string): string => {
      const found = outputs.find(([, o]) => o.entryPoint === entry)?.[0];
      assert.ok(found, `no output for ${entry}`);
      return found;
    };
    for (const command of ['explain', 'check']) {
      const loaded = closure(meta, outputOf(`src/cli/commands/${command}.ts`), true);
      for (const [file, output] of outputs)
        if (loaded.has(file))
          for (const i of output.imports) assert.ok(!/^(zod|yaml)(\/|$)/.test(i.path), `${command}: ${i.path}`);
      for (const input of inputsOf(meta, loaded))
        assert.ok(
          !/knowledge\/(schema|validate|defaults)\.ts$|knowledge\/providers\//.test(input),
          `${command}: ${input}`,
        );
      // --help and a usage error run before the command's dynamic imports: no knowledge, diagnosis or renderer yet
      for (const input of inputsOf(meta, closure(meta, outputOf(`src/cli/commands/${command}.ts`), false)))
        assert.ok(!/src\/(knowledge|diagnose|report|explain)\//.test(input), `${command} --help: ${input}`);
    }
    const startup = inputsOf(meta, closure(meta, outputOf('src/cli/main.ts'), false));
    assert.ok(startup.includes('src/cli/main.ts'));
    for (const input of startup)
      assert.ok(
        !/src\/(knowledge|probe|report|diagnose|explain|lab|check)\//.test(input),
        `before any command: ${input}`,
      );
  });
});
