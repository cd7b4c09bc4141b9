// Causes of the oauth rule: why a token was refused — the refresh result, the token's claims, the scope, the user — and
// password logins where a server offers only OAuth or Microsoft 365 retires them.
import { M365_BASIC_AUTH_RETIREMENT, AADSTS_SOURCES, GOOGLE_TESTING_SOURCES } from '../oauth-errors.js';
import type { CauseArea } from './types.js';

const RFC6749 =
  'https://www.rfc-editor.org/rfc/rfc6749#section-5.2 (token endpoint errors: invalid_grant, invalid_client, invalid_scope, unauthorized_client)';
const XOAUTH2_DOC = {
  title: 'Google: OAuth 2.0 Mechanism (XOAUTH2)',
  url: 'https://developers.google.com/gmail/imap/xoauth2-protocol',
};
const MS_OAUTH_DOC = {
  title: 'Microsoft: Authenticate an IMAP, POP or SMTP connection using OAuth',
  url: 'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth',
};
const ENTRA_ERRORS_DOC = {
  title: 'Microsoft Entra authentication and authorization error codes',
  url: 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes',
};
const GOOGLE_EXPIRY_DOC = {
  title: 'Google: Using OAuth 2.0 — refresh token expiration',
  url: 'https://developers.google.com/identity/protocols/oauth2#expiration',
};
const RETIREMENT_DOC = {
  title: 'Microsoft: Exchange Online SMTP AUTH Basic authentication deprecation timeline',
  url: M365_BASIC_AUTH_RETIREMENT.statementUrl,
};

/** "AADSTS70008 means …", when the endpoint named a code knowledge knows. */
const AADSTS = '{{#aadsts}} AADSTS{{aadsts}} means {{aadstsMeaning}}.{{/aadsts}}';
const NEVER_SAW = ' The SMTP server never saw a token: no login was spent.';

