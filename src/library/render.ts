// The library's printers: what check(), explain() and runSession() return, as the CLI prints it, arguments checked.
import { UsageError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import type { SessionRecord } from '../model/session.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { exitCodeOf as exitCode } from '../report/create.js';
import { renderReportJson as json } from '../report/json.js';
import { summarizeSession as summary } from '../report/session-summary.js';
import { renderReportText as text, type TextOptions as InternalTextOptions } from '../report/text.js';
import { renderTranscript as transcript } from '../report/transcript-text.js';
import { Checker, describeValue, isPlainObject } from './validate.js';

/** How renderReportText prints: no colour unless asked, no transcript unless asked. */
export type TextOptions = Partial<InternalTextOptions>;

/**
 * A report as the terminal text `smtp-doctor check` and `explain` print. Throws a {@link UsageError} for a value that
 * is not a report.
 */
export function renderReportText(report: Report, options: TextOptions = {}): string {
  const c = new Checker('renderReportText');
  assertReport('renderReportText', report);
  const o = c.options(options);
  c.known(o, ['color', 'transcript', 'width']);
  c.boolean(o, 'color');
  c.boolean(o, 'transcript');
  c.integer(o, 'width', 20, 1000);
  return text(report, { color: false, ...(o as TextOptions) });
}

/** A report as the JSON `--json` prints (terminal-safe, one trailing newline). */
export function renderReportJson(report: Report): string {
  assertReport('renderReportJson', report);
  return json(report);
}

/** The CLI's exit code for a report: 0 the login works, 1 a problem was diagnosed, 3 inconclusive. */
export function exitCodeOf(report: Pick<Report, 'verdict'>): 0 | 1 | 3 {
  const verdict: unknown = isPlainObject(report) ? report.verdict : undefined;
  if (verdict !== 'ok' && verdict !== 'fail' && verdict !== 'inconclusive')
    throw new UsageError(
      `exitCodeOf: report must be a Report with a verdict (ok, fail or inconclusive), not ${describeValue(report)}`,
    );
  return exitCode(report);
}

/** A session's transcript as swaks-style text (`timestamps` adds each event's time). */
export function renderTranscript(events: readonly TranscriptEvent[], options: { timestamps?: boolean } = {}): string {
  const c = new Checker('renderTranscript');
  if (!Array.isArray(events) || !events.every((e: unknown): boolean => isPlainObject(e)))
    throw c.fail('events', events, "an array of transcript events (a report's or a session record's transcript)");
  const o = c.options(options);
  c.known(o, ['timestamps']);
  c.boolean(o, 'timestamps');
  return transcript(events, o);
}

/** How a session record ended, in one sentence. */
export function summarizeSession(record: SessionRecord): string {
  const outcome: unknown = isPlainObject(record) ? record.outcome : undefined;
  if (typeof outcome !== 'string' || !isPlainObject(record.capabilities))
    throw new UsageError(
      `summarizeSession: record must be what runSession() resolved to, not ${describeValue(record)}`,
    );
  return summary(record);
}

function assertReport(entry: string, report: unknown): void {
  if (
    !isPlainObject(report) ||
    typeof report.schemaVersion !== 'number' ||
    typeof report.verdict !== 'string' ||
    !Array.isArray(report.findings)
  )
    throw new UsageError(
      `${entry}: report must be a Report (what check() or explain() resolved to), not ${describeValue(report)}`,
    );
}
