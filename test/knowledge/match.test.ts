import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalog } from '../../src/knowledge/catalog.js';
import { matchReply, usernameHasForm, type MatchContext, type ReplyFacts } from '../../src/knowledge/match.js';
import type { Phase } from '../../src/model/transcript.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';

const none: MatchContext = { providers: [], credential: null, tls: null };

function facts(wire: string, phase: Phase | null): ReplyFacts {
  const reply = parseReplyText(`${wire.split('\n').join('\r\n')}\r\n`);
  assert.ok(reply, `not a reply: ${wire}`);
  return { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase };
}

function best(wire: string, phase: Phase | null, context: Partial<MatchContext> = {}): string | undefined {
  return matchReply(facts(wire, phase), { ...none, ...context })[0]?.signature.id;
}

describe('signature matcher', () => {
  describe('every sample names its own signature', () => {
    for (const sig of catalog().signatures) {
      test(`matcher: the samples of ${sig.data.id} match it first`, () => {
        const providers = sig.data.scope === 'provider' ? [sig.provider.id] : [];
        for (const sample of sig.data.samples) {
          for (const phase of sig.data.phases) {
            const ids = matchReply(facts(sample, phase), { ...none, providers }).map((m) => m.signature.id);
            assert.equal(ids[0], sig.data.id, `${JSON.stringify(sample)} at ${phase} → ${ids.slice(0, 3).join(', ')}`);
          }
        }
      });
    }
  });

  const priority: [string, string, Phase | null, Partial<MatchContext>, string | undefined][] = [
    [
      'provider text beats the provider code',
      '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [X]',
      'auth',
      {},
      'microsoft365.basic-auth-disabled',
    ],
    [
      'a provider code catches new text under a vendor code',
      '535 5.7.139 Authentication unsuccessful, something new [X]',
      'auth',
      {},
      'microsoft365.authentication-unsuccessful-5.7.139',
    ],
    ['the generic code is the last resort', '535 5.7.8 Who knows', 'auth', {}, 'rfc.credentials-invalid'],
    [
      'the provider recognised from the host beats a server software recognised from the same reply text',
      '535 5.7.8 Error: authentication failed: bad credentials',
      'auth',
      { providers: ['icloud', 'postfix'] },
      'icloud.auth-failed',
    ],
    [
      'without a recognised provider, server software text still wins',
      '535 5.7.8 Error: authentication failed: bad credentials',
      'auth',
      {},
      'postfix.authentication-failed',
    ],
    [
      'generic text beats the generic code',
      '530 5.7.0 Must issue a STARTTLS command first',
      'mail',
      {},
      'rfc.must-issue-starttls',
    ],
    [
      'a server’s own words for "TLS first" also beat the generic 530 (Yandex)',
      '530 5.7.7 Email sending without SSL/TLS encryption is not allowed. Please see: http://help.yandex.ru/mail/mail-clients/ssl.xml',
      'auth',
      {},
      'rfc.must-issue-starttls',
    ],
    [
      'text shared by several servers needs the provider: none known',
      '535 Authentication failed',
      'auth',
      {},
      'rfc.credentials-invalid',
    ],
    [
      'text shared by several servers needs the provider: Mailgun',
      '535 Authentication failed',
      'auth',
      { providers: ['mailgun'] },
      'mailgun.authentication-failed',
    ],
    [
      'text shared by several servers needs the provider: OpenSMTPD',
      '535 Authentication failed',
      'auth',
      { providers: ['opensmtpd'] },
      'opensmtpd.authentication-failed',
    ],
    [
      'a recognised provider wins a tie between providers',
      '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6',
      'auth',
      { providers: ['postmark'] },
      'postmark.authentication-failed',
    ],
    [
      'without a provider the Postfix family answers',
      '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6',
      'auth',
      {},
      'postfix.authentication-failed',
    ],
    [
      'a narrower pattern beats a broader one of the same provider',
      '535 5.7.8 Error: authentication failed: generic failure',
      'auth',
      {},
      'postfix.sasl-generic-failure',
    ],
    [
      'Yahoo’s AUTH005 is not read as a plain rate limit',
      '535 5.7.0 (#AUTH005) Too many bad auth attempts.',
      'auth',
      {},
      'yahoo.auth005',
    ],
    [
      'Gmail’s 454 rate limit is not a backend failure',
      '454 4.7.0 Too many login attempts, please try again later. x - gsmtp',
      'auth',
      { providers: ['google'] },
      'google.too-many-login-attempts',
    ],
    ['a bare 250 says nothing without its command', '250 2.0.0 OK', null, {}, undefined],
    ['a 250 after DATA is an accepted message', '250 2.0.0 OK', 'data', {}, 'rfc.message-accepted'],
    ['a 421 greeting is a refusal of service', '421 4.7.0 Try again later', 'greeting', {}, 'rfc.greeting-refused'],
    ['a reply at the wrong phase does not match a phase-bound signature', '535 5.7.8 Who knows', 'mail', {}, undefined],
  ];
  for (const [what, wire, phase, context, expected] of priority) {
    test(`matcher: ${what}`, () => assert.equal(best(wire, phase, context), expected));
  }

  test('matcher: a bare enhanced code matches signatures that name it', () => {
    const ids = matchReply({ code: null, enhanced: '5.7.139', text: '', phase: null }, none).map((m) => m.signature.id);
    assert.deepEqual(ids, ['microsoft365.authentication-unsuccessful-5.7.139']);
  });

  const gmail =
    '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp';
  const conditions: [string, Partial<MatchContext>, string[]][] = [
    [
      'a password login puts the app-password cause first',
      { credential: 'password' },
      ['app-password-required', 'credentials-rejected'],
    ],
    [
      'an OAuth login puts the token cause first and drops the password causes',
      { credential: 'token' },
      ['oauth-token-rejected'],
    ],
  ];
  const sendgrid = '535 Authentication failed: Bad username / password';
  const usernameConditions: [string, string | null, string[]][] = [
    ['the user name apikey puts the key first and drops the user-name cause', 'apikey', ['credentials-rejected']],
    ['another user name puts the user-name cause first and drops the key', 'me@example.com', ['username-format']],
    [
      'an unknown user name keeps both, the key first (the commoner reading in real texts)',
      null,
      ['credentials-rejected', 'username-format'],
    ],
  ];
  for (const [what, username, expected] of usernameConditions) {
    test(`matcher: SendGrid's 535: ${what}`, () => {
      const [m] = matchReply(facts(sendgrid, 'auth'), { ...none, username });
      assert.equal(m?.signature.id, 'sendgrid.bad-username-password');
      assert.deepEqual(
        m.causes.map((c) => c.finding),
        expected,
      );
      if (username === null)
        assert.deepEqual(
          m.causes.map((c) => c.confidence),
          ['low', 'low'],
        );
    });
  }

  const forms: [string, Parameters<typeof usernameHasForm>[0], string | null, boolean | null][] = [
    ['the exact literal', { form: 'literal', literal: 'apikey', text: 'apikey' }, 'apikey', true],
    [
      'the literal with stray whitespace (reported on its own)',
      { form: 'literal', literal: 'apikey', text: 'apikey' },
      ' apikey ',
      true,
    ],
    ['the literal in other case', { form: 'literal', literal: 'apikey', text: 'apikey' }, 'APIKEY', false],
    [
      'an address where the literal belongs',
      { form: 'literal', literal: 'apikey', text: 'apikey' },
      'a@b.example',
      false,
    ],
    ['a full address', { form: 'address', text: 'the address' }, 'alice@example.com', true],
    ['a local part where an address belongs', { form: 'address', text: 'the address' }, 'alice', false],
    ['a form the name alone cannot show', { form: 'access-key', text: 'a key id' }, 'AKIAEXAMPLE', null],
    ['an unknown user name', { form: 'literal', literal: 'apikey', text: 'apikey' }, null, null],
    ['an empty user name', { form: 'literal', literal: 'apikey', text: 'apikey' }, '', null],
    ['a provider without submission settings', undefined, 'apikey', null],
  ];
  for (const [what, form, username, expected] of forms) {
    test(`matcher: a user name's form: ${what}`, () => assert.equal(usernameHasForm(form, username), expected));
  }

  for (const [what, context, expected] of conditions) {
    test(`matcher: ${what}`, () => {
      const [m] = matchReply(facts(gmail, 'auth'), { ...none, ...context });
      assert.deepEqual(
        m?.causes.map((c) => c.finding),
        expected,
      );
    });
  }

  test('matcher: a cause whose condition is unknown stays, with low confidence', () => {
    const [m] = matchReply(facts('504 5.5.4 Unrecognized authentication type', 'auth'), none);
    assert.deepEqual(
      m?.causes.map((c) => [c.finding, c.confidence]),
      [
        ['mechanism-unsupported', 'medium'],
        ['auth-requires-tls', 'low'],
      ],
    );
  });

  test('matcher: a cause whose condition is known to hold moves ahead', () => {
    const [m] = matchReply(facts('503 5.5.1 Error: authentication not enabled', 'auth'), { ...none, tls: true });
    assert.deepEqual(
      m?.causes.map((c) => c.finding),
      ['auth-not-offered'],
    );
  });
});
