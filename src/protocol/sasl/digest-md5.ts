// DIGEST-MD5 (RFC 2831, historic since RFC 6331): an MD5 digest over the server's nonce; the server proves it with rspauth.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase64Strict, encodeBase64 } from '../base64.js';
import { quoteUser } from './redact.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslMechanism, type SaslOptions } from './types.js';

/** A challenge longer than RFC 2831 §2.1.1's 2048 bytes is refused rather than parsed. */
const MAX_CHALLENGE = 2048;

/**
 * The directives of a challenge: `name=value` or `name="quoted"` separated by commas (RFC 2831 §7.1 #rule, §7.2
 * quoted-string with backslash escapes). Repeated `realm`s are kept in order; null when it does not parse.
 */
export function parseDirectives(text: string): Map<string, string[]> | null {
  const out = new Map<string, string[]>();
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /[ \t,]/.test(text.charAt(i))) i++;
  };
  skip();
  while (i < text.length) {
    const name = /^[A-Za-z0-9_-]+/.exec(text.slice(i))?.[0];
    if (!name) return null;
    i += name.length;
    while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
    if (text.charAt(i) !== '=') return null;
    i++;
    while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
    let value = '';
    if (text.charAt(i) === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const c = text.charAt(i++);
        if (c === '"') break;
        value += c === '\\' && i < text.length ? text.charAt(i++) : c;
      }
    } else {
      const token = /^[^,\s"]*/.exec(text.slice(i))?.[0] ?? '';
      value = token;
      i += token.length;
    }
    const key = name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), value]);
    while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
    if (i < text.length && text.charAt(i) !== ',') return null;
    skip();
  }
  return out;
}

const md5 = (data: Buffer | string): Buffer => createHash('md5').update(data).digest();
const hex = (data: Buffer | string): string => md5(data).toString('hex');

/** RFC 2831 §2.1.2.1: with charset=utf-8, a string that fits ISO 8859-1 is still hashed as ISO 8859-1. */
function bytes(text: string, utf8: boolean): Buffer | null {
  if (Array.from(text).every((c) => (c.codePointAt(0) ?? 0) <= 0xff)) return Buffer.from(text, 'latin1');
  return utf8 ? Buffer.from(text, 'utf8') : null;
}

export interface DigestInput {
  username: string;
  realm: string;
  password: string;
  nonce: string;
  cnonce: string;
  nc: string;
  qop: string;
  digestUri: string;
  authzid?: string;
  utf8: boolean;
}

/** The `response` value and the `rspauth` the server must send back (RFC 2831 §2.1.2.1, §2.1.3); null when the
 *  user name, realm or password cannot be written in the character set the server allows. */
