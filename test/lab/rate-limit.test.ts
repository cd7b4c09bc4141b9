// The rate-limit fault on every persona: the provider's own refusal of too many logins, diagnosed as throttling or a lockout.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import { parseAccount } from '../../src/lab/accounts.js';
import { generateLabCertificates, LAB_NAMES, type LabCertificates } from '../../src/lab/certificates.js';
import { PERSONAS, startLab } from '../../src/lab/index.js';
import { GENERIC_REPLIES } from '../../src/lab/personas/generic.js';
import { rateLimitReply, throttleSignature } from '../../src/lab/rate-limit.js';
import type { FindingId } from '../../src/model/finding.js';
import { Secret } from '../../src/model/secret.js';

interface Expected {
  finding: FindingId;
  signature: string;
  /** The finding that comes first instead, when the provider's reply means something else first (and why). */
  first?: { finding: FindingId; why: string };
}

const GENERIC: Expected = { finding: 'rate-limited', signature: 'rfc.too-many' };

/** What a user who hit each persona's rate limit is told. */
const EXPECTED: Readonly<Record<string, Expected>> = {
  plain: GENERIC,
  gmail: { finding: 'rate-limited', signature: 'google.too-many-login-attempts' },
  microsoft365: { finding: 'account-locked', signature: 'microsoft365.account-locked' },
  yahoo: {
    finding: 'rate-limited',
    signature: 'yahoo.auth005',
    first: {
      finding: 'credentials-rejected',
      why: "the sample account's secret is shaped like an app password, so Yahoo's AUTH005 reads first as that app password refused (wrong or deleted); the throttle follows as the alternative",
    },
  },
  icloud: GENERIC,
  ses: GENERIC,
  sendgrid: GENERIC,
  mailgun: GENERIC,
  postmark: GENERIC,
  'postfix-dovecot': { finding: 'rate-limited', signature: 'postfix.too-many-auth-commands' },
  exim: GENERIC,
  exchange: GENERIC,
  haraka: GENERIC,
  opensmtpd: GENERIC,
};

describe('lab: the rate-limit fault speaks as each provider does', () => {
  let certs: LabCertificates;
  before(async () => {
    certs = await generateLabCertificates([...LAB_NAMES, ...new Set(PERSONAS.map((p) => p.imitates.host))]);
  });

  test('lab: the table names every persona', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), PERSONAS.map((p) => p.id).sort());
  });

  for (const persona of PERSONAS) {
    const expected = EXPECTED[persona.id] ?? GENERIC;
    test(`lab: ${persona.id} answers with the provider's catalogued throttling reply where the knowledge has one`, () => {
      const catalogued = throttleSignature(persona)?.id;
      assert.equal(expected.signature, catalogued ?? GENERIC.signature);
      if (catalogued === undefined) assert.equal(rateLimitReply(persona), GENERIC_REPLIES.authRateLimited);
    });

    test(`lab: ${persona.id} rate-limited, check says ${expected.finding} (${expected.signature})`, async () => {
      const lab = await startLab({ persona, faults: ['rate-limit=0'], certificates: certs, idleTimeoutMs: 5_000 });
      try {
        const account = parseAccount(persona.sampleAccounts[0] ?? '');
        const secret = account.appPassword ?? account.password ?? 'lab-password';
        const report = await check({
          host: persona.imitates.host,
          connectTo: '127.0.0.1',
          port: lab.ports.starttls ?? lab.ports.tls,
          security: lab.ports.starttls ? 'starttls' : 'tls',
          ca: [lab.ca],
          timeoutMs: 1_500,
          graceMs: 200,
          alternatives: [],
          credentials: { username: account.username, secret: new Secret(secret) },
        });
        const seen = report.findings.map((f) => `${f.id}${f.signature ? ` (${f.signature})` : ''}`).join(', ');
        const named = report.findings.find((f) => f.id === expected.finding);
        assert.equal(named?.signature, expected.signature, `findings: ${seen}`);
        assert.equal(report.findings[0]?.id, expected.first?.finding ?? expected.finding, `findings: ${seen}`);
        assert.equal(lab.failedLogins, 0, 'the refused login was not counted as a failure');
      } finally {
        await lab.close();
      }
    });
  }
});
