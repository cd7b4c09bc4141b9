import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatAccount, parseAccount, parseAccountFile, type LabAccount } from '../../src/lab/accounts.js';
import { judgeLogin, type AuthAttempt } from '../../src/lab/auth-policy.js';
import { workingCredential, clientConfig } from '../../src/lab/client-config.js';
import { findPersona } from '../../src/lab/personas/index.js';

describe('lab account specs', () => {
  const good: [string, LabAccount][] = [
    ['alice@lab.test:pw', { username: 'alice@lab.test', password: 'pw', flags: [] }],
    ['alice@lab.test:pa:ss', { username: 'alice@lab.test', password: 'pa:ss', flags: [] }],
    ['bob@lab.test:"two words"', { username: 'bob@lab.test', password: 'two words', flags: [] }],
    ['bob@lab.test:"say \\"hi\\""', { username: 'bob@lab.test', password: 'say "hi"', flags: [] }],
    [
      'bob@lab.test:x 2sv app-password=abcd',
      { username: 'bob@lab.test', password: 'x', appPassword: 'abcd', flags: ['2sv'] },
    ],
    ['carol@lab.test token=ya29.t oauth-only', { username: 'carol@lab.test', token: 'ya29.t', flags: ['oauth-only'] }],
    ['apikey:SG.x LOCKED locked', { username: 'apikey', password: 'SG.x', flags: ['locked'] }],
    ['dave password="p w"', { username: 'dave', password: 'p w', flags: [] }],
    ['erin:', { username: 'erin', password: '', flags: [] }],
  ];
  for (const [spec, account] of good) {
    test(`lab: account spec ${JSON.stringify(spec)} parses`, () => assert.deepEqual(parseAccount(spec), account));
  }

  const oauth: [string, LabAccount][] = [
    [
      'carol@lab.test refresh-token=1//lab-carol client=app:"s e" grant-scope="https://www.googleapis.com/auth/gmail.send" testing-app expired-tokens',
      {
        username: 'carol@lab.test',
        flags: [],
        oauth: {
          refreshToken: '1//lab-carol',
          clientId: 'app',
          clientSecret: 's e',
          grantScope: ['https://www.googleapis.com/auth/gmail.send'],
          flags: ['testing-app', 'expired-tokens'],
        },
      },
    ],
    [
      'dora@lab.test app-role',
      {
        username: 'dora@lab.test',
        flags: [],
        oauth: { clientId: 'lab-client', clientSecret: 'lab-secret', flags: ['app-role'] },
      },
    ],
  ];
  for (const [spec, account] of oauth) {
    test(`lab: OAuth account spec ${JSON.stringify(spec)} parses and formats back to itself`, () => {
      assert.deepEqual(parseAccount(spec), account);
      assert.deepEqual(parseAccount(formatAccount(account)), account);
    });
  }

  const bad: [string, RegExp][] = [
    ['', /empty account spec/],
    [':pw', /the user name is empty/],
    ['alice', /has no password, app-password= or token= \(nor refresh-token= or client= for OAuth\)/],
    ['alice testing-app', /has OAuth settings but no refresh-token=/],
    ['alice refresh-token=r client=nosecret', /client= needs the form ID:SECRET/],
    ['alice refresh-token=r grant-scope=" "', /grant-scope= is empty/],
    ['alice:pw sudo', /unknown flag "sudo" \(flags: 2sv, /],
    ['alice:pw color=red', /unknown setting "color"/],
    ['alice:pw token=', /token= is empty/],
    ['alice:"open', /unterminated double quote/],
    ['alice:x 2sv', /has 2sv but no app-password= or token=/],
    ['alice:"a\u0007b"', /contains a control character/],
  ];
  for (const [spec, error] of bad) {
    test(`lab: account spec ${JSON.stringify(spec)} is refused with one clear line`, () =>
      assert.throws(() => parseAccount(spec, '--account'), error));
  }

  test('lab: an account file skips comments and blank lines and names the line of a mistake', () => {
    const accounts = parseAccountFile(
      '# lab accounts\n\nalice@lab.test:pw\r\n  bob@lab.test:x 2sv app-password=y  \n',
      'accounts.txt',
    );
    assert.deepEqual(
      accounts.map((a) => a.username),
      ['alice@lab.test', 'bob@lab.test'],
    );
    assert.throws(
      () => parseAccountFile('alice:pw\nbob:pw wings\n', 'accounts.txt'),
      /^InputError: accounts\.txt line 2: unknown flag "wings"/,
    );
    assert.throws(() => parseAccountFile('# nothing\n', 'empty.txt'), /empty\.txt: no accounts in the file/);
  });

  test('lab: formatting an account and parsing it back gives the same account', () => {
    // eslint-disable-next-line no-control-regex -- control characters are what parseAccount refuses
    const value = fc.string({ minLength: 1, maxLength: 20 }).filter((v) => !/[\x00-\x1f\x7f]/.test(v));
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9.@_-]{1,20}$/), value, value, (username, password, app) => {
        const account: LabAccount = { username, password, appPassword: app, flags: ['2sv'] };
        assert.deepEqual(parseAccount(formatAccount(account)), account);
      }),
    );
  });
});

