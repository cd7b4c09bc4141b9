// Microsoft 365 / Exchange Online and Outlook.com: settings, recognition and the 5.7.139 family of login refusals.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';

const SMTP_AUTH_DOC =
  'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission (aka.ms/smtp_auth_disabled)';
const X13 = 'x13-me/OfficeDocs-Exchange@316f63a:Exchange/ExchangeOnline';
const FIXDOC = `${X13}/mail-flow-best-practices/fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off.md (= https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off)`;
const AUTH_POLICY_DOC = `${X13}/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission.md (security defaults and authentication policies disable SMTP AUTH regardless of the mailbox setting)`;
const D365_TABLE =
  'MicrosoftDocs/dynamics-365-unified-operations-public@0091ec8:articles/fin-ops-core/fin-ops/organization-administration/configure-email.md (Microsoft troubleshooting table for these 5.7.139 texts)';
const OAUTH_DOC =
  'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth';

const smtpAuthDoc = {
  title: 'Microsoft: enable or disable SMTP AUTH in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
};
const oauthDoc = {
  title: 'Microsoft: authenticate an IMAP, POP or SMTP application with OAuth',
  url: 'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth',
};
const fixDoc = {
  title: 'Microsoft: fix issues with printers, scanners and apps that send email',
  url: 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off',
};

const useOauth = {
  id: 'microsoft365.use-oauth',
  text: 'Switch the app to OAuth 2.0 (XOAUTH2) with the scope https://outlook.office.com/SMTP.Send.',
  settings: { mechanism: 'XOAUTH2' },
};
const enableMailboxSmtpAuth = {
  id: 'microsoft365.enable-smtp-auth-mailbox',
  text: 'Admin: turn on Authenticated SMTP for this mailbox (Microsoft 365 admin center → Users → Active users → Mail → Manage email apps), or run Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false.',
};
/** For the tenant-wide switch: the mailbox's own setting wins, so one mailbox can be allowed without the rest. */
const enableMailboxOverTenant = {
  text: `${enableMailboxSmtpAuth.text} The mailbox setting overrides the organisation-wide one.`,
};
const appPasswords = {
  topic: 'create-app-password',
  text: 'Creating an app password',
  why: 'app passwords go through the same Basic-auth path and are refused the same way.',
};
const rePassword = {
  topic: 'change-password',
  text: 'Changing or re-entering the password',
  why: 'the password is not what is refused.',
};
const BRACKET = '[PH0PR07CA0004.namprd07.prod.outlook.com 2026-11-24T10:15:02.481Z 08DE0B0C1A2B3C4D]';

