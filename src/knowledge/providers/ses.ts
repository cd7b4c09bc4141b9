// Amazon SES: per-region SMTP credentials derived from an IAM user (not the IAM keys themselves), and its replies.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';

const AWS = 'awsdocs/amazon-ses-developer-guide@444a4c5:doc-source';
const TROUBLESHOOT = `${AWS}/troubleshoot-smtp.md (= https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html, 'SMTP response codes returned by Amazon SES')`;
const CREDENTIALS = `${AWS}/smtp-credentials.md (= https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html)`;
const CONNECT = `${AWS}/smtp-connect.md (= https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html)`;

const KEY_IDS =
  'https://docs.amazonaws.cn/goto/WebAPI/sts-2011-06-15/GetAccessKeyInfo (AWS STS GetAccessKeyInfo: key ids beginning with AKIA are long-term IAM user keys, ASIA temporary STS credentials; the example secret access key has 40 characters)';
const ACCESS_KEY_ID = '^(AKIA|ASIA)[A-Z0-9]{16}$';
/** Named by the SES signature and by the credential shape both, so that merged findings say it once. */
const IAM_PERMISSIONS = 'ses.adding-iam-permissions';

const credentialsDoc = {
  title: 'Amazon SES: obtaining SMTP credentials',
  url: 'https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html',
};
const troubleshootDoc = {
  title: 'Amazon SES: SMTP issues',
  url: 'https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html',
};

