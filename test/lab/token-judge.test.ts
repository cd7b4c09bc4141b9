import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findPersona } from '../../src/lab/personas/index.js';
import { judgeToken, oauthPresetOf } from '../../src/lab/token-judge.js';
import type { MintedToken } from '../../src/lab/token-registry.js';

const NOW = 1_800_000_000_000;
const google: MintedToken = {
  preset: 'google',
  kind: 'delegated',
  user: 'carol@lab.test',
  scopes: ['https://mail.google.com/'],
  clientId: 'lab-client',
  issuedAt: NOW - 60_000,
  expiresAt: NOW + 3_000_000,
};
const microsoft: MintedToken = {
  ...google,
  preset: 'microsoft',
  user: 'bob@lab.test',
  scopes: ['SMTP.Send'],
  audience: 'https://outlook.office.com',
};
const app: MintedToken = {
  ...microsoft,
  kind: 'app',
  scopes: [],
  audience: 'https://outlook.office365.com',
  roles: ['SMTP.SendAsApp'],
  mailboxes: ['dora@lab.test'],
};
delete (app as { user?: string }).user;

describe('lab token judge', () => {
  test('lab: the gmail persona takes Google tokens, microsoft365 Microsoft ones, plain none', () => {
    assert.equal(oauthPresetOf(findPersona('gmail')), 'google');
    assert.equal(oauthPresetOf(findPersona('microsoft365')), 'microsoft');
    assert.equal(oauthPresetOf(findPersona('plain')), undefined);
  });

  const cases: [string, Parameters<typeof judgeToken>, RegExp | string][] = [
    ['a good Google token', ['google', google, 'Carol@Lab.Test', NOW], 'carol@lab.test'],
    ['a good Microsoft token', ['microsoft', microsoft, 'bob@lab.test', NOW], 'bob@lab.test'],
    ['an app-only token for its mailbox', ['microsoft', app, 'dora@lab.test', NOW], 'dora@lab.test'],
    ['an unknown token', ['google', undefined, 'carol@lab.test', NOW], /not one this lab issued/],
    ['a Google token at Microsoft', ['microsoft', google, 'carol@lab.test', NOW], /issued by the google endpoint/],
    ['a token at its expiry', ['google', { ...google, expiresAt: NOW }, 'carol@lab.test', NOW], /expired at/],
    [
      'a Graph token',
      ['microsoft', { ...microsoft, audience: 'https://graph.microsoft.com' }, 'bob@lab.test', NOW],
      /is for https:\/\/graph\.microsoft\.com, not Outlook/,
    ],
    [
      'a gmail.send token',
      ['google', { ...google, scopes: ['https://www.googleapis.com/auth/gmail.send'] }, 'carol@lab.test', NOW],
      /does not give SMTP \(https:\/\/mail\.google\.com\/ does\)/,
    ],
    ["another user's token", ['google', google, 'alice@lab.test', NOW], /belongs to "carol@lab\.test"/],
    [
      'an app-only token without the role',
      ['microsoft', { ...app, roles: [] }, 'dora@lab.test', NOW],
      /no SMTP\.SendAsApp role/,
    ],
    [
      'an app-only token for another mailbox',
      ['microsoft', app, 'bob@lab.test', NOW],
      /may not send as "bob@lab\.test"/,
    ],
  ];
  for (const [what, args, expected] of cases)
    test(`lab: token judge on ${what}`, () => {
      const verdict = judgeToken(...args);
      if (typeof expected === 'string') assert.deepEqual(verdict, { ok: true, user: expected });
      else if (verdict.ok) assert.fail(`refused expected, got ${verdict.user}`);
      else assert.match(verdict.why, expected);
    });
});
