// Causes of the vague-words rule: a last-resort reading of a text's broad words, with how often it was right.
import type { FindingId } from '../../model/finding.js';
import type { CauseArea, CauseEntry } from './types.js';

const SOURCES = [
  'eval/vague-rates.ts: the rates of knowledge/vague-words.ts, counted over the corpus’s tuning split (eval/corpus/*.jsonl)',
];

/**
 * One reading of the words only: what the finding most often is when a text says no more than these words. The rate and
 * the count it rests on are the rule's parameters, so the sentence says how sure (or unsure) the reading is.
 */
function reading(finding: FindingId, meaning: string, fixes: readonly string[]): Omit<CauseEntry, 'deadEnds'> {
  return {
    finding,
    detail: `${finding}/words`,
    title: `Only the words "{{words}}": most likely ${meaning}`,
    summary: `The text says "{{words}}" and nothing more that smtp-doctor can read: no server reply, no error code, no known client message. In the posted reports smtp-doctor was measured on, a text with these words most often means ${meaning} ({{percent}}% of {{basis}} texts). This is a reading of the words only: the full output of the client (its debug log) or smtp-doctor check would say for sure.`,
    fixes: [...fixes, 'client-side.run-check'],
    sources: SOURCES,
  };
}

export const vagueWords = {
  causes: {
    'vague-words.credentials-rejected': reading(
      'credentials-rejected',
      'that the server refused the user name or password',
      ['reply-signatures.check-user-and-secret', 'client-side.check-form-and-app-password'],
    ),
    'vague-words.certificate-invalid': reading(
      'certificate-invalid',
      'that the client did not accept the server’s certificate (expired, self-signed, another name, or an issuer it does not trust)',
      ['certificate.trust-explicitly'],
    ),
    'vague-words.basic-auth-disabled': reading(
      'basic-auth-disabled',
      'that the provider no longer accepts a password login for this account (Microsoft 365 answers 5.7.139 or 5.7.57 when basic authentication is off): an app password, OAuth, or an administrator turning it back on is needed',
      [],
    ),
    'vague-words.smtp-auth-disabled': reading(
      'smtp-auth-disabled',
      'that logging in over SMTP (SMTP AUTH) is turned off for this mailbox or the whole tenant (Microsoft 365: SmtpClientAuthentication), so no password can work until an administrator turns it on',
      [],
    ),
    'vague-words.service-unavailable': reading(
      'service-unavailable',
      'that the server would not serve the session at all (421 or 554 at the greeting)',
      ['greeting.check-smtp-service', 'reply-signatures.wait-then-once'],
    ),
    'vague-words.rate-limited': reading('rate-limited', 'that the server is limiting how often you connect or send', [
      'lockout.fix-then-once',
    ]),
    'vague-words.auth-temporary-failure': reading(
      'auth-temporary-failure',
      'that the server put the login off for now (a temporary failure on its side)',
      ['reply-signatures.wait-then-once'],
    ),
    'vague-words.auth-not-offered': reading('auth-not-offered', 'that the server does not offer a login on this port', [
      'auth-offer.submission-port',
    ]),
    'vague-words.mechanism-unsupported': reading(
      'mechanism-unsupported',
      'that the client and the server share no login mechanism',
      [],
    ),
    'vague-words.auth-requires-tls': reading(
      'auth-requires-tls',
      'that the server offers the login only after TLS (STARTTLS, or implicit TLS on 465)',
      ['auth-offer.submission-port-tls'],
    ),
    'vague-words.app-password-required': reading(
      'app-password-required',
      'that the provider wants an app password rather than the account’s password',
      ['client-side.check-form-and-app-password'],
    ),
    'vague-words.web-login-required': reading(
      'web-login-required',
      'that the provider wants a login in a browser first (a security check on the account)',
      ['reply-signatures.search-reply-text'],
    ),
    'vague-words.sender-rejected': reading('sender-rejected', 'that the server refused the sender address', [
      'reply-signatures.send-as-login',
    ]),
    'vague-words.recipient-rejected': reading('recipient-rejected', 'that the server refused a recipient address', [
      'reply-signatures.check-recipient',
    ]),
    'vague-words.connection-lost': reading(
      'connection-lost',
      'that the connection was closed or reset in the middle of the session',
      ['connection-lost.try-later'],
    ),
    'vague-words.connection-refused': reading(
      'connection-refused',
      'that nothing accepted the connection on that host and port',
      ['network.check-host-port', 'network.check-outbound-block'],
    ),
    'vague-words.connection-timeout': reading(
      'connection-timeout',
      'that the connection to the server never completed (a firewall or the hosting provider blocks the port)',
      ['network.check-outbound-allowed'],
    ),
    'vague-words.credentials-missing': reading(
      'credentials-missing',
      'that the client sent no login (no or empty credentials) before sending',
      ['client-side.check-credential-variables'],
    ),
    'vague-words.dns-not-found': reading('dns-not-found', 'that the host name does not resolve', [
      'network.check-spelling',
      'network.check-resolver',
    ]),
    'vague-words.quota-exceeded': reading('quota-exceeded', 'that the account reached a sending limit or quota', [
      'reply-signatures.wait-then-once',
    ]),
    'vague-words.tls-handshake-failed': reading(
      'tls-handshake-failed',
      'that the TLS handshake failed (often the wrong TLS mode for the port, or TLS versions the two sides do not share)',
      ['tls-handshake.other-mode', 'tls-handshake.read-inner-error'],
    ),
    'vague-words.auth-malformed': reading(
      'auth-malformed',
      'that the login was sent in a form the server could not decode (often a non-ASCII character in the password)',
      ['client-side.ascii-password', 'client-side.utf8-client'],
    ),
    'vague-words.tls-mode-mismatch': reading(
      'tls-mode-mismatch',
      'that the TLS mode does not fit the port (implicit TLS on 465, STARTTLS on 587)',
      ['tls-handshake.other-mode'],
    ),
  },
} as const satisfies CauseArea;
