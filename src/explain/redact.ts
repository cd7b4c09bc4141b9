// Redaction of pasted text: AUTH lines, SASL responses, tokens, password settings and URLs replaced by their shape.
import { isStandardWording } from '../knowledge/standard-wording.js';
import { describeShape, shapeOf, type SecretShape } from '../model/secret.js';
import { decodeBase64Strict } from '../protocol/base64.js';
import { FormScrubber } from '../protocol/secret-forms.js';
import { classifyLines } from './lines.js';
import { Placeholders } from './placeholders.js';
import { redactCarriers, type Found } from './secret-carriers.js';

export interface Redaction {
  /** The text with every secret replaced: the only form of the input used after this step. */
  text: string;
  username?: string;
  secret?: SecretShape;
  /** The SASL mechanism of the last AUTH command seen. */
  mechanism?: string;
  /** How many secrets were replaced. */
  count: number;
}

/** What stands in for an echo of a secret found elsewhere in the text (as in live transcripts). */
const REDACTED = '[redacted]';
/** nodemailer's debug log puts this in place of the password inside its AUTH PLAIN line. */
const NODEMAILER_MASK = '/* secret */';
const AUTH = /\bAUTH[ \t]+(PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5|XOAUTH)\b(?:[ \t]+([A-Za-z0-9+/]+={0,2}))?/i;
const B64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * `alsoHide`: secrets found elsewhere (in the lines of a long paste that were left out, see stream.ts) whose echoes
 * in this text are hidden too.
 */
export function redactSecrets(input: string, alsoHide: readonly string[] = []): Redaction {
  const secrets = new Set<string>(alsoHide);
  const blobs = new Set<string>();
  const result: Redaction = { text: input, count: 0 };
  const own = new Placeholders();
  const text = redactCarriersAndSasl(input, result, secrets, blobs, own);

  // 3. Any other echo of a secret found above, in any encoding (plain, base64 at each alignment, URL, hex…), also
  // split across two lines of a reply; and of the SASL blobs that carried them (a weak secret inside one is only
  // found through the blob).
  const scrubber = new FormScrubber(REDACTED);
  // As in check: a weak secret that is a word of a server's standard reply (Gmail's link when it is "mail") stays.
  scrubber.keepStandardWording(isStandardWording);
  for (const value of secrets) scrubber.addSecret(value);
  for (const blob of blobs) scrubber.addSent(blob);
  // Our placeholders are sentinels until now: their words ("password: 8 characters") are no echo of a weak secret.
  result.text = own.restore(scrubber.scrubAcrossLines(text), (pasted) => scrubber.scrub(pasted));
  return result;
}

/** The secrets a text holds (AUTH lines, settings, URLs…), for hiding their echoes in another text. */
export function harvestSecrets(input: string): string[] {
  const secrets = new Set<string>();
  redactCarriersAndSasl(input, { text: input, count: 0 }, secrets);
  return [...secrets];
}

