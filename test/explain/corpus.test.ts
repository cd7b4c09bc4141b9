import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import type { Report } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { loadCorpus } from './corpus.js';

const corpus = loadCorpus();
const BIN = new URL('../../bin/smtp-doctor', import.meta.url).pathname;

/** The built launcher, text on stdin: exactly how a user runs it after npm run build. */
function launch(args: string[], stdin: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
    child.stdin.end(stdin);
  });
}

describe('explain corpus', () => {
  test('explain corpus: every sample says where its shape comes from', () => {
    assert.ok(corpus.length >= 30, `only ${corpus.length} samples`);
    for (const s of corpus) {
      assert.ok(s.shape.length > 10, `${s.name}: # shape`);
      assert.ok(s.source.length > 5, `${s.name}: # source`);
      assert.ok(s.expect.length > 0, `${s.name}: # expect`);
    }
  });

  test('explain: the built launcher names the same first cause for a sample of each client', async () => {
    // One sample per client family: the in-process tests cover every sample; this proves the build runs them too.
    const families = new Map<string, (typeof corpus)[number]>();
    for (const sample of corpus)
      if (!families.has(sample.name.split('-')[0] ?? '')) families.set(sample.name.split('-')[0] ?? '', sample);
    const pending = [...families.values()];
    const work = async (): Promise<void> => {
      for (let sample = pending.shift(); sample; sample = pending.shift()) {
        const run = await launch(['explain', '--json', '-'], sample.text);
        const report = JSON.parse(run.stdout) as Report;
        assert.equal(report.findings[0]?.id ?? 'none', sample.expect, sample.name);
        assert.equal(
          run.code,
          sample.exit ?? (report.verdict === 'ok' ? 0 : report.verdict === 'fail' ? 1 : 3),
          sample.name,
        );
      }
    };
    await Promise.all([work(), work(), work(), work()]);
  });

  for (const sample of corpus) {
    test(`explain: ${sample.name} → ${sample.expect}${sample.signature ? ` (${sample.signature})` : ''}`, async () => {
      const run = await runCli(['explain', '--json', '-'], { stdin: sample.text });
      assert.equal(run.stderr, '');
      const report = JSON.parse(run.stdout) as Report;
      const ids = report.findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`).join(', ');
      if (sample.expect === 'none') {
        assert.deepEqual(report.findings, [], ids);
        assert.equal(report.verdict, 'inconclusive');
        assert.ok((report.nextSteps?.length ?? 0) > 0, 'says what to collect next');
      } else {
        const first = report.findings[0];
        assert.ok(first, 'no finding');
        assert.equal(first.id, sample.expect, ids);
        if (sample.signature) assert.equal(first.signature, sample.signature, ids);
        if (sample.detail) assert.equal(first.detail, sample.detail);
        if (sample.provider) assert.equal(first.provider, sample.provider);
        if (sample.confidence) assert.equal(first.confidence, sample.confidence);
        if (sample.settings) assert.deepEqual(first.fixes[0]?.settings, sample.settings);
        for (const id of sample.also)
          assert.ok(
            report.findings.some((f) => f.id === id),
            `${id} missing: ${ids}`,
          );
        for (const f of report.findings) assert.ok(f.evidence.length > 0, `${f.id} cites nothing`);
      }
      assert.equal(run.code, sample.exit ?? (report.verdict === 'ok' ? 0 : report.verdict === 'fail' ? 1 : 3));
    });
  }
});
