// The Haraka and OpenSMTPD personas on the wire: recognised by their banners, their exact refusals, their raw AUTH replies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identifyProvider } from '../../src/knowledge/identify.js';
import { listSignatures } from '../../src/knowledge/index.js';
import { startLab, type Lab } from '../../src/lab/index.js';
import { Secret } from '../../src/model/secret.js';
import type { SessionRecord } from '../../src/model/session.js';
import { runSession } from '../../src/transport/session.js';
import { labCertificates } from '../helpers/certs.js';
import { RawClient, b64 } from '../helpers/lab.js';

async function withPersona<T>(persona: string, fn: (lab: Lab) => Promise<T>): Promise<T> {
  const lab = await startLab({ persona, certificates: await labCertificates() });
  try {
    return await fn(lab);
  } finally {
    await lab.close();
  }
}

function session(lab: Lab, secret: string, security: 'starttls' | 'none', mechanism?: string): Promise<SessionRecord> {
  return runSession({
    host: '127.0.0.1',
    port: lab.ports.starttls ?? 0,
    security,
    ca: [lab.ca],
    credentials: { username: 'alice@lab.test', secret: new Secret(secret, 'password') },
    timeoutMs: 3000,
    deadlineMs: 10_000,
    allowPlaintext: security === 'none',
    ...(mechanism ? { mechanism } : {}),
  });
}

/** The knowledge's own sample for a signature: the bytes the persona must reproduce. */
function sample(id: string): string {
  const found = listSignatures().find((s) => s.id === id)?.samples[0];
  assert.ok(found !== undefined, `no sample for ${id}`);
  return found;
}

interface Expect {
  persona: string;
  provider: string;
  /** The first line of the greeting, with the per-connection parts as regex. */
  greeting: RegExp;
  wrongPassword: string;
  wrongPasswordSignature: string;
  authBeforeTls: string;
  authBeforeTlsSignature: string;
}

const EXPECT: Expect[] = [
  {
    persona: 'haraka',
    provider: 'haraka',
    greeting: /^220 mail\.lab\.test ESMTP Haraka\/3\.1\.6 ready \([0-9A-F]{6}\)$/,
    wrongPassword: '535 5.7.8 Authentication failed',
    wrongPasswordSignature: 'haraka.authentication-failed',
    authBeforeTls: '500 Unrecognized command',
    authBeforeTlsSignature: 'haraka.unrecognized-command',
  },
  {
    persona: 'opensmtpd',
    provider: 'opensmtpd',
    greeting: /^220 mail\.lab\.test ESMTP OpenSMTPD$/,
    wrongPassword: '535 Authentication failed',
    wrongPasswordSignature: 'opensmtpd.authentication-failed',
    authBeforeTls: '503 5.5.1 Invalid command: Command not supported',
    authBeforeTlsSignature: 'opensmtpd.command-not-supported',
  },
];

describe('lab: the Haraka and OpenSMTPD personas (runSession)', () => {
  for (const e of EXPECT) {
    test(`lab: ${e.persona}'s banner is recognised as ${e.provider}, and the right password logs in after STARTTLS`, async () => {
      await withPersona(e.persona, async (lab) => {
        const record = await session(lab, 'lab-password-1', 'starttls');
        assert.equal(record.outcome, 'authenticated', record.stopReason);
        assert.match(record.greeting?.raw[0] ?? '', e.greeting);
        const hints = identifyProvider({ banner: record.greeting?.text ?? '' });
        assert.deepEqual(
          hints.map((h) => [h.provider, h.by]),
          [[e.provider, 'banner']],
        );
      });
    });

    test(`lab: ${e.persona}: a wrong password gets exactly "${e.wrongPassword}"`, async () => {
      await withPersona(e.persona, async (lab) => {
        const record = await session(lab, 'wrong-password', 'starttls');
        assert.equal(record.outcome, 'auth-rejected');
        assert.deepEqual(record.auth?.reply?.raw, [e.wrongPassword]);
        assert.equal(e.wrongPassword, sample(e.wrongPasswordSignature));
      });
    });

    test(`lab: ${e.persona}: AUTH before TLS (asked without credentials) gets exactly "${e.authBeforeTls}"`, async () => {
      await withPersona(e.persona, async (lab) => {
        const record = await session(lab, 'lab-password-1', 'none', 'PLAIN');
        assert.equal(record.outcome, 'stopped');
        assert.deepEqual(record.capabilities.beforeTls?.auth ?? [], [], 'no AUTH is listed before TLS');
        assert.equal(record.auth, undefined, 'no credentials went out');
        assert.deepEqual(record.authProbe?.reply?.raw, [e.authBeforeTls]);
        assert.equal(e.authBeforeTls, sample(e.authBeforeTlsSignature));
      });
    });
  }

  test("lab: haraka's EHLO greeting line names Haraka too", async () => {
    await withPersona('haraka', async (lab) => {
      const record = await session(lab, 'lab-password-1', 'starttls');
      const ehloLine = record.steps.find((s) => s.step === 'ehlo')?.reply?.lines[0] ?? '';
      assert.match(ehloLine, /^mail\.lab\.test Hello \[127\.0\.0\.1\], Haraka is at your service\.$/);
      assert.equal(identifyProvider({ ehloDomain: ehloLine })[0]?.provider, 'haraka');
    });
  });
});

/** A raw client that has read the greeting, said EHLO, and (unless told not to) upgraded with STARTTLS. */
async function raw(lab: Lab, tls = true): Promise<{ c: RawClient; ehlo: string }> {
  const c = await RawClient.connect(lab.ports.starttls ?? 0);
  await c.reply();
  let ehlo = await c.send('EHLO client.test');
  if (tls) {
    assert.equal(
      await c.send('STARTTLS'),
      lab.persona.id === 'haraka' ? '220 Go ahead.\r\n' : '220 2.0.0 Ready to start TLS\r\n',
    );
    await c.startTls(lab.ca);
    ehlo = await c.send('EHLO client.test');
  }
  return { c, ehlo };
}

