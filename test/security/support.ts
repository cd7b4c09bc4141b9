// Hostile-server test support: a configurable SMTP script, the known secrets every test guards, and what the wire saw.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, type CheckOptions } from '../../src/check/check.js';
import type { KeyPair, LabCertificates } from '../../src/lab/certificates.js';
import { startScriptedServer, type Script, type ScriptContext } from '../helpers/scripted-server.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import type { SessionRecord } from '../../src/model/session.js';
import { runSession, type SessionOptions } from '../../src/transport/session.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';

/** Characters chosen so that every encoding differs from the plain text: quote and backslash (JSON), / + (URL, base64). */
export const USER = 'alice@hostile.test';
export const PASSWORD = 'Kn0wn"Pa55\\word/+é';
export const TOKEN = 'ya29.Kn0wn-OAuth-T0ken_for+tests/abc';

const b64 = (bytes: Buffer): string => bytes.toString('base64');

/** The secret as base64 when it starts at byte offset 0, 1 or 2 of a longer blob: only the characters it alone decides. */
export function base64Alignments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const full = b64(Buffer.concat([Buffer.alloc(offset, 0x41), bytes]));
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    forms.push(full.slice(from, to));
  }
  return forms;
}

/** Every form in which a secret must never appear in any output: the leak audit's definition of "leaked". */
export function forbiddenForms(secret: string, username = USER): { form: string; name: string }[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    { name: 'plain', form: secret },
    { name: 'JSON-escaped', form: JSON.stringify(secret).slice(1, -1) },
    { name: 'URL-encoded', form: encodeURIComponent(secret) },
    { name: 'URL-encoded (form)', form: new URLSearchParams({ x: secret }).toString().slice(2) },
    { name: 'hex', form: bytes.toString('hex') },
    { name: 'HEX', form: bytes.toString('hex').toUpperCase() },
    { name: 'base64', form: b64(bytes) },
    ...base64Alignments(secret).map((form, i) => ({ name: `base64 at alignment ${i}`, form })),
    { name: 'PLAIN blob', form: b64(Buffer.from(`\0${username}\0${secret}`, 'utf8')) },
    { name: 'XOAUTH2 blob', form: b64(Buffer.from(`user=${username}\x01auth=Bearer ${secret}\x01\x01`, 'utf8')) },
  ];
}

/** Part of a secret long enough to narrow a guess down: a redaction that stops early leaves one behind. */
export const FRAGMENT = 8;

/** The forms of `secret` found in `text`, by name: empty when nothing leaked. */
export function leaks(text: string, secret: string, username = USER): string[] {
  const found = forbiddenForms(secret, username)
    .filter(({ form }) => form.length > 0 && text.includes(form))
    .map(({ name }) => name);
  if (found.length > 0) return found;
  for (const [name, form] of [
    ['plain', secret],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
  ] as const) {
    for (let i = 0; i + FRAGMENT <= form.length; i++) {
      const fragment = form.slice(i, i + FRAGMENT);
      if (text.includes(fragment)) return [`${name} fragment ${JSON.stringify(fragment)}`];
    }
  }
  return [];
}

/** What the hostile server does; every hook has an honest default, so a test overrides exactly one behaviour. */
export interface HostileBehaviour {
  /** Raw greeting bytes. */
  greeting?: string;
  /** Raw EHLO reply bytes before and after TLS. */
  ehlo?: string;
  ehloAfterTls?: string;
  /** Answers STARTTLS; return false to end the conversation. Default: 220, then TLS with the valid certificate. */
  starttls?: (ctx: ScriptContext) => Promise<boolean>;
  /** Answers an AUTH line; return false to end the conversation. Default: 535. */
  auth?: (ctx: ScriptContext, line: string) => Promise<boolean>;
  /** Serve implicit TLS from the first byte. */
  implicitTls?: boolean;
  /** Certificate for TLS (default: valid for 127.0.0.1, signed by the lab CA). */
  pair?: KeyPair;
}

export const EHLO_PLAIN = '250-hostile.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n';
export const EHLO_TLS = '250-hostile.test\r\n250 AUTH PLAIN LOGIN XOAUTH2 CRAM-MD5\r\n';

/** A server that speaks SMTP and reads every line until the client leaves, so `received` holds all the client said. */
export function hostile(certs: LabCertificates, behaviour: HostileBehaviour = {}): Script {
  const pair = behaviour.pair ?? certs.valid;
  return async (ctx) => {
    let secure = false;
    if (behaviour.implicitTls) {
      if (!(await ctx.startTls(pair))) return;
      secure = true;
    }
    ctx.write(behaviour.greeting ?? '220 hostile.test ESMTP\r\n');
    for (;;) {
      const line = await ctx.readLine(3_000);
      if (line === null) return;
      const verb = line.split(' ')[0]?.toUpperCase() ?? '';
      if (verb === 'EHLO') ctx.write(secure ? (behaviour.ehloAfterTls ?? EHLO_TLS) : (behaviour.ehlo ?? EHLO_PLAIN));
      else if (verb === 'HELO') ctx.line('250 hostile.test');
      else if (verb === 'STARTTLS') {
        if (behaviour.starttls) {
          if (!(await behaviour.starttls(ctx))) return;
        } else {
          ctx.line('220 2.0.0 Ready to start TLS');
          if (!(await ctx.startTls(pair))) return;
        }
        secure = true;
      } else if (verb === 'AUTH') {
        if (behaviour.auth) {
          if (!(await behaviour.auth(ctx, line))) return;
        } else ctx.line('535 5.7.8 Authentication credentials invalid');
      } else if (verb === 'QUIT') {
        ctx.line('221 2.0.0 Bye');
        return;
      } else if (verb === 'DATA') ctx.line('354 go ahead');
      else if (verb === 'MAIL' || verb === 'RCPT' || line === '.') ctx.line('250 2.0.0 OK');
      else ctx.line('502 5.5.2 Error: command not recognized');
    }
  };
}

