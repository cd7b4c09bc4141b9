// The diagnosis reads every session of a run (logins elsewhere, retries, test sends), and advises only ports and hosts
// that the probe saw work or the provider documents.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveWorking, diagnose } from '../../src/diagnose/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { Finding } from '../../src/model/finding.js';
import { caps, failure, live, pasted, observe, secret, type SessionSpec } from '../fixtures/evidence.js';

const GMAIL_535 =
  '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp';
const GMAIL_454 =
  '454 4.7.0 Too many login attempts, please try again later. 5b1f17b1804b1-43e3f5c6b2asm1234567f8f.7 - gsmtp';
const gmail = { host: 'smtp.gmail.com' };
const m365 = { host: 'smtp.office365.com' };
const refused = (port: number, security: 'tls' | 'starttls', host?: string): SessionSpec => ({
  ...(host !== undefined ? { host } : {}),
  port,
  security,
  until: { failed: failure.network('ECONNREFUSED') },
});

function withSecret(evidence: Evidence, value: string, username = 'alice@example.org'): Evidence {
  return { ...evidence, credentials: { username, secret: secret(value) } };
}

function ids(findings: Finding[]): string[] {
  return findings.map((f) => `${f.id}${f.detail ? `/${f.detail}` : ''}`);
}

function allFixes(findings: Finding[]) {
  return findings.flatMap((f) => f.fixes);
}

function allDeadEnds(findings: Finding[]) {
  return findings.flatMap((f) => f.deadEnds.map((d) => d.text));
}

/** No two findings say the same thing (the merge keeps one per id and detail). */
function assertNoDuplicates(findings: Finding[]): void {
  const keys = ids(findings);
  assert.equal(new Set(keys).size, keys.length, `duplicates: ${keys.join(', ')}`);
}

