// Escaping of untrusted text: what a hostile server sends must never reach a terminal as control codes.

/** Replaces control characters (C0, DEL, C1) with visible escapes; keeps printable Unicode. */
export function escapeControl(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x09) out += '\\t';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x0a) out += '\\n';
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (
      cp === 0x2028 ||
      cp === 0x2029 ||
      cp === 0x200e ||
      cp === 0x200f ||
      (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2066 && cp <= 0x2069)
    )
      out += `\\u${cp.toString(16).padStart(4, '0')}`; // line separators and bidi overrides can disguise text
    else out += ch;
  }
  return out;
}

/** An escaped, shortened sample of raw bytes for evidence. */
export function preview(bytes: Uint8Array, maxChars: number): string {
  return previewText(Buffer.from(bytes.subarray(0, maxChars * 4)).toString('utf8'), maxChars);
}

/** An escaped, shortened sample of text for evidence. */
export function previewText(text: string, maxChars: number): string {
  const escaped = escapeControl(text.slice(0, maxChars * 4));
  return escaped.length > maxChars ? `${escaped.slice(0, maxChars)}…` : escaped;
}

/**
 * A user name in quotes as the user typed it: LAB\alice stays LAB\alice (JSON would double the backslash, and the
 * user would copy that); control characters still become visible escapes.
 */
export function quotedName(name: string): string {
  return `"${escapeControl(name)}"`;
}

/**
 * "smtp://u:pass@host" → "smtp://u:[secret]@host" (also without the scheme). Everything between the first ":" of the
 * user information and the last "@" goes, so a password holding "@", "/" or spaces is hidden whole.
 */
function hideUrlPassword(text: string): string {
  const at = text.lastIndexOf('@');
  if (at === -1) return text;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  const userinfo = text.slice(scheme.length, at);
  const colon = userinfo.indexOf(':');
  if (colon === -1) return text;
  return `${scheme}${userinfo.slice(0, colon)}:[secret]${text.slice(at)}`;
}

/**
 * What the user typed, in double quotes for an error message, without a URL's password. JSON escapes C0 controls but
 * leaves DEL, C1 and bidi controls raw: those are escaped too, so an argument cannot reorder or hide the message.
 */
export function quoteInput(text: string): string {
  return escapeControl(JSON.stringify(hideUrlPassword(text)));
}
