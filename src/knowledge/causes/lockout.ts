// Causes of the lockout rule: repeated failed logins, and the unnamed temporary refusal that follows them (a throttle).
import type { CauseArea } from './types.js';

const GMAIL_THROTTLE =
  'https://support.google.com/a/answer/3726730 (Gmail SMTP errors: 454 4.7.0 Too many login attempts, please try again later; knowledge signature google.too-many-login-attempts)';
const SMART_LOCKOUT =
  'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-password-smart-lockout (Entra smart lockout: the account is locked for a while after repeated failed sign-ins)';
const POSTFIX_AUTH_LIMIT =
  'vdukhovni/postfix@v3.7.11:postfix/src/smtpd/smtpd.c (smtpd_client_auth_rate_limit: AUTH commands per client per time unit)';
const RFC5321_421 = 'https://www.rfc-editor.org/rfc/rfc5321#section-3.8 (421: the server closes the session)';

export const lockout = {
  causes: {
    'lockout.throttle-after-failures': {
      finding: 'rate-limited',
      detail: 'temporary-after-failures',
      title: 'A temporary refusal after failed logins: stop trying now',
      summary:
        'After a refused login the server switched to a temporary refusal ({{code}}). Several providers use {{#closing}}421 (closing the session){{/closing}}{{^closing}}454 4.7.0{{/closing}} for their login throttle; more attempts keep it in place.',
      fixes: ['lockout.stop-fix-then-once'],
      deadEnds: ['retry.throttle-extends'],
      sources: [GMAIL_THROTTLE, POSTFIX_AUTH_LIMIT, RFC5321_421],
    },
    'lockout.repeated-failures': {
      finding: 'rate-limited',
      detail: 'lockout-risk',
      title: 'Repeated failed logins risk a lockout',
      summary:
        '{{count}} logins failed. Providers count failures: Microsoft locks the account (smart lockout), Gmail throttles with 454, Postfix can rate-limit AUTH. Some clients (swaks, Python smtplib) try every mechanism and fail several times per run.',
      fixes: ['lockout.fix-then-once'],
      sources: [
        SMART_LOCKOUT,
        GMAIL_THROTTLE,
        POSTFIX_AUTH_LIMIT,
        'smtp-doctor reference oauth-2026.md §5 (smtplib login() tries CRAM-MD5, PLAIN and LOGIN in turn; swaks and Symfony Mailer also multiply failed logins)',
      ],
    },
  },
  fixes: {
    'lockout.stop-fix-then-once': { text: 'Stop all attempts, fix the credentials, then try once after a pause.' },
    'lockout.fix-then-once': { text: 'Fix the cause first, then make one attempt; do not loop on failures.' },
  },
  deadEnds: {
    'retry.throttle-extends': {
      topic: 'retry',
      text: 'Retrying at once',
      why: 'each attempt during a throttle extends it.',
    },
  },
  notes: {
    'lockout.failed-logins': { text: '{{failed}} failed logins in this run (limit {{allowed}})' },
    'lockout.after-refused-login': {
      text: 'on {{host}}:{{port}} ({{security|mode}}){{#mechanism}} with {{mechanism}}{{/mechanism}}, after a refused login',
    },
  },
} as const satisfies CauseArea;
