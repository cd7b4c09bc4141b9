// Causes of the server-proof rule: SCRAM and DIGEST-MD5 servers prove they know the password; one that cannot is suspect.
import type { CauseArea } from './types.js';

const RFC5802_VERIFY =
  'https://www.rfc-editor.org/rfc/rfc5802#section-5 (the client verifies the ServerSignature; a mismatch ends the exchange)';
const RFC2831_RSPAUTH =
  'https://www.rfc-editor.org/rfc/rfc2831#section-2.1.3 (the server proves it knows the password with rspauth, which the client checks)';
const RFC6331 = 'https://www.rfc-editor.org/rfc/rfc6331 (DIGEST-MD5 moved to Historic)';

export const serverProof = {
  causes: {
    'server-proof.scram-signature': {
      finding: 'protocol-violation',
      detail: 'scram-server-signature',
      title: 'The server could not prove it knows the password ({{mechanism}})',
      summary:
        'With {{mechanism}} the server answers the login with a signature only a server holding the password (or its SCRAM verifier) can compute. The signature {{host}} sent does not match, so smtp-doctor cancelled the exchange and treats the login as failed. Either something between you and the server intercepts the connection (a man in the middle), or the server’s stored verifier for this account is wrong (created with another password, salt or iteration count).',
      fixes: ['server-proof.check-path', 'server-proof.reset-verifier', 'server-proof.other-mechanism'],
      sources: [RFC5802_VERIFY],
    },
    'server-proof.digest-rspauth': {
      finding: 'protocol-violation',
      detail: 'digest-md5-rspauth',
      title: 'The server could not prove it knows the password (DIGEST-MD5)',
      summary:
        'With DIGEST-MD5 the server ends the login with rspauth, a digest only a server holding the password can compute. The rspauth {{host}} sent does not match, so smtp-doctor cancelled the exchange. Either something intercepts the connection, or the server holds another password (or realm) for this account. DIGEST-MD5 is historic (RFC 6331): prefer SCRAM or PLAIN over TLS.',
      fixes: ['server-proof.check-path', 'server-proof.reset-verifier', 'server-proof.other-mechanism'],
      sources: [RFC2831_RSPAUTH, RFC6331],
    },
  },
  fixes: {
    'server-proof.check-path': {
      text: 'Check that you reach the real server: try from another network, and compare the certificate with the one the provider publishes.',
    },
    'server-proof.reset-verifier': {
      text: 'Ask the administrator to set the password for this account again, so that the stored {{mechanism}} verifier is regenerated.',
    },
    'server-proof.other-mechanism': {
      text: 'To tell the two apart, log in once with PLAIN over TLS (--mechanism PLAIN): if that works, the verifier is stale.',
    },
  },
  deadEnds: {},
  notes: {
    'server-proof.mismatch': {
      text: '{{mechanism}}: the server’s proof of the password did not verify; the exchange was cancelled',
    },
  },
} as const satisfies CauseArea;
