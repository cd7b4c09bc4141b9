// explain: offline diagnosis of pasted client output, error messages and bare codes.
export { explainText, type ExplainResult } from './parse.js';
export {
  readPaste,
  readPasteFrom,
  PasteReader,
  PasteTooLongError,
  WHOLE_CHARS,
  KEPT_CHARS,
  type Paste,
} from './stream.js';
export { redactSecrets, type Redaction } from './redact.js';
