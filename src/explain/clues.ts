// Clues in pasted text besides replies: the client that printed it, the host/port/TLS mode, the user name.
import type { ClientHint, EvidenceTarget } from '../model/evidence.js';
import type { Security } from '../model/session.js';
import type { Phase } from '../model/transcript.js';
import { MAIL_PORTS } from '../knowledge/ports.js';

/**
 * The client that printed the text, most specific first: a framework before the library under it (Django before
 * smtplib, Spring before Jakarta Mail, MailKit before System.Net.Mail), each by what only it prints (its package or
 * class names, its own messages, its debug markers). Ids are knowledge/clients.ts's, so advice can name the client's
 * settings; a framework without its own entry names the library it sends with (Laravel: SwiftMailer or Symfony
 * Mailer; Spring: Jakarta Mail, whose mail.smtp.* properties it passes on).
 */
const CLIENTS: readonly [string, RegExp][] = [
  // Django's debug page and its SMTP backend (django/core/mail/backends/smtp.py), settings named EMAIL_*.
  ['django', /\bdjango[./]core[./]mail\b|\bDjango Version:|\bEMAIL_HOST_(?:USER|PASSWORD)\b|\bEMAIL_USE_(?:TLS|SSL)\b/],
  // nodemailer: its package, its error codes, the messages _formatError puts before a reply and its error object's
  // responseCode (nodemailer lib/smtp-connection/index.js: 'Message failed', 'Greeting never received'…), and 0.x's
  // AuthError and debug blocks ("SERVER 1:" then "└──220 …", simplesmtp lib/client.js).
  [
    'nodemailer',
    /\bnodemailer\b|SMTPConnection\._formatError|\bresponseCode["']?: ?\d{3}\b|\bGreeting never received\b|\bAuthError: Invalid login - |^[ \t]*SERVER \d{1,3}:[ \t]*\r?\n[ \t]*└──|\bcode["']?: ?['"]E(?:AUTH|ENVELOPE|MESSAGE|STREAMING|PROTOCOL|SOCKET|CONNECTION|TLS|DNS)['"]|\b(?:Invalid login|Mail command failed|Recipient command failed|Data command failed|Message failed|Can't send mail - all recipients were rejected): \d{3}/m,
  ],
  // Not Ruby's Net::SMTPAuthenticationError.
  // Its exceptions, their (code, bytes) arguments ("(535, b'5.7.8 …')", Python 3), its own messages (python/cpython
  // Lib/smtplib.py login(), starttls()), and Python's ssl module's errors ("(_ssl.c:1006)"), which mail code in Python
  // meets through smtplib.
  [
    'python-smtplib',
    /\bsmtplib\b|(?<!::)\bSMTP(?:AuthenticationError|ServerDisconnected|RecipientsRefused|SenderRefused|DataError|ConnectError|HeloError|NotSupportedError)\b|\bSMTP_SSL\(|\([2-5]\d\d, b['"]|\b(?:SMTP AUTH|STARTTLS) extension not supported by server\b|\(_ssl\.c:\d{1,5}\)/,
  ],
  ['swiftmailer', /\bSwift_\w*(?:Exception|Transport)\b|\bswiftmailer\b|Expected response code \d{3} but got/i],
  ['symfony-mailer', /Symfony\\{1,2}Component\\{1,2}Mailer|Expected response code "/],
  // PHPMailer's debug output and messages (PHPMailer src/SMTP.php "SMTP ERROR: … command failed", 5.x class.smtp.php
  // "SMTP -> ERROR:", language/phpmailer.lang-en.php).
  [
    'phpmailer',
    /SERVER -> CLIENT:|CLIENT -> SERVER:|\bPHPMailer\b|SMTP Error: Could not authenticate|\bSMTP ERROR: \w+ command failed: |\bSMTP -> ERROR: |\bSMTP Error: (?:data not accepted|Could not connect to SMTP host|The following recipients failed)|\bSMTP connect\(\) failed|\bConnection: opening to /,
  ],
  // MailKit's own messages (jstedfast/MailKit MailKit/Net/Smtp/SmtpStream.cs, SmtpClient.cs, SslHandshakeException.cs).
  [
    'mailkit',
    /\bMailKit\b|\bMimeKit\b|\bSmtpCommandException\b|\bSslHandshakeException\b|The SMTP server has unexpectedly disconnected|An error occurred while attempting to establish an SSL or TLS connection|The SMTP server does not support authentication/,
  ],
  // System.Net.Mail's resource strings (dotnet/runtime System.Net.Mail Strings.resx: MailServerResponse,
  // SmtpMustIssueStartTlsFirst, MailServerDoesNotSupportStartTls, SmtpSendMailFailure).
  [
    'dotnet',
    /System\.Net\.Mail|\bSmtpException\b|\bThe server response was: |The SMTP server requires a secure connection or the client was not authenticated|Server does not support secure connections\.|\bFailure sending mail\./,
  ],
  [
    'javamail',
    /\b(?:javax|jakarta)\.mail\b|\bcom\.sun\.mail\b|\borg\.eclipse\.angus\.mail\b|\borg\.springframework\.mail\b|^DEBUG SMTP: |\bAuthenticationFailedException\b/m,
  ],
  // Net::SMTP, and Ruby's own shapes mail code in Ruby meets through it: its OpenSSL and Errno exceptions, the
  // openssl extension's "SSL_connect returned=1 errno=0", a backtrace's "file.rb:13:in `perform'".
  [
    'ruby-net-smtp',
    /Net::SMTP|\bnet\/smtp\.rb\b|Net::OpenTimeout|Net::ReadTimeout|\bActionMailer\b|^-> "[2-5]\d\d[ -]|^opening connection to \S{1,260}\.\.\.$|OpenSSL::SSL::SSLError|\bSSL_connect returned=\d|\bErrno::E[A-Z]{2,20}\b|\.rb:\d{1,6}:in [`'‘]/m,
  ],
  // Go: net/smtp's and crypto/tls's own error strings (golang/go src/net/smtp/auth.go "unencrypted connection"), gomail
  // and go-mail, and Go programs' mail senders: Grafana's notifier, Gophish's "Max connection attempts exceeded",
  // Mattermost's "SendMail:".
  [
    'go',
    /\bunencrypted connection\b|\blogger=alerting\.notifier\b|\bMax connection attempts exceeded\b|\bSendMail: Failed to |\bsmtp: server doesn't support|\bdial tcp\b|\bnet\/smtp\b|\bgomail: |\bgo-mail\/mail\b|\bwneessen\/go-mail\b|\btls: first record does not look like a TLS handshake|\bx509: certificate /,
  ],
  // Rust's lettre: its error type and Display shapes (lettre/lettre src/transport/smtp/error.rs).
  ['lettre', /\blettre::|\b(?:permanent|transient) error \([45]\d\d\)/],
  ['swaks', /^=== Trying |^(?:<~|<-|<\*\*|<~\*) (?!")|No authentication type succeeded|^\*\*\* TLS startup failed \(/m],
  // curl, and R's curl package on libcurl (curl_fetch_memory).
  ['curl', /\bcurl: \(\d+\)|^\* {1,3}Trying |\bcurl_fetch_memory\(/m],
  // msmtp's messages (also as "sendmail:", its usual link name) and its log line (marlam/msmtp src/msmtp.c).
  [
    'msmtp',
    /\bmsmtp: |\bcannot use a secure authentication method\b|\bsendmail: the server does not support authentication\b|\btls=(?:on|off) auth=(?:on|off) /,
  ],
  // mutt and NeoMutt: their messages and their debug log's socket markers ("4< 250-…").
  [
    'mutt',
    /\bneomutt\b|\bmutt -d\b|No authenticators available|\bsmtp_url\b|^(?:\[[^\]\n]{1,40}\])?(?:<\d>)? ?\d{1,2}[<>] (?:\d{3}[ -]|EHLO|AUTH)/m,
  ],
];

export function clientHint(text: string): ClientHint | undefined {
  for (const [client, re] of CLIENTS) {
    const m = re.exec(text);
    if (m) return { client, quote: (m[0].trim().split('\n')[0] ?? '').slice(0, 120) };
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
    // Postfix's delivery status names the relay it talked to: relay=host[address]:port.
    [/\brelay=([a-z0-9.-]{1,253})\[[0-9a-f.:]{2,45}\]:(\d+)/gi, (m) => [m[1], m[2]]],
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

/**
 * The client's AUTH command in a transcript or debug log: "C: AUTH PLAIN …", "CLIENT -> SERVER: AUTH LOGIN", swaks'
 * "~> AUTH LOGIN", mutt's "4> AUTH PLAIN", Python's "send: 'AUTH PLAIN …'", Ruby's '<- "AUTH PLAIN …"'.
 */
const AUTH_SENT =
  /(?:^|[ \t])(?:C:|CLIENT -> SERVER:|\*~>|\*\*>|-->|->|~>|>>>|SMTP>>|>>|\d{1,2}>|>|send: b?['"]|<- ")[ \t]{0,8}AUTH ([A-Z0-9-]{1,20})\b/m;

/** The SASL mechanism the client used, when it names it. */
export function mechanismClue(text: string): string | undefined {
  const m =
    /command: ['"]AUTH ([A-Z0-9-]+)['"]/.exec(text) ??
    // Symfony Mailer quotes the name, SwiftMailer does not (EsmtpTransport.php, AuthHandler.php).
    /Authenticator "?([A-Z0-9-]{1,20})"? returned/.exec(text) ??
    // Jakarta Mail's debug output (SMTPTransport.authenticate).
    /^DEBUG SMTP: Using mechanism ([A-Z0-9-]{1,20})\b/m.exec(text) ??
    AUTH_SENT.exec(text) ??
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

/** A place in the text that names the command a nearby refusal answered: a stack frame or an exception's name. */
export interface PhaseClue {
  at: number;
  phase: Phase;
}

const RUBY_METHODS: Readonly<Record<string, Phase>> = {
  mailfrom: 'mail',
  rcptto: 'rcpt',
  rcptto_list: 'rcpt',
  data: 'data',
  authenticate: 'auth',
  auth_plain: 'auth',
  auth_login: 'auth',
  auth_cram_md5: 'auth',
  auth_xoauth2: 'auth',
  check_auth_response: 'auth',
  check_auth_continue: 'auth',
  starttls: 'starttls',
  helo: 'ehlo',
  ehlo: 'ehlo',
  do_helo: 'ehlo',
};
const PYTHON_FUNCTIONS: Readonly<Record<string, Phase>> = {
  login: 'auth',
  auth: 'auth',
  starttls: 'starttls',
  ehlo: 'ehlo',
  helo: 'ehlo',
  ehlo_or_helo_if_needed: 'ehlo',
  mail: 'mail',
  rcpt: 'rcpt',
  data: 'data',
  connect: 'greeting',
};
const EXCEPTIONS: Readonly<Record<string, Phase>> = {
  SMTPAuthenticationError: 'auth',
  SMTPSenderRefused: 'mail',
  SMTPRecipientsRefused: 'rcpt',
  SMTPDataError: 'data',
  SMTPHeloError: 'ehlo',
  AuthenticationFailedException: 'auth',
  SMTPSenderFailedException: 'mail',
  SMTPAddressFailedException: 'rcpt',
};
const JAVA_METHODS: Readonly<Record<string, Phase>> = {
  mailFrom: 'mail',
  rcptTo: 'rcpt',
  data: 'data',
  finishData: 'data',
  authenticate: 'auth',
  startTLS: 'starttls',
  helo: 'ehlo',
  ehlo: 'ehlo',
  openServer: 'greeting',
};
const DOTNET_COMMANDS: Readonly<Record<string, Phase>> = {
  MailCommand: 'mail',
  RecipientCommand: 'rcpt',
  DataCommand: 'data',
  DataStopCommand: 'data',
  EHelloCommand: 'ehlo',
  HelloCommand: 'ehlo',
  StartTlsCommand: 'starttls',
  AuthCommand: 'auth',
};
const MAILKIT_METHODS: Readonly<Record<string, Phase>> = {
  Authenticate: 'auth',
  MailFrom: 'mail',
  ProcessMailFromResponse: 'mail',
  RcptTo: 'rcpt',
  ProcessRcptToResponse: 'rcpt',
  Data: 'data',
  Bdat: 'data',
  Ehlo: 'ehlo',
};
const PHP_METHODS: Readonly<Record<string, Phase>> = {
  doMailFromCommand: 'mail',
  doRcptToCommand: 'rcpt',
  doDataCommand: 'data',
  doHeloCommand: 'ehlo',
  doEhloCommand: 'ehlo',
  handleAuth: 'auth',
  afterEhlo: 'auth',
  authenticate: 'auth',
  auth: 'auth',
  mail: 'mail',
  rcpt: 'rcpt',
  recipient: 'rcpt',
  data: 'data',
  hello: 'ehlo',
  helo: 'ehlo',
  ehlo: 'ehlo',
  startTLS: 'starttls',
};
/** nodemailer's error codes that name the step (nodemailer lib/smtp-connection/index.js _formatError callers). */
const NODEMAILER_CODES: Readonly<Record<string, Phase>> = { EAUTH: 'auth', EMESSAGE: 'data', ETLS: 'starttls' };
const COMMANDS: Readonly<Record<string, Phase>> = {
  CONN: 'greeting',
  'MAIL FROM': 'mail',
  'RCPT TO': 'rcpt',
  DATA: 'data',
  EHLO: 'ehlo',
  HELO: 'ehlo',
  AUTH: 'auth',
  STARTTLS: 'starttls',
};
const NODEMAILER_ACTIONS: readonly [RegExp, Phase][] = [
  [/^Greeting/, 'greeting'],
  [/^(?:LHLO|EHLO|HELO)/, 'ehlo'],
  [/^STARTTLS/, 'starttls'],
  [/^AUTH/, 'auth'],
  [/^MAIL/, 'mail'],
  [/^RCPT/, 'rcpt'],
  [/^(?:DATA|SMTPStream)/, 'data'],
];

/**
 * Where clients name the command in their stack or exception: each pattern's first group looked up in its table.
 * Ruby's net/smtp.rb frames (ruby/net-smtp lib/net/smtp.rb: mailfrom, rcptto, auth_plain…), Python's smtplib.py frames
 * and raises (python/cpython Lib/smtplib.py), the exceptions that name the command (smtplib's; Jakarta Mail's
 * SMTPSenderFailedException, SMTPAddressFailedException, AuthenticationFailedException), Jakarta Mail's SMTPTransport
 * frames (jakartaee/mail-api SMTPTransport.java), .NET's System.Net.Mail commands (dotnet/runtime SmtpCommands.cs),
 * MailKit's SmtpClient methods (jstedfast/MailKit SmtpClient.cs), PHP mailers' methods (SwiftMailer's and Symfony's
 * do…Command, PHPMailer's SMTP::mail/recipient/data/authenticate, laminas-mail's Smtp::mail/rcpt/data), their
 * executeCommand('RCPT TO:…'), and nodemailer's SMTPConnection._action… handlers (nodemailer lib/smtp-connection).
 */
const CLUES: readonly [RegExp, (name: string) => Phase | undefined][] = [
  [/net\/smtp\.rb:\d{1,6}:in [`'"]?(?:block in )?(?:Net::SMTP[#.])?(\w{1,40})/g, (n) => RUBY_METHODS[n]],
  [/smtplib\.py"?, line \d{1,6}, in (\w{1,40})/g, (n) => PYTHON_FUNCTIONS[n]],
  // Not Ruby's Net::SMTPAuthenticationError: net/smtp raises it for any 53x reply, to MAIL FROM too (Response#exception_class).
  [/(?<!::)\b(SMTP\w{1,30}(?:Error|Refused|Exception)|AuthenticationFailedException)\b/g, (n) => EXCEPTIONS[n]],
  [/\bSMTPTransport(?:\$\w{1,40})?\.(\w{1,40})\(/g, (n) => JAVA_METHODS[n]],
  [/\bSystem\.Net\.Mail\.(\w{1,40}Command)\b/g, (n) => DOTNET_COMMANDS[n]],
  [/\bSmtpClient\.<?(\w{1,40}?)(?:Async)?>?(?:d__\d{1,4})?[.(]/g, (n) => MAILKIT_METHODS[n]],
  [/\b\w{0,60}(?:SMTP|Smtp|Transport|Auth\w{0,40}|Authenticator|Login|Plain)->(\w{1,40})\(/g, (n) => PHP_METHODS[n]],
  [/->executeCommand\(\s*['"](MAIL FROM|RCPT TO|DATA|EHLO|HELO|AUTH|STARTTLS)\b/g, (n) => COMMANDS[n]],
  [/\bSMTPConnection\._action(\w{1,40})/g, (n) => NODEMAILER_ACTIONS.find(([re]) => re.test(n))?.[1]],
  // nodemailer's error object: its code and the command it failed at (code: 'EAUTH', command: 'AUTH PLAIN').
  [/\bcode["']?:\s{0,3}["'](EAUTH|EMESSAGE|ETLS)["']/g, (n) => NODEMAILER_CODES[n]],
  [/\bcommand["']?:\s{0,3}["'](MAIL FROM|RCPT TO|DATA|EHLO|HELO|AUTH|STARTTLS|CONN)\b/g, (n) => COMMANDS[n]],
];

/** Every phase clue of the text, in the order the text shows them. */
export function phaseClues(text: string): PhaseClue[] {
  const out: PhaseClue[] = [];
  for (const [re, read] of CLUES)
    for (const m of text.matchAll(re)) {
      const phase = read(m[1] ?? '');
      if (phase !== undefined) out.push({ at: m.index, phase });
    }
  return out.sort((a, b) => a.at - b.at);
}