export const ses: ProviderInput = {
  id: 'ses',
  name: 'Amazon SES',
  kind: 'transactional',
  recognise: {
    hosts: ['email-smtp.*.amazonaws.com', 'email-smtp-fips.*.amazonaws.com'],
    banner: ['email-smtp\\.amazonaws\\.com', 'SimpleEmailService'],
    ehlo: ['email-smtp\\.amazonaws\\.com'],
  },
  submission: {
    endpoints: [
      { host: 'email-smtp.{region}.amazonaws.com', port: 587, security: 'starttls' },
      { host: 'email-smtp.{region}.amazonaws.com', port: 465, security: 'tls' },
      { host: 'email-smtp.{region}.amazonaws.com', port: 2587, security: 'starttls' },
      { host: 'email-smtp.{region}.amazonaws.com', port: 2465, security: 'tls' },
      {
        host: 'email-smtp.{region}.amazonaws.com',
        port: 25,
        security: 'starttls',
        note: 'EC2 restricts outbound port 25 by default',
      },
    ],
    username: {
      form: 'access-key',
      text: 'the SMTP user name: the 20-character access key id (AKIA…) of the IAM user the SMTP credentials were made for',
    },
    secret:
      'the SMTP password from the SES console (44 characters), or one derived from that IAM user’s secret key for the same region — never the secret access key itself (40 characters)',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: [
      'SMTP credentials are per region: the host region must be the region the password was made for.',
      'Every connection must use TLS (STARTTLS or implicit TLS); SES offers AUTH even before STARTTLS and then refuses it.',
      'Credentials derived from temporary (STS, ASIA…) keys never work.',
    ],
    // SES SMTP user names ARE access key ids (AKIA…), of the IAM user the SMTP credentials belong to. What fails: a
    // temporary ASIA… key, and the IAM secret access key (40 characters) where the derived SMTP password (44) goes.
    credentialShapes: [
      {
        username: { matches: '^ASIA[A-Z0-9]{16}$' },
        cause: {
          finding: 'credentials-rejected',
          detail: 'temporary-key',
          title: 'A temporary AWS key cannot log in to SES SMTP',
          summary:
            'The user name is a temporary (STS) access key id (ASIA…). SES SMTP credentials must come from a long-lived IAM user key, or from the SES console.',
          confidence: 'high',
          fixes: [
            {
              id: 'ses.create-smtp-credentials-for-region',
              text: 'Create SMTP credentials in the SES console (SMTP settings → Create SMTP credentials) for the region of your endpoint.',
            },
          ],
          docs: [credentialsDoc],
        },
        sources: [KEY_IDS, CREDENTIALS],
      },
      {
        username: { notMatches: ACCESS_KEY_ID },
        cause: {
          finding: 'username-format',
          detail: 'not-an-access-key',
          title: 'SES wants the SMTP user name (an access key id)',
          summary:
            'The SES SMTP user name is the 20-character access key id (AKIA…) shown with the SMTP credentials, not {{user}}.',
          confidence: 'high',
          fixes: [
            {
              id: 'ses.use-smtp-user-name',
              text: 'Use the SMTP user name the SES console showed when the SMTP credentials were created.',
            },
          ],
          docs: [credentialsDoc],
        },
        sources: [KEY_IDS, CREDENTIALS],
      },
      {
        username: { matches: ACCESS_KEY_ID },
        secretLength: 40,
        cause: {
          finding: 'credentials-rejected',
          detail: 'iam-secret-key',
          title: 'This looks like the IAM secret access key, not the SES SMTP password',
          summary:
            'The password is 40 characters long, like an AWS secret access key. The SES SMTP password is derived from that key for one region (44 characters, base64) — the secret key itself is refused.',
          confidence: 'high',
          fixes: [
            {
              id: 'ses.create-smtp-credentials-use-password',
              text: 'Create SMTP credentials in the SES console for the region of your endpoint, and use the SMTP password it shows.',
            },
            {
              id: 'ses.derive-smtp-password',
              text: 'Or derive the SMTP password from the secret key with the SigV4 algorithm AWS documents, for the exact region.',
            },
          ],
          deadEnds: [
            {
              topic: IAM_PERMISSIONS,
              text: 'Adding IAM permissions',
              why: 'permissions are checked only after a successful login (554 Access denied).',
            },
          ],
          docs: [credentialsDoc],
        },
        sources: [KEY_IDS, CREDENTIALS, TROUBLESHOOT],
      },
    ],
    sources: [
      CREDENTIALS,
      CONNECT,
      TROUBLESHOOT,
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (SES region entries email-smtp.<region>.amazonaws.com)',
    ],
    verified: '2026-11-24',
  },
  docs: [credentialsDoc, troubleshootDoc],
  signatures: [
    {
      id: 'ses.credentials-invalid',
      phases: ['auth'],
      match: { codes: [535], text: '^Authentication Credentials Invalid$' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'SES did not accept the SMTP credentials',
          summary:
            'Usual causes: the AWS access key and secret key used directly; an SMTP password made for another region than this endpoint; credentials derived from temporary (STS) keys; the IAM key behind them deleted or deactivated; whitespace picked up when copying.',
          confidence: 'high',
          fixes: [
            {
              text: 'Create SMTP credentials in the SES console (SMTP settings → Create SMTP credentials) in the same region as the endpoint host.',
            },
            {
              text: 'If you derive the password yourself: derive it for the exact region of the endpoint, from a long-lived IAM user key.',
            },
            { text: 'Check that the IAM access key behind the SMTP user name is still active.' },
          ],
          deadEnds: [
            {
              text: 'Using the AWS secret access key as the SMTP password',
              why: 'the SMTP password is derived from it; the key itself is refused.',
            },
            { text: 'Reusing us-east-1 credentials on another region’s endpoint', why: 'credentials are per region.' },
            {
              topic: IAM_PERMISSIONS,
              text: 'Adding IAM permissions',
              why: 'a permission problem shows up later as 554 Access denied, not as 535.',
            },
          ],
          docs: [credentialsDoc],
        },
      ],
      samples: ['535 Authentication Credentials Invalid'],
      sources: [
        TROUBLESHOOT,
        CREDENTIALS,
        "observed:https://github.com/mautic/mautic/issues/3704 (full transcript: AUTH LOGIN -> '535 Authentication Credentials Invalid')",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes:
        'SES sends no enhanced status code. A brand-new key was reported (once, unverified) to need a minute before SES accepts it.',
    },
    {
      id: 'ses.account-not-subscribed',
      phases: ['auth'],
      match: { codes: [535], text: 'Account not subscribed to SES' },
      standalone: 'Account not subscribed to SES',
      causes: [
        {
          finding: 'credentials-rejected',
          detail: 'not-subscribed',
          title: 'The AWS account does not use SES',
          summary: 'The AWS account that owns these SMTP credentials is not signed up for Amazon SES.',
          confidence: 'high',
          fixes: [{ text: 'Enable SES in that AWS account and region, then create SMTP credentials there.' }],
          deadEnds: [
            { text: 'Creating new credentials in the same account', why: 'the account itself is not subscribed.' },
          ],
        },
      ],
      samples: ['535 Account not subscribed to SES'],
      sources: [TROUBLESHOOT],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.authentication-required',
      phases: ['mail', 'rcpt'],
      match: { codes: [530], text: '^Authentication required$' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail to SES without logging in',
          summary:
            'No AUTH was attempted: credentials are missing in the client configuration, or the client skipped AUTH.',
          confidence: 'high',
          fixes: [{ text: 'Configure the SMTP user name and password so the client sends AUTH after STARTTLS.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'none was sent.' }],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: ['530 Authentication required'],
      sources: [
        TROUBLESHOOT,
        "observed:https://github.com/Billionmail/BillionMail/issues/156 ('530 Authentication required (in reply to MAIL FROM command)')",
        DOTNET_SOURCE,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.must-issue-starttls',
      phases: ['auth', 'mail'],
      match: { codes: [530], text: '^Must issue a STARTTLS command first$' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'SES requires TLS before the login',
          summary:
            'SES lists AUTH even on the unencrypted connection, then refuses it: a client that does not insist on TLS tries AUTH in plaintext and gets this 530 (without an enhanced code).',
          confidence: 'high',
          fixes: [
            {
              text: 'Turn STARTTLS on (nodemailer: secure: false with requireTLS: true; Python: starttls() before login()).',
              settings: { port: 587, security: 'starttls' },
            },
            {
              id: 'use-implicit-tls-465',
              text: 'Or use implicit TLS on port 465.',
              settings: { port: 465, security: 'tls' },
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not checked.' }],
        },
      ],
      samples: ['530 Must issue a STARTTLS command first'],
      sources: [
        CONNECT,
        "observed:https://github.com/OmniLayer/omniwallet/issues/1161 (smtplib.SMTPAuthenticationError: (530, 'Must issue a STARTTLS command first') with SES)",
        'observed:https://github.com/mautic/mautic/issues/3704 (pre-TLS EHLO shows 250-AUTH PLAIN LOGIN)',
        'observed:https://github.com/Pylons/pyramid_exclog/issues/24',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.temporary-authentication-failure',
      phases: ['auth'],
      match: { codes: [454], text: '^Temporary authentication failure$' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-temporary-failure',
          title: 'SES could not check the credentials right now',
          summary: 'A transient problem inside SES while validating the credentials; retrying later works.',
          confidence: 'high',
          fixes: [{ text: 'Retry with exponential back-off (SES suggests 5 s, 10 s, 30 s, then 20 minutes).' }],
          deadEnds: [{ text: 'Rotating the credentials after the first 454', why: 'they were not judged.' }],
        },
      ],
      samples: ['454 Temporary authentication failure'],
      sources: [TROUBLESHOOT],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.throttling',
      phases: ['mail', 'rcpt', 'data', 'auth'],
      match: { codes: [454], text: 'Throttling failure' },
      standalone: 'Throttling failure: Maximum sending rate exceeded',
      causes: [
        {
          finding: 'rate-limited',
          detail: 'sending-rate',
          title: 'SES is throttling: maximum sending rate exceeded',
          summary: 'The account sends faster than its maximum send rate. This is not an authentication problem.',
          confidence: 'high',
          fixes: [{ text: 'Slow down and retry with back-off; ask AWS for a higher sending rate.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they work.' }],
        },
      ],
      samples: ['454 Throttling failure: Maximum sending rate exceeded'],
      sources: [TROUBLESHOOT],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.daily-quota-exceeded',
      phases: ['mail', 'rcpt', 'data', 'auth'],
      match: { codes: [454], text: 'Daily message quota exceeded' },
      standalone: 'Daily message quota exceeded',
      causes: [
        {
          finding: 'quota-exceeded',
          title: 'SES daily sending quota used up',
          summary:
            'The account reached its 24-hour sending quota (low in the sandbox). This is not an authentication problem.',
          confidence: 'high',
          fixes: [{ text: 'Wait for the 24-hour window to move on, or request a quota increase / production access.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they work.' }],
        },
      ],
      samples: ['454 Throttling failure: Daily message quota exceeded'],
      sources: [TROUBLESHOOT],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.account-sending-paused',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [554], text: 'Sending (?:paused|suspended) for this account' },
      // SES's own words for an account whose sending AWS paused (or the owner paused, UpdateAccountSendingEnabled) or
      // suspended: distinctive enough where a client printed them without the code.
      standalone: 'Sending (?:paused|suspended) for this account',
      causes: [
        {
          finding: 'account-locked',
          detail: 'sending-paused',
          title: 'Sending is paused for this SES account',
          summary:
            'SES refuses every message because sending is paused or suspended for the whole account in this region (after high bounce or complaint rates, a review, or by the account itself). The credentials work; no message goes out until sending is enabled again.',
          confidence: 'high',
          fixes: [
            {
              text: 'Read the mail AWS sent to the account’s address and the SES console’s reputation page: they say why sending was paused and what to fix.',
            },
            {
              text: 'Once the cause is fixed, re-enable sending (console, or UpdateAccountSendingEnabled) or ask AWS support to.',
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they work.' }],
        },
      ],
      samples: [
        '554 Message rejected: Sending paused for this account. For more information, please check the inbox of the email address associated with your AWS account.',
      ],
      sources: [
        'https://docs.aws.amazon.com/ses/latest/APIReference/API_UpdateAccountSendingEnabled.html (sending can be disabled for the whole account in a region; AccountSendingPausedException: "email sending is disabled for your entire Amazon SES account")',
        'observed:https://github.com/yegor256/0pdd/issues/275 (554 Message rejected: Sending paused for this account)',
        'observed:https://github.com/yegor256/0pdd/issues/240 (554 Message rejected: Sending suspended for this account)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'ses.address-not-verified',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [554], text: 'Email address is not verified' },
      // SES's words begin "Message rejected: Email address is not verified." (clients often print only that sentence).
      standalone:
        'Message rejected: Email address is not verified|Email address is not verified\\. The following identities failed the check',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'unverified-identity',
          title: 'The address is not verified in this SES region',
          summary:
            'The login worked, but the sender (or, in the sandbox, a recipient) is not a verified identity in the region of this endpoint. Verification is per region.',
          confidence: 'high',
          fixes: [
            { text: 'Verify the sending address or domain in the same region as the SMTP endpoint.' },
            { text: 'Request production access to leave the sandbox, so recipients need no verification.' },
          ],
          deadEnds: [{ text: 'New SMTP credentials', why: 'the login already worked.' }],
        },
      ],
      samples: [
        '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: alice@example.com',
      ],
      sources: [
        TROUBLESHOOT,
        "observed:https://github.com/aschroder/Magento-SMTP-Pro-Email-Extension/issues/117 (Zend_Mail: 'Message rejected: Email address is not verified.' without the code, after DATA)",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.access-denied',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [554], text: 'not authorized to perform ses:SendRawEmail' },
      standalone: 'not authorized to perform ses:SendRawEmail',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'iam-permission',
          title: 'The IAM user may not send from this identity',
          summary:
            'The credentials are valid, but the IAM user behind them is not allowed ses:SendRawEmail on this identity.',
          confidence: 'high',
          fixes: [
            {
              text: 'Attach a policy allowing ses:SendRawEmail (optionally limited to the identity ARN) to the IAM user the SMTP credentials belong to.',
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'the credentials are valid.' }],
        },
      ],
      samples: [
        '554 Access denied: User arn:aws:iam::123456789012:user/ses-smtp-user is not authorized to perform ses:SendRawEmail on resource arn:aws:ses:us-east-1:123456789012:identity/example.com',
      ],
      sources: [TROUBLESHOOT, CREDENTIALS],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'ses.too-many-connections',
      phases: ['greeting', 'ehlo', 'auth', 'mail'],
      match: { codes: [421], text: 'Too many concurrent SMTP connections' },
      standalone: 'Too many concurrent SMTP connections',
      causes: [
        {
          finding: 'rate-limited',
          detail: 'connections',
          title: 'Too many simultaneous connections to SES',
          summary: 'The connection limit was reached; it is transient.',
          confidence: 'high',
          fixes: [{ text: 'Open fewer connections at once and reuse them; retry with back-off.' }],
        },
      ],
      samples: ['421 Too many concurrent SMTP connections'],
      sources: [TROUBLESHOOT],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
