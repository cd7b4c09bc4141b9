// explain(): the composition root of an offline diagnosis — text → evidence → recognise → diagnose → report.
import { deriveWorking, diagnose } from '../diagnose/index.js';
import { followUp } from '../diagnose/next-steps.js';
import { explainText } from '../explain/parse.js';
import type { Paste } from '../explain/stream.js';
import { recognise } from '../knowledge/identify.js';
import type { Evidence } from '../model/evidence.js';
import type { Report } from '../model/report.js';
import { createReport } from '../report/create.js';

export interface ExplainOptions {
  /**
   * The client that printed the text (an id of knowledge/clients.ts: nodemailer, python-smtplib, phpmailer…), when
   * the caller knows it: advice then names that client's settings. Default: the client the text itself shows.
   */
  client?: string;
}

/**
 * explain(text): what pasted client output, an error message or bare reply codes mean, offline — the library form of
 * `smtp-doctor explain`. Secrets in the text never reach the report (only their shape). Never throws for any text.
 * Any size: a long text is read once and explained from the lines that can matter; a stream is read into a Paste in
 * bounded memory (explain/stream.ts).
 */
export function explain(text: string | Paste, options: ExplainOptions = {}): Report {
  const started = performance.now();
  const parsed = explainText(text);
  const clues: Evidence =
    options.client !== undefined
      ? { ...parsed.evidence, client: { client: options.client, quote: 'given by the caller' } }
      : parsed.evidence;
  const evidence: Evidence = { ...clues, providerHints: recognise(clues) };
  const findings = diagnose(evidence);
  const working = deriveWorking(evidence);
  const after = followUp({ command: 'explain', evidence, findings, codes: parsed.codes });
  return createReport({
    command: 'explain',
    evidence,
    findings,
    working,
    totalMs: performance.now() - started,
    ...after,
  });
}
