// A password that is an ordinary word ("password", "mail") is still scrubbed where a server echoes it, but a server's
// standard reply that holds the same word keeps its words: the diagnosis reads Gmail's app-password reply the same as
// with a random password, and the report shows no "[redacted]" inside it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { startLab, type Lab } from '../../src/lab/index.js';
import { isStandardWording } from '../../src/knowledge/standard-wording.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { renderReportJson } from '../../src/report/json.js';
import { FormScrubber } from '../../src/protocol/secret-forms.js';
import { labCertificates } from '../helpers/certs.js';

const USER = 'bob@lab.test';

describe('a weak password and the server standard wording', () => {
  let certs: LabCertificates;
  const labs: Lab[] = [];
  before(async () => {
    certs = await labCertificates();
  });
  after(() => Promise.all(labs.map((l) => l.close())));

  async function gmailWith2sv(password: string): Promise<Report> {
    const lab = await startLab({
      persona: 'gmail',
      accounts: [`${USER}:${password} 2sv app-password=abcdabcdabcdabcd`],
      certificates: certs,
    });
    labs.push(lab);
    return check({
      host: '127.0.0.1',
      port: lab.ports.starttls,
      security: 'starttls',
      ca: [lab.ca],
      timeoutMs: 3_000,
      alternatives: [],
      credentials: { username: USER, secret: new Secret(password) },
    });
  }

  for (const password of ['password', 'Password']) {
    test(`the account password "${password}" gets Gmail's app-password reading, as a random one does`, async () => {
      const weak = await gmailWith2sv(password);
      const random = await gmailWith2sv('Zq7pLx2vRk9w');
      const first = (r: Report): string => `${r.findings[0]?.id ?? ''} ${r.findings[0]?.signature ?? ''}`;
      assert.equal(first(weak), 'app-password-required google.app-password-required');
      assert.equal(first(weak), first(random));
      assert.doesNotMatch(renderReportJson(weak), /\[redacted\]/);
    });
  }
});

describe('isStandardWording', () => {
  test('a word between the two words a known reply puts around it is standard; an echo is not', () => {
    const reply = '534-5.7.9 Application-specific password required. For more information';
    const at = reply.indexOf('password');
    assert.equal(isStandardWording(reply, at, at + 'password'.length), true);
    const echo = '535 5.7.8 Authentication failed for password';
    const end = echo.lastIndexOf('password');
    assert.equal(isStandardWording(echo, end, end + 'password'.length), false, 'no word after it');
    const odd = '535 your secret word is password today';
    const mid = odd.indexOf('password');
    assert.equal(isStandardWording(odd, mid, mid + 'password'.length), false, 'words no known reply holds');
  });

  test('the scrubber keeps a weak secret in standard wording and takes out its echo elsewhere in the same reply', () => {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret('password');
    scrubber.keepStandardWording(isStandardWording);
    assert.equal(
      scrubber.scrub('534-5.7.9 Application-specific password required (you sent: password)'),
      '534-5.7.9 Application-specific password required (you sent: [redacted])',
    );
  });

  test('a strong secret is taken out even where a known reply would hold a word there', () => {
    const scrubber = new FormScrubber('[redacted]');
    scrubber.addSecret('correcthorsebatterystaplexyz');
    scrubber.keepStandardWording(isStandardWording);
    assert.equal(
      scrubber.scrub('534 Application-specific correcthorsebatterystaplexyz required'),
      '534 Application-specific [redacted] required',
    );
  });
});
