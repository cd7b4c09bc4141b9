// Causes of the starttls rule: STARTTLS not offered or refused, its handshake failing, and plaintext injected after it.
import type { CauseArea } from './types.js';

const RFC3207 =
  'https://www.rfc-editor.org/rfc/rfc3207 (STARTTLS: §4 replies, §4.2 discard what was learned before TLS)';
const STRIPPING =
  'smtp-doctor reference protocol-security §3.4: STARTTLS missing from EHLO, or refused although advertised, is a server without TLS or tampering on the path (RFC 3207 §6; EAST O_1–O_4)';
const NOSTARTTLS = {
  title: 'Why TLS is better without STARTTLS (USENIX Security 2021)',
  url: 'https://nostarttls.secvuln.info/',
};

/** Where TLS can be had instead: what the probe proved, else what the provider documents, else the host questioned. */
const ALTERNATIVES = [
  'starttls.implicit-proven',
  'starttls.starttls-proven',
  'starttls.documented-endpoint',
  'starttls.path-interference',
  'starttls.check-submission-host',
] as const;

export const starttls = {
  causes: {
    'starttls.injection': {
      finding: 'starttls-injection',
      title: 'Data arrived between the STARTTLS go-ahead and TLS',
      summary:
        'After its "220" to STARTTLS the server side sent {{bytes}} more plaintext bytes before the TLS handshake. A correct server never does; this is the signature of a STARTTLS response-injection attack (or a broken proxy). Credentials were withheld.',
      fixes: ['starttls.implicit-proven', 'starttls.documented-endpoint', 'starttls.report-tampering'],
      deadEnds: ['tls-off'],
      docs: [NOSTARTTLS],
      sources: [
        RFC3207,
        'smtp-doctor reference protocol-security §4.1 and §4.5 C1 (response injection: CVE-2020-14954, CVE-2020-15953)',
      ],
    },
    'starttls.not-offered': {
      finding: 'starttls-unavailable',
      detail: 'not-offered',
      title: 'The server does not offer STARTTLS here',
      summary:
        'The client wanted STARTTLS, but the server’s EHLO reply does not list it, so the connection cannot be encrypted on this port{{#withheld}}; credentials were withheld{{/withheld}}. A server that offers TLS only on another port (its submission port usually does), or something on the path that strips the STARTTLS line, both look like this.',
      fixes: ALTERNATIVES,
      deadEnds: ['tls-off'],
      sources: [RFC3207, STRIPPING],
    },
    'starttls.refused': {
      finding: 'starttls-unavailable',
      detail: 'refused',
      title: 'The server refused STARTTLS',
      summary:
        'The server advertised STARTTLS but refused it, so no encrypted channel was available; credentials were withheld.',
      fixes: ALTERNATIVES,
      deadEnds: ['tls-off'],
      sources: [RFC3207, STRIPPING],
    },
    'starttls.handshake-failed': {
      finding: 'tls-handshake-failed',
      detail: 'starttls',
      title: 'The TLS handshake after STARTTLS failed',
      summary:
        'The server agreed to STARTTLS but the handshake did not complete. The text after the message usually says why (certificate, TLS version).',
      fixes: ['starttls.read-handshake-error', ...ALTERNATIVES],
      sources: [RFC3207],
    },
  },
  fixes: {
    'starttls.implicit-proven': {
      text: 'Use implicit TLS on port {{port}}, {{#injected}}which leaves no plaintext phase to inject into{{/injected}}{{^injected}}which works on this host{{/injected}}.',
    },
    'starttls.starttls-proven': { text: 'Use STARTTLS on port {{port}}, where the server offers it.' },
    'starttls.documented-endpoint': {
      text: 'Use {{security|mode}} on port {{port}}{{#otherHost}} of {{otherHost}}{{/otherHost}}, as {{#provider}}{{provider}}{{/provider}}{{^provider}}the provider{{/provider}} documents.',
    },
    'starttls.path-interference': {
      text: '{{#host}}{{host}}{{/host}}{{^host}}This host{{/host}} is {{#provider}}{{provider}}’s{{/provider}}{{^provider}}the provider’s{{/provider}} own submission server, documented with STARTTLS: something on the network path may remove or block it (an antivirus or firewall "SMTP inspection", a proxy). Try from another network.',
      sources: [STRIPPING],
    },
    'starttls.check-submission-host': {
      text: 'Check that the host is the provider’s submission server, not an MX host meant for server-to-server mail.',
    },
    'starttls.report-tampering': {
      text: 'Report it to the network or server administrator: something between you and the server tampers with the connection.',
    },
    'starttls.read-handshake-error': {
      text: 'Look for a certificate or protocol-version error in the full message; run smtp-doctor check for the certificate facts.',
    },
  },
  deadEnds: {},
  notes: {
    'starttls.not-advertised': {
      text: '{{#viaHelo}}the server refused EHLO, so STARTTLS cannot be negotiated{{/viaHelo}}{{^viaHelo}}STARTTLS was not advertised{{/viaHelo}}',
    },
    // The auth-offer rule cites it too: one wording for the capabilities a session saw.
    'ehlo.capabilities': {
      text: 'EHLO capabilities: {{#extensions}}{{extensions|spaces}}{{/extensions}}{{^extensions}}(none){{/extensions}}',
    },
  },
} as const satisfies CauseArea;
