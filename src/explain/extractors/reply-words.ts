// What a server reply reads like: the words of refusals and of SMTP, told apart from HTTP statuses and counts.

/**
 * An enhanced status code at the start of a reply's text: "5.7.8", also where a wrapper closes right after it (a DSN's
 * "(Diagnostic-Code: smtp; 553 5.7.1)", a quoted "'550 5.1.1'").
 */
export const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?=[\s)\]'"`,;]|$)/;
/**
 * qmail writes the enhanced code at the end of its replies, in parentheses after a "#": "502 unimplemented (#5.5.1)",
 * "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)" (qmail-1.03 qmail-smtpd.c err_unimpl,
 * err_nogateway). It vouches for the reply as a leading one does.
 */
export const QMAIL_ENHANCED = /\(#([245]\.\d{1,3}\.\d{1,3})\)\s*$/;

/** The enhanced code a reply's text carries, at its start or in qmail's way at its end. */
export function enhancedOf(text: string): string | undefined {
  return ENHANCED.exec(text)?.[1] ?? QMAIL_ENHANCED.exec(text.slice(-40))?.[1];
}

/**
 * Without an enhanced code a number after a label is a reply only if its text reads like a refusal: counts ("Note:
 * 535 users migrated", "10:00:00 535 messages queued") stay out. RFC 5321 replies without an enhanced code (SES,
 * SendGrid, Exim, Mailgun, Zoho) all say what failed, what is invalid, denied, required or not allowed, or ask to
 * turn on SMTP authentication.
 */
export const REFUSAL_WORDS =
  /\b(?:fail\w*|invalid|incorrect|wrong|bad|denied|reject\w*|refused|not|unable|cannot|can't|unavailable|unknown|unrecogni[sz]ed|unauthenticated|unauthori[sz]ed|disabled|locked|suspended|blocked|blacklist\w*|exceed\w*|too many|limit\w*|quota|insufficient|temporar\w*|try (?:again|later)|deferred|throttl\w*|required|requires|must|closing|expired|aborted|disallowed|forbidden|prohibited|spam|polic\w*)\b/i;
/** 500–504 are HTTP statuses too: there the text must name something only mail servers speak of. */
export const SMTP_WORDS =
  /\b(?:smtp|esmtp|e?mail|relay\w*|mailbox\w*|senders?|recipients?|rcpt|auth\w*|credentials?|password|username|login|starttls|tls|base64|identity|not permitted|commands?|syntax|sequence|helo|ehlo|transmission channel|spam|polic\w*)\b/i;
/** Words of the labels and field names that introduce an error or a server's answer ("Error: ", "send failed: "). */
export const ERROR_LABEL =
  /\b(?:err\w*|fail\w*|smtp\w*|e?mail\w*|send\w*|sent|deliver\w*|auth\w*|login|respon\w*|reply|reason|\w*exception|reject\w*|refus\w*|denied|server|message|msg|status|cause|details?|alert|warn\w*|crit\w*|emerg\w*|severe|fatal|panic)\b/i;
export const HTTP_REASON =
  /^(?:OK|Created|Accepted|No Content|Moved Permanently|Found|Not Modified|Bad Request|Unauthori[sz]ed|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Request Time-?out|Conflict|Gone|Length Required|Payload Too Large|Request Entity Too Large|Unsupported Media Type|Misdirected Request|Unprocessable (?:Entity|Content)|Too Many Requests|Unavailable For Legal Reasons|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Time-?out|HTTP Version Not Supported)\b/i;

/** A 4xx/5xx reply with the text of one, or any reply whose enhanced code has its class. */
export function readsLikeReply(code: string, enhanced: string | undefined, body: string): boolean {
  if (enhanced !== undefined) return enhanced.charAt(0) === code.charAt(0);
  if (Number(code) < 400) return false;
  const text = body.slice(0, 200).trim();
  if (HTTP_REASON.test(text)) return false;
  if (/^50[0-4]$/.test(code) && !SMTP_WORDS.test(text)) return false;
  // Postfix and others start refusals with "Error:" ("503 Error: No identity changes permitted").
  return (
    /^Error:/i.test(text) || REFUSAL_WORDS.test(text) || (SMTP_WORDS.test(text) && /\b(?:no|please)\b/i.test(text))
  );
}
