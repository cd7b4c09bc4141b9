// credential-shape rule: the user name and the secret's shape, live and pasted, and the providers' credential shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { credentialShape } from '../../../src/diagnose/rules/credential-shape.js';
import { listProviders } from '../../../src/knowledge/index.js';
import { live, observe, pasted, secret } from '../../fixtures/evidence.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { testRule, type RuleCase } from './support.js';

const REFUSED = '535 5.7.8 Authentication credentials invalid';
const SES_REFUSED = '535 Authentication Credentials Invalid';
const ses = { host: 'email-smtp.eu-west-1.amazonaws.com', port: 587, security: 'starttls' as const };

/** A login refused with these credentials (the configured session's user name is the one given). */
function refused(username: string, value?: string, over: Partial<typeof ses> = {}, reply = REFUSED): Evidence {
  return live({ port: 587, security: 'starttls', ...over, until: { auth: reply, username } }, [], {
    credentials: { username, ...(value !== undefined ? { secret: secret(value) } : {}) },
  });
}

export const cases: RuleCase[] = [
  [
    'an empty password is credentials-missing, whatever else is wrong',
    refused(' alice@example.org', ''),
    [
      {
        id: 'credentials-missing',
        detail: 'empty-secret',
        severity: 'error',
        confidence: 'high',
        fixes: ['credential-shape.check-secret-source'],
      },
    ],
  ],
  [
    'a trailing newline in a refused password: the likely cause',
    refused('alice@example.org', 'correct horse\n'),
    [
      {
        id: 'credentials-rejected',
        detail: 'secret-whitespace',
        severity: 'error',
        confidence: 'high',
        fixes: ['credential-shape.strip-whitespace'],
        says: /The password has whitespace at the end/,
      },
    ],
  ],
  [
    'whitespace at both ends before any login: a warning of what will fail',
    live({ port: 587, security: 'starttls', until: { connected: true } }, [], {
      credentials: { username: 'alice@example.org', secret: secret(' correct horse ') },
    }),
    [
      {
        id: 'credentials-rejected',
        detail: 'secret-whitespace',
        severity: 'warning',
        confidence: 'medium',
        says: /whitespace at both ends/,
      },
    ],
  ],
  [
    'leading whitespace is said to be at the start',
    refused('alice@example.org', ' correct horse'),
    [{ id: 'credentials-rejected', detail: 'secret-whitespace', says: /whitespace at the start/ }],
  ],
  [
    'a user name with whitespace around it: trimmed in the fix',
    refused('alice@example.org ', 'correct horse'),
    [
      {
        id: 'username-format',
        detail: 'whitespace',
        confidence: 'high',
        settings: { username: 'alice@example.org' },
        says: /The user name "alice@example\.org " starts or ends with whitespace/,
      },
    ],
  ],
  [
    'a non-ASCII password over LOGIN, which defines no character set: switch to PLAIN',
    live({ port: 587, security: 'starttls', until: { auth: REFUSED, mechanism: 'LOGIN' } }, [], {
      credentials: { username: 'alice@example.org', secret: secret('pässword') },
    }),
    [
      {
        id: 'credentials-rejected',
        detail: 'non-ascii',
        confidence: 'medium',
        settings: { mechanism: 'PLAIN' },
        fixes: ['credential-shape.use-plain', 'credential-shape.ascii-password'],
        says: /A non-ASCII password with LOGIN/,
      },
    ],
  ],
  [
    'a non-ASCII password over CRAM-MD5 is the same cause',
    live({ port: 587, security: 'starttls', until: { auth: REFUSED, mechanism: 'CRAM-MD5' } }, [], {
      credentials: { username: 'alice@example.org', secret: secret('pässword') },
    }),
    [{ id: 'credentials-rejected', detail: 'non-ascii', says: /with CRAM-MD5/ }],
  ],
  [
    'a non-ASCII password over PLAIN is UTF-8 by definition: nothing to say',
    refused('alice@example.org', 'pässword'),
    [],
  ],
  [
    'SendGrid wants the literal user name apikey',
    refused('me@example.org', 'SG.xxxxxxxx', { host: 'smtp.sendgrid.net' }),
    [
      {
        id: 'username-format',
        detail: 'literal',
        confidence: 'high',
        settings: { username: 'apikey' },
        fixes: ['credential-shape.set-literal-user-name'],
        says: /SendGrid wants the user name "apikey"[\s\S]*not "me@example\.org"/,
      },
    ],
  ],
  [
    'Gmail wants a full e-mail address',
    refused('alice', 'wrongpass', { host: 'smtp.gmail.com' }),
    [
      {
        id: 'username-format',
        detail: 'not-an-address',
        confidence: 'medium',
        fixes: ['credential-shape.use-address'],
      },
    ],
  ],
  [
    'pasted text: the user name it names is read the same way',
    pasted([observe.reply('535 Authentication failed: Bad username / password', 'auth')], {
      target: { host: 'smtp.sendgrid.net', username: 'me@example.org' },
      providerHints: [{ provider: 'sendgrid', by: 'host', quote: 'smtp.sendgrid.net' }],
    }),
    [{ id: 'username-format', detail: 'literal', settings: { username: 'apikey' } }],
  ],
  [
    'pasted text: a user name with a space inside is a placeholder typed over the real one, not a wrong form',
    pasted([observe.reply('534 5.7.14 Please log in via your web browser and then try again.', 'auth')], {
      target: { host: 'smtp.gmail.com', username: 'email address' },
      providerHints: [{ provider: 'google', by: 'host', quote: 'smtp.gmail.com' }],
    }),
    [],
  ],
  [
    'SES: a temporary (ASIA) key id as user name',
    refused('ASIAIOSFODNN7EXAMPLE', 'b'.repeat(44), ses, SES_REFUSED),
    [
      {
        id: 'credentials-rejected',
        detail: 'temporary-key',
        confidence: 'high',
        fixes: ['ses.create-smtp-credentials-for-region'],
        says: /A temporary AWS key cannot log in to SES SMTP/,
      },
    ],
  ],
  [
    'SES: a user name that is no access key id, quoted in the summary',
    refused('alice@example.org', 'b'.repeat(44), ses, SES_REFUSED),
    [
      {
        id: 'username-format',
        detail: 'not-an-access-key',
        fixes: ['ses.use-smtp-user-name'],
        says: /access key id \(AKIA…\) shown with the SMTP credentials, not "alice@example\.org"/,
      },
    ],
  ],
  [
    'SES: key ids are upper case, so a lower-case one is no access key id',
    refused('akiaiosfodnn7example', 'b'.repeat(44), ses, SES_REFUSED),
    [{ id: 'username-format', detail: 'not-an-access-key' }],
  ],
  [
    'SES: the 40-character IAM secret key where the SMTP password goes',
    refused('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ses, SES_REFUSED),
    [
      {
        id: 'credentials-rejected',
        detail: 'iam-secret-key',
        fixes: ['ses.create-smtp-credentials-use-password', 'ses.derive-smtp-password'],
        deadEnds: ['ses.adding-iam-permissions'],
        says: /40 characters long, like an AWS secret access key/,
      },
    ],
  ],
  [
    'SES: a temporary key with a 40-character secret is both',
    refused('ASIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ses, SES_REFUSED),
    [
      { id: 'credentials-rejected', detail: 'temporary-key' },
      { id: 'credentials-rejected', detail: 'iam-secret-key' },
    ],
  ],
  [
    'SES: an access key id with an SMTP password of the right length says nothing',
    refused('AKIAIOSFODNN7EXAMPLE', 'b'.repeat(44), ses, SES_REFUSED),
    [],
  ],
  [
    'the same shapes at another provider say nothing (the shapes are SES’s)',
    refused('ASIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
    [],
  ],
  [
    'a login accepted anywhere in the run proves the credentials: silent',
    live(
      { port: 587, security: 'starttls', until: { auth: REFUSED, mechanism: 'PLAIN' } },
      [{ port: 587, security: 'starttls', until: { auth: '235 2.7.0 Accepted', mechanism: 'LOGIN' } }],
      { credentials: { username: 'alice@example.org ', secret: secret('correct horse\n') } },
    ),
    [],
  ],
];

testRule(credentialShape, cases);

test('credential-shape: every provider credential shape gives its fixes an id and its dead ends a topic', () => {
  for (const provider of listProviders())
    for (const shape of provider.submission?.credentialShapes ?? []) {
      for (const f of shape.cause.fixes) assert.ok(f.id, `${provider.id}: "${f.text}" has no id`);
      for (const d of shape.cause.deadEnds) assert.ok(d.topic, `${provider.id}: "${d.text}" has no topic`);
    }
});

// Moved from test/diagnose/lab-review.test.ts (a defect a review of `check` against the lab found).
test('credential-shape: a DOMAIN\\user name keeps its single backslash in the evidence and summary', () => {
  const evidence = refused(
    'LAB\\alice',
    'SG.key',
    { host: 'smtp.sendgrid.net' },
    '535 Authentication failed: Bad username / password',
  );
  const form = credentialShape.run(buildContext(evidence)).find((c) => c.finding.detail === 'literal')?.finding;
  assert.ok(form);
  assert.ok(
    form.evidence.some((q) => q.text === 'user name "LAB\\alice"' && q.source === 'input'),
    JSON.stringify(form.evidence),
  );
  assert.ok(form.summary.includes('"LAB\\alice"'), form.summary);
});
