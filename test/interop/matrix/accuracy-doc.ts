// docs/accuracy.md, the "Real servers" section: server × scenario class → right / wrong, between markers of its own so
// that the page's other sections (explain) are kept as they are. The figures follow from the matrix itself: the suite
// asserts every scenario right except those in KNOWN_FAILURES, each of which it asserts still wrong.
//   npx tsx test/interop/matrix/accuracy-doc.ts   rewrites the section; test/interop/matrix-doc.test.ts keeps it current.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAMILIES } from './families.js';
import { KNOWN_FAILURES } from './known-failures.js';
import { SCENARIO_CLASSES, SCENARIOS, type Scenario } from './scenarios.js';

export const BEGIN = '<!-- real-servers:begin (npx tsx test/interop/matrix/accuracy-doc.ts) -->';
export const END = '<!-- real-servers:end -->';
export const PAGE = fileURLToPath(new URL('../../../docs/accuracy.md', import.meta.url));

function cell(scenarios: readonly Scenario[]): string {
  if (scenarios.length === 0) return '—';
  const wrong = scenarios.filter((s) => KNOWN_FAILURES[s.id] !== undefined).length;
  return wrong === 0
    ? `${scenarios.length}/${scenarios.length}`
    : `${scenarios.length - wrong}/${scenarios.length} (**${wrong} wrong**)`;
}

export function realServersSection(scenarios: readonly Scenario[] = SCENARIOS): string {
  const classes = SCENARIO_CLASSES.filter((c) => scenarios.some((s) => s.class === c));
  const rows = FAMILIES.map((f) => {
    const mine = scenarios.filter((s) => s.family === f.id);
    return `| ${f.title} | ${classes.map((c) => cell(mine.filter((s) => s.class === c))).join(' | ')} | ${cell(mine)} |`;
  });
  const wrong = scenarios.filter((s) => KNOWN_FAILURES[s.id] !== undefined);
  const reasons = new Map<string, string[]>();
  for (const s of wrong) {
    const reason = KNOWN_FAILURES[s.id] ?? '';
    reasons.set(reason, [...(reasons.get(reason) ?? []), s.id]);
  }
  return [
    BEGIN,
    '## check against real servers',
    '',
    `The real-server matrix (\`test/interop/real-server-matrix.test.ts\`): ${scenarios.length} scenarios, each a \`check\` run as a user runs it against a private instance of a real server installed from Debian 12's packages (\`test/interop/servers/install.sh\`): every port × TLS mode (the wrong ones included) × mechanism (chosen by the probe, forced, forced and not offered, offered but not spoken here) × credentials (right, wrong, unknown user, bare local part, non-ASCII in NFC and NFD) × AUTH before TLS. A scenario is right when the first finding, the working settings, the exit code and the logins counted in **the server's own log** are what a correct, lockout-safe check gives — never more refused logins than the budget, no credentials where AUTH was not offered — and no form of the secret is in the output. Cells: right/scenarios.`,
    '',
    `| server | ${classes.join(' | ')} | all |`,
    `| --- | ${classes.map(() => '---').join(' | ')} | --- |`,
    ...rows,
    `| **all** | ${classes.map((c) => cell(scenarios.filter((s) => s.class === c))).join(' | ')} | ${cell(scenarios)} |`,
    '',
    wrong.length === 0
      ? 'Every scenario is right.'
      : `**Wrong today** (\`test/interop/matrix/known-failures.ts\`; the suite fails when one of them becomes right, so the list only shrinks):`,
    ...(wrong.length === 0 ? [] : ['']),
    ...[...reasons].map(([reason, ids]) => `- ${reason} (${ids.length}): ${ids.map((id) => `\`${id}\``).join(', ')}`),
    END,
  ].join('\n');
}

/** docs/accuracy.md with its real-server section replaced (or added at the end when the page has none yet). */
export function withRealServersSection(page: string | undefined, section: string): string {
  if (page === undefined) return `# Accuracy\n\n${section}\n`;
  const from = page.indexOf(BEGIN);
  const to = page.indexOf(END);
  if (from >= 0 && to > from) return `${page.slice(0, from)}${section}${page.slice(to + END.length)}`;
  return `${page.trimEnd()}\n\n${section}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = existsSync(PAGE) ? readFileSync(PAGE, 'utf8') : undefined;
  writeFileSync(PAGE, withRealServersSection(page, realServersSection()));
  console.log(`${PAGE}: real-server section rewritten`);
}
