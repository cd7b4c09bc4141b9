// Causes of the reply-signatures rule when no signature knows a refusal's wording, and the notes on where a reply came from.
import type { CauseArea } from './types.js';

const REPLY_CLASSES =
  'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1 (4yz: transient negative; 5yz: permanent negative)';
const AUTH_REPLIES = 'https://www.rfc-editor.org/rfc/rfc4954#section-6 (the replies to AUTH)';

export const replySignatures = {
  causes: {
    'reply-signatures.unknown-temporary-refusal': {
      finding: 'auth-temporary-failure',
      detail: 'unknown-wording',
      title: 'The server refused the login for now ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'A 4xx reply to AUTH is a transient refusal: the server could not or would not judge the login right now (a busy authentication backend, a throttle, a policy check). The exact wording is not in our knowledge base, so the cause is a guess from the code alone.',
      fixes: ['reply-signatures.wait-then-once', 'reply-signatures.search-reply-text'],
      deadEnds: ['change-password.no-verdict-yet'],
      sources: [REPLY_CLASSES, AUTH_REPLIES],
    },
    'reply-signatures.unknown-permanent-refusal': {
      finding: 'credentials-rejected',
      detail: 'unknown-wording',
      title: 'The server refused the login ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'A 5xx reply to AUTH is a permanent refusal of this login as it was sent: most often the user name or password, sometimes a policy (mechanism, account state). The exact wording is not in our knowledge base, so the cause is a guess from the code alone.',
      fixes: ['reply-signatures.check-user-and-secret', 'reply-signatures.search-reply-text'],
      deadEnds: ['retry-same-credentials.permanent'],
      sources: [REPLY_CLASSES, AUTH_REPLIES],
    },
  },
  fixes: {
    'reply-signatures.wait-then-once': { text: 'Wait a few minutes and try once; do not retry in a loop.' },
    'reply-signatures.search-reply-text': {
      text: 'Search the provider’s documentation for the exact reply text quoted above.',
    },
    'reply-signatures.check-user-and-secret': {
      text: 'Check the user name form and the password the provider expects for SMTP (some require an app password or API key).',
    },
  },
  deadEnds: {
    // Only until a server judged the credentials: once a login was refused outright, the password may be the problem.
    'change-password.no-verdict-yet': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'a 4xx says the server did not reach a verdict.',
      untilJudged: true,
    },
    'retry-same-credentials.permanent': {
      topic: 'retry-same-credentials',
      text: 'Retrying the same credentials',
      why: 'a 5xx will not change, and failures count towards lockouts.',
    },
  },
  notes: {
    'reply-signatures.mechanism-retry': {
      text: 'a second login smtp-doctor made on {{host}}:{{port}} ({{security|mode}}){{#mechanism}} with {{mechanism}}{{/mechanism}} (another mechanism)',
    },
    'reply-signatures.login-elsewhere': {
      text: 'a login smtp-doctor made on {{host}}:{{port}} ({{security|mode}}){{#mechanism}} with {{mechanism}}{{/mechanism}}, besides your settings',
    },
  },
} as const satisfies CauseArea;
