// Interop harness helpers: free loopback ports, readiness checks, and the accounts every real server gets.
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

export const EXIM_BINARY = '/opt/smtp-doctor-exim/usr/sbin/exim4';
/** OpenSMTPD 7.4 from bookworm-backports, unpacked by install.sh (it conflicts with postfix as a package). */
export const OPENSMTPD_BINARY = '/opt/smtp-doctor-opensmtpd/usr/sbin/smtpd';

/** The same accounts on every server: plain ASCII, and UTF-8 with spaces and a colon. */
export const ACCOUNTS = [
  { username: 'alice@lab.test', password: 'correct horse battery' },
  { username: 'bøb@lab.test', password: 'pä ss:wörd 1' },
] as const;

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function postfixAvailable(): boolean {
  return commandExists('postfix') && commandExists('dovecot');
}

export function eximAvailable(): boolean {
  return existsSync(EXIM_BINARY);
}

export function opensmtpdAvailable(): boolean {
  return existsSync(OPENSMTPD_BINARY) && commandExists('openssl');
}

/** Dovecot's submission service (dovecot-submissiond) beside dovecot-core. */
export function dovecotSubmissionAvailable(): boolean {
  return commandExists('dovecot') && existsSync('/usr/lib/dovecot/submission-login');
}

/** Postfix with Cyrus SASL: saslpasswd2 (sasl2-bin) and the sasldb plugin (libsasl2-modules-db). */
export function cyrusAvailable(): boolean {
  return (
    commandExists('postfix') &&
    commandExists('saslpasswd2') &&
    readdirSync('/usr/lib').some((arch) => existsSync(join('/usr/lib', arch, 'sasl2/libsasldb.so.2')))
  );
}

export const INSTALL_HINT = 'run test/interop/servers/install.sh as root (.ci/run does)';

/**
 * describe()'s skip option for a suite that needs a server: where the server is missing, the reason. In CI, which
 * installs the servers, a missing one fails a test instead: a green CI run must not come from skipped suites.
 */
export function skipWithout(available: boolean, missing: string): string | false {
  if (available) return false;
  const reason = `${missing}: ${INSTALL_HINT}`;
  if (process.env.CI) test(`interop: CI has the servers installed (${missing})`, () => assert.fail(reason));
  return reason;
}

/** Ports the OS considers free right now (bound and released: good enough for one test process). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Waits until the port accepts a connection (the greeting itself may need TLS first). */
export function waitForPort(port: number, timeoutMs = READY_MS): Promise<void> {
  return waitToConnect({ host: '127.0.0.1', port }, `127.0.0.1:${port}`, timeoutMs);
}

/** How long a starting server may take to listen: generous, since CI runs many test files at once on two cores. */
export const READY_MS = 30_000;

/** Waits until a unix socket (Dovecot's auth listener) accepts a connection. */
export function waitForSocket(path: string, timeoutMs = READY_MS): Promise<void> {
  return waitToConnect({ path }, path, timeoutMs);
}

export async function waitToConnect(to: net.NetConnectOpts, name: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(to);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${name} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until a plain-text port greets with 220: a daemon may accept connections before the process that greets is
 * ready (OpenSMTPD answered the first session of a run with a 421 on a loaded machine).
 */
export async function waitForGreeting(port: number, timeoutMs = READY_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const line = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      let got = '';
      const done = (value: string): void => {
        socket.destroy();
        resolve(value);
      };
      socket.setTimeout(2_000, () => done(''));
      socket.on('data', (chunk: Buffer) => {
        got += chunk.toString('latin1');
        if (got.includes('\n')) done(got);
      });
      socket.once('error', () => done(''));
      socket.once('end', () => done(got));
    });
    if (line.startsWith('220')) return;
    if (Date.now() > until) throw new Error(`127.0.0.1:${port} did not greet with 220 after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- instance directories: owned by one test process, reaped when that process died without stopping ----

const OWNER_FILE = 'owner.pid';

/**
 * A fresh directory for one server instance, marked with this process's id. Instances left running by a test
 * process that died (killed, crashed before its after() hook) are stopped first: a daemonized Postfix master
 * outlives the process that started it. Instances of live processes (other test files running in parallel) are
 * left alone.
 */
export function instanceDir(kind: 'postfix' | 'exim' | 'dovecot' | 'opensmtpd', stop: (dir: string) => void): string {
  const prefix = `smtp-doctor-${kind}-`;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not (yet) marked: someone is creating it right now
    }
    if (processAlive(owner)) continue;
    stop(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Ends (SIGTERM) every process whose command line names `dir` — the daemons an instance started with its config,
 * and the per-connection children they forked — and waits (2 s at most) until they are gone: a child still
 * finishing a session would write its log line after the directory was removed, and create it anew.
 */
export function killProcessesNaming(dir: string): void {
  const signalled: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.split('\0').some((arg) => arg.startsWith(`${dir}/`))) continue;
    try {
      process.kill(pid, 'SIGTERM');
      signalled.push(pid);
    } catch {
      // already gone
    }
  }
  for (const pid of signalled) waitUntilGone(pid, 2_000);
}

/**
 * Ends a daemon started in the foreground and waits until it is gone (2 s at most): a daemon still shutting down
 * writes its last log lines, and would create the log directory anew after the instance directory was removed.
 */
export async function endDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise<void>((resolve) => setTimeout(resolve, 2_000))]);
}

/** Waits (blocking: exit hooks cannot wait otherwise) until a process is gone, at most `ms`. */
export function waitUntilGone(pid: number, ms: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; processAlive(pid) && waited < ms; waited += 20) Atomics.wait(pause, 0, 0, 20);
}

/** Runs `stop` if this process exits without having stopped the instance (an exception, process.exit). */
export function stopOnExit(stop: () => void): () => void {
  process.once('exit', stop);
  return () => process.removeListener('exit', stop);
}

// ---- what a server's own log says about AUTH ----

/** AUTH as the server saw it, in the sessions logged since a mark. */
export interface AuthSeen {
  sessions: number;
  /** AUTH commands. */
  auth: number;
  /** AUTH commands the server refused (wrong password, unknown user, unknown mechanism). */
  failed: number;
}

/** One pass over log text: sessions started and ended, and the AUTH counts of those that ended. */
export interface LogTally extends AuthSeen {
  started: number;
}

export interface ServerLog {
  /** Where the log ends now: what comes after belongs to what runs next. */
  mark(): number;
  /**
   * AUTH as the server logged it since `mark`, once every session started since then has ended and been
   * logged (the server writes a session's summary after the client has gone).
   */
  authSince(mark: number): Promise<LogTally>;
}

export function serverLog(read: () => string, tally: (text: string) => LogTally): ServerLog {
  return {
    mark: () => read().length,
    authSince: (mark) => settled(() => tally(read().slice(mark))),
  };
}

/**
 * Waits until every session started in the log has ended (5 s at most: then the counts so far, which the test's
 * assertion shows). A harness calls it after its readiness probes, so that no probe ends after a test's mark.
 */
export async function settled(tally: () => LogTally): Promise<LogTally> {
  const until = Date.now() + 5_000;
  for (;;) {
    const seen = tally();
    if ((seen.started > 0 && seen.sessions >= seen.started) || Date.now() > until) return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Dovecot's {SHA256} scheme: base64 of the SHA-256 of the UTF-8 password (no colon problem in passwd-file). */
export function dovecotSha256(password: string): string {
  return `{SHA256}${createHash('sha256').update(password, 'utf8').digest('base64')}`;
}