describe('a login on another session of the run is part of the diagnosis', () => {
  // check --security tls on the STARTTLS port, --alternatives 465/tls: the probe logs in on 465 instead and gets 535.
  const wrongModeThenRefused = withSecret(
    live({ ...gmail, port: 587, security: 'tls', until: { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER') } }, [
      { ...gmail, port: 465, security: 'tls', until: { connected: true } },
      { ...gmail, port: 587, security: 'starttls', until: { connected: true } },
      { ...gmail, port: 465, security: 'tls', until: { auth: GMAIL_535 } },
    ]),
    'wrongpass',
  );

  test('a TLS-mode problem and a login refused on the working alternative: both, the mode mismatch first', () => {
    const findings = diagnose(wrongModeThenRefused);
    assert.deepEqual(ids(findings).slice(0, 3), [
      'tls-mode-mismatch/implicit-tls-on-starttls-port',
      'app-password-required',
      'credentials-rejected',
    ]);
    // The login elsewhere used a password (PLAIN): the token cause does not apply, the password causes are not guesses.
    assert.ok(!findings.some((f) => f.id === 'oauth-token-rejected'), ids(findings).join(', '));
    const verdict = findings[1];
    assert.equal(verdict?.signature, 'google.bad-credentials');
    assert.equal(verdict.confidence, 'medium');
    assert.ok(verdict.evidence.some((q) => q.text.startsWith('535-5.7.8') && q.session === 3));
    assert.ok(verdict.evidence.some((q) => q.text.includes('smtp.gmail.com:465') && q.session === 3));
  });

  test('a login refused elsewhere: "changing the password" is no dead end, and 465 is not said to work', () => {
    const findings = diagnose(wrongModeThenRefused);
    assert.ok(!allDeadEnds(findings).includes('Changing the password'), allDeadEnds(findings).join(' | '));
    const fix465 = findings[0]?.fixes.find((f) => f.settings?.port === 465);
    assert.ok(fix465, 'the implicit-TLS port is still offered');
    assert.match(fix465.text, /login there was refused/);
    assert.doesNotMatch(fix465.text, /where it works/);
  });

  test('the working settings are the right port and mode, proven as far as AUTH (not a login)', () => {
    assert.deepEqual(deriveWorking(wrongModeThenRefused), {
      host: 'smtp.gmail.com',
      port: 587,
      security: 'starttls',
      proven: 'connection',
      username: 'alice@example.org',
    });
  });

  test('without any refused login, the TLS-mode finding keeps "changing the password" as a dead end', () => {
    const findings = diagnose(
      live({ port: 587, security: 'tls', until: { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER') } }, [
        { port: 587, security: 'starttls', until: { connected: true } },
      ]),
    );
    assert.ok(allDeadEnds(findings).includes('Changing the password'));
  });
});

describe('a throttle after failed logins is reported, after the credentials verdict', () => {
  const attempts = { attempts: { allowed: 3, failed: 2 } };
  const cases: [string, SessionSpec, SessionSpec, string, string | undefined][] = [
    [
      "Gmail's 454 Too many login attempts on the LOGIN retry",
      { ...gmail, port: 587, security: 'starttls', until: { auth: GMAIL_535, mechanism: 'PLAIN' } },
      { ...gmail, port: 587, security: 'starttls', until: { auth: GMAIL_454, mechanism: 'LOGIN' } },
      'app-password-required',
      'google.too-many-login-attempts',
    ],
    [
      'a plain 454 Temporary authentication failure after a 535',
      { port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
      {
        port: 587,
        security: 'starttls',
        until: { auth: '454 4.7.0 Temporary authentication failure', mechanism: 'LOGIN' },
      },
      'credentials-rejected',
      undefined,
    ],
    [
      'a 421 that ends the retry after a 535',
      { port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
      { port: 587, security: 'starttls', until: { auth: '421 4.7.0 Closing connection', mechanism: 'LOGIN' } },
      'credentials-rejected',
      undefined,
    ],
  ];
  for (const [what, first, retry, verdict, signature] of cases) {
    test(`${what}: rate-limited, quoting the reply`, () => {
      const findings = diagnose(withSecret(live(first, [retry], attempts), 'wrongpass'));
      assert.equal(findings[0]?.id, verdict, ids(findings).join(', '));
      const throttle = findings.find((f) => f.evidence.some((q) => /^4(54|21) /.test(q.text)));
      assert.equal(throttle?.id, 'rate-limited', ids(findings).join(', '));
      assert.equal(throttle.signature, signature);
      assert.ok(findings.indexOf(throttle) > 0, 'after the credentials verdict');
      // Read one way only: a 454 after a refusal is not also "the server could not check the credentials".
      assert.ok(!findings.some((f) => f.id === 'auth-temporary-failure' || f.id === 'service-unavailable'));
    });
  }

  test('a 454 on the first attempt, without an earlier failure, stays a temporary failure', () => {
    const findings = diagnose(
      live({ port: 587, security: 'starttls', until: { auth: '454 4.7.0 Temporary authentication failure' } }),
    );
    assert.deepEqual(ids(findings), ['auth-temporary-failure']);
  });

  test('the same 535 on the first login and on the retry is one finding quoting both', () => {
    const findings = diagnose(
      live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [
        { port: 587, security: 'starttls', until: { auth: '535 5.7.8 Bad password', mechanism: 'LOGIN' } },
      ]),
    );
    const rejected = findings.filter((f) => f.id === 'credentials-rejected');
    assert.equal(rejected.length, 1, ids(findings).join(', '));
    assert.ok(rejected[0]?.evidence.some((q) => q.text === '535 5.7.8 Bad password'));
  });
});

describe('a Gmail 535 with a secret shaped like an app password', () => {
  for (const value of ['abcdabcdabcdabcd', 'abcd efgh ijkl mnop']) {
    test(`${JSON.stringify(value)}: the app password is wrong or revoked, not "Gmail refuses the account password"`, () => {
      const findings = diagnose(
        withSecret(live({ ...gmail, port: 587, security: 'starttls', until: { auth: GMAIL_535 } }), value),
      );
      assert.equal(findings[0]?.id, 'credentials-rejected', ids(findings).join(', '));
      assert.equal(findings[0].signature, 'google.bad-credentials');
      assert.match(findings[0].title, /^The app password is wrong or revoked, or the user name/);
      assert.ok(!findings.some((f) => f.id === 'app-password-required'));
    });
  }

  for (const [what, value] of [
    ['another shape', 'wrongpass'],
    ['sixteen letters with a capital', 'Abcdabcdabcdabcd'],
  ] as const) {
    test(`${what}: the account-password cause stays first`, () => {
      const findings = diagnose(
        withSecret(live({ ...gmail, port: 587, security: 'starttls', until: { auth: GMAIL_535 } }), value),
      );
      assert.deepEqual(ids(findings).slice(0, 2), ['app-password-required', 'credentials-rejected']);
    });
  }

  test('pasted text carries no secret: the order stays as the knowledge gives it, confidence unchanged', () => {
    const findings = diagnose(pasted([observe.reply(GMAIL_535, 'auth')], { providerHints: [] }));
    assert.equal(findings[0]?.id, 'app-password-required');
    assert.equal(findings[0].confidence, 'medium');
  });
});

describe('advice about other ports comes from what the probe saw or the provider documents', () => {
  const stripped = (host: Partial<SessionSpec>, alternatives: SessionSpec[]): Evidence =>
    live(
      {
        ...host,
        port: 587,
        security: 'starttls',
        before: caps([]),
        until: { starttls: '500 5.5.1 Unrecognized command' },
      },
      alternatives,
    );

  test('Microsoft 365 without STARTTLS: one finding, no 465, no "not an MX host" for its own submission host', () => {
    const findings = diagnose(stripped(m365, [refused(465, 'tls', m365.host)]));
    assertNoDuplicates(findings);
    const unavailable = findings.filter((f) => f.id === 'starttls-unavailable');
    assert.equal(unavailable.length, 1, ids(findings).join(', '));
    assert.equal(unavailable[0]?.detail, 'not-offered');
    assert.equal(unavailable[0].signature, 'rfc.starttls-refused');
    const texts = allFixes(findings).map((f) => f.text);
    assert.ok(!allFixes(findings).some((f) => f.settings?.port === 465 || /\b465\b/.test(f.text)), texts.join(' | '));
    assert.ok(!texts.some((t) => t.includes('MX host')), texts.join(' | '));
    assert.ok(
      texts.some((t) => t.includes('network path')),
      texts.join(' | '),
    );
  });

  test('STARTTLS injection at Microsoft 365: no 465 advice', () => {
    const findings = diagnose(
      live(
        {
          ...m365,
          port: 587,
          security: 'starttls',
          injection: { bytes: 29, preview: '250-EVIL' },
          until: { authSkipped: 'plaintext was injected after the STARTTLS go-ahead' },
        },
        [refused(465, 'tls', m365.host)],
      ),
    );
    assert.equal(findings[0]?.id, 'starttls-injection');
    assert.ok(!allFixes(findings).some((f) => f.settings?.port === 465 || /\b465\b/.test(f.text)));
  });
});

describe('nothing greets on the implicit-TLS port', () => {
  test('STARTTLS on 465 while implicit TLS there stopped at the certificate: still the probable mode mismatch', () => {
    const findings = diagnose(
      live({ port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } }, [
        { port: 465, security: 'tls', until: { failed: failure.cert('DEPTH_ZERO_SELF_SIGNED_CERT') } },
      ]),
    );
    assert.equal(findings[0]?.id, 'tls-mode-mismatch', ids(findings).join(', '));
    assert.equal(findings[0].confidence, 'medium');
  });

  test('STARTTLS on 465 and implicit TLS there silent too: greeting-timeout, not a TLS-mode mismatch', () => {
    const findings = diagnose(
      live({ port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } }, [
        { port: 465, security: 'tls', until: { failed: failure.timeout('greeting') } },
      ]),
    );
    assert.equal(findings[0]?.id, 'greeting-timeout', ids(findings).join(', '));
    assert.ok(!findings.some((f) => f.id === 'tls-mode-mismatch'));
    assert.ok(findings[0].evidence.some((q) => q.text.includes('implicit TLS: no greeting either') && q.session === 1));
  });
});

describe('a test message refused with a known reply', () => {
  const sendAs =
    '554 5.2.252 SendAsDenied; alice@contoso.com not allowed to send as bob@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied';

  test("Microsoft's SendAsDenied is one sender-rejected finding: the provider's, not a generic twin", () => {
    const findings = diagnose(
      live({
        ...m365,
        port: 587,
        security: 'starttls',
        until: { auth: '235 2.7.0 Authentication successful', mechanism: 'LOGIN' },
        send: { from: 'bob@contoso.com', to: 'carol@example.net', refusedAt: 'mail', reply: sendAs },
      }),
    );
    const senders = findings.filter((f) => f.id === 'sender-rejected');
    assert.equal(senders.length, 1, ids(findings).join(', '));
    assert.equal(senders[0]?.detail, 'send-as');
    assert.equal(senders[0].signature, 'microsoft365.send-as-denied');
    // The provider's pages about SMTP AUTH and OAuth say nothing about Send As.
    assert.ok(!senders[0].docs.some((d) => /authenticated-client-smtp-submission|oauth/i.test(d.url)));
  });

  test('a sender refusal only the RFC code explains: one finding, with the test-send advice merged in', () => {
    const findings = diagnose(
      live({
        port: 587,
        security: 'starttls',
        until: { auth: '235 2.7.0 Authentication successful' },
        send: { from: 'ceo@example.org', to: 'bob@example.net', refusedAt: 'mail', reply: '553 5.7.1 Not yours' },
      }),
    );
    assert.deepEqual(ids(findings), ['sender-rejected', 'auth-ok']);
    assert.ok(findings[0]?.fixes.some((f) => f.text.startsWith('Send from the address you log in with')));
  });
});
