// A client's own behaviour as evidence: .NET's SmtpClient hides a refused login, unless the paste shows the refusal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';

const DOTNET =
  'System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: ';

describe('explain: .NET’s hidden refusal of the login', () => {
  // [what, paste, whether the hidden-refusal reading is given]
  const cases: [string, string, boolean][] = [
    ['only the MAIL FROM refusal is shown', `${DOTNET}5.7.0 Authentication Required.`, true],
    [
      'the refusal of AUTH is shown too (not hidden)',
      `${DOTNET}5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.`,
      false,
    ],
  ];
  for (const [what, paste, hidden] of cases)
    test(what, () => {
      const details = explain(paste).findings.map((f) => `${f.id}/${f.detail ?? ''}`);
      assert.equal(details.includes('credentials-rejected/refusal-hidden-by-client'), hidden, details.join(', '));
    });
});
