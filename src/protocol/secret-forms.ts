// Secret forms: every way a secret can be written down — plain, escaped, URL, hex, base64 at each byte alignment.

/** Shorter strings would scrub ordinary words. */
export const MIN_FORM_LENGTH = 4;

/**
 * The forms in which an echo of `value` can show up: as typed, JSON-escaped, URL-encoded, hex, and base64 at each of
 * the three byte alignments (inside a PLAIN or XOAUTH2 blob only the characters that depend on the secret alone).
 */
export function secretForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = [
    value,
    // As a JSON string or a log line shows it, with quotes and backslashes escaped.
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ];
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Keep only the characters that depend on the secret alone: drop the group mixed with the prefix and the padded tail.
    const from = offset === 0 ? 0 : 4;
    const to = Math.floor((offset + bytes.length) / 3) * 4;
    if (offset === 0) forms.push(b64);
    if (to - from >= 6) forms.push(b64.slice(from, to));
  }
  return [...new Set(forms)].filter((f) => f.length >= MIN_FORM_LENGTH);
}

/** `text` with every form replaced, longest first so that no part of a longer form is left behind. */
export function scrubForms(text: string, forms: readonly string[], replacement: string): string {
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length))
    if (out.includes(form)) out = out.split(form).join(replacement);
  return out;
}
