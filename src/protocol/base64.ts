// Strict base64 (RFC 4954 §4): any character outside the alphabet or misplaced padding makes the text invalid.

const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(text: string | Uint8Array): string {
  return Buffer.from(typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64');
}

/** The decoded bytes, or null when the text is not strict base64. An empty text decodes to no bytes. */
export function decodeBase64Strict(text: string): Buffer | null {
  return STRICT.test(text) ? Buffer.from(text, 'base64') : null;
}
