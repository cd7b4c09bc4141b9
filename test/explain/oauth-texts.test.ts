// explain on what OAuth clients and token helpers print in their own words: Jakarta Mail's "asked for more", the
// helpers' refresh failures, an error challenge outside any reply, msmtp's missing mechanism, Exchange's mailbox logon.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../src/library/explain.js';

const first = (text: string): string => {
  const f = explain(text).findings[0];
  assert.ok(f, 'no finding');
  return `${f.id}/${f.detail ?? ''}`;
};

const GMAIL_CHALLENGE =
  'eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==';

const cases: [string, string, string][] = [
  [
    'Jakarta Mail gives up on an XOAUTH2 error challenge: the token was refused',
    'Caused by: jakarta.mail.AuthenticationFailedException: OAUTH2 asked for more\n\tat org.eclipse.angus.mail.smtp.SMTPTransport$OAuth2Authenticator.doAuth(SMTPTransport.java:1190)',
    'oauth-token-rejected/unexplained',
  ],
  [
    'mailctl / oama without a stored refresh token',
    'oama: renewAccessToken: Nothing as refresh token argument',
    'oauth-token-rejected/refresh',
  ],
  [
    'mutt_oauth2 could not refresh the token',
    'Caught error attempting refresh.\nError: msmtp: cannot authenticate',
    'oauth-token-rejected/refresh',
  ],
  [
    'mutt’s contrib mutt_oauth2.py after a refused refresh (the endpoint’s error printed above)',
    'invalid_grant\nAADSTS70008: The refresh token has expired due to inactivity.\nPerhaps refresh token invalid. Try running once with "--authorize"',
    'oauth-token-rejected/refresh-invalid-grant',
  ],
  [
    'mutt’s contrib mutt_oauth2.py without a refresh token',
    'ERROR: No refresh token. Run script with "--authorize".',
    'oauth-token-rejected/refresh',
  ],
  [
    'Email OAuth 2.0 Proxy could not get an access token for the client’s login',
    '<** 535 5.7.8  Email OAuth 2.0 Proxy: Login failure - saved authentication data invalid for account a@example.org',
    'oauth-token-rejected/refresh',
  ],
  [
    'a Python token helper reading access_token from an error answer (oauth2ms)',
    'Traceback (most recent call last):\n  File "/usr/bin/oauth2ms", line 219, in fetch_token_from_cache\n    return result["access_token"]\nKeyError: \'access_token\'',
    'oauth-token-rejected/refresh',
  ],
  [
    'oauth2ms when MSAL found no token to refresh with',
    'File "/usr/bin/oauth2ms", line 219, in fetch_token_from_cache\n    return result["access_token"]\nTypeError: \'NoneType\' object is not subscriptable',
    'oauth-token-rejected/refresh',
  ],
  [
    'sasl-xoauth2’s failure trace with an expired stored token: the refresh before the login failed',
    'postfix/smtp[4242]: 1A2B3C: SASL authentication failed; cannot authenticate to server smtp.office365.com[52.97.1.2]: bad protocol / cancel\nsasl-xoauth2[4242]: auth failed:\nsasl-xoauth2[4242]:   Client: created\nsasl-xoauth2[4242]:   TokenStore::GetAccessToken: token expired. refreshing.',
    'oauth-token-rejected/refresh',
  ],
  [
    'an error challenge printed in a client’s own shape, outside any reply',
    `MailerException: Authentication Failed (code: 334), response: < ${GMAIL_CHALLENGE}`,
    'oauth-token-rejected/unexplained',
  ],
  [
    'msmtp built without the mechanism asked for',
    'msmtp: support for authentication method OAUTHBEARER is not compiled in',
    'mechanism-unsupported/',
  ],
  [
    'Exchange cannot open the sending mailbox for the identity that logged in (app-only token)',
    '<** 430 4.2.0 STOREDRV; mailbox logon failure; STOREDRV.Submission.Exception:ConnectionFailedTransientException.MapiExceptionLogonFailed; Failed to process message due to a transient exception with message [BeginDiagnosticData]Cannot open mailbox.',
    'sender-rejected/mailbox-access',
  ],
];

for (const [what, text, expected] of cases)
  test(`explain oauth texts: ${what}`, () => {
    assert.equal(first(text), expected);
  });

test('explain oauth texts: the error challenge found outside a reply is decoded in the evidence', () => {
  const f = explain(`Error: Authentication Failed (code: 334),\nresponse: < ${GMAIL_CHALLENGE}`).findings[0];
  assert.ok(f);
  assert.ok(f.evidence.some((q) => q.text.includes('"scope":"https://mail.google.com/"')));
});

test('explain oauth texts: a JWT’s first segment is not an error challenge', () => {
  // {"status":"400","schemes":"Bearer"} as the header of a dotted token: a credential, not a server's answer.
  const jwt = 'eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIn0.eyJzdWIiOiJ4In0.c2ln';
  const found = explain(`token=${jwt}`).findings;
  assert.ok(!found.some((f) => f.id === 'oauth-token-rejected'));
});

// A refusal of a login the text shows was made with a token is the token's, not the password's.
const signed: [string, string][] = [
  [
    'MailKit with SaslMechanismOAuth2 and Gmail’s 5.7.8',
    'var oauth2 = new SaslMechanismOAuth2(email, token);\nclient.Authenticate(oauth2);\nMailKit.Security.AuthenticationException: 535: 5.7.8 Username and Password not accepted. Learn more at\n5.7.8 https://support.google.com/mail/?p=BadCredentials x - gsmtp',
  ],
  [
    'nodemailer configured with type OAuth2 and Gmail’s 535-5.7.8',
    "auth: { type: 'OAuth2', user: 'a@gmail.com', clientId, clientSecret, refreshToken }\nError: Invalid login: 535-5.7.8 Username and Password not accepted.",
  ],
  [
    'msmtp with auth oauthbearer and Microsoft’s 535 5.7.3',
    'auth oauthbearer\nmsmtp: authentication failed (method OAUTHBEARER)\nmsmtp: server message: 535 5.7.3 Authentication unsuccessful [AB1P123CA0001.EURP123.PROD.OUTLOOK.COM]',
  ],
];

for (const [what, text] of signed)
  test(`explain oauth texts: ${what} is a refused token`, () => {
    assert.match(first(text), /^oauth-token-rejected\//);
  });
