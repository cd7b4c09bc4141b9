// Causes of the greeting rule: a connection that opened but got no 220 greeting — silence, a hang-up, another code.
import type { CauseArea } from './types.js';

const RFC5321_WAIT =
  'https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.2.1 (initial 220 message: a client should wait 5 minutes)';
const RFC5321_GREETING =
  'https://www.rfc-editor.org/rfc/rfc5321#section-3.1 (the server opens with 220; 554 instead refuses the session)';
const IMAP_GREETING =
  'https://www.rfc-editor.org/rfc/rfc9051#section-7.1.1 (an IMAP server greets with an untagged "* OK …"; IMAP is served on 143 and 993)';
const POP3_GREETING =
  'https://www.rfc-editor.org/rfc/rfc1939#section-4 (a POP3 server greets with "+OK …"; POP3 is served on 110 and 995)';
const SUBMISSION_PORTS =
  'https://www.rfc-editor.org/rfc/rfc8314#section-3.3 (mail submission: implicit TLS on 465, STARTTLS on 587)';
const NODEMAILER =
  'nodemailer@10.6.1 (npm):dist/esm/smtp-connection/index.js (GREETING_TIMEOUT = 30 * 1000: how long it waits for the greeting by default)';

/** How long RFC 5321 lets a client wait for the greeting: a re-run that waits this long has done all it can. */
export const RFC5321_GREETING_WAIT_MS = 300_000;

/**
 * How long nodemailer waits for the greeting by default (its greetingTimeout). A probe that gave up sooner may have
 * missed a greeting the user's application would get, so slowness is then the first thing to rule out.
 */
export const NODEMAILER_GREETING_TIMEOUT_MS = 30_000;

export const GREETING_WAIT_SOURCES: readonly string[] = [RFC5321_WAIT, NODEMAILER];

/** The endpoint, when the rule knows it (a live session, or a port the pasted text names). */
const WHERE = '{{#port}} to {{#host}}{{host}}:{{/host}}{{^host}}port {{/host}}{{port}}{{/port}}';
const ENDPOINT = '{{#host}}{{host}}:{{/host}}{{port}}';

export const greeting = {
  causes: {
    'greeting.none': {
      finding: 'greeting-timeout',
      title:
        'The server accepted the connection but {{#waited}}sent no greeting within {{waited|seconds}}{{/waited}}{{^waited}}never greeted{{/waited}}',
      summary: `The TCP connection${WHERE} opened, but no "220" greeting arrived{{#waited}} within {{waited|seconds}}, {{#deadline}}smtp-doctor's session deadline (--deadline){{/deadline}}{{^deadline}}{{#ownTimeout}}the --timeout you set{{/ownTimeout}}{{^ownTimeout}}smtp-doctor's phase timeout (--timeout){{/ownTimeout}}{{/deadline}}{{/waited}}. {{#waited}}A probe that stops waiting cannot tell a late greeting from none: either{{/waited}}{{^waited}}Either{{/waited}} the server greets slowly (busy, or running DNS and blocklist checks first; RFC 5321 §4.5.3.2.1 lets a client wait 5 minutes), or something accepts connections and passes nothing through.{{#silentTls}} An implicit-TLS session to the same port got no greeting either, so the TLS mode is not the cause.{{/silentTls}}{{^port}} On port 465 a plaintext client waits in vain too: the server there waits for TLS first.{{/port}}`,
      fixes: [
        'greeting.use-answering-port',
        'greeting.test-elsewhere',
        'greeting.check-middlebox',
        'greeting.check-smtp-service',
        'greeting.slow-server',
      ],
      deadEnds: ['change-password.never-reached-auth'],
      sources: GREETING_WAIT_SOURCES,
    },
    'greeting.closed-before-greeting': {
      finding: 'service-unavailable',
      detail: 'closed-before-greeting',
      title: 'The server hung up before greeting',
      summary: `{{#port}}{{#host}}{{host}}:{{/host}}{{^host}}Port {{/host}}{{port}}{{/port}}{{^port}}The server{{/port}} accepted the connection and closed it without a greeting: it may refuse this client address, be overloaded, or not be an SMTP service.`,
      fixes: [
        'greeting.use-answering-port',
        'greeting.test-elsewhere',
        'greeting.check-middlebox',
        'greeting.check-smtp-service',
      ],
    },
    'greeting.other-protocol': {
      finding: 'protocol-violation',
      detail: 'other-protocol-greeting',
      title: 'The port answers with {{protocol}}, not SMTP',
      summary:
        'The client read "{{banner}}…" where the SMTP "220" greeting belongs: that is how {{protocol}} servers greet. The settings point at the port for reading mail ({{protocol}}), not the one for sending it, so no SMTP session could start and the credentials were never tried.',
      fixes: ['greeting.use-submission-port', 'greeting.check-submission-endpoint'],
      deadEnds: ['change-password.never-reached-auth'],
      sources: [IMAP_GREETING, POP3_GREETING, SUBMISSION_PORTS],
    },
    'greeting.unexpected-code': {
      finding: 'service-unavailable',
      detail: 'unexpected-greeting',
      title: 'The server greeted with {{code}} instead of 220',
      summary: `${ENDPOINT} answered the connection with "{{code}}" where a "220" greeting belongs, so no SMTP session could start. Nothing was sent. Either the server refuses this client or is not a mail submission service, or something in between answers in its place.`,
      fixes: ['greeting.check-submission-endpoint', 'connection-lost.server-logs'],
      sources: [RFC5321_GREETING],
    },
  },
  fixes: {
    'greeting.use-answering-port': {
      text: 'Port {{otherPort}} ({{otherSecurity|mode}}) on the same host answers normally: use it.',
    },
    'greeting.test-elsewhere': {
      text: 'Test the same host and port from another network, or with `smtp-doctor check`, to see whether anything greets.',
    },
    'greeting.check-middlebox': {
      text: 'Check for a firewall, proxy or antivirus "mail shield" that accepts the connection but passes nothing through.',
    },
    'greeting.check-smtp-service': { text: 'Check that this port runs an SMTP service at all.' },
    'greeting.slow-server': {
      text: 'If the server is only slow to greet: {{#rerun}}run smtp-doctor again with --timeout {{rerun}} --deadline {{rerunDeadline}} to see whether a greeting comes, and {{/rerun}}raise your client’s greeting timeout ({{@greeting-timeout}}; other clients: their connection or read timeout).',
      sources: GREETING_WAIT_SOURCES,
    },
    'greeting.use-submission-port': {
      text: 'Use the provider’s SMTP submission port instead: 587 with STARTTLS or 465 with implicit TLS (not 143/993 for IMAP or 110/995 for POP3).',
      sources: [SUBMISSION_PORTS],
    },
    'greeting.check-submission-endpoint': {
      text: 'Check that this host and port are the provider’s submission server (usually 465 or 587).',
    },
  },
  deadEnds: {},
  notes: {
    'greeting.silent-in-implicit-tls': { text: 'port {{port}} with implicit TLS: no greeting either' },
  },
} as const satisfies CauseArea;
