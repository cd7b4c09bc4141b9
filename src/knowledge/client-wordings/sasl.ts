// SASL client wordings the main table lacks: Cyrus SASL's refusal of an empty user name, Postfix's SMTP client when
// no mechanism is left to try.
import type { ClientMessagePattern } from '../client-messages.js';

export const SASL_WORDINGS: readonly ClientMessagePattern[] = [
  {
    id: 'cyrus-sasl.all-whitespace-username',
    // The client side of Cyrus SASL (Postfix's smtp_sasl_password_maps without an entry for the relay, or with an
    // empty user) refuses to start a login with no user name: no credentials were configured for this server.
    pattern: 'All-whitespace username',
    yields: { message: 'credentials-missing' },
    phase: 'auth',
    sources: [
      'cyrusimap/cyrus-sasl:plugins/plugin_common.c (_plug_parseuser / canonuser: utils->seterror(utils->conn, 0, "All-whitespace username."); return SASL_FAIL)',
      'https://www.postfix.org/SASL_README.html#client_sasl_enable (the Postfix SMTP client looks the user name and password up in smtp_sasl_password_maps by relay host)',
    ],
  },
  {
    id: 'postfix.no-compatible-mechanism',
    // No mechanism the server offered survived smtp_sasl_mechanism_filter and smtp_sasl_security_options (or
    // smtp_sasl_tls_security_options over TLS): Postfix does not try a login at all.
    pattern: 'offered no compatible authentication mechanisms for this type of connection security',
    yields: { message: 'no-common-mechanism' },
    phase: 'auth',
    client: 'postfix',
    sources: [
      'vdukhovni/postfix:postfix/src/smtp/smtp_sasl_proto.c (smtp_sasl_helo_login: when sasl_mechanism_list is empty, "SASL authentication failed: server %s offered no compatible authentication mechanisms for this type of connection security", dsn 4.7.0)',
      'https://www.postfix.org/postconf.5.html#smtp_sasl_mechanism_filter (mechanisms the server offers that are not in the filter are dropped)',
    ],
  },
];
