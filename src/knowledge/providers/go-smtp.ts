// Servers built on emersion/go-smtp (maddy, Proton Mail Bridge, …): the library's default AUTH replies.
import type { ProviderInput } from '../schema.js';

const BACKEND =
  'emersion/go-smtp@v0.23.0-2-gab24fe7:backend.go (ErrAuthFailed, ErrAuthRequired, ErrAuthUnsupported, ErrAuthUnknownMechanism)';
const CONN =
  "emersion/go-smtp@v0.23.0-2-gab24fe7:conn.go (523 5.7.10 'TLS is required'; 454 4.7.0 'Invalid base64 data'; 501 5.0.0 'Negotiation cancelled')";

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
