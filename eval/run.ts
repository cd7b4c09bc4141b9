// npm run eval: the evaluation's tables on stdout; `--docs` also writes them into docs/accuracy.md; `--misses` lists the
// tuning split's misses (never the held-out ones).
import { explainSection, writeExplainSection } from './accuracy-doc.js';
import { loadCorpus } from './corpus.js';
import { evaluate, misses, renderTables } from './evaluate.js';

const cases = loadCorpus();
const outcomes = evaluate(cases);
process.stdout.write(`${renderTables(outcomes)}\n`);
if (process.argv.includes('--misses'))
  process.stdout.write(`\nTuning-split misses:\n${misses(outcomes, 'tuning').join('\n')}\n`);
if (process.argv.includes('--docs')) {
  writeExplainSection(new URL('../docs/accuracy.md', import.meta.url).pathname, explainSection(cases, outcomes));
  process.stdout.write('\nwrote docs/accuracy.md (explain section)\n');
}
