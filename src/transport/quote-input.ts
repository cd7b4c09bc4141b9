// Quoting what the user typed in an error message: the password of a URL's user:password@ never goes with it.

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

/** The user's text in double quotes for a message, without a URL password. */
export function quoteInput(text: string): string {
  return JSON.stringify(hideUrlPassword(text));
}
