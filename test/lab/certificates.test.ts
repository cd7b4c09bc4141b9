// Lab certificates: each lab has a CA of its own name and key identifiers, so one CA bundle can trust several labs.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateLabCertificates } from '../../src/lab/certificates.js';
import { startLab } from '../../src/lab/index.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { runCli } from '../helpers/cli.js';

/**
 * The certificate's key identifiers (RFC 5280 §4.2.1.1-2), read from the DER: Node lists no extensions. SKI is
 * OID 2.5.29.14 wrapping an OCTET STRING of 20 bytes; AKI is OID 2.5.29.35 wrapping a SEQUENCE with [0] of 20 bytes.
 */
function keyIds(pem: string): { subject?: string; authority?: string } {
  const hex = new X509Certificate(pem).raw.toString('hex');
  return {
    subject: /0603551d0e04160414([0-9a-f]{40})/.exec(hex)?.[1],
    authority: /0603551d23041830168014([0-9a-f]{40})/.exec(hex)?.[1],
  };
}

describe('lab certificates', () => {
  test('lab: every CA has a name of its own, and leaf and CA carry subject and authority key identifiers', async () => {
    const [one, two] = await Promise.all([generateLabCertificates(), generateLabCertificates()]);
    const caOne = new X509Certificate(one.ca.cert);
    const caTwo = new X509Certificate(two.ca.cert);
    assert.notEqual(caOne.subject, caTwo.subject);
    assert.match(caOne.subject, /^CN=smtp-doctor lab CA [0-9a-f]{12}$/m);
    const caIds = keyIds(one.ca.cert);
    assert.match(caIds.subject ?? '', /^[0-9a-f]{40}$/, 'the CA has a subject key identifier');
    for (const [name, pem] of Object.entries({ valid: one.valid.cert, expired: one.expired.cert })) {
      const ids = keyIds(pem);
      assert.match(ids.subject ?? '', /^[0-9a-f]{40}$/, `${name} has a subject key identifier`);
      assert.notEqual(ids.subject, caIds.subject, `${name} has a key of its own`);
      assert.equal(ids.authority, caIds.subject, `${name} names the CA's key as its authority key`);
    }
    const leaf = new X509Certificate(one.valid.cert);
    assert.equal(leaf.issuer, caOne.subject);
    assert.ok(leaf.checkIssued(caOne));
    assert.ok(!leaf.checkIssued(caTwo), 'the other lab CA is not taken for the issuer');
  });

  test('lab: one CA bundle holding two labs’ CAs verifies both labs (library and --ca FILE)', async () => {
    const labs = await Promise.all([startLab(), startLab({ persona: 'postfix-dovecot' })]);
    const dir = await mkdtemp(join(tmpdir(), 'smtp-doctor-ca-bundle-'));
    try {
      const bundle = labs.map((l) => l.ca).join('');
      const file = join(dir, 'labs.pem');
      await writeFile(file, bundle);
      for (const lab of labs) {
        const r = await runSession({
          host: '127.0.0.1',
          port: lab.ports.starttls ?? 0,
          security: 'starttls',
          ca: [bundle],
          credentials: { username: 'alice@lab.test', secret: new Secret('lab-password-1') },
          timeoutMs: 3_000,
        });
        assert.equal(r.tls?.verification.ok, true, `${lab.persona.id}: ${JSON.stringify(r.tls)}`);
        assert.equal(r.outcome, 'authenticated');
        const cli = await runCli(
          [
            'check',
            '127.0.0.1',
            '--port',
            String(lab.ports.starttls),
            '--security',
            'starttls',
            '--user',
            'alice@lab.test',
            '--password-env',
            'SMTP_PASS',
            '--ca',
            file,
            '--alternatives',
            'none',
          ],
          { env: { SMTP_PASS: 'lab-password-1' } },
        );
        assert.equal(cli.code, 0, `${lab.persona.id}: ${cli.stdout}${cli.stderr}`);
      }
    } finally {
      await Promise.all(labs.map((l) => l.close()));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
