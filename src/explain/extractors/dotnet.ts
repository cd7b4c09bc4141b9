// .NET System.Net.Mail SmtpException: "<status text> The server response was: 5.7.0 …" — the code is in the status text.
import type { Extractor, FoundReply } from './types.js';
import { wireLines } from './types.js';

/**
 * SmtpStatusCode texts and the reply code each stands for (dotnet/runtime
 * src/libraries/System.Net.Mail/src/System/Net/Mail/SmtpException.cs GetMessageForStatus, Resources/Strings.resx).
 * "Syntax error, command unrecognized." is also the text of every code the enum does not list (the switch's default),
 * 535 among them: its code is not known for sure.
 */
const STATUS: readonly [RegExp, number][] = [
  [/The SMTP server requires a secure connection or the client was not authenticated\./, 530],
  [/Mailbox unavailable\./, 550],
  [/Mailbox name not allowed\./, 553],
  [/Syntax error, command unrecognized\./, 500],
  [/Syntax error in parameters or arguments\./, 501],
  [/Command not implemented\./, 502],
  [/Bad sequence of commands\./, 503],
  [/Command parameter not implemented\./, 504],
  [/Service not available, closing transmission channel\./, 421],
  [/Insufficient system storage\./, 452],
  [/Transaction failed\./, 554],
  [/Exceeded storage allocation\./, 552],
  [/User not local; please try/, 551],
];
const RESPONSE = /The server response was: ([^\n]*)/g;

/**
 * A response that is an AUTH refusal, not a "log in first": Exchange's "5.7.3 Authentication unsuccessful" (its AUTH
 * failure reply is "535 5.7.3", MS-SMTPNTLM SMTP_AUTH_Fail_Response), Microsoft 365's 5.7.139 family, RFC 4954's
 * 5.7.8 "Authentication credentials invalid", and the usual wordings of a refused password.
 */
const AUTH_REFUSAL_ENHANCED = /^5\.7\.(?:3|8|139)$/;
const AUTH_REFUSAL_TEXT =
  /\bauthentication (?:unsuccessful|failed)|\bcredentials (?:were |are )?(?:invalid|incorrect)|username and password not accepted/i;
/** "5.7.57 Client not authenticated … Error: 535 5.7.139 …": the outer 530 is real; extractors/embedded.ts reads the 535. */
const EMBEDDED_REPLY = /\bError: [45]\d\d /;
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})\s/;

/**
 * System.Net.Mail does not throw when AUTH is refused: SmtpConnection.GetConnectionAsync tries the next mechanism
 * and carries on, and the exception comes from MAIL FROM (MailCommand.CheckResponse in the stack). Its status text
 * then says "requires a secure connection or the client was not authenticated" (530) whatever the server answered to
 * AUTH. When the server's text is itself an AUTH refusal (Exchange repeats it), the refusal of the password is what
 * happened: it is read as the 535 AUTH reply it reports, so that it is not taken for "no login was attempted".
 */
function authRefusal(code: number, body: string): boolean {
  if (code !== 530 && code !== 500) return false;
  if (EMBEDDED_REPLY.test(body)) return false;
  const enhanced = ENHANCED.exec(`${body} `)?.[1];
  if (enhanced === undefined || enhanced.charAt(0) !== '5') return false;
  return AUTH_REFUSAL_ENHANCED.test(enhanced) && AUTH_REFUSAL_TEXT.test(body);
}

export const dotnet: Extractor = {
  id: 'dotnet',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(RESPONSE)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      // The status text may be wrapped over lines by the page or log that printed it.
      const before = text.slice(Math.max(0, lineStart - 300), m.index).replace(/\s+/g, ' ');
      const code = STATUS.find(([re]) => re.test(before))?.[1];
      if (code === undefined) continue;
      // Without the quote or bracket that closes the exception's message ("[SmtpException: … required]").
      const body = (m[1] ?? '').trim().replace(/['"\]]$/, '');
      const found = { start: m.index, end: m.index + m[0].length, source: 'dotnet' };
      if (authRefusal(code, body)) {
        out.push({ ...found, lines: wireLines(535, body), phase: 'auth', quote: m[0].trim() });
        continue;
      }
      const lines = /^\d{3}[ -]/.test(body) ? [body] : wireLines(code, body);
      out.push({ ...found, lines, phase: null });
    }
    return out;
  },
};
