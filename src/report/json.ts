// JSON report: the Report contract exactly, one object, two-space indented, newline-terminated.
import type { Report } from '../model/report.js';

export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
