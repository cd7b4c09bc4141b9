// Causes of the tls-handshake rule: a TLS handshake that fails for a reason other than the mode or the certificate.
import { TLS_ERROR_SOURCES } from '../tls-errors.js';
import type { CauseArea } from './types.js';

const HANDSHAKES =
  'shared/reference/protocol-security.md §3.3 (a server that closes on the ClientHello gives ECONNRESET "Client network socket disconnected before secure TLS connection was established")';
const RFC8996 = 'https://www.rfc-editor.org/rfc/rfc8996 (TLS 1.0 and 1.1 are deprecated: TLS 1.2 is the minimum)';

/** Where the handshake was, when the rule knows (a live session, or a port the pasted text names). */
const WHERE = '{{#port}} with {{#host}}{{host}}:{{/host}}{{port}}{{/port}}';

export const tlsHandshake = {
  causes: {
    'tls-handshake.protocol-version': {
      finding: 'tls-handshake-failed',
      detail: 'protocol-version',
      title: 'Client and server share no TLS version',
      summary:
        'The two sides could not agree on a TLS version ({{code}}): one of them allows only versions the other has disabled, such as an old client (TLS 1.0/1.1 only) or a server with old versions only.',
      fixes: ['tls-handshake.use-starttls-here', 'tls-handshake.update-client', 'tls-handshake.server-tls12'],
      sources: [...TLS_ERROR_SOURCES, RFC8996],
    },
    'tls-handshake.incomplete': {
      finding: 'tls-handshake-failed',
      title: 'The TLS handshake did not complete',
      summary: `The TLS handshake${WHERE} failed ({{code}}){{#reset}}: the server, or something in between, closed the connection before TLS was established{{/reset}}.{{#starttlsProven}} A STARTTLS session to the same port worked, so this port probably expects STARTTLS.{{/starttlsProven}}{{^starttlsProven}}{{#maybeImplicitOnPlaintext}} Often implicit TLS sent to a port that expects plaintext and waits silently, or a firewall.{{/maybeImplicitOnPlaintext}}{{/starttlsProven}}`,
      fixes: ['tls-handshake.use-starttls-here', 'tls-handshake.other-mode', 'tls-handshake.check-middlebox'],
      sources: [HANDSHAKES],
    },
  },
  fixes: {
    'tls-handshake.use-starttls-here': { text: 'Use STARTTLS on port {{port}}.' },
    'tls-handshake.update-client': {
      text: 'Update the client (or its OpenSSL/Java/.NET settings) to allow TLS 1.2 or newer.',
      sources: [RFC8996],
    },
    'tls-handshake.server-tls12': { text: 'Server admin: enable TLS 1.2 or newer.', sources: [RFC8996] },
    'tls-handshake.other-mode': { text: 'Try the other TLS mode: STARTTLS on 587, or implicit TLS on 465.' },
    'tls-handshake.check-middlebox': { text: 'Check for a firewall or proxy that interferes with TLS.' },
  },
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
