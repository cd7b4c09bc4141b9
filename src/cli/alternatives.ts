// --alternatives: "465/tls,587/starttls" or "none" — which endpoints `check` probes besides the user's own.
import { UsageError } from '../model/errors.js';
import type { Endpoint } from '../probe/plan.js';
import { quoteInput } from '../protocol/escape.js';

export function parseAlternatives(text: string | undefined): Endpoint[] | undefined {
  if (text === undefined) return undefined;
  if (text.trim().toLowerCase() === 'none') return [];
  return text.split(',').map((part) => {
    const m = /^\s*(\d{1,5})\/(tls|starttls|none)\s*$/i.exec(part);
    const port = Number(m?.[1]);
    if (!m || port < 1 || port > 65535) {
      throw new UsageError(
        `--alternatives takes PORT/MODE pairs such as 465/tls,587/starttls (or "none"), not ${quoteInput(part)}`,
      );
    }
    return { port, security: (m[2] ?? 'starttls').toLowerCase() as Endpoint['security'] };
  });
}
