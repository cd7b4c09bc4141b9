// Dovecot 2.3 submission (dovecot-submissiond) as private instances on 127.0.0.2: a client on 127.0.0.1 is remote to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { KeyPair } from '../../../src/lab/certificates.js';
import {
  ACCOUNTS,
  READY_MS,
  dovecotSha256,
  endDaemon,
  freePorts,
  instanceDir,
  killProcessesNaming,
  serverLog,
  settled,
  stopOnExit,
  waitToConnect,
  type LogTally,
  type ServerLog,
} from './common.js';
import { uid } from './postfix.js';

/**
 * Dovecot treats a client whose address equals its own (127.0.0.1 to 127.0.0.1) as secured, and then offers and takes
 * AUTH before STARTTLS whatever the settings say. Listening on 127.0.0.2, the client's 127.0.0.1 is another address:
 * Dovecot behaves as it does for a remote client.
 */
export const DOVECOT_SUBMISSION_HOST = '127.0.0.2';

export interface DovecotSubmissionInstance extends ServerLog {
  dir: string;
  host: string;
  /** STARTTLS with `ssl = required`: no AUTH listed before TLS; AUTH PLAIN LOGIN after. */
  required: number;
  /** Implicit TLS (an inet_listener with ssl = yes) of the same instance. */
  implicit: number;
  /** STARTTLS with `ssl = yes` (a second instance): EHLO before TLS shows "AUTH" with no mechanism. */
  optional: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * One line per session end in the login process's log: "Login: user=<…>, method=PLAIN, …" (a login that worked), or
 * "Disconnected: … (auth failed, N attempts in S secs)" / "(no auth attempts …)" / "(tried to use disallowed
 * plaintext auth)" … for one that ended before. Sessions are counted from the login process's own lines, since
 * Dovecot logs no line when a connection starts: `started` is what ended, and harnesses wait on the sockets instead.
 */
export function tallyDovecotSubmissionLog(text: string): LogTally {
  const tally: LogTally = { started: 0, sessions: 0, auth: 0, failed: 0 };
  for (const line of text.split('\n')) {
    if (!/submission-login: Info: /.test(line)) continue;
    if (/: Login: user=/.test(line)) {
      tally.sessions += 1;
      tally.auth += 1;
      continue;
    }
    if (!/: Disconnected[: ]/.test(line)) continue;
    tally.sessions += 1;
    const failed = /auth failed, (\d+) attempts?/.exec(line);
    if (failed) {
      tally.auth += Number(failed[1]);
      tally.failed += Number(failed[1]);
    }
  }
  tally.started = tally.sessions;
  return tally;
}

function dovecotConf(dir: string, name: string, ssl: 'required' | 'yes', relayPort: number, listeners: string): string {
  return `instance_name = ${name}
base_dir = ${dir}/${name}/run
state_dir = ${dir}/${name}/state
# Both instances append to one log: its text only grows, so a test can read what came after a mark.
log_path = ${dir}/dovecot.log
protocols = submission
listen = ${DOVECOT_SUBMISSION_HOST}
hostname = mail.lab.test
ssl = ${ssl}
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
auth_mechanisms = plain login
# Allow UTF-8 user names (the default set is ASCII only).
auth_username_chars =
# The growing per-IP penalty is off (the suite fails logins on purpose); the 2 s failure delay stays as shipped.
default_internal_user = dovecot
default_login_user = dovenull
# Submission opens mail storage (for BURL): without it every command fails with 451 4.7.0.
mail_location = maildir:${dir}/mail/%u
# Dovecot connects to its relay as soon as a login succeeds: a sink in the test process that discards everything.
submission_relay_host = 127.0.0.1
submission_relay_port = ${relayPort}
login_log_format_elements = user=<%u> method=%m rip=%r lip=%l lport=%{lport} mpid=%e %c session=<%{session}>
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
# The mail user is the system user dovecot (a low uid): allowed here.
first_valid_uid = ${uid('dovecot')}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service submission-login {
${listeners}
}
`;
}

/** The relay Dovecot passes accepted mail to: greets, accepts, and discards (the suite sends no mail anyway). */
async function startRelaySink(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startDovecotSubmission(pair: KeyPair): Promise<DovecotSubmissionInstance> {
  const dir = instanceDir('dovecot', killProcessesNaming);
  const [required, implicit, optional] = (await freePorts(3)) as [number, number, number];
  const relay = await startRelaySink();
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
  writeFileSync(
    join(dir, 'users'),
    ACCOUNTS.map((a) => `${a.username}:${dovecotSha256(a.password)}`).join('\n') + '\n',
  );
  mkdirSync(join(dir, 'mail'));
  chownSync(join(dir, 'mail'), uid('dovecot'), uid('dovecot'));
  const instances = {
    required: dovecotConf(
      dir,
      'required',
      'required',
      relay.port,
      `  inet_listener submission {\n    port = ${required}\n  }\n  inet_listener submissions {\n    port = ${implicit}\n    ssl = yes\n  }`,
    ),
    optional: dovecotConf(
      dir,
      'optional',
      'yes',
      relay.port,
      `  inet_listener submission {\n    port = ${optional}\n  }`,
    ),
  };
  const daemons: ChildProcess[] = [];
  for (const [name, conf] of Object.entries(instances)) {
    mkdirSync(join(dir, name, 'run'), { recursive: true });
    mkdirSync(join(dir, name, 'state'), { recursive: true });
    writeFileSync(join(dir, `${name}.conf`), conf);
    daemons.push(spawn('dovecot', ['-F', '-c', join(dir, `${name}.conf`)], { stdio: 'ignore' }));
  }
  const log = (): string => {
    try {
      return readFileSync(join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const forget = stopOnExit(() => killProcessesNaming(dir));
  const stop = async (): Promise<void> => {
    forget();
    await Promise.all(daemons.map((d) => endDaemon(d)));
    killProcessesNaming(dir);
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      [required, implicit, optional].map((port) =>
        waitToConnect({ host: DOVECOT_SUBMISSION_HOST, port }, `${DOVECOT_SUBMISSION_HOST}:${port}`, READY_MS),
      ),
    );
  } catch (err) {
    const why = log().slice(-600);
    await stop();
    throw new Error(`dovecot submission did not start: ${why}`, { cause: err });
  }
  await settled(() => tallyDovecotSubmissionLog(log()));
  return {
    dir,
    host: DOVECOT_SUBMISSION_HOST,
    required,
    implicit,
    optional,
    log,
    stop,
    ...serverLog(log, tallyDovecotSubmissionLog),
  };
}
