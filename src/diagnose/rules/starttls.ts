// Rule: STARTTLS expected but not offered or refused, and plaintext injected after the STARTTLS go-ahead.
import type { SubmissionEndpoint } from '../../knowledge/schema.js';
import type { Fix } from '../../model/finding.js';
import { candidate, pastedQuote, replyQuote, transcriptQuote } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import { clientMessages, errorCodes } from '../reading/pasted.js';
import { documentedEndpoints, isDocumentedHost, provenTlsAlternative } from '../reading/endpoints.js';
import { starttlsDetail } from '../reading/sessions.js';
import type { Candidate, Rule } from '../types.js';

// Worded as the RFC signatures of a refused STARTTLS say it, so the two merge into one dead end.
const withheld = {
  text: 'Turning TLS off to make the error go away',
  why: 'the password then travels in the clear, and most servers refuse AUTH without TLS anyway.',
};

export const starttls: Rule = {
  id: 'starttls',
  description:
    'STARTTLS not advertised, refused or failing, and bytes injected between the STARTTLS go-ahead and the TLS handshake.',
  produces: ['starttls-unavailable', 'starttls-injection', 'tls-handshake-failed'],
  run(context) {
    const out: Candidate[] = [];
    const configured = context.configured;
    if (configured) {
      const record = configured.record;
      if (record.injection) {
        out.push(
          candidate(
            {
              id: 'starttls-injection',
              title: 'Data arrived between the STARTTLS go-ahead and TLS',
              summary: `After its "220" to STARTTLS the server side sent ${record.injection.bytes} more plaintext bytes before the TLS handshake. A correct server never does; this is the signature of a STARTTLS response-injection attack (or a broken proxy). Credentials were withheld.`,
              evidence: [{ text: record.injection.preview, source: 'transcript', session: configured.index }],
              fixes: [
                ...implicitTls(context, 'which leaves no plaintext phase to inject into'),
                {
                  text: 'Report it to the network or server administrator: something between you and the server tampers with the connection.',
                },
              ],
              deadEnds: [withheld],
              docs: [
                {
                  title: 'Why TLS is better without STARTTLS (USENIX Security 2021)',
                  url: 'https://nostarttls.secvuln.info/',
                },
              ],
              confidence: 'high',
            },
            'starttls',
          ),
        );
      }
      const step = record.steps.find((s) => s.step === 'starttls');
      const before = record.capabilities.beforeTls;
      const detail = starttlsDetail(record);
      const advertised = detail === 'refused';
      // Advertised, it is refused only by a reply other than the 220 go-ahead (454, a 5xx, or any odd code): a
      // connection that dropped or stalled in the middle of STARTTLS got no answer, and is the connection-lost finding.
      const unavailable =
        step !== undefined &&
        step.result !== 'ok' &&
        (!advertised || (step.result === 'rejected' && step.reply !== undefined));
      if (record.target.security === 'starttls' && step && unavailable) {
        const quote = step.reply
          ? replyQuote(step.reply, configured)
          : // Without a reply it was never advertised (see above): the transcript's own line says so.
            transcriptQuote(configured, (t) => t.includes('STARTTLS'), step.note ?? 'STARTTLS was not advertised');
        const evidence = [quote];
        if (before && !advertised)
          evidence.push({
            text: `EHLO capabilities: ${Object.keys(before.extensions).join(' ') || '(none)'}`,
            source: 'transcript',
            session: configured.index,
          });
        out.push(
          candidate(
            {
              id: 'starttls-unavailable',
              detail,
              title: advertised ? 'The server refused STARTTLS' : 'The server does not offer STARTTLS here',
              summary: advertised
                ? 'The server advertised STARTTLS but refused it, so no encrypted channel was available; credentials were withheld.'
                : 'The EHLO reply does not list STARTTLS, so the connection cannot be encrypted on this port; credentials were withheld. A server that offers TLS elsewhere, or an attacker stripping the STARTTLS line, both look like this.',
              evidence,
              fixes: tlsAlternatives(context),
              deadEnds: [withheld],
              confidence: 'high',
            },
            'starttls',
          ),
        );
      }
      return out;
    }
    for (const o of clientMessages(context, 'starttls-not-advertised')) {
      out.push(
        candidate(
          {
            id: 'starttls-unavailable',
            detail: 'not-offered',
            title: 'The server does not offer STARTTLS here',
            summary:
              'The client wanted STARTTLS but the server’s EHLO reply did not list it. This port or host offers no TLS; the provider’s submission port usually does.',
            evidence: [pastedQuote(o)],
            fixes: tlsAlternatives(context),
            deadEnds: [withheld],
            confidence: 'medium',
          },
          'starttls',
        ),
      );
      break;
    }
    const failed = clientMessages(context, 'starttls-failed')[0];
    const hasTlsCode = errorCodes(context).some((o) => o.phase === 'tls');
    if (failed && !hasTlsCode) {
      out.push(
        candidate(
          {
            id: 'tls-handshake-failed',
            detail: 'starttls',
            title: 'The TLS handshake after STARTTLS failed',
            summary:
              'The server agreed to STARTTLS but the handshake did not complete. The text after the message usually says why (certificate, TLS version).',
            evidence: [pastedQuote(failed)],
            fixes: [
              {
                text: 'Look for a certificate or protocol-version error in the full message; run smtp-doctor check for the certificate facts.',
              },
              ...tlsAlternatives(context),
            ],
            confidence: 'low',
          },
          'tls',
        ),
      );
    }
    return out;
  },
};

