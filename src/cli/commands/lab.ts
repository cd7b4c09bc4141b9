// `smtp-doctor lab`: local servers that behave like a provider (failures included) until Ctrl-C.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ACCOUNT_SYNTAX,
  formatAccount,
  OAUTH_FLAGS,
  parseAccount,
  parseAccountFile,
  type LabAccount,
} from '../../lab/accounts.js';
import { clientConfig, oauthCheckLine } from '../../lab/client-config.js';
import { FAULT_HELP, parseFault, type Fault } from '../../lab/faults.js';
import { parseReplaySpec, replaySignature, startLab, type Lab, type Replay } from '../../lab/index.js';
import { listSignatures } from '../../knowledge/index.js';
import { findPersona, PERSONAS } from '../../lab/personas/index.js';
import { formatLogEvent } from '../../lab/session-log.js';
import { oauthPresetOf } from '../../lab/token-judge.js';
import { InputError, UsageError } from '../../model/errors.js';
import { joinNegativeValues, parseChoice, parsePort, withUsage } from '../args.js';
import { formatBytes, readFileUpTo } from '../bounded-read.js';
import { EXIT, type CliIo } from '../io.js';

export const LAB_HELP = `Usage: smtp-doctor lab [options]

Starts local SMTP servers on 127.0.0.1 that behave like a provider — its banner, capabilities before and
after STARTTLS, mechanisms, user-name rules and exact failure replies — until Ctrl-C.

  --persona NAME       which server to imitate (default: plain); see --list
  --replay ID[:N]      serve sample N (default 1) of a known reply signature, e.g. google.app-password-required,
                       from the persona of its provider; see --list
  --account SPEC       a lab account (repeatable): ${ACCOUNT_SYNTAX.split('\n')[0] ?? ''}
  --accounts FILE      accounts from FILE, one spec per line (# comments)
                       Without accounts, the persona's sample accounts are used.
  --fault F[=VALUE]    add misbehaviour (repeatable), e.g. --fault rate-limit=3 --fault slow=50; see --list
  --port N             STARTTLS listener on N and implicit-TLS listener on N+1 (default: free ports); an OAuth
                       token endpoint takes the port after the SMTP listeners
  --host ADDR          127.0.0.1 (default) or ::1 — the lab never listens beyond loopback
  --quiet              do not log sessions to stderr
  --list               list personas, account flags and faults, then exit
  -h, --help           show this help

Account spec: ${ACCOUNT_SYNTAX}

OAuth: the gmail and microsoft365 personas also serve their provider's token endpoint on the same address
(Google's /token, Microsoft's /{tenant}/oauth2/v2.0/token; refresh_token and, for Microsoft, client_credentials
grants). Accounts with refresh-token= (or app-role, Microsoft app-only) get access tokens there that the persona
accepts for XOAUTH2, and on gmail OAUTHBEARER; unknown, expired, wrong-scope, wrong-audience and wrong-user
tokens get the provider's real refusal. The banner prints a check line with the --oauth-* flags, e.g.
  --account 'carol@lab.test refresh-token=1//lab-carol client=lab-client:lab-secret'
  --account 'erin@lab.test refresh-token=1//lab-erin grant-scope=https://www.googleapis.com/auth/gmail.send'
  --account 'dora@lab.test client=mailer:mailer-secret app-role'        (microsoft365)

Passwords of lab accounts are printed at start (you chose them); what clients send is never logged:
session logs show each credential's shape only. Exit status: 0 after Ctrl-C; 2 usage error.
`;

