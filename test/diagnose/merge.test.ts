// Findings that several rules name together: merged by key, advised once, and consistent with one another.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { secretForm } from '../../src/knowledge/secret-shapes.js';
import { diagnose, type Candidate, type Rule } from '../../src/diagnose/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { DeadEnd, Finding, Fix } from '../../src/model/finding.js';
import type { Failure } from '../../src/model/session.js';
import { caps, failure, live, observe, pasted, secret, type SessionSpec } from '../fixtures/evidence.js';

const ADVERTISED = caps([], { starttls: true });
const NOT_ADVERTISED = caps(['PLAIN']);
const starttls = { port: 587, security: 'starttls' as const };

function summary(findings: Finding[]): string {
  return findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`).join(', ');
}

function cut(phase: Failure['phase'], partial?: string): Failure {
  return partial === undefined ? { kind: 'closed', phase } : { kind: 'closed', phase, partial };
}

describe('diagnose: STARTTLS is refused only by a reply', () => {
  const cases: [string, SessionSpec, { first: string; refused: boolean; alsoLost?: boolean }][] = [
    [
      'a connection dropped in the middle of the STARTTLS reply is connection-lost, not a refusal',
      { ...starttls, before: ADVERTISED, until: { failed: cut('starttls', '220 2.0.0 Ready') } },
      { first: 'connection-lost', refused: false },
    ],
    [
      'a server that stops answering STARTTLS is connection-lost (stalled), not a refusal',
      { ...starttls, before: ADVERTISED, until: { failed: failure.timeout('starttls') } },
      { first: 'connection-lost', refused: false },
    ],
    [
      'a 250 to STARTTLS is no go-ahead: a refusal too',
      { ...starttls, until: { starttls: '250 2.0.0 OK' } },
      { first: 'starttls-unavailable', refused: true },
    ],
    [
      'a 454 to an advertised STARTTLS is a refusal',
      { ...starttls, until: { starttls: '454 4.7.0 TLS not available due to local problem' } },
      { first: 'starttls-unavailable', refused: true },
    ],
    [
      'a 502 to an advertised STARTTLS is a refusal',
      { ...starttls, until: { starttls: '502 5.5.1 Unrecognized command' } },
      { first: 'starttls-unavailable', refused: true },
    ],
    [
      'a drop after STARTTLS that EHLO never listed is still not-offered, and the lost connection is reported too',
      { ...starttls, before: NOT_ADVERTISED, until: { failed: cut('starttls') } },
      { first: 'starttls-unavailable', refused: false, alsoLost: true },
    ],
  ];
  for (const [what, spec, expect] of cases) {
    test(`diagnose: ${what}`, () => {
      const findings = diagnose(live(spec));
      assert.equal(findings[0]?.id, expect.first, summary(findings));
      const refusal = findings.find((f) => f.id === 'starttls-unavailable' && f.detail === 'refused');
      assert.equal(refusal !== undefined, expect.refused, summary(findings));
      if (expect.alsoLost)
        assert.ok(
          findings.some((f) => f.id === 'connection-lost'),
          summary(findings),
        );
      for (const f of findings)
        assert.ok(
          f.evidence.every((q) => q.text !== 'STARTTLS not possible'),
          `${f.id} quotes a default string, not what happened`,
        );
    });
  }
});

describe('diagnose: merged findings say each fix and dead end once', () => {
  const saying = (fixes: Fix[], deadEnds: DeadEnd[]): Rule => ({
    id: 'test-rule',
    description: 'a rule for the merge test',
    produces: ['credentials-rejected'],
    run: (): Candidate[] => [
      {
        finding: {
          id: 'credentials-rejected',
          severity: 'error',
          title: 'refused',
          summary: 'refused',
          evidence: [{ text: '535 5.7.8 Authentication failed', source: 'reply' }],
          fixes,
          deadEnds,
          docs: [],
          confidence: 'medium',
        },
        layer: 'auth',
        origin: 'configured',
      },
    ],
  });
  const evidence = pasted([observe.reply('535 5.7.8 Authentication failed', 'auth')]);

  test('diagnose: a fix with the key of an earlier one is dropped, whatever its words', () => {
    const rules = [
      saying([{ id: 'x.check-recipient', text: 'Check the recipient address.' }], []),
      saying(
        [
          { id: 'x.check-recipient', text: 'check the recipient, please' },
          { id: 'x.other', text: 'Send to another recipient.' },
        ],
        [],
      ),
    ];
    const [finding] = diagnose(evidence, rules);
    assert.deepEqual(
      finding?.fixes.map((f) => f.text),
      ['Check the recipient address.', 'Send to another recipient.'],
    );
  });

  test('diagnose: two fixes with different keys both stay, even in the same words', () => {
    const rules = [saying([{ id: 'x.a', text: 'Fix it.' }], []), saying([{ id: 'x.b', text: 'Fix it.' }], [])];
    assert.equal(diagnose(evidence, rules)[0]?.fixes.length, 2);
  });

  test('diagnose: a fix that changes the same settings as an earlier one is dropped', () => {
    const rules = [
      saying([{ id: 'x.a', text: 'Use 465.', settings: { port: 465, security: 'tls' } }], []),
      saying([{ id: 'x.b', text: 'Or 465 with TLS.', settings: { port: 465, security: 'tls' } }], []),
    ];
    assert.deepEqual(
      diagnose(evidence, rules)[0]?.fixes.map((f) => f.id),
      ['x.a'],
    );
  });

  test('diagnose: a dead end about the same attempt keeps its first reason only', () => {
    const rules = [
      saying([], [{ id: 'change-password', text: 'Changing the password', why: 'the server never judged it.' }]),
      saying([], [{ id: 'change-password', text: 'Changing the password', why: 'the login already succeeded.' }]),
    ];
    const [finding] = diagnose(evidence, rules);
    assert.deepEqual(finding?.deadEnds, [
      { id: 'change-password', text: 'Changing the password', why: 'the server never judged it.' },
    ]);
  });
});

describe('diagnose: one refusal read by two rules is advised once', () => {
  test('diagnose: a recipient refused after a working login says "Check the recipient address" once', () => {
    const evidence = live({
      ...starttls,
      until: { auth: '235 2.7.0 Accepted' },
      send: {
        from: 'alice@example.org',
        to: 'bob@example.net',
        refusedAt: 'rcpt',
        reply: '550 5.1.1 Requested action not taken: mailbox unavailable',
      },
    });
    const refused = diagnose(evidence).find((f) => f.id === 'recipient-rejected');
    assert.ok(refused);
    assert.equal(refused.signature, 'rfc.recipient-rejected');
    const checks = refused.fixes.filter((f) => f.text.startsWith('Check the recipient address'));
    assert.equal(checks.length, 1, JSON.stringify(refused.fixes.map((f) => f.text)));
  });

  test('diagnose: Gmail’s XOAUTH2 error challenge and its final 535 give each OAuth fix and dead end once', () => {
    const evidence = live(
      {
        host: 'smtp.gmail.com',
        ...starttls,
        until: {
          auth: '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp',
          mechanism: 'XOAUTH2',
          errorChallenge:
            '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==',
        },
      },
      [],
      { credentials: { username: 'alice@gmail.com', secret: secret('ya29.token', 'token') } },
    );
    const token = diagnose(evidence).find((f) => f.id === 'oauth-token-rejected');
    assert.ok(token);
    const refresh = token.fixes.filter((f) => /refresh the access token/i.test(f.text));
    const bearer = token.deadEnds.filter((d) => /refresh token as/i.test(d.text));
    assert.equal(refresh.length, 1, JSON.stringify(token.fixes.map((f) => f.text)));
    assert.equal(bearer.length, 1, JSON.stringify(token.deadEnds.map((d) => d.text)));
  });
});

describe('diagnose: an app password that is refused is not "create an app password"', () => {
  const icloud = { host: 'smtp.mail.me.com', ...starttls };
  const yahoo = { host: 'smtp.mail.yahoo.com', ...starttls };
  const ICLOUD_535 = '535 5.7.8 Authentication credentials invalid';
  const YAHOO_535 = '535 5.7.0 (#AUTH005) Too many bad auth attempts.';
  const login = (where: typeof icloud, reply: string, value: string): Evidence =>
    live({ ...where, until: { auth: reply, username: 'alice@icloud.com' } }, [], {
      credentials: { username: 'alice@icloud.com', secret: secret(value) },
    });

  const cases: [string, Evidence, { first: string; detail?: string; confidence: Finding['confidence'] }][] = [
    [
      'iCloud refusing a secret in Apple’s xxxx-xxxx-xxxx-xxxx form: the app-specific password is wrong or revoked',
      login(icloud, ICLOUD_535, 'abcd-efgh-ijkl-mnoq'),
      { first: 'credentials-rejected', detail: 'app-password', confidence: 'medium' },
    ],
    [
      'iCloud refusing any other secret: it wants an app-specific password',
      login(icloud, ICLOUD_535, 'My-Apple-Passw0rd'),
      { first: 'app-password-required', confidence: 'medium' },
    ],
    [
      'Yahoo refusing 16 lower-case letters: the app password is wrong or deleted',
      login(yahoo, YAHOO_535, 'abcdefghijklmnoq'),
      { first: 'credentials-rejected', detail: 'app-password', confidence: 'medium' },
    ],
    [
      'Yahoo refusing 16 letters typed in four groups with spaces: the app password is wrong or deleted',
      login(yahoo, YAHOO_535, 'abcd efgh ijkl mnoq'),
      { first: 'credentials-rejected', detail: 'app-password', confidence: 'medium' },
    ],
    [
      'Yahoo refusing any other secret: it wants an app password',
      login(yahoo, YAHOO_535, 'Hunter2!'),
      { first: 'app-password-required', confidence: 'high' },
    ],
    [
      'Yahoo’s reply pasted without the secret: it wants an app password, as before',
      pasted([observe.reply(YAHOO_535, 'auth')]),
      { first: 'app-password-required', confidence: 'high' },
    ],
  ];
  for (const [what, evidence, expect] of cases) {
    test(`diagnose: ${what}`, () => {
      const findings = diagnose(evidence);
      const first = findings[0];
      assert.ok(first, 'no finding');
      assert.equal(first.id, expect.first, summary(findings));
      if (expect.detail !== undefined) assert.equal(first.detail, expect.detail);
      assert.equal(first.confidence, expect.confidence);
      if (expect.detail === 'app-password') {
        assert.ok(!findings.some((f) => f.id === 'app-password-required'), summary(findings));
        assert.ok(
          !findings.some((f) => f.deadEnds.some((d) => /Apple Account password again/.test(d.text))),
          'the dead end tells the user to stop entering the password they did not enter',
        );
      }
    });
  }

  const forms: [string, string | undefined, 'password' | 'token', 'app-password' | 'other' | null][] = [
    ['16 lower-case letters', 'abcdefghijklmnop', 'password', 'app-password'],
    ['four groups of four joined by spaces (Google, Yahoo)', 'abcd efgh ijkl mnop', 'password', 'app-password'],
    ['four groups of four joined by hyphens (Apple)', 'abcd-efgh-ijkl-mnop', 'password', 'app-password'],
    ['upper-case letters in groups', 'ABCD-EFGH-IJKL-MNOP', 'password', 'other'],
    ['digits among the letters', 'abcd-ef1h-ijkl-mnop', 'password', 'other'],
    ['15 letters', 'abcdefghijklmno', 'password', 'other'],
    ['an app password with a trailing newline', 'abcdefghijklmnop\n', 'password', 'other'],
    ['an OAuth token', 'abcdefghijklmnop', 'token', null],
    ['no secret at all', undefined, 'password', null],
  ];
  for (const [what, value, kind, form] of forms)
    test(`secret form: ${what} → ${String(form)}`, () => {
      assert.equal(secretForm(value === undefined ? undefined : secret(value, kind)), form);
    });
});
