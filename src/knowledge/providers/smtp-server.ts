// nodemailer's smtp-server (Node.js): default reply texts, enhanced codes hidden by default; used by many test servers.
import type { ProviderInput } from '../schema.js';
import { DOTNET_SOURCE, dotnetWentOnAfterRefusedLogin } from './client-behaviour.js';

const CONN = 'nodemailer/smtp-server@v3.19.1:lib/smtp-connection.js';
const SASL = 'nodemailer/smtp-server@v3.19.1:lib/sasl.js';
/** The same wording in the newer release the lab's plain persona imitates. */
const CONN_3_21 = 'nodemailer/smtp-server@v3.21.6:lib/smtp-connection.js';
const SASL_3_21 = 'nodemailer/smtp-server@v3.21.6:lib/sasl.js';
const RUN =
  'observed:nodemailer smtp-server 3.21.6 run on loopback by the lab author (greeting, EHLO, 535, 504, MAIL, RCPT, DATA, RSET, NOOP, unknown command, QUIT)';

export const smtpServer: ProviderInput = {
  id: 'smtp-server',
  name: 'smtp-server (Node.js, nodemailer)',
  kind: 'server',
  recognise: { ehlo: ['Nice to meet you'] },
  docs: [{ title: 'smtp-server documentation', url: 'https://nodemailer.com/extras/smtp-server/' }],
  signatures: [
    {
      id: 'smtp-server.credentials-invalid',
      phases: ['auth'],
      match: { codes: [535], text: '^Error: Authentication credentials invalid' },
      causes: [
        {
          finding: 'credentials-rejected',
          title: 'The application rejected the credentials',
          summary:
            'The server’s onAuth handler refused the user name or password (the wording is the library default; the application decides what it accepts).',
          confidence: 'high',
          fixes: [{ id: 'smtp-server.check-credentials', text: 'Check the credentials this application expects.' }],
        },
      ],
      samples: ['535 Error: Authentication credentials invalid'],
      sources: [
        `${SASL} (send(err.responseCode || 535, err.message); default 'Error: Authentication credentials invalid')`,
        'nodemailer/smtp-server@v3.19.1:lib/smtp-server.js (hideENHANCEDSTATUSCODES defaults to true)',
        RUN,
        SASL_3_21,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'smtp-server.must-issue-starttls',
      phases: ['auth'],
      match: { codes: [538], text: 'Error: Must issue a STARTTLS command first' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'The server wants STARTTLS before AUTH',
          summary:
            'smtp-server lists AUTH before TLS but refuses it until STARTTLS (unless allowInsecureAuth is set), with code 538.',
          confidence: 'high',
          fixes: [{ text: 'Run STARTTLS before AUTH.', settings: { security: 'starttls' } }],
          deadEnds: [{ topic: 'change-password', text: 'Changing the credentials', why: 'they were not checked.' }],
        },
      ],
      samples: ['538 Error: Must issue a STARTTLS command first'],
      sources: [`${CONN} (send(538, 'Error: Must issue a STARTTLS command first'))`],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'smtp-server.unrecognized-authentication-type',
      phases: ['auth'],
      match: { codes: [504], text: '^Error: Unrecognized authentication type' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'The server does not enable this mechanism',
          summary: 'The mechanism is not in the server’s authMethods.',
          confidence: 'high',
          fixes: [
            { text: 'Use PLAIN or LOGIN (or add the mechanism to authMethods).', settings: { mechanism: 'PLAIN' } },
          ],
        },
      ],
      samples: ['504 Error: Unrecognized authentication type'],
      sources: [CONN, RUN, CONN_3_21],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'smtp-server.authentication-required',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [530], text: '^Error: authentication Required' },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail without logging in',
          summary: 'The server requires authentication (authOptional is false) and the session has none.',
          confidence: 'high',
          fixes: [{ text: 'Log in before sending.' }],
        },
        dotnetWentOnAfterRefusedLogin,
      ],
      samples: ['530 Error: authentication Required'],
      sources: [`${CONN} (authRequiredMessage default 'Error: authentication Required')`, CONN_3_21, DOTNET_SOURCE],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'smtp-server.xoauth2-rejected',
      phases: ['auth'],
      match: { codes: [535], text: '^Error: Username and Password not accepted' },
      causes: [
        {
          finding: 'oauth-token-rejected',
          title: 'The server rejected the OAuth token',
          summary:
            'Imitating Gmail, the server first sent a base64 JSON error challenge and then this 535: the token was refused.',
          confidence: 'high',
          when: { credential: 'token' },
          fixes: [
            {
              text: 'Refresh the OAuth access token; the client must answer the 334 error challenge with an empty line.',
            },
          ],
        },
        {
          finding: 'credentials-rejected',
          title: 'The server rejected the credentials',
          summary: 'The application refused the login.',
          confidence: 'medium',
          fixes: [{ id: 'smtp-server.check-credentials', text: 'Check the credentials this application expects.' }],
        },
      ],
      samples: ['535 Error: Username and Password not accepted'],
      sources: [
        `${SASL} (send(334, base64(JSON)); then send(535, 'Error: Username and Password not accepted'))`,
        SASL_3_21,
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'smtp-server.no-identity-changes',
      phases: ['auth'],
      match: { codes: [503], text: 'No identity changes permitted' },
      causes: [
        {
          finding: 'auth-not-offered',
          detail: 'already-authenticated',
          title: 'Already logged in on this connection',
          summary: 'The client sent a second AUTH after a successful one; the first login worked.',
          confidence: 'high',
          fixes: [{ text: 'Do not log in twice on the same connection.' }],
        },
      ],
      samples: ['503 Error: No identity changes permitted'],
      sources: [CONN, CONN_3_21],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
