// Clues in pasted text besides replies: the client that printed it, the host/port/TLS mode, the user name.
import type { ClientHint, EvidenceTarget } from '../model/evidence.js';
import type { Security } from '../model/session.js';
import { MAIL_PORTS } from '../knowledge/ports.js';

const CLIENTS: readonly [string, RegExp][] = [
  [
    'nodemailer',
    /\bnodemailer\b|SMTPConnection\._formatError|code: ['"]E(?:AUTH|ENVELOPE|SOCKET|CONNECTION|TLS|DNS)['"]|\bInvalid login: \d{3}/,
  ],
  ['python-smtplib', /\bsmtplib\b|SMTPAuthenticationError|SMTPServerDisconnected/],
  ['phpmailer', /SERVER -> CLIENT:|CLIENT -> SERVER:|\bPHPMailer\b|SMTP Error: Could not authenticate/],
  ['symfony-mailer', /Symfony\\Component\\Mailer|Expected response code "/],
  ['swiftmailer', /Swift_TransportException|Expected response code \d{3} but got/],
  ['dotnet', /System\.Net\.Mail|SmtpException/],
  ['mailkit', /\bMailKit\b/],
  ['javamail', /\b(?:javax|jakarta)\.mail\b|com\.sun\.mail/],
  ['ruby-net-smtp', /Net::SMTP|Net::OpenTimeout|Net::ReadTimeout/],
  ['go', /\bsmtp: server doesn't support|\bdial tcp\b|\bnet\/smtp\b/],
  ['swaks', /^=== Trying |^(?:<~|<-|<\*\*|<~\*) |No authentication type succeeded/m],
  ['curl', /\bcurl: \(\d+\)|^\* {1,3}Trying /m],
  ['msmtp', /\bmsmtp: /],
];

export function clientHint(text: string): ClientHint | undefined {
  for (const [client, re] of CLIENTS) {
    const m = re.exec(text);
    if (m) return { client, quote: m[0].trim().slice(0, 120) };
  }
  return undefined;
}

/** Host, port and TLS mode as the pasted text states them; never guessed from a port alone. */
export function targetClues(text: string): EvidenceTarget {
  const target: EvidenceTarget = {};
  const set = (host: string | undefined, port: string | undefined, security?: Security): void => {
    if (host && target.host === undefined && !/^\d+\.\d+\.\d+\.\d+$/.test(host)) target.host = host.toLowerCase();
    if (port && target.port === undefined && MAIL_PORTS.has(Number(port))) target.port = Number(port);
    if (security && target.security === undefined) target.security = security;
  };
  // Host parts are bounded (a name has at most 253 characters): unbounded, a pasted run of "smtp.smtp.…" made each
  // failed match rescan the rest of the text, which is quadratic in the paste. Each clue is [pattern, host, port,
  // TLS mode]; the first match whose host is plausible (not a stack frame's class or file name) counts.
  const tries: [RegExp, (m: RegExpExecArray) => [string | undefined, string | undefined, Security?]][] = [
    // Symfony, PHP streams: ssl://host:port and tls://host:port are implicit TLS.
    [/\b(ssl|tls):\/\/([a-z0-9.-]{1,253}):(\d+)/gi, (m) => [m[2], m[3], 'tls']],
    [/\bsmtps:\/\/(?:[^@\s/]+@)?([a-z0-9.-]{1,253})(?::(\d+))?/gi, (m) => [m[1], m[2] ?? '465', 'tls']],
    [/\bsmtp:\/\/(?:[^@\s/]+@)?([a-z0-9.-]{1,253})(?::(\d+))?/gi, (m) => [m[1], m[2]]],
    // MailKit: client.Connect("host", 587, SecureSocketOptions.SslOnConnect) — SslOnConnect is implicit TLS.
    [
      /\.Connect(?:Async)?\(\s*["']([a-z0-9.-]{1,253})["']\s*,\s*(\d+)\s*,\s*(?:SecureSocketOptions\.)?(SslOnConnect|StartTls)\b/gi,
      (m) => [m[1], m[2], m[3] === 'SslOnConnect' ? 'tls' : 'starttls'],
    ],
    // Python: smtplib.SMTP_SSL("host", 465) / smtplib.SMTP("host", 587).
    [/\bSMTP(_SSL)?\(\s*['"]([a-z0-9.-]{1,253})['"]\s*,\s*(\d+)/gi, (m) => [m[2], m[3], m[1] ? 'tls' : undefined]],
    [/=== Trying ([a-z0-9.-]{1,253}):(\d+)/gi, (m) => [m[1], m[2]]],
    [/Connected to ([a-z0-9.-]{1,253}) \([^)]*\) port (\d+)/gi, (m) => [m[1], m[2]]],
    [/Failed to connect to ([a-z0-9.-]{1,253}) port (\d+)/gi, (m) => [m[1], m[2]]],
    [/Could not connect to SMTP host: ([a-z0-9.-]{1,253}), port: (\d+)/gi, (m) => [m[1], m[2]]],
    [/cannot connect to ([a-z0-9.-]{1,253}), port (\d+)/gi, (m) => [m[1], m[2]]],
    [/\bhost['"]?\s*[:=]\s*['"]([a-z0-9.-]{1,253})['"]/gi, (m) => [m[1], undefined]],
    [/\bport['"]?\s*[:=]\s*['"]?(\d{2,4})\b/gi, (m) => [undefined, m[1]]],
    [
      /\b((?:smtp|mail|email-smtp|in-v3|smtp-relay|smtp-mail|smtppro)[a-z0-9.-]{0,253}\.[a-z]{2,}):(\d{2,4})\b/gi,
      (m) => [m[1], m[2]],
    ],
    [/\bconnect (?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH) [0-9a-f.:]+:(\d+)/gi, (m) => [undefined, m[1]]],
    [/\bdial tcp [^\s:]+:(\d+)/gi, (m) => [undefined, m[1]]],
    [
      /\b(smtp(?:-mail|-relay|pro)?\.[a-z0-9.-]{1,253}\.[a-z]{2,}|email-smtp\.[a-z0-9-]+\.amazonaws\.com)\b/gi,
      (m) => [m[1], undefined],
    ],
  ];
  for (const [re, read] of tries) {
    for (const m of text.matchAll(re)) {
      const [host, port, security] = read(m);
      if (host !== undefined && !plausibleHost(text, host, m.index + m[0].indexOf(host))) continue;
      set(host, port, security);
      break;
    }
  }
  if (target.security === undefined) {
    if (
      /\bsecure:\s*true\b|\bSMTP_SSL\b|SMTPSecure\s*=\s*['"]ssl['"]|PHPMailer::ENCRYPTION_SMTPS|\buse_ssl\b\s*[:=]\s*true/i.test(
        text,
      )
    )
      target.security = 'tls';
    else if (
      /\bsecure:\s*false\b|\.starttls\(\)|SMTPSecure\s*=\s*['"]tls['"]|ENCRYPTION_STARTTLS|Ready to start TLS/i.test(
        text,
      )
    )
      target.security = 'starttls';
  }
  return target;
}

/**
 * Settings that name the SMTP user: user, username, user_name (Ruby), EMAIL_HOST_USER (Django), MAIL_USERNAME
 * (Laravel), SMTP_USER, spring.mail.username, mail.smtp.user, smtpUser, User (Go's %+v). Not User-Agent, users or
 * user_id.
 */
const USER_SETTING = new RegExp(
  String.raw`(?<![\w.-])(?:[\w.-]{0,60}[._-])?(?:smtp|mail|email|auth|sender|account)?user(?:_?name)?(?![\w-])` +
    String.raw`["']?[ \t]*(?:=>|[:=])[ \t]*(?:(["'])([^"'\n]{1,254})\1|([A-Za-z0-9._%+@-]{1,254})(?=[\s,;}\]]|$))`,
  'gi',
);
/** Values that say nothing about the user: booleans, nulls, placeholders. */
const NOT_A_USER = /^(?:true|false|null|nil|none|undefined|\*+|x+|<[^>]*>|\.\.\.)$/i;

/** The user name as the client reports it (Symfony's message, a config dump, a transcript's decoded AUTH). */
export function usernameClue(text: string): string | undefined {
  const symfony = /with username "([^"]*)"/.exec(text);
  if (symfony) return symfony[1];
  for (const m of text.matchAll(USER_SETTING)) {
    const value = (m[2] ?? m[3] ?? '').trim();
    if (value !== '' && !value.startsWith('[') && !NOT_A_USER.test(value)) return value;
  }
  return undefined;
}

/** The SASL mechanism the client used, when it names it. */
export function mechanismClue(text: string): string | undefined {
  const m =
    /command: ['"]AUTH ([A-Z0-9-]+)['"]/.exec(text) ??
    /Authenticator "([A-Z0-9-]+)" returned/.exec(text) ??
    /authentication failed \(method ([A-Z0-9-]+)\)/.exec(text) ??
    /Missing credentials for "([A-Z0-9-]+)"/.exec(text);
  return m?.[1];
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;

/**
 * Stack frames and paths look like host names: "MailKit.Net.Smtp.SmtpClient.AuthenticateAsync(…)",
 * "SMTPTransport.java:947", "/usr/lib/python3.11/smtplib.py". A host's last label is a country code (two letters,
 * except the file extensions below) or one of these generic and private top-level names.
 */
const SOURCE_EXTENSIONS = new Set(
  'java class jar kt kts scala groovy cs vb fs dll exe py pyc rb js mjs cjs ts mts cts jsx tsx go php cpp hpp swift lua json xml yaml yml txt log ini cfg conf toml html htm'.split(
    ' ',
  ),
);
const GENERIC_TLDS = new Set(
  [
    'com net org edu gov mil int info biz name pro aero coop mobi asia tel travel jobs app dev cloud email online',
    'site tech store shop xyz top club live life world today space website digital network systems solutions',
    'services company group agency media news blog global center host hosting link click one page run zone team',
    'works studio design software consulting academy school university health law bank insurance finance capital',
    'money art music games google microsoft apple amazon eus cat berlin paris london nyc tokyo swiss scot wales',
    'bayern nrw hamburg wien koeln quebec africa lat ngo ong',
    // Private names mail servers often have on a company network or in a lab.
    'local localdomain localhost lan internal intranet corp home private test example invalid arpa',
  ]
    .join(' ')
    .split(' '),
);

/** How far before a name its line's start is looked for: stack-frame lines name their frame within this. */
const FRAME_LOOKBACK = 300;

/** A name that can be a host: its top-level label is one, and it is not a class or file name in a stack frame. */
function plausibleHost(text: string, name: string, at: number): boolean {
  const tld = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (SOURCE_EXTENSIONS.has(tld)) return false;
  if (!(/^[a-z]{2}$/.test(tld) || GENERIC_TLDS.has(tld) || tld.startsWith('xn--'))) return false;
  // A method call, or a name on a stack-frame line ("   at com.example.Mailer.send…", "\tat …"). The look back is
  // bounded so that a long line of names stays linear to scan.
  if (text.charAt(at + name.length) === '(') return false;
  const from = Math.max(0, at - FRAME_LOOKBACK);
  const before = text.slice(from, at);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && from > 0) return true;
  return !/^\s*at\s/.test(before.slice(newline + 1));
}

const LOCAL_PART = /[A-Za-z0-9._%+-]/;

/**
 * Host names and e-mail domains mentioned anywhere, for provider recognition. Pasted logs can be a megabyte of
 * base64 or dotted text: scanning runs of host characters once (a name is at most 253 of them) keeps this linear,
 * where an unanchored pattern retried at every position of such a run took seconds to minutes.
 */
export function mentionedHosts(text: string): { hosts: string[]; emailDomains: string[] } {
  const hosts = new Set<string>();
  const emailDomains = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z0-9.-]+/g)) {
    const run = m[0];
    if (run.length > 253) continue;
    // Like a word boundary at each end: hyphens and dots around a name are not part of it.
    const lead = /^[.-]*/.exec(run)?.[0].length ?? 0;
    const name = run.slice(lead).replace(/[.-]+$/, '');
    if (!HOST.test(name) || !plausibleHost(text, name, m.index + lead)) continue;
    const before = text[m.index + lead - 1];
    if (before === '@' && lead === 0) {
      if (LOCAL_PART.test(text[m.index - 2] ?? '')) emailDomains.add(name.toLowerCase());
    } else hosts.add(name.toLowerCase());
  }
  return { hosts: [...hosts].slice(0, 50), emailDomains: [...emailDomains].slice(0, 20) };
}
