// Postfix 3.7 + Dovecot 2.3 SASL as a private instance on loopback high ports, configured from this file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { KeyPair } from '../../../src/lab/certificates.js';
import {
  ACCOUNTS,
  dovecotSha256,
  endDaemon,
  freePorts,
  instanceDir,
  killProcessesNaming,
  serverLog,
  stopOnExit,
  waitForPort,
  waitForSocket,
  waitUntilGone,
  settled,
  type LogTally,
  type ServerLog,
} from './common.js';

export interface PostfixInstance extends ServerLog {
  /** The instance's directory (configuration, queue, logs); removed by stop(). */
  dir: string;
  /** 587-style: STARTTLS required, AUTH only after TLS. */
  submission: number;
  /** 465-style: implicit TLS, AUTH offered. */
  submissions: number;
  /** 25-style: STARTTLS optional, no AUTH at all. */
  noAuth: number;
  /** Postfix's mail log, for assertions and debugging. */
  log(): string;
  stop(): Promise<void>;
}

/** Stops an instance by its directory: Postfix's master (daemonized) and Dovecot. Synchronous, for exit hooks too. */
function stopInstance(dir: string): void {
  const master = readPid(join(dir, 'queue/pid/master.pid'));
  if (existsSync(join(dir, 'conf/main.cf')))
    spawnSync('postfix', ['-c', join(dir, 'conf'), 'stop'], { stdio: 'ignore' });
  killProcessesNaming(dir);
  // postfix stop only signals the master: wait (a little) until it is gone, before its files are removed.
  if (master !== null) waitUntilGone(master, 3_000);
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * smtpd's own summary of each session: "disconnect from … ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5", where
 * auth=N/M counts M AUTH commands of which N succeeded (auth=1 alone: one, and it succeeded).
 */
export function tallyPostfixLog(text: string): LogTally {
  const tally: LogTally = { started: 0, sessions: 0, auth: 0, failed: 0 };
  for (const line of text.split('\n')) {
    if (/\/smtpd\[\d+\]: connect from /.test(line)) tally.started += 1;
    if (!/\/smtpd\[\d+\]: disconnect from /.test(line)) continue;
    tally.sessions += 1;
    const auth = /\sauth=(\d+)(?:\/(\d+))?/.exec(line);
    if (!auth) continue;
    const ok = Number(auth[1]);
    const total = auth[2] === undefined ? ok : Number(auth[2]);
    tally.auth += total;
    tally.failed += total - ok;
  }
  return tally;
}

function uid(name: string): number {
  const out = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  return Number(out.stdout.trim());
}

export async function startPostfixDovecot(pair: KeyPair): Promise<PostfixInstance> {
  const dir = instanceDir('postfix', stopInstance);
  const [submission, submissions, noAuth] = (await freePorts(3)) as [number, number, number];
  for (const sub of ['conf', 'queue', 'data', 'dovecot/run', 'dovecot/state'])
    mkdirSync(join(dir, sub), { recursive: true });
  chownSync(join(dir, 'data'), uid('postfix'), uid('postfix'));
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
  writeFileSync(
    join(dir, 'dovecot/users'),
    ACCOUNTS.map((a) => `${a.username}:${dovecotSha256(a.password)}`).join('\n') + '\n',
  );

  writeFileSync(
    join(dir, 'dovecot/dovecot.conf'),
    `base_dir = ${dir}/dovecot/run
state_dir = ${dir}/dovecot/state
log_path = ${dir}/dovecot/dovecot.log
protocols =
ssl = no
auth_mechanisms = plain login
# Postfix enforces TLS before AUTH (smtpd_tls_auth_only); Dovecot only checks the password.
disable_plaintext_auth = no
# No 2 s delay per failure and no growing per-IP penalty: the suite makes many failed logins on purpose.
auth_failure_delay = 0
# Allow UTF-8 user names (the default set is ASCII only).
auth_username_chars =
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = ${dir}/dovecot/users
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`,
  );

  writeFileSync(
    join(dir, 'conf/main.cf'),
    `compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.lab.test
mydomain = lab.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
relayhost =
# Accepted mail never leaves the machine.
default_transport = discard
local_transport = discard
relay_transport = discard
maillog_file_prefixes = ${tmpdir()}
maillog_file = ${dir}/maillog
smtpd_banner = $myhostname ESMTP
smtpd_tls_cert_file = ${dir}/cert.pem
smtpd_tls_key_file = ${dir}/key.pem
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${dir}/dovecot/run/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
`,
  );
  const services = readFileSync(new URL('./postfix-master.cf', import.meta.url), 'utf8');
  writeFileSync(
    join(dir, 'conf/master.cf'),
    `127.0.0.1:${submission} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
127.0.0.1:${submissions} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
127.0.0.1:${noAuth} inet n - n - - smtpd
  -o smtpd_tls_security_level=may
${services}`,
  );

  const dovecotConf = join(dir, 'dovecot/dovecot.conf');
  const dovecot: ChildProcess = spawn('dovecot', ['-F', '-c', dovecotConf], { stdio: 'ignore' });
  // postfix start daemonizes; its stdio must not hold our pipes open.
  const started = spawnSync('postfix', ['-c', join(dir, 'conf'), 'start'], { stdio: 'ignore' });
  const log = (): string => {
    try {
      return readFileSync(join(dir, 'maillog'), 'utf8');
    } catch {
      return '';
    }
  };
  const forget = stopOnExit(() => stopInstance(dir));
  const stop = async (): Promise<void> => {
    forget();
    await endDaemon(dovecot);
    stopInstance(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  if (started.status !== 0) {
    const why = log();
    await stop();
    throw new Error(`postfix did not start (run as ${userInfo().username}): ${why.slice(-500)}`);
  }
  try {
    // Postfix answers before Dovecot may be ready: the first AUTH would then get a 454 "temporary failure".
    await Promise.all([
      waitForPort(submission),
      waitForPort(submissions),
      waitForPort(noAuth),
      waitForSocket(join(dir, 'dovecot/run/auth-postfix')),
    ]);
  } catch (err) {
    const why = `${log().slice(-300)}${readDovecotLog(dir).slice(-300)}`;
    await stop();
    throw new Error(`postfix/dovecot did not come up: ${why}`, { cause: err });
  }
  // The readiness probes are sessions too: let them end in the log before a test marks where its own begin.
  await settled(() => tallyPostfixLog(log()));
  return { dir, submission, submissions, noAuth, log, stop, ...serverLog(log, tallyPostfixLog) };
}

function readDovecotLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot/dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}
