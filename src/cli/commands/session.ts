// `smtp-doctor session`: one SMTP session as configured, printed as a redacted transcript with its outcome.
import { parseArgs } from 'node:util';
import { defaultSecurity, submissionPort } from '../../knowledge/ports.js';
import { UsageError } from '../../model/errors.js';
import type { Security } from '../../model/session.js';
import { toTerminalSafeJson } from '../../report/json.js';
import { renderTranscript } from '../../report/transcript-text.js';
import { summarizeSession } from '../../report/session-summary.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS, runSession, type SessionOptions } from '../../transport/session.js';
import { DURATION_HELP, joinNegativeValues, normalizeHost, parseDuration, parsePort, withUsage } from '../args.js';
import { readCaFiles } from '../../library/ca.js';
import {
  CONNECT_TO_HELP,
  CONNECTION_OPTIONS,
  parseConnectTo,
  parseMechanism,
  parseSecurity,
  SECURITY_HELP,
} from '../connection-options.js';
import { EXIT, type CliIo } from '../io.js';
import { isHostName } from '../../check/target.js';
import { quoteInput } from '../../protocol/escape.js';
import {
  ARGV_PASSWORD_WARNING,
  hasSecretFlag,
  readSecret,
  SECRET_HELP,
  secretFlagName,
  splitUserPassword,
  type SecretSource,
} from '../secret-input.js';
import { Secret } from '../../model/secret.js';
import { OAUTH_TOKEN_HELP, OAUTH_TOKEN_OPTIONS, readOAuthFlags } from '../oauth-input.js';

export const SESSION_HELP = `Usage: smtp-doctor session <host> [options]

Runs one SMTP session exactly as configured and prints what was said (secrets redacted).

  --port N               port (default: 465 with --security tls, 587 otherwise)
${SECURITY_HELP}
                         Default: tls on port 465, starttls otherwise.
  --user NAME            log in as NAME (without it the session stops after EHLO); curl's
                         --user name:password works too, but warns like --password
${SECRET_HELP}
${OAUTH_TOKEN_HELP}
  --mechanism M          PLAIN | LOGIN | CRAM-MD5 | SCRAM-SHA-256 | SCRAM-SHA-1 | DIGEST-MD5 |
                         XOAUTH2 | OAUTHBEARER (the last two: the secret is an OAuth token);
                         default: the best one the server offers. Credentials go only with a
                         mechanism the server lists; another name is recorded, never sent
${CONNECT_TO_HELP}
  --ca FILE              also trust the CA certificate(s) in FILE (PEM)
  --insecure             go on when the certificate does not verify (it is still reported)
  --allow-plaintext      send credentials over an unencrypted connection
  --ehlo NAME            name to send in EHLO (default: this host's name or address)
  --timeout TIME         time limit for each phase (default ${DEFAULT_TIMEOUT_MS / 1000}s)
  --deadline TIME        time limit for the whole session (default ${DEFAULT_DEADLINE_MS / 1000}s)
                         ${DURATION_HELP}
  --json                 print the session record as JSON instead of the transcript
  --timestamps           prefix each transcript line with the time since the start
  -h, --help             show this help

Exit status: 0 the login (or, without --user, the session) works; 1 it does not; 2 usage error; 3 internal error.
`;

const EMPTY_FROM: Record<SecretSource, string> = {
  argv: 'from the command line',
  env: 'the environment variable of --password-env is set but empty',
  file: 'the file of --password-file is empty',
  stdin: 'nothing came on standard input',
  prompt: 'nothing was typed at the prompt',
};

/** The positional host: a host name or IP address, never a URL (that is `check`'s) nor a mistyped flag. */
function sessionHost(text: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    throw new UsageError(
      `session: give a host name, not a URL: ${quoteInput(text)} (use --port and --security; check takes smtp:// URLs)`,
    );
  const host = normalizeHost(text);
  if (!isHostName(host)) throw new UsageError(`session: not a host name or IP address: ${quoteInput(text)}`);
  return host;
}

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...OAUTH_TOKEN_OPTIONS,
  timestamps: { type: 'boolean' },
} as const;

