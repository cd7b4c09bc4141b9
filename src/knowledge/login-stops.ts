// Login stops: which answers to AUTH end every further login of a run — temporary refusals, and findings about the account's state or a policy rather than the secret.
import type { FindingId } from '../model/finding.js';

/** What a stopping finding is about: the account's state, a provider's or organisation's policy, a throttle, or a server that will not judge logins now. */
export type StopLevel = 'account' | 'policy' | 'throttle' | 'server';

export interface LoginStop {
  level: StopLevel;
  /** Why no other attempt in the same run (another mechanism, port or retry) can end differently. */
  why: string;
  sources: readonly string[];
}

const SMART_LOCKOUT =
  'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-password-smart-lockout (every failed sign-in counts toward the lockout)';
const GMAIL_CODES = 'https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)';
const M365_SMTP_AUTH =
  'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission';

/**
 * Findings that name the account, a policy or the server's state, not the secret or the way a mechanism carried it: a
 * further login in the same run meets the same state and only adds to the failures providers lock or throttle on.
 * Findings missing here (credentials-rejected, oauth-token-rejected, username-format, mechanism-unsupported, …) are
 * verdicts on what was sent; the attempt budget alone decides whether another attempt may follow them.
 */
export const LOGIN_STOPS: Readonly<Partial<Record<FindingId, LoginStop>>> = {
  'account-locked': {
    level: 'account',
    why: 'the account is locked, suspended or disabled whatever is sent, and failed logins can prolong a lockout',
    sources: ['https://www.rfc-editor.org/rfc/rfc5248#section-2.4 (X.7.13 User Account Disabled)', SMART_LOCKOUT],
  },
  'web-login-required': {
    level: 'account',
    why: 'the provider holds logins until the owner signs in with a browser, whichever mechanism is used',
    sources: [GMAIL_CODES],
  },
  'quota-exceeded': {
    level: 'account',
    why: 'the account has used up its sending quota or credits; a login does not refill them',
    sources: [
      'https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html (SMTP response codes returned by Amazon SES)',
      'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/smtp-errors-and-troubleshooting',
    ],
  },
  'app-password-required': {
    level: 'policy',
    why: 'the provider refuses the account password on SMTP whichever mechanism carries it',
    sources: [GMAIL_CODES, 'https://support.google.com/accounts/answer/185833 (sign in with app passwords)'],
  },
  'smtp-auth-disabled': {
    level: 'policy',
    why: 'SMTP AUTH is switched off for the account or organisation, whatever the password',
    sources: [M365_SMTP_AUTH],
  },
  'basic-auth-disabled': {
    level: 'policy',
    why: 'password logins are switched off for the account or tenant, so every password mechanism is refused alike',
    sources: [M365_SMTP_AUTH, SMART_LOCKOUT],
  },
  'ip-not-allowed': {
    level: 'policy',
    why: 'the provider accepts this login only from registered addresses, and another attempt comes from the same one',
    sources: [
      'https://support.google.com/a/answer/6140680 (SMTP relay service error messages)',
      'observed:https://community.auth0.com/t/sendgrid-smtp-451-authentication-failed-could-not-authenticate/188321 (resolved by IP Access Management)',
    ],
  },
  'rate-limited': {
    level: 'throttle',
    why: 'the server refuses logins for a while, and every attempt keeps the throttle in place or extends it',
    sources: [GMAIL_CODES, 'vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd.c (smtpd_client_auth_rate_limit)'],
  },
  'auth-temporary-failure': {
    level: 'server',
    why: 'the server will not judge logins right now, and an attempt at once meets the same state',
    sources: ['https://www.rfc-editor.org/rfc/rfc4954#section-6 (454: the client should not ask for another password)'],
  },
};

/** The stop a finding calls for when it names the account, a policy or the server's state; undefined for a verdict on the secret. */
export function loginStopFor(finding: FindingId): LoginStop | undefined {
  return LOGIN_STOPS[finding];
}

/**
 * A 4yz answer to AUTH is a transient refusal (RFC 5321 §4.2.1): a temporary failure or a throttle, never a verdict on
 * the secret (RFC 4954 §6, 454: do not ask for another password). Each new attempt while it lasts prolongs it.
 */
export function isTransientRefusal(code: number): boolean {
  return code >= 400 && code < 500;
}
