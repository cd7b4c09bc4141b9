import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAccount } from '../../src/lab/accounts.js';
import { workingCredential } from '../../src/lab/client-config.js';
import type { Lab } from '../../src/lab/index.js';
import { PERSONAS } from '../../src/lab/personas/index.js';
import type { ReplyKey } from '../../src/lab/personas/types.js';
import { advertisedMechanisms, replyFor, replyLines } from '../../src/lab/replies.js';
import { Secret } from '../../src/model/secret.js';
import type { SessionRecord } from '../../src/model/session.js';
import { runSession, type SessionOptions } from '../../src/transport/session.js';
import { nothing, RawClient, templateRegex, withLab } from '../helpers/lab.js';

interface Login {
  user: string;
  secret: string;
  token?: boolean;
  security?: 'starttls' | 'tls' | 'none';
  mechanism?: string;
  initialResponse?: boolean;
}

function login(lab: Lab, l: Login): Promise<SessionRecord> {
  const security = l.security ?? (lab.ports.starttls !== undefined ? 'starttls' : 'tls');
  const port = security === 'tls' ? lab.ports.tls : lab.ports.starttls;
  assert.ok(port, `the lab has a ${security} listener`);
  const options: SessionOptions = {
    host: '127.0.0.1',
    port,
    security,
    ca: [lab.ca],
    credentials: { username: l.user, secret: new Secret(l.secret, l.token ? 'token' : 'password') },
    timeoutMs: 3000,
    deadlineMs: 10_000,
    allowPlaintext: security === 'none',
  };
  if (l.mechanism) options.mechanism = l.mechanism;
  if (l.initialResponse !== undefined) options.initialResponse = l.initialResponse;
  return runSession(options);
}

/** A forced mechanism the server does not list: no AUTH line went out, and the step says why. */
function notOffered(record: SessionRecord): void {
  const auth = record.steps.find((s) => s.step === 'auth');
  assert.equal(auth?.reason, 'mechanism-not-offered');
  assert.ok(!record.transcript.some((e) => e.dir === 'client' && e.text.startsWith('AUTH')));
}

/**
 * The raw lines of a reply match the persona's template for `key` (placeholders filled with anything): the answer to
 * the login, or to AUTH asked without credentials where the server lists none (the session's probe).
 */
function assertReply(record: SessionRecord, lab: Lab, key: ReplyKey): void {
  const raw = record.auth?.reply?.raw ?? record.authProbe?.reply?.raw;
  assert.ok(raw, `an AUTH reply was received (outcome ${record.outcome}, ${record.stopReason ?? ''})`);
  const expected = replyLines(replyFor(lab.persona, key).reply);
  assert.equal(raw.length, expected.length, `${key}: ${raw.join(' | ')}`);
  expected.forEach((line, i) => assert.match(raw[i] ?? '', templateRegex(line), `${key} line ${i + 1}`));
}

describe('lab personas on the wire (runSession)', () => {
  for (const persona of PERSONAS) {
    for (const listener of persona.imitates.listeners) {
      test(`lab: ${persona.id} persona logs in its working sample account over ${listener.security} and shows its EHLO before and after TLS`, async () => {
        await withLab({ persona: persona.id }, async (lab) => {
          const credential = workingCredential(lab.accounts);
          assert.ok(credential);
          const record = await login(lab, {
            user: credential.username,
            secret: credential.secret,
            token: credential.kind === 'token',
            security: listener.security,
            ...(credential.kind === 'token' ? { mechanism: 'XOAUTH2' } : {}),
          });
          assert.equal(record.outcome, 'authenticated', record.stopReason);
          assert.match(
            record.greeting?.raw.join('\n') ?? '',
            templateRegex(replyFor(persona, 'greeting').reply.replace(/\r\n/g, '\n')),
          );
          assert.deepEqual(
            record.capabilities.afterTls?.auth,
            advertisedMechanisms(replyFor(persona, 'ehloAfterTls').reply),
          );
          if (listener.security === 'starttls')
            assert.deepEqual(
              record.capabilities.beforeTls?.auth,
              advertisedMechanisms(replyFor(persona, 'ehlo').reply),
            );
        });
      });
    }

    test(`lab: ${persona.id} persona refuses a wrong password with its own exact reply`, async () => {
      await withLab({ persona: persona.id }, async (lab) => {
        const credential = workingCredential(lab.accounts.filter((a) => a.password !== undefined));
        assert.ok(credential);
        const record = await login(lab, { user: credential.username, secret: `${credential.secret}-wrong` });
        assert.equal(record.outcome, 'auth-rejected');
        const key = record.auth?.mechanism === 'LOGIN' ? 'authRejectedLogin' : 'authRejected';
        assertReply(record, lab, lab.persona.replies[key] ? key : 'authRejected');
        assert.equal(lab.failedLogins, 1);
      });
    });
  }
});

