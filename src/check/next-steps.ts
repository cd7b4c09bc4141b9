// Next steps when no login was tested: they fit what was given (no user, a user without a password, a login skipped on
// purpose) and say what the run learned anyway.
import type { Evidence } from '../model/evidence.js';
import { describeSecurity, type SessionRecord } from '../model/session.js';

export interface LoginInput {
  /** Credentials were given (they may still not have been sent: budget 0, or empty). */
  credentials: boolean;
  username?: string;
  maxAttempts?: number;
}

const SECRET_SOURCES =
  '--password-env VAR, --password-file FILE or --password-stdin (or run it on a terminal to be prompted)';

/** The next steps for a run that tested no login; undefined when a login was attempted (the findings speak). */
export function nextStepsWithoutLogin(evidence: Evidence, given: LoginInput): string[] | undefined {
  if (evidence.sessions.some((s) => s.record.auth)) return undefined;
  const steps: string[] = [];
  if (given.credentials) {
    if (given.maxAttempts !== 0) return undefined;
    steps.push(
      'The login was skipped on purpose (--max-attempts 0): no AUTH was sent, so nothing is known yet about the credentials.',
    );
  } else if (given.username !== undefined) {
    steps.push(
      `No password was given for ${JSON.stringify(given.username)}, so no login was attempted: give it with ${SECRET_SOURCES} to test it.`,
    );
  } else {
    steps.push(`No login was attempted: give --user NAME and a password (${SECRET_SOURCES}) to test the credentials.`);
  }
  const learned = learnedWithoutLogin(evidence.sessions.map((s) => s.record));
  if (learned) steps.push(learned);
  if (given.credentials)
    steps.push('To test the credentials, run it again without --max-attempts 0 (one login, by default).');
  return steps;
}

/** "Learned without logging in: port 587 with STARTTLS offers AUTH PLAIN LOGIN; …; no SMTP session … on port 25 with STARTTLS." */
function learnedWithoutLogin(records: readonly SessionRecord[]): string | undefined {
  const seen = new Set<string>();
  const working: string[] = [];
  const silent: string[] = [];
  for (const record of records) {
    const endpoint = `port ${record.target.port} with ${describeSecurity(record.target.security)}`;
    if (seen.has(endpoint)) continue;
    seen.add(endpoint);
    const caps = record.capabilities.afterTls ?? record.capabilities.beforeTls;
    if (!caps) {
      silent.push(endpoint);
      continue;
    }
    const auth = caps.auth.length > 0 ? `offers AUTH ${caps.auth.join(' ')}` : 'offers no AUTH';
    const tls = record.tls;
    const certificate = tls && !tls.verification.ok ? ' (its certificate did not verify)' : '';
    const plain = !tls ? ' (without TLS)' : '';
    working.push(`${endpoint} ${auth}${plain}${certificate}`);
  }
  if (working.length === 0 && silent.length === 0) return undefined;
  const parts = [...working];
  if (silent.length > 0) parts.push(`no SMTP session reached EHLO on ${silent.join(', ')}`);
  return `Learned without logging in: ${parts.join('; ')}.`;
}
