// What a review of `check` against the lab found, as evidence tables: secrets sent in the clear whatever the verdict,
// auth-ok that fits the problems around it, every port refused, slow greetings, and fixes that prefer what was proven.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveWorking, diagnose } from '../../src/diagnose/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { Failure, SessionRecord } from '../../src/model/session.js';
import type { Finding } from '../../src/model/finding.js';
import { caps, failure, live, tls, type SessionSpec } from '../fixtures/evidence.js';

function ids(findings: Finding[]): string[] {
  return findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`);
}

function byId(findings: Finding[], id: string): Finding {
  const found = findings.find((f) => f.id === id);
  assert.ok(found, `${id} in ${ids(findings).join(', ')}`);
  return found;
}

/**
 * The client's AUTH lines as the session's recorder writes them (redacted twins, the one that carried the secret
 * flagged), appended to its transcript.
 */
function withClientLines(evidence: Evidence, lines: (string | { secret: string })[], session = 0): Evidence {
  const record = evidence.sessions[session]?.record as SessionRecord;
  for (const line of lines)
    record.transcript.push(
      typeof line === 'string'
        ? { t: 4, dir: 'client', phase: 'auth', tls: false, text: line }
        : { t: 4, dir: 'client', phase: 'auth', tls: false, text: line.secret, secret: true },
    );
  return evidence;
}

const PLAIN_LINE = 'AUTH PLAIN [base64 of user "alice@example.org" and password: 14 characters, lowercase]';
const SES = { host: 'email-smtp.us-east-1.amazonaws.com' };

describe('credentials-sent-in-clear: whenever a secret crossed without TLS, whatever the verdict', () => {
  const cases: [string, Evidence, { warns: boolean; first?: string }][] = [
    [
      'a login accepted without TLS',
      live({ port: 587, security: 'none', until: { auth: '235 2.7.0 Authentication successful' } }),
      { warns: true, first: 'credentials-sent-in-clear' },
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
    [
      'LOGIN refused after the user name only: the password never left',
      withClientLines(
        live({
          port: 2525,
          security: 'none',
          until: { auth: '535 5.7.8 Authentication credentials invalid', mechanism: 'LOGIN' },
        }),
        ['AUTH LOGIN', '[base64 of user "alice@example.org"]'],
      ),
      { warns: false },
    ],
    [
      'CRAM-MD5 sends a digest, not the password',
      withClientLines(
        live({
          port: 2525,
          security: 'none',
          until: { auth: '535 5.7.8 Authentication credentials invalid', mechanism: 'CRAM-MD5' },
        }),
        ['AUTH CRAM-MD5', '[base64 of user "alice@example.org" and HMAC-MD5 digest]'],
      ),
      { warns: false },
    ],
    [
      'a refusal over STARTTLS',
      live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
      { warns: false },
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

  test('plaintext-login: cites the AUTH line that carried the secret and the reply that followed', () => {
    const evidence = withClientLines(
      live({ port: 2525, security: 'none', until: { auth: '535 5.7.8 Authentication credentials invalid' } }),
      [{ secret: PLAIN_LINE }],
    );
    const warning = byId(diagnose(evidence), 'credentials-sent-in-clear');
    assert.deepEqual(
      warning.evidence.map((q) => q.text),
      [PLAIN_LINE, '535 5.7.8 Authentication credentials invalid'],
    );
    assert.equal(warning.title, 'The password was sent unencrypted');
    assert.match(warning.summary, /answered 535/);
  });

  test('plaintext-login: the TLS to use is the one proven, STARTTLS on the same port before another port', () => {
    const evidence = live({ port: 2525, security: 'none', until: { auth: '535 5.7.8 Authentication failed' } }, [
      { port: 465, security: 'tls', until: { connected: true } },
      { port: 2525, security: 'starttls', until: { connected: true } },
    ]);
    const warning = byId(diagnose(evidence), 'credentials-sent-in-clear');
    assert.deepEqual(warning.fixes[0]?.settings, { port: 2525, security: 'starttls' });
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
      assert.match(fix, /fix the problems above before relying on these settings/);
      assert.match(fix, expected.problem);
      // "Above" must be true: the finding it points at ranks before auth-ok, as an error or a warning.
      const above = findings.findIndex((f) => f.id === expected.above);
      assert.ok(above >= 0 && above < findings.indexOf(ok), ids(findings).join(', '));
      assert.ok(['error', 'warning'].includes(findings[above]?.severity ?? ''));
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

describe('connection-refused: every endpoint tried refused', () => {
  const refused = (port: number, security: 'tls' | 'starttls'): SessionSpec => ({
    host: 'smtp.gmail.com',
    port,
    security,
    until: { failed: failure.network('ECONNREFUSED') },
  });

  test('network: no port given and nothing listening names every port tried, and no single setting', () => {
    const evidence = live(refused(465, 'tls'), [
      refused(587, 'starttls'),
      refused(2525, 'starttls'),
      refused(25, 'starttls'),
    ]);
    const [first] = diagnose(evidence);
    assert.equal(first?.id, 'connection-refused');
    assert.equal(first.detail, 'every-port');
    assert.match(first.summary, /465, 587, 2525 and 25/);
    assert.equal(first.evidence.length, 4);
    assert.deepEqual(
      first.evidence.map((q) => q.session),
      [0, 1, 2, 3],
    );
    assert.ok(first.fixes.some((f) => /firewall/.test(f.text)));
    assert.ok(!first.fixes.some((f) => /Check the host and port/.test(f.text)), 'no single setting to check');
  });

  const notEverywhere: [string, Evidence][] = [
    [
      'another port answered',
      live(refused(465, 'tls'), [
        { host: 'smtp.gmail.com', port: 587, security: 'starttls', until: { connected: true } },
      ]),
    ],
    ['only one port was tried', live(refused(587, 'starttls'), [refused(587, 'tls')])],
    [
      'another port timed out (dropped, not refused)',
      live(refused(465, 'tls'), [
        { host: 'smtp.gmail.com', port: 587, security: 'starttls', until: { failed: failure.network('ETIMEDOUT') } },
      ]),
    ],
  ];
  for (const [what, evidence] of notEverywhere)
    test(`network: the port itself is refused when ${what}`, () => {
      const refusal = byId(diagnose(evidence), 'connection-refused');
      assert.equal(refusal.detail, undefined);
    });
});

describe('greeting-timeout: a probe that stopped waiting says late or never, and which timeout it used', () => {
  const silent = (f: Failure): Evidence =>
    live({ port: 587, security: 'starttls', until: { failed: f } }, [], { target: { port: 587 } });
  const timeout = (afterMs: number, limit: 'phase' | 'deadline'): Failure => ({
    kind: 'timeout',
    phase: 'greeting',
    afterMs,
    limit,
  });

  const cases: [string, Failure, { names: RegExp; slowFirst: boolean }][] = [
    [
      'a short --timeout (2 s)',
      timeout(2000, 'phase'),
      { names: /2000 ms, smtp-doctor's phase timeout \(--timeout\)/, slowFirst: true },
    ],
    ['the session deadline', timeout(20000, 'deadline'), { names: /session deadline \(--deadline\)/, slowFirst: true }],
    ['a wait longer than nodemailer’s 30 s', timeout(45000, 'phase'), { names: /45000 ms/, slowFirst: false }],
  ];
  for (const [what, f, expected] of cases)
    test(`greeting: after ${what}`, () => {
      const [first] = diagnose(silent(f));
      assert.equal(first?.id, 'greeting-timeout');
      assert.match(first.summary, expected.names);
      assert.match(first.summary, /greets slowly/);
      assert.match(first.summary, /passes nothing through/);
      const slow = first.fixes.findIndex((x) => /greetingTimeout, default 30 s/.test(x.text));
      assert.ok(slow >= 0, first.fixes.map((x) => x.text).join(' | '));
      assert.equal(slow === 0, expected.slowFirst);
    });
});

describe('auth-requires-tls (plaintext settings): fixes prefer what the probe proved', () => {
  const plaintext = (port: number, starttls = true): SessionSpec => ({
    port,
    security: 'none',
    before: caps(['PLAIN', 'LOGIN'], { starttls }),
    until: { authSkipped: 'the connection is not encrypted' },
  });
  const fixesOf = (evidence: Evidence) =>
    byId(diagnose(evidence), 'auth-requires-tls').fixes.map((f) => `${f.settings?.port}/${f.settings?.security}`);

  const cases: [string, Evidence, string[], RegExp?][] = [
    [
      'STARTTLS on the same port logged in, implicit TLS reached on another: both, the login first',
      live(plaintext(2525), [
        { port: 2526, security: 'tls', until: { connected: true } },
        { port: 2525, security: 'starttls', until: { auth: '235 2.7.0 Authentication successful' } },
      ]),
      ['2525/starttls', '2526/tls'],
      /logged in/,
    ],
    [
      'only implicit TLS proven: it comes before the untested STARTTLS on the same port',
      live(plaintext(2525), [{ port: 2526, security: 'tls', until: { connected: true } }]),
      ['2526/tls', '2525/starttls'],
    ],
    [
      'nothing probed: STARTTLS on the same port, said to be untested',
      live(plaintext(2525)),
      ['2525/starttls'],
      /did not test/,
    ],
    [
      'STARTTLS on the same port tried and refused: not offered blindly',
      live(plaintext(2525), [
        { port: 2525, security: 'starttls', until: { starttls: '454 4.7.0 TLS not available due to local problem' } },
        { port: 465, security: 'tls', until: { connected: true } },
      ]),
      ['465/tls'],
    ],
    [
      'no STARTTLS offered, implicit TLS proven elsewhere: the proven port, not the generic advice',
      live(plaintext(2525, false), [{ port: 2526, security: 'tls', until: { connected: true } }]),
      ['2526/tls'],
    ],
  ];
  for (const [what, evidence, expected, wording] of cases)
    test(`auth-offer: ${what}`, () => {
      assert.deepEqual(fixesOf(evidence), expected);
      if (wording) assert.match(byId(diagnose(evidence), 'auth-requires-tls').fixes[0]?.text ?? '', wording);
    });
});
