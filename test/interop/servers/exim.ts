// Exim 4.96 (Debian's light daemon, unpacked beside Postfix) as a private instance on loopback high ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '../../../src/lab/certificates.js';
import {
  ACCOUNTS,
  EXIM_BINARY,
  endDaemon,
  freePorts,
  instanceDir,
  killProcessesNaming,
  serverLog,
  stopOnExit,
  waitForPort,
  settled,
  type LogTally,
  type ServerLog,
} from './common.js';

export interface EximInstance extends ServerLog {
  /** The instance's directory (configuration, spool, logs); removed by stop(). */
  dir: string;
  /** STARTTLS offered, AUTH (PLAIN LOGIN CRAM-MD5) only after TLS. */
  starttls: number;
  /** Implicit TLS (tls_on_connect_ports). */
  implicit: number;
  log(): string;
  /** The main log alone (sessions, logins, authenticator failures). */
  mainlog(): string;
  stop(): Promise<void>;
}

/** lsearch keys are quoted so that @, colons and UTF-8 need no thought; the value is the rest of the line. */
function lsearchLine(key: string, value: string): string {
  return `"${key.replace(/["\\]/g, (c) => `\\${c}`)}": ${value}`;
}

/**
 * Exim's main log with +smtp_connection +smtp_no_mail: a "SMTP connection from … (TCP/IP connection count = N)"
 * line when a session starts, and at its end either "no MAIL in SMTP connection from … [A=PLAIN:user] … C=EHLO,
 * STARTTLS,EHLO,AUTH,QUIT" (every command, A= when a login succeeded) or, when the TLS handshake failed,
 * "TLS error on connection from … (gnutls_handshake): …" alone.
 */
export function tallyEximLog(text: string): LogTally {
  const tally: LogTally = { started: 0, sessions: 0, auth: 0, failed: 0 };
  for (const line of text.split('\n')) {
    if (/ SMTP connection from .*\(TCP\/IP connection count = \d+\)/.test(line)) tally.started += 1;
    // A handshake that fails ends the session without a summary; a TLS error later in a session ("(recv)")
    // is followed by that session's "no MAIL" line.
    if (/ TLS error on connection from .*\(gnutls_handshake\)/.test(line)) tally.sessions += 1;
    if (!/ no MAIL in SMTP connection from /.test(line)) continue;
    tally.sessions += 1;
    const auth = (/ C=(\S+)/.exec(line)?.[1] ?? '').split(',').filter((c) => c === 'AUTH').length;
    tally.auth += auth;
    tally.failed += auth - (/ A=\S+/.test(line) ? 1 : 0);
  }
  return tally;
}

export async function startExim(pair: KeyPair): Promise<EximInstance> {
  const dir = instanceDir('exim', killProcessesNaming);
  const [starttls, implicit] = (await freePorts(2)) as [number, number];
  mkdirSync(join(dir, 'spool'));
  mkdirSync(join(dir, 'log'));
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
  writeFileSync(join(dir, 'passwd'), ACCOUNTS.map((a) => lsearchLine(a.username, a.password)).join('\n') + '\n');
  const lookup = (key: string): string => `\${lookup{${key}}lsearch{${dir}/passwd}{$value}fail}`;
  writeFileSync(
    join(dir, 'exim.conf'),
    `primary_hostname = exim.lab.test
daemon_smtp_ports = ${starttls} : ${implicit}
tls_on_connect_ports = ${implicit}
local_interfaces = <; 127.0.0.1
spool_directory = ${dir}/spool
log_file_path = ${dir}/log/%slog
# Each session's start, and at its end every command it used (C=) and who logged in (A=): the AUTH count.
log_selector = +smtp_connection +smtp_no_mail +incoming_interface
exim_user = root
exim_group = root
never_users =
keep_environment =
host_lookup =
rfc1413_hosts =
tls_certificate = ${dir}/cert.pem
tls_privatekey = ${dir}/key.pem
tls_advertise_hosts = *
# As Debian's template recommends: no AUTH over an unencrypted connection.
auth_advertise_hosts = \${if eq{$tls_in_cipher}{}{}{*}}
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  accept authenticated = *
  deny message = Relay not permitted

begin routers
# Accepted mail never leaves the machine.
blackhole:
  driver = redirect
  data = :blackhole:

begin authenticators
PLAIN:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if eq{$auth3}{${lookup('$auth2')}}}
  server_set_id = $auth2
LOGIN:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if eq{$auth2}{${lookup('$auth1')}}}
  server_set_id = $auth1
CRAM:
  driver = cram_md5
  public_name = CRAM-MD5
  server_secret = ${lookup('$auth1')}
  server_set_id = $auth1
`,
  );
  // -bdf: daemon in the foreground, so it ends with us; -q0: no queue runner.
  const daemon: ChildProcess = spawn(EXIM_BINARY, ['-C', join(dir, 'exim.conf'), '-bdf'], { stdio: 'ignore' });
  const log = (): string => {
    try {
      return readdirSync(join(dir, 'log'))
        .map((f) => readFileSync(join(dir, 'log', f), 'utf8'))
        .join('\n');
    } catch {
      return '';
    }
  };
  const mainlog = (): string => {
    try {
      return readFileSync(join(dir, 'log', 'mainlog'), 'utf8');
    } catch {
      return '';
    }
  };
  const forget = stopOnExit(() => killProcessesNaming(dir));
  const stop = async (): Promise<void> => {
    forget();
    await endDaemon(daemon);
    killProcessesNaming(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForPort(starttls), waitForPort(implicit)]);
  } catch (err) {
    const why = log();
    await stop();
    throw new Error(`exim did not start: ${why.slice(-500)}`, { cause: err });
  }
  // The readiness probes are sessions too: let them end in the log before a test marks where its own begin.
  await settled(() => tallyEximLog(mainlog()));
  return { dir, starttls, implicit, log, mainlog, stop, ...serverLog(mainlog, tallyEximLog) };
}
