// Postfix 3.7 + Cyrus SASL 2.1 (sasldb2) as a private instance on loopback high ports, configured from this file.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '../../../src/lab/certificates.js';
import { ACCOUNTS, freePorts, serverLog, type ServerLog } from './common.js';
import { runPostfix, smtpdService, tallyPostfixLog } from './postfix.js';

export interface PostfixCyrusInstance extends ServerLog {
  dir: string;
  /** STARTTLS required, AUTH (PLAIN LOGIN CRAM-MD5 DIGEST-MD5) only after TLS. */
  submission: number;
  /** Implicit TLS, AUTH PLAIN LOGIN only (another Cyrus application with its own mech_list). */
  submissions: number;
  /** STARTTLS required, AUTH PLAIN LOGIN after TLS, and the password backend (saslauthd) is down. */
  backendDown: number;
  /** STARTTLS optional, no AUTH at all. */
  noAuth: number;
  /** STARTTLS optional, AUTH (all four mechanisms) offered before TLS too: a server that takes a password in clear. */
  plainAuth: number;
  /** Implicit TLS with a certificate that names only the IP address 127.0.0.1. */
  ipOnly: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * The Cyrus applications (smtpd_sasl_path → <name>.conf). Debian's Postfix reads them from $config_directory/sasl
 * whatever cyrus_sasl_config_path says, so they live there (and the setting says the same).
 */
function saslApplications(dir: string): Record<string, string> {
  const sasldb = `pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: ${dir}/conf/sasl/sasldb2\n`;
  return {
    smtpd: `${sasldb}mech_list: PLAIN LOGIN CRAM-MD5 DIGEST-MD5\n`,
    'smtpd-tls': `${sasldb}mech_list: PLAIN LOGIN\n`,
    // saslauthd's socket does not exist: every password check fails with "generic failure" (454 4.7.0).
    'smtpd-down': `pwcheck_method: saslauthd\nsaslauthd_path: ${dir}/conf/sasl/no-saslauthd/mux\nmech_list: PLAIN LOGIN\n`,
  };
}

/** sasldb keeps cleartext (CRAM-MD5 and DIGEST-MD5 need it); "alice@lab.test" is user "alice" in realm "lab.test". */
function writeSasldb(dir: string): void {
  for (const account of ACCOUNTS) {
    const at = account.username.lastIndexOf('@');
    const result = spawnSync(
      'saslpasswd2',
      [
        '-f',
        join(dir, 'conf/sasl/sasldb2'),
        '-c',
        '-p',
        '-u',
        account.username.slice(at + 1),
        account.username.slice(0, at),
      ],
      { input: account.password, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`saslpasswd2 failed: ${result.stderr}`);
  }
  // smtpd runs as the postfix user.
  chmodSync(join(dir, 'conf/sasl/sasldb2'), 0o644);
}

export async function startPostfixCyrus(pair: KeyPair, ipOnlyPair: KeyPair): Promise<PostfixCyrusInstance> {
  const [submission, submissions, backendDown, noAuth, plainAuth, ipOnly] = (await freePorts(6)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const run = await runPostfix({
    ports: [submission, submissions, backendDown, noAuth, plainAuth, ipOnly],
    prepare(dir) {
      mkdirSync(join(dir, 'conf/sasl'), { recursive: true });
      writeFileSync(join(dir, 'cert.pem'), pair.cert);
      writeFileSync(join(dir, 'key.pem'), pair.key, { mode: 0o600 });
      writeFileSync(join(dir, 'ip-cert.pem'), ipOnlyPair.cert);
      writeFileSync(join(dir, 'ip-key.pem'), ipOnlyPair.key, { mode: 0o600 });
      for (const [name, conf] of Object.entries(saslApplications(dir)))
        writeFileSync(join(dir, 'conf/sasl', `${name}.conf`), conf);
      writeSasldb(dir);
    },
    main: (dir) => `smtpd_tls_cert_file = ${dir}/cert.pem
smtpd_tls_key_file = ${dir}/key.pem
smtpd_sasl_type = cyrus
cyrus_sasl_config_path = ${dir}/conf/sasl
smtpd_sasl_path = smtpd
smtpd_sasl_auth_enable = no
`,
    services: (dir) =>
      [
        smtpdService(submission, [
          'smtpd_tls_security_level=encrypt',
          'smtpd_sasl_auth_enable=yes',
          'smtpd_tls_auth_only=yes',
        ]),
        smtpdService(submissions, [
          'smtpd_tls_wrappermode=yes',
          'smtpd_sasl_auth_enable=yes',
          'smtpd_sasl_path=smtpd-tls',
        ]),
        smtpdService(backendDown, [
          'smtpd_tls_security_level=encrypt',
          'smtpd_sasl_auth_enable=yes',
          'smtpd_tls_auth_only=yes',
          'smtpd_sasl_path=smtpd-down',
        ]),
        smtpdService(noAuth, ['smtpd_tls_security_level=may']),
        smtpdService(plainAuth, [
          'smtpd_tls_security_level=may',
          'smtpd_sasl_auth_enable=yes',
          'smtpd_tls_auth_only=no',
        ]),
        smtpdService(ipOnly, [
          'smtpd_tls_wrappermode=yes',
          'smtpd_sasl_auth_enable=yes',
          'smtpd_sasl_path=smtpd-tls',
          `smtpd_tls_cert_file=${dir}/ip-cert.pem`,
          `smtpd_tls_key_file=${dir}/ip-key.pem`,
        ]),
      ].join('\n'),
  });
  return {
    ...run,
    submission,
    submissions,
    backendDown,
    noAuth,
    plainAuth,
    ipOnly,
    ...serverLog(run.log, tallyPostfixLog),
  };
}
