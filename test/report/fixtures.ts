// Reports the report tests render: explain outputs from the corpus, bare codes, and live evidence as check will build it.
import { explain } from '../../src/check/explain.js';
import type { Report } from '../../src/model/report.js';
import { reportOf } from '../helpers/report.js';
import { failure, live } from '../fixtures/evidence.js';
import { loadCorpus } from '../explain/corpus.js';

export function explainReport(text: string): Report {
  return explain(text);
}

export function corpusText(name: string): string {
  const sample = loadCorpus().find((s) => s.name === name);
  if (!sample) throw new Error(`no corpus sample ${name}`);
  return sample.text;
}

/** Named reports, each a golden file pair (text and JSON). */
export function goldenReports(): Record<string, { report: Report; transcript?: boolean }> {
  return {
    'explain-nodemailer-gmail-535': { report: explainReport(corpusText('nodemailer-gmail-535')) },
    'explain-swaks-gmail-auth-login': { report: explainReport(corpusText('swaks-gmail-auth-login')) },
    'explain-dotnet-m365-5.7.57': { report: explainReport(corpusText('dotnet-m365-5.7.57')) },
    'explain-unrecognised': { report: explainReport(corpusText('unrecognised')) },
    'explain-codes-235-535': { report: explainReport('235 535') },
    'check-tls-mode-mismatch': {
      report: reportOf(
        'check',
        live(
          {
            host: 'smtp.example.org',
            port: 587,
            security: 'tls',
            until: { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number') },
          },
          [
            { host: 'smtp.example.org', port: 465, security: 'tls', until: { connected: true } },
            { host: 'smtp.example.org', port: 587, security: 'starttls', until: { connected: true } },
          ],
        ),
      ),
      transcript: true,
    },
    'check-auth-ok': {
      report: reportOf(
        'check',
        live({
          host: 'smtp.gmail.com',
          port: 465,
          security: 'tls',
          until: { auth: '235 2.7.0 Accepted', username: 'alice@gmail.com' },
        }),
      ),
      transcript: true,
    },
  };
}

/** Golden JSON must not change with the version or the clock. */
export function stable(report: Report): Report {
  return { ...report, tool: { ...report.tool, version: '0.0.0-golden' }, timings: { totalMs: 0 } };
}
