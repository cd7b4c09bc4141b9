// The library's explain(): the text and options checked before the offline diagnosis (check/explain.ts) reads them.
import { explain as run, type ExplainOptions } from '../check/explain.js';
import { CLIENTS, clientById } from '../knowledge/clients.js';
import { UsageError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { Checker, describeValue } from './validate.js';

/**
 * Explains, offline, what pasted client output, an error message or bare reply codes ("535 5.7.8") mean: the same
 * {@link Report} as `smtp-doctor explain --json`. Synchronous, and never throws for any text; throws a
 * {@link UsageError} (synchronously, so a plain try/catch sees it) only when `text` is not a string or an option is
 * wrong. Secrets in the text never reach the report, only their shape.
 */
export function explain(text: string, options?: ExplainOptions): Report {
  const c = new Checker('explain');
  if (typeof text !== 'string')
    throw new UsageError(`explain: the text must be a string (what the client printed), not ${describeValue(text)}`);
  const o = c.options(options);
  c.known(o, ['client']);
  c.string(o, 'client');
  if (typeof o.client === 'string' && clientById(o.client) === undefined)
    throw c.fail('client', o.client, `a known client id (${CLIENTS.map((x) => x.id).join(', ')})`);
  return run(text, o);
}
