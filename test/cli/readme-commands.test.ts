// README: every command in its sh blocks works as written in a fresh clone — smtp-doctor through npx (or node
// bin/smtp-doctor), npm scripts that exist — and its arguments pass the command's own parsing and value checks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseTargetArgument } from '../../src/check/target.js';
import { parseDuration, parsePort } from '../../src/cli/args.js';
import { parseCheckArgs } from '../../src/cli/commands/check.js';
import { parseExplainArgs } from '../../src/cli/commands/explain.js';
import { parseLabArgs } from '../../src/cli/commands/lab.js';
import { parseSessionArgs } from '../../src/cli/commands/session.js';
import { parseMechanism, parseSecurity } from '../../src/cli/connection-options.js';
import { parseMailbox } from '../../src/cli/mailbox.js';
import { parseAccount } from '../../src/lab/accounts.js';
import { parseFault } from '../../src/lab/faults.js';
import { findPersona } from '../../src/lab/personas/index.js';
import { parseReplaySpec, replaySignature } from '../../src/lab/replay.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SCRIPTS = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The lines of the README's ```sh blocks. */
function shellLines(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? '').split('\n')).filter(Boolean);
}

/** A shell line → its simple commands (split at |, && and ;) as words, quotes removed, the comment dropped. */
function commands(line: string): string[][] {
  const out: string[][] = [[]];
  let word: string | undefined;
  let quote: string | undefined;
  const push = (): void => {
    if (word !== undefined) out[out.length - 1]?.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] ?? '';
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') word = (word ?? '') + (line[(i += 1)] ?? '');
      else word = (word ?? '') + ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) push();
    else if (ch === '#' && word === undefined) break;
    else if (ch === '|' || ch === ';' || (ch === '&' && line[i + 1] === '&')) {
      push();
      if (ch === '&') i += 1;
      out.push([]);
    } else if (ch === '2' && line.slice(i, i + 4) === '2>&1') i += 3;
    else word = (word ?? '') + ch;
  }
  push();
  // Leading VAR=value assignments are the environment, not the command.
  return out.map((words) => words.slice(words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w)))).filter((w) => w.length);
}

/** The flags' values pass the same checks the commands make (no I/O, no network). */
function checkValues(command: string, argv: string[]): void {
  if (command === 'check' || command === 'session') {
    const { values, positionals } = command === 'check' ? parseCheckArgs(argv) : parseSessionArgs(argv);
    parsePort(values.port);
    parseSecurity(values.security, command === 'check');
    parseDuration(values.timeout, '--timeout');
    parseDuration(values.deadline, '--deadline');
    parseMechanism(values.mechanism);
    for (const target of positionals) parseTargetArgument(target);
    if (command === 'check') {
      const check = parseCheckArgs(argv).values;
      for (const to of check['send-to'] ?? []) parseMailbox(to, '--send-to');
      if (check.from !== undefined) parseMailbox(check.from, '--from');
    }
  } else if (command === 'explain') parseExplainArgs(argv);
  else if (command === 'lab') {
    const { values } = parseLabArgs(argv);
    if (values.persona !== undefined) findPersona(values.persona);
    for (const spec of values.account ?? []) parseAccount(spec);
    for (const fault of values.fault ?? []) parseFault(fault);
    if (values.replay !== undefined) {
      const replay = parseReplaySpec(values.replay);
      replaySignature(replay.id, replay.sampleNumber);
    }
  } else assert.fail(`unknown command ${command}`);
}

const lines = shellLines(README);

test('readme: the sh blocks hold smtp-doctor commands to check (the extraction finds them)', () => {
  const found = lines.flatMap(commands).filter((words) => words.includes('smtp-doctor'));
  assert.ok(found.length >= 12, `found ${String(found.length)}`);
});

for (const line of lines) {
  test(`readme: works as written in a fresh clone: ${line}`, () => {
    for (const words of commands(line)) {
      const [first, second, ...rest] = words;
      if (first === 'npm') {
        const script = second === 'run' ? rest[0] : second;
        if (second === 'ci' || second === 'link') continue;
        assert.ok(script !== undefined && script in SCRIPTS, `npm ${String(script)} is no script of package.json`);
        continue;
      }
      // A bare smtp-doctor is not on PATH after npm ci: npx finds the project's own command.
      assert.notEqual(first, 'smtp-doctor', 'write npx smtp-doctor (or node bin/smtp-doctor)');
      const at = first === 'npx' ? 1 : first === 'node' && second === 'bin/smtp-doctor' ? 1 : -1;
      if (at === -1 || words[at] !== (first === 'npx' ? 'smtp-doctor' : 'bin/smtp-doctor')) continue;
      const [command = '', ...argv] = words.slice(at + 1);
      assert.doesNotThrow(() => checkValues(command, argv), `${command} ${argv.join(' ')}`);
    }
  });
}
