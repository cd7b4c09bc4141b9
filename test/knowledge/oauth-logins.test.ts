// OAuth login signs: a client's OAuth settings or a token plug-in name the token mechanism when no AUTH is quoted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OAUTH_LOGIN_SIGNS, oauthLoginSign } from '../../src/knowledge/oauth-logins.js';

const cases: [string, string, string | undefined][] = [
  ['MailKit’s XOAUTH2 class', 'var oauth2 = new SaslMechanismOAuth2(user, token);', 'XOAUTH2'],
  ['MailKit’s OAUTHBEARER class', 'client.Authenticate(new SaslMechanismOAuthBearer(user, token));', 'OAUTHBEARER'],
  ['nodemailer’s auth type', "auth: { type: 'OAuth2', user: 'a@example.org', accessToken }", 'XOAUTH2'],
  ['PHPMailer’s AuthType', "$mail->AuthType = 'XOAUTH2';", 'XOAUTH2'],
  ['Jakarta Mail’s mechanisms property', 'props.put("mail.smtp.auth.mechanisms", "XOAUTH2");', 'XOAUTH2'],
  ['msmtp’s configuration line', 'account work\nhost smtp.office365.com\nauth oauthbearer\n', 'OAUTHBEARER'],
  ['msmtp’s option', 'msmtp --auth=xoauth2 -a gmail', 'XOAUTH2'],
  ['mutt’s authenticators', 'set smtp_authenticators="xoauth2"', 'XOAUTH2'],
  ['Ruby’s :xoauth2', "smtp.start('gmail.com', 'a@gmail.com', token, :xoauth2)", 'XOAUTH2'],
  [
    'Email OAuth 2.0 Proxy’s log',
    '2024-03-14 09:00:17: Email OAuth 2.0 Proxy: SMTP (localhost:1587) <-- 535',
    'XOAUTH2',
  ],
  ['the sasl-xoauth2 plug-in’s log', 'sasl-xoauth2[1234]: auth failed:', 'XOAUTH2'],
  ['PHPMailer’s OAuth class', '$mail->setOAuth(new OAuth([...]));', 'XOAUTH2'],
  ['smtplib’s auth with a token mechanism', "server.auth('XOAUTH2', lambda: xoauth2_string)", 'XOAUTH2'],
  ['go-mail’s XOAUTH2 auth type', 'mail.WithSMTPAuth(mail.SMTPAuthXOAUTH2)', 'XOAUTH2'],
  ['lettre’s XOAUTH2 mechanism', '.authentication(vec![Mechanism::Xoauth2])', 'XOAUTH2'],
  ['Microsoft’s SMTP scope in a token request', 'scope=https://outlook.office.com/SMTP.Send offline_access', 'XOAUTH2'],
  ['the app-only scope', "scopes: ['https://outlook.office365.com/.default']", 'XOAUTH2'],
  ['Gmail’s web address is not a sign', 'open https://mail.google.com/ and check the settings', undefined],
  ['Postfix’s mechanism filter', 'smtp_sasl_mechanism_filter = xoauth2', 'XOAUTH2'],
  ['Jakarta Mail’s SASL mechanisms property', 'mail.smtp.sasl.mechanisms=XOAUTH2', 'XOAUTH2'],
  ['an AUTH list is not a sign', '250-AUTH LOGIN PLAIN XOAUTH2 OAUTHBEARER', undefined],
  ['a password login is not a sign', "auth: { user: 'a@example.org', pass: 'secret' }", undefined],
];

for (const [what, text, expected] of cases)
  test(`oauth login signs: ${what}`, () => {
    assert.equal(oauthLoginSign(text)?.mechanism, expected);
  });

test('oauth login signs: each sign has a source', () => {
  for (const sign of OAUTH_LOGIN_SIGNS) assert.ok(sign.sources.length > 0, sign.id);
});
