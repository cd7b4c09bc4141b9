// Applications that replace a mail library's error with a sentence of their own: n8n's node errors.
import type { ClientMessagePattern } from '../client-messages.js';

const N8N =
  'n8n-io/n8n:packages/workflow/src/errors/abstract/node.error.ts (COMMON_ERRORS: a node error whose message holds a Node error code is shown as this sentence instead)';

/** n8n's sentence for each Node error code (the Send Email node sends with nodemailer), connecting unless said. */
const N8N_SENTENCES: readonly [string, string, string, null?][] = [
  ['econnrefused', 'The service refused the connection - perhaps it is offline', 'ECONNREFUSED'],
  [
    'enotfound',
    'The connection cannot be established, this usually occurs due to an incorrect host \\(domain\\) value',
    'ENOTFOUND',
  ],
  ['etimedout', 'The connection timed out, consider setting the .Retry on Fail. option', 'ETIMEDOUT'],
  ['ehostunreach', 'The host is unreachable, perhaps the server is offline', 'EHOSTUNREACH'],
  ['eai-again', 'The DNS server returned the DNS server not available error', 'EAI_AGAIN'],
  // A reset can end any step: which one, the text does not say.
  ['econnreset', 'The connection to the server was closed unexpectedly, perhaps it is offline', 'ECONNRESET', null],
];

export const APP_WORDINGS: readonly ClientMessagePattern[] = N8N_SENTENCES.map(
  ([id, pattern, code, phase]): ClientMessagePattern => ({
    id: `n8n.${id}`,
    pattern,
    yields: { errorCode: code },
    phase: phase === null ? null : 'connect',
    client: 'n8n',
    sources: [`${N8N} (${code}: "${pattern.replace(/\\/gu, '')}")`],
  }),
);
