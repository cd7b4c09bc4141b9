// Client settings: how each mail library or tool chooses implicit TLS, STARTTLS, a mechanism, its debug output, its credentials.
import { render, type Params } from './template.js';

/**
 * A setting advice can name: "{{@starttls}}" in a fix becomes the user's client's way of saying it.
 * `starttls-before-login`: run STARTTLS and EHLO again before AUTH, for clients where that takes more than `starttls`.
 */
export type ClientSetting =
  'implicit-tls' | 'starttls' | 'starttls-before-login' | 'mechanism' | 'debug' | 'greeting-timeout' | 'credentials';

export const CLIENT_SETTINGS: readonly ClientSetting[] = [
  'implicit-tls',
  'starttls',
  'starttls-before-login',
  'mechanism',
  'debug',
  'greeting-timeout',
  'credentials',
];

export interface ClientEntry {
  /** The id explain's client clue uses (evidence.client.client), or a stable id of our own. */
  id: string;
  /** How advice names it: "nodemailer", "Python", "PHPMailer". */
  label: string;
  /** Each setting as the client's own code or configuration says it; templates may use {{mechanism}}. */
  settings: Partial<Record<ClientSetting, string>>;
  /** Where each setting is documented. */
  sources: readonly string[];
}

export const CLIENTS: readonly ClientEntry[] = [
  {
    id: 'nodemailer',
    label: 'nodemailer',
    settings: {
      'implicit-tls': 'secure: true',
      starttls: 'secure: false',
      'starttls-before-login': 'secure: false and no ignoreTLS',
      mechanism: "authMethod: '{{mechanism}}'",
      debug: 'logger: true, debug: true',
      'greeting-timeout': 'greetingTimeout, default 30 s, itself bounded by connectionTimeout, default 2 min',
      credentials: 'auth: { user, pass } in createTransport',
    },
    sources: [
      'https://nodemailer.com/smtp/ (secure, requireTLS, ignoreTLS, authMethod, logger, debug, auth)',
      'https://nodemailer.com/smtp/ (greetingTimeout, connectionTimeout)',
      'nodemailer@10.6.1 (npm):dist/esm/smtp-connection/index.js (GREETING_TIMEOUT = 30 * 1000, CONNECTION_TIMEOUT = 2 * 60 * 1000; the greeting may take greetingTimeout, cut short by what is left of connectionTimeout)',
    ],
  },
  {
    id: 'python-smtplib',
    label: 'Python',
    settings: {
      'implicit-tls': 'SMTP_SSL',
      starttls: 'SMTP + starttls()',
      'starttls-before-login': 'starttls() then ehlo() before login()',
      debug: 'server.set_debuglevel(1)',
      credentials: 'server.login(user, password)',
    },
    sources: [
      'https://docs.python.org/3/library/smtplib.html (SMTP_SSL, starttls, set_debuglevel, login)',
      'https://docs.python.org/3/library/smtplib.html#smtplib.SMTP.starttls (call ehlo() again after starttls())',
    ],
  },
  {
    id: 'phpmailer',
    label: 'PHPMailer',
    settings: {
      'implicit-tls': "SMTPSecure = 'ssl'",
      starttls: "SMTPSecure = 'tls'",
      'starttls-before-login': "SMTPSecure = 'tls', i.e. PHPMailer::ENCRYPTION_STARTTLS",
      mechanism: "AuthType = '{{mechanism}}'",
      debug: 'SMTPDebug = 2',
      credentials: 'SMTPAuth = true with Username and Password',
    },
    sources: [
      'PHPMailer/PHPMailer@v6.9.1:src/PHPMailer.php (ENCRYPTION_STARTTLS = tls, ENCRYPTION_SMTPS = ssl, AuthType, SMTPDebug, SMTPAuth, Username, Password)',
    ],
  },
  {
    id: 'django',
    label: 'Django',
    settings: { 'implicit-tls': 'EMAIL_USE_SSL = True', starttls: 'EMAIL_USE_TLS = True' },
    sources: ['https://docs.djangoproject.com/en/stable/ref/settings/#email-use-tls (EMAIL_USE_TLS, EMAIL_USE_SSL)'],
  },
  {
    id: 'symfony-mailer',
    label: 'Symfony Mailer',
    settings: { 'implicit-tls': 'smtps://…:465', starttls: 'smtp://…:587' },
    sources: [
      'https://symfony.com/doc/current/mailer.html (smtps:// for implicit TLS; smtp:// upgrades with STARTTLS)',
    ],
  },
  {
    id: 'swiftmailer',
    label: 'SwiftMailer',
    settings: { 'implicit-tls': "encryption 'ssl'", starttls: "encryption 'tls'" },
    sources: ['swiftmailer/swiftmailer@v6.3.0:lib/classes/Swift/Transport/EsmtpTransport.php (setEncryption ssl|tls)'],
  },
  {
    id: 'javamail',
    label: 'Jakarta Mail',
    settings: {
      'implicit-tls': 'mail.smtp.ssl.enable=true',
      starttls: 'mail.smtp.starttls.enable=true',
      mechanism: 'mail.smtp.auth.mechanisms={{mechanism}}',
      debug: 'mail.debug=true',
    },
    sources: [
      'https://jakarta.ee/specifications/mail/2.1/apidocs/jakarta.mail/jakarta/mail/package-summary (mail.smtp.ssl.enable, mail.smtp.starttls.enable, mail.smtp.auth.mechanisms, mail.debug)',
    ],
  },
  {
    id: 'dotnet',
    label: '.NET SmtpClient',
    // EnableSsl is STARTTLS only: System.Net.Mail cannot speak implicit TLS, so port 465 never works with it.
    settings: { starttls: 'EnableSsl = true on port 587 (it cannot do implicit TLS)' },
    sources: ['https://learn.microsoft.com/dotnet/api/system.net.mail.smtpclient.enablessl (STARTTLS only)'],
  },
  {
    id: 'mailkit',
    label: 'MailKit',
    settings: {
      'implicit-tls': 'SecureSocketOptions.SslOnConnect',
      starttls: 'SecureSocketOptions.StartTls',
      debug: 'new SmtpClient(new ProtocolLogger("smtp.log"))',
    },
    sources: ['https://mimekit.net/docs/html/T_MailKit_Security_SecureSocketOptions.htm (SslOnConnect, StartTls)'],
  },
  {
    id: 'ruby-net-smtp',
    label: 'Ruby',
    settings: { 'implicit-tls': 'enable_tls (ActionMailer: tls: true)', starttls: 'enable_starttls' },
    sources: ['https://github.com/ruby/net-smtp/blob/master/lib/net/smtp.rb (enable_tls, enable_starttls)'],
  },
  {
    id: 'go',
    label: 'Go',
    settings: { 'implicit-tls': 'tls.Dial, then smtp.NewClient', starttls: 'smtp.SendMail (upgrades with STARTTLS)' },
    sources: [
      'https://pkg.go.dev/net/smtp (SendMail uses STARTTLS when the server offers it; NewClient over tls.Dial)',
    ],
  },
  {
    id: 'curl',
    label: 'curl',
    settings: {
      'implicit-tls': 'smtps://host:465',
      starttls: 'smtp://host:587 --ssl-reqd',
      mechanism: '--login-options AUTH={{mechanism}}',
      debug: '-v',
    },
    sources: ['https://everything.curl.dev/usingcurl/smtp (smtps://, --ssl-reqd, --login-options)'],
  },
  {
    id: 'swaks',
    label: 'swaks',
    settings: {
      'implicit-tls': '--tls-on-connect',
      starttls: '--tls',
      mechanism: '--auth {{mechanism}}',
      debug: 'its default output',
    },
    sources: ['https://jetmore.org/john/code/swaks/latest/doc/ref.txt (--tls, --tls-on-connect, --auth)'],
  },
  {
    id: 'msmtp',
    label: 'msmtp',
    settings: {
      'implicit-tls': 'tls on, tls_starttls off',
      starttls: 'tls on, tls_starttls on',
      mechanism: 'auth {{mechanism}}',
      debug: '--debug',
    },
    sources: ['https://marlam.de/msmtp/msmtp.html (tls, tls_starttls, auth, --debug)'],
  },
  {
    id: 'mutt',
    label: 'mutt',
    settings: {
      'implicit-tls': 'smtp_url = "smtps://user@host:465/"',
      starttls: 'smtp_url = "smtp://user@host:587/" with ssl_starttls = yes',
      mechanism: 'smtp_authenticators = "{{mechanism}}"',
      debug: 'mutt -d 5',
    },
    sources: ['http://www.mutt.org/doc/manual/ (smtp_url, ssl_starttls, smtp_authenticators, -d)'],
  },
  {
    id: 'lettre',
    label: 'lettre',
    settings: {
      'implicit-tls': 'SmtpTransport::relay(host) (port 465)',
      starttls: 'SmtpTransport::starttls_relay(host) (port 587)',
    },
    sources: [
      'https://docs.rs/lettre/latest/lettre/transport/smtp/struct.SmtpTransport.html (relay: TLS on the submissions port; starttls_relay: STARTTLS)',
    ],
  },
];