export const oauth = {
  causes: {
    'oauth.refresh-failed': {
      finding: 'oauth-token-rejected',
      detail: 'refresh-failed',
      title:
        'No access token: the token endpoint {{#failure}}did not answer{{/failure}}{{^failure}}did not give one{{/failure}}',
      summary:
        '{{#url}}smtp-doctor asked {{url}}{{/url}}{{^url}}The client asked the token endpoint{{/url}} for an access token{{#failure}} and got no answer ({{failure}}){{/failure}}{{#notJson}} and got {{contentType}} instead of the JSON an OAuth token endpoint sends: the URL is not a token endpoint, or a proxy answered{{/notJson}}{{#error}} and it answered "{{error}}"{{#description}} ({{description}}){{/description}}{{/error}}.' +
        AADSTS +
        NEVER_SAW,
      fixes: ['oauth.check-token-url', 'oauth.check-endpoint-reachable', 'oauth.read-endpoint-error', 'oauth.same-app'],
      docs: [XOAUTH2_DOC, MS_OAUTH_DOC],
      sources: [RFC6749],
    },
    'oauth.refresh-invalid-grant': {
      finding: 'oauth-token-rejected',
      detail: 'refresh-invalid-grant',
      title: 'The token endpoint refused the refresh token (invalid_grant)',
      summary:
        'The refresh token is no longer valid{{#description}} — the endpoint said "{{description}}"{{/description}}: it expired, was revoked (a password change, the user removing the app’s access), or was issued to another app or account.' +
        AADSTS +
        NEVER_SAW,
      fixes: [
        'oauth.new-refresh-token',
        'oauth.same-app',
        'oauth.sign-in-interactively',
        'oauth.grant-consent',
        'oauth.ask-admin-conditional-access',
      ],
      deadEnds: ['oauth.new-client-secret', 'oauth.retry-same-token'],
      docs: [ENTRA_ERRORS_DOC],
      sources: [RFC6749, ...AADSTS_SOURCES],
    },
    'oauth.refresh-testing-app': {
      finding: 'oauth-token-rejected',
      detail: 'refresh-testing-app',
      title: 'Google refused the refresh token: "{{description}}"',
      summary:
        'Google says this when the refresh token was revoked, went unused for six months, was invalidated by a password change — or, for an app whose OAuth consent screen is in Testing status, {{days}} days after it was issued. If the failure comes back about every week, the app is in Testing status.' +
        NEVER_SAW,
      fixes: ['oauth.publish-app', 'oauth.new-refresh-token'],
      deadEnds: ['oauth.new-client-secret', 'oauth.retry-same-token'],
      docs: [GOOGLE_EXPIRY_DOC],
      sources: [RFC6749, ...GOOGLE_TESTING_SOURCES],
    },
    'oauth.refresh-invalid-client': {
      finding: 'oauth-token-rejected',
      detail: 'refresh-invalid-client',
      title: 'The token endpoint refused the app’s credentials (invalid_client)',
      summary:
        'The client id or client secret is wrong, the secret expired, or the app is registered in another tenant{{#description}} — the endpoint said "{{description}}"{{/description}}.' +
        AADSTS +
        NEVER_SAW,
      fixes: ['oauth.check-client-secret', 'oauth.same-app'],
      deadEnds: ['oauth.retry-same-token'],
      docs: [ENTRA_ERRORS_DOC],
      sources: [RFC6749, ...AADSTS_SOURCES],
    },
    'oauth.refresh-invalid-scope': {
      finding: 'oauth-token-rejected',
      detail: 'refresh-invalid-scope',
      title: 'The token endpoint refused the scope (invalid_scope)',
      summary:
        'The endpoint does not accept the scope{{#requested}} "{{requested}}"{{/requested}} for this app{{#description}} — it said "{{description}}"{{/description}}.' +
        AADSTS +
        ' SMTP needs {{needed|or}}.' +
        NEVER_SAW,
      fixes: ['oauth.request-smtp-scope', 'oauth.app-only-default-scope'],
      docs: [MS_OAUTH_DOC, XOAUTH2_DOC],
      sources: [
        RFC6749,
        'https://learn.microsoft.com/en-us/answers/questions/1480316 (asking for SMTP.SendAsApp in a delegated flow: invalid_scope; app-only asks for https://outlook.office365.com/.default)',
      ],
    },
    'oauth.refresh-unauthorized-client': {
      finding: 'oauth-token-rejected',
      detail: 'refresh-unauthorized-client',
      title: 'The app may not use this grant (unauthorized_client)',
      summary:
        'The token endpoint knows the app but does not allow it the {{grant}} grant{{#description}} — it said "{{description}}"{{/description}}.' +
        AADSTS +
        NEVER_SAW,
      fixes: ['oauth.allow-grant', 'oauth.same-app'],
      sources: [RFC6749],
    },
    'oauth.not-an-access-token': {
      finding: 'oauth-token-rejected',
      detail: 'not-an-access-token',
      title: 'The token sent is not an access token',
      summary:
        '{{#refreshPrefix}}The token sent as the access token starts with {{prefix}}, which is how {{providerName}} refresh tokens start.{{/refreshPrefix}}{{^refreshPrefix}}The token sent as the access token carries neither scp nor roles, as an ID token does: an access token always carries one of them.{{/refreshPrefix}} SMTP accepts only access tokens; {{host}} refused it.',
      fixes: ['oauth.send-access-token'],
      deadEnds: ['oauth.retry-same-token'],
      docs: [MS_OAUTH_DOC, XOAUTH2_DOC],
      sources: [
        'https://developers.google.com/identity/protocols/oauth2 (access tokens and refresh tokens are distinct; refresh tokens obtain access tokens)',
        'https://github.com/richfaj/SmtpClientDiag (checks aud, scp, roles and upn of the access token)',
      ],
    },
    'oauth.wrong-audience': {
      finding: 'oauth-token-rejected',
      detail: 'wrong-audience',
      title: 'The access token is for {{aud}}, not for SMTP',
      summary:
        'The token’s audience (aud) is {{aud}}{{#audIsFor}}, which is {{audIsFor}}{{/audIsFor}}; {{host}} accepts only tokens for {{audiences|or}}. A token for another API is refused with the same reply as a wrong password.',
      fixes: ['oauth.request-smtp-scope', 'oauth.app-only-default-scope'],
      deadEnds: ['oauth.graph-mail-send', 'oauth.retry-same-token'],
      docs: [MS_OAUTH_DOC],
      sources: [
        'https://learn.microsoft.com/en-us/answers/questions/1110981 (a Graph token, Mail.Send, is refused by SMTP with 535 5.7.3)',
        'https://github.com/richfaj/SmtpClientDiag (aud must be https://outlook.office.com or https://outlook.office365.com)',
      ],
    },
    'oauth.missing-scope': {
      finding: 'oauth-token-rejected',
      detail: 'missing-scope',
      title: 'The token lacks the scope SMTP needs',
      summary:
        'The token {{#granted}}carries the scope "{{granted}}"{{/granted}}{{^granted}}was requested with the scope "{{requested}}"{{/granted}}, but SMTP needs {{needed|or}}{{#isFor}} ({{notEnough}} is for {{isFor}}){{/isFor}}.{{#challengeScope}} The server’s error challenge names {{challengeScope}}.{{/challengeScope}}',
      fixes: ['oauth.request-smtp-scope'],
      deadEnds: ['oauth.graph-mail-send', 'oauth.retry-same-token'],
      docs: [XOAUTH2_DOC, MS_OAUTH_DOC],
      sources: [
        'https://developers.google.com/gmail/xoauth2_protocol (SMTP needs the scope https://mail.google.com/)',
        'https://github.com/nodemailer/nodemailer/issues/1704 (a token for gmail.send only is refused with 535-5.7.8)',
        'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth (delegated: https://outlook.office.com/SMTP.Send)',
      ],
    },
    'oauth.app-role-missing': {
      finding: 'oauth-token-rejected',
      detail: 'app-role-missing',
      title: 'The app-only token lacks the {{role}} permission',
      summary:
        'The token is an app-only token ({{#roles}}roles: {{roles|and}}{{/roles}}{{^roles}}no roles{{/roles}}) without {{role}}, the application permission SMTP needs to send as a mailbox.',
      fixes: ['oauth.grant-app-role', 'oauth.exchange-service-principal'],
      deadEnds: ['oauth.graph-mail-send'],
      docs: [MS_OAUTH_DOC],
      sources: [
        'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth (app-only: https://outlook.office365.com/.default with the SMTP.SendAsApp permission; service principal and mailbox permission in Exchange)',
      ],
    },
    'oauth.wrong-user': {
      finding: 'oauth-token-rejected',
      detail: 'wrong-user',
      title: 'The token belongs to {{tokenUser}}, the login named {{smtpUser}}',
      summary:
        'An OAuth login names the mailbox (user=) and carries a token of the account that signed in; the server accepts the token only for that account. The token says {{tokenUser}}, the login said {{smtpUser}}.',
      fixes: ['oauth.login-as-token-user', 'oauth.token-for-mailbox'],
      deadEnds: ['oauth.retry-same-token'],
      docs: [XOAUTH2_DOC, MS_OAUTH_DOC],
      sources: [
        'https://developers.google.com/gmail/imap/xoauth2-protocol (user= is the account the token was issued for)',
        'https://github.com/richfaj/SmtpClientDiag (checks upn against the SMTP user)',
      ],
    },
    'oauth.expired': {
      finding: 'oauth-token-rejected',
      detail: 'expired',
      title: 'The access token expired {{ago}} ago',
      summary:
        'The token’s expiry (exp) is {{expiry}}, {{ago}} before smtp-doctor used it. Access tokens live about an hour; get a fresh one from the refresh token before each login.',
      fixes: ['oauth.refresh-before-login'],
      deadEnds: ['oauth.retry-same-token'],
      docs: [XOAUTH2_DOC, MS_OAUTH_DOC],
      sources: [
        'https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code (access tokens live 3599 s)',
        'https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens (access token lifetime 60-90 minutes)',
      ],
    },
    'oauth.unexplained': {
      finding: 'oauth-token-rejected',
      detail: 'unexplained',
      title:
        '{{#read}}{{host}} refused a token that looks right{{/read}}{{^read}}The server refused the OAuth token{{/read}}',
      summary:
        '{{#read}}As far as smtp-doctor can read the token{{#claimsRead}} (audience, scope, user and expiry){{/claimsRead}}{{#refreshed}} and the refresh{{/refreshed}}, nothing is wrong with it, but the server refused it, and its reply does not say why.{{/read}}{{^read}}The server refused the token with an error challenge{{#challengeScope}} that names the scope {{challengeScope}}{{/challengeScope}}; the challenge does not say why.{{/read}} {{#google}}Gmail gives the same answer to an expired or revoked token, a token without https://mail.google.com/, and a token of another account than user=; an account where IMAP/SMTP access is turned off by the Workspace admin is refused too.{{/google}}{{#microsoft}}Microsoft 365 gives the same answer when SMTP AUTH is turned off for the mailbox or the tenant, when the app-only service principal is not registered in Exchange or lacks the mailbox permission, and for a token of another tenant.{{/microsoft}}{{^known}}The server does not tell an expired, revoked or wrong-scope token and a token of another account apart.{{/known}}',
      fixes: [
        'oauth.refresh-before-login',
        'oauth.request-smtp-scope',
        'oauth.login-as-token-user',
        'oauth.enable-smtp-auth',
        'oauth.exchange-service-principal',
      ],
      deadEnds: ['oauth.retry-same-token'],
      docs: [XOAUTH2_DOC, MS_OAUTH_DOC],
      sources: [
        'smtp-doctor reference oauth-2026.md §2, §3 (Gmail answers every token fault with the same 334 JSON; Microsoft with 535 5.7.3)',
      ],
    },
    'oauth.oauth-only': {
      finding: 'mechanism-unsupported',
      detail: 'oauth-only',
      title: 'This server takes only OAuth tokens, not passwords',
      summary:
        '{{host}} offers only {{offered|and}} for AUTH: each carries an OAuth access token. A password cannot log in here, whatever it is{{#live}}; no login was spent finding this out{{/live}}.',
      fixes: ['oauth.use-token-flags', 'oauth.client-oauth'],
      deadEnds: ['oauth.new-password'],
      docs: [XOAUTH2_DOC, MS_OAUTH_DOC],
      sources: [
        'https://developers.google.com/gmail/imap/xoauth2-protocol (XOAUTH2 carries a bearer access token)',
        'https://www.rfc-editor.org/rfc/rfc7628 (OAUTHBEARER carries an OAuth 2.0 bearer token)',
      ],
    },
    'oauth.m365-basic-auth-refused': {
      finding: 'basic-auth-disabled',
      title: 'Microsoft 365 refused the password login',
      summary:
        'Password (Basic) authentication for SMTP AUTH is off for this mailbox or tenant. Microsoft said on {{statementDate}} that it stays unchanged until {{unchangedUntil}}, is then {{existingTenants}}, and that it will announce the final removal date in {{finalRemovalAnnounced}}.',
      fixes: ['oauth.use-token-flags', 'oauth.admin-enable-smtp-auth'],
      docs: [RETIREMENT_DOC, MS_OAUTH_DOC],
      sources: M365_BASIC_AUTH_RETIREMENT.sources,
    },
  },
  fixes: {
    'oauth.check-token-url': {
      text: 'Check the token endpoint: use --oauth-token-url google or microsoft (with --oauth-tenant), or the exact token URL your provider documents.',
    },
    'oauth.check-endpoint-reachable': {
      text: 'Check that this machine reaches the token endpoint over HTTPS (a proxy or firewall may stand in between).',
    },
    'oauth.read-endpoint-error': {
      text: 'Read the endpoint’s error above: it names the part of the request it refused.',
    },
    'oauth.new-refresh-token': {
      text: 'Sign in again to get a new refresh token with the scope {{needed|or}}{{#microsoft}} and offline_access{{/microsoft}}, then run the check with it (--oauth-refresh-token-env).',
    },
    'oauth.same-app': {
      text: 'Use the client id (and secret) of the same app that issued the refresh token: a refresh token works only for its own app.',
    },
    'oauth.sign-in-interactively': {
      text: 'The account must sign in interactively (multi-factor authentication or a policy asks for it); then use the new refresh token.',
    },
    'oauth.grant-consent': {
      text: 'Have the user (or an administrator, for the whole tenant) consent to the app’s permissions, then sign in again.',
    },
    'oauth.ask-admin-conditional-access': {
      text: 'Ask the tenant administrator which Conditional Access policy blocks the sign-in (Entra sign-in logs name it).',
    },
    'oauth.publish-app': {
      text: 'In Google Cloud Console, set the OAuth consent screen’s publishing status to "In production" (refresh tokens of a Testing app expire after {{days}} days), then sign in again for a new refresh token.',
    },
    'oauth.check-client-secret': {
      text: 'Check the client id and client secret: use the secret’s value (not its ID), and create a new secret if it expired.',
    },
    'oauth.request-smtp-scope': {
      text: 'Request the scope {{needed|or}} for SMTP{{#notEnough}} instead of {{notEnough}}{{/notEnough}} (--oauth-scope), sign in again and use the new token.',
    },
    'oauth.app-only-default-scope': {
      text: 'App-only (client credentials): request {{appOnlyScope}} and grant the app the {{appOnlyRole}} application permission.',
    },
    'oauth.allow-grant': {
      text: 'Allow the {{grant}} grant in the app registration (for a refresh token: a public or confidential client with the redirect the sign-in used; for client credentials: application permissions with admin consent).',
    },
    'oauth.send-access-token': {
      text: 'Send the access token the token endpoint returns ("access_token"), not the refresh token or the ID token: --oauth-refresh-token-env gets one for you.',
    },
    'oauth.grant-app-role': {
      text: 'Grant the app the {{role}} application permission (Office 365 Exchange Online) with admin consent, then request a new token for {{appOnlyScope}}.',
    },
    'oauth.exchange-service-principal': {
      text: 'App-only: register the app’s service principal in Exchange Online (New-ServicePrincipal) and give it the mailbox (Add-MailboxPermission).',
    },
    'oauth.login-as-token-user': {
      text: 'Log in as the account the token belongs to{{#tokenUser}} ({{tokenUser}}){{/tokenUser}}.',
    },
    'oauth.token-for-mailbox': {
      text: 'Or sign in as {{smtpUser}} to get a token of that account.',
    },
    'oauth.refresh-before-login': {
      text: 'Get a fresh access token right before the login (--oauth-refresh-token-env with --oauth-client-id makes smtp-doctor do it).',
    },
    'oauth.enable-smtp-auth': {
      text: 'Microsoft 365: check that SMTP AUTH is enabled for the mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false) and not disabled for the tenant.',
    },
    'oauth.use-token-flags': {
      text: 'Log in with an OAuth token instead: --oauth-token-env VAR for an access token, or --oauth-refresh-token-env VAR with --oauth-client-id and --oauth-token-url {{#preset}}{{preset}}{{/preset}}{{^preset}}URL{{/preset}} to get one.',
    },
    'oauth.client-oauth': {
      text: 'Configure your application for OAuth 2.0 (XOAUTH2) with a token of this account; a password setting will not work.',
    },
    'oauth.admin-enable-smtp-auth': {
      text: 'Until Microsoft’s final removal, a tenant administrator can enable SMTP AUTH with Basic authentication for this mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false) — OAuth is the lasting fix.',
    },
  },
  deadEnds: {
    'oauth.new-client-secret': {
      topic: 'new-client-secret',
      text: 'Creating a new client secret',
      why: 'invalid_grant is about the refresh token, not the app’s secret (a wrong secret gets invalid_client).',
    },
    'oauth.retry-same-token': {
      topic: 'retry-same-token',
      text: 'Retrying with the same token',
      why: 'the server or endpoint judged it; the same token gets the same answer and counts as a failed login.',
    },
    'oauth.graph-mail-send': {
      topic: 'graph-mail-send',
      text: 'Adding the Microsoft Graph Mail.Send permission',
      why: 'that is Graph’s API; SMTP needs SMTP.Send (delegated) or SMTP.SendAsApp (app-only).',
    },
    'oauth.new-password': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the server offers no mechanism that carries a password.',
    },
  },
  notes: {
    'oauth.endpoint-answered': {
      text: 'token endpoint {{url}} answered{{#status}} HTTP {{status}}{{/status}}{{#error}}: error={{error}}{{/error}}{{#description}} error_description="{{description}}"{{/description}}{{#codes}} error_codes=[{{codes|list}}]{{/codes}}',
    },
    'oauth.endpoint-no-answer': {
      text: 'token endpoint {{url}} did not answer: {{code}} {{message}}',
    },
    'oauth.endpoint-not-json': {
      text: 'token endpoint {{url}} answered{{#status}} HTTP {{status}}{{/status}} with {{contentType}}, not JSON',
    },
    'oauth.claims-read': {
      text: 'access token claims, read without verifying its signature:{{#aud}} aud={{aud}}{{/aud}}{{#scp}} scp="{{scp}}"{{/scp}}{{#roles}} roles={{roles|list}}{{/roles}}{{#user}} user={{user}}{{/user}}{{#expiry}} exp={{expiry}}{{/expiry}}{{#appid}} appid={{appid}}{{/appid}}',
    },
    'oauth.token-shape': {
      text: 'access token: opaque, {{length}} characters{{#prefix}}, starts with {{prefix}}{{/prefix}}',
    },
    'oauth.scope-requested': { text: 'scope requested: {{scope}}' },
    'oauth.decoded-challenge': { text: 'decoded: {{json}}' },
    'oauth.retirement-statement': {
      text: 'Microsoft, {{statementDate}} ({{statementUrl}}): SMTP AUTH Basic authentication unchanged until {{unchangedUntil}}; then {{existingTenants}}; {{newTenants}}; final removal date announced in {{finalRemovalAnnounced}}',
    },
  },
} as const satisfies CauseArea;
