// Secrets outside SMTP transcripts: settings in configs and dumps, URLs, command lines, headers and bare SASL blobs.
import type { Placeholders } from './placeholders.js';
import { describeShape, shapeOf } from '../model/secret.js';
import { decodeBase64Strict } from '../protocol/base64.js';
import { decodeJsLiteral } from './literals.js';
import { OAUTH_PROVIDERS } from '../knowledge/oauth-providers.js';

/** What a redaction learnt: the user name in clear, the secret (only ever kept to describe and scrub it). */
export interface Found {
  username?: string;
  secret?: string;
  kind?: 'password' | 'token';
}

/** Where the carriers report what they replaced. */
export interface SecretSink {
  /** A credential of the login the text is about: its user name and the secret's shape become evidence. */
  note(found: Found): void;
  /** A secret of something else (an HTTP header): hidden everywhere, but not the login's secret. */
  hide(value: string): void;
  /** One more secret replaced. */
  replaced(): void;
  /** Where the placeholders we write are kept out of the scrub (see Placeholders). */
  own: Placeholders;
}

/** Names of settings that hold a secret (case-insensitive): password, SMTP_PASS, EMAIL_HOST_PASSWORD, smtpPassword… */
const KEY =
  '(?:pass(?:word)?|passwd|pwd|[a-z0-9_]*_pass(?:word|wd)?|(?:smtp|mail|email|auth|user|app|account|login)pass(?:word)?|secret|client[_-]?secret|api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token)';
/**
 * Our own markers say "password: 12 characters" and "[base64 of password: …]": a key right after these words is one
 * of them, not a setting.
 */
const NOT_A_MARKER = '(?<!redacted )(?<!of )(?<!and )';
/**
 * Patterns look at most this far into a value, so that a scan stays linear; a value that runs on is hidden to the
 * end of its token or line all the same (see toEndOf).
 */
const MAX_VALUE = 256;

export function redactCarriers(input: string, sink: SecretSink): string {
  let text = input;
  text = bearerTokens(text, sink);
  text = oauthTokens(text, sink);
  text = basicAuthorization(text, sink);
  text = envLineSettings(text, sink);
  text = quotedSettings(text, sink);
  text = unquotedSettings(text, sink);
  text = colonSettings(text, sink);
  text = spacedSettings(text, sink);
  text = urlCredentials(text, sink);
  text = commandLineCredentials(text, sink);
  text = bareSaslBlobs(text, sink);
  return text;
}

function shaped(sink: SecretSink, value: string, kind: 'password' | 'token' = 'password'): string {
  return sink.own.mark(`redacted ${describeShape(shapeOf(value, kind))}`);
}

function bearerTokens(text: string, sink: SecretSink): string {
  return text.replace(/\b(Bearer)[ \t]+([A-Za-z0-9._~+/-]{8,}=*)/g, (_m, word: string, token: string) => {
    sink.note({ secret: token, kind: 'token' });
    sink.replaced();
    return `${word} ${shaped(sink, token, 'token')}`;
  });
}

/** The documented first characters of the providers' access and refresh tokens (ya29., 1//), as knowledge has them. */
const TOKEN_PREFIXES = [
  ...new Set(OAUTH_PROVIDERS.flatMap((p) => [p.prefixes?.access, p.prefixes?.refresh].filter((x) => x !== undefined))),
].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));

/**
 * OAuth tokens wherever they stand, key or no key: a provider's token by its prefix (Google's ya29. access and 1//
 * refresh tokens), and a JWT (three base64url parts, the first two JSON: an access or ID token).
 */
const OAUTH_TOKEN = new RegExp(
  `(?<![\\w/.-])(?:(?:${TOKEN_PREFIXES.join('|')})[A-Za-z0-9._~+/-]{12,}|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*)`,
  'g',
);

function oauthTokens(text: string, sink: SecretSink): string {
  return text.replace(OAUTH_TOKEN, (token: string) => {
    sink.note({ secret: token, kind: 'token' });
    sink.replaced();
    return shaped(sink, token, 'token');
  });
}

/** HTTP Basic credentials (user:password in base64): hidden, but they are not the SMTP login. */
function basicAuthorization(text: string, sink: SecretSink): string {
  return text.replace(
    /\b(Authorization:[ \t]*Basic)[ \t]+([A-Za-z0-9+/]{4,}={0,2})/gi,
    (_m, head: string, b64: string) => {
      const decoded = decodeBase64Strict(b64)?.toString('utf8');
      const colon = decoded?.indexOf(':') ?? -1;
      sink.hide(b64);
      sink.replaced();
      if (decoded === undefined || colon < 0) return `${head} ${sink.own.mark('redacted credentials')}`;
      const password = decoded.slice(colon + 1);
      if (password !== '') sink.hide(password);
      const user = JSON.stringify(decoded.slice(0, colon));
      return `${head} ${sink.own.mark('redacted base64 of user ', { pasted: user }, ` and ${describeShape(shapeOf(password, 'password'))}`)}`;
    },
  );
}

