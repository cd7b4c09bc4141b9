// tls-handshake rule: handshakes that fail for a reason other than the mode or the certificate — live and pasted.
import { tlsHandshake } from '../../../src/diagnose/rules/tls-handshake.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { failure, live, observe, pasted } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const protocolVersion = failure.tls('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'tlsv1 alert protocol version');
const wrongVersion = failure.tls('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number');
const reset = failure.network('ECONNRESET', 'tls');

/** The plaintext a server sent between its STARTTLS go-ahead and our ClientHello, as the session records it. */
function injected(evidence: Evidence): Evidence {
  const record = evidence.sessions[0]?.record;
  if (record) record.injection = { bytes: 31, preview: '500 5.5.1 unrecognized command' };
  return evidence;
}

export const cases: RuleCase[] = [
  [
    'a TLS version disagreement: update the client, or the server',
    live({ port: 465, security: 'tls', until: { failed: protocolVersion } }),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'protocol-version',
        confidence: 'medium',
        fixes: ['tls-handshake.update-client', 'tls-handshake.server-tls12'],
        says: /could not agree on a TLS version \(ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION\)/,
      },
    ],
  ],
  [
    'a version code Node names without an alert prefix reads the same',
    live({ port: 465, security: 'tls', until: { failed: failure.tls('ERR_SSL_UNSUPPORTED_PROTOCOL') } }),
    [{ id: 'tls-handshake-failed', detail: 'protocol-version' }],
  ],
  [
    'a reset during the handshake: the other mode, or something in between',
    live({ port: 465, security: 'tls', until: { failed: reset } }),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'reset',
        confidence: 'medium',
        fixes: ['tls-handshake.other-mode', 'tls-handshake.check-middlebox'],
        says: /The TLS handshake with mail\.example\.org:465 failed \(ECONNRESET\): the server, or something in between, closed/,
      },
    ],
  ],
  [
    'silence during the handshake is a timeout',
    live({ port: 465, security: 'tls', until: { failed: failure.timeout('tls') } }),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'timeout',
        says: /failed \(timeout\)\./,
        neverSays: /closed the connection/,
      },
    ],
  ],
  [
    'implicit TLS refused on a custom port where STARTTLS works: use STARTTLS there',
    live({ port: 2526, security: 'tls', until: { failed: reset } }, [
      { port: 2526, security: 'starttls', until: { connected: true } },
    ]),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'reset',
        confidence: 'high',
        fixes: ['tls-handshake.use-starttls-here'],
        settings: { port: 2526, security: 'starttls' },
        says: /A STARTTLS session to the same port worked/,
      },
    ],
  ],
  [
    'on 465 a working STARTTLS session proves nothing about the port’s mode',
    live({ port: 465, security: 'tls', until: { failed: reset } }, [
      { port: 465, security: 'starttls', until: { connected: true } },
    ]),
    [{ id: 'tls-handshake-failed', fixes: ['tls-handshake.other-mode', 'tls-handshake.check-middlebox'] }],
  ],
  [
    'plaintext after the STARTTLS go-ahead is the starttls rule’s (the session records the injected bytes)',
    injected(live({ port: 587, security: 'starttls', until: { failed: wrongVersion } })),
    [],
  ],
  [
    'a wrong-version failure after STARTTLS without recorded bytes is still a failed handshake',
    live({ port: 587, security: 'starttls', until: { failed: wrongVersion } }),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'reset',
        fixes: ['tls-handshake.other-mode', 'tls-handshake.check-middlebox'],
        says: /failed \(ERR_SSL_WRONG_VERSION_NUMBER\)\./,
        neverSays: /Often implicit TLS/,
      },
    ],
  ],
  [
    'implicit TLS reading a plaintext greeting is the tls-mode rule’s',
    live({ port: 587, security: 'tls', until: { failed: wrongVersion } }),
    [],
  ],
  [
    'a refused certificate is the certificate rule’s',
    live({ port: 465, security: 'tls', until: { failed: failure.cert('DEPTH_ZERO_SELF_SIGNED_CERT') } }),
    [],
  ],
  [
    'a TLS error with a certificate code is the certificate rule’s too',
    live({ port: 465, security: 'tls', until: { failed: failure.tls('CERT_HAS_EXPIRED') } }),
    [],
  ],
  [
    'a failure before TLS is not a handshake',
    live({ port: 465, security: 'tls', until: { failed: failure.network('ECONNREFUSED') } }),
    [],
  ],
  [
    'pasted: a TLS version error',
    pasted([observe.code('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'tls')]),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'protocol-version',
        confidence: 'high',
        fixes: ['tls-handshake.update-client', 'tls-handshake.server-tls12'],
      },
    ],
  ],
  [
    'pasted: a reset during the handshake points to STARTTLS on 587 by convention',
    pasted([observe.code('ECONNRESET', 'tls')]),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'reset',
        confidence: 'low',
        settings: { port: 587, security: 'starttls' },
        fixes: ['tls-handshake.other-mode', 'tls-handshake.check-middlebox'],
        says: /Often implicit TLS sent to a port that expects plaintext/,
        neverSays: /mail\.example\.org/,
      },
    ],
  ],
  ['pasted: a reset elsewhere is not a handshake', pasted([observe.code('ECONNRESET', 'auth')]), []],
  [
    'a handshake_failure alert from the server: nothing acceptable was offered (versions, ciphers, a client certificate)',
    live({
      port: 465,
      security: 'tls',
      until: { failed: failure.tls('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'sslv3 alert handshake failure') },
    }),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'handshake-failure',
        confidence: 'medium',
        fixes: ['tls-handshake.update-client', 'tls-handshake.server-tls12', 'tls-handshake.client-certificate'],
        says: /handshake_failure alert \(ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE\)/,
      },
    ],
  ],
  [
    'pasted: the same alert in OpenSSL’s words',
    pasted([
      observe.code('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls', 'ssl3_read_bytes:sslv3 alert handshake failure'),
    ]),
    [{ id: 'tls-handshake-failed', detail: 'handshake-failure', confidence: 'medium' }],
  ],
  [
    'pasted: the client refused the server’s short Diffie-Hellman key (OpenSSL 3, security level 2)',
    pasted([observe.code('ERR_SSL_DH_KEY_TOO_SMALL', 'tls', 'ssl.SSLError: [SSL: DH_KEY_TOO_SMALL] dh key too small')]),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'weak-server',
        confidence: 'high',
        fixes: ['tls-handshake.server-modern-tls', 'tls-handshake.client-security-level'],
        says: /weaker than the client’s security policy allows/,
      },
    ],
  ],
  [
    'pasted: no secure renegotiation, refused by OpenSSL 3',
    pasted([
      observe.code(
        'ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED',
        'tls',
        'error:0A000152:SSL routines::unsafe legacy renegotiation disabled',
      ),
    ]),
    [{ id: 'tls-handshake-failed', detail: 'weak-server', confidence: 'high' }],
  ],
  [
    'pasted: a client that says only that the handshake failed (MailKit, .NET, PHP): low, and where to find why',
    pasted([
      observe.message('tls-failed', 'An error occurred while attempting to establish an SSL or TLS connection.', 'tls'),
    ]),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'unexplained',
        confidence: 'low',
        fixes: ['tls-handshake.read-inner-error', 'tls-handshake.other-mode', 'tls-handshake.check-middlebox'],
        says: /does not say why/,
      },
    ],
  ],
  [
    'pasted: a bare handshake failure with a reset beside it is a reset in the handshake',
    pasted([
      observe.message('tls-failed', 'Authentication failed, see inner exception.', 'tls'),
      observe.code('ECONNRESET', null, 'Connection reset by peer'),
    ]),
    [{ id: 'tls-handshake-failed', detail: 'reset', confidence: 'low' }],
  ],
  [
    'pasted: a bare handshake failure with its reason is the reason’s (here the certificate rule’s)',
    pasted([
      observe.message('tls-failed', 'Failed to enable crypto', 'tls'),
      observe.code('ERR_TLS_CERT_ALTNAME_INVALID', 'tls', "Peer certificate CN=`a' did not match expected CN=`b'"),
    ]),
    [],
  ],
  [
    'pasted: a bare handshake failure after STARTTLS is the starttls rule’s',
    pasted([
      observe.message('starttls-failed', 'Could not convert socket to TLS', 'starttls'),
      observe.message('tls-failed', 'javax.net.ssl.SSLHandshakeException', 'tls'),
    ]),
    [],
  ],
  [
    'pasted: wrong version number is the tls-mode rule’s',
    pasted([observe.code('ERR_SSL_WRONG_VERSION_NUMBER', 'tls')]),
    [],
  ],
];

testRule(tlsHandshake, cases);
