// Rule: STARTTLS expected but not offered or refused, and plaintext injected after the STARTTLS go-ahead.
import type { Fix } from '../../model/finding.js';
import { candidate, pastedQuote, replyQuote, transcriptQuote } from '../build.js';
import type { DiagnoseContext } from '../context.js';
import { clientMessages, errorCodes, workingAlternative } from '../facts.js';
import type { Candidate, Rule } from '../types.js';

const withheld = {
  text: 'Turning TLS off to get past the error',
  why: 'the password would then cross the network in the clear.',
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
                {
                  text: 'Use implicit TLS on port 465, which leaves no plaintext phase to inject into.',
                  settings: { port: 465, security: 'tls' },
                },
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
      if (record.target.security === 'starttls' && step && step.result !== 'ok') {
        const advertised = before?.starttls ?? false;
        const quote = step.reply
          ? replyQuote(step.reply, configured)
          : transcriptQuote(configured, (t) => t.includes('STARTTLS'), step.note ?? 'STARTTLS not possible');
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
              ...(advertised ? { detail: 'refused' } : { detail: 'not-offered' }),
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

function tlsAlternatives(context: DiagnoseContext): Fix[] {
  const implicit = workingAlternative(context, { security: 'tls' });
  if (implicit)
    return [
      {
        text: `Use implicit TLS on port ${implicit.record.target.port}, which works on this host.`,
        settings: { port: implicit.record.target.port, security: 'tls' },
      },
    ];
  return [
    { text: 'Try implicit TLS on port 465.', settings: { port: 465, security: 'tls' } },
    {
      text: 'Check that the host is the provider’s submission server, not an MX host meant for server-to-server mail.',
    },
  ];
}
