// Runs one matrix scenario through the CLI (in process, as a user runs it) and judges it against the oracle.
import type { Report } from '../../../src/model/report.js';
import { runCli } from '../../helpers/cli.js';
import { ACCOUNTS } from '../servers/common.js';
import type { Family, RunningFamily } from './families.js';
import type { CredentialCase, Expectation, Range, Scenario } from './scenarios.js';
import type { Logins } from './server-logs.js';

const [ascii, utf8] = ACCOUNTS;
const SECRET_VARIABLE = 'SMTP_DOCTOR_MATRIX_SECRET';

export function credentialsFor(c: CredentialCase): { user: string; password: string } {
  switch (c) {
    case 'right':
      return { user: ascii.username, password: ascii.password };
    case 'wrong':
      return { user: ascii.username, password: 'not the password 7' };
    case 'unknown-user':
      return { user: 'nobody@lab.test', password: ascii.password };
    case 'bare-local-part':
      return { user: ascii.username.slice(0, ascii.username.indexOf('@')), password: ascii.password };
    case 'non-ascii-nfc':
      return { user: utf8.username.normalize('NFC'), password: utf8.password.normalize('NFC') };
    case 'non-ascii-nfd':
      return { user: utf8.username.normalize('NFD'), password: utf8.password.normalize('NFD') };
  }
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  report: Report | null;
  logins: Logins;
  ms: number;
}

/** The command line a user would type for the scenario (the secret comes from the environment). */
export function argvFor(family: Family, server: RunningFamily, s: Scenario, caFile: string): string[] {
  const { user } = credentialsFor(s.credentials);
  const alternatives = family.endpoints
    .filter((e) => e.alternative)
    .map((e) => `${server.port(e.key)}/${e.mode}`)
    .join(',');
  return [
    'check',
    family.host,
    '--port',
    String(server.port(s.endpoint)),
    '--security',
    s.security,
    '--user',
    user,
    '--password-env',
    SECRET_VARIABLE,
    ...(s.untrusted ? [] : ['--ca', caFile]),
    '--alternatives',
    alternatives,
    '--timeout',
    String(TIMEOUT_MS),
    '--json',
    ...(s.mechanism !== undefined ? ['--mechanism', s.mechanism] : []),
    ...(s.allowPlaintext ? ['--allow-plaintext'] : []),
    ...(s.maxAttempts !== undefined ? ['--max-attempts', String(s.maxAttempts)] : []),
  ];
}

/**
 * Each phase's timeout. Generous, because a loaded CI machine runs five server families and other test files at once
 * (OpenSMTPD once took over 5 s to greet under load); a wait for it that nothing needed is caught by `noTimeout`.
 */
export const TIMEOUT_MS = 8_000;

export async function runScenario(
  family: Family,
  server: RunningFamily,
  s: Scenario,
  caFile: string,
  settle: (mark: number) => Promise<string>,
): Promise<Outcome> {
  const mark = server.log().length;
  const started = performance.now();
  const { password } = credentialsFor(s.credentials);
  const cli = await runCli(argvFor(family, server, s, caFile), { env: { [SECRET_VARIABLE]: password } });
  const ms = performance.now() - started;
  const text = await settle(mark);
  let report: Report | null;
  try {
    report = JSON.parse(cli.stdout) as Report;
  } catch {
    report = null;
  }
  return { ...cli, report, logins: server.logins(text), ms };
}

function within(n: number, r: Range): boolean {
  return n >= r.min && n <= r.max;
}

function show(r: Range): string {
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}

/** The ways a secret travels in SMTP AUTH: as typed, base64 of itself, PLAIN's initial response. */
function secretForms(user: string, password: string): string[] {
  const b64 = (t: string): string => Buffer.from(t, 'utf8').toString('base64');
  return [password, b64(password), b64(`\0${user}\0${password}`)];
}

