// security-word rule: "tls" as written is implicit TLS here, STARTTLS in PHP mailers — said when STARTTLS is what works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../../src/diagnose/index.js';
import { securityWord } from '../../../src/diagnose/rules/security-word.js';
import type { Evidence } from '../../../src/model/evidence.js';
import { failure, live } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const wrongVersion = failure.tls('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number');

/** A live check whose configured session used implicit TLS because the user wrote `word`. */
function wrote(word: string | undefined, evidence: Evidence): Evidence {
  return {
    ...evidence,
    target: { host: 'smtp.example.com', ...(word !== undefined ? { securityAsWritten: word } : {}) },
  };
}

const on587 = (word: string | undefined): Evidence =>
  wrote(
    word,
    live({ port: 587, security: 'tls', until: { failed: wrongVersion } }, [
      { port: 465, security: 'tls', until: { failed: failure.network('ECONNREFUSED') } },
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
  );

export const cases: RuleCase[] = [
  [
    '"tls" on 587 where STARTTLS works on the same port: the tls-mode finding, with PHP’s reading',
    on587('tls'),
    [
      {
        id: 'tls-mode-mismatch',
        detail: 'implicit-tls-on-starttls-port',
        severity: 'error',
        confidence: 'high',
        fixes: ['security-word.php-tls-is-starttls'],
        says: /In PHPMailer \(SMTPSecure\), Laravel \(MAIL_ENCRYPTION\) and SwiftMailer, "tls" means STARTTLS — which is what works here: port 587/,
        origin: 'configured',
      },
    ],
  ],
  [
    '"tls" on 465 where nothing listens and STARTTLS works on 587: what else was learned, not the root cause',
    wrote(
      'tls',
      live({ port: 465, security: 'tls', until: { failed: failure.network('ECONNREFUSED') } }, [
        { port: 587, security: 'starttls', until: { connected: true } },
      ]),
    ),
    [{ id: 'tls-mode-mismatch', severity: 'info', origin: 'alternative', says: /STARTTLS is what works, on port 587/ }],
  ],
  ['"ssl" means implicit TLS everywhere: nothing to say', on587('ssl'), []],
  ['"implicit" is unambiguous too', on587('implicit'), []],
  ['no word recorded (the library, a URL): nothing to say', on587(undefined), []],
  [
    '"tls" and implicit TLS works: nothing to say',
    wrote(
      'tls',
      live({ port: 465, security: 'tls', until: { connected: true } }, [
        { port: 587, security: 'starttls', until: { connected: true } },
      ]),
    ),
    [],
  ],
  [
    '"tls" and STARTTLS does not work either: nothing to say',
    wrote(
      'tls',
      live({ port: 587, security: 'tls', until: { failed: wrongVersion } }, [
        { port: 587, security: 'starttls', until: { failed: failure.network('ECONNRESET', 'greeting') } },
      ]),
    ),
    [],
  ],
  [
    '"tls" and a refused certificate: the certificate rule’s, the mode was right',
    wrote(
      'tls',
      live({ port: 465, security: 'tls', until: { failed: failure.cert('CERT_HAS_EXPIRED') } }, [
        { port: 587, security: 'starttls', until: { connected: true } },
      ]),
    ),
    [],
  ],
];

testRule(securityWord, cases);

test('security-word: diagnose merges the note and the fix into the tls-mode finding (one finding, both readings)', () => {
  const findings = diagnose(on587('tls'));
  const modes = findings.filter((f) => f.id === 'tls-mode-mismatch');
  assert.equal(modes.length, 1);
  const first = findings[0];
  assert.equal(first?.id, 'tls-mode-mismatch');
  assert.ok(
    first.evidence.some((e) => /you wrote "tls": here that is implicit TLS/.test(e.text)),
    JSON.stringify(first.evidence),
  );
  assert.ok(first.fixes.some((f) => f.id === 'security-word.php-tls-is-starttls'));
  assert.ok(first.fixes.some((f) => f.id === 'tls-mode.keep-port-starttls'));
});
