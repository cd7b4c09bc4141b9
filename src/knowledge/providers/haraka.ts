// Haraka: AUTH only after TLS ("500 Unrecognized command" before), delayed failures, optional [uuid] prefix.
import type { ProviderInput } from '../schema.js';

const AUTH_BASE = 'haraka/Haraka@v3.1.6:plugins/auth/auth_base.js';

export const haraka: ProviderInput = {
  id: 'haraka',
  name: 'Haraka',
  kind: 'server',
  recognise: { banner: ['Haraka'], ehlo: ['Haraka'] },
  docs: [{ title: 'Haraka: auth plugins', url: 'https://haraka.github.io/plugins/auth/' }],
  signatures: [
    {
      id: 'haraka.authentication-failed',
      phases: ['auth'],
      match: { codes: [535], enhanced: '5.7.8', text: '^(?:\\[[^\\]]+\\] )?Authentication failed$' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'Haraka rejected the credentials',
          summary:
            'The auth plugin refused the login; each further failure on the connection is answered more slowly (2^(failures-1) s).',
          confidence: 'high',
          fixes: [{ text: 'Check the credentials; expect slow replies after repeated failures.' }],
          deadEnds: [{ text: 'Hammering retries on one connection', why: 'each waits longer.' }],
        },
      ],
      samples: ['535 5.7.8 Authentication failed'],
      sources: [
        `${AUTH_BASE} ('5.7.8 Authentication failed', exponential delay)`,
        "haraka/Haraka@v3.1.6:connection.js (respond() may insert '[<uuid>@<host>] ' before the text when uuid.deny_chars is set)",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'haraka.unrecognized-command',
      phases: ['auth'],
      match: { codes: [500], text: '^Unrecognized command$' },
      scope: 'provider',
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'Haraka offers AUTH only after TLS',
          summary:
            'Haraka’s auth plugins register AUTH only on TLS connections; before that the AUTH verb is an unknown command.',
          confidence: 'high',
          fixes: [{ text: 'Run STARTTLS and EHLO again, then AUTH.', settings: { security: 'starttls' } }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not checked.' }],
        },
      ],
      samples: ['500 Unrecognized command'],
      sources: [
        `${AUTH_BASE} (hook_capabilities: no AUTH unless connection.tls.enabled)`,
        "haraka/Haraka@v3.1.6:connection.js (default '500 Unrecognized command')",
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'haraka.invalid-auth-string',
      phases: ['auth'],
      match: { codes: [504], text: '^Invalid AUTH string$' },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The user name or password is empty',
          summary:
            'The AUTH data decoded to an empty user name or password, e.g. an empty password variable in the client configuration.',
          confidence: 'high',
          fixes: [{ text: 'Check that both the user name and the password are set in the client.' }],
        },
      ],
      samples: ['504 Invalid AUTH string'],
      sources: [`${AUTH_BASE} (check_user: respond(504, 'Invalid AUTH string'))`],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
