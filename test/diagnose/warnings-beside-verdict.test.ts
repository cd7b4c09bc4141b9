// Warnings beside the verdict: a secret sent in the clear is reported whatever the verdict, and auth-ok says "nothing
// to change" only when nothing else is wrong.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveWorking, diagnose } from '../../src/diagnose/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { Finding } from '../../src/model/finding.js';
import { live, tls, withClientLines } from '../fixtures/evidence.js';

function ids(findings: Finding[]): string[] {
  return findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`);
}

function byId(findings: Finding[], id: string): Finding {
  const found = findings.find((f) => f.id === id);
  assert.ok(found, `${id} in ${ids(findings).join(', ')}`);
  return found;
}

const PLAIN_LINE = 'AUTH PLAIN [base64 of user "alice@example.org" and password: 14 characters, lowercase]';
const SES = { host: 'email-smtp.us-east-1.amazonaws.com' };

describe('credentials-sent-in-clear: whenever a secret crossed without TLS, whatever the verdict', () => {
  const cases: [string, Evidence, { warns: boolean; first?: string }][] = [
    [
      'a login accepted without TLS',
      live({ port: 587, security: 'none', until: { auth: '235 2.7.0 Authentication successful' } }),
      // The verdict is ok: the working login is the root finding, the warning follows it.
      { warns: true, first: 'auth-ok' },
    ],
    [
      'a wrong password refused without TLS: the refusal stays the root cause',
      withClientLines(
        live({ port: 2525, security: 'none', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
        [{ secret: PLAIN_LINE }],
      ),
      { warns: true, first: 'credentials-rejected' },
    ],
    [
      'SES answering 530 after AUTH PLAIN went out in the clear',
      withClientLines(
        live({
          ...SES,
          port: 587,
          security: 'none',
          until: { auth: '530 Must issue a STARTTLS command first', username: 'AKIALABEXAMPLE000001' },
        }),
        [{ secret: PLAIN_LINE }],
      ),
      { warns: true, first: 'auth-requires-tls' },
    ],
    [
      'a refusal recorded without the client lines (a trimmed saved report): PLAIN’s initial response carried it',
      live({ port: 2525, security: 'none', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
      { warns: true, first: 'credentials-rejected' },
    ],
  ];
  for (const [what, evidence, expected] of cases)
    test(`plaintext-login: ${what} ${expected.warns ? 'warns' : 'does not warn'}`, () => {
      const findings = diagnose(evidence);
      const warning = findings.find((f) => f.id === 'credentials-sent-in-clear');
      assert.equal(warning !== undefined, expected.warns, ids(findings).join(', '));
      if (expected.first) assert.equal(findings[0]?.id, expected.first, ids(findings).join(', '));
      if (warning) assert.equal(warning.severity, 'warning');
    });
});

describe('auth-ok: "nothing to change" only when nothing else is wrong', () => {
  const accepted = '235 2.7.0 Authentication successful';
  const cases: [string, Evidence, { problem?: RegExp; above?: string }][] = [
    ['a clean login over verified TLS', live({ port: 465, security: 'tls', until: { auth: accepted } }), {}],
    [
      'a login that went through only with certificate checks off (--insecure)',
      live({
        port: 465,
        security: 'tls',
        tls: tls('implicit', {
          ok: false,
          acceptedInsecurely: true,
          chainError: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' },
        }),
        until: { auth: accepted },
      }),
      { problem: /certificate checks were off/, above: 'certificate-invalid' },
    ],
    [
      'a login sent in the clear (--allow-plaintext)',
      live({ port: 587, security: 'none', until: { auth: accepted } }),
      { problem: /without TLS/, above: 'credentials-sent-in-clear' },
    ],
    [
      'a login whose test message was refused at MAIL FROM',
      live({
        port: 587,
        security: 'starttls',
        until: { auth: accepted },
        send: {
          from: 'bob@example.org',
          to: 'carol@example.net',
          refusedAt: 'mail',
          reply: '553 5.7.1 Sender address rejected: not owned by user alice@example.org',
        },
      }),
      { problem: /refused the sender/, above: 'sender-rejected' },
    ],
  ];
  for (const [what, evidence, expected] of cases)
    test(`auth-ok: ${what}`, () => {
      const findings = diagnose(evidence);
      const ok = byId(findings, 'auth-ok');
      const fix = ok.fixes[0]?.text ?? '';
      if (!expected.problem) {
        assert.match(fix, /^Nothing to change/);
        return;
      }
      assert.doesNotMatch(fix, /Nothing to change/);
      assert.match(fix, /fix the other problems in this report before relying on these settings/);
      assert.match(fix, expected.problem);
      // The finding it points at is in the report: before auth-ok as an error, after it as a warning (verdict ok).
      const other = findings.find((f) => f.id === expected.above);
      assert.ok(other, ids(findings).join(', '));
      assert.equal(
        findings.indexOf(other) < findings.indexOf(ok),
        other.severity === 'error',
        ids(findings).join(', '),
      );
      assert.ok(['error', 'warning'].includes(other.severity));
    });

  test('working: a login proven only with certificate checks off says so', () => {
    const insecure = live({
      port: 465,
      security: 'tls',
      tls: tls('implicit', { ok: false, acceptedInsecurely: true }),
      until: { auth: accepted },
    });
    assert.equal(deriveWorking(insecure)?.certificateVerified, false);
    const verified = live({ port: 465, security: 'tls', until: { auth: accepted } });
    assert.equal(deriveWorking(verified)?.certificateVerified, undefined);
  });
});