/** Everything that is wrong with the outcome; empty when the scenario is right. */
export function judge(family: Family, server: RunningFamily, s: Scenario, o: Outcome): string[] {
  const e: Expectation = s.expect;
  const problems: string[] = [];
  if (o.code !== e.exit)
    problems.push(`exit code ${o.code}, expected ${e.exit}${o.code === 2 ? `: ${o.stderr.trim()}` : ''}`);
  const report = o.report;
  if (!report) {
    problems.push('no JSON report on stdout');
  } else {
    const ids = report.findings.map((f) => f.id);
    if (ids[0] !== e.first)
      problems.push(`first finding ${ids[0] ?? '(none)'}, expected ${e.first} (all: ${ids.join(', ')})`);
    const detail = report.findings[0]?.detail;
    if (e.firstDetail !== undefined && ids[0] === e.first && detail !== e.firstDetail)
      problems.push(`first finding ${e.first} with detail ${detail ?? '(none)'}, expected ${e.firstDetail}`);
    for (const id of e.also ?? [])
      if (!ids.slice(1).includes(id)) problems.push(`${id} does not follow the first finding (all: ${ids.join(', ')})`);
    problems.push(...judgeWorking(family, server, report, e));
    const attempts = report.evidence.attempts;
    if (attempts && attempts.failed > (s.maxAttempts ?? 1))
      problems.push(`the report counts ${attempts.failed} failed logins, over the budget of ${s.maxAttempts ?? 1}`);
    problems.push(...judgeTranscripts(report, s));
    if (e.noTimeout === true) {
      const waited = report.evidence.sessions.flatMap((x) =>
        x.record.steps.filter((step) => step.failure?.kind === 'timeout').map((step) => `${x.role} ${step.step}`),
      );
      if (waited.length > 0) problems.push(`waited out a timeout that nothing needed (${waited.join(', ')})`);
    }
  }

  // What the server itself saw.
  const { accepted, refused, unoffered, byPort } = o.logins;
  if (!within(accepted, e.logins.accepted))
    problems.push(`the server logged ${accepted} accepted logins, expected ${show(e.logins.accepted)}`);
  if (!within(refused, e.logins.refused))
    problems.push(`the server logged ${refused} refused logins, expected ${show(e.logins.refused)}`);
  // Dovecot logs "tried to use disallowed plaintext auth" for any AUTH of a plaintext mechanism in clear, the
  // credential-free probe (AUTH PLAIN without initial response, cancelled) included: its log line cannot tell whether
  // credentials came with it. Those probes are in the transcript; only AUTH commands beyond them count.
  const probes = report ? credentialFreeProbes(report) : 0;
  if (unoffered > probes)
    problems.push(
      `the server logged ${unoffered} AUTH with credentials where it had not offered AUTH (${probes} credential-free probes in the transcript)`,
    );
  if (byPort) {
    const allowed = new Set(e.loginsAt.map((k) => server.port(k)));
    for (const [port, seen] of Object.entries(byPort))
      if (seen.accepted + seen.refused > 0 && !allowed.has(Number(port)))
        problems.push(`the server judged a login on port ${port}, where none belongs (${JSON.stringify(seen)})`);
  }
  // Nothing of the secret in what the user sees.
  const { user, password } = credentialsFor(s.credentials);
  for (const form of secretForms(user, password))
    if (o.stdout.includes(form) || o.stderr.includes(form)) problems.push('the output contains a form of the secret');
  return problems;
}

/**
 * AUTH commands sent where the server listed no AUTH, with no initial response and no secret on any line of the session
 * (smtp-doctor asking whether an unadvertised AUTH would be taken, without credentials).
 */
function credentialFreeProbes(report: Report): number {
  let n = 0;
  for (const { record } of report.evidence.sessions) {
    if (record.transcript.some((t) => t.secret === true)) continue;
    for (const line of record.transcript) {
      if (line.dir !== 'client' || !/^AUTH [A-Z0-9_-]+$/i.test(line.text)) continue;
      const listed = line.tls
        ? (record.capabilities.afterTls ?? record.capabilities.beforeTls)?.auth
        : record.capabilities.beforeTls?.auth;
      if ((listed ?? []).length === 0) n += 1;
    }
  }
  return n;
}

function judgeWorking(family: Family, server: RunningFamily, report: Report, e: Expectation): string[] {
  const w = report.working;
  const want = e.working;
  if (want === null) return w === null ? [] : [`working settings ${JSON.stringify(w)}, expected none`];
  if (w === null) return want.orNull ? [] : ['no working settings'];
  const places = want.at.map((p) => ({ port: server.port(p.endpoint), security: p.security, name: p.endpoint }));
  const fits = places.some((p) => p.port === w.port && p.security === w.security);
  const problems: string[] = [];
  if (!fits)
    problems.push(
      `working settings ${w.port}/${w.security}, expected one of ${places.map((p) => `${p.name} ${p.port}/${p.security}`).join(', ')}`,
    );
  if (!want.proven.includes(w.proven))
    problems.push(`working settings proven by ${w.proven}, expected ${want.proven.join(' or ')}`);
  if (w.host !== family.host) problems.push(`working settings on host ${w.host}, expected ${family.host}`);
  return problems;
}

/**
 * Credentials only where AUTH was offered: every client line that carried the secret belongs to a session whose server
 * listed that mechanism (over TLS, or in clear when the user allowed plaintext).
 */
function judgeTranscripts(report: Report, s: Scenario): string[] {
  const problems: string[] = [];
  report.evidence.sessions.forEach(({ record }, i) => {
    const carried = record.transcript.filter((t) => t.dir === 'client' && t.secret === true);
    if (carried.length === 0) return;
    const mechanism = record.auth?.mechanism;
    for (const line of carried) {
      const listed = line.tls
        ? (record.capabilities.afterTls ?? record.capabilities.beforeTls)?.auth
        : record.capabilities.beforeTls?.auth;
      if (!line.tls && !s.allowPlaintext)
        problems.push(`session ${i} sent the secret in clear without --allow-plaintext`);
      if (mechanism === undefined || !(listed ?? []).includes(mechanism))
        problems.push(
          `session ${i} sent the secret with ${mechanism ?? '(no mechanism)'}, which the server did not list (${(listed ?? []).join(' ') || 'no AUTH'})`,
        );
    }
  });
  return [...new Set(problems)];
}
