// Dovecot's own submission service (submission-login): its AUTH replies, verbatim from its source.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';

const AUTH_C = 'dovecot/core@2.3.19.1:src/submission-login/client-authenticate.c';
const DEB = 'Debian 12 packages dovecot-core / dovecot-submissiond 1:2.3.19.1+dfsg1-2.1+deb12u7 (binary strings)';
const useTls = [
  {
    id: 'dovecot.starttls-before-auth',
    text: 'Run STARTTLS (port 587) and EHLO again before AUTH.',
    settings: { port: 587, security: 'starttls' as const },
  },
  {
    id: 'use-implicit-tls-465',
    text: 'Or use implicit TLS on port 465.',
    settings: { port: 465, security: 'tls' as const },
  },
];

export const dovecot: ProviderInput = {
  id: 'dovecot',
  name: 'Dovecot submission service',
  kind: 'server',
  recognise: {},
  docs: [
    { title: 'Dovecot: submission server', url: 'https://doc.dovecot.org/configuration_manual/submission_server/' },
  ],
  signatures: [
    {
      id: 'dovecot.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], enhanced: '5.7.8', text: '^Authentication failed\\.$' },
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Dovecot rejected the user name or password',
          summary: 'Dovecot’s password database refused the credentials (wrong password or unknown user).',
          confidence: 'high',
          fixes: [
            { text: 'Check the user-name form (auth_username_format: often the full address) and the password.' },
            { text: 'On your own server: doveadm auth test <user> shows what Dovecot thinks.' },
          ],
          deadEnds: [
            {
              text: 'Retrying quickly',
              why: 'Dovecot delays failed logins and penalises the client address after repeated failures.',
            },
          ],
        },
      ],
      samples: ['535 5.7.8 Authentication failed.'],
      sources: [
        `${AUTH_C} (default case: smtp_server_reply(cmd, 535, "5.7.8", ...))`,
        "dovecot/core@2.3.19.1:src/login-common/client-common-auth.c (AUTH_FAILED_MSG 'Authentication failed.')",
        DEB,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'dovecot.temporary-failure',
      phases: ['auth'],
      match: { codes: [454], text: '^Temporary authentication failure\\. \\[' },
      causes: [
        {
          finding: 'auth-temporary-failure',
          title: 'Dovecot’s authentication backend failed',
          summary:
            'An internal error while checking the login (password database down, auth process unreachable). The bracketed host and time point to the log entry.',
          confidence: 'high',
          fixes: [{ text: 'Try again later; server admin: search the Dovecot log for the bracketed host:time.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'it was not evaluated.' }],
        },
      ],
      samples: ['454 4.7.0 Temporary authentication failure. [mail.example.org:2026-11-24 10:15:02]'],
      sources: [
        `${AUTH_C} (CLIENT_AUTH_RESULT_TEMPFAIL -> 454 4.7.0)`,
        'dovecot/core@2.3.19.1:src/login-common/client-common-auth.c (AUTH_TEMP_FAILED_MSG with [host:time])',
        DEB,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'dovecot.ssl-required',
      phases: ['auth'],
      match: { codes: [530], text: 'Authentication not allowed until SSL/TLS is enabled' },
      standalone: 'Authentication not allowed until SSL/TLS is enabled',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Dovecot requires TLS before any login',
          summary: 'The server runs with ssl=required: no authentication before TLS.',
          confidence: 'high',
          fixes: useTls,
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not checked.' }],
        },
      ],
      samples: ['530 5.7.0 Authentication not allowed until SSL/TLS is enabled.'],
      sources: [`${AUTH_C} (CLIENT_AUTH_RESULT_SSL_REQUIRED -> 530 5.7.0)`, DEB],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'dovecot.plaintext-disabled',
      phases: ['auth'],
      match: { codes: [523], text: 'Plaintext authentication disabled' },
      standalone: 'Plaintext authentication disabled',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Dovecot refuses plaintext logins without TLS',
          summary: 'PLAIN and LOGIN are allowed only after TLS (disable_plaintext_auth=yes, the default).',
          confidence: 'high',
          fixes: useTls,
          deadEnds: [{ text: 'Switching to AUTH LOGIN', why: 'it is a plaintext mechanism too.' }],
        },
      ],
      samples: ['523 5.7.10 Plaintext authentication disabled.'],
      sources: [`${AUTH_C} (CLIENT_AUTH_RESULT_MECH_SSL_REQUIRED -> 523 5.7.10)`, DEB],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'dovecot.unsupported-mechanism',
      phases: ['auth'],
      match: { codes: [504], text: 'Unsupported authentication mechanism' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'Dovecot does not offer this mechanism',
          summary: 'The mechanism is not in auth_mechanisms (e.g. LOGIN when only PLAIN is enabled).',
          confidence: 'high',
          fixes: [
            { text: 'Use a mechanism from the EHLO AUTH line (normally PLAIN).', settings: { mechanism: 'PLAIN' } },
          ],
        },
      ],
      samples: ['504 5.5.4 Unsupported authentication mechanism.'],
      sources: [`${AUTH_C} (CLIENT_AUTH_RESULT_MECH_INVALID -> 504 5.5.4)`, DEB],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'dovecot.authentication-required',
      phases: ['mail', 'rcpt'],
      match: { codes: [530], text: '^Authentication required\\.$' },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail without logging in',
          summary: 'Dovecot submission always requires a login before MAIL FROM.',
          confidence: 'high',
          fixes: [{ text: 'Configure the credentials so the client sends AUTH after STARTTLS.' }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'none was sent.' }],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: ['530 5.7.0 Authentication required.'],
      sources: [
        `${AUTH_C} (smtp_server_command_fail(cmd->cmd, 530, "5.7.0", "Authentication required."))`,
        DOTNET_SOURCE,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