const OPTIONS = {
  persona: { type: 'string' },
  replay: { type: 'string' },
  account: { type: 'string', multiple: true },
  accounts: { type: 'string' },
  fault: { type: 'string', multiple: true },
  port: { type: 'string' },
  host: { type: 'string' },
  quiet: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function labCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseLabArgs(argv);
  if (values.help) {
    io.stdout.write(LAB_HELP);
    return EXIT.ok;
  }
  if (values.list) {
    io.stdout.write(listing());
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`lab: unexpected argument ${JSON.stringify(positionals[0])} (see smtp-doctor lab --help)`);
  const replay =
    values.replay === undefined ? undefined : usage(() => parseReplaySpec(values.replay ?? ''), '--replay');
  if (replay) usage(() => replaySignature(replay.id, replay.sampleNumber), '--replay');
  const persona = values.persona === undefined ? undefined : usage(() => findPersona(values.persona ?? ''));
  const port = parsePort(values.port);
  const host = parseChoice(values.host, '--host', ['127.0.0.1', '::1'] as const);
  const faults: Fault[] = (values.fault ?? []).map((f) => usage(() => parseFault(f), '--fault'));
  const accounts: LabAccount[] = [];
  if (values.accounts !== undefined) accounts.push(...(await readAccounts(values.accounts)));
  for (const spec of values.account ?? []) accounts.push(usage(() => parseAccount(spec, '--account')));

  const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-lab-'));
  let lab: Lab;
  try {
    lab = await startLab({
      ...(persona ? { persona } : {}),
      ...(replay ? { replay: `${replay.id}:${replay.sampleNumber}` } : {}),
      ...(accounts.length > 0 ? { accounts } : {}),
      faults,
      ...(port !== undefined ? { port } : {}),
      ...(host !== undefined ? { host } : {}),
      ...(values.quiet ? {} : { log: (event) => io.stderr.write(`${formatLogEvent(event)}\n`) }),
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof InputError) throw new UsageError(`lab: ${err.message}`);
    throw err;
  }
  const caFile = join(dir, 'lab-ca.pem');
  try {
    await writeFile(caFile, lab.ca, { mode: 0o644 });
    // Listen for Ctrl-C before saying "ready": a signal between the two would kill the process uncleaned.
    const stop = stopRequested(io);
    io.stdout.write(banner(lab, caFile));
    await stop;
    io.stderr.write('smtp-doctor lab: stopping\n');
  } finally {
    await lab.close();
    await rm(dir, { recursive: true, force: true });
  }
  io.stdout.write('smtp-doctor lab: stopped\n');
  return EXIT.ok;
}

function banner(lab: Lab, caFile: string): string {
  const p = lab.persona;
  const as = lab.standsFor && lab.standsFor !== p.imitates.host ? `, standing in for ${lab.standsFor}` : '';
  const lines = [`smtp-doctor lab: ${p.name} (imitates ${p.imitates.host}${as}) — ready`, ''];
  for (const l of lab.listeners) {
    const mode = l.security === 'starttls' ? 'STARTTLS    ' : 'implicit TLS';
    lines.push(`  ${mode}  ${l.host}:${l.port}   (like ${p.imitates.host}:${l.imitates})`);
  }
  if (lab.tokenEndpoint) lines.push(`  OAuth tokens  ${lab.tokenEndpoint.url}   (like ${lab.tokenEndpoint.imitates})`);
  lines.push('', `  ${p.summary}`, '', 'Accounts (lab accounts: shown in full):');
  for (const a of lab.accounts) lines.push(`  ${formatAccount(a)}`);
  lines.push('', `Faults: ${lab.faults.length === 0 ? 'none' : lab.faults.map(describeFault).join(', ')}`);
  if (lab.replay) lines.push(...replayLines(lab.replay));
  lines.push(`Lab CA: ${caFile}  (trust it; the certificate names ${listNames(lab.certificateNames)})`);
  const config = clientConfig(lab.listeners, lab.accounts, caFile, lab.standsFor, lab.replay?.client);
  if (config) {
    lines.push(
      '',
      `nodemailer (logs in as ${config.credential ? JSON.stringify(config.credential.username) : 'nobody: no account works'}):`,
    );
    lines.push(...config.nodemailer.split('\n').map((l) => `  ${l}`));
    lines.push('', 'smtp-doctor:', `  ${config.session}`, `  ${config.check}`);
  }
  const preset = lab.tokenEndpoint ? oauthPresetOf(p) : undefined;
  const oauth =
    lab.tokenEndpoint && preset
      ? oauthCheckLine(lab.listeners, lab.accounts, caFile, { url: lab.tokenEndpoint.url, preset }, lab.standsFor)
      : null;
  if (oauth) lines.push('', 'smtp-doctor with a token from the lab token endpoint:', `  ${oauth}`);
  lines.push('', 'Sessions are logged to stderr (credentials redacted). Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

function replayLines(replay: Replay): string[] {
  const { signature, sampleNumber, override, client } = replay;
  const what = client.send
    ? 'log in, then send a message'
    : client.token
      ? 'log in with an OAuth token (XOAUTH2)'
      : client.login
        ? 'log in'
        : 'connect';
  const lines = [
    `Replaying: ${signature.id} sample ${sampleNumber} of ${signature.samples.length} (→ ${signature.findings.join(' | ')})`,
    `  served at ${override.phase} to a client that does this: ${what}`,
  ];
  for (const line of replay.sample.split('\r\n')) lines.push(`  ${line}`);
  return lines;
}

/** Items after a label, comma-separated, continued under the first item when a line gets longer than width. */
function wrap(label: string, items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = label;
  for (const [i, item] of items.entries()) {
    const piece = `${item}${i < items.length - 1 ? ',' : ''}`;
    if (line.trim() !== label.trim() && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = ' '.repeat(label.length);
    }
    line += line.endsWith(' ') ? piece : ` ${piece}`;
  }
  lines.push(line);
  return lines;
}

function listNames(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'certificate':
      return `${f.certificate}-cert`;
    case 'late-greeting':
      return `late-greeting=${f.delayMs}ms`;
    case 'slow':
      return `slow=${f.bytesPerSecond}B/s`;
    case 'rate-limit':
      return `rate-limit after ${f.afterFailures} failed logins`;
    case 'oversize-reply':
      return `oversize-reply=${f.bytes} bytes at ${f.phase}`;
    case 'drop-mid-reply':
    case 'endless-reply':
      return `${f.kind} at ${f.phase}`;
    default:
      return f.kind;
  }
}

function listing(): string {
  const lines = ['Personas (--persona):', ''];
  for (const p of PERSONAS) {
    const ports = p.imitates.listeners.map((l) => `${l.security === 'tls' ? 'TLS' : 'STARTTLS'} ${l.port}`).join(', ');
    lines.push(`  ${p.id.padEnd(16)} ${p.name} — ${p.imitates.host} (${ports})`);
    lines.push(`  ${''.padEnd(16)} ${p.summary}`);
    const flags = Object.keys(p.states);
    lines.push(`  ${''.padEnd(16)} account flags: ${flags.length > 0 ? flags.join(', ') : 'none'}`);
    const preset = oauthPresetOf(p);
    if (preset)
      lines.push(
        `  ${''.padEnd(16)} OAuth token endpoint (refresh-token=, client=, grant-scope=): ${OAUTH_FLAGS.filter((f) => (preset === 'google' ? f !== 'app-role' : f !== 'testing-app')).join(', ')}`,
      );
    lines.push('');
  }
  lines.push('Faults (--fault NAME[=VALUE]):', '');
  for (const f of FAULT_HELP) lines.push(`  ${`${f.name}${f.value ? `=${f.value}` : ''}`.padEnd(26)} ${f.does}`);
  lines.push('', `Account spec (--account, --accounts FILE): ${ACCOUNT_SYNTAX}`, '');
  lines.push('Signatures (--replay ID[:N]; N counts the samples, shown when there are several):', '');
  const byProvider = new Map<string, string[]>();
  for (const s of listSignatures()) {
    const list = byProvider.get(s.provider) ?? [];
    list.push(`${s.id}${s.samples.length > 1 ? ` (${s.samples.length})` : ''}`);
    byProvider.set(s.provider, list);
  }
  for (const [provider, ids] of byProvider) lines.push(...wrap(`  ${provider.padEnd(14)} `, ids, 110));
  lines.push('');
  return lines.join('\n');
}

/** An accounts file is a few lines; the bound keeps a wrong file (or /dev/zero) from filling memory. */
const MAX_ACCOUNTS_FILE_BYTES = 1024 * 1024;

async function readAccounts(file: string): Promise<LabAccount[]> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readFileUpTo(file, MAX_ACCOUNTS_FILE_BYTES);
  } catch (err) {
    throw new UsageError(`--accounts: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!bytes)
    throw new UsageError(
      `--accounts: ${file} holds more than ${formatBytes(MAX_ACCOUNTS_FILE_BYTES)}, the most it may have`,
    );
  const text = bytes.toString('utf8');
  return usage(() => parseAccountFile(text, file), '--accounts');
}

/** Input errors from the lab's parsers become usage errors of this command (exit 2, one line). */
function usage<T>(parse: () => T, flag?: string): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`lab: ${flag ? `${flag}: ` : ''}${err.message}`);
    throw err;
  }
}

function stopRequested(io: CliIo): Promise<void> {
  return new Promise((resolve) => {
    if (io.signal) {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The arguments of `lab` as parseArgs reads them (no I/O): also what the README test checks its commands with. */
export function parseLabArgs(argv: string[]) {
  return withUsage('lab', () =>
    parseArgs({ args: joinNegativeValues(argv, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true }),
  );
}
