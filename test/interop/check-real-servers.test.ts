import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import type { FindingId } from '../../src/model/finding.js';
import type { Report, WorkingSettings } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import type { Security } from '../../src/model/session.js';
import type { Endpoint } from '../../src/probe/plan.js';
import { labCertificates } from '../helpers/certs.js';
import {
  ACCOUNTS,
  cyrusAvailable,
  eximAvailable,
  postfixAvailable,
  skipWithout,
  type ServerLog,
} from './servers/common.js';
import { startExim, type EximInstance } from './servers/exim.js';
import { startPostfixDovecot, type PostfixInstance } from './servers/postfix-dovecot.js';
import { startPostfixCyrus, type PostfixCyrusInstance } from './servers/postfix-cyrus.js';
import { generateLabCertificates } from '../../src/lab/certificates.js';

const [ascii, utf8] = ACCOUNTS;

interface Case {
  name: string;
  port: () => number;
  security: Security;
  user: string;
  password: string;
  mechanism?: string;
  /** Trust no extra CA: the lab certificate becomes an untrusted issuer. */
  untrusted?: boolean;
  first: FindingId;
  signature?: string;
  /** Where the working settings point ("same" = the configured port), and what they prove; null = none. */
  working: { port: () => number; security: Security; proven: WorkingSettings['proven'] } | null;
  /** Failed logins the run cost, as the tool counts them. */
  failed: number;
  /** AUTH commands the server's own log shows for the run, and how many of them it refused. */
  server: { auth: number; failed: number };
  /** SCRAM / DIGEST-MD5: what became of the server's proof that it knows the password. */
  serverSignature?: string;
}

/** A login that works, proven once (on the configured endpoint or an alternative); nothing refused. */
const ONE_LOGIN = { auth: 1, failed: 0 };
/** One refused AUTH and no other: lockout-safe. */
const ONE_REFUSAL = { auth: 1, failed: 1 };
/** No credentials sent at all. */
const NO_AUTH = { auth: 0, failed: 0 };

async function run(c: Case, certs: LabCertificates, alternatives: Endpoint[]): Promise<Report> {
  return check({
    host: '127.0.0.1',
    port: c.port(),
    security: c.security,
    ca: c.untrusted ? [] : [certs.ca.cert],
    timeoutMs: 3_000,
    alternatives,
    credentials: { username: c.user, secret: new Secret(c.password, c.mechanism === 'XOAUTH2' ? 'token' : 'password') },
    ...(c.mechanism ? { mechanism: c.mechanism } : {}),
  });
}

/** Runs the case and checks the report, then what the server itself saw. */
async function runAndCheck(c: Case, certs: LabCertificates, alternatives: Endpoint[], server: ServerLog) {
  const mark = server.mark();
  const report = await run(c, certs, alternatives);
  assertCase(report, c);
  const seen = await server.authSince(mark);
  assert.equal(
    seen.sessions,
    seen.started,
    `every session the server began has ended in its log: ${JSON.stringify(seen)}`,
  );
  assert.deepEqual(
    { auth: seen.auth, failed: seen.failed },
    c.server,
    `the server's log shows ${JSON.stringify(seen)} (sessions: ended, started: begun since the mark)`,
  );
}

function assertCase(report: Report, c: Case): void {
  const summary = report.findings.map((f) => `${f.id}${f.signature ? `[${f.signature}]` : ''}`).join(', ');
  assert.equal(report.findings[0]?.id, c.first, summary);
  if (c.signature)
    assert.ok(
      report.findings.some((f) => f.signature === c.signature),
      summary,
    );
  if (c.working === null) assert.equal(report.working, null);
  else {
    assert.equal(report.working?.port, c.working.port());
    assert.equal(report.working.security, c.working.security);
    assert.equal(report.working.proven, c.working.proven);
  }
  assert.equal(report.evidence.attempts?.failed, c.failed);
  if (c.serverSignature !== undefined)
    assert.equal(report.evidence.sessions[0]?.record.auth?.serverDetails?.serverSignature, c.serverSignature);
  // No secret form in the report: the password, its base64, and (SCRAM, DIGEST-MD5) nothing derived from it.
  const text = JSON.stringify(report);
  for (const form of [c.password, Buffer.from(c.password).toString('base64')])
    assert.ok(c.password.length < 6 || !text.includes(form), 'the report holds the password');
}

