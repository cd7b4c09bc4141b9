// Causes of the deadline rule: the run's own time limits (--deadline, --timeout) ran out — the user's limit, not the server.
import type { Phase } from '../../model/transcript.js';
import type { CauseArea } from './types.js';

/**
 * A phase timeout shorter than this is too short for any mail server to meet, so when the user set it and it ran out,
 * the limit is the cause and raising it the fix. A greeting commonly comes after a second or more (servers look up the
 * client's name and blocklists before greeting; RFC 5321 §4.5.3.2 lets a client wait 5 minutes), and a TLS handshake
 * across the internet takes a few hundred milliseconds.
 */
export const SHORTEST_SENSIBLE_TIMEOUT_MS = 1_000;

const RFC5321_TIMEOUTS =
  'https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.2 (client timeouts: 5 minutes for the greeting, MAIL and RCPT; a client should wait at least this long)';

/** Where in the session a limit ran out, in words ("during the TLS handshake"), for the deadline rule's causes. */
export const DURING_PHASE: Readonly<Record<Phase, string>> = {
  connect: 'while connecting',
  tls: 'during the TLS handshake',
  greeting: 'while waiting for the greeting',
  ehlo: 'while waiting for the reply to EHLO',
  helo: 'while waiting for the reply to HELO',
  starttls: 'during STARTTLS',
  auth: 'during the login (AUTH)',
  mail: 'while waiting for the reply to MAIL FROM',
  rcpt: 'while waiting for the reply to RCPT TO',
  data: 'while sending the test message',
  quit: 'while closing the session',
};

export const deadline = {
  causes: {
    'deadline.login-not-started': {
      finding: 'connection-timeout',
      detail: 'deadline',
      title: 'The check’s deadline ({{ms|seconds}}) was reached before the login was tried',
      summary:
        'smtp-doctor gives the whole check at most {{ms|seconds}} (--deadline {{ms}}), every session and retry included. Time ran out before {{#ownLogin}}the login with your settings{{/ownLogin}}{{^ownLogin}}{{#elsewhere}}the login on the port that answered{{/elsewhere}}{{^elsewhere}}the login could be tried{{/elsewhere}}{{/ownLogin}} could start, so no server judged the credentials. This is smtp-doctor’s own limit, not a refusal by the server: the sessions before it took that long.',
      fixes: ['deadline.raise'],
      deadEnds: ['change-password.never-sent'],
    },
    'deadline.ran-out': {
      finding: 'connection-timeout',
      detail: 'deadline',
      title:
        '{{#userSet}}Your --deadline of {{ms|seconds}}{{/userSet}}{{^userSet}}The check’s deadline ({{ms|seconds}}){{/userSet}} ran out {{during}}',
      summary:
        'smtp-doctor gives the whole check at most {{ms|seconds}}{{#userSet}}, the limit you set with --deadline {{ms}}{{/userSet}}{{^userSet}} (its default; --deadline changes it){{/userSet}}, every session and retry included, and the time was up {{during}}. This is smtp-doctor’s own limit running out, not the server failing: it does not show that the server is slow or overloaded, only that the check stopped waiting.{{#tooShort}} {{ms|seconds}} is less than any SMTP session needs: a greeting alone commonly takes a second or more.{{/tooShort}}',
      fixes: ['deadline.raise'],
      deadEnds: ['change-password.never-reached-auth', 'change-password.never-judged'],
      sources: [RFC5321_TIMEOUTS],
    },
    'deadline.timeout-too-short': {
      finding: 'connection-timeout',
      detail: 'own-timeout',
      title: 'Your --timeout of {{ms|seconds}} is too short: it ran out {{during}}',
      summary:
        'Each step of the session may take at most {{ms|seconds}} (--timeout {{ms}}, the limit you set; the default is {{defaultMs|seconds}}), and the time ran out {{during}}.{{#seenMs}} In another session of this check the same step took {{seenMs|seconds}}: this server needs about that long, so the limit is too tight for it.{{/seenMs}}{{^seenMs}} That is less than a mail server needs: a greeting commonly comes after a second or more (servers look up the client’s name and blocklists first), and a TLS handshake across the internet takes a few hundred milliseconds.{{/seenMs}} This is your own limit running out, not the server failing: nothing here says the server is slow, down or overloaded.',
      fixes: ['deadline.raise-timeout'],
      deadEnds: ['change-password.never-reached-auth', 'change-password.never-judged'],
      sources: [RFC5321_TIMEOUTS],
    },
  },
  fixes: {
    'deadline.raise-timeout': {
      text: 'Run the check again without --timeout (the default is {{defaultMs|seconds}}), or with a longer one: --timeout {{suggested}} gives each step {{suggested|seconds}}.',
      sources: [RFC5321_TIMEOUTS],
    },
    'deadline.raise': {
      text: 'Run the check again with a longer deadline: --deadline {{suggested}} (this run had {{ms|seconds}}).',
    },
  },
  deadEnds: {},
  notes: {
    'deadline.user-timeout': {
      text: 'the limit that ran out was yours: --timeout {{ms}} ({{ms|seconds}} for each step; the default is {{defaultMs|seconds}})',
    },
    'deadline.not-started': {
      text: 'not started, the check’s deadline ({{ms|seconds}}) being nearly reached: {{#ownLogin}}the login with your settings{{/ownLogin}}{{^ownLogin}}{{#elsewhere}}a login on another port{{/elsewhere}}{{^elsewhere}}another login{{/elsewhere}}{{/ownLogin}}',
    },
  },
} as const satisfies CauseArea;
