// The evaluation corpus: real error texts people posted, labelled from their threads, and its fixed held-out split.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { FINDING_IDS, type FindingId } from '../src/model/finding.js';

export interface CorpusCase {
  text: string;
  /** The public thread the text was posted in. */
  source: string;
  client: string;
  family: string;
  provider: string;
  expected: FindingId;
  acceptable: FindingId[];
  resolution: string;
  why: string;
  /** The file the case comes from. */
  file: string;
  split: Split;
}

/**
 * tuning: what rules and knowledge may be written and tested against; held-out: measured, never tuned to. The split is
 * fixed by the thread's URL, so every text from one thread lands on the same side and no case ever moves.
 */
export type Split = 'tuning' | 'held-out';

export function splitOf(source: string): Split {
  const first = createHash('sha256').update(source.trim()).digest()[0] ?? 0;
  return first % 4 === 0 ? 'held-out' : 'tuning';
}

const DIR = new URL('./corpus/', import.meta.url);

export function loadCorpus(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(new URL(file, DIR), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const raw = JSON.parse(line) as Omit<CorpusCase, 'file' | 'split'>;
      const ids = [raw.expected, ...raw.acceptable];
      for (const id of ids) if (!(id in FINDING_IDS)) throw new Error(`${file}:${i + 1}: unknown finding id ${id}`);
      if (typeof raw.family !== 'string' || raw.family === '') throw new Error(`${file}:${i + 1}: no client family`);
      out.push({ ...raw, file, split: splitOf(raw.source) });
    });
  }
  return out;
}

/** A text holds an SMTP reply: a 2xx–5xx code followed by an enhanced code or words, as servers write them. */
export function holdsReplyCode(text: string): boolean {
  return /(?<![\d.:/-])[245]\d\d(?:[ -](?:[245]\.\d{1,3}\.\d{1,3}\b|[A-Za-z<([]))/.test(text);
}
