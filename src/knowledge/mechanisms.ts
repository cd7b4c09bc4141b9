// SASL mechanisms as knowledge: what each one carries (a password or an OAuth token), and which to suggest first.

export interface MechanismFact {
  /** The name as servers list it after "AUTH" in the EHLO reply. */
  name: string;
  /** What the client must have to use it: the account's password, or an OAuth access token. */
  credential: 'password' | 'token';
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
    sources: ['https://www.rfc-editor.org/rfc/rfc4616 (PLAIN: authzid, authcid and password, UTF-8)'],
  },
  {
    name: 'LOGIN',
    credential: 'password',
    sources: [
      'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00 (LOGIN: user name and password; obsoleted in favour of PLAIN)',
    ],
  },
  {
    name: 'CRAM-MD5',
    credential: 'password',
    sources: ['https://www.rfc-editor.org/rfc/rfc2195 (CRAM-MD5: an HMAC-MD5 digest keyed with the password)'],
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
