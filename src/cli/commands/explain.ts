// `smtp-doctor explain`: offline diagnosis of pasted client output, an error message, or bare reply codes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UsageError } from '../../model/errors.js';
import type { Paste } from '../../explain/index.js';
import { textArguments, withUsage } from '../args.js';
import { formatBytes } from '../bounded-read.js';
import { EXIT, textWidth, type CliIo } from '../io.js';

export const EXPLAIN_HELP = `Usage: smtp-doctor explain <text | code...> [options]
       smtp-doctor explain --file FILE
       <command> 2>&1 | smtp-doctor explain [-]

Explains an SMTP error offline: what it means, the likely cause, and exactly what to change.
Paste what your client printed — nodemailer, Python smtplib, PHPMailer, Symfony/Laravel, .NET,
JavaMail, Ruby, Go, swaks, curl, msmtp, or a raw server reply — or give bare codes:

  smtp-doctor explain "535-5.7.8 Username and Password not accepted."
  smtp-doctor explain 535            smtp-doctor explain 5.7.139
  smtp-doctor explain 235 535        (codes side by side)

A whole log is fine: piped in or given with --file, it is read as it comes, and beyond 1 MB only
the lines that can matter (replies, errors, client messages, settings, and the lines around them)
are explained; the report says how much was kept. Text that starts with "-" is text, not an option
(put -- before it if it looks like one, e.g. -- --verbose).

Passwords and tokens in the text (AUTH PLAIN/LOGIN lines, XOAUTH2, password settings) are never
shown: only the user name and the secret's shape (length, kinds of characters).

  --file FILE     read the text from FILE
  --json          print the report as JSON (docs/report.schema.json)
  --no-color      no colours (also: NO_COLOR=1)
  -h, --help      show this help

Exit status: 0 the text shows a working login; 1 a problem was diagnosed; 2 usage error;
3 nothing recognised (the output says what to collect next).
`;

const OPTIONS = {
  file: { type: 'string' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The most a file or standard input may hold: a log of this size takes explain a while; an endless one never ends. */
export const MAX_PASTE_BYTES = 256 * 1024 * 1024;

export async function explainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseExplainArgs(argv);
  if (values.help) {
    io.stdout.write(EXPLAIN_HELP);
    return EXIT.ok;
  }
  const paste = await readInput(values.file, positionals, io);
  if (paste.text.trim() === '') throw new UsageError('explain: the text is empty (see smtp-doctor explain --help)');

  // Loaded only now: --help and a usage error need none of the knowledge, the diagnosis or the renderers.
  const [{ explain }, { exitCodeOf }, { renderReportJson }, { colorEnabled, renderReportText }] = await Promise.all([
    import('../../check/explain.js'),
    import('../../report/create.js'),
    import('../../report/json.js'),
    import('../../report/text.js'),
  ]);
  const report = explain(paste);
  if (values.json) io.stdout.write(renderReportJson(report));
  else
    io.stdout.write(
      renderReportText(report, { color: !values['no-color'] && colorEnabled(io.stdout, io.env), width: textWidth(io) }),
    );
  return exitCodeOf(report);
}

async function readInput(file: string | undefined, positionals: string[], io: CliIo): Promise<Paste> {
  // Loaded before any stream is opened: a stream that fails (a missing file) while nothing reads it yet would emit an
  // error no one listens to.
  const pasteModule = await import('../../explain/index.js');
  const { readPaste } = pasteModule;
  const read = (stream: AsyncIterable<unknown>, where: string): Promise<Paste> => readWith(pasteModule, stream, where);
  if (file !== undefined) {
    if (positionals.length > 0)
      throw new UsageError('explain: give the text either as arguments or with --file, not both');
    // A regular file is measured first: one too large is refused before any of it is read.
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : 0),
      () => 0,
    );
    if (size > MAX_PASTE_BYTES) throw tooLong(file);
    return read(createReadStream(file, { highWaterMark: 1024 * 1024 }), file);
  }
  if (positionals.length === 1 && positionals[0] === '-') return read(io.stdin, 'standard input');
  if (positionals.length > 0) return readPaste(positionals.join(' '));
  if (io.stdin.isTTY)
    throw new UsageError(
      'explain: give the text to explain, --file FILE, or pipe it in (see smtp-doctor explain --help)',
    );
  return read(io.stdin, 'standard input');
}

/** A stream read as it comes, in bounded memory; refused past MAX_PASTE_BYTES (an endless file, a runaway pipe). */
async function readWith(
  { PasteTooLongError, readPasteFrom }: typeof import('../../explain/index.js'),
  stream: AsyncIterable<unknown>,
  where: string,
): Promise<Paste> {
  try {
    return await readPasteFrom(stream, MAX_PASTE_BYTES);
  } catch (err) {
    if (err instanceof PasteTooLongError) throw tooLong(where);
    throw new UsageError(`explain: cannot read ${where} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function tooLong(where: string): UsageError {
  return new UsageError(
    `explain: ${where} holds more than ${formatBytes(MAX_PASTE_BYTES)}, the most explain reads; give only the client's output around the error`,
  );
}

/** The arguments of `explain` as parseArgs reads them (no I/O): also what the README test checks its commands with. */
export function parseExplainArgs(argv: string[]) {
  return withUsage('explain', () =>
    parseArgs({ args: textArguments(argv, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true }),
  );
}