export const microsoft365: ProviderInput = {
  id: 'microsoft365',
  name: 'Microsoft 365 / Exchange Online / Outlook.com',
  kind: 'mailbox',
  recognise: {
    hosts: [
      'smtp.office365.com',
      'smtp-mail.outlook.com',
      'smtp-legacy.office365.com',
      'smtp-hve.office365.com',
      'outlook.office365.com',
      '*.mail.protection.outlook.com',
      '*.outlook.com',
    ],
    mxHosts: [
      '*.mail.protection.outlook.com',
      '*.olc.protection.outlook.com',
      'hotmail-com.olc.protection.outlook.com',
    ],
    emailDomains: [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'hotmail.co.uk',
      'outlook.de',
      'live.de',
      'hotmail.fr',
    ],
    banner: ['\\.outlook\\.com\\b', '\\.office365\\.com\\b'],
    ehlo: ['\\.outlook\\.com\\b', '\\.office365\\.com\\b'],
    text: ['\\[[A-Z0-9]+\\.[A-Za-z0-9]+\\.prod\\.outlook\\.com', 'aka\\.ms/smtp_auth', '5\\.7\\.139'],
  },
  submission: {
    endpoints: [
      {
        host: 'smtp-mail.outlook.com',
        port: 587,
        security: 'starttls',
        domains: [
          'outlook.com',
          'hotmail.com',
          'live.com',
          'msn.com',
          'hotmail.co.uk',
          'outlook.de',
          'live.de',
          'hotmail.fr',
        ],
        note: 'personal Outlook.com accounts',
      },
      { host: 'smtp.office365.com', port: 587, security: 'starttls', note: 'Microsoft 365 work and school mailboxes' },
    ],
    username: { form: 'address', text: 'the full mailbox address (UPN) of a licensed mailbox' },
    secret:
      'an OAuth access token (XOAUTH2, scope https://outlook.office.com/SMTP.Send); the account password works only where Basic auth is still allowed',
    mechanisms: ['LOGIN', 'XOAUTH2'],
    notes: [
      'Port 465 is not supported for SMTP AUTH client submission; TLS 1.2 or newer is required.',
      'SMTP AUTH is off by default in new tenants and can be switched off per tenant or mailbox; security defaults and authentication policies override the mailbox setting.',
      'Microsoft (27 Jan 2026): Basic auth for SMTP AUTH stays as it is until the end of December 2026, then is off by default for existing tenants; a final removal date follows in the second half of 2027. Dates have moved before.',
      'Outlook.com personal accounts: Basic auth in third-party apps ended on 16 September 2024; reports conflict on whether app passwords still work.',
    ],
    sources: [
      `${X13}/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365.md (= https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365)`,
      FIXDOC,
      OAUTH_DOC,
      SMTP_AUTH_DOC,
      'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835 (Jan 27, 2026 update)',
      'https://support.microsoft.com/en-us/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353 (SMTP server smtp-mail.outlook.com, port 587, STARTTLS, OAuth2/Modern Auth)',
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (Outlook365: smtp.office365.com 587 secure:false)',
    ],
    verified: '2026-11-24',
  },
  docs: [smtpAuthDoc, oauthDoc, fixDoc],
  signatures: [
    {
      id: 'microsoft365.smtp-auth-disabled-tenant',
      phases: ['auth'],
      match: { codes: [535], text: 'SmtpClientAuthentication is disabled for the Tenant' },
      standalone: 'SmtpClientAuthentication is disabled for the Tenant',
      causes: [
        {
          finding: 'smtp-auth-disabled',
          detail: 'tenant',
          title: 'SMTP AUTH is switched off for the whole organisation',
          summary:
            'The tenant-wide SMTP AUTH switch is off (the default for new tenants). It blocks OAuth logins too, because XOAUTH2 is still SMTP AUTH.',
          confidence: 'high',
          fixes: [
            enableMailboxOverTenant,
            { text: 'Or send through Microsoft Graph sendMail or another relay instead of SMTP AUTH.' },
          ],
          deadEnds: [
            rePassword,
            appPasswords,
            { text: 'Switching to XOAUTH2 alone', why: 'it is still SMTP AUTH and refused the same way.' },
          ],
          docs: [smtpAuthDoc],
        },
      ],
      samples: [
        `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. ${BRACKET}`,
      ],
      sources: [
        SMTP_AUTH_DOC,
        AUTH_POLICY_DOC,
        D365_TABLE,
        'observed:https://github.com/simonrob/email-oauth2-proxy/issues/193',
        'observed:https://github.com/nodemailer/nodemailer/issues/1484',
        'observed:https://github.com/jstedfast/MailKit/issues/700 (same error with OAuth; maintainer: only alternative is Graph)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.smtp-auth-disabled-mailbox',
      phases: ['auth'],
      match: { codes: [535], text: 'SmtpClientAuthentication is disabled for the Mailbox' },
      standalone: 'SmtpClientAuthentication is disabled for the Mailbox',
      causes: [
        {
          finding: 'smtp-auth-disabled',
          detail: 'mailbox',
          title: 'SMTP AUTH is switched off for this mailbox',
          summary: 'The Authenticated SMTP setting of this mailbox is off, so every SMTP login for it is refused.',
          confidence: 'high',
          fixes: [enableMailboxSmtpAuth],
          deadEnds: [rePassword],
          docs: [smtpAuthDoc],
        },
      ],
      samples: [
        `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. ${BRACKET}`,
      ],
      sources: [SMTP_AUTH_DOC, D365_TABLE],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.basic-auth-disabled',
      phases: ['auth'],
      match: { codes: [535], text: 'basic authentication is disabled' },
      standalone: 'Authentication unsuccessful, basic authentication is disabled',
      causes: [
        {
          finding: 'basic-auth-disabled',
          title: 'Password (Basic) logins are refused for this account',
          summary:
            'This account or tenant does not accept Basic authentication for SMTP: Outlook.com personal accounts since September 2024, or a tenant whose authentication policy blocks it. OAuth is required.',
          confidence: 'high',
          fixes: [
            useOauth,
            {
              text: 'Admin: check the authentication policies (Get-AuthenticationPolicy, AllowBasicAuthSmtp) if Basic auth must stay for a while.',
            },
          ],
          deadEnds: [
            appPasswords,
            {
              topic: 'mailbox-smtp-auth-alone',
              text: 'Enabling Authenticated SMTP on the mailbox alone',
              why: 'an authentication policy that blocks Basic auth overrides it.',
            },
          ],
          docs: [oauthDoc],
        },
      ],
      samples: [`535 5.7.139 Authentication unsuccessful, basic authentication is disabled. ${BRACKET}`],
      sources: [
        'observed:https://github.com/nodemailer/nodemailer/issues/1714',
        'observed:https://github.com/rpremraj/mailR/issues/107',
        'observed:https://github.com/lukevella/rallly/issues/3154',
        AUTH_POLICY_DOC,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.security-defaults',
      phases: ['auth'],
      match: { codes: [535], text: "locked by your organization's security defaults" },
      standalone: "locked by your organi[sz]ation's security defaults",
      causes: [
        {
          finding: 'basic-auth-disabled',
          detail: 'security-defaults',
          title: 'Security defaults block password logins',
          summary:
            'Microsoft Entra security defaults are on for this tenant; they block legacy (Basic) authentication, SMTP AUTH included, whatever the mailbox setting says.',
          confidence: 'high',
          fixes: [
            useOauth,
            {
              text: 'Admin: replace security defaults with Conditional Access policies that exclude this account from "block legacy authentication" (this weakens security: decide deliberately).',
            },
          ],
          deadEnds: [
            { text: 'Enabling Authenticated SMTP for the mailbox', why: 'security defaults override it.' },
            appPasswords,
          ],
          docs: [fixDoc],
        },
      ],
      samples: [
        `535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. ${BRACKET}`,
      ],
      sources: [
        AUTH_POLICY_DOC,
        FIXDOC,
        'observed:https://github.com/MicrosoftDocs/OfficeDocs-Exchange/issues/2075',
        'observed:https://github.com/MicrosoftDocs/azure-docs/issues/46622 (app password did not help under security defaults)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.conditional-access',
      phases: ['auth'],
      match: { codes: [535], text: 'did not meet the criteria to be authenticated' },
      standalone: 'did not meet the criteria to be authenticated successfully',
      causes: [
        {
          finding: 'basic-auth-disabled',
          detail: 'conditional-access',
          title: 'A Conditional Access policy blocks this login',
          summary:
            'An Entra ID sign-in policy (Conditional Access, e.g. "block legacy authentication" or required MFA) refused this legacy sign-in.',
          confidence: 'high',
          fixes: [
            useOauth,
            {
              text: 'Admin: find the policy in the Entra sign-in logs and exclude the sending account from the legacy-auth block.',
            },
          ],
          deadEnds: [
            rePassword,
            {
              topic: 'mailbox-smtp-auth-alone',
              text: 'Enabling Authenticated SMTP on the mailbox alone',
              why: 'the policy still applies.',
            },
          ],
          docs: [fixDoc],
        },
      ],
      samples: [
        `535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. ${BRACKET}`,
      ],
      sources: [
        D365_TABLE,
        FIXDOC,
        "observed:https://pastebin.com/hwMNCYq9 ('Block Legacy Authentication' CA policy overriding the per-mailbox SMTP AUTH setting)",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.credentials-incorrect',
      phases: ['auth'],
      match: { codes: [535], text: 'the user credentials were incorrect' },
      standalone: 'Authentication unsuccessful, the user credentials were incorrect',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Microsoft rejected the user name or password',
          summary:
            'Entra ID refused the user name and password combination (also reported for the normal password of an MFA user).',
          confidence: 'high',
          fixes: [
            {
              id: 'microsoft365.check-password-owa',
              text: 'Check the password by signing in to Outlook on the web with the same account.',
            },
            { text: 'Use the full sign-in address (UPN) as the user name.' },
            { text: 'In the long run: move to OAuth.', settings: { mechanism: 'XOAUTH2' } },
          ],
          deadEnds: [
            { topic: 'retry', text: 'Retrying', why: 'repeated failures lead to "account locked" (smart lockout).' },
          ],
        },
      ],
      samples: [
        '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [PH0PR07CA0004.namprd07.prod.outlook.com]',
      ],
      sources: [
        "observed:https://github.com/codassassin/email-bomber-v2.0/issues/1 ((535, b'5.7.139 Authentication unsuccessful, the user credentials were incorrect. [PH0PR07CA0004.namprd07.prod.outlook.com]'))",
        'observed:https://github.com/MicrosoftDocs/OfficeDocs-Exchange/pull/2648 (Microsoft doc PR listing Authentication unsuccessful causes)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.account-locked',
      phases: ['auth'],
      match: { codes: [535], text: 'account locked|account has an issue' },
      causes: [
        {
          finding: 'account-locked',
          title: 'The account is locked',
          summary:
            'The account is locked for now after too many failed sign-ins (Entra smart lockout), or flagged with a sign-in problem.',
          confidence: 'high',
          fixes: [
            { text: 'Stop every attempt; wait for the lockout to end or ask an admin to unlock or reset the account.' },
            { text: 'Fix the credential problem before trying once more.' },
          ],
          deadEnds: [{ text: 'Automatic retries', why: 'they keep the lock active.' }],
        },
      ],
      samples: [
        '535 5.7.139 Authentication unsuccessful, account locked. Contact your administrator. [CH2PR19CA0002.namprd19.prod.outlook.com 2026-11-24T10:15:02.481Z 08DE0B0C1A2B3C4D]',
      ],
      sources: [
        "observed: .NET/nodemailer transcripts quoting 'Error: 535 5.7.139 Authentication unsuccessful, account locked. Contact your administrator. [CH2PR19CA0002.namprd19.prod.outlook.com ...]' and '... account has an issue. Contact your administrator.' in public repositories (no issue URL found)",
        'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-password-smart-lockout (smart lockout)',
      ],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'Observed wording only; no Microsoft page lists it.',
    },
    {
      id: 'microsoft365.authentication-unsuccessful-5.7.139',
      phases: ['auth'],
      match: { codes: [535], enhanced: '5.7.139' },
      causes: [
        {
          finding: 'basic-auth-disabled',
          title: 'Microsoft refused the login (5.7.139)',
          summary:
            '5.7.139 covers several causes; the text after it tells them apart. Without it, the most common are: Basic (password) auth blocked by security defaults, a policy or the Outlook.com change; SMTP AUTH switched off for the tenant or mailbox; or a wrong password.',
          confidence: 'medium',
          when: { credential: 'password' },
          fixes: [useOauth, { text: 'Read the full reply text after "5.7.139": it names the exact reason.' }],
          deadEnds: [appPasswords],
          docs: [oauthDoc],
        },
        {
          finding: 'smtp-auth-disabled',
          title: 'SMTP AUTH may be switched off',
          summary: 'SMTP AUTH may be disabled for the tenant or the mailbox; that refuses OAuth logins too.',
          confidence: 'medium',
          fixes: [enableMailboxSmtpAuth],
          docs: [smtpAuthDoc],
        },
        {
          finding: 'credentials-rejected',
          title: 'The password may be wrong',
          summary: 'A plain wrong password also gets 5.7.139.',
          confidence: 'low',
          when: { credential: 'password' },
          fixes: [
            {
              id: 'microsoft365.check-password-owa',
              text: 'Check the password by signing in to Outlook on the web with the same account.',
            },
          ],
        },
      ],
      samples: ['535 5.7.139 Authentication unsuccessful [SN4PR0501CA0012.namprd05.prod.outlook.com]'],
      sources: [D365_TABLE, SMTP_AUTH_DOC, AUTH_POLICY_DOC],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.authentication-unsuccessful',
      phases: ['auth'],
      match: { codes: [535], enhanced: '5.7.3', text: 'Authentication unsuccessful' },
      standalone: '5\\.7\\.3 Authentication unsuccessful',
      causes: [
        {
          finding: 'oauth-token-rejected',
          title: 'Microsoft rejected the OAuth token',
          summary:
            'With XOAUTH2 this usually means the token is for the wrong audience (Graph instead of outlook.office.com), a refresh token was sent instead of an access token, or (app-only) the Exchange service principal or mailbox permission is missing.',
          confidence: 'high',
          when: { credential: 'token' },
          fixes: [
            {
              text: 'Delegated: request the scope https://outlook.office.com/SMTP.Send (not Graph Mail.Send) and send the access token.',
            },
            {
              text: 'App-only: get a token for https://outlook.office365.com/.default with SMTP.SendAsApp, then register the service principal (New-ServicePrincipal) and grant it the mailbox (Add-MailboxPermission).',
            },
          ],
          deadEnds: [
            {
              topic: 'graph-mail-send',
              text: 'Adding the Graph Mail.Send permission',
              why: 'that is another API; SMTP needs SMTP.Send.',
            },
            { text: 'Sending the refresh token as bearer', why: 'only access tokens are accepted.' },
          ],
          docs: [oauthDoc],
        },
        {
          finding: 'credentials-rejected',
          title: 'Exchange refused the login',
          summary:
            'A generic Exchange refusal without a 5.7.139 reason: wrong credentials, SMTP AUTH off for the mailbox, or MFA on the account.',
          confidence: 'medium',
          when: { credential: 'password' },
          fixes: [
            { text: 'Check the password and that the user name is the full mailbox address.' },
            enableMailboxSmtpAuth,
            useOauth,
          ],
          docs: [fixDoc],
        },
      ],
      samples: [`535 5.7.3 Authentication unsuccessful ${BRACKET}`],
      sources: [
        FIXDOC,
        OAUTH_DOC,
        'observed:https://github.com/PHPMailer/PHPMailer/issues/2988',
        'observed:https://github.com/TheNetworg/oauth2-azure/issues/213 (bad token / Graph audience)',
        'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-smtpntlm/62888982-a911-40fa-b587-50b5c69f7334 (SMTP_AUTH_Fail_Response: 535 5.7.3 <human-readable-string>)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.unrecognized-auth-type',
      phases: ['auth'],
      match: { codes: [504], enhanced: '5.7.4', text: 'Unrecognized authentication type' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Microsoft 365 offers AUTH only after STARTTLS',
          summary:
            'smtp.office365.com lists no AUTH before STARTTLS, so an AUTH sent on the plaintext connection is refused as an unknown mechanism before any password is checked.',
          confidence: 'high',
          when: { tls: false },
          fixes: [
            {
              text: 'Run STARTTLS on port 587, send EHLO again, then log in with AUTH LOGIN (or XOAUTH2).',
              settings: { port: 587, security: 'starttls', mechanism: 'LOGIN' },
            },
          ],
          deadEnds: [rePassword],
        },
        {
          finding: 'mechanism-unsupported',
          title: 'Microsoft 365 takes only AUTH LOGIN and XOAUTH2',
          summary:
            'After STARTTLS smtp.office365.com offers AUTH LOGIN and XOAUTH2 only; a client that insists on PLAIN, CRAM-MD5 or NTLM is refused before any password is checked.',
          confidence: 'high',
          fixes: [
            {
              text: 'Let the client use AUTH LOGIN instead of PLAIN (or XOAUTH2 with an OAuth token).',
              settings: { mechanism: 'LOGIN' },
            },
            useOauth,
          ],
          deadEnds: [rePassword],
        },
      ],
      samples: [`504 5.7.4 Unrecognized authentication type ${BRACKET}`],
      sources: [
        'observed:https://github.com/maxisam/mgob/issues/52 (smtp.office365.com:587: 504 5.7.4 Unrecognized authentication type [FR2P281CA0035.DEUP281.PROD.OUTLOOK.COM 2023-03-23T18:00:39.250Z 08DB2B43918359DA])',
        'observed:https://github.com/arcage/crystal-email/issues/10 (after STARTTLS the EHLO lists AUTH LOGIN XOAUTH2; AUTH PLAIN gets 504 5.7.4 Unrecognized authentication type [….namprd02.prod.outlook.com])',
        'observed:https://github.com/PHPMailer/PHPMailer/issues/1254 (smtp.office365.com:587: the EHLO before STARTTLS lists no AUTH, and the AUTH command fails with 504 5.7.4 Unrecognized authentication type)',
        'observed:https://github.com/mattermost/mattermost/issues/954 (a Microsoft engineer: 504 5.7.4 answers an AUTH mechanism smtp.office365.com does not support; clients should send AUTH LOGIN)',
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
      notes: 'Older replies end with the server name alone in brackets ([YQXPR0101CA0010.CANPRD01.PROD.OUTLOOK.COM]).',
    },
    {
      id: 'microsoft365.client-not-authenticated',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [530, 550], enhanced: '5.7.57' },
      standalone: '5\\.7\\.57 (?:SMTP; )?Client (?:was )?not authenticated',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail without a successful login',
          summary:
            'smtp.office365.com never accepts anonymous mail. The client reached MAIL FROM without a successful AUTH: no credentials configured, or an earlier AUTH failed and the client carried on. When AUTH failed, Exchange appends the AUTH error after "Error:".',
          confidence: 'high',
          fixes: [
            {
              text: 'Configure the mailbox credentials and TLS; if the reply contains "Error: 535 …", fix that AUTH error.',
            },
            {
              text: 'Devices that cannot log in: use direct send (<tenant>.mail.protection.outlook.com, port 25, internal recipients only) or a connector-based relay.',
            },
          ],
          deadEnds: [
            {
              text: 'Pointing a device that cannot log in at smtp.office365.com',
              why: 'that endpoint is for authenticated submission only.',
            },
          ],
          docs: [fixDoc],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: [`530 5.7.57 Client not authenticated to send mail. ${BRACKET}`],
      sources: [
        DOTNET_SOURCE,
        FIXDOC,
        `${X13}/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-57-in-exchange-online.md`,
        "observed:https://github.com/MicrosoftDocs/OfficeDocs-Exchange/issues/3124 ('5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 ...')",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.basic-auth-retired',
      phases: ['auth', 'mail'],
      match: { codes: [550], enhanced: '5.7.30', text: 'Basic authentication is not supported' },
      standalone: 'Basic authentication is not supported for Client Submission',
      causes: [
        {
          finding: 'basic-auth-disabled',
          detail: 'retired',
          title: 'Basic authentication for SMTP has been retired here',
          summary:
            'Exchange Online no longer accepts Basic (password) authentication for client submission on this tenant.',
          confidence: 'high',
          fixes: [
            useOauth,
            {
              text: 'For devices: High Volume Email, Azure Communication Services Email, an SMTP relay connector, or Microsoft Graph sendMail.',
            },
          ],
          deadEnds: [appPasswords],
          docs: [oauthDoc],
        },
      ],
      samples: ['550 5.7.30 Basic authentication is not supported for Client Submission.'],
      sources: [
        'https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835 (Jan 27, 2026 update)',
        'https://techcommunity.microsoft.com/t5/exchange-team-blog/exchange-online-to-retire-basic-auth-for-client-submission-smtp/ba-p/4114750 (April 2024 announcement, updated June 2025)',
        'observed:https://github.com/OpenCTI-Platform/opencti/issues/12069 (quotes the 550 5.7.30 response and endpoints smtp.office365.com / smtp-legacy.office365.com)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.send-as-denied',
      phases: ['mail', 'data'],
      match: { codes: [550, 554], text: 'SendAsDenied|does not have permissions to send as this sender' },
      standalone: 'SendAsDenied|does not have permissions to send as this sender',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'send-as',
          title: 'The mailbox may not send as this address',
          summary:
            'The login worked, but the From/envelope sender is another address than the authenticated mailbox and it has no Send As permission for it.',
          confidence: 'high',
          fixes: [
            {
              text: 'Send from the authenticated mailbox address, or grant it Send As on the other address (Add-RecipientPermission).',
            },
            { text: 'Use an SMTP relay connector if a device must send as many addresses.' },
          ],
          deadEnds: [
            rePassword,
            {
              topic: 'retry',
              text: 'Retrying',
              why: 'repeated SendAsDenied errors get the mailbox throttled (550 5.2.252).',
            },
          ],
          docs: [
            {
              title: 'Microsoft: Add-RecipientPermission (grant Send As in Exchange Online)',
              url: 'https://learn.microsoft.com/en-us/powershell/module/exchangepowershell/add-recipientpermission',
            },
          ],
        },
      ],
      samples: [
        '554 5.2.252 SendAsDenied; alice@contoso.com not allowed to send as bob@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message. 0.35250:0A00C184, 1.36674:0A000000, 1.61250:00000000[EndDiagnosticData]',
        '550 5.7.60 SMTP; Client does not have permissions to send as this sender',
      ],
      sources: [
        'observed:https://github.com/gophish/gophish/issues/2900 (full text: 554 5.2.252 SendAsDenied; x@outlook.com not allowed to send as y@...; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; ...)',
        'observed:https://github.com/rss2email/rss2email/issues/147 (smtp-mail.outlook.com consumer account)',
        FIXDOC,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
      notes:
        'The leading 550 of the 5.7.60 form follows Exchange convention; Microsoft documents only the enhanced code and text.',
    },
    {
      id: 'microsoft365.outbound-spam-user-action',
      phases: ['data'],
      match: { codes: [554, 550], text: 'OutboundSpamException' },
      standalone: 'OutboundSpamException',
      causes: [
        {
          finding: 'web-login-required',
          detail: 'outbound-spam',
          title: 'Outlook.com holds the account’s sending until you sign in and verify it',
          summary:
            'The login worked, but Microsoft’s outbound spam protection refused the message ("UserAction verdict": HipNotify, RefuseQuota…): the account must be verified by a person, in the browser, before it may send again. Typical for new or consumer (outlook.com, hotmail.com) accounts that send from an app.',
          confidence: 'medium',
          fixes: [
            {
              text: 'Sign in to outlook.com with this account in a browser and complete the verification it asks for (a code by SMS or e-mail); then send again.',
            },
            { text: 'If sending stays blocked, wait a day: the limits of new accounts rise with use.' },
          ],
          deadEnds: [
            rePassword,
            { topic: 'retry', text: 'Retrying at once', why: 'each refused message counts against the account.' },
          ],
        },
      ],
      samples: [
        '554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message WASCL UserAction verdict is not None. Actual verdict is HipNotify, ShowTierUpgrade. OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is HipNotify, ShowTierUpgrade. [Hostname=TY2PR06MB3117.apcprd06.prod.outlook.com]',
      ],
      sources: [
        'observed:https://github.com/DesertsP/Valine-Admin/issues/26 (Outlook.com via nodemailer: verdict HipNotify, ShowTierUpgrade)',
        'observed:https://github.com/Youans/nodejs-nodemailer-outlook/issues/11 (verdict RefuseQuota; "My outlook account was not verified")',
        'observed:https://github.com/nodemailer/nodemailer/issues/1486 (554 5.2.0 OutboundSpamException; earlier unblocked by signing in again after an e-mail from Outlook)',
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
    {
      id: 'microsoft365.continuous-error-throttling',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [550], text: 'Sender throttled due to continuous' },
      standalone: 'Sender throttled due to continuous',
      causes: [
        {
          finding: 'rate-limited',
          detail: 'continuous-errors',
          title: 'Exchange is throttling this mailbox after repeated errors',
          summary:
            'The mailbox kept submitting despite recurring errors (Send As, mailbox full, licence, recipients), so Exchange Online blocks its SMTP AUTH submissions for a period it chooses.',
          confidence: 'high',
          fixes: [
            {
              text: 'Fix the underlying error and wait for the throttle to expire, or send from another, correctly configured mailbox.',
            },
          ],
          deadEnds: [{ text: 'Asking support to lift it', why: 'Microsoft support cannot lift this throttle.' }],
        },
      ],
      samples: ['550 5.2.252 Sender throttled due to continuous send as denied errors.'],
      sources: [`${X13}/mail-flow-best-practices/continuous-error-throttling-smtp-auth-submissions.md`],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.legacy-tls',
      phases: ['auth', 'ehlo', 'starttls'],
      match: { codes: [421], text: 'TLS 1\\.0 and 1\\.1 are not supported' },
      causes: [
        {
          finding: 'tls-handshake-failed',
          detail: 'protocol-version',
          title: 'The client uses TLS 1.0 or 1.1',
          summary: 'Microsoft 365 requires TLS 1.2 or newer for SMTP AUTH; this client negotiated an older version.',
          confidence: 'high',
          fixes: [
            {
              text: 'Update the device or app (or its Java/.NET/OpenSSL settings) to TLS 1.2 or newer, e.g. JavaMail mail.smtp.ssl.protocols=TLSv1.2.',
            },
          ],
          deadEnds: [
            rePassword,
            {
              text: 'smtp-legacy.office365.com',
              why: 'it was a temporary opt-in and is part of the Basic-auth retirement.',
            },
          ],
        },
      ],
      samples: [
        '421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls. [SA9P221CA0019.NAMP221.PROD.OUTLOOK.COM]',
      ],
      sources: [
        'observed:https://github.com/zehm/sendEmail/issues/1 (421 4.7.66 TLS 1.0 and 1.1 are not supported. ...)',
        `${X13}/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-TLS-using-SMTP-AUTH.md`,
        FIXDOC,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'microsoft365.bad-outbound-sender',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [550], enhanced: '5.1.8' },
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'restricted',
          title: 'The mailbox is blocked from sending',
          summary:
            'Microsoft put this mailbox on its restricted-senders list after suspected outbound spam, often from a compromised account.',
          confidence: 'high',
          fixes: [
            {
              text: 'Admin: secure the account, then remove it from Restricted entities in the Microsoft Defender portal.',
            },
          ],
          deadEnds: [{ text: 'Changing SMTP settings', why: 'the mailbox itself is blocked.' }],
        },
      ],
      samples: ['550 5.1.8 Bad outbound sender'],
      sources: [FIXDOC],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      // i11-oauth: what Exchange Online answers at submission when the identity that logged in cannot open the mailbox
      // it sends from — typically an app-only (client credentials) token whose service principal has no mailbox access.
      id: 'microsoft365.mailbox-logon-failed',
      phases: ['mail', 'data'],
      match: { codes: [430], text: 'STOREDRV[^\\n]{0,40}mailbox logon failure|MapiExceptionLogonFailed' },
      standalone: 'STOREDRV; mailbox logon failure|MapiExceptionLogonFailed',
      causes: [
        {
          finding: 'sender-rejected',
          detail: 'mailbox-access',
          title: 'The login worked, but it may not open the mailbox it sends from',
          summary:
            'Exchange accepted the login, then could not open the sending mailbox for that identity. With an app-only (client credentials) OAuth token, the app’s service principal must be registered in Exchange Online and given access to this mailbox; for a user’s own login, the mailbox is not licensed or not yet provisioned.',
          confidence: 'medium',
          fixes: [
            {
              text: 'App-only token: register the app’s service principal in Exchange Online (New-ServicePrincipal) and give it the mailbox: Add-MailboxPermission -Identity <mailbox> -User <service principal id> -AccessRights FullAccess.',
            },
            { text: 'Send from the mailbox the identity may use, and check that the mailbox exists and is licensed.' },
          ],
          deadEnds: [rePassword],
          docs: [oauthDoc],
        },
      ],
      samples: [
        '430 4.2.0 STOREDRV; mailbox logon failure; STOREDRV.Submission.Exception:ConnectionFailedTransientException.MapiExceptionLogonFailed; Failed to process message due to a transient exception with message [BeginDiagnosticData]Cannot open mailbox.',
      ],
      sources: [
        'observed:https://github.com/simonrob/email-oauth2-proxy/issues/271 (client credentials token through the proxy: the login passed, then 430 4.2.0 STOREDRV; mailbox logon failure … Cannot open mailbox)',
        `${OAUTH_DOC} (client credentials: register the service principal in Exchange with New-ServicePrincipal and grant it Add-MailboxPermission … FullAccess on each mailbox it uses)`,
      ],
      verified: '2026-12-07',
      certainty: 'reported',
    },
    {
      id: 'microsoft365.hve-invalid-xoauth2-data',
      phases: ['auth'],
      match: { codes: [501], enhanced: '5.5.124' },
      causes: [
        {
          finding: 'auth-malformed',
          detail: 'xoauth2-user',
          title: 'The XOAUTH2 user field is not a valid HVE account',
          summary:
            'The user= value in the XOAUTH2 data is missing, malformed, or not an allowed High Volume Email account.',
          confidence: 'medium',
          fixes: [
            { text: 'Put the HVE account address in user= of the XOAUTH2 string and use a token for that account.' },
          ],
        },
      ],
      samples: ['501 5.5.124 Invalid XOAUTH2 auth data - User address provided is not valid.'],
      sources: ['observed:https://github.com/tarickb/sasl-xoauth2/issues/110 (text truncated in the Postfix log)'],
      verified: '2026-11-24',
      certainty: 'reported',
      notes: 'One transcript, truncated; the sample ends where the observed text is complete.',
    },
  ],
};
