// Causes of the connection-lost rule: a session that died after the connection opened, or a server that broke SMTP.
import type { CauseArea } from './types.js';

const RFC5321_REPLIES =
  'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1 (the first digit: 2 success, 4 transient, 5 permanent)';
const RFC4954_AUTH =
  'https://www.rfc-editor.org/rfc/rfc4954#section-6 (AUTH replies: 235 accepted, 535 refused, 454 temporary)';

/** The command the session was in: EHLO after STARTTLS, else the step's name in capitals (GREETING, EHLO, AUTH…). */
const DURING = '{{#afterTls}}EHLO after STARTTLS{{/afterTls}}{{^afterTls}}{{command}}{{/afterTls}}';
const TITLE = `{{#stalled}}The server stopped answering during ${DURING}{{/stalled}}{{^stalled}}The server {{#reset}}reset{{/reset}}{{^reset}}closed{{/reset}} the connection during ${DURING}{{/stalled}}`;
const LOST_FIXES = [
  'connection-lost.try-later',
  'connection-lost.no-more-logins',
  'connection-lost.other-network',
  'connection-lost.implicit-tls-instead',
] as const;

export const connectionLost = {
  causes: {
    'connection-lost.mid-session': {
      finding: 'connection-lost',
      title: TITLE,
      summary:
        'The connection ended in the middle of the session, before the server said why. Overloaded servers, connection limits, anti-abuse systems and firewalls that inspect SMTP do this.',
      fixes: LOST_FIXES,
    },
    'connection-lost.mid-login': {
      finding: 'connection-lost',
      title: TITLE,
      summary:
        'The connection ended in the middle of the login, before the server gave a verdict: the credentials were neither accepted nor refused. Servers do this when an intrusion-prevention or anti-abuse system cuts logins, when the auth backend crashes, or after too many failures.',
      fixes: LOST_FIXES,
      deadEnds: ['change-password.never-judged'],
      sources: [RFC4954_AUTH],
    },
    'connection-lost.login-accepting': {
      finding: 'connection-lost',
      title: TITLE,
      summary:
        'The server was accepting the login when the connection dropped: the reply it had begun, {{code}}, is a success. The credentials look right; what failed is the connection. Servers and middleboxes do this when they crash, restart or cut connections at a limit.',
      fixes: LOST_FIXES,
      deadEnds: ['change-password.was-accepting'],
      sources: [RFC5321_REPLIES, RFC4954_AUTH],
    },
    'connection-lost.login-refusing': {
      finding: 'connection-lost',
      title: TITLE,
      summary:
        'The server was refusing the login when the connection dropped: the reply it had begun, {{code}}, is a permanent refusal, and its reason was cut off. Servers do this when an anti-abuse system ends the connection along with the refusal, or after too many failures.',
      fixes: LOST_FIXES,
      sources: [RFC5321_REPLIES, RFC4954_AUTH],
    },
    'connection-lost.login-deferring': {
      finding: 'connection-lost',
      title: TITLE,
      summary:
        'The server was answering the login with a temporary refusal ({{code}}, no verdict on the credentials) when the connection dropped, and its reason was cut off. A busy or failing authentication backend, or a throttle, does this.',
      fixes: LOST_FIXES,
      deadEnds: ['change-password.never-judged'],
      sources: [RFC5321_REPLIES, RFC4954_AUTH],
    },
    'connection-lost.protocol-violation': {
      finding: 'protocol-violation',
      title: `The server broke the SMTP protocol during ${DURING}`,
      summary:
        '{{violation|capital}}. smtp-doctor stopped there to stay safe and bounded. A server that sends this is broken, overloaded, not an SMTP server at all (a web or other service on that port), or something in between rewrites the traffic.',
      fixes: [
        'connection-lost.check-smtp-server',
        'connection-lost.other-network-mangles',
        'connection-lost.server-logs',
      ],
    },
  },
  fixes: {
    'connection-lost.try-later': {
      text: 'Try once more later; if it repeats, check the server’s logs (or ask the provider) for this connection.',
    },
    'connection-lost.no-more-logins': {
      text: 'Make no further login attempts until the cause is known: some servers drop connections after repeated failures.',
    },
    'connection-lost.other-network': {
      text: 'Try from another network to rule out a firewall or proxy that inspects SMTP.',
    },
    'connection-lost.implicit-tls-instead': {
      text: 'Use implicit TLS on port {{port}}, which works on this host and has no STARTTLS step.',
    },
    'connection-lost.check-smtp-server': {
      text: 'Check that this host and port really run an SMTP server{{#preview}} (the first bytes quoted above show what answers){{/preview}}.',
    },
    'connection-lost.other-network-mangles': {
      text: 'Try from another network: a proxy, antivirus or firewall that inspects SMTP can mangle replies.',
    },
    'connection-lost.server-logs': { text: 'If you run the server, look at its logs for this connection.' },
  },
  deadEnds: {
    // Not untilJudged: the server's own go-ahead answers for the password, whatever else the run shows.
    'change-password.was-accepting': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the server was accepting it when the connection dropped.',
    },
  },
  notes: {},
} as const satisfies CauseArea;
