// Replies whose client kept the enhanced code and dropped the reply code: Zend and laminas-mail throw the text after the
// code ("exception 'Zend_Mail_Protocol_Exception' with message '5.2.0 STOREDRV…'"), MailKit's SmtpCommandException says
// the reply's text ("SmtpCommandException: 5.7.3 Authentication unsuccessful"), and pastes hold just that line.
import { typicalReplyCode } from '../../knowledge/codes.js';
import { ERROR_LABEL, REFUSAL_WORDS, SMTP_WORDS } from './reply-words.js';
import { wireLines, type Extractor, type FoundReply } from './types.js';

/**
 * An enhanced code not glued to a word, number or version ("v5.7.3", "1.5.7.3"), then its text. Zend's and laminas'
 * AbstractProtocol::_expect throw the reply's text without its code (zendframework/zend-mail
 * src/Protocol/AbstractProtocol.php, laminas/laminas-mail the same); MailKit's SmtpCommandException carries the
 * reply's text as its message and the code apart (jstedfast/MailKit MailKit/Net/Smtp/SmtpCommandException.cs).
 */
const ENHANCED_FIRST = /(?<![\w.:/-])([245])\.(\d{1,3})\.(\d{1,3}) (?=\S)/g;
/** What may stand before it on its line: nothing, a quote a message opens with, or a label that announces an error. */
const OPENER = /(?:^|with message |\bmessage[:=] ?)['"]?\s*$|\(code: \d{1,6}\): $/i;
/** How far before the code its label is read, and how far its text runs: bounded so that a long line stays linear. */
const LOOKBACK = 120;
const MAX_TEXT = 2000;

/**
 * The reply code a client dropped: the one that usually carries this enhanced code (knowledge/codes.ts), else the
 * generic code of its class, 550 or 450 ("requested action not taken", RFC 5321 §4.2.2, §4.2.3); 2.x.x is no refusal.
 */
function replyCode(enhanced: string): number | null {
  const typical = typicalReplyCode(enhanced);
  if (typical !== null) return typical;
  if (enhanced.startsWith('5')) return 550;
  if (enhanced.startsWith('4')) return 450;
  return null;
}

export const enhancedFirst: Extractor = {
  id: 'enhanced-first',
  fallback: true,
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(ENHANCED_FIRST)) {
      const [whole, cls = '', subject = '', detail = ''] = m;
      const enhanced = `${cls}.${subject}.${detail}`;
      const code = replyCode(enhanced);
      if (code === null) continue;
      const before = lineBefore(text, m.index);
      const quoteChar = /(['"])\s*$/.exec(before)?.[1];
      if (!opens(before)) continue;
      const bodyStart = m.index + whole.length;
      const window = text.slice(bodyStart, bodyStart + MAX_TEXT);
      const newline = window.indexOf('\n');
      let body = newline === -1 ? window : window.slice(0, newline);
      // A message in quotes ends at its closing quote ("… 1.63016:' in /var/www/…/Abstract.php:431").
      if (quoteChar !== undefined) {
        const close = body.lastIndexOf(quoteChar);
        if (close >= 0) body = body.slice(0, close);
      }
      body = body.trimEnd();
      const head = body.slice(0, 200);
      if (!REFUSAL_WORDS.test(head) && !SMTP_WORDS.test(head)) continue;
      out.push({
        lines: wireLines(code, `${enhanced} ${body}`),
        phase: null,
        start: m.index,
        end: bodyStart + body.length,
        source: 'enhanced-first',
        quote: `${enhanced} ${body}`,
        certainty: 'inferred',
      });
    }
    return out;
  },
};

/** The words before the code on its line, at most LOOKBACK characters of them. */
function lineBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - LOOKBACK), at);
  return before.slice(before.lastIndexOf('\n') + 1);
}

/** The code starts a message: at a line's start, after "with message '", or after a label that announces an error. */
function opens(before: string): boolean {
  if (before.trim() === '' || OPENER.test(before)) return true;
  const label = /([\w.\\-]{1,60})\s*[:=]\s*['"]?\s*$/.exec(before)?.[1];
  return label !== undefined && ERROR_LABEL.test(label.replace(/[._\\-]/g, ' '));
}
