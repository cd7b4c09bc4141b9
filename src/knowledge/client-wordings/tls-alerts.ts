// TLS alerts in wordings the main table lacks: Erlang/OTP ssl's texts ("TLS client: In state hello received SERVER
// ALERT: Fatal - Handshake Failure", as gen_smtp and other Erlang and Elixir mailers log them) and BoringSSL's reason
// names (Mono's and Chrome's TLS, "SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION").
import type { ClientMessagePattern } from '../client-messages.js';

const OTP_ALERT =
  'erlang/otp:lib/ssl/src/ssl_alert.erl (alert_txt: "received SERVER ALERT: " ++ level ++ " - " ++ description, e.g. "Fatal - Handshake Failure", "Fatal - Protocol Version")';

export const TLS_ALERT_WORDINGS: readonly ClientMessagePattern[] = [
  {
    id: 'erlang.alert-handshake-failure',
    pattern: 'received SERVER ALERT: Fatal - Handshake Failure',
    yields: { errorCode: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' },
    phase: 'tls',
    sources: [
      OTP_ALERT,
      'https://www.rfc-editor.org/rfc/rfc8446#section-6.2 (handshake_failure: unable to negotiate an acceptable set of security parameters)',
    ],
  },
  {
    id: 'boringssl.alert-protocol-version',
    pattern: 'TLSV1_ALERT_PROTOCOL_VERSION',
    yields: { errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
    phase: 'tls',
    sources: [
      'google/boringssl:crypto/err/ssl.errordata and ssl/tls_record.c (a received alert is reported as SSL_R_TLSV1_ALERT_* plus the alert number, e.g. "SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION")',
      'https://www.rfc-editor.org/rfc/rfc8446#section-6.2 (protocol_version: the peer does not support the version offered)',
    ],
  },
  {
    id: 'erlang.alert-protocol-version',
    pattern: 'received SERVER ALERT: Fatal - Protocol Version',
    yields: { errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
    phase: 'tls',
    sources: [
      OTP_ALERT,
      'https://www.rfc-editor.org/rfc/rfc8446#section-6.2 (protocol_version: the peer does not support the version offered)',
    ],
  },
];
