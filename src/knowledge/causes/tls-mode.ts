// Causes of the tls-mode rule: implicit TLS spoken to a STARTTLS port, or plaintext to a port that expects TLS at once.
import type { CauseArea } from './types.js';

const RFC8314 = {
  title: 'RFC 8314: implicit TLS for submission on port 465',
  url: 'https://www.rfc-editor.org/rfc/rfc8314#section-3.3',
};
const SOURCES = [
  'https://www.rfc-editor.org/rfc/rfc8314#section-3.3 (port 465: TLS from the first byte)',
  'https://www.rfc-editor.org/rfc/rfc3207 (STARTTLS: plaintext first, then the upgrade)',
  'observed: Node 20 / OpenSSL 3.0 on loopback, a TLS client to a plaintext SMTP port fails with ERR_SSL_WRONG_VERSION_NUMBER within ms; a plaintext client to an implicit-TLS port gets no greeting, ever (smtp-doctor reference protocol-security §3.3)',
];

export const tlsMode = {
  causes: {
    'tls-mode.implicit-on-starttls-port': {
      finding: 'tls-mode-mismatch',
      detail: 'implicit-tls-on-starttls-port',
      title:
        '{{#port}}Port {{port}} expects STARTTLS, not implicit TLS{{/port}}{{^port}}Implicit TLS was used on a STARTTLS port{{/port}}',
      summary:
        'The client started TLS at once{{#port}} on {{#host}}{{host}}:{{/host}}{{port}}{{/port}}, but the server there speaks plain SMTP first (it sent its "220" greeting, which the TLS library read as a broken TLS record: "wrong version number").{{#proven}} A STARTTLS session to the same port reached EHLO.{{/proven}}{{^port}} Ports 587, 25 and 2525 start in plaintext and upgrade with STARTTLS; only 465 speaks TLS from the first byte.{{/port}}',
      fixes: [
        'tls-mode.keep-port-starttls',
        'tls-mode.other-port-implicit',
        'tls-mode.implicit-on-465',
        'tls-mode.starttls-on-587',
      ],
      deadEnds: ['disable-certificate-checks.no-tls-agreed', 'change-password.never-reached-auth'],
      docs: [RFC8314],
      sources: SOURCES,
    },
    'tls-mode.plaintext-on-implicit-port': {
      finding: 'tls-mode-mismatch',
      detail: 'plaintext-on-implicit-tls-port',
      title: 'Port {{port}} expects implicit TLS from the first byte',
      summary:
        'The client connected to {{#host}}{{host}}:{{/host}}{{port}} in plaintext and waited for a "220" greeting, but the server there waits for a TLS handshake first, so {{#closed}}it closed the connection without a usable greeting{{/closed}}{{^closed}}nothing came{{/closed}}.{{#proven}} An implicit-TLS session to the same port worked.{{/proven}}{{#timedOut}} The message does not say whether the connection or the greeting timed out: if implicit TLS times out too, something drops port {{port}}.{{/timedOut}}',
      fixes: ['tls-mode.keep-port-implicit', 'tls-mode.other-port-starttls', 'tls-mode.starttls-on-587'],
      deadEnds: [
        'raise-timeout.implicit-never-speaks',
        'firewall-changes.connection-worked',
        'change-password.never-reached-auth',
      ],
      docs: [RFC8314],
      sources: SOURCES,
    },
    'tls-mode.plaintext-probably': {
      finding: 'tls-mode-mismatch',
      detail: 'plaintext-on-implicit-tls-port',
      title: 'Probably plaintext on an implicit-TLS port',
      summary:
        'The TCP connection opened but the server never sent its "220" greeting. The usual reason: the client connects in plaintext to port 465, where the server waits for a TLS handshake first. A firewall or proxy that accepts the connection but passes nothing through looks the same.',
      fixes: ['tls-mode.implicit-on-465-first', 'tls-mode.starttls-on-587'],
      deadEnds: [
        'raise-timeout.implicit-never-speaks',
        'firewall-changes.connection-worked',
        'change-password.never-reached-auth',
      ],
      docs: [RFC8314],
      sources: SOURCES,
    },
  },
  fixes: {
    'tls-mode.keep-port-starttls': { text: 'Keep port {{port}} and switch to STARTTLS ({{@starttls}}).' },
    'tls-mode.keep-port-implicit': { text: 'Keep port {{port}} and use implicit TLS ({{@implicit-tls}}).' },
    'tls-mode.other-port-implicit': {
      text: 'Or keep implicit TLS and use port {{otherPort}}{{#refusedThere}}: the connection works there and reaches AUTH, but the login there was refused (see the credentials finding){{/refusedThere}}{{^refusedThere}}{{#provenThere}}, where it works{{/provenThere}}{{^provenThere}}, where the provider offers it{{/provenThere}}{{/refusedThere}}.',
    },
    'tls-mode.other-port-starttls': {
      text: 'Or use STARTTLS on port {{otherPort}}{{#refusedThere}}: the connection works there and reaches AUTH, but the login there was refused (see the credentials finding){{/refusedThere}}{{^refusedThere}}{{#provenThere}}, where it works{{/provenThere}}{{^provenThere}} ({{@starttls}}){{/provenThere}}{{/refusedThere}}.',
    },
    'tls-mode.implicit-on-465': { text: 'Or keep implicit TLS and switch to port 465.' },
    'tls-mode.implicit-on-465-first': { text: 'On port 465 use implicit TLS ({{@implicit-tls}}).' },
    'tls-mode.starttls-on-587': {
      text: '{{#or}}Or use{{/or}}{{^or}}Use{{/or}} STARTTLS on port 587 (or 25, 2525): {{@starttls}}.',
    },
  },
  deadEnds: {
    'raise-timeout.implicit-never-speaks': {
      topic: 'raise-timeout',
      text: 'Raising the timeouts',
      why: 'a server on an implicit-TLS port never speaks first to a plaintext client.',
    },
  },
  notes: {
    'tls-mode.reached-ehlo': { text: 'port {{port}} with {{security|mode}}: reached EHLO' },
  },
} as const satisfies CauseArea;