describe('lab auth policy', () => {
  const gmail = findPersona('gmail');
  const accounts = [
    parseAccount('alice@lab.test:apppw'),
    parseAccount('bob@lab.test:googlepw 2sv app-password=bobapp'),
    parseAccount('carol@lab.test:carolpw oauth-only token=tok'),
    parseAccount('tim@lab.test:timpw temp-failure token=tok2'),
  ];
  const plain = (username: string, password: string): AuthAttempt => ({ mechanism: 'PLAIN', username, password });
  const cases: [string, AuthAttempt, string][] = [
    ['the right password', plain('alice@lab.test', 'apppw'), 'ok:password'],
    ['a wrong password', plain('alice@lab.test', 'nope'), 'authRejected'],
    ['an unknown user', plain('zed@lab.test', 'apppw'), 'authRejected'],
    [
      'LOGIN with a wrong password',
      { mechanism: 'LOGIN', username: 'alice@lab.test', password: 'x' },
      'authRejectedLogin',
    ],
    ['the account password of a 2sv account', plain('bob@lab.test', 'googlepw'), 'appPasswordRequired'],
    ['a wrong password on a 2sv account', plain('bob@lab.test', 'guess'), 'authRejected'],
    ['the app password of a 2sv account', plain('bob@lab.test', 'bobapp'), 'ok:app-password'],
    ['a password on an oauth-only account, right or wrong', plain('carol@lab.test', 'carolpw'), 'authRejected'],
    [
      'the token of an oauth-only account',
      { mechanism: 'XOAUTH2', username: 'carol@lab.test', token: 'tok' },
      'ok:token',
    ],
    ['a wrong token', { mechanism: 'XOAUTH2', username: 'carol@lab.test', token: 'x' }, 'xoauth2Rejected+challenge'],
    [
      'a token during a backend failure',
      { mechanism: 'XOAUTH2', username: 'tim@lab.test', token: 'tok2' },
      'authTemporaryFailure',
    ],
    [
      'a CRAM-MD5 digest made with the password',
      { mechanism: 'CRAM-MD5', username: 'alice@lab.test', matches: (s) => s === 'apppw' },
      'ok:password',
    ],
  ];
  for (const [what, attempt, expected] of cases) {
    test(`lab: gmail policy answers ${what} with ${expected}`, () => {
      const v = judgeLogin(gmail, accounts, attempt);
      const got = v.ok ? `ok:${v.via}` : `${v.reply}${v.oauthChallenge ? '+challenge' : ''}`;
      assert.equal(got, expected);
    });
  }
});

describe('lab client config', () => {
  test('lab: the working credential skips accounts that are set up to fail', () => {
    const accounts = ['a@lab.test:x locked', 'b@lab.test:y 2sv app-password=z', 'c@lab.test:w'].map((s) =>
      parseAccount(s),
    );
    assert.deepEqual(workingCredential(accounts), { username: 'b@lab.test', secret: 'z', kind: 'password' });
    assert.deepEqual(workingCredential([parseAccount('t@lab.test token=tok oauth-only')]), {
      username: 't@lab.test',
      secret: 'tok',
      kind: 'token',
    });
    assert.equal(workingCredential([parseAccount('a@lab.test:x locked')]), null);
  });

  test('lab: the client config quotes values for JavaScript and the shell', () => {
    const config = clientConfig(
      [{ security: 'starttls', host: '127.0.0.1', port: 2587, imitates: 587 }],
      [parseAccount(`o'brien@lab.test:"it's \\"x\\""`)],
      '/tmp/lab dir/ca.pem',
    );
    assert.ok(config);
    assert.match(config.nodemailer, /auth: \{ user: 'o\\'brien@lab\.test', pass: 'it\\'s "x"' \}/);
    assert.match(config.nodemailer, /requireTLS: true/);
    assert.equal(
      config.session,
      `SMTP_PASS='it'\\''s "x"' smtp-doctor session 127.0.0.1 --port 2587 --security starttls --user 'o'\\''brien@lab.test' --password-env SMTP_PASS --ca '/tmp/lab dir/ca.pem'`,
    );
  });
});
