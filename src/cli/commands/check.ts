// `smtp-doctor check`: probe a live server as configured (and the alternatives), then say why the login fails and what to change.
import { parseArgs } from 'node:util';
import type { CheckOptions } from '../../check/check.js';
import { UsageError } from '../../model/errors.js';
import { Secret, type SecretKind } from '../../model/secret.js';
import {
  parseTargetArgument,
  resolveTarget,
  secretKindFor,
  targetFromEnvironment,
  type TargetInput,
} from '../../check/target.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS } from '../../transport/session.js';
import { parseAlternatives } from '../alternatives.js';
import { DURATION_HELP, joinNegativeValues, parseDuration, parsePort, withUsage } from '../args.js';
import { readCaFiles } from '../../library/ca.js';
import {
  CONNECT_TO_HELP,
  CONNECTION_OPTIONS,
  parseConnectTo,
  parseMechanism,
  parseSecurity,
  SECURITY_HELP,
} from '../connection-options.js';
import { EXIT, textWidth, type CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { isMailbox, parseMailbox } from '../mailbox.js';
import {
  ARGV_PASSWORD_WARNING,
  hasSecretFlag,
  readSecret,
  SECRET_HELP,
  secretFlagName,
  splitUserPassword,
  type SecretInput,
} from '../secret-input.js';
import { quoteInput } from '../../protocol/escape.js';
import { OAUTH_HELP, OAUTH_OPTIONS, readOAuthFlags } from '../oauth-input.js';

export const CHECK_HELP = `Usage: smtp-doctor check <host | host:port | smtp[s]://user@host:port | user@host:port | you@example.com> [options]

Probes the server as you configured it and, in parallel, the alternatives (465 implicit TLS;
587, 2525 and 25 with STARTTLS), logs in at most once (lockout-safe), and tells you why the
login fails, what to change, and which settings are proven to work.

Without a target, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS (or SMTP_PASSWORD) and
SMTP_SECURE (true = implicit TLS, false = STARTTLS; or a word of --security) are read from the
environment. With a target they are all ignored (a note says so): pass them explicitly, e.g.
--password-env SMTP_PASS. A password in the target (user:pass@host, smtp://user:pass@host, %-encoded
in URLs) or in --user user:pass (curl's form) works, but warns like --password.

  --port N               port (default: 465 with --security tls, 587 with starttls;
                         without port and security: discover, like --security auto)
${SECURITY_HELP}
                         auto: probe and pick the best
  --user NAME            log in as NAME (default: the e-mail address, when you gave one)
${SECRET_HELP}
  --mechanism M          the SASL mechanism to log in with: PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-256,
                         SCRAM-SHA-1, DIGEST-MD5, XOAUTH2 or OAUTHBEARER (the last two: the secret
                         is an OAuth token); any other name the server lists (NTLM, GSSAPI, …) is
                         diagnosed, never sent
OAuth 2.0 (instead of a password; the token, refresh token and client secret are never shown):
${OAUTH_HELP}
${CONNECT_TO_HELP}
  --ca FILE              also trust the CA certificate(s) in FILE (PEM)
  --insecure             go on when the certificate does not verify (it is still reported)
  --allow-plaintext      send credentials over an unencrypted connection
  --max-attempts N       failed logins this run may cost (default 1; 0 = never log in)
  --alternatives LIST    endpoints to probe besides yours, e.g. 465/tls,587/starttls; "none"
  --send-to ADDR         after a successful login, send a small test message to ADDR
  --from ADDR            sender of the test message (default: the user name, when it is an address)
  --ehlo NAME            name to send in EHLO
  --timeout TIME         time limit for each phase (default ${DEFAULT_TIMEOUT_MS / 1000}s)
  --deadline TIME        time limit for the whole check, every session and retry (default ${DEFAULT_DEADLINE_MS / 1000}s)
                         ${DURATION_HELP}
  --json                 print the report as JSON (only JSON on stdout)
  --verbose              add the redacted transcript of your session
  -h, --help             show this help

Exit status: 0 the login works; 1 a problem was diagnosed; 2 usage error; 3 inconclusive.
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...OAUTH_OPTIONS,
  'max-attempts': { type: 'string' },
  alternatives: { type: 'string' },
  'send-to': { type: 'string', multiple: true },
  from: { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCheckArgs>['values'];

/** The arguments of `check` as parseArgs reads them (no I/O): also what the README test checks its commands with. */
export function parseCheckArgs(argv: string[]) {
  return withUsage('check', () =>
    parseArgs({ args: joinNegativeValues(argv, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true }),
  );
}

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCheckArgs(argv);
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const options = await resolveCheckOptions(values, positionals, io);
  // Loaded only now: --help and a usage error need none of the probe, the knowledge or the renderers.
  const [{ check }, { exitCodeOf }, { renderReportJson }, { colorEnabled, renderReportText }] = await Promise.all([
    import('../../check/check.js'),
    import('../../report/create.js'),
    import('../../report/json.js'),
    import('../../report/text.js'),
  ]);
  const progress = createProgress(io, !values.json);
  options.onProgress = (event) => progress.update(event);
  let report;
  try {
    report = await check(options);
  } finally {
    progress.stop();
  }
  io.stdout.write(
    values.json
      ? renderReportJson(report)
      : renderReportText(report, {
          color: colorEnabled(io.stdout, io.env),
          width: textWidth(io),
          transcript: values.verbose ?? false,
        }),
  );
  return exitCodeOf(report);
}

/**
 * The CLI's part of a check's settings: flags, the SMTP_* environment policy and the secret's sources (with a prompt);
 * the target and the flags then merge as the library merges them (check/target.ts resolveTarget). SMTP_* variables are
 * read only when no target is given: a host typed on the command line must never receive the password meant for the
 * SMTP_HOST of the environment.
 */
export async function resolveCheckOptions(values: Values, positionals: string[], io: CliIo): Promise<CheckOptions> {
  if (positionals.length > 1) throw new UsageError('check: give one target (host, URL or e-mail address), not several');
  const given = positionals[0];
  const fromArg: TargetInput | undefined = given !== undefined ? parseTargetArgument(given) : undefined;
  const fromEnv: TargetInput = given === undefined ? targetFromEnvironment(io.env) : {};
  const target: TargetInput = fromArg ?? fromEnv;
  if (target.host === undefined && target.address === undefined) {
    throw new UsageError(
      'check: give a host, an smtp:// URL or an e-mail address (or set SMTP_HOST); see smtp-doctor check --help',
    );
  }
  const curl = splitUserPassword(values.user, otherSecretSource(values, fromArg, fromEnv));
  const userFlag = curl.user;
  if (userFlag === '') throw new UsageError('--user is empty: give the user name to log in as');

  const port = parsePort(values.port);
  const security = parseSecurity(values.security, true);
  const mechanism = parseMechanism(values.mechanism);
  const username = userFlag ?? target.username;

  const options: CheckOptions = {
    insecure: values.insecure ?? false,
    allowPlaintext: values['allow-plaintext'] ?? false,
  };
  if (mechanism !== undefined) options.mechanism = mechanism;
  const connectTo = parseConnectTo(values['connect-to']);
  if (connectTo !== undefined) options.connectTo = connectTo;
  const alternatives = parseAlternatives(values.alternatives);
  if (alternatives) options.alternatives = alternatives;
  const attempts = values['max-attempts'];
  if (attempts !== undefined) {
    if (!/^\d+$/.test(attempts) || Number(attempts) > 10)
      throw new UsageError(`--max-attempts must be a whole number from 0 to 10, not ${quoteInput(attempts)}`);
    options.maxAttempts = Number(attempts);
  }
  const sendTo = values['send-to']?.map((to) => parseMailbox(to, '--send-to'));
  if (sendTo) {
    const from = values.from !== undefined ? parseMailbox(values.from, '--from') : username;
    if (!from) throw new UsageError('--send-to needs a sender: --from ADDR (or --user)');
    if (username === undefined) throw new UsageError('--send-to needs a login: give --user and a password');
    // The user name as sender only when it is an address ("apikey" is not): never a made-up MAIL FROM on the wire.
    if (values.from === undefined && !isMailbox(from))
      throw new UsageError('--send-to needs a sender address: the user name is not an e-mail address; add --from ADDR');
    options.send = { from, to: sendTo };
  } else if (values.from !== undefined) throw new UsageError('--from is only used with --send-to');
  if (values.ehlo !== undefined) options.ehloName = values.ehlo;
  const timeout = parseDuration(values.timeout, '--timeout');
  const deadline = parseDuration(values.deadline, '--deadline');
  if (timeout !== undefined) options.timeoutMs = timeout;
  if (deadline !== undefined) options.deadlineMs = deadline;
  if (values.ca) options.ca = await readCaFiles(values.ca);

  // Last, once every flag is known to be fine: the note, then the secret (which may prompt).
  const passwordGiven = hasSecretFlag(values) || fromArg?.password !== undefined || curl.password !== undefined;
  const oauth = await readOAuthFlags(
    values,
    {
      ...(mechanism !== undefined ? { mechanism } : {}),
      password: passwordGiven,
      ...(username !== undefined ? { username } : {}),
    },
    io,
  );
  if (oauth) {
    // The token stands for the password: SMTP_PASS (read only without a target) is not used, and nothing prompts.
    const { password: envPassword, ...withoutPassword } = target;
    if (envPassword !== undefined)
      io.stderr.write(
        `note: ${io.env.SMTP_PASS !== undefined ? 'SMTP_PASS' : 'SMTP_PASSWORD'} is not used: the OAuth token is\n`,
      );
    else if (fromArg) noteIgnoredEnvironment(io, { user: username !== undefined, secret: true });
    options.oauth = oauth.settings;
    Object.assign(
      options,
      resolveTarget(withoutPassword, {
        ...(port !== undefined ? { port } : {}),
        ...(security !== undefined ? { security: security.security, securityAsWritten: security.word } : {}),
        ...(userFlag !== undefined ? { username: userFlag } : {}),
      }),
    );
    if (oauth.tokenSource) options.secretSource = oauth.tokenSource;
    return options;
  }
  if (fromArg)
    noteIgnoredEnvironment(io, {
      user: username !== undefined,
      secret: secretGiven(values, fromArg) || curl.password !== undefined,
    });
  const secret = await resolveSecret(
    values,
    { url: fromArg?.password ?? curl.password, env: fromEnv.password },
    username,
    io,
    secretKindFor(mechanism),
  );
  Object.assign(
    options,
    resolveTarget(target, {
      ...(port !== undefined ? { port } : {}),
      ...(security !== undefined ? { security: security.security, securityAsWritten: security.word } : {}),
      ...(userFlag !== undefined ? { username: userFlag } : {}),
      ...(mechanism !== undefined ? { mechanism } : {}),
      ...(secret ? { secret: secret.secret, secretSource: secret.source } : {}),
    }),
  );
  if (options.send && !options.credentials) throw new UsageError('--send-to needs a login: give --user and a password');
  return options;
}

/** Where a password comes from besides --user, for the conflict with curl's --user user:password. */
function otherSecretSource(values: Values, fromArg: TargetInput | undefined, fromEnv: TargetInput): string | undefined {
  if (hasSecretFlag(values)) return secretFlagName(values);
  if (fromArg?.password !== undefined) return 'the target';
  if (fromEnv.password !== undefined) return 'SMTP_PASS';
  return undefined;
}

function secretGiven(values: Values, fromArg: TargetInput): boolean {
  return hasSecretFlag(values) || fromArg.password !== undefined;
}

/** SMTP_USER / SMTP_PASS are set but a target was typed: say that they are not used, rather than leave it to guess. */
function noteIgnoredEnvironment(io: CliIo, used: { user: boolean; secret: boolean }): void {
  const ignored = [
    ...(io.env.SMTP_USER && !used.user ? ['SMTP_USER'] : []),
    ...(['SMTP_PASS', 'SMTP_PASSWORD'] as const).filter((n) => io.env[n] !== undefined && !used.secret),
  ];
  if (ignored.length === 0) return;
  io.stderr.write(
    `note: ${ignored.join(' and ')} ${ignored.length > 1 ? 'are' : 'is'} not used: SMTP_* variables are read only when no target is given (use --user and --password-env ${ignored.find((n) => n !== 'SMTP_USER') ?? 'SMTP_PASS'} to use them with this target)\n`,
  );
}

async function resolveSecret(
  values: Values,
  sources: { url: string | undefined; env: string | undefined },
  username: string | undefined,
  io: CliIo,
  kind: SecretKind,
): Promise<SecretInput | undefined> {
  const fromUrl = sources.url;
  const fromEnv = sources.env;
  if (hasSecretFlag(values) || fromUrl !== undefined || fromEnv !== undefined) {
    if (username === undefined) throw new UsageError('a password was given but no user: add --user');
  }
  if (hasSecretFlag(values)) return readSecret(values, io, kind);
  if (fromUrl !== undefined) {
    io.stderr.write(ARGV_PASSWORD_WARNING);
    return { secret: new Secret(fromUrl, kind), source: 'argv' };
  }
  if (fromEnv !== undefined) return { secret: new Secret(fromEnv, kind), source: 'env' };
  if (username === undefined) return undefined;
  if (io.stdin.isTTY) return readSecret(values, io, kind);
  io.stderr.write(
    'note: no password given (--password-env, --password-file, --password-stdin): checking the connection only, no login\n',
  );
  return undefined;
}
