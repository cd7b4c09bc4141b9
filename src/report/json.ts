// JSON report: the Report contract exactly, one object, two-space indented, newline-terminated.
import type { Report } from '../model/report.js';

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls (8-bit CSI and OSC), line separators and bidi
 * controls raw; server text carries them, and a terminal showing the JSON may act on them. Escaped, the value is the same.
 */
const TERMINAL_UNSAFE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Any value as two-space-indented JSON with a final newline, safe to print on a terminal. */
export function toTerminalSafeJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2).replace(
    TERMINAL_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}

export function renderReportJson(report: Report): string {
  return toTerminalSafeJson(report);
}
