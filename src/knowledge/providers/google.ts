// Gmail and Google Workspace: settings, recognition and the replies smtp.gmail.com sends when a login fails.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';

const ERRORS_PAGE = 'https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)';
const SISIMAI =
  'sisimai/go-sisimai@HEAD:rhost/for-google.go (transcription of support.google.com/a/answer/3726730 with codes)';
const APP_PASSWORDS = 'https://support.google.com/accounts/answer/185833 (Sign in with app passwords)';

const appPasswordDoc = {
  title: 'Google: sign in with app passwords',
  url: 'https://support.google.com/accounts/answer/185833',
};
const xoauth2Doc = {
  title: 'Google: the SASL XOAUTH2 mechanism',
  url: 'https://developers.google.com/gmail/imap/xoauth2-protocol',
};
const lsaDoc = {
  title: 'Google Workspace: transition from less secure apps to OAuth',
  url: 'https://support.google.com/a/answer/14114704',
};

const createAppPassword = {
  id: 'google.create-app-password',
  text: 'Create an app password (Google Account → Security → 2-Step Verification → App passwords) and use it, with your full Gmail address as the user name.',
};
const useOauth = {
  id: 'google.use-oauth',
  text: 'Or sign in with OAuth 2.0 (XOAUTH2) using the scope https://mail.google.com/.',
  settings: { mechanism: 'XOAUTH2' },
};
// One wording for the OAuth advice: the 334 error challenge and the final 535 name one refusal, and their findings merge.
const refreshToken = {
  id: 'google.refresh-token',
  text: 'Refresh the access token (they live about an hour) and try once.',
};
const mailScope = {
  id: 'google.mail-scope',
  text: 'Request the scope https://mail.google.com/ — gmail.send is not enough for SMTP.',
};
const tokenAccount = {
  id: 'google.token-account',
  text: 'Put the address of the account that granted the token in user=.',
};
const refreshTokenAsBearer = {
  topic: 'refresh-token-as-bearer',
  text: 'Sending the refresh token as the bearer token',
  why: 'only access tokens are accepted.',
};
const lessSecureApps = {
  topic: 'less-secure-apps',
  text: 'Turning on "Less secure app access"',
  why: 'the setting is gone: Google retired it for personal accounts on 30 May 2022 and for Workspace in 2024.',
};
const retryLoop = {
  topic: 'retry',
  text: 'Trying again and again',
  why: 'Gmail counts failed logins and, after a few, answers every login with "454 4.7.0 Too many login attempts" for a while.',
};

