// Causes of the credential-shape rule: what the user name and the secret's shape reveal before any server judges them.
import type { CauseArea } from './types.js';

const RFC4616 = 'https://www.rfc-editor.org/rfc/rfc4616#section-2 (PLAIN carries UTF-8)';

export const credentialShape = {
  causes: {
    'credential-shape.empty-secret': {
      finding: 'credentials-missing',
      detail: 'empty-secret',
      title: 'The password is empty',
      summary: 'The secret has no characters: the variable or file it comes from is probably empty or unset.',
      fixes: ['credential-shape.check-secret-source'],
    },
    'credential-shape.secret-whitespace': {
      finding: 'credentials-rejected',
      detail: 'secret-whitespace',
      title:
        'The password has whitespace {{#leading}}{{#trailing}}at both ends{{/trailing}}{{^trailing}}at the start{{/trailing}}{{/leading}}{{^leading}}at the end{{/leading}}',
      summary:
        'The secret sent to the server has whitespace {{#leading}}{{#trailing}}at both ends{{/trailing}}{{^trailing}}at the start{{/trailing}}{{/leading}}{{^leading}}at the end{{/leading}}; servers compare it byte for byte. Usually a trailing newline from a file or `echo`, or a space picked up when copying.',
      fixes: ['credential-shape.strip-whitespace'],
    },
    'credential-shape.user-name-whitespace': {
      finding: 'username-format',
      detail: 'whitespace',
      title: 'The user name has whitespace around it',
      summary: 'The user name {{user}} starts or ends with whitespace, which servers treat as part of the name.',
      fixes: ['credential-shape.trim-user-name'],
    },
    'credential-shape.non-ascii-without-charset': {
      finding: 'credentials-rejected',
      detail: 'non-ascii',
      title: 'A non-ASCII password with {{mechanism}}',
      summary:
        'The password contains non-ASCII characters and was sent with {{mechanism}}, which defines no character set: the server may decode the bytes differently from how the client encoded them.',
      fixes: ['credential-shape.use-plain', 'credential-shape.ascii-password'],
      sources: [
        RFC4616,
        'https://gnu.org/software/gsasl/manual/html_node/Use-of-SASLprep-in-LOGIN.html (LOGIN presumably does not support non-ASCII)',
        'https://www.rfc-editor.org/rfc/rfc2195 (CRAM-MD5 defines no character set for the secret)',
      ],
    },
    'credential-shape.user-name-literal': {
      finding: 'username-format',
      detail: 'literal',
      title: '{{provider}} wants the user name "{{literal}}"',
      summary:
        '{{provider}} expects {{form}} as the SMTP user name, not {{user}}; the secret goes in the password field.',
      fixes: ['credential-shape.set-literal-user-name'],
    },
    'credential-shape.user-name-not-an-address': {
      finding: 'username-format',
      detail: 'not-an-address',
      title: '{{provider}} wants the full e-mail address as user name',
      summary: '{{provider}} expects {{form}}; {{user}} is not an e-mail address.',
      fixes: ['credential-shape.use-address'],
    },
  },
  fixes: {
    'credential-shape.check-secret-source': {
      text: 'Check that the environment variable or secret store really holds the password where the client reads it.',
    },
    'credential-shape.strip-whitespace': {
      text: 'Remove the whitespace; when the secret comes from a file, strip the trailing newline (printf %s, or trim() in code).',
    },
    'credential-shape.trim-user-name': { text: 'Remove the whitespace around the user name.' },
    'credential-shape.use-plain': {
      text: 'Use PLAIN, which carries UTF-8 by definition (RFC 4616).',
      sources: [RFC4616],
    },
    'credential-shape.ascii-password': { text: 'Or change the password to ASCII characters only.' },
    'credential-shape.set-literal-user-name': { text: 'Set the user name to exactly {{literal}}.' },
    'credential-shape.use-address': { text: 'Use the full e-mail address of the account as the user name.' },
  },
  deadEnds: {},
  notes: {
    'credential-shape.user-name': { text: 'user name {{user}}' },
  },
} as const satisfies CauseArea;
