// SASLprep (RFC 4013, a profile of stringprep RFC 3454): the common subset SCRAM needs for user names and passwords.
//
// Covered: mapping of non-ASCII spaces (C.1.2) to SPACE and of "commonly mapped to nothing" (B.1) to nothing, NFKC,
// the prohibited tables C.1.2–C.9 (control, private use, non-characters, surrogates, display-changing and tagging
// characters) and the bidi rule (RFC 3454 §6). Not covered: the exact Unicode 3.2 tables — unassigned code points are
// allowed (the "query" profile), and the bidi categories are approximated by script (Hebrew, Arabic, Syriac, Thaana,
// NKo… for R/AL; any other letter for L).

/* eslint-disable no-control-regex, no-misleading-character-class -- stringprep tables are code-point lists: control,
   combining and joiner characters are exactly what they must match, one at a time. */
/** C.1.2: non-ASCII space characters, mapped to U+0020. */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** B.1: commonly mapped to nothing (soft hyphen, joiners, variation selectors, BOM…). */
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
/** C.2.1/C.2.2 control characters, C.3 private use, C.4 non-characters, C.5 surrogates, C.6–C.9. */
const PROHIBITED =
  /[\u0000-\u001F\u007F-\u009F\u06DD\u070F\u180E\u200C\u200D\u2028\u2029\u2060-\u2063\u206A-\u206F\uFEFF\uFFF9-\uFFFC\uE000-\uF8FF\uFDD0-\uFDEF\uFFFE\uFFFF\u0340\u0341\u200E\u200F\u202A-\u202E\u2FF0-\u2FFB\uFFFD]|[\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}\u{E0001}\u{E0020}-\u{E007F}\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{1D173}-\u{1D17A}]|\p{Cs}/u;
/* eslint-enable no-control-regex, no-misleading-character-class */
/** Characters of right-to-left scripts stand in for bidi categories R and AL. */
const RAND_AL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\u200F]/u;
const LEFT_TO_RIGHT = /\p{L}/u;

export type SaslPrepResult = { ok: true; value: string } | { ok: false; reason: string };

/** The prepared string, or why it cannot be used (the user gets the reason, never the text of a password). */
export function saslPrep(input: string): SaslPrepResult {
  const mapped = input.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
  const bad = PROHIBITED.exec(mapped);
  if (bad) {
    const cp = bad[0].codePointAt(0) ?? 0;
    return {
      ok: false,
      reason: `it contains a prohibited character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
    };
  }
  // Code points, not graphemes: stringprep's bidi rule speaks of characters.
  const chars = Array.from(mapped);
  if (chars.some((c) => RAND_AL.test(c))) {
    const rtl = (c: string | undefined): boolean => c !== undefined && RAND_AL.test(c);
    if (chars.some((c) => !RAND_AL.test(c) && LEFT_TO_RIGHT.test(c)))
      return { ok: false, reason: 'it mixes right-to-left and left-to-right letters (RFC 3454 §6)' };
    if (!rtl(chars[0]) || !rtl(chars[chars.length - 1]))
      return {
        ok: false,
        reason: 'right-to-left text must begin and end with a right-to-left character (RFC 3454 §6)',
      };
  }
  return { ok: true, value: mapped };
}
