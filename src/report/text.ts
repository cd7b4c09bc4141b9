// Terminal report: a doctor-style verdict, then each finding with its evidence, fixes and dead ends.
import pc from 'picocolors';
import type { Finding, FindingId, SettingsPatch } from '../model/finding.js';
import type { InconclusiveReason, Report, WorkingSettings } from '../model/report.js';
import type { Evidence } from '../model/evidence.js';
import { describeSecurity } from '../model/session.js';
import { escapeControl, quotedName } from '../protocol/escape.js';
import { renderTranscript } from './transcript-text.js';

export interface TextOptions {
  /** ANSI colours; decide with colorEnabled(). */
  color: boolean;
  /** Print the session transcript (live reports). */
  transcript?: boolean;
  /** Wrap prose at this many columns. */
  width?: number;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or FORCE_COLOR=0. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Prose wraps at the terminal's width; piped output (no width known) at 100; narrower than 60 is unreadable. */
export const DEFAULT_WIDTH = 100;
export const MIN_WIDTH = 60;

type Colors = ReturnType<typeof pc.createColors>;

const MARK: Record<Finding['severity'], string> = { error: '✗', warning: '!', info: 'i', ok: '✓' };

export function renderReportText(report: Report, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const out: string[] = [];
  const paint = (severity: Finding['severity'], text: string): string =>
    severity === 'error'
      ? c.red(text)
      : severity === 'warning'
        ? c.yellow(text)
        : severity === 'ok'
          ? c.green(text)
          : c.cyan(text);

  // Titles, names and settings can carry text from the server or the paste: escaped like everything else.
  const tone = verdictTone(report, c);
  out.push(...wrap(verdictLine(report), width, '', '  ').map((l) => c.bold(tone(l))));
  if (report.target) out.push(c.dim(escapeControl(describeTarget(report))));
  if (report.evidence.input) out.push(...wrap(describeInput(report.evidence.input), width, '').map((l) => c.dim(l)));

  if (report.codes && report.codes.length > 0) {
    out.push('', c.bold(codesHeading(report.codes)));
    const widest = Math.max(...report.codes.map((x) => x.code.length));
    for (const code of report.codes) {
      out.push(
        `  ${c.bold(code.code.padEnd(widest))}  ${escapeControl(code.meaning)}${code.vendor ? c.dim(` [${escapeControl(code.vendor)}]`) : ''}`,
      );
      out.push(...wrap(`→ ${code.action}`, width, ' '.repeat(widest + 4)));
      out.push(c.dim(`${' '.repeat(widest + 4)}${code.source}`));
    }
  }

  report.findings.forEach((f, i) => {
    out.push('');
    // Further causes of one and the same reply are alternatives to the first, not separate problems.
    const alternative =
      f.signature !== undefined && report.findings.slice(0, i).some((e) => e.signature === f.signature);
    const heading = `${MARK[f.severity]} ${i + 1}. ${alternative ? 'Or: ' : ''}${f.title}`;
    out.push(...wrap(heading, width, '', '   ').map((l) => paint(f.severity, l)));
    const tags = [f.id, f.detail, f.signature].filter((t): t is string => t !== undefined);
    out.push(c.dim(`   ${escapeControl(tags.join(' · '))} · ${f.confidence} confidence`));
    out.push(...wrap(f.summary, width, '   '));
    if (f.evidence.length > 0) {
      out.push(`   ${c.bold('Evidence')}`);
      for (const q of f.evidence)
        for (const line of q.text.split('\n')) out.push(c.dim(`     │ ${escapeControl(line)}`));
    }
    if (f.fixes.length > 0) {
      out.push(`   ${c.bold('Fix')}`);
      f.fixes.forEach((fix, n) => {
        out.push(...wrap(`${n + 1}. ${fix.text}`, width, '     ', '        '));
        if (fix.settings) out.push(c.cyan(`        settings: ${escapeControl(formatSettings(fix.settings))}`));
      });
    }
    if (f.deadEnds.length > 0) {
      out.push(`   ${c.bold('Won’t help')}`);
      for (const d of f.deadEnds) out.push(...wrap(`– ${d.text}: ${d.why}`, width, '     ', '       '));
    }
    if (f.docs.length > 0) {
      out.push(`   ${c.bold('Read')}`);
      for (const d of f.docs) out.push(`     ${escapeControl(d.title)}: ${c.underline(escapeControl(d.url))}`);
    }
  });

  if (report.working) {
    const proven = provenLines(report.working, report.evidence);
    const tone = proven.login ? c.green : c.yellow;
    out.push('', tone(c.bold(escapeControl(proven.heading))));
    for (const line of proven.lines) out.push(...wrap(line, width, '  ', '    ').map((l) => tone(l)));
  }

  if (report.nextSteps && report.nextSteps.length > 0) {
    // explain asks for more text; check's steps also cover a login that was not tested (no password, --max-attempts 0).
    out.push('', c.bold(report.command === 'check' ? 'Next steps:' : 'To find out more, collect:'));
    for (const step of report.nextSteps) out.push(...wrap(`• ${step}`, width, '  ', '    '));
  }

  if (options.transcript && report.transcript.length > 0) {
    out.push('', c.bold('Transcript'), renderTranscript(report.transcript));
  }
  return `${out.join('\n')}\n`;
}

/** Why nothing was diagnosed, in words: the pipeline decides the reason (Report.inconclusiveReason). */
const INCONCLUSIVE: Readonly<Record<InconclusiveReason, string>> = {
  'unknown-reply': 'smtp-doctor does not know this reply, so only its codes can be explained',
  'code-only': 'the code alone does not name a cause; the text of the reply does',
  'nothing-recognised': 'nothing in this text matches a reply, error or message smtp-doctor knows',
  'login-not-tested': 'the login was not tested',
  'no-diagnosis': 'no diagnosis could be made',
};

/**
 * Findings that mean the server refused the login itself (a reply to AUTH, or the client's own refusal to log in):
 * their verdict line says "login failed" first, so that nobody skimming the report reads it as anything else.
 */
const LOGIN_REFUSALS: ReadonlySet<FindingId> = new Set<FindingId>([
  'credentials-missing',
  'credentials-rejected',
  'app-password-required',
  'web-login-required',
  'basic-auth-disabled',
  'smtp-auth-disabled',
  'oauth-token-rejected',
  'username-format',
  'account-locked',
  'rate-limited',
  'auth-temporary-failure',
  'ip-not-allowed',
  'mechanism-unsupported',
  'auth-malformed',
]);

/** Refusals of the test message after a login that worked. */
const SEND_REFUSALS: ReadonlySet<FindingId> = new Set<FindingId>(['sender-rejected', 'recipient-rejected']);

/** The verdict's colour: failure red, a partial answer yellow (inconclusive, or a login that works with a warning), success green. */
function verdictTone(report: Report, c: Colors): (text: string) => string {
  switch (report.verdict) {
    case 'fail':
      return c.red;
    case 'inconclusive':
      return c.yellow;
    case 'ok': {
      const first = report.findings[0];
      return first && first.severity !== 'ok' && first.severity !== 'info' ? c.yellow : c.green;
    }
  }
}

/** The verdict leads with the outcome in words: "login failed —", "failed —", "the login works", "inconclusive —". */
function verdictLine(report: Report): string {
  const first = report.findings[0];
  switch (report.verdict) {
    case 'ok':
      return `Verdict: the login works${first && first.severity !== 'ok' ? `, but: ${first.title}` : '.'}`;
    case 'fail': {
      const what =
        first && LOGIN_REFUSALS.has(first.id)
          ? 'login failed'
          : first && SEND_REFUSALS.has(first.id)
            ? 'sending failed'
            : 'failed';
      return `Verdict: ${what} — ${first ? first.title : 'a problem was found'}${first && first.confidence !== 'high' ? ` (${first.confidence} confidence)` : ''}.`;
    }
    case 'inconclusive':
      return first
        ? `Verdict: inconclusive — ${first.title}.`
        : `Verdict: inconclusive — ${INCONCLUSIVE[report.inconclusiveReason ?? 'no-diagnosis']}.`;
  }
}

/**
 * What the run proved, in words that cannot pass for a working login: "Proven to work" only after a 235; otherwise
 * a heading that says the login itself is not proven, and what was (connects, TLS verified, AUTH offered).
 */
function provenLines(w: WorkingSettings, evidence: Evidence): { login: boolean; heading: string; lines: string[] } {
  const endpoint = `${w.host}:${w.port} with ${describeSecurity(w.security)}${w.mechanism ? `, ${w.mechanism}` : ''}`;
  const insecure = w.certificateVerified === false;
  if (w.proven === 'login') {
    const as = w.username ? ` as ${quotedName(w.username)}` : '';
    return {
      login: true,
      heading: `Proven to work: ${endpoint}${as} (the login works${insecure ? ', but only with certificate checks off (--insecure): the certificate did not verify' : ''}).`,
      lines: [],
    };
  }
  const refusedHere = evidence.sessions.some(
    ({ record }) =>
      record.target.host === w.host &&
      record.target.port === w.port &&
      record.target.security === w.security &&
      record.auth?.result === 'rejected',
  );
  const lines = ['✓ connects'];
  if (w.security !== 'none') lines.push(insecure ? '✓ TLS, but the certificate did not verify' : '✓ TLS verified');
  lines.push(
    '✓ AUTH offered',
    evidence.credentials === undefined
      ? '✗ login not tested (no password given)'
      : refusedHere
        ? '✗ login refused (see above)'
        : '✗ login not proven (see above)',
  );
  return { login: false, heading: `Reaches the login step (not a working login): ${endpoint}`, lines };
}

/** A long paste read in part (explain): how much was read, and what was kept. */
function describeInput(input: NonNullable<Report['evidence']['input']>): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return `Read ${n(input.lines)} ${input.lines === 1 ? 'line' : 'lines'} (${n(input.chars)} characters) and explained the ${n(input.keptLines)} that can matter: replies, errors, client messages, settings and the lines around them (${n(input.keptChars)} characters).`;
}

