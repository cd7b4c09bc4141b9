import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { Secret } from '../../src/model/secret.js';
import type { Security } from '../../src/model/session.js';
import { runSession } from '../../src/transport/session.js';
import { labCertificates } from '../helpers/certs.js';
import { ACCOUNTS, eximAvailable, postfixAvailable, skipWithout } from './servers/common.js';
import { startExim, type EximInstance } from './servers/exim.js';
import { startPostfixDovecot, type PostfixInstance } from './servers/postfix-dovecot.js';

const [ascii, utf8] = ACCOUNTS;

interface Case {
  name: string;
  port: () => number;
  security: Security;
  user: string;
  password: string;
  mechanism?: string;
  outcome: string;
  reply?: string;
}

async function run(c: Case, certs: LabCertificates) {
  return runSession({
    host: '127.0.0.1',
    port: c.port(),
    security: c.security,
    ca: [certs.ca.cert],
    timeoutMs: 5_000,
    credentials: { username: c.user, secret: new Secret(c.password) },
    ...(c.mechanism ? { mechanism: c.mechanism } : {}),
  });
}

describe(
  'session against real Postfix 3.7 + Dovecot 2.3',
  { skip: skipWithout(postfixAvailable(), 'postfix/dovecot not installed') },
  () => {
    let certs: LabCertificates;
    let pf: PostfixInstance;
    before(async () => {
      certs = await labCertificates();
      pf = await startPostfixDovecot(certs.valid);
    });
    after(() => pf.stop());

    const cases: Case[] = [
      {
        name: 'logs in on submission (STARTTLS)',
        port: () => pf.submission,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        outcome: 'authenticated',
        reply: '235 2.7.0 Authentication successful',
      },
      {
        name: 'logs in with a UTF-8 user and a password with spaces and a colon',
        port: () => pf.submission,
        security: 'starttls',
        user: utf8.username,
        password: utf8.password,
        outcome: 'authenticated',
      },
      {
        name: 'logs in with LOGIN on submissions (implicit TLS)',
        port: () => pf.submissions,
        security: 'tls',
        user: utf8.username,
        password: utf8.password,
        mechanism: 'LOGIN',
        outcome: 'authenticated',
      },
      {
        name: 'a wrong password gets Postfix+Dovecot 535',
        port: () => pf.submission,
        security: 'starttls',
        user: ascii.username,
        password: 'wrong',
        outcome: 'auth-rejected',
        reply: '535 5.7.8 Error: authentication failed: (reason unavailable)',
      },
      {
        name: 'a wrong user gets the same 535',
        port: () => pf.submission,
        security: 'starttls',
        user: 'nobody@lab.test',
        password: 'wrong',
        outcome: 'auth-rejected',
        reply: '535 5.7.8 Error: authentication failed: (reason unavailable)',
      },
      {
        name: 'the no-AUTH port offers no AUTH even after TLS',
        port: () => pf.noAuth,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        outcome: 'stopped',
      },
    ];
    for (const c of cases) {
      test(`postfix: ${c.name}`, async () => {
        const record = await run(c, certs);
        assert.equal(record.outcome, c.outcome, JSON.stringify(record.steps.at(-1)));
        if (c.reply) assert.equal(record.auth?.reply?.raw.join('\n'), c.reply);
      });
    }

    test('postfix: offers AUTH only after STARTTLS on submission', async () => {
      const record = await runSession({
        host: '127.0.0.1',
        port: pf.submission,
        security: 'starttls',
        ca: [certs.ca.cert],
      });
      assert.deepEqual(record.capabilities.beforeTls?.auth, []);
      assert.deepEqual(record.capabilities.afterTls?.auth, ['PLAIN', 'LOGIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256']);
    });
  },
);

describe('session against real Exim 4.96', { skip: skipWithout(eximAvailable(), 'exim not installed') }, () => {
  let certs: LabCertificates;
  let exim: EximInstance;
  before(async () => {
    certs = await labCertificates();
    exim = await startExim(certs.valid);
  });
  after(() => exim.stop());

  const cases: Case[] = [
    {
      name: 'logs in with PLAIN over STARTTLS',
      port: () => exim.starttls,
      security: 'starttls',
      user: ascii.username,
      password: ascii.password,
      outcome: 'authenticated',
      reply: '235 Authentication succeeded',
    },
    {
      name: 'logs in with CRAM-MD5 and a UTF-8 password over implicit TLS',
      port: () => exim.implicit,
      security: 'tls',
      user: utf8.username,
      password: utf8.password,
      mechanism: 'CRAM-MD5',
      outcome: 'authenticated',
    },
    {
      name: 'logs in with LOGIN',
      port: () => exim.starttls,
      security: 'starttls',
      user: utf8.username,
      password: utf8.password,
      mechanism: 'LOGIN',
      outcome: 'authenticated',
    },
    {
      name: 'a wrong password gets Exim 535 without an enhanced code',
      port: () => exim.starttls,
      security: 'starttls',
      user: ascii.username,
      password: 'wrong',
      outcome: 'auth-rejected',
      reply: '535 Incorrect authentication data',
    },
  ];
  for (const c of cases) {
    test(`exim: ${c.name}`, async () => {
      const record = await run(c, certs);
      assert.equal(record.outcome, c.outcome, JSON.stringify(record.steps.at(-1)));
      if (c.reply) assert.equal(record.auth?.reply?.raw.join('\n'), c.reply);
    });
  }

  test('exim: offers AUTH PLAIN LOGIN CRAM-MD5 only after TLS', async () => {
    const record = await runSession({
      host: '127.0.0.1',
      port: exim.starttls,
      security: 'starttls',
      ca: [certs.ca.cert],
    });
    assert.deepEqual(record.capabilities.beforeTls?.auth, []);
    assert.deepEqual(record.capabilities.afterTls?.auth, ['PLAIN', 'LOGIN', 'CRAM-MD5']);
  });
});
