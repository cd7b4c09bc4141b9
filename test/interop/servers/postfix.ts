// A private Postfix 3.7 instance (own config, queue and log) on loopback high ports: what every Postfix harness shares.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import {
  instanceDir,
  killProcessesNaming,
  settled,
  stopOnExit,
  waitForPort,
  waitUntilGone,
  type LogTally,
} from './common.js';

/** Stops an instance by its directory: Postfix's master (daemonized) and whatever else names the directory. */
export function stopPostfixInstance(dir: string): void {
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

export function uid(name: string): number {
  const out = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  return Number(out.stdout.trim());
}

/** The services every instance needs besides its smtpd listeners (master.cf's standard part). */
export function standardServices(): string {
  return readFileSync(new URL('./postfix-master.cf', import.meta.url), 'utf8');
}

/** One smtpd listener of master.cf; its log lines carry `postfix/p<port>/smtpd`, so they tell the ports apart. */
export function smtpdService(port: number, options: readonly string[]): string {
  return [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    ...[`syslog_name=postfix/p${port}`, ...options].map((o) => `  -o ${o}`),
  ].join('\n');
}

export interface PostfixRun {
  dir: string;
  log: () => string;
  stop: () => Promise<void>;
}

export interface PostfixSetup {
  /** Writes what the instance needs besides main.cf/master.cf (certificates, SASL config) into its directory. */
  prepare(dir: string): void;
  /** main.cf lines after the common ones. */
  main(dir: string): string;
  /** master.cf's smtpd listeners. */
  services(dir: string): string;
  ports: readonly number[];
  /** Started before Postfix (a SASL daemon), ended by stop(). */
  companion?: (dir: string) => { ready: Promise<void>; stop: () => Promise<void>; log?: () => string };
}

/** Creates, starts and waits for an instance; throws (having cleaned up) when it does not come up. */
export async function runPostfix(setup: PostfixSetup): Promise<PostfixRun> {
  const dir = instanceDir('postfix', stopPostfixInstance);
  for (const sub of ['conf', 'queue', 'data']) mkdirSync(join(dir, sub), { recursive: true });
  chownSync(join(dir, 'data'), uid('postfix'), uid('postfix'));
  setup.prepare(dir);
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
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
${setup.main(dir)}`,
  );
  writeFileSync(join(dir, 'conf/master.cf'), `${setup.services(dir)}\n${standardServices()}`);

  const companion = setup.companion?.(dir);
  // postfix start daemonizes; its stdio must not hold our pipes open.
  // Not spawnSync: postfix-script takes seconds on a loaded machine, and other instances' readiness waits run meanwhile.
  const started = await new Promise<{ status: number | null }>((resolve) => {
    const child = spawn('postfix', ['-c', join(dir, 'conf'), 'start'], { stdio: 'ignore' });
    child.once('error', () => resolve({ status: null }));
    child.once('exit', (status) => resolve({ status }));
  });
  const log = (): string => {
    try {
      return readFileSync(join(dir, 'maillog'), 'utf8');
    } catch {
      return '';
    }
  };
  const forget = stopOnExit(() => stopPostfixInstance(dir));
  const stop = async (): Promise<void> => {
    forget();
    await companion?.stop();
    stopPostfixInstance(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  if (started.status !== 0) {
    const why = log();
    await stop();
    throw new Error(`postfix did not start (run as ${userInfo().username}): ${why.slice(-500)}`);
  }
  try {
    await Promise.all([...setup.ports.map((p) => waitForPort(p)), ...(companion ? [companion.ready] : [])]);
  } catch (err) {
    const why = `${log().slice(-600)}${companion?.log?.().slice(-600) ?? ''}`;
    await stop();
    throw new Error(`postfix did not come up: ${why}`, { cause: err });
  }
  // The readiness probes are sessions too: let them end in the log before a test marks where its own begin.
  await settled(() => tallyPostfixLog(log()));
  return { dir, log, stop };
}
