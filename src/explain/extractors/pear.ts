// PHP's PEAR Mail and Net_SMTP (Roundcube, MediaWiki, Horde…): "Failed to add recipient: bob@example.net [SMTP: Invalid
// response code received from server (code: 550, response: 5.1.1 User unknown)]" and the bare Net_SMTP message.
import type { Phase } from '../../model/transcript.js';
import { wireLines, type Extractor, type FoundReply } from './types.js';

/**
 * Mail_smtp::_error builds "<what failed> [SMTP: <Net_SMTP's message> (code: <code>, response: <the reply's text>)]";
 * the response is Net_SMTP's getResponse(), the reply's lines without their code, joined by newlines
 * (pear/Mail@be56a5c:Mail/smtp.php send, getSMTPObject, _error). What failed names the command.
 */
const PEAR_ERROR =
  /(?:(Failed to set sender|Failed to add recipient|Failed to send data|Failed to connect to|authentication failure)[^[\n]{0,320})?\[SMTP: [^(\n]{0,200}\(code: ([2-5]\d\d), response: ([\s\S]{0,2000}?)\)\]/g;
/** Net_SMTP's own message with the code a caller printed after it: "Invalid response code received from server (535)". */
const NET_SMTP = /\bInvalid response code received from server \(([2-5]\d\d)\)/g;

const PHASE: Readonly<Record<string, Phase>> = {
  'Failed to set sender': 'mail',
  'Failed to add recipient': 'rcpt',
  'Failed to send data': 'data',
  'Failed to connect to': 'greeting',
  'authentication failure': 'auth',
};

export const pear: Extractor = {
  id: 'pear-mail',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(PEAR_ERROR)) {
      const [whole, what, code = '', response = ''] = m;
      out.push({
        lines: wireLines(Number(code), response.trim() === '' ? '' : response),
        phase: what === undefined ? null : (PHASE[what] ?? null),
        start: m.index,
        end: m.index + whole.length,
        source: 'pear-mail',
        ...(response.trim() === '' ? { certainty: 'inferred' as const } : {}),
      });
    }
    for (const m of text.matchAll(NET_SMTP)) {
      const [whole, code = ''] = m;
      out.push({
        lines: [code],
        phase: null,
        start: m.index,
        end: m.index + whole.length,
        source: 'pear-mail',
        quote: whole,
        certainty: 'inferred',
      });
    }
    return out;
  },
};