describe(
  'check against real Postfix 3.7 + Dovecot 2.3',
  { skip: skipWithout(postfixAvailable(), 'postfix/dovecot not installed') },
  () => {
    let certs: LabCertificates;
    let pf: PostfixInstance;
    let alternatives: Endpoint[];
    before(async () => {
      certs = await labCertificates();
      pf = await startPostfixDovecot(certs.valid);
      alternatives = [
        { port: pf.submissions, security: 'tls' },
        { port: pf.submission, security: 'starttls' },
        { port: pf.noAuth, security: 'starttls' },
      ];
    });
    after(() => pf.stop());

    const submission = (): number => pf.submission;
    const submissions = (): number => pf.submissions;
    const cases: Case[] = [
      {
        name: 'a correct login on submission (STARTTLS) is auth-ok',
        port: submission,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        first: 'auth-ok',
        working: { port: submission, security: 'starttls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'a correct login on submissions (implicit TLS) is auth-ok',
        port: submissions,
        security: 'tls',
        user: ascii.username,
        password: ascii.password,
        first: 'auth-ok',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'LOGIN over implicit TLS is auth-ok',
        port: submissions,
        security: 'tls',
        user: ascii.username,
        password: ascii.password,
        mechanism: 'LOGIN',
        first: 'auth-ok',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'a UTF-8 user and password with LOGIN is auth-ok',
        port: submission,
        security: 'starttls',
        user: utf8.username,
        password: utf8.password,
        mechanism: 'LOGIN',
        first: 'auth-ok',
        working: { port: submission, security: 'starttls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'a wrong password is credentials-rejected (Postfix+Dovecot 535)',
        port: submission,
        security: 'starttls',
        user: ascii.username,
        password: 'wrong',
        first: 'credentials-rejected',
        signature: 'postfix.authentication-failed',
        working: { port: submission, security: 'starttls', proven: 'connection' },
        failed: 1,
        server: ONE_REFUSAL,
      },
      {
        name: 'SCRAM-SHA-256 (RFC 7677) logs in to Dovecot, and Dovecot proves the password back',
        port: submission,
        security: 'starttls',
        user: utf8.username,
        password: utf8.password,
        mechanism: 'SCRAM-SHA-256',
        first: 'auth-ok',
        working: { port: submission, security: 'starttls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
        serverSignature: 'verified',
      },
      {
        name: 'SCRAM-SHA-1 (RFC 5802) logs in to Dovecot',
        port: submissions,
        security: 'tls',
        user: ascii.username,
        password: ascii.password,
        mechanism: 'SCRAM-SHA-1',
        first: 'auth-ok',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
        serverSignature: 'verified',
      },
      {
        name: 'a wrong password with SCRAM-SHA-256 is credentials-rejected',
        port: submission,
        security: 'starttls',
        user: ascii.username,
        password: 'wrong',
        mechanism: 'SCRAM-SHA-256',
        first: 'credentials-rejected',
        working: { port: submission, security: 'starttls', proven: 'connection' },
        failed: 1,
        server: ONE_REFUSAL,
      },
      {
        name: 'a wrong user is credentials-rejected too',
        port: submission,
        security: 'starttls',
        user: 'nobody@lab.test',
        password: 'wrong',
        first: 'credentials-rejected',
        working: { port: submission, security: 'starttls', proven: 'connection' },
        failed: 1,
        server: ONE_REFUSAL,
      },
      {
        name: 'AUTH before STARTTLS (no TLS configured) is auth-requires-tls; the login is proven over TLS',
        port: submission,
        security: 'none',
        user: ascii.username,
        password: ascii.password,
        first: 'auth-requires-tls',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'implicit TLS on submission is tls-mode-mismatch',
        port: submission,
        security: 'tls',
        user: ascii.username,
        password: ascii.password,
        first: 'tls-mode-mismatch',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'STARTTLS on submissions is tls-mode-mismatch',
        port: submissions,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        first: 'tls-mode-mismatch',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        name: 'the port without AUTH is auth-not-offered; the login is proven elsewhere',
        port: () => pf.noAuth,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        first: 'auth-not-offered',
        working: { port: submissions, security: 'tls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
      },
      {
        // Dovecot does not list CRAM-MD5 here: the mechanism is named from the list, and no AUTH goes out.
        name: 'a forced CRAM-MD5 the server does not list is mechanism-unsupported, and no AUTH is sent',
        port: submission,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        mechanism: 'CRAM-MD5',
        first: 'mechanism-unsupported',
        working: { port: submission, security: 'starttls', proven: 'connection' },
        failed: 0,
        server: NO_AUTH,
      },
      {
        name: 'an untrusted certificate is certificate-invalid and no password is sent',
        port: submission,
        security: 'starttls',
        user: ascii.username,
        password: ascii.password,
        untrusted: true,
        first: 'certificate-invalid',
        working: null,
        failed: 0,
        server: NO_AUTH,
      },
    ];
    for (const c of cases) {
      test(`interop postfix: ${c.name}`, async () => {
        await runAndCheck(c, certs, alternatives, pf);
      });
    }
  },
);

describe('check against real Exim 4.96', { skip: skipWithout(eximAvailable(), 'exim not installed') }, () => {
  let certs: LabCertificates;
  let exim: EximInstance;
  let alternatives: Endpoint[];
  before(async () => {
    certs = await labCertificates();
    exim = await startExim(certs.valid);
    alternatives = [
      { port: exim.implicit, security: 'tls' },
      { port: exim.starttls, security: 'starttls' },
    ];
  });
  after(() => exim.stop());

  const starttls = (): number => exim.starttls;
  const implicit = (): number => exim.implicit;
  const cases: Case[] = [
    {
      name: 'PLAIN over STARTTLS is auth-ok',
      port: starttls,
      security: 'starttls',
      user: ascii.username,
      password: ascii.password,
      first: 'auth-ok',
      working: { port: starttls, security: 'starttls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'CRAM-MD5 with a UTF-8 user and password is auth-ok',
      port: starttls,
      security: 'starttls',
      user: utf8.username,
      password: utf8.password,
      mechanism: 'CRAM-MD5',
      first: 'auth-ok',
      working: { port: starttls, security: 'starttls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'LOGIN over implicit TLS is auth-ok',
      port: implicit,
      security: 'tls',
      user: utf8.username,
      password: utf8.password,
      mechanism: 'LOGIN',
      first: 'auth-ok',
      working: { port: implicit, security: 'tls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'PLAIN over implicit TLS is auth-ok',
      port: implicit,
      security: 'tls',
      user: ascii.username,
      password: ascii.password,
      mechanism: 'PLAIN',
      first: 'auth-ok',
      working: { port: implicit, security: 'tls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'CRAM-MD5 over implicit TLS is auth-ok',
      port: implicit,
      security: 'tls',
      user: utf8.username,
      password: utf8.password,
      mechanism: 'CRAM-MD5',
      first: 'auth-ok',
      working: { port: implicit, security: 'tls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'a wrong password is credentials-rejected (Exim 535)',
      port: starttls,
      security: 'starttls',
      user: ascii.username,
      password: 'wrong',
      first: 'credentials-rejected',
      signature: 'exim.incorrect-authentication-data',
      working: { port: starttls, security: 'starttls', proven: 'connection' },
      failed: 1,
      server: ONE_REFUSAL,
    },
    {
      name: 'a wrong user is credentials-rejected too',
      port: starttls,
      security: 'starttls',
      user: 'nobody@lab.test',
      password: 'wrong',
      first: 'credentials-rejected',
      working: { port: starttls, security: 'starttls', proven: 'connection' },
      failed: 1,
      server: ONE_REFUSAL,
    },
    {
      name: 'AUTH before STARTTLS is auth-requires-tls; the login is proven over TLS',
      port: starttls,
      security: 'none',
      user: ascii.username,
      password: ascii.password,
      first: 'auth-requires-tls',
      working: { port: implicit, security: 'tls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'implicit TLS on the STARTTLS port is tls-mode-mismatch',
      port: starttls,
      security: 'tls',
      user: ascii.username,
      password: ascii.password,
      first: 'tls-mode-mismatch',
      working: { port: implicit, security: 'tls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      name: 'STARTTLS on the implicit-TLS port is tls-mode-mismatch',
      port: implicit,
      security: 'starttls',
      user: ascii.username,
      password: ascii.password,
      first: 'tls-mode-mismatch',
      working: { port: implicit, security: 'tls', proven: 'login' },
      failed: 0,
      server: ONE_LOGIN,
    },
    {
      // Exim does not list XOAUTH2: no AUTH goes out (it used to, and Exim answered 504).
      name: 'a forced XOAUTH2 the server does not list is mechanism-unsupported, and no AUTH is sent',
      port: starttls,
      security: 'starttls',
      user: ascii.username,
      password: 'token',
      mechanism: 'XOAUTH2',
      first: 'mechanism-unsupported',
      working: { port: starttls, security: 'starttls', proven: 'connection' },
      failed: 0,
      server: NO_AUTH,
    },
    {
      name: 'an untrusted certificate after STARTTLS is certificate-invalid and no password is sent',
      port: starttls,
      security: 'starttls',
      user: ascii.username,
      password: ascii.password,
      untrusted: true,
      first: 'certificate-invalid',
      working: null,
      failed: 0,
      server: NO_AUTH,
    },
    {
      name: 'an untrusted certificate is certificate-invalid and no password is sent',
      port: implicit,
      security: 'tls',
      user: ascii.username,
      password: ascii.password,
      untrusted: true,
      first: 'certificate-invalid',
      working: null,
      failed: 0,
      server: NO_AUTH,
    },
  ];
  for (const c of cases) {
    test(`interop exim: ${c.name}`, async () => {
      await runAndCheck(c, certs, alternatives, exim);
    });
  }
});

describe(
  'check against real Postfix 3.7 + Cyrus SASL 2.1 (DIGEST-MD5)',
  { skip: skipWithout(cyrusAvailable(), 'postfix/cyrus sasl not installed') },
  () => {
    let certs: LabCertificates;
    let pf: PostfixCyrusInstance;
    before(async () => {
      certs = await labCertificates();
      pf = await startPostfixCyrus(certs.valid, (await generateLabCertificates(['127.0.0.1'])).valid);
    });
    after(() => pf.stop());
    const submission = (): number => pf.submission;
    const cases: Case[] = [
      {
        name: 'DIGEST-MD5 (RFC 2831) logs in, and Cyrus proves the password back with rspauth',
        port: submission,
        security: 'starttls',
        user: utf8.username,
        password: utf8.password,
        mechanism: 'DIGEST-MD5',
        first: 'auth-ok',
        working: { port: submission, security: 'starttls', proven: 'login' },
        failed: 0,
        server: ONE_LOGIN,
        serverSignature: 'verified',
      },
      {
        name: 'a wrong password with DIGEST-MD5 is credentials-rejected',
        port: submission,
        security: 'starttls',
        user: ascii.username,
        password: 'wrong',
        mechanism: 'DIGEST-MD5',
        first: 'credentials-rejected',
        working: { port: submission, security: 'starttls', proven: 'connection' },
        failed: 1,
        server: ONE_REFUSAL,
      },
    ];
    for (const c of cases) {
      test(`interop cyrus: ${c.name}`, async () => {
        await runAndCheck(c, certs, [], pf);
      });
    }
  },
);
