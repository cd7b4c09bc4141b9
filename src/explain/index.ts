// explain: offline diagnosis of pasted client output, error messages and bare codes.
export { explainText, MAX_INPUT_CHARS, type ExplainResult } from './parse.js';
export { redactSecrets, type Redaction } from './redact.js';