export async function sessionCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseSessionArgs(argv);
  if (values.help) {
    io.stdout.write(SESSION_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || !positionals[0])
    throw new UsageError('session: give exactly one host (see smtp-doctor session --help)');
  const host = sessionHost(positionals[0]);
  const port = parsePort(values.port);
  const security: Security =
    parseSecurity(values.security, false)?.security ?? (port === undefined ? 'starttls' : defaultSecurity(port));
  let mechanism = parseMechanism(values.mechanism);
  if (hasSecretFlag(values) && values.user === undefined) throw new UsageError('a password was given but no --user');
  const curl = splitUserPassword(values.user, secretFlagName(values));
  const user = curl.user;

  const options: SessionOptions = {
    host,
    port: port ?? submissionPort(security),
    security,
    insecure: values.insecure ?? false,
    allowPlaintext: values['allow-plaintext'] ?? false,
  };
  if (user === '') throw new UsageError('--user is empty: give the user name to log in as');
  const oauth = await readOAuthFlags(
    values,
    {
      ...(mechanism !== undefined ? { mechanism } : {}),
      password: hasSecretFlag(values) || curl.password !== undefined,
      ...(user !== undefined ? { username: user } : {}),
    },
    io,
  );
  if (oauth?.settings.token && user !== undefined) {
    // An access token: XOAUTH2 unless OAUTHBEARER was asked for (readOAuthFlags refused a password mechanism).
    options.credentials = { username: user, secret: oauth.settings.token };
    mechanism ??= 'XOAUTH2';
  } else if (user !== undefined) {
    const kind = mechanism === 'XOAUTH2' ? 'token' : 'password';
    const { secret, source } =
      curl.password !== undefined ? fromUserFlag(curl.password, kind, io) : await readSecret(values, io, kind);
    // Sending it could only earn a refusal, and a refusal costs a failed login on the server's count.
    if (secret.isEmpty)
      throw new UsageError(
        `the ${secret.kind === 'token' ? 'token' : 'password'} is empty (${EMPTY_FROM[source]}): nothing to log in with`,
      );
    options.credentials = { username: user, secret };
  }
  if (mechanism !== undefined) options.mechanism = mechanism;
  const connectTo = parseConnectTo(values['connect-to']);
  if (connectTo !== undefined) options.connectTo = connectTo;
  if (values.ca) options.ca = await readCaFiles(values.ca);
  if (values.ehlo !== undefined) options.ehloName = values.ehlo;
  const timeout = parseDuration(values.timeout, '--timeout');
  const deadline = parseDuration(values.deadline, '--deadline');
  if (timeout !== undefined) options.timeoutMs = timeout;
  if (deadline !== undefined) options.deadlineMs = deadline;

  const record = await runSession(options);
  if (values.json) io.stdout.write(toTerminalSafeJson(record));
  else
    io.stdout.write(
      `${renderTranscript(record.transcript, { timestamps: values.timestamps ?? false })}\n\n${summarizeSession(record)}\n`,
    );
  return record.outcome === 'authenticated' || record.outcome === 'connected' ? EXIT.ok : EXIT.problem;
}

/** The password of curl's --user name:password: on the command line, so it warns as --password does. */
function fromUserFlag(
  password: string,
  kind: 'token' | 'password',
  io: CliIo,
): { secret: Secret; source: SecretSource } {
  io.stderr.write(ARGV_PASSWORD_WARNING);
  return { secret: new Secret(password, kind), source: 'argv' };
}

/** The arguments of `session` as parseArgs reads them (no I/O): also what the README test checks its commands with. */
export function parseSessionArgs(argv: string[]) {
  return withUsage('session', () =>
    parseArgs({ args: joinNegativeValues(argv, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true }),
  );
}
