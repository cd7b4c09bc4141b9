import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain } from '../../src/check/explain.js';
import { explainText } from '../../src/explain/parse.js';
import { knownTexts } from '../../src/explain/known-texts.js';

describe('explain: a server’s own words without their reply code (knowledge `standalone`)', () => {
  // [what, paste, first finding id/detail, its signature]
  const cases: [string, string, string, string][] = [
    [
      'Microsoft’s conditional-access words after a client’s own prefix',
      'Invalid login: Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully.',
      'basic-auth-disabled/conditional-access',
      'microsoft365.conditional-access',
    ],
    [
      'Postfix’s mail log line for a refused login',
      'Dec 27 23:34:40 mail postfix/submission/smtpd[982]: warning: unknown[192.0.2.1]: SASL PLAIN authentication failed: authentication failure',
      'credentials-rejected',
      'postfix.authentication-failed',
    ],
    [
      'Postfix’s refusal of a sender from a client that did not log in, in a bounce',
      'Sender address rejected: not logged in (Diagnostic-Code: smtp; 553 5.7.1)',
      'credentials-missing/not-logged-in',
      'postfix.sender-not-logged-in',
    ],
    [
      'Postfix’s refusal of a second AUTH on an authenticated session, under another code (CodeIgniter keep-alive)',
      'Failed to send AUTH LOGIN command. Error: 403 4.5.1 Error: already authenticated',
      'auth-ok/already-authenticated',
      'postfix.already-authenticated',
    ],
    [
      'a server’s words that the envelope sender must be the login, without a code',
      'Mail from must equal authorized user',
      'sender-rejected',
      'rfc.sender-address-refused',
    ],
    [
      'Postfix’s sender-login mismatch cut short by a plugin',
      'Error returned by PHPMailer class: SMTP Error: The following recipients failed: a@example.com: : Sender address rejected: not owned b',
      'sender-rejected',
      'rfc.sender-address-refused',
    ],
    [
      'Gmail’s refusal at EHLO, in a wrapper the reply finder does not read',
      'Server terminates connection. response=421-4.7.0 Try again later, closing connection. (EHLO)',
      'service-unavailable/gmail-ehlo-refused',
      'google.try-again-later',
    ],
    [
      'Exim’s sender callout failure, wrapped over two lines of a bounce',
      'host mx.example.net said: 550 Sender verify\n    failed (in reply to RCPT TO command)',
      'sender-rejected/sender-verify',
      'exim.sender-verify-failed',
    ],
    [
      'Brevo’s refusal of an account whose SMTP sending is not activated',
      'Error: `502 5.7.0 Your SMTP account is not yet activated`',
      'account-locked/not-activated',
      'brevo.smtp-account-not-activated',
    ],
    [
      'Mailgun’s refusal of an account not activated, in a Python tuple of bytes',
      "(421, b'Domain sandbox123.mailgun.org is not allowed to send: Please activate your Mailgun account. Check your inbox.')",
      'account-locked/not-activated',
      'mailgun.account-not-activated',
    ],
    [
      'SendGrid’s sending limit, in SwiftMailer’s expected-code message',
      'Expected response code 250 but got code "451", with message "451 You\'ve exceeded your messaging limits',
      'quota-exceeded',
      'sendgrid.messaging-limits-exceeded',
    ],
    [
      'Postmark’s refusal of a From address that is no Sender Signature, without a code',
      "(The 'From' address you supplied (a@example.com) is not a Sender Signature on your account. Please add and confirm this address.)",
      'sender-rejected/unverified-identity',
      'postmark.not-a-sender-signature',
    ],
    [
      'SES’s unverified address, only its first sentence',
      "exception 'Zend_Mail_Protocol_Exception' with message 'Message rejected: Email address is not verified.'",
      'sender-rejected/unverified-identity',
      'ses.address-not-verified',
    ],
    [
      'a sending limit named as used up, without a code',
      'User me@example.com has exceeded its 24-hour sending limit. Messages to 25 recipients out of 25',
      'quota-exceeded',
      'rfc.quota-words',
    ],
    [
      'Outlook.com’s outbound spam hold of an account, in nodemailer’s message',
      'Error: Message failed: 554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade.',
      'web-login-required/outbound-spam',
      'microsoft365.outbound-spam-user-action',
    ],
    [
      'Yahoo’s refusal of a sender, with no host named',
      'SendMail: Error in settings "From", 550 Request failed; Mailbox unavailable - undefined',
      'sender-rejected',
      'yahoo.request-failed-mailbox-unavailable',
    ],
    [
      'Postfix’s unknown recipient in its virtual mailbox table, without a code',
      'Recipient address rejected: User unknown in virtual mailbox table',
      'recipient-rejected',
      'rfc.recipient-address-refused',
    ],
    [
      'Zoho’s relay refusal without the address after it, in smtplib’s debug print of the reply to DATA',
      "ir_mail_server: data:\nir_mail_server: (553, 'Relaying disallowed')",
      'sender-rejected',
      'zoho.relaying-disallowed',
    ],
    [
      'Exchange’s message size refusal, without a code',
      'MapiExceptionMaxSubmissionExceeded; Message size exceeds maximum size limit.;',
      'quota-exceeded/message-size',
      'rfc.message-too-big',
    ],
    [
      'Postfix’s temporary SASL failure after an async client’s "transient:" prefix, without the 454',
      'SMTP failed to login: transient: 4.7.0 Temporary authentication failure: Connection lost to authentication server.',
      'auth-temporary-failure/sasl-backend',
      'postfix.temporary-authentication-failure',
    ],
    [
      'GMX’s greeting refusal, first line only, after a client’s "permanent:" prefix',
      'permanent: gmx.net (mxgmx104) Nemesis ESMTP Service not available',
      'service-unavailable/client-refused',
      'gmx.service-not-available',
    ],
    [
      'SES’s refusal of an account whose sending is paused, in a Ruby exception',
      'Net::SMTPFatalError: 554 Message rejected: Sending paused for this account. For more information, please check the inbox of the email address associated with your AWS account.',
      'account-locked/sending-paused',
      'ses.account-sending-paused',
    ],
    [
      'SES’s suspended account, the words alone',
      'Message rejected: Sending suspended for this account.',
      'account-locked/sending-paused',
      'ses.account-sending-paused',
    ],
    [
      'cPanel’s suspension of an account’s outgoing mail',
      'SMTP Error (550): Failed to add recipient "a@example.org" (Outgoing mail from "user@example.com" has been suspended.).',
      'account-locked/outgoing-mail-suspended',
      'exim.cpanel-outgoing-mail-suspended',
    ],
    [
      'a per-hour limit in a policy service’s refusal at the end of data',
      'Net::SMTPServerBusy: 450 4.7.1 <END-OF-MESSAGE>: End-of-data rejected: Number messages per hour exceeded.',
      'rate-limited',
      'rfc.too-many',
    ],
    [
      'rspamd’s "Ratelimit" (one word) with the code after the enhanced code',
      'message sending failed: 4.7.1 Ratelimit "user_out" exceeded (451)',
      'rate-limited',
      'rfc.too-many',
    ],
    [
      'a provider’s hourly cap written "messages / hour"',
      '554 Your account is limited to 300 messages / hour. Try again in 1200 seconds',
      'rate-limited',
      'rfc.too-many',
    ],
    [
      'a daily cap named in a refusal of DATA, enhanced code only',
      'The server responded: 5.7.1 <DATA>: Data command rejected: only 50 messages per day',
      'quota-exceeded',
      'rfc.quota-words',
    ],
    [
      'Plesk’s outgoing-mail limit, a 554 5.7.0 without a command shown',
      '554 5.7.0 Your message could not be sent. The limit on the number of allowed outgoing messages was exceeded. Try again later.',
      'quota-exceeded',
      'rfc.quota-words',
    ],
    [
      'a provider’s "reached its … quota" in a 450',
      'Net::SMTPServerBusy 450 Your account reached its monthly email quota limit.',
      'quota-exceeded',
      'rfc.quota-words',
    ],
    [
      'an XOAUTH2 error challenge a client printed decoded (the JSON document, not its base64)',
      'AuthenticationException: {"status":"401","schemes":"bearer mac","scope":"https://mail.example.com/"}',
      'oauth-token-rejected',
      'rfc.xoauth2-error-challenge',
    ],
    [
      'a server asking for AUTH first under the non-standard 505',
      '505 5.5.4 Error: send AUTH command first',
      'credentials-missing',
      'rfc.authentication-required-words',
    ],
  ];
  for (const [what, paste, expected, signature] of cases) {
    test(`known texts: ${what}`, () => {
      const first = explain(paste).findings[0];
      assert.ok(first, 'no finding');
      const [id, detail] = expected.split('/');
      assert.equal(first.id, id);
      if (detail !== undefined) assert.equal(first.detail, detail);
      assert.equal(first.signature, signature);
    });
  }

  test('known texts: words the reply finder already read with their code are not read twice', () => {
    const paste =
      'Invalid login: 535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1sm123 - gsmtp';
    const { evidence } = explainText(paste);
    const found = evidence.observations.filter((o) => o.kind === 'reply');
    assert.equal(found.length, 1);
    assert.deepEqual(knownTexts(paste, found), []);
  });

  test('known texts: a text without distinctive words gets no invented reply', () => {
    const { evidence } = explainText('Authentication failed, please check your settings');
    assert.equal(evidence.observations.filter((o) => o.kind === 'reply').length, 0);
  });
});
