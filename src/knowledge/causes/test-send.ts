// Causes of the test-send rule: the test message after a working login — accepted, or its sender or recipients refused.
import type { CauseArea } from './types.js';

const RFC5321 = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2 (MAIL, RCPT and DATA replies)';

export const testSend = {
  causes: {
    'test-send.accepted': {
      finding: 'message-accepted',
      title: 'A test message was accepted',
      summary:
        'The server accepted a message from {{from}} to {{to|list}} after the login: sending works with these settings.',
      fixes: ['test-send.check-inbox'],
    },
    'test-send.sender-refused': {
      finding: 'sender-rejected',
      title: 'The login works, but the server refuses the sender {{from}}',
      summary:
        'The account may send only as itself (or as addresses it is allowed to send as): the envelope sender was refused after a successful login.',
      fixes: ['test-send.send-as-login', 'test-send.allow-send-as'],
      deadEnds: ['change-password.login-worked-sender'],
      sources: [RFC5321],
    },
    'test-send.recipient-refused': {
      finding: 'recipient-rejected',
      title: 'The login works, but the server refuses the recipient',
      summary:
        'Every recipient ({{refused|list}}) was refused after a successful login: relaying is not allowed for this sender, or the address does not exist.',
      fixes: ['test-send.check-recipient', 'test-send.auth-before-mail'],
      sources: [RFC5321],
    },
  },
  fixes: {
    'test-send.check-inbox': {
      text: 'Nothing to change. Check the recipient’s inbox (and spam folder) to confirm delivery.',
    },
    'test-send.send-as-login': {
      text: 'Send from the address you log in with ({{#user}}{{user}}{{/user}}{{^user}}the user name{{/user}}), or one the account is allowed to send as.',
    },
    'test-send.allow-send-as': {
      text: 'If another address must be used, give this account permission to send as it (e.g. a verified sender, an alias, "Send As" rights).',
    },
    // The rfc.recipient-rejected signature offers this fix under the same key, so one refusal read by both merges.
    'test-send.check-recipient': {
      text: 'Check the recipient address for typos; try a recipient at another domain to tell a bad address from a relay refusal.',
    },
    'test-send.auth-before-mail': {
      text: 'If the server says relay denied: make sure the client really logs in before sending (AUTH before MAIL FROM), and sends from an address this account owns.',
    },
  },
  deadEnds: {
    'change-password.login-worked-sender': {
      topic: 'change-password',
      text: 'Changing the password',
      why: 'the login already succeeded; the refusal is about the sender address.',
    },
  },
  notes: {},
} as const satisfies CauseArea;