/**
 * A quoted value: password: "…", 'password' => '…', :password=>"…" (Ruby), "pass":"…" (JSON). The value is a JSON,
 * JS or Ruby string literal: an escaped quote inside it does not end it.
 */
function quotedSettings(text: string, sink: SecretSink): string {
  return text.replace(
    new RegExp(String.raw`(${NOT_A_MARKER}\b${KEY}\b["']?\s*(?:=>|[:=])\s*)(["'])((?:\\.|(?!\2)[^\\\n])*)\2`, 'gi'),
    (_m, head: string, quote: string, value: string) => {
      if (value === '' || value.startsWith('[') || isReference(value)) return `${head}${quote}${value}${quote}`;
      const decoded = decodeJsLiteral(value);
      sink.note({ secret: decoded });
      sink.hide(value); // its echoes elsewhere may be escaped the same way
      sink.replaced();
      return `${head}${quote}${shaped(sink, decoded)}${quote}`;
    },
  );
}

/**
 * A line that is one setting of an .env or ini file, `MAIL_PASSWORD=my "pa ss" x`: the value runs to the end of the
 * line (dotenv reads it so), quotes and spaces included; one pair of quotes around all of it is not part of it. Only
 * values with spaces or quotes are read here — a one-word value reads the same as the settings below — and not a line
 * that holds another setting (`password=x user=y` is logfmt, one token each).
 */
function envLineSettings(text: string, sink: SecretSink): string {
  const line = new RegExp(`^([ \\t]*(?:export[ \\t]+)?${KEY}[ \\t]*=[ \\t]*)(\\S(?:[^\\n]*\\S)?)[ \\t]*$`, 'gim');
  return text.replace(line, (whole, head: string, raw: string) => {
    const value = raw.replace(/[ \t]+#.*$/, '');
    if (!/[\s"']/.test(value) || /\s[A-Za-z_][\w.-]*=/.test(value)) return whole;
    const q = value.charAt(0);
    const quoted = value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q);
    const secret = quoted ? value.slice(1, -1) : value;
    if (secret === '' || secret.startsWith('[') || isReference(secret)) return whole;
    sink.note({ secret });
    sink.replaced();
    const shown = quoted ? `${q}${shaped(sink, secret)}${q}` : shaped(sink, secret);
    return `${head}${shown}${raw.slice(value.length)}`;
  });
}

/** password=… in an .env file, a query string or logfmt (not Ruby's =>, read as a quoted setting). */
function unquotedSettings(text: string, sink: SecretSink): string {
  return text.replace(
    new RegExp(`(${NOT_A_MARKER}\\b${KEY}\\b\\s*=(?!>)\\s*)([^\\s"',;}]+)`, 'gi'),
    (_m, head: string, value: string) => {
      if (value.startsWith('[') || isReference(value)) return `${head}${value}`;
      sink.note({ secret: value });
      sink.replaced();
      return `${head}${shaped(sink, value)}`;
    },
  );
}

/**
 * "Password: …" and YAML "SMTP_PASSWORD: …" run to the end of the line (or to the next "key: " on it); Go's %+v
 * ("{Host:smtp.x Port:587 User:me Pass:…}") prints "Key:value" without a space, one token each.
 */
function colonSettings(text: string, sink: SecretSink): string {
  const head = new RegExp(`${NOT_A_MARKER}\\b${KEY}\\b["']?[ \\t]*:(?![:/=])([ \\t]*)`, 'gi');
  let out = '';
  let done = 0;
  for (const m of text.matchAll(head)) {
    const from = m.index + m[0].length;
    if (from < done) continue;
    const lineEnd = endOfLine(text, from);
    const rest = text.slice(from, Math.min(lineEnd, from + MAX_VALUE));
    if (rest === '' || /^["'[]/.test(rest)) continue;
    const spaced = (m[1] ?? '') !== '';
    let value = spaced ? spacedValue(rest) : tokenValue(rest);
    // Cut by the look-ahead limit: the value runs on to the end of the line (spaced) or of the token.
    if (value.length === MAX_VALUE)
      value = spaced ? runOnValue(text.slice(from, lineEnd)) : closersTrimmed(text.slice(from, endOfToken(text, from)));
    if (value === '' || isReference(value) || /^\d+ characters?\b/.test(value)) continue;
    sink.note({ secret: value });
    sink.replaced();
    out += text.slice(done, from) + shaped(sink, value);
    done = from + value.length;
  }
  return out + text.slice(done);
}

/** After "key: " the value ends at the line's end, a YAML comment, or where the next "key: " or "key=" starts. */
function spacedValue(rest: string): string {
  const next = /\s+[A-Za-z_][\w.-]{0,40}["']?(?:[ \t]*:[ \t]|=)|[ \t]+#/.exec(rest);
  const value = (next ? rest.slice(0, next.index) : rest).trimEnd();
  // The closing brace of a YAML flow mapping or a dump, and a separator after the value, are not part of it.
  return value.replace(/[,;]?[}\])]*$/, '');
}

/** Go's "Pass:secret}" or "Pass:secret ": one token, without the brace that closes the struct. */
function tokenValue(rest: string): string {
  return (/^\S+/.exec(rest)?.[0] ?? '').replace(/[,;]?[}\])]+$/, '').replace(/,$/, '');
}

