// Server side of the SASL mechanisms the lab runs: decode what the client sent (pure, no I/O).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase64Strict } from '../protocol/base64.js';

/** Mechanisms the lab can run; anything else a persona advertises is answered with authNotImplemented. */
export const LAB_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER'] as const;
export type LabMechanism = (typeof LAB_MECHANISMS)[number];

export function isLabMechanism(name: string): name is LabMechanism {
  return (LAB_MECHANISMS as readonly string[]).includes(name);
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: 'bad-base64' | 'malformed' };

/** Strict base64 → UTF-8 text (RFC 4954 §4: anything outside the alphabet is refused, not skipped). */
export function decodeText(b64: string): Decoded<string> {
  const bytes = decodeBase64Strict(b64.trim());
  if (!bytes) return { ok: false, reason: 'bad-base64' };
  return { ok: true, value: bytes.toString('utf8') };
}

/** PLAIN (RFC 4616): [authzid] NUL authcid NUL passwd. */
export function decodePlain(b64: string): Decoded<{ authzid: string; username: string; password: string }> {
  const text = decodeText(b64);
  if (!text.ok) return text;
  const parts = text.value.split('\0');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [authzid = '', username = '', password = ''] = parts;
  return { ok: true, value: { authzid, username, password } };
}

/** XOAUTH2: "user=U^Aauth=Bearer TOKEN^A^A". */
export function decodeXoauth2(b64: string): Decoded<{ username: string; token: string }> {
  const text = decodeText(b64);
  if (!text.ok) return text;
  // eslint-disable-next-line no-control-regex -- ^A is XOAUTH2's field separator
  const m = /^user=([^\x01]*)\x01auth=Bearer ([^\x01]*)\x01\x01$/.exec(text.value);
  if (!m) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { username: m[1] ?? '', token: m[2] ?? '' } };
}

/**
 * OAUTHBEARER (RFC 7628 §3.1): gs2-header "n,a=USER," then ^A-separated key=value pairs, one of them
 * "auth=Bearer TOKEN", ended by ^A^A. The a= is optional (username '' then); host= and port= are not checked.
 */
export function decodeOauthbearer(b64: string): Decoded<{ username: string; token: string }> {
  const text = decodeText(b64);
  if (!text.ok) return text;
  // gs2-cbind-flag: n (no channel binding), y, or p=NAME; then the optional authzid, then the kvpairs.
  // eslint-disable-next-line no-control-regex -- ^A is OAUTHBEARER's field separator
  const m = /^(?:n|y|p=[A-Za-z0-9.-]+),(?:a=([^,]*))?,\x01((?:[^\x01]*\x01)*)\x01$/.exec(text.value);
  if (!m) return { ok: false, reason: 'malformed' };
  const username = unescapeSaslName(m[1] ?? '');
  if (username === null) return { ok: false, reason: 'malformed' };
  const pairs = (m[2] ?? '').split('\x01').filter((p) => p !== '');
  const auth = pairs.find((p) => p.startsWith('auth='));
  const bearer = auth === undefined ? null : /^auth=Bearer (.+)$/i.exec(auth);
  if (!bearer) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { username, token: bearer[1] ?? '' } };
}

/** RFC 5801 saslname: "=2C" is a comma and "=3D" an equals sign; any other "=" is malformed. */
function unescapeSaslName(name: string): string | null {
  if (/=(?!2C|3D)/i.test(name)) return null;
  return name.replace(/=2C/gi, ',').replace(/=3D/gi, '=');
}

/** A fresh CRAM-MD5 challenge in the RFC 2195 msg-id form. */
export function cramChallenge(hostname: string): string {
  return `<${randomBytes(6).readUIntBE(0, 6)}.${Date.now()}@${hostname}>`;
}

/** CRAM-MD5 response: "user hexdigest". */
export function decodeCram(b64: string): Decoded<{ username: string; digest: string }> {
  const text = decodeText(b64);
  if (!text.ok) return text;
  const m = /^(.+) ([0-9a-f]{32})$/i.exec(text.value);
  if (!m) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { username: m[1] ?? '', digest: (m[2] ?? '').toLowerCase() } };
}

/** True when the digest is HMAC-MD5(secret, challenge); false also where MD5 is unavailable (FIPS). */
export function cramMatches(challenge: string, digest: string, secret: string): boolean {
  let expected: Buffer;
  try {
    expected = Buffer.from(createHmac('md5', Buffer.from(secret, 'utf8')).update(challenge).digest('hex'));
  } catch {
    return false;
  }
  const given = Buffer.from(digest);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
