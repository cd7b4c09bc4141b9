// SASL mechanism facts: the character set each password mechanism defines, which decides whether a non-ASCII secret survives.

export interface MechanismCharset {
  mechanism: string;
  /**
   * utf-8: the mechanism says how the secret is encoded (so both ends agree on the bytes of "é"); none: it does not,
   * and client and server may encode a non-ASCII secret differently.
   */
  charset: 'utf-8' | 'none';
  sources: readonly string[];
}

export const MECHANISM_CHARSETS: readonly MechanismCharset[] = [
  {
    mechanism: 'PLAIN',
    charset: 'utf-8',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc4616#section-2 (authcid and passwd are UTF-8, prepared with SASLprep)',
    ],
  },
  {
    mechanism: 'LOGIN',
    charset: 'none',
    sources: [
      'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00 (an expired draft; it names no character set)',
      'https://gnu.org/software/gsasl/manual/html_node/Use-of-SASLprep-in-LOGIN.html (LOGIN presumably does not support non-ASCII)',
    ],
  },
  {
    mechanism: 'CRAM-MD5',
    charset: 'none',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc2195 (the digest is keyed with the shared secret; no character set is defined)',
      'https://datatracker.ietf.org/doc/html/draft-ietf-sasl-crammd5-10 (the revision that would have added UTF-8 and SASLprep was never approved)',
    ],
  },
];

const BY_NAME = new Map(MECHANISM_CHARSETS.map((m) => [m.mechanism, m]));

/** The mechanism carries a secret without saying how it is encoded (LOGIN, CRAM-MD5); unknown mechanisms are not. */
export function definesNoCharset(mechanism: string | undefined): boolean {
  return mechanism !== undefined && BY_NAME.get(mechanism.toUpperCase())?.charset === 'none';
}

/** The password mechanism that defines UTF-8 for the secret (what to switch to for a non-ASCII password). */
export const UTF8_MECHANISM: string = MECHANISM_CHARSETS.find((m) => m.charset === 'utf-8')?.mechanism ?? 'PLAIN';
