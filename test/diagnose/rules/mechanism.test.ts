// mechanism rule: the SASL mechanism used (or none at all) is not among those the server offers — live and pasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { mechanism } from '../../../src/diagnose/rules/mechanism.js';
import { caps, live, observe, pasted, secret } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const EHLO_PLAIN_LOGIN = observe.reply('250-mail.example.org\n250 AUTH PLAIN LOGIN', 'ehlo');
const target = { host: 'mail.example.org', port: 587, security: 'starttls' as const };
const unknownType = observe.reply('504 5.5.4 Unrecognized authentication type', 'auth');

export const cases: RuleCase[] = [
  [
    'a forced mechanism the server does not offer: the best offered one for a password',
    live({
      port: 587,
      security: 'starttls',
      after: caps(['PLAIN', 'LOGIN']),
      until: { auth: '504 5.5.4 Unrecognized authentication type', mechanism: 'CRAM-MD5', offered: false },
    }),
    [
      {
        id: 'mechanism-unsupported',
        confidence: 'high',
        settings: { mechanism: 'PLAIN' },
        fixes: ['mechanism.use-offered'],
        deadEnds: [],
        says: /^The server does not offer CRAM-MD5[^]*The client used CRAM-MD5, but the server offers only PLAIN, LOGIN\./,
      },
    ],
  ],
  [
    'a token, and the server offers only password mechanisms: none fits, the list itself is the advice',
    live(
      {
        port: 587,
        security: 'starttls',
        after: caps(['PLAIN', 'LOGIN']),
        until: { authSkipped: 'the server offers only PLAIN LOGIN, none of which we can use with a token' },
      },
      [],
      { credentials: { username: 'alice@example.org', secret: secret('ya29.token', 'token') } },
    ),
    [
      {
        id: 'mechanism-unsupported',
        fixes: ['mechanism.choose-from-list'],
        says: /^None of the offered mechanisms suits this secret[^]*none can carry this kind of secret/,
      },
    ],
  ],
  [
    'a password, and the server offers only XOAUTH2 (Microsoft 365 with Basic off)',
    live({
      port: 587,
      security: 'starttls',
      after: caps(['XOAUTH2']),
      until: { authSkipped: 'the server offers only XOAUTH2, none of which we can use with a password' },
    }),
    [{ id: 'mechanism-unsupported', fixes: ['mechanism.choose-from-list'] }],
  ],
  [
    'a token offered XOAUTH2 among others: XOAUTH2 is the suggestion',
    live(
      {
        port: 587,
        security: 'starttls',
        after: caps(['PLAIN', 'XOAUTH2']),
        until: { auth: '504 5.5.4 Unrecognized authentication type', mechanism: 'OAUTHBEARER', offered: false },
      },
      [],
      { credentials: { username: 'alice@example.org', secret: secret('ya29.token', 'token') } },
    ),
    [{ id: 'mechanism-unsupported', settings: { mechanism: 'XOAUTH2' } }],
  ],
  [
    'a forced mechanism the server offers and smtp-doctor does not speak (NTLM): said plainly, nothing sent',
    live(
      {
        port: 587,
        security: 'starttls',
        after: caps(['PLAIN', 'LOGIN', 'CRAM-MD5', 'NTLM']),
        until: {
          authSkipped: 'the server offers NTLM, but smtp-doctor does not speak NTLM: no AUTH sent',
          reason: 'mechanism-not-implemented',
        },
      },
      [],
      { target: { ...target, mechanism: 'NTLM' } },
    ),
    [
      {
        id: 'mechanism-unsupported',
        detail: 'not-implemented',
        confidence: 'high',
        settings: { mechanism: 'PLAIN' },
        fixes: ['mechanism.check-with-spoken', 'mechanism.client-speaks-it'],
        deadEnds: ['change-password'],
        says: /^smtp-doctor does not speak NTLM yet[^]*no credentials were sent[^]*also offers PLAIN, LOGIN, CRAM-MD5, which smtp-doctor speaks/,
        neverSays: /None of the offered mechanisms suits/,
      },
    ],
  ],
  [
    'an unspoken mechanism, and the server offers no other smtp-doctor speaks (GSSAPI alone): a tool that speaks it',
    live(
      {
        port: 587,
        security: 'starttls',
        after: caps(['GSSAPI']),
        until: {
          authSkipped: 'the server offers GSSAPI, but smtp-doctor does not speak GSSAPI: no AUTH sent',
          reason: 'mechanism-not-implemented',
        },
      },
      [],
      { target: { ...target, mechanism: 'GSSAPI' } },
    ),
    [
      {
        id: 'mechanism-unsupported',
        detail: 'not-implemented',
        fixes: ['mechanism.client-speaks-it'],
        says: /offers no mechanism smtp-doctor speaks \(it lists GSSAPI\)/,
      },
    ],
  ],
  [
    'a forced mechanism the server does not list, skipped before AUTH: not offered, not “not implemented”',
    live(
      {
        port: 587,
        security: 'starttls',
        after: caps(['PLAIN', 'LOGIN']),
        until: {
          authSkipped: 'the server does not offer NTLM (it offers PLAIN LOGIN): no AUTH sent',
          reason: 'mechanism-not-offered',
        },
      },
      [],
      { target: { ...target, mechanism: 'NTLM' } },
    ),
    [{ id: 'mechanism-unsupported', fixes: ['mechanism.use-offered'], says: /^The server does not offer NTLM/ }],
  ],
  [
    'an offered mechanism refused with 535 is a credentials matter, not this rule’s',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
    [],
  ],
  [
    'AUTH skipped on plaintext settings is the auth-offer rule’s',
    live({
      port: 587,
      security: 'none',
      before: caps(['PLAIN'], { starttls: true }),
      until: { authSkipped: 'the connection is not encrypted' },
    }),
    [],
  ],
  [
    'AUTH skipped because the server offers none at all is the auth-offer rule’s',
    live({ port: 25, security: 'starttls', after: caps([]), until: { authSkipped: 'the server offers no AUTH here' } }),
    [],
  ],
  [
    'pasted: a mechanism the pasted EHLO does not list',
    pasted([EHLO_PLAIN_LOGIN, unknownType], { target: { mechanism: 'CRAM-MD5' } }),
    [
      {
        id: 'mechanism-unsupported',
        confidence: 'high',
        settings: { mechanism: 'PLAIN' },
        fixes: ['mechanism.use-offered'],
        says: /The client used CRAM-MD5, but the server offers only PLAIN, LOGIN/,
      },
    ],
  ],
  [
    'pasted: the list in the clear of a server that offers STARTTLS is not the last word: low confidence',
    pasted(
      [
        observe.reply('250-mail.example.org\n250-STARTTLS\n250 AUTH NTLM', 'ehlo'),
        observe.reply('504 5.7.4 Unrecognized authentication type', 'auth'),
      ],
      { target: { mechanism: 'LOGIN' } },
    ),
    [{ id: 'mechanism-unsupported', confidence: 'low', fixes: ['mechanism.choose-from-list'] }],
  ],
  [
    'pasted: the client says no mechanism fits, without the list',
    pasted([observe.message('no-common-mechanism', 'No supported authentication methods found', 'auth')]),
    [
      {
        id: 'mechanism-unsupported',
        confidence: 'medium',
        fixes: ['mechanism.choose-from-list'],
        says: /^Client and server share no SASL mechanism[^]*The client found no mechanism it supports/,
      },
    ],
  ],
  [
    'pasted: the client says no mechanism fits, and the EHLO shows the list',
    pasted([
      observe.reply('250-mail.example.org\n250 AUTH GSSAPI NTLM', 'ehlo'),
      observe.message('no-common-mechanism', 'No supported authentication methods found', 'auth'),
    ]),
    [{ id: 'mechanism-unsupported', says: /The server offers only GSSAPI, NTLM; the client supports none of them\./ }],
  ],
  [
    'pasted: the EHLO lists only DIGEST-MD5 (historic) and no AUTH was answered: likely none the client runs, low',
    pasted([observe.reply('250-mail.example.org\n250 AUTH DIGEST-MD5', 'ehlo')]),
    [
      {
        id: 'mechanism-unsupported',
        confidence: 'low',
        fixes: ['mechanism.use-offered'],
        says: /The server offers only DIGEST-MD5; the client supports none of them\./,
      },
    ],
  ],
  [
    'pasted: only uncommon mechanisms, but STARTTLS listed: the list after TLS may hold more (not this rule’s)',
    pasted([observe.reply('250-mail.example.org\n250-STARTTLS\n250 AUTH GSSAPI NTLM', 'ehlo')]),
    [],
  ],
  [
    'pasted: a current mechanism among them: nothing to say',
    pasted([observe.reply('250-mail.example.org\n250 AUTH DIGEST-MD5 CRAM-MD5', 'ehlo')]),
    [],
  ],
  [
    'pasted: the mechanism used is listed: nothing to say',
    pasted([EHLO_PLAIN_LOGIN, observe.reply('535 5.7.8 Authentication credentials invalid', 'auth')], {
      target: { mechanism: 'PLAIN' },
    }),
    [],
  ],
];

testRule(mechanism, cases);

test('mechanism: evidence and advice name the mechanisms as the server listed them', () => {
  const [found] = mechanism.run(
    buildContext(pasted([EHLO_PLAIN_LOGIN, unknownType], { target: { mechanism: 'CRAM-MD5' } })),
  );
  assert.deepEqual(found?.finding.evidence, [{ text: 'AUTH offered: PLAIN LOGIN', source: 'pasted' }]);
  assert.equal(found.finding.fixes[0]?.text, 'Use PLAIN, which the server offers (it lists PLAIN LOGIN).');
  const [skipped] = mechanism.run(
    buildContext(
      live({
        port: 587,
        security: 'starttls',
        after: caps(['XOAUTH2']),
        until: { authSkipped: 'the server offers only XOAUTH2, none of which we can use with a password' },
      }),
    ),
  );
  assert.deepEqual(
    skipped?.finding.evidence.map((q) => q.text),
    ['the server offers only XOAUTH2, none of which we can use with a password', 'AUTH offered: XOAUTH2'],
  );
  assert.equal(skipped.finding.fixes[0]?.text, 'Choose a mechanism from the server’s list: XOAUTH2.');
});
