// SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677): a salted challenge-response in which the server proves it too.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { InputError } from '../../model/errors.js';
import { decodeBase64Strict, encodeBase64 } from '../base64.js';
import { quoteUser } from './redact.js';
import { saslPrep } from './saslprep.js';
import { cancel, type SaslCredentials, type SaslExchange, type SaslMechanism, type SaslOptions } from './types.js';

type Hash = 'sha1' | 'sha256';

/** RFC 7677 §4: at least 4096 iterations; fewer makes the stored verifier cheap to brute-force, so we refuse. */
export const SCRAM_MIN_ITERATIONS = 4096;
/** Far above any real server (Dovecot 4096, Cyrus 4096–10000): keeps one login bounded in time. */
export const SCRAM_MAX_ITERATIONS = 1_000_000;

/** RFC 5802 §5.1: "=" and "," in a saslname are written =3D and =2C. */
export function escapeSaslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

const hmac = (hash: Hash, key: Buffer, text: string): Buffer => createHmac(hash, key).update(text, 'utf8').digest();

/** The keys both ends derive from the password (RFC 5802 §3), given the server's salt and iteration count. */
export function scramKeys(
  hash: Hash,
  password: string,
  salt: Buffer,
  iterations: number,
): { clientKey: Buffer; storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, hash === 'sha1' ? 20 : 32, hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  return {
    clientKey,
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: hmac(hash, salted, 'Server Key'),
  };
}

/** ClientProof and ServerSignature for one AuthMessage (RFC 5802 §3). */
export function scramProofs(
  hash: Hash,
  keys: ReturnType<typeof scramKeys>,
  authMessage: string,
): { proof: Buffer; serverSignature: Buffer } {
  const signature = hmac(hash, keys.storedKey, authMessage);
  const proof = Buffer.alloc(keys.clientKey.length);
  for (let i = 0; i < proof.length; i++) proof[i] = (keys.clientKey[i] ?? 0) ^ (signature[i] ?? 0);
  return { proof, serverSignature: hmac(hash, keys.serverKey, authMessage) };
}

/** "a=b,c=d" attributes of a SCRAM message; values may hold "=" (base64), so split at the first one only. */
function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1 && !out.has(part.charAt(0))) out.set(part.charAt(0), part.slice(2));
  }
  return out;
}

function prepared(what: string, text: string): string {
  const result = saslPrep(text);
  if (!result.ok) throw new InputError(`the ${what} cannot be used with SCRAM: ${result.reason} (RFC 4013 SASLprep)`);
  return result.value;
}

function scram(name: string, hash: Hash): SaslMechanism {
  return {
    name,
    credential: 'password',
    revealsSecret: false,
    serverFirst: false,
    create(credentials: SaslCredentials, options: SaslOptions): SaslExchange {
      const { username, secret } = credentials;
      const user = escapeSaslName(prepared('user name', username));
      const password = prepared('password', secret.reveal());
      // 18 random bytes → 24 printable characters, never a ",".
      const nonce = options.nonce ?? randomBytes(18).toString('base64');
      const bare = `n=${user},r=${nonce}`;
      const first = {
        wire: encodeBase64(`n,,${bare}`),
        redacted: `[base64 of "n,,n=${quoteUser(username, secret)},r=${nonce}"]`,
      };
      const details: Record<string, string> = {};
      let state: 'start' | 'first-sent' | 'final-sent' | 'verified' | 'done' = options.initialResponse
        ? 'first-sent'
        : 'start';
      let expected: Buffer | undefined;
      let finalSent = false;

      const fail = (detail: string, reason: string): ReturnType<SaslExchange['respond']> => {
        details.scram = detail;
        state = 'done';
        return cancel(reason);
      };

      return {
        mechanism: name,
        usedInitialResponse: options.initialResponse,
        start: () =>
          options.initialResponse
            ? { wire: `AUTH ${name} ${first.wire}`, redacted: `AUTH ${name} ${first.redacted}` }
            : { wire: `AUTH ${name}`, redacted: `AUTH ${name}` },
        respond: (challenge) => {
          if (state === 'start') {
            state = 'first-sent';
            return { kind: 'send', line: first };
          }
          const bytes = decodeBase64Strict(challenge.trim());
          const text = bytes?.toString('utf8');
          if (text === undefined) return fail('malformed-challenge', `the ${name} challenge is not valid base64`);
          const attrs = attributes(text);
          const error = attrs.get('e');
          if (error !== undefined) {
            details.serverError = error.slice(0, 100);
            return fail('server-error', `the server ended the ${name} exchange with e=${error.slice(0, 100)}`);
          }
          if (state === 'first-sent') return answerServerFirst(text, attrs);
          if (state === 'final-sent') {
            const v = attrs.get('v');
            const got = v === undefined ? null : decodeBase64Strict(v);
            if (!got || !expected || got.length !== expected.length || !timingSafeEqual(got, expected)) {
              details.serverSignature = 'mismatch';
              return fail(
                'server-signature',
                `the server's ${name} signature does not verify: it does not know the password`,
              );
            }
            details.serverSignature = 'verified';
            state = 'verified';
            return { kind: 'send', line: { wire: '', redacted: '' } };
          }
          return fail('extra-challenge', `the server sent another challenge after the ${name} exchange`);
        },
        complete: () => finalSent,
        // No serverSignature after the proof: the server never sent v= (a 235 without it, or a refusal).
        details: () => ({ ...details }),
      };

      function answerServerFirst(serverFirst: string, attrs: Map<string, string>): ReturnType<SaslExchange['respond']> {
        const combined = attrs.get('r') ?? '';
        if (attrs.has('m'))
          return fail('malformed-challenge', `the server requires a ${name} extension we do not know`);
        if (!combined.startsWith(nonce) || combined.length <= nonce.length || /[^\x21-\x2b\x2d-\x7e]/.test(combined))
          return fail('nonce-mismatch', `the server's ${name} nonce does not extend ours`);
        const salt = decodeBase64Strict(attrs.get('s') ?? '');
        if (!salt || salt.length === 0) return fail('malformed-challenge', `the ${name} salt is not valid base64`);
        const iterText = attrs.get('i') ?? '';
        const iterations = /^[1-9][0-9]{0,9}$/.test(iterText) ? Number(iterText) : NaN;
        if (!Number.isFinite(iterations)) return fail('malformed-challenge', `the ${name} iteration count is missing`);
        details.iterations = String(iterations);
        if (iterations < SCRAM_MIN_ITERATIONS)
          return fail(
            'iterations-too-low',
            `the server asks for ${iterations} ${name} iterations, fewer than ${SCRAM_MIN_ITERATIONS} (RFC 7677 §4)`,
          );
        if (iterations > SCRAM_MAX_ITERATIONS)
          return fail(
            'iterations-too-high',
            `the server asks for ${iterations} ${name} iterations, more than ${SCRAM_MAX_ITERATIONS}`,
          );
        const withoutProof = `c=biws,r=${combined}`;
        const keys = scramKeys(hash, password, salt, iterations);
        const { proof, serverSignature } = scramProofs(hash, keys, `${bare},${serverFirst},${withoutProof}`);
        expected = serverSignature;
        state = 'final-sent';
        finalSent = true;
        return {
          kind: 'send',
          line: {
            wire: encodeBase64(`${withoutProof},p=${proof.toString('base64')}`),
            redacted: `[base64 of "${withoutProof},p=[redacted proof]"]`,
          },
        };
      }
    },
  };
}

export const scramSha1: SaslMechanism = scram('SCRAM-SHA-1', 'sha1');
export const scramSha256: SaslMechanism = scram('SCRAM-SHA-256', 'sha256');
