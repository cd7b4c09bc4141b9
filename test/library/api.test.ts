// The public API is src/index.ts: every export named one by one with a TSDoc comment, no internals, and the reference
// in docs/library.md generated from it (UPDATE_DOCS=1 rewrites that section; otherwise a drift fails here).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';
import * as api from '../../src/index.js';

const INDEX = new URL('../../src/index.ts', import.meta.url);
const DOC = new URL('../../docs/library.md', import.meta.url);
const BEGIN = '<!-- api:begin (generated from src/index.ts by test/library/api.test.ts; UPDATE_DOCS=1 rewrites it) -->';
const END = '<!-- api:end -->';

interface Export {
  name: string;
  typeOnly: boolean;
  doc: string;
}

interface Group {
  title: string;
  exports: Export[];
}

/** The export declarations of src/index.ts, grouped under the `//` comment that precedes a group. */
function readIndex(): { groups: Group[]; stars: number } {
  const text = readFileSync(INDEX, 'utf8');
  const file = ts.createSourceFile('index.ts', text, ts.ScriptTarget.Latest, true);
  const groups: Group[] = [];
  let stars = 0;
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause)) {
      stars++;
      continue;
    }
    const comment = groupComment(text, statement);
    if (comment !== '' || groups.length === 0) groups.push({ title: comment, exports: [] });
    const group = groups[groups.length - 1];
    assert.ok(group);
    for (const element of clause.elements) {
      const doc = ts
        .getJSDocCommentsAndTags(element)
        .map((d) => (ts.isJSDoc(d) ? ts.getTextOfJSDocComment(d.comment) : undefined) ?? '')
        .join(' ')
        .trim();
      group.exports.push({ name: element.name.text, typeOnly: statement.isTypeOnly || element.isTypeOnly, doc });
    }
  }
  return { groups, stars };
}

/** The `//` lines right above a statement (the file's header, apart by a blank line, is not one). */
function groupComment(text: string, statement: ts.Statement): string {
  const ranges = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  const lines: string[] = [];
  let next = statement.getStart();
  for (const range of [...ranges].reverse()) {
    if ((text.slice(range.end, next).match(/\n/g) ?? []).length > 1) break;
    const comment = text.slice(range.pos, range.end);
    if (!comment.startsWith('// ')) break;
    lines.unshift(comment.slice(3));
    next = range.pos;
  }
  return lines.join(' ');
}

/** "The entry points: each checks…" → a heading and the sentence under it. */
function splitTitle(title: string): { heading: string; text: string } {
  const at = title.search(/[:.] /);
  if (at === -1) return { heading: title.replace(/\.$/, ''), text: '' };
  const rest = title.slice(at + 2);
  return { heading: title.slice(0, at), text: rest.charAt(0).toUpperCase() + rest.slice(1) };
}

function kindOf(e: Export): string {
  if (e.typeOnly) return 'type';
  const value = (api as Record<string, unknown>)[e.name];
  if (typeof value === 'function')
    return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  return 'constant';
}

function renderReference(groups: Group[]): string {
  const out: string[] = [BEGIN, ''];
  for (const group of groups) {
    const { heading, text } = splitTitle(group.title);
    out.push(`### ${heading}`, '');
    if (text !== '') out.push(text, '');
    out.push('| export | kind | what it is |', '|---|---|---|');
    for (const e of group.exports) out.push(`| \`${e.name}\` | ${kindOf(e)} | ${e.doc.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  out.push(END);
  return out.join('\n');
}

const { groups, stars } = readIndex();
const exported = groups.flatMap((g) => g.exports);

test('public API: src/index.ts names every export one by one (no export *), each with a TSDoc comment', () => {
  assert.equal(stars, 0, 'export * hides what the API is: name each export');
  const undocumented = exported.filter((e) => e.doc === '').map((e) => e.name);
  assert.deepEqual(undocumented, [], 'every export gets a /** … */ comment on its line in src/index.ts');
  assert.ok(
    groups.every((g) => g.title !== ''),
    'every group of exports starts with a // comment (its heading)',
  );
});

test('public API: the runtime exports are exactly the value exports listed in src/index.ts', () => {
  const values = exported.filter((e) => !e.typeOnly).map((e) => e.name);
  assert.deepEqual(Object.keys(api).sort(), [...values].sort());
});

test('public API: test servers, CLI help text and internals stay out', () => {
  const names = new Set(exported.map((e) => e.name));
  for (const internal of [
    'startScriptedServer',
    'FAULT_HELP',
    'ACCOUNT_SYNTAX',
    'colorEnabled',
    'clientConfig',
    'parseAccount',
    'parseFault',
    'formatLogEvent',
    'probe',
    'diagnose',
    'RULES',
    'ReplyParser',
    'TranscriptRecorder',
    'validateProviders',
    'createReport',
    'redactSecrets',
    'explainText',
  ])
    assert.ok(!names.has(internal), `${internal} is an internal, not public API`);
  // The entry points, their errors and the report: what every library user needs.
  for (const needed of ['check', 'explain', 'runSession', 'startLab', 'UsageError', 'Secret', 'FINDING_IDS', 'Report'])
    assert.ok(names.has(needed), `${needed} is public API`);
});

test('public API: docs/library.md holds the reference generated from src/index.ts', async () => {
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  assert.ok(start !== -1 && end > start, `docs/library.md has the markers ${BEGIN} … ${END}`);
  // Formatted as `prettier --check` wants it, so the generated tables pass the lint as they are.
  const config = (await prettier.resolveConfig(fileURLToPath(DOC))) ?? {};
  const expected = await prettier.format(doc.slice(0, start) + renderReference(groups) + doc.slice(end + END.length), {
    ...config,
    parser: 'markdown',
  });
  if (process.env.UPDATE_DOCS === '1' && doc !== expected) {
    writeFileSync(DOC, expected);
    return;
  }
  assert.equal(
    doc,
    expected,
    'the API reference is out of date: UPDATE_DOCS=1 node --import tsx --test test/library/api.test.ts',
  );
});