/**
 * "password secret" on a line of its own (msmtprc, a netrc line: "machine h login me password secret") and "passwd
 * secret" as typed. A word that describes the password rather than being one (Password incorrect) stays.
 */
function spacedSettings(text: string, sink: SecretSink): string {
  const line = /^([ \t]*(?:password|passwd|pwd|pass)[ \t]+)(\S+)([ \t]*)$/gim;
  const netrc = /(\blogin[ \t]+(\S+)[ \t]+password[ \t]+)(\S+)/gi;
  let out = text.replace(netrc, (_m, head: string, user: string, value: string) => {
    if (value.startsWith('[')) return `${head}${value}`;
    sink.note({ username: user, secret: value });
    sink.replaced();
    return `${head}${shaped(sink, value)}`;
  });
  out = out.replace(line, (whole, head: string, value: string, tail: string) => {
    if (value.startsWith('[') || DESCRIPTIONS.test(value) || isReference(value)) return whole;
    sink.note({ secret: value });
    sink.replaced();
    return `${head}${shaped(sink, value)}${tail}`;
  });
  return out;
}

const DESCRIPTIONS =
  /^(?:incorrect|invalid|wrong|required|expired|accepted|rejected|refused|mismatch|missing|empty|ok|failed|changed|reset|not|is|was|for|and|or|the|of|must|needs?|authentication)\.?$/i;

/**
 * user:password@ in a URL of any scheme (smtp, smtps, submission, smtp+ssl, smtps+starttls, postgres…). The user
 * name is the login's only for a mail scheme. A password with an unencoded "@" ends at the last "@" before the path
 * (an "@" in a query without a path hides a little too much, never too little).
 */
function urlCredentials(text: string, sink: SecretSink): string {
  return text.replace(
    // The password has no length limit: its scan ends at the next "/" or space, and every attempt starts at "://".
    /\b([a-z][a-z0-9+.-]{0,30}):\/\/([^\s:@/]{1,256}):([^\s/]+?)@(?=[^\s@/]{1,253}(?:[/\s]|$))/gi,
    (_m, scheme: string, user: string, value: string) => {
      const decoded = safeDecodeUri(value);
      const mail = /^(?:smtps?|submissions?|e?smtps?\+[a-z]+|lmtp)$/i.test(scheme);
      sink.note(mail ? { username: safeDecodeUri(user), secret: decoded } : { secret: decoded });
      sink.replaced();
      return `${scheme}://${user}:${shaped(sink, decoded)}@`;
    },
  );
}

