// Causes of the tls-handshake rule: a TLS handshake that fails for a reason other than the mode or the certificate.
import { TLS_ERROR_SOURCES } from '../tls-errors.js';
import type { CauseArea } from './types.js';

const HANDSHAKES =
  'shared/reference/protocol-security.md §3.3 (a server that closes on the ClientHello gives ECONNRESET "Client network socket disconnected before secure TLS connection was established")';
const OPENSSL_SECLEVEL =
  'https://docs.openssl.org/3.0/man3/SSL_CTX_set_security_level/ (level 2: RSA, DSA and DH keys of at least 2048 bits, no SHA-1 signatures; level 1 allows 1024 bits)';
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
    'tls-handshake.refused': {
      finding: 'tls-handshake-failed',
      detail: 'handshake-failure',
      title: 'The server refused the TLS handshake',
      summary:
        'The server ended the handshake with a handshake_failure alert ({{code}}): it found nothing it accepts in what the client offered. Usually the two sides share no TLS version or cipher suite (a server with only TLS 1.0 or old ciphers, or a client whose security policy forbids them, as newer OpenSSL defaults on Linux do); sometimes the server wants a client certificate.',
      fixes: [
        'tls-handshake.use-starttls-here',
        'tls-handshake.update-client',
        'tls-handshake.server-tls12',
        'tls-handshake.client-certificate',
      ],
      sources: [...TLS_ERROR_SOURCES, RFC8996],
    },
    'tls-handshake.weak-server': {
      finding: 'tls-handshake-failed',
      detail: 'weak-server',
      title: 'The client refused the server’s weak TLS',
      summary:
        'The client ended the handshake itself ({{code}}): the server sent something weaker than the client’s security policy allows — a Diffie-Hellman or certificate key shorter than 2048 bits, a SHA-1 signature, or no secure renegotiation (RFC 5746). OpenSSL 3 and the default security level of recent Linux distributions refuse what older servers and appliances still use.',
      fixes: ['tls-handshake.server-modern-tls', 'tls-handshake.client-security-level'],
      sources: [
        ...TLS_ERROR_SOURCES,
        OPENSSL_SECLEVEL,
        'https://docs.openssl.org/3.0/man7/migration_guide/ (unsafe legacy renegotiation is refused by default)',
        'https://www.rfc-editor.org/rfc/rfc5746 (the renegotiation indication extension)',
      ],
    },
    'tls-handshake.unexplained': {
      finding: 'tls-handshake-failed',
      detail: 'unexplained',
      title: 'The TLS handshake failed',
      summary:
        'The client says the TLS handshake failed but the text does not say why. The usual reasons are a certificate the client does not trust, implicit TLS on a port that expects STARTTLS (or the reverse), and TLS versions the two sides do not share: the inner error names which.',
      fixes: ['tls-handshake.read-inner-error', 'tls-handshake.other-mode', 'tls-handshake.check-middlebox'],
      sources: [
        'jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (the reasons MailKit lists: an untrusted or self-signed certificate, a missing root or intermediate, an expired certificate, protocols that do not match, a port without SSL/TLS)',
      ],
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
    'tls-handshake.client-certificate': {
      text: 'If the server asks for a client certificate (some relays do), configure one, or use its submission port that does not.',
    },
    'tls-handshake.server-modern-tls': {
      text: 'Server admin: use 2048-bit (or ECDHE) key exchange and a certificate with a 2048-bit key and a SHA-256 signature, on a TLS library that supports secure renegotiation.',
      sources: [OPENSSL_SECLEVEL],
    },
    'tls-handshake.client-security-level': {
      text: 'If you cannot change the server, lower the client’s OpenSSL security level for this connection only (cipher string "DEFAULT@SECLEVEL=1"; for renegotiation the option UnsafeLegacyServerConnect), knowing this weakens that connection.',
      sources: [OPENSSL_SECLEVEL],
    },
    'tls-handshake.read-inner-error': {
      text: 'Find the inner error in the full output (the exception’s cause, "inner exception", or the client’s debug log) and explain it, or run smtp-doctor check, which shows the certificate and the TLS mode.',
    },
  },
  deadEnds: {},
  notes: {},
} as const satisfies CauseArea;
