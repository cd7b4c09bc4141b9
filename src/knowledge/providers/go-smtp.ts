// Servers built on emersion/go-smtp (maddy, Proton Mail Bridge, …): the library's default AUTH replies.
import type { ProviderInput } from '../schema.js';

const BACKEND =
  'emersion/go-smtp@v0.23.0-2-gab24fe7:backend.go (ErrAuthFailed, ErrAuthRequired, ErrAuthUnsupported, ErrAuthUnknownMechanism)';
const CONN =
  "emersion/go-smtp@v0.23.0-2-gab24fe7:conn.go (523 5.7.10 'TLS is required'; 454 4.7.0 'Invalid base64 data'; 501 5.0.0 'Negotiation cancelled')";

const TESTS =
  "emersion/go-smtp@v0.23.0-2-gab24fe7:server_test.go (TestServer_anonymousUserError: MAIL FROM → '502 5.7.0 Please authenticate first'; TestServer_authDisabled: AUTH PLAIN → '502 5.7.0 Authentication not supported')";
const EXAMPLE =
  'emersion/go-smtp@v0.23.0-2-gab24fe7:example_server_test.go (Session.Mail, Rcpt and Data return ErrAuthRequired until the session has logged in)';
const AUTH_DISABLED =
  'emersion/go-smtp@1f30586 (Drop Server.AuthDisabled: a backend that offers no AUTH mechanism answers AUTH with ErrAuthUnsupported)';

export const goSmtp: ProviderInput = {
  id: 'go-smtp',
  name: 'go-smtp based servers (maddy, Proton Mail Bridge, …)',
  kind: 'server',
  recognise: {},
  docs: [{ title: 'emersion/go-smtp', url: 'https://github.com/emersion/go-smtp' }],
  signatures: [
    {
      id: 'go-smtp.tls-required',
      phases: ['auth'],
      match: { codes: [523], enhanced: '5.7.10', text: '^TLS is required$' },
      causes: [
        {
          finding: 'auth-requires-tls',
          title: 'The server requires TLS before AUTH',
          summary: 'go-smtp refuses AUTH on an unencrypted connection unless insecure auth is allowed.',
          confidence: 'high',
          fixes: [{ text: 'Use STARTTLS or implicit TLS before AUTH.', settings: { security: 'starttls' } }],
        },
      ],
      samples: ['523 5.7.10 TLS is required'],
      sources: [CONN],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'go-smtp.invalid-base64',
      phases: ['auth'],
      match: { codes: [454], enhanced: '4.7.0', text: '^Invalid base64 data$' },
      causes: [
        {
          finding: 'auth-malformed',
          title: 'The server could not decode the AUTH data',
          summary: 'The client sent invalid base64 (go-smtp answers with 454 here).',
          confidence: 'high',
          fixes: [{ text: 'Base64-encode the exact bytes without line breaks.' }],
        },
      ],
      samples: ['454 4.7.0 Invalid base64 data'],
      sources: [CONN],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'go-smtp.please-authenticate-first',
      phases: ['mail', 'rcpt', 'data'],
      match: { codes: [502], enhanced: '5.7.0', text: '^Please authenticate first$' },
      causes: [
        {
          finding: 'credentials-missing',
          title: 'The client sent mail without logging in',
          summary:
            'go-smtp servers answer MAIL, RCPT or DATA with ErrAuthRequired while the session has not authenticated: the client never sent AUTH, or carried on after a failed AUTH.',
          confidence: 'high',
          fixes: [
            {
              text: 'Configure the user name and password in the client and check that an AUTH command appears before MAIL FROM.',
            },
            {
              text: 'If AUTH is missing from the first EHLO reply, turn STARTTLS on: go-smtp offers AUTH on a plaintext connection only when the server allows insecure auth.',
              settings: { security: 'starttls' },
            },
          ],
          deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'no password was sent.' }],
        },
      ],
      samples: ['502 5.7.0 Please authenticate first'],
      sources: [BACKEND, TESTS, EXAMPLE],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'go-smtp.authentication-not-supported',
      phases: ['auth'],
      match: { codes: [502], enhanced: '5.7.0', text: '^Authentication not supported$' },
      causes: [
        {
          finding: 'auth-not-offered',
          title: 'This server offers no login at all',
          summary:
            'The go-smtp backend has no AUTH mechanism (it advertises none in EHLO) and refuses the AUTH command with ErrAuthUnsupported. TLS would not change this: a go-smtp server that wants TLS first answers "523 5.7.10 TLS is required" instead.',
          confidence: 'high',
          fixes: [
            { text: 'Use the submission service that accepts logins (its host and port are usually different).' },
            {
              text: 'If the server needs no login for your client (a local relay), remove the credentials from the client.',
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'Changing the password', why: 'the server never checked it.' },
            { text: 'Turning on STARTTLS', why: 'the backend offers no mechanism, encrypted or not.' },
          ],
        },
      ],
      samples: ['502 5.7.0 Authentication not supported'],
      sources: [BACKEND, TESTS, AUTH_DISABLED],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'go-smtp.negotiation-cancelled',
      phases: ['auth'],
      match: { codes: [501], enhanced: '5.0.0', text: '^Negotiation cancelled$' },
      causes: [
        {
          finding: 'credentials-missing',
          detail: 'cancelled',
          title: 'The client cancelled the login',
          summary:
            'The client answered the server’s challenge with "*", which cancels AUTH (RFC 4954 §4): no credentials were sent or judged. A client cancels when its own SASL step fails — Go’s net/smtp sends "*" whenever the Auth implementation returns an error (a LOGIN helper that does not recognise the server’s prompt, an empty password) — so the error the client itself returned says why.',
          confidence: 'high',
          fixes: [
            { text: 'Read the error the client returned (not this reply): it is the reason it gave up.' },
            { text: 'Check that the client has a password or token to send.' },
            {
              text: 'Use PLAIN, which sends the credentials in one step with no challenge to answer.',
              settings: { mechanism: 'PLAIN' },
            },
          ],
          deadEnds: [
            { topic: 'change-password', text: 'Changing the password', why: 'the server never received one.' },
          ],
        },
      ],
      samples: ['501 5.0.0 Negotiation cancelled'],
      sources: [
        CONN,
        'https://www.rfc-editor.org/rfc/rfc4954#section-4',
        'golang/go:src/net/smtp/smtp.go (Client.Auth: on an error from Auth.Next it sends "*" to abort the AUTH)',
      ],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
    {
      id: 'go-smtp.unsupported-mechanism',
      phases: ['auth'],
      match: { codes: [504], enhanced: '5.7.4', text: '^Unsupported authentication mechanism$' },
      causes: [
        {
          finding: 'mechanism-unsupported',
          title: 'The server does not support this mechanism',
          summary: 'The mechanism is not implemented by this go-smtp server.',
          confidence: 'high',
          fixes: [{ text: 'Use PLAIN.', settings: { mechanism: 'PLAIN' } }],
        },
      ],
      samples: ['504 5.7.4 Unsupported authentication mechanism'],
      sources: [BACKEND],
      verified: '2026-11-24',
      certainty: 'confirmed',
    },
  ],
};