/** Lines the server received that start an AUTH exchange. */
export function authLines(received: readonly string[]): string[] {
  return received.filter((l) => /^AUTH\b/i.test(l));
}

export interface Observed<T> {
  result: T;
  /** Every line the server read, over every connection. */
  received: string[];
  connections: number;
}

async function withServer<T>(script: Script, run: (port: number) => Promise<T>): Promise<Observed<T>> {
  const server = await startScriptedServer(script);
  try {
    const result = await run(server.port);
    // The script may still be reading the client's last line (QUIT) when the client is done.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, received: server.received.flat(), connections: server.received.length };
  } finally {
    await server.close();
  }
}

export interface Credentials {
  user?: string;
  password?: string;
  token?: string;
}

function credentials(c: Credentials): SessionOptions['credentials'] {
  if (c.token !== undefined) return { username: c.user ?? USER, secret: new Secret(c.token, 'token') };
  if (c.password !== undefined) return { username: c.user ?? USER, secret: new Secret(c.password) };
  return undefined;
}

/** One runSession against a script, with short limits and the known password unless told otherwise. */
export async function sessionAgainst(
  script: Script,
  options: Partial<SessionOptions> & Credentials = {},
): Promise<Observed<SessionRecord>> {
  const certs = await labCertificates();
  const { user, password = PASSWORD, token, ...rest } = options;
  const creds = credentials({ ...(user !== undefined ? { user } : {}), password, ...(token ? { token } : {}) });
  return withServer(script, (port) =>
    runSession({
      host: '127.0.0.1',
      port,
      security: 'starttls',
      ca: [certs.ca.cert],
      timeoutMs: 2_000,
      deadlineMs: 8_000,
      ...(creds ? { credentials: creds } : {}),
      ...rest,
    }),
  );
}

/** One check() against a script: only the configured endpoint (no alternatives), one login at most. */
export async function checkAgainst(
  script: Script,
  options: Partial<CheckOptions> & Credentials = {},
): Promise<Observed<Report>> {
  const certs = await labCertificates();
  const { user, password = PASSWORD, token, ...rest } = options;
  const creds = credentials({ ...(user !== undefined ? { user } : {}), password, ...(token ? { token } : {}) });
  return withServer(script, (port) =>
    check({
      host: '127.0.0.1',
      port,
      security: 'starttls',
      ca: [certs.ca.cert],
      alternatives: [],
      timeoutMs: 2_000,
      deadlineMs: 8_000,
      ...(creds ? { credentials: creds } : {}),
      ...rest,
    }),
  );
}

let caFile: Promise<string> | undefined;
/** The lab CA written to a file once, for --ca. */
export function labCaFile(): Promise<string> {
  caFile ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-security-'));
    const file = join(dir, 'lab-ca.pem');
    await writeFile(file, (await labCertificates()).ca.cert);
    return file;
  })();
  return caFile;
}

/**
 * The CLI against a script: `args(port)` gives the command line; the password travels in $PW (never on argv).
 * Standard flags for a contained run are appended: --ca, short timeouts, and for check no alternatives.
 */
export async function cliAgainst(
  script: Script,
  args: (port: number) => string[],
  options: { env?: NodeJS.ProcessEnv; trustLabCa?: boolean } = {},
): Promise<Observed<CliRun>> {
  const { env = { PW: PASSWORD }, trustLabCa = true } = options;
  const ca = await labCaFile();
  return withServer(script, (port) => {
    const argv = args(port);
    const extra = trustLabCa ? ['--ca', ca] : [];
    if (!argv.includes('--timeout')) extra.push('--timeout', '2000');
    if (!argv.includes('--deadline')) extra.push('--deadline', '8000');
    if (argv[0] === 'check' && !argv.includes('--alternatives')) extra.push('--alternatives', 'none');
    return runCli([...argv, ...extra], { env });
  });
}

/** The arguments of a login on 127.0.0.1 at `port` with the known user and $PW. */
export function login(port: number, ...more: string[]): string[] {
  return ['127.0.0.1', '--port', String(port), '--user', USER, '--password-env', 'PW', ...more];
}

/** Finding ids of a report, in order. */
export function ids(report: Pick<Report, 'findings'>): string[] {
  return report.findings.map((f) => f.id);
}

/** Finding ids in a JSON report printed by the CLI. */
export function jsonIds(stdout: string): string[] {
  const report = JSON.parse(stdout) as Pick<Report, 'findings'>;
  return ids(report);
}
