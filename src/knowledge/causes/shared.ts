// Shared advice: dead ends and fixes that several causes offer, worded once (and the one proven-endpoint fix).
import type { CauseArea } from './types.js';

const RFC8314 = 'https://www.rfc-editor.org/rfc/rfc8314#section-3.3 (implicit TLS for submission)';

export const shared = {
  causes: {
    'internal.rule-crashed': {
      finding: 'internal-error',
      title: 'smtp-doctor’s {{rule}} rule failed on this evidence',
      summary:
        'The rule stopped with an error ({{error}}), so this report may miss what it would have found: the verdict cannot be trusted to be complete. This is a bug in smtp-doctor.',
      fixes: ['internal.report-bug'],
    },
  },
  fixes: {
    'internal.report-bug': {
      text: 'Report it to the smtp-doctor project with the JSON report (--json), after checking that it holds nothing private.',
    },
    'proven.use-endpoint': {
      text: '{{^first}}Or use{{/first}}{{#first}}Use{{/first}} {{security|mode}} on port {{port}}: {{#loggedIn}}smtp-doctor logged in there{{/loggedIn}}{{^loggedIn}}smtp-doctor reached the login there over verified TLS{{/loggedIn}}.',
    },
  },
  deadEnds: {
    'change-password.never-reached-auth': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the session never got as far as AUTH.',
      untilJudged: true,
    },
    'change-password.connection-never-opened': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the connection never opened.',
      untilJudged: true,
    },
    'change-password.never-sent': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'it was never sent.',
      untilJudged: true,
    },
    'change-password.never-checked': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the server never checked it.',
      untilJudged: true,
    },
    'change-password.never-judged': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the server never judged it.',
      untilJudged: true,
    },
    'change-password.not-shown-judged': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'nothing in the text shows that the server judged it.',
      untilJudged: true,
    },
    'disable-certificate-checks.no-tls-agreed': {
      topic: 'disable-certificate-checks',
      text: 'Turning certificate checks off (rejectUnauthorized: false)',
      why: 'no certificate was ever exchanged: the two ends do not even agree to speak TLS.',
      sources: [RFC8314],
    },
    'disable-certificate-checks.hides-problem': {
      topic: 'disable-certificate-checks',
      text: 'Turning certificate verification off (rejectUnauthorized: false, --insecure)',
      why: 'it hides the problem and lets anyone in the path read the password; RFC 4954 forbids PLAIN over an unverified TLS connection.',
      sources: ['https://www.rfc-editor.org/rfc/rfc4954#section-4 (PLAIN only over a protected connection)'],
    },
    'tls-off': {
      topic: 'tls-off',
      text: 'Turning TLS off to make the error go away',
      why: 'the password then travels in the clear, and most servers refuse AUTH without TLS anyway.',
    },
    'firewall-changes.connection-worked': {
      topic: 'firewall-changes',
      text: 'Firewall changes',
      why: 'the TCP connection itself succeeded.',
    },
  },
  notes: {
    'failure.with-code': { text: '{{message}} ({{code}})' },
    'failure.without-code': { text: '{{kind}} during {{phase}}' },
    'internal.rule-crashed': { text: 'rule {{rule}}: {{error}}' },
  },
} as const satisfies CauseArea;