export function digestMd5Response(input: DigestInput): { response: string; rspauth: string } | null {
  const user = bytes(input.username, input.utf8);
  const realm = bytes(input.realm, input.utf8);
  const password = bytes(input.password, input.utf8);
  if (!user || !realm || !password) return null;
  const inner = md5(Buffer.concat([user, Buffer.from(':'), realm, Buffer.from(':'), password]));
  const tail = `:${input.nonce}:${input.cnonce}${input.authzid ? `:${input.authzid}` : ''}`;
  const ha1 = hex(Buffer.concat([inner, Buffer.from(tail, 'utf8')]));
  const kd = (a2: string): string => hex(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${hex(a2)}`);
  return { response: kd(`AUTHENTICATE:${input.digestUri}`), rspauth: kd(`:${input.digestUri}`) };
}

/** A quoted-string value (RFC 2831 §7.2): backslash before `"` and `\`. */
const quote = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

export const digestMd5: SaslMechanism = {
  name: 'DIGEST-MD5',
  credential: 'password',
  revealsSecret: false,
  serverFirst: true,
  create(credentials: SaslCredentials, options: SaslOptions): SaslExchange {
    const { username, secret, authzid } = credentials;
    const digestUri = `smtp/${options.host ?? 'localhost'}`;
    const cnonce = options.nonce ?? randomBytes(18).toString('base64');
    const details: Record<string, string> = {};
    let state: 'start' | 'response-sent' | 'verified' | 'done' = 'start';
    let expected: string | undefined;

    const fail = (detail: string, reason: string): ReturnType<SaslExchange['respond']> => {
      details.digest = detail;
      state = 'done';
      return cancel(reason);
    };

    return {
      mechanism: 'DIGEST-MD5',
      usedInitialResponse: false,
      start: () => ({ wire: 'AUTH DIGEST-MD5', redacted: 'AUTH DIGEST-MD5' }),
      respond: (challenge) => {
        const decoded = decodeBase64Strict(challenge.trim());
        if (!decoded || decoded.length > MAX_CHALLENGE)
          return fail('malformed-challenge', 'the DIGEST-MD5 challenge is not valid base64 or too long');
        const directives = parseDirectives(decoded.toString('utf8'));
        if (!directives)
          return fail('malformed-challenge', 'the DIGEST-MD5 challenge does not parse (RFC 2831 §2.1.1)');
        if (state === 'response-sent') {
          const rspauth = directives.get('rspauth')?.[0];
          const ok =
            rspauth !== undefined &&
            expected !== undefined &&
            rspauth.length === expected.length &&
            timingSafeEqual(Buffer.from(rspauth.toLowerCase()), Buffer.from(expected));
          if (!ok) {
            details.serverSignature = 'mismatch';
            return fail(
              'server-signature',
              'the server’s DIGEST-MD5 rspauth does not verify: it does not know the password',
            );
          }
          details.serverSignature = 'verified';
          state = 'verified';
          return { kind: 'send', line: { wire: '', redacted: '' } };
        }
        if (state !== 'start') return fail('extra-challenge', 'the server sent another DIGEST-MD5 challenge');
        const nonce = directives.get('nonce');
        if (nonce?.length !== 1 || !nonce[0])
          return fail('malformed-challenge', 'the DIGEST-MD5 challenge has no single nonce');
        const algorithm = directives.get('algorithm')?.[0];
        if (algorithm?.toLowerCase() !== 'md5-sess')
          return fail('malformed-challenge', 'the DIGEST-MD5 challenge does not say algorithm=md5-sess');
        const qops = (directives.get('qop')?.join(',') ?? 'auth').split(',').map((q) => q.trim().toLowerCase());
        if (!qops.includes('auth')) return fail('malformed-challenge', 'the server does not allow qop=auth');
        const utf8 = directives.get('charset')?.[0]?.toLowerCase() === 'utf-8';
        const realm = directives.get('realm')?.[0] ?? '';
        details.realm = realm.slice(0, 100);
        const input = {
          username,
          realm,
          password: secret.reveal(),
          nonce: nonce[0],
          cnonce,
          nc: '00000001',
          qop: 'auth',
          digestUri,
          ...(authzid ? { authzid } : {}),
          utf8,
        };
        const digest = digestMd5Response(input);
        if (!digest)
          return fail('charset', 'the server allows only ISO 8859-1, and the user name or password does not fit it');
        expected = digest.rspauth;
        state = 'response-sent';
        const fields = (response: string): string =>
          [
            ...(utf8 ? ['charset=utf-8'] : []),
            `username=${quote(username)}`,
            `realm=${quote(realm)}`,
            `nonce=${quote(input.nonce)}`,
            'nc=00000001',
            `cnonce=${quote(cnonce)}`,
            `digest-uri=${quote(digestUri)}`,
            `response=${response}`,
            'qop=auth',
            ...(authzid ? [`authzid=${quote(authzid)}`] : []),
          ].join(',');
        return {
          kind: 'send',
          line: {
            wire: encodeBase64(fields(digest.response)),
            redacted: `[base64 of ${fields('[redacted digest response]').replace(quote(username), quoteUser(username, secret))}]`,
          },
        };
      },
      complete: () => state === 'response-sent' || state === 'verified' || details.serverSignature === 'mismatch',
      details: () => ({ ...details }),
    };
  },
};
