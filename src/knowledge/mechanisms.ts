// SASL mechanisms as knowledge: what each one carries (a password or an OAuth token), which character set it defines
// for the secret (which decides whether a non-ASCII password survives), and which to suggest first.

export interface MechanismFact {
  /** The name as servers list it after "AUTH" in the EHLO reply. */
  name: string;
  /** What the client must have to use it: the account's password, or an OAuth access token. */
  credential: 'password' | 'token';
  /**
   * For password mechanisms — utf-8: the mechanism says how the secret is encoded (so both ends agree on the bytes of
   * "é"); none: it does not, and client and server may encode a non-ASCII secret differently.
   */
  charset?: 'utf-8' | 'none';
  /** Moved to Historic: it still works where offered, but advice should prefer another (the RFC that says so). */
  historic?: string;
  sources: readonly string[];
}

/**
 * The mechanisms advice may name, in the order it suggests them: password mechanisms first (they need nothing but the
 * password the user already has), PLAIN before LOGIN (LOGIN is obsoleted in favour of PLAIN), then the token ones.
 */
export const MECHANISMS: readonly MechanismFact[] = [
  {
    name: 'PLAIN',
    credential: 'password',
    charset: 'utf-8',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc4616#section-2 (PLAIN: authzid, authcid and passwd are UTF-8, prepared with SASLprep)',
    ],
  },
  {
    name: 'LOGIN',
    credential: 'password',
    charset: 'none',
    sources: [
      'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00 (LOGIN: user name and password; an expired draft that names no character set; obsoleted in favour of PLAIN)',
      'https://gnu.org/software/gsasl/manual/html_node/Use-of-SASLprep-in-LOGIN.html (LOGIN presumably does not support non-ASCII)',
    ],
  },
  {
    name: 'CRAM-MD5',
    credential: 'password',
    charset: 'none',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc2195 (CRAM-MD5: an HMAC-MD5 digest keyed with the password; no character set is defined)',
      'https://datatracker.ietf.org/doc/html/draft-ietf-sasl-crammd5-10 (the revision that would have added UTF-8 and SASLprep was never approved)',
    ],
  },
  {
    name: 'SCRAM-SHA-256',
    credential: 'password',
    charset: 'utf-8',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc7677 (SCRAM-SHA-256: salted challenge-response, at least 4096 iterations; the server proves it knows the password too)',
      'https://www.rfc-editor.org/rfc/rfc5802#section-5.1 (SCRAM: user name and password are UTF-8, prepared with SASLprep)',
    ],
  },
  {
    name: 'SCRAM-SHA-1',
    credential: 'password',
    charset: 'utf-8',
    sources: ['https://www.rfc-editor.org/rfc/rfc5802 (SCRAM-SHA-1: salted challenge-response with server signature)'],
  },
  {
    name: 'DIGEST-MD5',
    credential: 'password',
    charset: 'utf-8',
    historic:
      'https://www.rfc-editor.org/rfc/rfc6331 (DIGEST-MD5 moved to Historic: weak, complex, poorly interoperable)',
    sources: [
      'https://www.rfc-editor.org/rfc/rfc2831#section-2.1.1 (DIGEST-MD5: ISO 8859-1, or UTF-8 when the server says charset=utf-8)',
      'https://www.rfc-editor.org/rfc/rfc6331 (moved to Historic)',
    ],
  },
  {
    name: 'XOAUTH2',
    credential: 'token',
    sources: ['https://developers.google.com/gmail/imap/xoauth2-protocol (XOAUTH2: user and bearer access token)'],
  },
  {
    name: 'OAUTHBEARER',
    credential: 'token',
    sources: ['https://www.rfc-editor.org/rfc/rfc7628 (OAUTHBEARER: an OAuth 2.0 bearer token)'],
  },
];

/** The RFC that moved the mechanism to Historic (DIGEST-MD5), or undefined for a current one. */
export function historicMechanism(mechanism: string | undefined): string | undefined {
  return mechanism === undefined ? undefined : BY_NAME.get(mechanism.toUpperCase())?.historic;
}

/**
 * The server lists mechanisms, and none of them is a current one of MECHANISMS — only historic ones (DIGEST-MD5) and
 * ones common mail clients do not implement (GSSAPI, NTLM, KERBEROS_V4): most clients can run none of them.
 */
export function offersOnlyUncommonMechanisms(offered: readonly string[]): boolean {
  return (
    offered.length > 0 &&
    offered.every((name) => {
      const fact = BY_NAME.get(name.toUpperCase());
      return fact === undefined || fact.historic !== undefined;
    })
  );
}

/** The password mechanisms with the character set each defines, for the docs. */
export const MECHANISM_CHARSETS: readonly (MechanismFact & { charset: 'utf-8' | 'none' })[] = MECHANISMS.filter(
  (m): m is MechanismFact & { charset: 'utf-8' | 'none' } => m.charset !== undefined,
);

const BY_NAME = new Map(MECHANISMS.map((m) => [m.name, m]));

/**
 * The mechanism to suggest instead of `used`: the first of MECHANISMS the server offers that carries the client's kind
 * of secret (a password when it is not known to be a token); undefined when none does.
 */
export function suggestMechanism(
  offered: readonly string[],
  used: string | undefined,
  credential: 'password' | 'token' | null,
): string | undefined {
  const wanted = credential === 'token' ? 'token' : 'password';
  return MECHANISMS.find((m) => m.credential === wanted && m.name !== used && offered.includes(m.name))?.name;
}

/** The mechanism carries a secret without saying how it is encoded (LOGIN, CRAM-MD5); unknown mechanisms are not. */
export function definesNoCharset(mechanism: string | undefined): boolean {
  return mechanism !== undefined && BY_NAME.get(mechanism.toUpperCase())?.charset === 'none';
}

/** The password mechanism that defines UTF-8 for the secret (what to switch to for a non-ASCII password). */
export const UTF8_MECHANISM: string = MECHANISMS.find((m) => m.charset === 'utf-8')?.name ?? 'PLAIN';
