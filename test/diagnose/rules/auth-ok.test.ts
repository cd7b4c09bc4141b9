// auth-ok rule: the configured login worked — "nothing to change" only when nothing else the run saw is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { authOk } from '../../../src/diagnose/rules/auth-ok.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { live, observe, pasted, tls, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const ACCEPTED = '235 2.7.0 Authentication successful';
const implicit: SessionSpec = { port: 465, security: 'tls', until: { auth: ACCEPTED } };
const insecure = (acceptedInsecurely: boolean): SessionSpec => ({
  ...implicit,
  tls: tls('implicit', {
    ok: false,
    acceptedInsecurely,
    chainError: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
  }),
});
const refusedSend = (refusedAt: 'mail' | 'rcpt', reply: string): SessionSpec => ({
  port: 587,
  security: 'starttls',
  until: { auth: ACCEPTED },
  send: { from: 'bob@example.org', to: 'carol@example.net', refusedAt, reply },
});

export const cases: RuleCase[] = [
  [
    'a clean login over verified TLS: nothing to change, with the settings that worked',
    live(implicit),
    [
      {
        id: 'auth-ok',
        severity: 'ok',
        confidence: 'high',
        fixes: ['auth-ok.use-settings'],
        deadEnds: [],
        settings: { host: 'mail.example.org', port: 465, security: 'tls', mechanism: 'PLAIN' },
        says: /^The login works\nmail\.example\.org:465 \(implicit TLS\) accepted "alice@example\.org" with PLAIN\.$/,
      },
    ],
  ],
  [
    'a login that went through only with certificate checks off: fix that first',
    live(insecure(true)),
    [
      {
        id: 'auth-ok',
        fixes: ['auth-ok.fix-problems-first'],
        settings: { host: 'mail.example.org', port: 465, security: 'tls', mechanism: 'PLAIN' },
      },
    ],
  ],
  [
    'a login sent in the clear (--allow-plaintext): fix that first',
    live({ port: 587, security: 'none', until: { auth: ACCEPTED } }),
    [{ id: 'auth-ok', fixes: ['auth-ok.fix-problems-first'] }],
  ],
  [
    'a login whose test message was refused at MAIL FROM: fix that first',
    live(refusedSend('mail', '553 5.7.1 Sender address rejected: not owned by user alice@example.org')),
    [{ id: 'auth-ok', fixes: ['auth-ok.fix-problems-first'] }],
  ],
  [
    'a refused login is not this rule’s',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
    [],
  ],
  [
    'a login accepted only on another session of the run: the configured one did not work',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [
      { port: 587, security: 'starttls', until: { auth: ACCEPTED, mechanism: 'LOGIN' } },
    ]),
    [],
  ],
  [
    'a check without credentials: nothing was judged',
    live({ port: 587, security: 'starttls', until: { connected: true } }),
    [],
  ],
  ['pasted text: the reply-signatures rule reads a pasted 235', pasted([observe.reply(ACCEPTED, 'auth')]), []],
  [
    'a password login to Microsoft 365: works today, with the dated Basic-auth retirement statement it relies on',
    live({
      host: 'smtp.office365.com',
      port: 587,
      security: 'starttls',
      until: { auth: ACCEPTED, mechanism: 'LOGIN' },
    }),
    [
      {
        id: 'auth-ok',
        severity: 'ok',
        fixes: ['auth-ok.use-settings', 'auth-ok.plan-oauth-microsoft365'],
      },
    ],
  ],
  [
    'an OAuth login to Microsoft 365: no retirement note',
    live({
      host: 'smtp.office365.com',
      port: 587,
      security: 'starttls',
      until: { auth: ACCEPTED, mechanism: 'XOAUTH2' },
    }),
    [{ id: 'auth-ok', fixes: ['auth-ok.use-settings'] }],
  ],
  [
    'a DIGEST-MD5 login: works, and the mechanism is historic (RFC 6331)',
    live({ ...implicit, until: { auth: ACCEPTED, mechanism: 'DIGEST-MD5' } }),
    [{ id: 'auth-ok', fixes: ['auth-ok.use-settings', 'auth-ok.prefer-current-mechanism'] }],
  ],
];

testRule(authOk, cases);

function fixText(evidence: Evidence): string {
  const [found] = authOk.run(buildContext(evidence));
  return found?.finding.fixes[0]?.text ?? '';
}

test('auth-ok: each problem the run saw is its own sentence in the fix', () => {
  const lead = 'The login works; fix the other problems in this report before relying on these settings.';
  assert.equal(
    fixText(live(insecure(true))),
    `${lead} The certificate did not verify and was accepted only because certificate checks were off.`,
  );
  assert.equal(fixText(live(insecure(false))), `${lead} The certificate did not verify.`);
  assert.equal(
    fixText(live({ port: 587, security: 'none', until: { auth: ACCEPTED } })),
    `${lead} The credentials crossed the network without TLS.`,
  );
  assert.equal(
    fixText(live(refusedSend('rcpt', '550 5.1.1 <carol@example.net>: Recipient address rejected'))),
    `${lead} The server refused a recipient of the test message.`,
  );
  const both = live({ ...insecure(true), security: 'tls', until: { auth: ACCEPTED } });
  const record = both.sessions[0]?.record;
  if (record) record.send = { from: 'bob@example.org', to: ['carol@example.net'], result: 'data-rejected' };
  assert.equal(
    fixText(both),
    `${lead} The certificate did not verify and was accepted only because certificate checks were off. The server refused the test message.`,
  );
});

test('auth-ok: names the known success reply and quotes it', () => {
  const [found] = authOk.run(
    buildContext(live({ ...implicit, host: 'smtp.gmail.com', until: { auth: '235 2.7.0 Accepted' } })),
  );
  assert.equal(found?.finding.signature, 'rfc.auth-succeeded');
  assert.deepEqual(
    found.finding.evidence.map((q) => q.text),
    ['235 2.7.0 Accepted'],
  );
});

test('auth-ok: a user name with control characters is quoted escaped', () => {
  const [found] = authOk.run(
    buildContext(live({ ...implicit, until: { auth: ACCEPTED, username: 'alice\r\n@example.org' } })),
  );
  assert.match(found?.finding.summary ?? '', /accepted "alice\\r\\n@example\.org" with PLAIN/);
});

test('auth-ok: the Microsoft 365 note says which statement its dates come from', () => {
  const [found] = authOk.run(
    buildContext(
      live({
        host: 'smtp.office365.com',
        port: 587,
        security: 'starttls',
        until: { auth: ACCEPTED, mechanism: 'LOGIN' },
      }),
    ),
  );
  const fixText = found?.finding.fixes.find((f) => f.id === 'auth-ok.plan-oauth-microsoft365')?.text ?? '';
  assert.match(fixText, /^Works today, but Microsoft said on 2026-01-29 .* until the end of December 2026/);
  assert.ok(found?.finding.evidence.some((q) => q.text.includes('techcommunity.microsoft.com')));
});
