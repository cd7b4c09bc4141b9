// Rule: the TLS handshake failed for a reason other than the mode or the certificate (protocol version, reset).
import { isImplicitTlsPort } from '../../knowledge/ports.js';
import { candidate, pastedQuote, transcriptQuote } from '../build.js';
import { configuredFailure, workingAlternative } from '../reading/sessions.js';
import { errorCodes } from '../reading/pasted.js';
import type { Candidate, Rule } from '../types.js';

const CERT_OR_MODE =
  /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_WRONG_VERSION_NUMBER|HOSTNAME_MISMATCH)/;
const PROTOCOL = /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE/;

export const tlsHandshake: Rule = {
  id: 'tls-handshake',
  description:
    'TLS handshakes that fail for other reasons: TLS version mismatch, a reset or silence during the handshake.',
  produces: ['tls-handshake-failed'],
  run(context) {
    const out: Candidate[] = [];
    const configured = context.configured;
    const failure = configuredFailure(context);
    if (
      configured &&
      failure &&
      failure.phase === 'tls' &&
      !(failure.kind === 'tls-error' && CERT_OR_MODE.test(failure.code)) &&
      failure.kind !== 'certificate-rejected'
    ) {
      const code = failure.kind === 'tls-error' || failure.kind === 'network-error' ? failure.code : failure.kind;
      const { port, security } = configured.record.target;
      const protocol = PROTOCOL.test(code);
      const starttlsOn =
        security === 'tls' && !isImplicitTlsPort(port)
          ? workingAlternative(context, { port, security: 'starttls' })
          : undefined;
      out.push(
        candidate(
          {
            id: 'tls-handshake-failed',
            detail: protocol ? 'protocol-version' : code === 'timeout' ? 'timeout' : 'reset',
            title: protocol ? 'Client and server share no TLS version' : 'The TLS handshake did not complete',
            summary: protocol
              ? `The two sides could not agree on a TLS version (${code}): one of them allows only versions the other has disabled.`
              : `The TLS handshake with ${configured.record.target.host}:${port} failed (${code}).${starttlsOn ? ' A STARTTLS session to the same port worked, so this port probably expects STARTTLS.' : ''}`,
            evidence: [transcriptQuote(configured, (t) => t.includes('TLS') || t.includes(code), code)],
            fixes: starttlsOn
              ? [{ text: `Use STARTTLS on port ${port}.`, settings: { port, security: 'starttls' } }]
              : protocol
                ? [
                    { text: 'Update the client (or its OpenSSL/Java/.NET settings) to allow TLS 1.2 or newer.' },
                    { text: 'Server admin: enable TLS 1.2 or newer.' },
                  ]
                : [
                    { text: 'Try the other TLS mode: STARTTLS on 587, or implicit TLS on 465.' },
                    { text: 'Check for a firewall or proxy that interferes with TLS.' },
                  ],
            confidence: starttlsOn ? 'high' : 'medium',
          },
          'tls',
        ),
      );
    }
    if (!configured) {
      for (const o of errorCodes(context)) {
        if (!PROTOCOL.test(o.code) && !(o.code === 'ECONNRESET' && o.phase === 'tls')) continue;
        const protocol = PROTOCOL.test(o.code);
        out.push(
          candidate(
            {
              id: 'tls-handshake-failed',
              detail: protocol ? 'protocol-version' : 'reset',
              title: protocol
                ? 'Client and server share no TLS version'
                : 'The server closed the connection during the TLS handshake',
              summary: protocol
                ? 'The two sides could not agree on a TLS version: an old client (TLS 1.0/1.1 only) or a server with old versions only.'
                : 'The server (or something in between) closed the connection before TLS was established: often implicit TLS sent to a port that expects plaintext and waits silently, or a firewall.',
              evidence: [pastedQuote(o)],
              fixes: protocol
                ? [{ text: 'Update the client (or its OpenSSL/Java/.NET settings) to allow TLS 1.2 or newer.' }]
                : [
                    {
                      text: 'On 587/25/2525 use STARTTLS; use implicit TLS only on 465.',
                      settings: { port: 587, security: 'starttls' },
                    },
                  ],
              confidence: protocol ? 'high' : 'low',
            },
            'tls',
          ),
        );
        break;
      }
    }
    return out;
  },
};