/**
 * Where TLS can be had instead: an alternative the probe saw reach EHLO over TLS, else an endpoint the provider
 * documents (and the probe did not see fail). Never a port nobody showed to work: with nothing proven or documented,
 * the advice is about the host and the network path instead.
 */
function tlsAlternatives(context: DiagnoseContext): Fix[] {
  const implicit = implicitTls(context, 'which works on this host');
  if (implicit.length > 0) return implicit;
  const proven = provenTlsAlternative(context, { security: 'starttls' });
  if (proven)
    return [
      {
        text: `Use STARTTLS on port ${proven.record.target.port}, where the server offers it.`,
        settings: { port: proven.record.target.port, security: 'starttls' },
      },
    ];
  const configured = context.configured?.record.target;
  const host = context.host?.toLowerCase();
  const documented = documentedEndpoints(context).find(
    (e) => !(configured && e.host === host && e.port === configured.port && e.security === configured.security),
  );
  const fixes: Fix[] = [];
  if (documented) fixes.push(endpointFix(context, documented));
  if (context.configured && isDocumentedHost(context, 'starttls')) {
    fixes.push({
      text: `${context.host ?? 'This host'} is ${context.provider?.name ?? 'the provider'}’s own submission server, documented with STARTTLS: something on the network path may remove or block it (an antivirus or firewall "SMTP inspection", a proxy). Try from another network.`,
    });
  } else {
    fixes.push({
      text: 'Check that the host is the provider’s submission server, not an MX host meant for server-to-server mail.',
    });
  }
  return fixes;
}

/** Implicit TLS proven by an alternative, else documented by the provider; [] when neither. */
function implicitTls(context: DiagnoseContext, why: string): Fix[] {
  const proven = provenTlsAlternative(context, { security: 'tls' });
  if (proven)
    return [
      {
        text: `Use implicit TLS on port ${proven.record.target.port}, ${why}.`,
        settings: { port: proven.record.target.port, security: 'tls' },
      },
    ];
  const documented = documentedEndpoints(context, { security: 'tls' })[0];
  return documented ? [endpointFix(context, documented)] : [];
}

function endpointFix(context: DiagnoseContext, endpoint: SubmissionEndpoint): Fix {
  const mode = endpoint.security === 'tls' ? 'implicit TLS' : 'STARTTLS';
  const sameHost = endpoint.host === context.host?.toLowerCase();
  return {
    text: `Use ${mode} on port ${endpoint.port}${sameHost ? '' : ` of ${endpoint.host}`}, as ${context.provider?.name ?? 'the provider'} documents.`,
    settings: { ...(sameHost ? {} : { host: endpoint.host }), port: endpoint.port, security: endpoint.security },
  };
}
