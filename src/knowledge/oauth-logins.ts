// How a pasted text shows that the login was made with an OAuth token although no AUTH command is quoted: the client's
// OAuth settings or classes, and the token plug-ins that log in for a mail server — sourced, read by explain.

import { OAUTH_PROVIDERS } from './oauth-providers.js';

/** A token mechanism, as the client sends it in AUTH. */
export type TokenMechanism = 'XOAUTH2' | 'OAUTHBEARER';

export interface OAuthLoginSign {
  id: string;
  /** Applied case-sensitively unless the pattern says otherwise; group 1, when present, names the mechanism. */
  pattern: RegExp;
  /** The mechanism the sign stands for, when group 1 does not name it. */
  mechanism: TokenMechanism;
  sources: readonly string[];
}

/** Checked in order; the first sign found gives the mechanism. Each is a setting or a class only an OAuth login uses. */
export const OAUTH_LOGIN_SIGNS: readonly OAuthLoginSign[] = [
  {
    id: 'mailkit.sasl-mechanism',
    pattern: /\bSaslMechanism(OAuth2|OAuthBearer)\b/,
    mechanism: 'XOAUTH2',
    sources: [
      'jstedfast/MailKit:MailKit/Security/SaslMechanismOAuth2.cs (MechanismName "XOAUTH2")',
      'jstedfast/MailKit:MailKit/Security/SaslMechanismOAuthBearer.cs (MechanismName "OAUTHBEARER")',
    ],
  },
  {
    id: 'nodemailer.auth-type-oauth2',
    // nodemailer's auth option { type: 'OAuth2', user, accessToken | refreshToken … } logs in with AUTH XOAUTH2.
    pattern: /\btype["']?\s*:\s*["']OAuth2["']/i,
    mechanism: 'XOAUTH2',
    sources: [
      'nodemailer/nodemailer:lib/smtp-connection/index.js (login: auth.type OAuth2 (case-insensitive) → _handleXOauth2Token, "AUTH XOAUTH2 …")',
      'https://nodemailer.com/smtp/oauth2 (auth: { type: "OAuth2", user, accessToken / refreshToken, clientId, clientSecret })',
    ],
  },
  {
    id: 'phpmailer.auth-type-xoauth2',
    pattern: /\bAuthType\s*=\s*["'](XOAUTH2)["']/i,
    mechanism: 'XOAUTH2',
    sources: [
      'PHPMailer/PHPMailer:src/SMTP.php (authenticate: case "XOAUTH2" sends AUTH XOAUTH2 with the OAuth provider’s token)',
    ],
  },
  {
    id: 'phpmailer.oauth',
    // PHPMailer's OAuth class (given with setOAuth) builds the XOAUTH2 string from the provider's access token.
    pattern: /->setOAuth\(|PHPMailer\\{1,2}PHPMailer\\{1,2}OAuth\b|phpmailer[\\/]src[\\/]OAuth\.php/i,
    mechanism: 'XOAUTH2',
    sources: [
      'PHPMailer/PHPMailer:src/OAuth.php (getOauth64: base64 of "user=" . $this->oauthUserEmail . "\\001auth=Bearer " . $token . "\\001\\001")',
    ],
  },
  {
    id: 'python.smtplib-auth',
    // smtplib's SMTP.auth(mechanism, authobject) with a token mechanism named.
    pattern: /\.auth\(\s*["'](XOAUTH2|OAUTHBEARER)["']/i,
    mechanism: 'XOAUTH2',
    sources: [
      'python/cpython@3.11:Lib/smtplib.py (SMTP.auth(mechanism, authobject): "AUTH " + mechanism + initial response)',
    ],
  },
  {
    id: 'go-mail.auth-xoauth2',
    pattern: /\bSMTPAuthXOAUTH2\b/,
    mechanism: 'XOAUTH2',
    sources: ['wneessen/go-mail:auth.go (SMTPAuthXOAUTH2 SMTPAuthType = "XOAUTH2")'],
  },
  {
    id: 'lettre.mechanism-xoauth2',
    pattern: /\bMechanism::Xoauth2\b/,
    mechanism: 'XOAUTH2',
    sources: [
      'lettre/lettre:src/transport/smtp/authentication.rs (Mechanism::Xoauth2: "user=" … "\\x01auth=Bearer " … "\\x01\\x01")',
    ],
  },
  {
    id: 'javamail.auth-mechanisms',
    // Jakarta Mail logs in with XOAUTH2 only when its mechanisms property names it (and the password is the token).
    pattern: /\bmail\.smtps?\.(?:auth|sasl)\.mechanisms["']?\s*[=:,]\s*["']?(XOAUTH2)\b/i,
    mechanism: 'XOAUTH2',
    sources: [
      'https://javaee.github.io/javamail/OAuth2 (props.put("mail.smtp.auth.mechanisms", "XOAUTH2"), the access token given as the password)',
      'jakartaee/mail-api:providers/angus-mail/src/main/java/com/sun/mail/smtp/SMTPTransport.java (OAuth2Authenticator "XOAUTH2", off unless the mechanisms property lists it; mail.<protocol>.sasl.mechanisms for the SASL path)',
    ],
  },
  {
    id: 'msmtp.auth-token',
    // msmtp's configuration line or command-line option choosing a token mechanism.
    pattern: /(?:^[ \t]*auth[ \t]+|--auth=)(xoauth2|oauthbearer)\b/im,
    mechanism: 'XOAUTH2',
    sources: [
      'https://marlam.de/msmtp/msmtp.html#Authentication (auth [on|off|method]: methods include oauthbearer and xoauth2; --auth=[on|off|method])',
    ],
  },
  {
    id: 'mutt.smtp-authenticators',
    pattern: /\bsmtp_authenticators\s*=\s*["']?(xoauth2|oauthbearer)\b/i,
    mechanism: 'XOAUTH2',
    sources: [
      'https://neomutt.org/guide/reference#smtp-authenticators (smtp_authenticators, e.g. "oauthbearer" or "xoauth2", with smtp_oauth_refresh_command)',
    ],
  },
  {
    id: 'ruby.net-smtp-xoauth2',
    // Net::SMTP#start(…, user, access_token, :xoauth2) with gmail_xoauth, or ActionMailer's authentication: :xoauth2.
    pattern: /\bauthentication["']?\s*(?:=>|:)\s*["':]?(xoauth2)\b|,\s*:(xoauth2)\s*\)/i,
    mechanism: 'XOAUTH2',
    sources: [
      'nfo/gmail_xoauth:lib/gmail_xoauth/smtp_xoauth2_authenticator.rb (Net::SMTP#auth_xoauth2, chosen with :xoauth2)',
    ],
  },
  {
    id: 'email-oauth2-proxy',
    // The proxy takes the mail client's password login and logs in to the server with XOAUTH2 and its own token.
    pattern: /\bEmail OAuth 2\.0 Proxy\b/,
    mechanism: 'XOAUTH2',
    sources: [
      "simonrob/email-oauth2-proxy:emailproxy.py (APP_NAME 'Email OAuth 2.0 Proxy'; construct_oauth2_string: 'user=%s\\1auth=Bearer %s\\1\\1', sent upstream as AUTH XOAUTH2)",
    ],
  },
  {
    id: 'postfix.sasl-mechanism-filter',
    // Postfix relaying with a token plug-in is set to offer the server only the token mechanism.
    pattern: /\bsmtp_sasl_mechanism_filter\s*=\s*(xoauth2|oauthbearer)\b/i,
    mechanism: 'XOAUTH2',
    sources: [
      'https://www.postfix.org/postconf.5.html#smtp_sasl_mechanism_filter (the SASL mechanisms the Postfix SMTP client may use)',
      'tarickb/sasl-xoauth2:README.md (Postfix configuration: smtp_sasl_mechanism_filter = xoauth2)',
    ],
  },
  {
    id: 'sasl-xoauth2.plugin',
    // Postfix (or another Cyrus SASL client) logging in through the sasl-xoauth2 plug-in: its log lines name it.
    pattern: /\bsasl-xoauth2(?:\[\d{1,10}\])?:/,
    mechanism: 'XOAUTH2',
    sources: [
      'tarickb/sasl-xoauth2:README.md (a Cyrus SASL plug-in that lets Postfix log in to Gmail and Microsoft 365 with XOAUTH2)',
    ],
  },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A token request's SMTP scope (https://outlook.office.com/SMTP.Send, the app-only …/.default): configuration for a
 * token login, from the OAuth provider knowledge. Only full URLs (a bare word may be prose), and not Gmail’s, which is also its web address.
 */
const SCOPE_SIGN: OAuthLoginSign = {
  id: 'oauth.smtp-scope',
  pattern: new RegExp(
    OAUTH_PROVIDERS.flatMap((p) => [...p.smtpScopes, ...(p.appOnly ? [p.appOnly.scope] : [])])
      .filter((scope) => scope.startsWith('https://') && scope !== 'https://mail.google.com/')
      .map(escape)
      .join('|'),
    'i',
  ),
  mechanism: 'XOAUTH2',
  sources: OAUTH_PROVIDERS.flatMap((p) => p.sources.slice(0, 1)),
};

/** The token mechanism a text's OAuth settings or plug-in show, with the words that show it; none when nothing does. */
export function oauthLoginSign(text: string): { mechanism: TokenMechanism; quote: string } | undefined {
  const head = text.slice(0, 200_000);
  for (const sign of [...OAUTH_LOGIN_SIGNS, SCOPE_SIGN]) {
    const m = sign.pattern.exec(head);
    if (!m) continue;
    // The groups of a sign are alternatives: at most one took part in the match (join drops the others).
    const named = m.slice(1).join('').toUpperCase();
    const mechanism: TokenMechanism =
      named === 'OAUTHBEARER' ? 'OAUTHBEARER' : named === 'OAUTH2' || named === 'XOAUTH2' ? 'XOAUTH2' : sign.mechanism;
    return { mechanism, quote: m[0].trim().slice(0, 120) };
  }
  return undefined;
}