export const google: ProviderInput = {
  id: 'google',
  name: 'Gmail / Google Workspace',
  kind: 'mailbox',
  recognise: {
    hosts: [
      'smtp.gmail.com',
      'smtp.googlemail.com',
      'smtp-relay.gmail.com',
      'gmail-smtp-in.l.google.com',
      '*.google.com',
    ],
    mxHosts: ['*.google.com', '*.googlemail.com', 'smtp.google.com'],
    emailDomains: ['gmail.com', 'googlemail.com'],
    banner: ['\\bgsmtp$'],
    ehlo: ['^smtp(?:-relay)?\\.gmail\\.com\\b'],
    text: [' - gsmtp$', 'support\\.google\\.com/mail'],
  },
  submission: {
    endpoints: [
      { host: 'smtp.gmail.com', port: 587, security: 'starttls' },
      { host: 'smtp.gmail.com', port: 465, security: 'tls' },
    ],
    username: {
      form: 'address',
      text: 'your full Google account address (you@gmail.com or you@your-workspace-domain)',
    },
    secret:
      'a 16-letter app password (needs 2-Step Verification), or an OAuth access token with the scope https://mail.google.com/ — not the account password',
    mechanisms: ['LOGIN', 'PLAIN', 'XOAUTH2', 'PLAIN-CLIENTTOKEN', 'OAUTHBEARER', 'XOAUTH'],
    notes: [
      'AUTH is offered only after STARTTLS on port 587: a client that skips STARTTLS never sees it.',
      'Devices in a Workspace domain that cannot log in can use the SMTP relay service (smtp-relay.gmail.com) instead.',
    ],
    sources: [
      'https://support.google.com/mail/answer/7126229 (Add Gmail to another email client: smtp.gmail.com, SSL 465, TLS/STARTTLS 587, authentication required)',
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (Gmail: smtp.gmail.com 465 secure)',
      'deltachat/provider-db@5c14381:_providers/gmail.md (smtp.gmail.com 465 SSL; app password with 2-Step Verification)',
      'observed:https://pastebin.com/uXqSaYa4 (EHLO after STARTTLS: 250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH)',
      'observed:https://github.com/nfo/gmail_xoauth/issues/6 (pre-TLS EHLO lists STARTTLS but no AUTH)',
    ],
    verified: '2026-11-24',
  },
  docs: [{ title: 'Gmail: SMTP errors and codes', url: 'https://support.google.com/a/answer/3726730' }, appPasswordDoc],
  signatures: [
    {
      id: 'google.bad-credentials',
      phases: ['auth'],
      match: { codes: [535], text: '^Username and Password not accepted' },
      standalone: 'Username and Password not accepted',
      causes: [
        {
          finding: 'app-password-required',
          title: 'Gmail no longer accepts your account password over SMTP',
          summary:
            'Google rejected the login. Since password-only sign-in was retired, Gmail answers this even when the account password is right: only an app password or OAuth works.',
          confidence: 'medium',
          // A secret shaped like an app password (16 letters) is not the account password: this cause does not apply.
          when: { credential: 'password', secret: 'other' },
          fixes: [createAppPassword, useOauth],
          deadEnds: [lessSecureApps, retryLoop],
          docs: [appPasswordDoc, lsaDoc],
        },
        {
          finding: 'credentials-rejected',
          title: 'The app password is wrong or revoked, or the user name is not the full address',
          summary:
            'If you already use an app password: it may have been revoked (by you, or by a "secure your account" step), mistyped, or belong to another Google account than the user name, which must be the full address of the account that owns it.',
          confidence: 'medium',
          when: { credential: 'password' },
          fixes: [
            {
              text: 'Create a new app password and paste its 16 letters without the spaces Google shows between groups.',
            },
            {
              id: 'app-password-owner-address',
              text: 'Use the full address of the account that owns the app password as the user name.',
            },
            { text: 'Workspace: ask the admin whether 2-Step Verification and app passwords are allowed for you.' },
          ],
          deadEnds: [
            {
              topic: 'unlock-captcha',
              text: 'Opening https://accounts.google.com/DisplayUnlockCaptcha',
              why: 'it addresses blocked sign-ins (534-5.7.14), not wrong credentials.',
            },
            retryLoop,
          ],
          docs: [appPasswordDoc],
        },
        {
          finding: 'oauth-token-rejected',
          title: 'Google rejected the OAuth token',
          summary:
            'After an XOAUTH2 attempt this reply means the access token is expired, revoked, lacks the https://mail.google.com/ scope, or belongs to another account than user=.',
          confidence: 'high',
          when: { credential: 'token' },
          fixes: [refreshToken, mailScope, tokenAccount],
          deadEnds: [refreshTokenAsBearer],
          docs: [xoauth2Doc],
        },
      ],
      samples: [
        '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp',
        '535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a6sm1234567pgt.55 - gsmtp',
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        "observed:https://github.com/nodemailer/nodemailer/issues/1656 (2024 wording 'For more information, go to')",
        "observed:https://github.com/nodemailer/nodemailer/issues/1167 (older wording 'Learn more at')",
        'observed:https://github.com/mageplaza/magento-2-smtp/issues/178 (fixed with an app password)',
        APP_PASSWORDS,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes:
        'Google puts two spaces after the enhanced code on the URL line. Whether an app password typed with its display spaces is accepted is reported both ways.',
    },
    {
      id: 'google.app-password-required',
      phases: ['auth'],
      match: { codes: [534, 535], text: 'Application-specific password required' },
      standalone: 'Application-specific password required',
      causes: [
        {
          finding: 'app-password-required',
          title: 'Gmail wants an app password',
          summary:
            '2-Step Verification is on for this account, so a mail program cannot log in with the account password: it needs an app password (or OAuth).',
          confidence: 'high',
          fixes: [
            createAppPassword,
            {
              text: 'If "App passwords" is missing: 2-Step Verification is not set up, uses only security keys, Advanced Protection is on, or a Workspace admin disabled it — use OAuth then.',
            },
            useOauth,
          ],
          deadEnds: [
            {
              text: 'Turning 2-Step Verification off to use the plain password',
              why: 'password-only sign-in is retired, so it ends in 535-5.7.8 instead.',
            },
            lessSecureApps,
          ],
          docs: [appPasswordDoc],
        },
      ],
      samples: [
        '534-5.7.9 Application-specific password required. For more information, go to\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp',
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        "observed:https://github.com/iiuni/projektzapisy/issues/727 (Django smtplib: (534, b'5.7.9 Application-specific password required. Learn more at\\n5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor ...'))",
        "observed:https://github.com/Der-Henning/tgtg/issues/517 (2024 wording 'For more information, go to')",
        APP_PASSWORDS,
        'https://knowledge.workspace.google.com/kb/how-to-generate-an-app-passwords-000009237 (why the App passwords option can be missing)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.web-login-required',
      phases: ['auth'],
      match: { codes: [534, 535], text: 'Please log in with your web browser' },
      standalone: 'Please log in with your web browser',
      causes: [
        {
          finding: 'web-login-required',
          title: 'Google refuses this way of signing in',
          summary:
            'Google will not accept a password sign-in from this program. Despite the wording, logging in through the browser rarely helps; what works is an app password or OAuth.',
          confidence: 'high',
          fixes: [
            { text: 'Turn on 2-Step Verification, create an app password and use it instead of the account password.' },
            useOauth,
          ],
          deadEnds: [
            { text: 'Signing in on the web and retrying with the same password', why: 'it usually keeps failing.' },
            lessSecureApps,
          ],
          docs: [appPasswordDoc],
        },
      ],
      samples: [
        '534-5.7.9 Please log in with your web browser and then try again. For more\n534-5.7.9 information, go to\n534 5.7.9  https://support.google.com/mail/?p=WebLoginRequired 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp',
      ],
      sources: [
        SISIMAI,
        'observed:https://github.com/kootenpv/yagmail/issues/111',
        'observed:https://github.com/nodemailer/nodemailer/issues/653',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes: 'Google does not document when it picks WebLoginRequired over BadCredentials.',
    },
    {
      id: 'google.signin-blocked',
      phases: ['auth'],
      match: {
        codes: [534],
        text: 'log in (?:via|through) your web browser|accounts\\.google\\.com/(?:signin/continue|ContinueSignIn)',
      },
      causes: [
        {
          finding: 'web-login-required',
          detail: 'suspicious-sign-in',
          title: 'Google blocked the sign-in as suspicious',
          summary:
            'Google blocked this sign-in (a new server, a cloud address) and wants you to confirm it interactively; the reply carries a link to do so.',
          confidence: 'high',
          fixes: [
            {
              text: 'Sign in to the account in a browser, open the "Sign-in attempt was blocked" alert and confirm it was you.',
            },
            {
              text: 'Better: use an app password (2-Step Verification on) or OAuth, which avoid this risk-based block.',
            },
          ],
          deadEnds: [
            { text: 'Retrying in a loop from the same server', why: 'it extends the block and leads to 454 4.7.0.' },
            {
              topic: 'unlock-captcha',
              text: 'Opening https://accounts.google.com/DisplayUnlockCaptcha',
              why: 'reported to help until 2021; whether it still does anything is unverified.',
            },
          ],
          docs: [appPasswordDoc],
        },
      ],
      samples: [
        '534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbsQ1a2b3c4d5e6f7g8h9i0j\n534-5.7.14 k1l2m3n4o5p6q7r8s9t0> Please log in via your web browser and\n534-5.7.14 then try again.\n534-5.7.14  Learn more at\n534 5.7.14  https://support.google.com/mail/answer/78754 a6sm1234567pgt.55 - gsmtp',
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        'observed:https://github.com/firebase/functions-samples/issues/39 (full multi-line nodemailer transcript)',
        'observed:https://github.com/nodemailer/nodemailer/issues/401',
        'observed:https://github.com/YetiForceCompany/YetiForceCRM/issues/14235 (fixed with 2FA + app password)',
        'observed:https://github.com/getgrav/grav-plugin-email/issues/154 (DisplayUnlockCaptcha, 2021)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.too-many-login-attempts',
      phases: ['auth'],
      match: { codes: [454], text: 'Too many login attempts' },
      // Other servers word their throttle the same way: on them it is rfc.too-many, not "Gmail is throttling".
      scope: 'provider',
      standalone: 'Too many login attempts, please try again later',
      causes: [
        {
          finding: 'rate-limited',
          title: 'Gmail is throttling logins',
          summary:
            'There were too many logins in a short time: repeated failures, or one new connection and login per message in a bulk loop. The block is temporary.',
          confidence: 'high',
          fixes: [
            { text: 'Stop every attempt now and wait before trying again.' },
            { text: 'Fix the credential problem first if earlier attempts got 535 or 534.' },
            { text: 'Reuse one logged-in connection for many messages (nodemailer: pool: true).' },
          ],
          deadEnds: [
            { topic: 'retry', text: 'Retrying at once', why: 'it extends the block.' },
            {
              text: 'Changing the password to get past the block',
              why: 'the block is on login attempts, not on the password: a new one does not lift it (a wrong one still needs fixing).',
            },
          ],
        },
      ],
      samples: [
        '454 4.7.0 Too many login attempts, please try again later. 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp',
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        'observed:https://github.com/nodemailer/nodemailer/issues/1388 (bulk send of 350 messages)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.temporary-system-problem',
      phases: ['auth'],
      match: { codes: [454], text: 'temporary system problem' },
      causes: [
        {
          finding: 'auth-temporary-failure',
          title: 'Google could not check the login right now',
          summary: 'Google’s authentication service had a temporary problem; the password was not judged.',
          confidence: 'high',
          fixes: [{ text: 'Try again later, with back-off.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not evaluated.' }],
        },
      ],
      samples: ['454 4.7.0 Cannot authenticate due to a temporary system problem. Try again later.'],
      sources: [ERRORS_PAGE, SISIMAI],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'Wording from the transcription of Google’s list; not seen in a live transcript.',
    },
    {
      id: 'google.must-issue-starttls',
      phases: ['auth', 'mail'],
      match: { codes: [530], text: 'Must issue a STARTTLS command first' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Gmail wants STARTTLS first',
          summary:
            'The client talked to smtp.gmail.com without upgrading to TLS (for example Spring with mail.smtp.starttls.enable=false, or PHP mail() pointed at Gmail). Gmail offers AUTH only after STARTTLS.',
          confidence: 'high',
          fixes: [
            { text: 'Turn STARTTLS on for port 587.', settings: { port: 587, security: 'starttls' } },
            {
              id: 'use-implicit-tls-465',
              text: 'Or use implicit TLS on port 465.',
              settings: { port: 465, security: 'tls' },
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the credentials',
              why: 'the refusal is about the missing TLS.',
            },
          ],
        },
      ],
      samples: [
        '530-5.7.0 Must issue a STARTTLS command first. For more information, go to\n530-5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207\n530 5.7.0 specifications. 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp',
        '530 5.7.0 Must issue a STARTTLS command first. a6sm1234567pgt.55 - gsmtp',
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        'observed:https://github.com/deanproxy/eMail/issues/53 (530 5.7.0 Must issue a STARTTLS command first. <id> - gsmtp)',
        'observed:https://github.com/virtualzone/tubewarder/issues/29 (JavaMail at MAIL FROM)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.authentication-required',
      phases: ['mail', 'rcpt'],
      match: { codes: [530], text: '^Authentication Required\\. (?:For more information|Learn more)|WantAuthError' },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail to Gmail without logging in',
          summary:
            'The session reached MAIL FROM without a successful AUTH: the client had no credentials (e.g. an empty EMAIL_HOST_USER) or skipped the login.',
          confidence: 'high',
          fixes: [
            { text: 'Configure the user name and app password, and make sure the login actually runs before sending.' },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'none was sent.' }],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: [
        '530-5.7.0 Authentication Required. For more information, go to\n530 5.7.0  https://support.google.com/mail/?p=WantAuthError 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp',
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        'observed:https://github.com/dawidd6/action-send-mail/issues/186 (blank secrets -> 530-5.7.0 Authentication Required at MAIL)',
        DOTNET_SOURCE,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.xoauth2-error',
      phases: ['auth'],
      match: { codes: [334], text: '^eyJzdGF0dXMiOi' },
      // Any XOAUTH2 server answers this way; the Gmail-specific fixes apply only when Google is recognised
      // (rfc.xoauth2-error-challenge covers the others).
      scope: 'provider',
      causes: [
        {
          finding: 'oauth-token-rejected',
          title: 'The OAuth token was refused',
          summary:
            'The server answered XOAUTH2 with a base64 JSON error (status, schemes, scope) instead of accepting the token: it is expired, revoked, has the wrong scope, or belongs to another account than user=. The client must answer with an empty line to get the final 535.',
          confidence: 'high',
          fixes: [refreshToken, mailScope, tokenAccount],
          deadEnds: [
            {
              text: 'Waiting for more data after the 334',
              why: 'the client hangs; XOAUTH2 requires an empty response.',
            },
            refreshTokenAsBearer,
          ],
          docs: [xoauth2Doc],
        },
      ],
      samples: ['334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ=='],
      sources: [
        'https://developers.google.com/gmail/imap/xoauth2-protocol (SASL XOAUTH2: error response base64({JSON-Body}) with status, schemes, scope; scope https://mail.google.com/)',
        'observed:https://github.com/nfo/gmail_xoauth/pull/14 (send CRLF on 3xx to get the actual error)',
        'observed:https://github.com/nodemailer/nodemailer/issues/144 (2013 transcript: 334 <json> then 535-5.7.1 ...)',
      ],
      // The client answers the challenge with an empty line; Gmail then refuses with its usual 535-5.7.8.
      followedBy: 'google.bad-credentials',
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes: 'Live Gmail sends status 400 and schemes "Bearer"; Google’s documentation example shows 401.',
    },
    {
      id: 'google.cannot-decode',
      phases: ['auth'],
      match: { codes: [501], text: 'Cannot Decode response' },
      causes: [
        {
          finding: 'auth-malformed',
          title: 'Gmail could not decode the AUTH data',
          summary:
            'The SASL data was not valid base64 or not in the XOAUTH2 layout (token not encoded, missing ^A separators, line-wrapped base64); also reported for empty passwords.',
          confidence: 'high',
          fixes: [
            {
              text: "Build XOAUTH2 as base64('user=' + address + '\\x01auth=Bearer ' + token + '\\x01\\x01'), without line breaks.",
            },
            { text: 'Check that the password or token variable is not empty.' },
          ],
          deadEnds: [{ text: 'Creating a new OAuth client or token', why: 'the layout of the data is the problem.' }],
          docs: [xoauth2Doc],
        },
      ],
      samples: ['501 5.5.2 Cannot Decode response a6sm1234567pgt.55 - gsmtp'],
      sources: [
        'observed:https://github.com/nfo/gmail_xoauth/issues/17',
        'observed:https://github.com/nodemailer/nodemailer/issues/144',
        'observed:https://github.com/soywod/iris.vim/issues/45',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.envelope-syntax-error',
      phases: ['mail', 'rcpt'],
      match: { codes: [555], text: 'Syntax error' },
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'syntax',
          title: 'Gmail could not parse the envelope address',
          summary:
            'This comes after a successful login: MAIL FROM or RCPT TO had an invalid form, typically a display name copied into the envelope ("Name <addr>") or an empty recipient.',
          confidence: 'high',
          // The same words answer MAIL and RCPT: which address is meant depends on the command.
          when: { phases: ['mail'] },
          fixes: [
            { text: 'Put only the bare address in MAIL FROM; keep the display name in the From: header.' },
            { text: 'Drop empty recipients.' },
          ],
          deadEnds: [{ text: 'New app passwords or OAuth tokens', why: 'the login already worked.' }],
        },
        {
          finding: 'recipient-rejected',
          detail: 'syntax',
          title: 'Gmail could not parse a recipient address',
          summary:
            'This comes after a successful login: a RCPT TO had an invalid form, typically an empty recipient, a display name copied into the envelope ("Name <addr>"), or a list of addresses in one field.',
          confidence: 'high',
          when: { phases: ['rcpt'] },
          fixes: [{ text: 'Send each recipient as a bare address in its own RCPT TO; drop empty recipients.' }],
          deadEnds: [{ text: 'New app passwords or OAuth tokens', why: 'the login already worked.' }],
        },
      ],
      samples: [
        '555 5.5.2 Syntax error, cannot decode response. For more information, go to https://support.google.com/a/answer/3221692 and review RFC 5321 specifications. a6sm1234567pgt.55 - gsmtp',
      ],
      sources: [
        "observed:https://github.com/go-gitea/gitea/issues/35794 ('failed to issue MAIL command: 555 5.5.2 Syntax error, cannot decode response ...')",
        'observed:https://github.com/gophish/gophish/issues/2662',
        'observed:https://github.com/jstedfast/MailKit/issues/866 (RCPT TO:<> -> 555 5.5.2 Syntax error.)',
        SISIMAI,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.unrecognized-auth-type',
      phases: ['auth'],
      match: { codes: [504], text: 'Unrecognized authentication type.*gsmtp|XOAUTH is no longer supported' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'Gmail does not accept this mechanism',
          summary:
            'Gmail does not accept the mechanism the client chose (for example CRAM-MD5, or the retired OAuth 1.0 XOAUTH).',
          confidence: 'high',
          fixes: [
            { text: 'Use PLAIN or LOGIN with an app password over TLS.', settings: { mechanism: 'PLAIN' } },
            useOauth,
          ],
        },
      ],
      samples: ['504 5.7.4 Unrecognized authentication type. a6sm1234567pgt.55 - gsmtp'],
      sources: [ERRORS_PAGE, SISIMAI],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.relay-denied',
      phases: ['mail', 'rcpt'],
      match: { codes: [550], text: 'Mail relay denied|Invalid credentials for relay|Mail Sending denied' },
      causes: [
        {
          finding: 'ip-not-allowed',
          title: 'The Workspace SMTP relay did not recognise this sender',
          summary:
            'smtp-relay.gmail.com matched the connection to none of the relay rules: the IP address is not registered, the rule requires SMTP AUTH, or the sending domain is not one of the Workspace domains.',
          confidence: 'high',
          fixes: [
            {
              text: 'Admin console → Apps → Google Workspace → Gmail → Routing → SMTP relay service: add the sending IP, or require SMTP AUTH for the rule.',
            },
            { text: 'Use one of your Workspace domains in EHLO and MAIL FROM, or log in with a Workspace account.' },
          ],
          deadEnds: [
            {
              text: 'Using smtp.gmail.com user settings for a device that cannot log in',
              why: 'that is a different service with different requirements.',
            },
          ],
        },
      ],
      samples: [
        "550 5.7.0 Mail relay denied [203.0.113.5]. Invalid credentials for relay for one of the domains in: example.org (as obtained from HELO and MAIL FROM). Email is being sent from a domain or IP address which isn't registered in your Workspace account. a6sm1234567pgt.55 - gsmtp",
      ],
      sources: [
        'https://support.google.com/a/answer/6140680 (SMTP relay service error messages)',
        'https://support.google.com/a/answer/176600 (Route outgoing SMTP relay messages through Google)',
        SISIMAI,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'google.daily-sending-quota',
      phases: ['data', 'rcpt', 'mail'],
      match: {
        codes: [550],
        text: 'Daily (?:user )?sending (?:quota|limit) exceeded|Daily SMTP relay (?:sending )?limit exceeded',
      },
      standalone: 'Daily (?:user )?sending (?:quota|limit) exceeded',
      causes: [
        {
          finding: 'quota-exceeded',
          title: 'The Gmail account reached its daily sending limit',
          summary:
            'Gmail refuses further messages from this account for up to 24 hours: it sent as many messages (or recipients) as Google allows per day (about 500 for a free account, 2,000 for Workspace; fewer for new accounts). The login works.',
          confidence: 'high',
          fixes: [
            { text: 'Wait up to 24 hours for the limit to reset; then send fewer messages per day.' },
            {
              text: 'For newsletters or bulk mail, use a sending service made for it (or the Workspace SMTP relay with its own limits).',
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'A new app password',
              why: 'the limit belongs to the account, not to the password.',
            },
            retryLoop,
          ],
          docs: [
            { title: 'Gmail sending limits in Google Workspace', url: 'https://support.google.com/a/answer/166852' },
          ],
        },
      ],
      samples: ['550 5.4.5 Daily user sending quota exceeded. a6sm1234567pgt.55 - gsmtp'],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        'https://support.google.com/a/answer/166852 (Gmail sending limits in Google Workspace)',
        'observed:https://github.com/PHPMailer/PHPMailer/issues/2113 (SERVER -> CLIENT: 550 5.4.5 Daily user sending quota exceeded … - gsmtp)',
        "observed:https://github.com/iiuni/projektzapisy/issues/960 (SMTPDataError: (550, b'5.4.5 Daily user sending quota exceeded …'))",
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'google.message-too-large',
      phases: ['data', 'mail'],
      match: {
        codes: [552],
        text: "exceeded Google'?s message (?:header )?size limits?|exceeds Google'?s message size limit",
      },
      standalone: "exceeded Google'?s message size limits?",
      causes: [
        {
          finding: 'quota-exceeded',
          detail: 'message-size',
          title: 'The message is larger than Gmail accepts',
          summary:
            'Gmail refused the message after its data: with its attachments, encoded for mail (about a third larger than the files), it exceeds the 25 MB Gmail accepts. The login works.',
          confidence: 'high',
          fixes: [
            { text: 'Send a smaller message: share large files as links (Google Drive) instead of attachments.' },
          ],
          deadEnds: [{ topic: 'change-password', text: 'A new app password', why: 'the login already worked.' }],
          docs: [{ title: 'Gmail: attachment size limit', url: 'https://support.google.com/mail/answer/6584' }],
        },
      ],
      samples: [
        "552-5.2.3 Your message exceeded Google's message size limits. Please visit\n552-5.2.3 http://support.google.com/mail/bin/answer.py?answer=8770 to review our\n552 5.2.3 size guidelines. nb4sm10940064wjc.20 - gsmtp",
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        "observed:https://github.com/nodemailer/nodemailer/issues/400 (EMESSAGE: 552-5.2.3 Your message exceeded Google's message size limits)",
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'google.try-again-later',
      // Gmail names the command it refused after the words; at AUTH the same words are rfc.auth-closing's.
      phases: ['greeting', 'ehlo', 'helo'],
      match: { codes: [421], text: 'Try again later, closing connection\\. \\((?:EHLO|HELO)\\)' },
      standalone: 'Try again later, closing connection\\. \\((?:EHLO|HELO)\\)',
      causes: [
        {
          finding: 'service-unavailable',
          detail: 'gmail-ehlo-refused',
          title: 'Gmail refused the session before the login',
          summary:
            'Gmail answered the greeting or EHLO with 421 4.7.0 "Try again later, closing connection": it will not serve this connection for now. Google documents it as a refusal at the HELO stage; it follows an EHLO name Gmail does not accept (a bare IP literal such as [127.0.0.1] or "localhost", as clients in containers send), or too many connections from the sending IP address. The login was never tried.',
          confidence: 'high',
          fixes: [
            {
              text: 'Make the client send a real host name in EHLO (nodemailer: the name option; PHPMailer: Hostname), not localhost or an IP literal.',
            },
            { text: 'Open fewer connections: reuse one connection for many messages, and back off before retrying.' },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'the session was refused before any login.',
            },
          ],
        },
      ],
      samples: [
        '421-4.7.0 Try again later, closing connection. (EHLO)\n421-4.7.0 For more information, go to\n421 4.7.0  https://support.google.com/a/answer/3221692 a1sm1234567qkb.12 - gsmtp',
      ],
      sources: [
        `${ERRORS_PAGE}: "421, 4.7.0, Try again later, closing connection. This usually indicates a Denial of Service (DoS) for the SMTP relay at the HELO stage."`,
        SISIMAI,
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
    {
      id: 'google.ip-not-authorized',
      phases: ['rcpt', 'mail', 'data'],
      match: { codes: [550, 421], text: "IP you'?re using to send (?:e-?)?mail is not authori[sz]ed" },
      standalone: "The IP you'?re using to send (?:e-?)?mail is not authori[sz]ed",
      causes: [
        {
          finding: 'ip-not-allowed',
          detail: 'direct-delivery',
          title: 'Gmail does not take mail straight from this IP address',
          summary:
            'The client delivered straight to Gmail’s receiving servers (MX, port 25) from an address Gmail does not accept direct mail from — a home or dynamic address, or one without proper reverse DNS. Mail from such addresses must go through a provider’s submission server, with a login.',
          confidence: 'high',
          fixes: [
            {
              text: 'Send through your provider’s submission server (e.g. smtp.gmail.com:587 with STARTTLS and an app password) instead of to the recipient’s MX on port 25.',
              settings: { port: 587, security: 'starttls' },
            },
          ],
          deadEnds: [
            {
              topic: 'change-password',
              text: 'Changing the password',
              why: 'no login was involved: the address you send from is refused.',
            },
          ],
          docs: [
            {
              title: 'Gmail: the IP you’re using is not authorized',
              url: 'https://support.google.com/mail/?p=NotAuthorizedError',
            },
          ],
        },
      ],
      samples: [
        "550-5.7.1 [192.0.2.25] The IP you're using to send mail is not authorized to\n550-5.7.1 send email directly to our servers. Please use the SMTP relay at your\n550-5.7.1 service provider instead. Learn more at\n550 5.7.1  https://support.google.com/mail/?p=NotAuthorizedError a6sm1234567pgt.55 - gsmtp",
      ],
      sources: [
        ERRORS_PAGE,
        SISIMAI,
        'observed:https://github.com/guileen/node-sendmail/issues/37 (direct MX delivery from a desktop)',
        'observed:https://github.com/iredmail/iRedMail/issues/264 (Postfix delivery log: host aspmx.l.google.com said: 550-5.7.1 …)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
  ],
};
