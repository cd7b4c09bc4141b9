// Causes of the reply-signatures rule when no signature knows a refusal's wording, and the notes on where a reply came from.
import type { CauseArea } from './types.js';

const REPLY_CLASSES =
  'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1 (4yz: transient negative; 5yz: permanent negative)';
const AUTH_REPLIES = 'https://www.rfc-editor.org/rfc/rfc4954#section-6 (the replies to AUTH)';
const SEQUENCES = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.3.2 (which replies each command may get)';
/** What the code and the enhanced code mean by the RFCs (knowledge/codes.ts), said after the guess. */
const CODE_MEANING =
  ' By the RFCs, {{code}} means: {{meaning}}{{#enhanced}} {{enhanced}}: {{enhancedMeaning}}{{/enhanced}}';

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
    'reply-signatures.unknown-sender-refusal': {
      finding: 'sender-rejected',
      detail: 'unknown-wording',
      title: 'The server refused the sender ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'The refusal answered MAIL FROM, the command that names the sender: most often the address is not one this login may send as, is malformed, or its domain is refused. The wording is not in our knowledge base, so the cause is a guess from the code and the command.' +
        CODE_MEANING,
      fixes: ['reply-signatures.send-as-login', 'reply-signatures.search-reply-text'],
      deadEnds: ['change-password.about-addresses'],
      sources: [REPLY_CLASSES, SEQUENCES],
    },
    'reply-signatures.unknown-recipient-refusal': {
      finding: 'recipient-rejected',
      detail: 'unknown-wording',
      title: 'The server refused a recipient ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'The refusal answered RCPT TO, the command that names a recipient: most often the mailbox does not exist, the address is malformed, or the server will not relay to it for this session. The wording is not in our knowledge base, so the cause is a guess from the code and the command.' +
        CODE_MEANING,
      fixes: ['reply-signatures.check-recipient', 'reply-signatures.search-reply-text'],
      deadEnds: ['change-password.about-addresses'],
      sources: [REPLY_CLASSES, SEQUENCES],
    },
    'reply-signatures.unknown-message-refusal': {
      finding: 'sender-rejected',
      detail: 'message-refused',
      title: 'The server refused the message ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'The refusal came at the message data, after the sender and the recipients: the server’s filters or policy refused this message (its content, its size, or its sender’s domain). The login got that far, so it works. The wording is not in our knowledge base, so the cause is a guess from the code and the command.' +
        CODE_MEANING,
      fixes: ['reply-signatures.plain-test-message', 'reply-signatures.search-reply-text'],
      deadEnds: ['change-password.about-addresses'],
      sources: [REPLY_CLASSES, SEQUENCES],
    },
    'reply-signatures.unknown-service-refusal': {
      finding: 'service-unavailable',
      detail: 'unknown-wording',
      title: 'The server refused the session ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'The refusal came before any login, at the greeting or the EHLO: the server will not serve this client now (overload, a block of the client’s address, missing reverse DNS, or a port not meant for it). The wording is not in our knowledge base, so the cause is a guess from the code and the command.' +
        CODE_MEANING,
      fixes: ['reply-signatures.wait-then-once', 'reply-signatures.search-reply-text'],
      deadEnds: ['change-password.no-verdict-yet'],
      sources: [REPLY_CLASSES, 'https://www.rfc-editor.org/rfc/rfc5321#section-3.1 (421 or 554 instead of 220)'],
    },
    'reply-signatures.unknown-starttls-refusal': {
      finding: 'starttls-unavailable',
      detail: 'unknown-wording',
      title: 'The server refused STARTTLS ({{code}}, wording unknown to smtp-doctor)',
      summary:
        'The refusal answered STARTTLS: the server would not start TLS on this connection. Sending the password without TLS would expose it. The wording is not in our knowledge base, so the cause is a guess from the code and the command.' +
        CODE_MEANING,
      fixes: ['reply-signatures.search-reply-text'],
      deadEnds: ['change-password.no-verdict-yet'],
      sources: [REPLY_CLASSES, 'https://www.rfc-editor.org/rfc/rfc3207#section-4'],
    },
    'reply-signatures.unknown-refusal-for-now': {
      finding: 'auth-temporary-failure',
      detail: 'unknown-command',
      title: 'The server refused for now ({{code}}, command and wording unknown to smtp-doctor)',
      summary:
        'A 4xx reply is a transient refusal: the server could not or would not act right now (a busy backend, a throttle, a full disk). The text shows neither the command it answered nor wording our knowledge base knows; in texts about a failing login it is most often the login that was put off.' +
        CODE_MEANING,
      fixes: ['reply-signatures.wait-then-once', 'reply-signatures.search-reply-text'],
      deadEnds: ['change-password.no-verdict-yet'],
      sources: [REPLY_CLASSES],
    },
  },
  fixes: {
    'reply-signatures.send-as-login': {
      text: 'Send from the address of the account you log in with (or an alias it may use), as a bare address.',
    },
    'reply-signatures.check-recipient': {
      text: 'Check the recipient address for typos; try a recipient at another domain to tell a bad address from a relay refusal.',
    },
    'reply-signatures.plain-test-message': {
      text: 'Send a short plain-text test message from the login’s own address: if it goes through, the content or the From address of the refused one is the cause.',
    },
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
    'change-password.about-addresses': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the refusal came after the login, about the message or its addresses.',
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