/** The clients advice names when the user's own is unknown: the most common ones, in this order. */
const DEFAULTS: Readonly<Record<ClientSetting, readonly string[]>> = {
  'implicit-tls': ['nodemailer', 'python-smtplib'],
  starttls: ['nodemailer', 'python-smtplib'],
  'starttls-before-login': ['phpmailer', 'nodemailer', 'python-smtplib'],
  mechanism: ['nodemailer', 'phpmailer', 'curl'],
  debug: ['nodemailer', 'phpmailer', 'python-smtplib', 'msmtp', 'curl'],
  'greeting-timeout': ['nodemailer'],
  // The client messages that say the credentials are missing are nodemailer's and Jakarta Mail's.
  credentials: ['nodemailer'],
};

/** A setting most clients need not name apart: their more general setting does the same (STARTTLS with EHLO again). */
const GENERAL: Partial<Record<ClientSetting, ClientSetting>> = { 'starttls-before-login': 'starttls' };

const BY_ID = new Map(CLIENTS.map((c) => [c.id, c]));

export function clientById(id: string): ClientEntry | undefined {
  return BY_ID.get(id);
}

/**
 * A setting in the user's client's words ("nodemailer: secure: true"), or its more general setting's (GENERAL); for an
 * unknown client, or one that has neither, the common clients' words ("nodemailer: secure: true; Python: SMTP_SSL").
 */
export function clientSetting(setting: ClientSetting, client: string | undefined, params: Params = {}): string {
  const own = client !== undefined ? BY_ID.get(client) : undefined;
  const general = GENERAL[setting];
  const ownText = own?.settings[setting] ?? (general !== undefined ? own?.settings[general] : undefined);
  if (own && ownText !== undefined) return `${own.label}: ${render(ownText, params)}`;
  const ids = DEFAULTS[setting];
  return ids
    .flatMap((id) => {
      const entry = BY_ID.get(id);
      const text = entry?.settings[setting];
      return entry && text !== undefined ? [`${entry.label}: ${render(text, params)}`] : [];
    })
    .join('; ');
}

export function isClientSetting(name: string): name is ClientSetting {
  return (CLIENT_SETTINGS as readonly string[]).includes(name);
}