/** A reply code followed by an enhanced code of its class is one reply ("530 5.7.0"), not two codes to compare. */
function codesHeading(codes: NonNullable<Report['codes']>): string {
  if (codes.length === 1) return 'The code:';
  const replies = codes.filter((code, i) => {
    const previous = codes[i - 1]?.code ?? '';
    return !(/^\d\./.test(code.code) && /^\d{3}$/.test(previous) && previous.charAt(0) === code.code.charAt(0));
  }).length;
  return replies === 1 ? 'The reply code and its enhanced code:' : 'The codes side by side:';
}

function describeTarget(report: Report): string {
  const t = report.target;
  if (!t) return '';
  const parts: string[] = [];
  if (t.host)
    parts.push(
      `${t.host}${t.port ? `:${t.port}` : ''}${t.connectTo ? ` via ${t.connectTo}` : ''}${t.hostFrom === 'guess' ? ' (guessed from the address)' : t.hostFrom === 'provider' ? ' (the provider’s host for the address)' : ''}`,
    );
  else if (t.port) parts.push(`port ${t.port}`);
  if (t.security) parts.push(describeSecurity(t.security));
  if (t.username) parts.push(`user ${quotedName(t.username)}`);
  if (t.provider) parts.push(`provider ${t.provider}`);
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

export function formatSettings(settings: SettingsPatch): string {
  return Object.entries(settings)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/** Greedy word wrap; the first line gets `indent`, the following ones `hanging`. */
function wrap(text: string, width: number, indent: string, hanging = indent): string[] {
  const words = keepUnits(
    escapeControl(text)
      .split(/\s+/)
      .filter((w) => w !== ''),
  );
  const lines: string[] = [];
  let line = indent;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = hanging + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** "15 s" and "300 ms" stay on one line: a unit alone at the start of a line reads as a stray letter. */
function keepUnits(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out.length - 1;
    if (last >= 0 && /\d$/.test(out[last] ?? '') && /^(?:ms|s|min|h)\b/.test(word))
      out[last] = `${out[last] ?? ''} ${word}`;
    else out.push(word);
  }
  return out;
}