/** curl -u user:password / --user user:password, swaks --auth-password / -ap. */
function commandLineCredentials(text: string, sink: SecretSink): string {
  // The password runs to the closing quote (or the line's end) or to the next space: greedy and last in the pattern,
  // so it never backtracks and has no length limit.
  const curl =
    /((?:^|[\s;|&])(?:-u|--user)(?:[ \t]+|=)?)(?:(['"])((?:(?!\2)[^\n:]){1,256}):((?:(?!\2)[^\n])*)\2?|([^\s:'"]{1,256}):(\S*))/gm;
  let out = text.replace(
    curl,
    (whole, head: string, quote: string | undefined, qUser?: string, qPass?: string, user?: string, pass?: string) => {
      const name = quote !== undefined ? qUser : user;
      const value = quote !== undefined ? qPass : pass;
      if (name === undefined || value === undefined || value === '' || value.startsWith('[')) return whole;
      sink.note({ username: name, secret: value });
      sink.replaced();
      const q = quote ?? '';
      return `${head}${q}${name}:${shaped(sink, value)}${q}`;
    },
  );
  const swaks = /((?:^|\s)(?:--auth-password|-ap|--password)(?:[ \t]+|=))(?:(['"])((?:(?!\2)[^\n])+)\2?|([^\s'"]+))/g;
  out = out.replace(swaks, (whole, head: string, quote?: string, quoted?: string, bare?: string) => {
    const value = quoted ?? bare ?? '';
    if (value === '' || value.startsWith('[') || value.startsWith('-') || isReference(value)) return whole;
    sink.note({ secret: value });
    sink.replaced();
    const q = quote ?? '';
    return `${head}${q}${shaped(sink, value)}${q}`;
  });
  return out;
}

/**
 * SASL blobs outside an AUTH line: a server that echoes what it got ("535 5.7.8 Error: authentication failed: PLAIN
 * AG1l…"), or a blob pasted alone. Only blobs that decode to a PLAIN response (authzid\0user\0password) or an
 * XOAUTH2/OAUTHBEARER one are replaced: other base64 (ids, hashes) says nothing secret.
 */
function bareSaslBlobs(text: string, sink: SecretSink): string {
  return text.replace(/(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{8,8192}={0,2}(?![A-Za-z0-9+/=])/g, (b64) => {
    const bytes = decodeBase64Strict(b64);
    if (!bytes) return b64;
    const decoded = bytes.toString('utf8');
    if (decoded.includes('\uFFFD')) return b64;
    const plain = decoded.split('\0');
    // eslint-disable-next-line no-control-regex -- a user name or password is text, not control bytes
    if (plain.length === 3 && plain[1] !== '' && plain[2] !== '' && !/[\x01-\x08\x0e-\x1f]/.test(decoded)) {
      const [, user = '', pass = ''] = plain;
      sink.note({ username: user, secret: pass });
      sink.replaced();
      return sink.own.mark(
        'base64 of user ',
        { pasted: JSON.stringify(user) },
        ` and ${describeShape(shapeOf(pass, 'password'))}`,
      );
    }
    // eslint-disable-next-line no-control-regex -- the field separator is a control character
    const token = /\bauth=Bearer ([^\x01]+)/i.exec(decoded)?.[1];
    if (token !== undefined) {
      // eslint-disable-next-line no-control-regex -- the field separator is a control character
      const user = /(?:^|\x01|,)(?:user=|a=)([^\x01,]*)/.exec(decoded)?.[1];
      sink.note({ ...(user !== undefined ? { username: user } : {}), secret: token, kind: 'token' });
      sink.replaced();
      return sink.own.mark(
        'base64 of user ',
        { pasted: JSON.stringify(user ?? '') },
        ` and bearer ${describeShape(shapeOf(token, 'token'))}`,
      );
    }
    return b64;
  });
}

/** A reference to where the secret is kept, not the secret: ENV['X'], process.env.X, ${X}, %X%, {{ x }}. */
function isReference(value: string): boolean {
  return /^(?:ENV\[|ENV\.fetch|process\.env\b|os\.environ|os\.getenv|getenv\(|System\.getenv|env\(|\$\{[\w.:-]*\}?$|\$[A-Z_][A-Z0-9_]*$|%[\w.]+%$|\{\{)/.test(
    value,
  );
}

/** A spaced value past the look-ahead limit: to the line's end or a YAML comment, without closing brackets. */
function runOnValue(line: string): string {
  const comment = [line.indexOf(' #'), line.indexOf('\t#')].filter((i) => i >= 0);
  return closersTrimmed((comment.length > 0 ? line.slice(0, Math.min(...comment)) : line).trimEnd());
}

/** Without the brackets that close a dump or mapping after the value ("Pass:secret}"), in one pass from the end. */
function closersTrimmed(value: string): string {
  let end = value.length;
  while (end > 0 && '}])'.includes(value.charAt(end - 1))) end -= 1;
  if (end > 0 && ',;'.includes(value.charAt(end - 1))) end -= 1;
  return value.slice(0, end);
}

function endOfToken(text: string, from: number): number {
  const token = /\S*/y;
  token.lastIndex = from;
  return from + (token.exec(text)?.[0].length ?? 0);
}

function endOfLine(text: string, from: number): number {
  const next = text.indexOf('\n', from);
  return next === -1 ? text.length : next;
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
