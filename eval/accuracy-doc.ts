// docs/accuracy.md, the explain section: the corpus, the method and the tables, between markers so that other sections
// of the page (the real-server matrix) are kept as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CorpusCase } from './corpus.js';
import { renderTables, type Outcome } from './evaluate.js';

export const BEGIN = '<!-- explain-accuracy:begin (npm run eval -- --docs) -->';
export const END = '<!-- explain-accuracy:end -->';

export function explainSection(cases: readonly CorpusCase[], outcomes: readonly Outcome[]): string {
  const files = [...new Set(cases.map((c) => c.file))].sort();
  const heldOut = cases.filter((c) => c.split === 'held-out').length;
  return [
    BEGIN,
    '## explain on real posted errors',
    '',
    `The corpus: ${cases.length} error texts people posted in public threads (${files.map((f) => `\`eval/corpus/${f}\``).join(', ')}), each with its source URL and the root cause the thread established. A fixed quarter of the threads (${heldOut} texts), chosen by a hash of the thread URL, is **held out**: no rule or knowledge entry is written against it, and it is measured, never tuned to. A first finding is right when its id is the thread's cause or one a careful reader could defend from the text alone (\`acceptable\`). *Silent*: no finding at all; *silent with a reply code*: the text holds an SMTP reply (a code followed by an enhanced code or words) and still got none.`,
    '',
    renderTables(outcomes),
    END,
  ].join('\n');
}

/** docs/accuracy.md with its explain section replaced (or added at the top when the page has none yet). */
export function withExplainSection(page: string | undefined, section: string): string {
  if (page === undefined) return `# Accuracy\n\n${section}\n`;
  const from = page.indexOf(BEGIN);
  const to = page.indexOf(END);
  if (from >= 0 && to > from) return `${page.slice(0, from)}${section}${page.slice(to + END.length)}`;
  const title = /^# .*\n\n?/.exec(page);
  const at = title ? title[0].length : 0;
  return `${page.slice(0, at)}${section}\n\n${page.slice(at)}`;
}

export function writeExplainSection(file: string, section: string): void {
  const page = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  writeFileSync(file, withExplainSection(page, section));
}
