// test-send rule: the test message after a working login — accepted, sender or recipients refused, or left to a signature.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { diagnose } from '../../../src/diagnose/index.js';
import { testSend } from '../../../src/diagnose/rules/test-send.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { SendRecord } from '../../../src/model/session.js';
import { live, observe, pasted, reply, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const LOGGED_IN = { auth: '235 2.7.0 Authentication successful' };
const base = { from: 'alice@example.org', to: ['bob@example.net'] };

/** A login that worked, then this test send recorded on the configured session (or on an alternative). */
function sent(
  send: SendRecord,
  where: 'configured' | 'alternative' = 'configured',
  spec?: Partial<SessionSpec>,
): Evidence {
  const session: SessionSpec = { port: 587, security: 'starttls', until: LOGGED_IN, ...spec };
  const evidence =
    where === 'configured'
      ? live(session)
      : live({ port: 465, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [
          session,
        ]);
  const at = evidence.sessions[where === 'configured' ? 0 : 1];
  assert.ok(at);
  at.record.send = send;
  return evidence;
}

const m365 = {
  host: 'smtp.office365.com',
  port: 587,
  security: 'starttls' as const,
  until: { auth: '235 2.7.0 Authentication successful', mechanism: 'LOGIN' },
};

export const cases: RuleCase[] = [
  [
    'an accepted message: sending works',
    sent({ ...base, result: 'accepted', reply: reply('250 2.0.0 Ok: queued as 4Xyz') }),
    [
      {
        id: 'message-accepted',
        severity: 'ok',
        confidence: 'high',
        origin: 'configured',
        fixes: ['test-send.check-inbox'],
        says: /from alice@example\.org to bob@example\.net after the login/,
      },
    ],
  ],
  [
    'every recipient listed',
    sent({
      from: 'alice@example.org',
      to: ['bob@example.net', 'carol@example.net'],
      result: 'accepted',
      reply: reply('250 2.0.0 Ok: queued as 4Xyz'),
    }),
    [{ id: 'message-accepted', says: /to bob@example\.net, carol@example\.net/ }],
  ],
  [
    'a sender refused after the login: send as yourself',
    live({
      port: 587,
      security: 'starttls',
      until: LOGGED_IN,
      send: { from: 'ceo@example.org', to: 'bob@example.net', refusedAt: 'mail', reply: '553 5.7.1 Not yours' },
    }),
    [
      {
        id: 'sender-rejected',
        confidence: 'medium',
        fixes: ['test-send.send-as-login', 'test-send.allow-send-as'],
        deadEnds: ['change-password'],
        says: /The login works, but the server refuses the sender ceo@example\.org/,
      },
    ],
  ],
  [
    'every recipient refused: relay or a bad address',
    live({
      port: 587,
      security: 'starttls',
      until: LOGGED_IN,
      send: {
        from: 'alice@example.org',
        to: 'bob@example.net',
        refusedAt: 'rcpt',
        reply: '554 5.7.1 <bob@example.net>: Relay access denied',
      },
    }),
    [
      {
        id: 'recipient-rejected',
        fixes: ['test-send.check-recipient', 'test-send.auth-before-mail'],
        deadEnds: [],
        says: /Every recipient \(bob@example\.net\) was refused/,
      },
    ],
  ],
  [
    'a send made on another session of the run is that session’s finding',
    sent({ ...base, result: 'accepted', reply: reply('250 2.0.0 Ok: queued as 4Xyz') }, 'alternative'),
    [{ id: 'message-accepted', origin: 'alternative' }],
  ],
  [
    'a refusal a provider signature names with the same finding (SendAsDenied) is the reply-signatures rule’s',
    live({
      ...m365,
      send: {
        from: 'bob@contoso.com',
        to: 'carol@example.net',
        refusedAt: 'mail',
        reply:
          '554 5.2.252 SendAsDenied; alice@contoso.com not allowed to send as bob@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied',
      },
    }),
    [],
  ],
  ['a message refused at DATA is left to the reply it got', sent({ ...base, result: 'data-rejected' }), []],
  ['a login without a test send says nothing', live({ port: 587, security: 'starttls', until: LOGGED_IN }), []],
  ['pasted text has no test send', pasted([observe.reply('250 2.0.0 Ok: queued as 4Xyz', 'data')]), []],
];

testRule(testSend, cases);

test('test-send: an accepted message names the success signature its reply fits', () => {
  const [found] = testSend.run(
    buildContext(sent({ ...base, result: 'accepted', reply: reply('250 2.0.0 Ok: queued as 4Xyz') })),
  );
  assert.equal(found?.finding.signature, 'rfc.message-queued');
});

test('test-send: the sender fix names the user name the login used, or says "the user name"', () => {
  const evidence = sent({
    ...base,
    from: 'ceo@example.org',
    result: 'sender-rejected',
    reply: reply('553 5.7.1 Not yours'),
  });
  const named = testSend.run(buildContext(evidence))[0]?.finding.fixes[0]?.text;
  assert.equal(
    named,
    'Send from the address you log in with (alice@example.org), or one the account is allowed to send as.',
  );
  delete evidence.sessions[0]?.record.username;
  const unnamed = testSend.run(buildContext(evidence))[0]?.finding.fixes[0]?.text;
  assert.match(unnamed ?? '', /^Send from the address you log in with \(the user name\)/);
});

// Where the rule's findings land among the others (moved from test/diagnose/test-send.test.ts).
describe('test-send in the whole diagnosis', () => {
  const ids = (send: SendRecord): string[] => diagnose(sent(send)).map((f) => f.id);

  test('test send: an accepted message is message-accepted next to auth-ok', () => {
    const found = ids({ ...base, result: 'accepted', reply: reply('250 2.0.0 Ok: queued as 4Xyz') });
    assert.ok(found.includes('auth-ok') && found.includes('message-accepted'), found.join());
  });

  test('test send: a refused sender is sender-rejected, ahead of auth-ok', () => {
    const found = ids({
      ...base,
      result: 'sender-rejected',
      reply: reply('553 5.7.1 <ceo@example.org>: Sender address rejected: not owned by user alice@example.org'),
    });
    assert.equal(found[0], 'sender-rejected');
  });

  test('test send: every recipient refused is recipient-rejected', () => {
    const refused = reply('554 5.7.1 <bob@example.net>: Relay access denied');
    const found = ids({
      ...base,
      result: 'recipient-rejected',
      reply: refused,
      refused: [{ address: 'bob@example.net', reply: refused }],
    });
    assert.equal(found[0], 'recipient-rejected');
  });
});
