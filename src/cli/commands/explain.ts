// `smtp-doctor explain`: offline diagnosis of pasted client output, an error message, or bare reply codes.
import { parseArgs } from 'node:util';
import { UsageError } from '../../model/errors.js';
import { explain } from '../../check/explain.js';
import { MAX_INPUT_CHARS } from '../../explain/index.js';
import { exitCodeOf } from '../../report/create.js';
import { renderReportJson } from '../../report/json.js';
import { colorEnabled, renderReportText } from '../../report/text.js';
import { withUsage } from '../args.js';
import { readFileUpTo, readStreamUpTo } from '../bounded-read.js';
import { EXIT, type CliIo } from '../io.js';

export const EXPLAIN_HELP = `Usage: smtp-doctor explain <text | code...> [options]
       smtp-doctor explain --file FILE
       <command> 2>&1 | smtp-doctor explain [-]

Explains an SMTP error offline: what it means, the likely cause, and exactly what to change.
Paste what your client printed — nodemailer, Python smtplib, PHPMailer, Symfony/Laravel, .NET,
JavaMail, Ruby, Go, swaks, curl, msmtp, or a raw server reply — or give bare codes:

  smtp-doctor explain "535-5.7.8 Username and Password not accepted."
  smtp-doctor explain 535            smtp-doctor explain 5.7.139
  smtp-doctor explain 235 535        (codes side by side)

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

export async function explainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = withUsage('explain', () =>
    parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout.write(EXPLAIN_HELP);
    return EXIT.ok;
  }
  const text = await readInput(values.file, positionals, io);
  if (text.trim() === '') throw new UsageError('explain: the text is empty (see smtp-doctor explain --help)');

  const report = explain(text);
  if (values.json) io.stdout.write(renderReportJson(report));
  else io.stdout.write(renderReportText(report, { color: !values['no-color'] && colorEnabled(io.stdout, io.env) }));
  return exitCodeOf(report);
}

async function readInput(file: string | undefined, positionals: string[], io: CliIo): Promise<string> {
  if (file !== undefined) {
    if (positionals.length > 0)
      throw new UsageError('explain: give the text either as arguments or with --file, not both');
    let bytes: Buffer | undefined;
    try {
      bytes = await readFileUpTo(file, MAX_INPUT_BYTES);
    } catch (err) {
      throw new UsageError(`explain: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return withinLimit(bytes, file);
  }
  if (positionals.length === 1 && positionals[0] === '-') return readStdin(io);
  if (positionals.length > 0) return positionals.join(' ');
  if (io.stdin.isTTY)
    throw new UsageError(
      'explain: give the text to explain, --file FILE, or pipe it in (see smtp-doctor explain --help)',
    );
  return readStdin(io);
}

/** A UTF-8 character takes at most 4 bytes: more than this cannot fit explain's character limit. */
const MAX_INPUT_BYTES = MAX_INPUT_CHARS * 4;

async function readStdin(io: CliIo): Promise<string> {
  return withinLimit(await readStreamUpTo(io.stdin, MAX_INPUT_BYTES), 'standard input');
}

/** A paste beyond the limit is refused rather than cut: the error that matters is often at its end. */
function withinLimit(bytes: Buffer | undefined, where: string): string {
  const text = bytes?.toString('utf8');
  if (text === undefined || text.length > MAX_INPUT_CHARS) {
    throw new UsageError(
      `explain: ${where} holds more than ${MAX_INPUT_CHARS.toLocaleString('en-US')} characters, the most explain reads; give only the client's output around the error`,
    );
  }
  return text;
}
