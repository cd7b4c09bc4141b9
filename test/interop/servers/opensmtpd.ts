// OpenSMTPD 7.4 (Debian's bookworm-backports build, unpacked into its own prefix) as a private instance on loopback.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '../../../src/lab/certificates.js';
import {
  ACCOUNTS,
  OPENSMTPD_BINARY,
  endDaemon,
  freePorts,
  instanceDir,
  killProcessesNaming,
  serverLog,
  settled,
  stopOnExit,
  waitForGreeting,
  waitForPort,
  type LogTally,
  type ServerLog,
} from './common.js';

export interface OpenSmtpdInstance extends ServerLog {
  dir: string;
  /** STARTTLS required (tls-require), AUTH PLAIN LOGIN only after TLS. */
  starttls: number;
  /** Implicit TLS (smtps), AUTH PLAIN LOGIN. */
  implicit: number;
  /** STARTTLS offered, no AUTH at all. */
  noAuth: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * smtpd -d logs each session under its id: "… smtp connected address=…" when it starts, "… smtp disconnected
 * reason=…" when it ends; "… smtp authentication user=… result=ok|permfail|tempfail" when it judged credentials, and
 * "… smtp failed-command command="AUTH …" result="5xx …"" for every refused AUTH (credentials, mechanism or state).
 */
export function tallyOpenSmtpdLog(text: string): LogTally {
  const tally: LogTally = { started: 0, sessions: 0, auth: 0, failed: 0 };
  for (const line of text.split('\n')) {
    if (/ smtp connected address=/.test(line)) tally.started += 1;
    else if (/ smtp disconnected reason=/.test(line)) tally.sessions += 1;
    else if (/ smtp authentication user=.* result=ok/.test(line)) tally.auth += 1;
    else if (/ smtp failed-command command="AUTH /.test(line)) {
      tally.auth += 1;
      tally.failed += 1;
    }
  }
  return tally;
}

/** SHA-512 crypt(3) hashes (OpenSMTPD checks them with crypt()): fast, unlike the yescrypt its own helper makes. */
function cryptHash(password: string): string {
  const out = spawnSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`openssl passwd failed: ${out.stderr}`);
  return out.stdout.trim();
}

export async function startOpenSmtpd(pair: KeyPair): Promise<OpenSmtpdInstance> {
  const dir = instanceDir('opensmtpd', killProcessesNaming);
  const [starttls, implicit, noAuth] = (await freePorts(3)) as [number, number, number];
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  // smtpd refuses a private key that group or others can read.
  writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
  writeFileSync(join(dir, 'creds'), ACCOUNTS.map((a) => `${a.username}\t${cryptHash(a.password)}`).join('\n') + '\n', {
    mode: 0o644,
  });
  writeFileSync(
    join(dir, 'smtpd.conf'),
    `pki lab cert "${dir}/cert.pem"
pki lab key "${dir}/key.pem"
table creds file:${dir}/creds
listen on 127.0.0.1 port ${starttls} tls-require pki lab auth <creds> hostname mail.lab.test
listen on 127.0.0.1 port ${implicit} smtps pki lab auth <creds> hostname mail.lab.test
listen on 127.0.0.1 port ${noAuth} tls pki lab hostname mail.lab.test
# Nothing listens on port 9: accepted mail (the suite sends none) would stay in the queue, never leave the machine.
action "sink" relay host smtp://127.0.0.1:9
match auth from any for any action "sink"
`,
  );
  // -d: in the foreground, logging to stderr (into our file, so no pipe of ours is held open).
  const logFile = join(dir, 'smtpd.log');
  const out = createWriteStream(logFile);
  await new Promise((resolve) => out.once('open', resolve));
  const daemon: ChildProcess = spawn(OPENSMTPD_BINARY, ['-d', '-f', join(dir, 'smtpd.conf')], {
    stdio: ['ignore', out, out],
  });
  const log = (): string => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const forget = stopOnExit(() => killProcessesNaming(dir));
  const stop = async (): Promise<void> => {
    forget();
    await endDaemon(daemon);
    killProcessesNaming(dir);
    out.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all([waitForGreeting(starttls), waitForPort(implicit), waitForGreeting(noAuth)]);
  } catch (err) {
    const why = log().slice(-600);
    await stop();
    throw new Error(`opensmtpd did not start: ${why}`, { cause: err });
  }
  await settled(() => tallyOpenSmtpdLog(log()));
  return { dir, starttls, implicit, noAuth, log, stop, ...serverLog(log, tallyOpenSmtpdLog) };
}
