// Haraka: AUTH only after TLS ("500 Unrecognized command" before), delayed failures, optional [uuid] prefix.
import type { ProviderInput } from '../schema.js';

const AUTH_BASE = 'haraka/Haraka@v3.1.6:plugins/auth/auth_base.js';
const CONNECTION = 'haraka/Haraka@v3.1.6:connection.js';
const TLS_PLUGIN = 'haraka/Haraka@v3.1.6:plugins/tls.js';
/** A real Haraka run, talked to with a raw client: what the source says, seen on the wire. */
const OBSERVED =
  'observed: Haraka 3.1.6 from the npm registry run locally on 127.0.0.1:587 and :465 (plugins: tls, a plugin inheriting auth/auth_base, rcpt_to.in_host_list; default config/connection.ini), raw client transcript of 2026-11-24';
/** The source wording is unchanged in the newest release checked. */
const LATEST =
  'npm package Haraka 3.3.4 (connection.js, plugins/auth/auth_base.js, plugins/tls.js: same reply wording)';

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
        `${CONNECTION} (respond() may insert '[<uuid>@<host>] ' before the text when uuid.deny_chars is set)`,
        OBSERVED,
        LATEST,
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
        `${CONNECTION} (default '500 Unrecognized command')`,
        `${TLS_PLUGIN} (STARTTLS where it is not advertised, e.g. on implicit TLS, falls through to the same default)`,
        OBSERVED,
        LATEST,
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
      sources: [`${AUTH_BASE} (check_user: respond(504, 'Invalid AUTH string'))`, OBSERVED],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'haraka.authentication-required',
      phases: ['mail'],
      match: { codes: [550], text: '^Authentication required$' },
      scope: 'provider',
      causes: [
        {
          finding: 'credentials-missing',
          title: 'Haraka wants a login before MAIL FROM on the submission ports',
          summary:
            'On port 587 or 465 Haraka refuses MAIL FROM from a client that has not logged in and is not otherwise allowed to relay.',
          confidence: 'high',
          fixes: [
            {
              text: 'Turn on authentication in the client so that it logs in after STARTTLS, before MAIL FROM.',
              settings: { security: 'starttls' },
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'none was sent.' }],
        },
      ],
      samples: ['550 Authentication required'],
      sources: [
        `${CONNECTION} (cmd_mail: a client that is not relaying, on local port 587 or 465, gets 550 'Authentication required')`,
        OBSERVED,
        LATEST,
      ],
      verified: '2026-12-07',
      certainty: 'confirmed',
    },
  ],
};