/** Steps 1 and 2: every secret replaced by its shape where it is written; what was learnt goes to `result`. */
function redactCarriersAndSasl(
  input: string,
  result: Redaction,
  secrets: Set<string>,
  blobs = new Set<string>(),
  own = new Placeholders(),
): string {
  const note = (found: Found): void => {
    if (found.username !== undefined) result.username ??= found.username;
    if (found.secret !== undefined && found.secret !== NODEMAILER_MASK) {
      secrets.add(found.secret);
      result.secret ??= shapeOf(found.secret, found.kind ?? 'password');
    }
  };

  // 1. Transcript lines: AUTH commands and the SASL responses that follow their 334 challenges.
  const lines = input.split('\n');
  let sasl: { mech: string; responses: number } | null = null;
  for (const line of classifyLines(input)) {
    const original = lines[line.index] ?? '';
    if (line.kind === 'server') {
      if (!line.body.startsWith('334')) sasl = null;
      continue;
    }
    const auth = AUTH.exec(original);
    if (auth) {
      const mech = (auth[1] ?? '').toUpperCase();
      result.mechanism = mech;
      sasl = { mech, responses: 0 };
      // "AUTH LOGIN PLAIN" in an EHLO-like list is not an initial response: base64 of credentials is never all capitals.
      const initial = auth[2] !== undefined && !/^[A-Z0-9-]{1,20}$/.test(auth[2]) ? auth[2] : undefined;
      const replaced = initial !== undefined ? describeResponse(mech, 0, initial, note, own) : null;
      if (initial !== undefined && replaced !== null) {
        blobs.add(initial);
        lines[line.index] = original.replace(initial, replaced);
        result.count += 1;
        sasl.responses = 1;
      }
      continue;
    }
    if (line.kind === 'client' && sasl && B64_LINE.test(line.body) && line.body.length >= 2) {
      // Inside an AUTH exchange every client line is a credential: redact even what does not decode.
      const replaced =
        describeResponse(sasl.mech, sasl.responses, line.body, note, own) ?? own.mark('redacted SASL response');
      blobs.add(line.body);
      lines[line.index] = original.replace(line.body, replaced);
      sasl.responses += 1;
      result.count += 1;
    }
  }
  // 2. Secrets outside transcripts: settings in configs and dumps, URLs, command lines, headers, bare SASL blobs.
  return redactCarriers(lines.join('\n'), {
    note,
    hide: (value) => secrets.add(value),
    replaced: () => (result.count += 1),
    own,
  });
}

/**
 * Decodes one SASL response and returns what replaces it: the user name in clear, the secret by its shape. Null when
 * the text cannot be a response of that mechanism (e.g. the word after "AUTH PLAIN" in prose).
 */
function describeResponse(
  mech: string,
  index: number,
  b64: string,
  note: (found: Found) => void,
  own: Placeholders,
): string | null {
  const bytes = decodeBase64Strict(b64);
  if (!bytes) return null;
  const decoded = bytes.toString('utf8');
  switch (mech) {
    case 'PLAIN': {
      const parts = decoded.split('\0');
      if (parts.length !== 3) return null;
      const [, user = '', pass = ''] = parts;
      note({ username: user, secret: pass });
      if (pass === NODEMAILER_MASK)
        return own.mark('base64 of user ', { pasted: JSON.stringify(user) }, ' and a password nodemailer already hid');
      return own.mark(
        'base64 of user ',
        { pasted: JSON.stringify(user) },
        ` and ${describeShape(shapeOf(pass, 'password'))}`,
      );
    }
    case 'LOGIN': {
      // eslint-disable-next-line no-control-regex -- a user name or password is text, not control bytes
      if (decoded.includes('\uFFFD') || /[\x00-\x08\x0e-\x1f]/.test(decoded)) return null;
      if (index === 0) {
        note({ username: decoded });
        return own.mark('base64 of user ', { pasted: JSON.stringify(decoded) });
      }
      note({ secret: decoded });
      return own.mark(`base64 of ${describeShape(shapeOf(decoded, 'password'))}`);
    }
    case 'XOAUTH2':
    case 'OAUTHBEARER': {
      // XOAUTH2 and OAUTHBEARER separate their fields with ^A (0x01).
      // eslint-disable-next-line no-control-regex -- the field separator is a control character
      const user = /(?:^|\x01|,)(?:user=|a=)([^\x01,]*)/.exec(decoded)?.[1];
      // eslint-disable-next-line no-control-regex -- the field separator is a control character
      const token = /auth=Bearer ([^\x01]*)/i.exec(decoded)?.[1];
      if (user !== undefined || token !== undefined) {
        note({
          ...(user !== undefined ? { username: user } : {}),
          ...(token !== undefined ? { secret: token, kind: 'token' as const } : {}),
        });
        return own.mark(
          'base64 of user ',
          { pasted: JSON.stringify(user ?? '') },
          ` and bearer ${token !== undefined ? describeShape(shapeOf(token, 'token')) : 'token'}`,
        );
      }
      return null;
    }
    case 'CRAM-MD5': {
      if (!/^\S+ [0-9a-f]{32}$/i.test(decoded)) return null;
      const user = decoded.split(' ')[0] ?? '';
      note({ username: user });
      return own.mark('base64 of user ', { pasted: JSON.stringify(user) }, ' and a CRAM-MD5 digest');
    }
    default:
      return null;
  }
}