describe('lab: the Haraka and OpenSMTPD personas byte for byte (raw client)', () => {
  test('lab: haraka lists STARTTLS before TLS, AUTH PLAIN LOGIN CRAM-MD5 after it', async () => {
    await withPersona('haraka', async (lab) => {
      const before = await raw(lab, false);
      assert.equal(
        before.ehlo,
        '250-mail.lab.test Hello [127.0.0.1], Haraka is at your service.\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-SIZE 26214400\r\n250 STARTTLS\r\n',
      );
      assert.equal(await before.c.send('MAIL FROM:<alice@lab.test>'), '550 Authentication required\r\n');
      before.c.destroy();
      const after = await raw(lab);
      assert.match(after.ehlo, /\r\n250 AUTH PLAIN LOGIN CRAM-MD5\r\n$/);
      after.c.destroy();
    });
  });

  test('lab: haraka prompts AUTH PLAIN with "334" and two spaces, and answers an unknown mechanism, a cancel and bad data as Haraka does', async () => {
    await withPersona('haraka', async (lab) => {
      const { c } = await raw(lab);
      assert.equal(await c.send('AUTH XOAUTH2'), '500 Unrecognized command\r\n');
      assert.equal(await c.send('AUTH PLAIN'), '334  \r\n');
      assert.equal(await c.send('*'), '504 Invalid AUTH string\r\n');
      assert.equal(await c.send('AUTH PLAIN not*base64'), '504 Invalid AUTH string\r\n');
      assert.equal(
        await c.send(`AUTH PLAIN ${b64('\0alice@lab.test\0lab-password-1')}`),
        '235 2.7.0 Authentication successful\r\n',
      );
      assert.equal(await c.send('MAIL FROM:<alice@lab.test>'), '250 sender <alice@lab.test> OK\r\n');
      assert.equal(await c.send('RCPT TO:<bob@example.net>'), '250 recipient <bob@example.net> OK\r\n');
      assert.equal(await c.send('DATA'), '354 go ahead, make my day\r\n');
      assert.match(await c.send('Subject: x\r\n\r\nhi\r\n.'), /^250 Message Queued \(\S+\)\r\n$/);
      assert.equal(await c.send('QUIT'), '221 mail.lab.test closing connection. Have a jolly good day.\r\n');
      c.destroy();
    });
  });

  test('lab: opensmtpd lists STARTTLS before TLS, AUTH PLAIN LOGIN after it, and asks for AUTH at MAIL', async () => {
    await withPersona('opensmtpd', async (lab) => {
      const before = await raw(lab, false);
      assert.equal(
        before.ehlo,
        '250-mail.lab.test Hello client.test [127.0.0.1], pleased to meet you\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250-SIZE 36700160\r\n250-DSN\r\n250-STARTTLS\r\n250 HELP\r\n',
      );
      assert.equal(
        await before.c.send('MAIL FROM:<alice@lab.test>'),
        '530 5.5.1 Invalid command: Must issue an AUTH command first\r\n',
      );
      before.c.destroy();
      const after = await raw(lab);
      assert.equal(
        after.ehlo,
        '250-mail.lab.test Hello client.test [127.0.0.1], pleased to meet you\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250-SIZE 36700160\r\n250-DSN\r\n250-AUTH PLAIN LOGIN\r\n250 HELP\r\n',
      );
      assert.equal(await after.c.send('STARTTLS'), '503 5.5.1 Invalid command: Channel already secured\r\n');
      after.c.destroy();
    });
  });

  test('lab: opensmtpd answers an unknown mechanism with 504 5.7.4, a cancel and bad data with 501 5.5.2, and logs in with LOGIN', async () => {
    await withPersona('opensmtpd', async (lab) => {
      const { c } = await raw(lab);
      assert.equal(
        await c.send('AUTH CRAM-MD5'),
        '504 5.7.4 Security features not supported: AUTH method "CRAM-MD5" not supported\r\n',
      );
      assert.equal(await c.send('AUTH LOGIN'), '334 VXNlcm5hbWU6\r\n');
      assert.equal(await c.send('*'), '501 5.5.2 Syntax error: Syntax error\r\n');
      assert.equal(await c.send('AUTH PLAIN not*base64'), '501 5.5.2 Syntax error: Syntax error\r\n');
      assert.equal(await c.send('AUTH LOGIN'), '334 VXNlcm5hbWU6\r\n');
      assert.equal(await c.send(b64('alice@lab.test')), '334 UGFzc3dvcmQ6\r\n');
      assert.equal(await c.send(b64('lab-password-1')), '235 2.0.0 Authentication succeeded\r\n');
      assert.equal(
        await c.send(`AUTH PLAIN ${b64('\0alice@lab.test\0lab-password-1')}`),
        '503 5.5.1 Invalid command: Already authenticated\r\n',
      );
      assert.equal(await c.send('MAIL FROM:<alice@lab.test>'), '250 2.0.0 Ok\r\n');
      assert.equal(await c.send('RCPT TO:<bob@example.net>'), '250 2.1.5 Destination address valid: Recipient ok\r\n');
      assert.equal(await c.send('DATA'), '354 Enter mail, end with "." on a line by itself\r\n');
      assert.match(await c.send('Subject: x\r\n\r\nhi\r\n.'), /^250 2\.0\.0 \S+ Message accepted for delivery\r\n$/);
      assert.equal(await c.send('QUIT'), '221 2.0.0 Bye\r\n');
      c.destroy();
    });
  });
});