interface Case {
  title: string;
  persona: string;
  accounts?: string[];
  login: Login;
  outcome: SessionRecord['outcome'];
  reply?: ReplyKey;
  check?: (record: SessionRecord) => void;
}

const CASES: Case[] = [
  {
    title: 'gmail: the account password of a 2-Step Verification account gets 534-5.7.9 app password required',
    persona: 'gmail',
    login: { user: 'bob@lab.test', secret: 'bobs-google-password' },
    outcome: 'auth-rejected',
    reply: 'appPasswordRequired',
  },
  {
    title: 'gmail: the app password of that account logs in',
    persona: 'gmail',
    login: { user: 'bob@lab.test', secret: 'qrstuvwxyzabcdef' },
    outcome: 'authenticated',
  },
  {
    title: 'gmail: user names are addresses, compared without case',
    persona: 'gmail',
    login: { user: 'Alice@Lab.Test', secret: 'abcdefghijklmnop' },
    outcome: 'authenticated',
  },
  {
    title:
      'gmail: AUTH before STARTTLS (asked without credentials: no AUTH is listed) gets the three-line 530 5.7.0 Must issue a STARTTLS command first',
    persona: 'gmail',
    login: { user: 'alice@lab.test', secret: 'abcdefghijklmnop', security: 'none', mechanism: 'PLAIN' },
    outcome: 'stopped',
    reply: 'tlsRequired',
  },
  {
    title: 'gmail: an expired XOAUTH2 token gets the base64 JSON error challenge, then 535-5.7.8 after the empty line',
    persona: 'gmail',
    login: { user: 'carol@lab.test', secret: 'ya29.expired', token: true, mechanism: 'XOAUTH2' },
    outcome: 'auth-rejected',
    reply: 'xoauth2Rejected',
    check: (r) => {
      assert.equal(r.auth?.challenges, 1);
      assert.deepEqual(r.auth.serverDetails, { status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' });
    },
  },
  {
    title: 'gmail: a good XOAUTH2 token logs in an oauth-only account',
    persona: 'gmail',
    login: { user: 'carol@lab.test', secret: 'ya29.lab-carol-token', token: true, mechanism: 'XOAUTH2' },
    outcome: 'authenticated',
  },
  {
    title: 'gmail: a password on an oauth-only account gets 535-5.7.8 BadCredentials',
    persona: 'gmail',
    accounts: ['carol@lab.test:carols-password oauth-only token=t'],
    login: { user: 'carol@lab.test', secret: 'carols-password' },
    outcome: 'auth-rejected',
    reply: 'authRejected',
  },
  {
    title: 'gmail: a blocked sign-in gets the five-line 534-5.7.14 with the continue URL',
    persona: 'gmail',
    accounts: ['dan@lab.test:dans-password signin-blocked'],
    login: { user: 'dan@lab.test', secret: 'dans-password' },
    outcome: 'auth-rejected',
    reply: 'signinBlocked',
  },
  {
    title: 'gmail: web-login-required gets the three-line 534-5.7.9 WebLoginRequired',
    persona: 'gmail',
    accounts: ['dan@lab.test:dans-password web-login-required'],
    login: { user: 'dan@lab.test', secret: 'dans-password' },
    outcome: 'auth-rejected',
    reply: 'webLoginRequired',
  },
  {
    title: 'gmail: a wrong password over AUTH LOGIN gets the same 535-5.7.8 BadCredentials as over PLAIN',
    persona: 'gmail',
    login: { user: 'alice@lab.test', secret: 'not-the-app-password', mechanism: 'LOGIN' },
    outcome: 'auth-rejected',
    check: (r) => assert.match(r.auth?.reply?.raw[0] ?? '', /^535-5\.7\.8 Username and Password not accepted\./),
  },
  {
    title: 'gmail: CRAM-MD5, which Gmail does not list, gets no AUTH at all (the list is the answer)',
    persona: 'gmail',
    login: { user: 'alice@lab.test', secret: 'abcdefghijklmnop', mechanism: 'CRAM-MD5' },
    outcome: 'stopped',
    check: notOffered,
  },
  {
    title: 'microsoft365: LOGIN is the only password mechanism and works after STARTTLS',
    persona: 'microsoft365',
    login: { user: 'alice@lab.test', secret: 'lab-password-1' },
    outcome: 'authenticated',
    check: (r) => assert.equal(r.auth?.mechanism, 'LOGIN'),
  },
  {
    title:
      'microsoft365: basic-auth-disabled refuses the right password with 535 5.7.139 basic authentication is disabled',
    persona: 'microsoft365',
    login: { user: 'bob@lab.test', secret: 'lab-password-2' },
    outcome: 'auth-rejected',
    reply: 'basicAuthDisabled',
  },
  {
    title: 'microsoft365: the same account logs in with its XOAUTH2 token',
    persona: 'microsoft365',
    login: { user: 'bob@lab.test', secret: 'eyJ0eXAiOi.lab-bob-token', token: true, mechanism: 'XOAUTH2' },
    outcome: 'authenticated',
  },
  {
    title: 'microsoft365: a bad token gets 535 5.7.3 at once, without an error challenge',
    persona: 'microsoft365',
    login: { user: 'bob@lab.test', secret: 'eyJ.bad', token: true, mechanism: 'XOAUTH2' },
    outcome: 'auth-rejected',
    reply: 'xoauth2Rejected',
    check: (r) => assert.equal(r.auth?.challenges, 0),
  },
  {
    title: 'microsoft365: SMTP AUTH disabled for the tenant refuses even a good password with 535 5.7.139 …Tenant',
    persona: 'microsoft365',
    login: { user: 'dora@lab.test', secret: 'lab-password-3' },
    outcome: 'auth-rejected',
    reply: 'smtpAuthDisabledTenant',
  },
  {
    title: 'microsoft365: security defaults refuse a password with 535 5.7.139 …security defaults policy',
    persona: 'microsoft365',
    accounts: ['erin@lab.test:pw security-defaults'],
    login: { user: 'erin@lab.test', secret: 'pw' },
    outcome: 'auth-rejected',
    reply: 'securityDefaults',
  },
  {
    title: 'microsoft365: a locked account gets 535 5.7.139 …account locked',
    persona: 'microsoft365',
    accounts: ['erin@lab.test:pw locked'],
    login: { user: 'erin@lab.test', secret: 'wrong-or-not' },
    outcome: 'auth-rejected',
    reply: 'accountLocked',
  },
  {
    title: 'ses: AUTH is listed before TLS but refused there with 530 Must issue a STARTTLS command first',
    persona: 'ses',
    login: { user: 'AKIALABEXAMPLE000001', secret: 'x', security: 'none', mechanism: 'PLAIN' },
    outcome: 'auth-rejected',
    reply: 'authBeforeTls',
    check: (r) => assert.deepEqual(r.capabilities.beforeTls?.auth, ['PLAIN', 'LOGIN']),
  },
  {
    title: 'ses: credentials of an account not signed up for SES get 535 Account not subscribed to SES',
    persona: 'ses',
    login: { user: 'AKIALABEXAMPLE000002', secret: 'BLabSmtpPassword2xxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
    outcome: 'auth-rejected',
    reply: 'notSubscribed',
  },
  {
    title: 'sendgrid: any user name but apikey gets 535 Authentication failed: Bad username / password',
    persona: 'sendgrid',
    login: { user: 'alice@lab.test', secret: 'SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789' },
    outcome: 'auth-rejected',
    reply: 'authRejected',
  },
  {
    title: 'sendgrid: AUTH works before TLS, as the real relay allows',
    persona: 'sendgrid',
    login: { user: 'apikey', secret: 'SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789', security: 'none' },
    outcome: 'authenticated',
  },
  {
    title:
      'postfix-dovecot: AUTH before STARTTLS (asked without credentials: no AUTH is listed) gets 530 5.7.0 Must issue a STARTTLS command first',
    persona: 'postfix-dovecot',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', security: 'none', mechanism: 'PLAIN' },
    outcome: 'stopped',
    reply: 'tlsRequired',
  },
  {
    title: 'postfix-dovecot: a mechanism Dovecot does not list gets no AUTH at all (the list is the answer)',
    persona: 'postfix-dovecot',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', mechanism: 'CRAM-MD5' },
    outcome: 'stopped',
    check: notOffered,
  },
  {
    title:
      'exim: AUTH before STARTTLS (asked without credentials: no AUTH is listed) gets 503 AUTH command used when not advertised',
    persona: 'exim',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', security: 'none', mechanism: 'PLAIN' },
    outcome: 'stopped',
    reply: 'authBeforeTls',
  },
  {
    title: 'exim: an unoffered mechanism gets no AUTH at all (the list is the answer)',
    persona: 'exim',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', mechanism: 'CRAM-MD5' },
    outcome: 'stopped',
    check: notOffered,
  },
  {
    title: 'exchange: LOGIN before STARTTLS, where Exchange lists only GSSAPI NTLM, gets no AUTH at all',
    persona: 'exchange',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', security: 'none', mechanism: 'LOGIN' },
    outcome: 'stopped',
    check: notOffered,
  },
  {
    title: 'yahoo: the account password gets 535 5.7.0 (#AUTH005) Too many bad auth attempts on the first try',
    persona: 'yahoo',
    login: { user: 'bob@lab.test', secret: 'bobs-yahoo-password', security: 'tls' },
    outcome: 'auth-rejected',
    reply: 'authRejected',
  },
  {
    title: 'yahoo: AUTH PLAIN without an initial response is prompted with 334 UGxhaW46',
    persona: 'yahoo',
    login: {
      user: 'alice@lab.test',
      secret: 'labapppasswordxx',
      security: 'tls',
      mechanism: 'PLAIN',
      initialResponse: false,
    },
    outcome: 'authenticated',
    check: (r) => assert.ok(r.transcript.some((e) => e.dir === 'server' && e.text === '334 UGxhaW46')),
  },
  {
    title: 'postmark: a wrong LOGIN gets the Postfix-style 535 5.7.8 …failed: UGFzc3dvcmQ6',
    persona: 'postmark',
    login: { user: 'x', secret: 'y', mechanism: 'LOGIN' },
    outcome: 'auth-rejected',
    check: (r) => assert.deepEqual(r.auth?.reply?.raw, ['535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6']),
  },
  {
    title: 'mailgun: AUTH PLAIN without an initial response is prompted with 334 Go ahead, before TLS too',
    persona: 'mailgun',
    login: {
      user: 'postmaster@mg.lab.test',
      secret: 'lab-smtp-credential-password',
      security: 'none',
      mechanism: 'PLAIN',
      initialResponse: false,
    },
    outcome: 'authenticated',
    check: (r) => assert.ok(r.transcript.some((e) => e.dir === 'server' && e.text === '334 Go ahead')),
  },
  {
    title: 'icloud: the Apple Account password of a 2SV account is refused; the app-specific password works',
    persona: 'icloud',
    login: { user: 'bob@lab.test', secret: 'bobs-apple-account-password' },
    outcome: 'auth-rejected',
    reply: 'authRejected',
  },
  {
    title: 'plain: CRAM-MD5 logs in without sending the password',
    persona: 'plain',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', mechanism: 'CRAM-MD5' },
    outcome: 'authenticated',
  },
  {
    title: "plain: CRAM-MD5 with a wrong password is refused with smtp-server's 535",
    persona: 'plain',
    login: { user: 'alice@lab.test', secret: 'nope', mechanism: 'CRAM-MD5' },
    outcome: 'auth-rejected',
    reply: 'authRejected',
  },
  {
    title: 'plain: LOGIN in plaintext works on the permissive server',
    persona: 'plain',
    login: { user: 'alice@lab.test', secret: 'lab-password-1', mechanism: 'LOGIN', security: 'none' },
    outcome: 'authenticated',
  },
  {
    title: 'plain: a temp-failure account gets 454 4.7.0, correct password or not',
    persona: 'plain',
    accounts: ['tom@lab.test:pw temp-failure'],
    login: { user: 'tom@lab.test', secret: 'pw' },
    outcome: 'auth-rejected',
    reply: 'authTemporaryFailure',
  },
];

describe('lab persona behaviours', () => {
  for (const c of CASES) {
    test(`lab: ${c.title}`, async () => {
      await withLab({ persona: c.persona, ...(c.accounts ? { accounts: c.accounts } : {}) }, async (lab) => {
        const record = await login(lab, c.login);
        assert.equal(
          record.outcome,
          c.outcome,
          `${record.stopReason ?? ''} ${record.auth?.reply?.raw.join(' | ') ?? ''}`,
        );
        if (c.reply) assertReply(record, lab, c.reply);
        c.check?.(record);
      });
    });
  }

  // smtp-doctor sends no AUTH with a mechanism the server does not list, so the personas' answers to one are read with a
  // raw client: they stay what a client that forces the mechanism meets.
  const UNLISTED: { persona: string; tls: boolean; command: string; reply: { key: ReplyKey } | { raw: string } }[] = [
    { persona: 'gmail', tls: true, command: 'AUTH CRAM-MD5', reply: { key: 'authUnrecognized' } },
    {
      persona: 'postfix-dovecot',
      tls: true,
      command: 'AUTH CRAM-MD5',
      reply: { raw: '535 5.7.8 Error: authentication failed: Invalid authentication mechanism' },
    },
    {
      persona: 'exim',
      tls: true,
      command: 'AUTH CRAM-MD5',
      reply: { raw: '504 CRAM-MD5 authentication mechanism not supported' },
    },
    { persona: 'exchange', tls: false, command: 'AUTH LOGIN', reply: { key: 'authBeforeTls' } },
  ];
  for (const c of UNLISTED)
    test(`lab: ${c.persona} answers ${c.command} ${c.tls ? 'after' : 'before'} STARTTLS, unlisted there, as the real server does (raw client)`, async () => {
      await withLab({ persona: c.persona }, async (lab) => {
        const client = await RawClient.connect(lab.ports.starttls ?? 0);
        try {
          await client.reply();
          await client.send('EHLO client.test');
          if (c.tls) {
            await client.send('STARTTLS');
            await client.startTls(lab.ca);
            await client.send('EHLO client.test');
          }
          const raw = (await client.send(c.command)).replace(/\r\n$/, '').split('\r\n');
          const expected = 'raw' in c.reply ? [c.reply.raw] : replyLines(replyFor(lab.persona, c.reply.key).reply);
          assert.equal(raw.length, expected.length, raw.join(' | '));
          expected.forEach((line, i) => assert.match(raw[i] ?? '', templateRegex(line)));
        } finally {
          client.destroy();
        }
      });
    });

  test('lab: a SendGrid lab refuses to start with an account that is not apikey', async () => {
    await assert.rejects(
      withLab({ persona: 'sendgrid', accounts: ['alice:SG.x'] }, nothing),
      /accepts only the user name "apikey"/,
    );
  });

  test('lab: a flag the persona has no sourced reply for is refused at start, with the flags it has', async () => {
    await assert.rejects(
      withLab({ persona: 'gmail', accounts: ['alice@lab.test:x locked'] }, nothing),
      /gmail persona has no sourced reply for the flag locked \(its flags: 2sv, /,
    );
  });

  test('lab: an account spec parses into the account the policy uses', () => {
    assert.deepEqual(parseAccount('bob@lab.test:pw 2sv app-password=abc'), {
      username: 'bob@lab.test',
      password: 'pw',
      appPassword: 'abc',
      flags: ['2sv'],
    });
  });
});
