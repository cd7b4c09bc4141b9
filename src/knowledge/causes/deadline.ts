// Causes of the deadline rule: the run's own time limit (--deadline) ran out before a login could be tried.
import type { CauseArea } from './types.js';

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
  },
  fixes: {
    'deadline.raise': {
      text: 'Run the check again with a longer deadline: --deadline {{suggested}} (this run had {{ms}} ms).',
    },
  },
  deadEnds: {},
  notes: {
    'deadline.not-started': {
      text: 'not started, the check’s deadline ({{ms}} ms) being nearly reached: {{#ownLogin}}the login with your settings{{/ownLogin}}{{^ownLogin}}{{#elsewhere}}a login on another port{{/elsewhere}}{{^elsewhere}}another login{{/elsewhere}}{{/ownLogin}}',
    },
  },
} as const satisfies CauseArea;
