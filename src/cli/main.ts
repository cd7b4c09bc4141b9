// CLI entry: dispatches to a command and turns every error into one line and an exit code — never a stack trace.
import { createRequire } from 'node:module';
import { SmtpDoctorError } from '../model/errors.js';
import { EXIT, processIo, withoutColorFlag, type CliIo } from './io.js';
import { escapeControl, quoteInput } from '../protocol/escape.js';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export const MAIN_HELP = `smtp-doctor ${VERSION} — finds out why an SMTP server rejects your login, and what to change.

Usage: smtp-doctor <command> [options]

Commands:
  check <host>     probe a server as configured (and the alternatives), log in once, say what is wrong and what to change
  explain <text>   explain a pasted SMTP error, client output or reply code, offline
  session <host>   run one SMTP session as configured and print the redacted transcript
  demo             start a local lab server and run sessions against it (no network needed)
  lab              run local servers that behave like a provider (Gmail, Microsoft 365, …), failures included

Options:
  -h, --help       show help (also: smtp-doctor <command> --help)
  -v, --version    show the version
  --no-color       no colours, with any command (also: NO_COLOR=1; none when output is not a terminal)

Exit status:
  0  the login works
  1  a problem was diagnosed
  2  usage or input error
  3  inconclusive (a step crashed, internal error; explain: nothing recognised)
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Loaded on demand: each command pulls in only what it needs (the knowledge base, the lab, TLS…). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).checkCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  session: async () => (await import('./commands/session.js')).sessionCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  lab: async () => (await import('./commands/lab.js')).labCommand,
};

export async function main(args: string[], given: CliIo = processIo()): Promise<number> {
  const { argv, io } = withoutColorFlag(args, given);
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(MAIN_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[first];
  if (!load) {
    io.stderr.write(
      `smtp-doctor: unknown command ${quoteInput(first)} (commands: ${Object.keys(COMMANDS).join(', ')}; see smtp-doctor --help)\n`,
    );
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (err) {
    if (err instanceof SmtpDoctorError && err.code !== 'E_INTERNAL') {
      // A message may carry the user's own text (a flag, a file name): its control and bidi characters are shown escaped.
      io.stderr.write(`smtp-doctor: ${escapeControl(err.message)}\n`);
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(
      `smtp-doctor: internal error: ${message}\nThis is a bug; please report it with the command you ran (without the password).\n`,
    );
    if (io.env.SMTP_DOCTOR_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT.inconclusive;
  }
}

export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
