// The explain corpus: real-looking client outputs, each with where its shape comes from and what it must yield.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusSample {
  name: string;
  path: string;
  text: string;
  shape: string;
  source: string;
  expect: string;
  signature?: string;
  detail?: string;
  provider?: string;
  confidence?: string;
  settings?: Record<string, string | number>;
  also: string[];
  secrets: string[];
  exit?: number;
}

export const CORPUS_DIR = new URL('../fixtures/explain/', import.meta.url).pathname;

export function loadCorpus(): CorpusSample[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const path = join(CORPUS_DIR, file);
      const raw = readFileSync(path, 'utf8');
      const split = raw.indexOf('\n---\n');
      if (split < 0) throw new Error(`${file}: no --- line between the header and the text`);
      const header = raw.slice(0, split).split('\n');
      const fields = new Map<string, string[]>();
      for (const line of header) {
        const m = /^# (\w+): (.*)$/.exec(line);
        if (!m) throw new Error(`${file}: bad header line ${JSON.stringify(line)}`);
        const [, key = '', value = ''] = m;
        fields.set(key, [...(fields.get(key) ?? []), value]);
      }
      const one = (key: string): string | undefined => fields.get(key)?.[0];
      const settings = one('settings');
      const sample: CorpusSample = {
        name: file.replace(/\.txt$/, ''),
        path,
        text: raw.slice(split + 5),
        shape: one('shape') ?? '',
        source: one('source') ?? '',
        expect: one('expect') ?? '',
        also: (one('also') ?? '').split(/\s+/).filter((s) => s !== ''),
        secrets: fields.get('secret') ?? [],
      };
      for (const key of ['signature', 'detail', 'provider', 'confidence'] as const) {
        const value = one(key);
        if (value !== undefined) sample[key] = value;
      }
      if (settings !== undefined) {
        sample.settings = Object.fromEntries(
          settings.split(/\s+/).map((pair) => {
            const [k = '', v = ''] = pair.split('=');
            return [k, /^\d+$/.test(v) ? Number(v) : v];
          }),
        );
      }
      const exit = one('exit');
      if (exit !== undefined) sample.exit = Number(exit);
      return sample;
    });
}
