// Postfix 3.7 + Dovecot 2.3 SASL as a private instance on loopback high ports, configured from this file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '../../../src/lab/certificates.js';
import { ACCOUNTS, endDaemon, freePorts, serverLog, waitForSocket, type ServerLog } from './common.js';
import { runPostfix, smtpdService, tallyPostfixLog } from './postfix.js';

export { tallyPostfixLog } from './postfix.js';

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

export async function startPostfixDovecot(pair: KeyPair): Promise<PostfixInstance> {
  const [submission, submissions, noAuth] = (await freePorts(3)) as [number, number, number];
  let dovecot: ChildProcess | undefined;
  const run = await runPostfix({
    ports: [submission, submissions, noAuth],
    prepare(dir) {
      for (const sub of ['dovecot/run', 'dovecot/state']) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'cert.pem'), pair.cert);
      writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
      writeFileSync(
        join(dir, 'dovecot/users'),
        ACCOUNTS.map((a) => `${a.username}:{PLAIN.b64}${Buffer.from(a.password).toString('base64')}`).join('\n') + '\n',
      );
      writeFileSync(join(dir, 'dovecot/dovecot.conf'), dovecotConf(dir));
    },
    main: (dir) => `smtpd_tls_cert_file = ${dir}/cert.pem
smtpd_tls_key_file = ${dir}/key.pem
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${dir}/dovecot/run/auth-postfix
smtpd_sasl_auth_enable = no
`,
    services: () =>
      [
        smtpdService(submission, [
          'smtpd_tls_security_level=encrypt',
          'smtpd_sasl_auth_enable=yes',
          'smtpd_tls_auth_only=yes',
        ]),
        smtpdService(submissions, ['smtpd_tls_wrappermode=yes', 'smtpd_sasl_auth_enable=yes']),
        smtpdService(noAuth, ['smtpd_tls_security_level=may']),
      ].join('\n'),
    // Postfix answers before Dovecot may be ready: the first AUTH would then get a 454 "temporary failure".
    companion: (dir) => {
      dovecot = spawn('dovecot', ['-F', '-c', join(dir, 'dovecot/dovecot.conf')], { stdio: 'ignore' });
      const child = dovecot;
      return {
        ready: waitForSocket(join(dir, 'dovecot/run/auth-postfix')),
        stop: () => endDaemon(child),
        log: () => readDovecotLog(dir),
      };
    },
  });
  return { ...run, submission, submissions, noAuth, ...serverLog(run.log, tallyPostfixLog) };
}

function dovecotConf(dir: string): string {
  return `base_dir = ${dir}/dovecot/run
state_dir = ${dir}/dovecot/state
log_path = ${dir}/dovecot/dovecot.log
protocols =
ssl = no
# SCRAM needs the password (or a SCRAM verifier) on the server: the users file keeps {PLAIN.b64} passwords
# (base64, because a ":" would end the passwd-file field).
auth_mechanisms = plain login scram-sha-1 scram-sha-256
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
`;
}

/** Dovecot's own log, for debugging. */
export function readDovecotLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot/dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}
