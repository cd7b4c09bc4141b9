// Next steps: what a report tells the user to do or collect when its findings cannot settle the question, by key.

/** The ways to give a secret to `check`, as the CLI names them. */
const SECRET_SOURCES =
  '--password-env VAR, --password-file FILE or --password-stdin (or run it on a terminal to be prompted)';

/**
 * Templates (knowledge/template.ts): diagnose/next-steps.ts decides which apply and fills them; `{{@debug}}` names the
 * user's client's debug setting (knowledge/clients.ts), or the common clients' when the client is unknown.
 */
export const NEXT_STEPS = {
  // check, when no login was tested
  'check.login-skipped':
    'The login was skipped on purpose (--max-attempts 0): no AUTH was sent, so nothing is known yet about the credentials.',
  'check.no-password': `No password was given for {{user}}, so no login was attempted: give it with ${SECRET_SOURCES} to test it.`,
  'check.no-login': `No login was attempted: give --user NAME and a password (${SECRET_SOURCES}) to test the credentials.`,
  /** `parts`: the endpoints below, joined by "; ". */
  'check.learned': 'Learned without logging in: {{parts}}.',
  'check.learned.endpoint':
    'port {{port}} with {{security|mode}} {{#auth}}offers AUTH {{auth|spaces}}{{/auth}}{{^auth}}offers no AUTH{{/auth}}{{#plaintext}} (without TLS){{/plaintext}}{{#unverified}} (its certificate did not verify){{/unverified}}',
  'check.learned.silent': 'no SMTP session reached EHLO on {{endpoints|list}}',
  'check.learned.endpoint-name': 'port {{port}} with {{security|mode}}',
  'check.test-login': 'To test the credentials, run it again without --max-attempts 0 (one login, by default).',
  // check, when nothing was diagnosed
  'check.verbose': 'Run again with --verbose and keep the transcript.',
  // explain, a reply nobody explains
  'explain.reply.check':
    'Let smtp-doctor talk to the server: smtp-doctor check {{host}} --user <name> shows which step it refuses and what it offers there.',
  'explain.reply.debug':
    'Paste the client’s debug transcript around this reply ({{@debug}}): the command it answers narrows the cause down.',
  'explain.reply.search':
    'Search the provider’s documentation for the exact text of the reply, or ask the server’s administrator to look it up in the server’s log.',
  // explain, bare codes
  'explain.codes.whole-reply': 'Paste the whole reply: the text after the code tells the possible causes apart.',
  'explain.codes.host': 'Include the host you send through: providers reuse codes for their own purposes.',
  // explain, nothing recognised
  'explain.nothing.whole-error':
    'Paste the complete error, including the server’s reply line (it starts with a three-digit code such as 535 or 530).',
  'explain.nothing.debug': 'Turn the client’s SMTP debug output on and paste that: {{@debug}}.',
  'explain.nothing.settings':
    'Include the host, port and TLS setting the client uses (e.g. smtp.example.com, 587, STARTTLS).',
  'explain.nothing.check': 'Or let smtp-doctor talk to the server itself: smtp-doctor check <host> --user <name>.',
} as const;

export type NextStepKey = keyof typeof NEXT_STEPS;
