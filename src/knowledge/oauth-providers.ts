// OAuth for SMTP as knowledge: each provider's token endpoint, the scope SMTP needs, the audiences and permissions an
// access token must carry, and the refresh-token errors the endpoints send — sourced, read by the probe and the rules.
import type { OAuthPreset } from '../model/oauth.js';

export interface OAuthProviderFacts {
  preset: OAuthPreset;
  /** The knowledge provider id (providers/*.ts) whose SMTP servers take these tokens. */
  provider: string;
  /** The token endpoint; `{tenant}` stands for the directory (Microsoft: common, organizations, or a tenant id). */
  tokenUrl: string;
  /** Host names whose token endpoints belong to this provider: a URL the user gives is matched against them. */
  tokenHosts: readonly string[];
  /** The tenant used when none is given. */
  defaultTenant?: string;
  /** The scope a delegated (user) refresh asks for: what SMTP needs, plus what keeps the refresh token alive. */
  delegatedScope: string;
  /** A scope value that gives SMTP access in a delegated token (one is enough). */
  smtpScopes: readonly string[];
  /** Scopes users request instead that do not give SMTP access, with what they are for. */
  notEnough: readonly { scope: string; isFor: string }[];
  /** App-only (client credentials): the scope to request and the role the token must carry. Absent: not offered. */
  appOnly?: { scope: string; role: string };
  /** Audiences (`aud`) an SMTP access token may have, when the tokens are JWTs. Absent: opaque tokens. */
  audiences?: readonly string[];
  /** The scope SMTP needs, written in full as a token request names it (what a fix tells the user to request). */
  smtpScope?: string;
  /** Audiences of this provider's other APIs that users get tokens for by mistake, with what each is for. */
  otherAudiences?: readonly { aud: string; isFor: string }[];
  /** How long an access token lives, in seconds, as documented. */
  accessTokenLifetime: number;
  /** The first characters of this provider's access tokens and refresh tokens, where they are documented or stable. */
  prefixes?: { access?: string; refresh?: string };
  sources: readonly string[];
  verified: string;
}

export const OAUTH_PROVIDERS: readonly OAuthProviderFacts[] = [
  {
    preset: 'google',
    provider: 'google',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    tokenHosts: ['oauth2.googleapis.com', 'accounts.google.com', 'www.googleapis.com'],
    delegatedScope: 'https://mail.google.com/',
    smtpScopes: ['https://mail.google.com/'],
    notEnough: [
      { scope: 'https://www.googleapis.com/auth/gmail.send', isFor: 'the Gmail API, not SMTP' },
      { scope: 'https://www.googleapis.com/auth/gmail.compose', isFor: 'the Gmail API, not SMTP' },
      { scope: 'https://www.googleapis.com/auth/gmail.modify', isFor: 'the Gmail API, not SMTP' },
    ],
    smtpScope: 'https://mail.google.com/',
    accessTokenLifetime: 3599,
    prefixes: { access: 'ya29.', refresh: '1//' },
    sources: [
      'https://developers.google.com/gmail/xoauth2_protocol (SMTP and IMAP need the scope https://mail.google.com/)',
      'https://github.com/nodemailer/nodemailer/issues/1704 (a token minted for gmail.send only is refused with 535-5.7.8)',
      'https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code (token endpoint https://oauth2.googleapis.com/token; access tokens live 3599 s)',
    ],
    verified: '2026-12-07',
  },
  {
    preset: 'microsoft',
    provider: 'microsoft365',
    tokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
    tokenHosts: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com'],
    defaultTenant: 'common',
    delegatedScope: 'https://outlook.office.com/SMTP.Send offline_access',
    smtpScopes: ['SMTP.Send', 'https://outlook.office.com/SMTP.Send', 'https://outlook.office365.com/SMTP.Send'],
    notEnough: [
      { scope: 'Mail.Send', isFor: 'Microsoft Graph (sendMail), not SMTP' },
      { scope: 'https://graph.microsoft.com/Mail.Send', isFor: 'Microsoft Graph (sendMail), not SMTP' },
      { scope: 'https://graph.microsoft.com/.default', isFor: 'Microsoft Graph, not SMTP' },
    ],
    appOnly: { scope: 'https://outlook.office365.com/.default', role: 'SMTP.SendAsApp' },
    audiences: ['https://outlook.office.com', 'https://outlook.office365.com', '00000002-0000-0ff1-ce00-000000000000'],
    smtpScope: 'https://outlook.office.com/SMTP.Send',
    otherAudiences: [
      { aud: 'https://graph.microsoft.com', isFor: 'Microsoft Graph (sendMail), not SMTP' },
      { aud: '00000003-0000-0000-c000-000000000000', isFor: 'Microsoft Graph (sendMail), not SMTP' },
    ],
    accessTokenLifetime: 3600,
    sources: [
      'https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth (delegated scope https://outlook.office.com/SMTP.Send with offline_access; app-only https://outlook.office365.com/.default with the SMTP.SendAsApp permission)',
      'https://learn.microsoft.com/en-us/answers/questions/1110981 (a Graph token, Mail.Send, is refused by SMTP with 535 5.7.3)',
      'https://github.com/richfaj/SmtpClientDiag (checks aud is https://outlook.office.com or https://outlook.office365.com, upn, scp SMTP.Send, roles SMTP.SendAsApp)',
      'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow (token endpoint https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token)',
    ],
    verified: '2026-12-07',
  },
];

/** The facts for a preset name. */
export function oauthProvider(preset: OAuthPreset): OAuthProviderFacts {
  const found = OAUTH_PROVIDERS.find((p) => p.preset === preset);
  if (!found) throw new Error(`no OAuth knowledge for ${preset}`);
  return found;
}

/** The preset whose token endpoint a URL names, if any. */
export function presetOfTokenUrl(url: string): OAuthPreset | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return OAUTH_PROVIDERS.find((p) => p.tokenHosts.includes(host))?.preset;
}
