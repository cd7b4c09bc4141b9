import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplyOverride } from '../../src/lab/override.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { RawClient, b64, nothing, withLab } from '../helpers/lab.js';

// Samples copied from /work/shared/reference/signatures.yaml (lines joined with CRLF, placeholders filled as a
// real session would fill them) — the shape the knowledge base's listSignatures() will hand the lab.
const GMAIL_BAD_CREDENTIALS =
  '535-5.7.8 Username and Password not accepted. For more information, go to\r\n' +
  '535 5.7.8  https://support.google.com/mail/?p=BadCredentials a640c23a62f3a-aa20df263bcsm696223666b.11 - gsmtp';
const M365_TENANT =
  '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [BMXPR01CA0083.INDPRD01.PROD.OUTLOOK.COM 2025-04-26T18:06:40.828Z 08DD842467C8274D]';
const GMAIL_XOAUTH2_CHALLENGE =
  '334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==';
const SES_TOO_MANY = '421 Too many concurrent SMTP connections';
const SENDGRID_SENDER =
  '550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements';
const POSTFIX_RELAY = '454 4.7.1 <fake@fake.com>: Relay access denied';
const M365_SEND_AS = '550 5.7.60 SMTP; Client does not have permissions to send as this sender';
const POSTFIX_NO_TLS = '454 4.7.0 TLS not available due to local problem';
const YAHOO_UTF8 = '535 5.7.0 (#AUTH005) Too many bad auth attempts. — “quotes” and é';

/** Greets, EHLOs and (on a STARTTLS persona that needs it) upgrades, over a raw socket. */
async function open(port: number, ca: string, starttls: boolean): Promise<RawClient> {
  const client = await RawClient.connect(port);
  await client.reply();
  await client.send('EHLO raw.test');
  if (starttls) {
    assert.match(await client.send('STARTTLS'), /^220 /);
    await client.startTls(ca);
    await client.send('EHLO raw.test');
  }
  return client;
}

describe('lab reply override (replay a signature sample)', () => {
  const authCases: [string, string, string, string][] = [
    ['gmail', GMAIL_BAD_CREDENTIALS, 'alice@lab.test', 'abcdefghijklmnop'],
    ['microsoft365', M365_TENANT, 'alice@lab.test', 'lab-password-1'],
    ['plain', YAHOO_UTF8, 'alice@lab.test', 'lab-password-1'],
  ];
  for (const [persona, sample, user, password] of authCases) {
    test(`lab: an auth override on ${persona} is served byte for byte, even for the right password`, async () => {
      await withLab({ persona, override: { phase: 'auth', reply: sample } }, async (lab) => {
        const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
        const reply = await client.send(`AUTH PLAIN ${b64(`\0${user}\0${password}`)}`).catch(() => '');
        const viaLogin = persona === 'microsoft365';
        if (viaLogin) {
          // Microsoft offers no PLAIN: the override stands in for its refusal of the mechanism.
          assert.equal(reply, `${sample}\r\n`);
        } else assert.equal(Buffer.from(reply, 'latin1').toString('utf8'), `${sample}\r\n`);
        client.destroy();
      });
    });
  }

  test("lab: an auth override replaces the verdict after the LOGIN prompts, which stay the persona's own", async () => {
    await withLab({ persona: 'microsoft365', override: { phase: 'auth', reply: M365_TENANT } }, async (lab) => {
      const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
      assert.equal(await client.send('AUTH LOGIN'), '334 VXNlcm5hbWU6\r\n');
      assert.equal(await client.send(b64('alice@lab.test')), '334 UGFzc3dvcmQ6\r\n');
      assert.equal(await client.send(b64('lab-password-1')), `${M365_TENANT}\r\n`);
      client.destroy();
    });
  });

  test('lab: an auth override with two replies replays the XOAUTH2 error exchange: 334 JSON, empty line, then 535', async () => {
    const override: ReplyOverride = { phase: 'auth', reply: [GMAIL_XOAUTH2_CHALLENGE, GMAIL_BAD_CREDENTIALS] };
    await withLab({ persona: 'gmail', override }, async (lab) => {
      const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
      const token = b64('user=carol@lab.test\x01auth=Bearer ya29.lab-carol-token\x01\x01');
      assert.equal(await client.send(`AUTH XOAUTH2 ${token}`), `${GMAIL_XOAUTH2_CHALLENGE}\r\n`);
      assert.equal(await client.send(''), `${GMAIL_BAD_CREDENTIALS}\r\n`);
      client.destroy();
    });
  });

  test('lab: the same XOAUTH2 replay through runSession gives the record the signature describes', async () => {
    const override: ReplyOverride = { phase: 'auth', reply: [GMAIL_XOAUTH2_CHALLENGE, GMAIL_BAD_CREDENTIALS] };
    await withLab({ persona: 'gmail', override }, async (lab) => {
      const r = await runSession({
        host: '127.0.0.1',
        port: lab.ports.tls ?? 0,
        security: 'tls',
        ca: [lab.ca],
        credentials: { username: 'carol@lab.test', secret: new Secret('ya29.x', 'token') },
        mechanism: 'XOAUTH2',
        timeoutMs: 3000,
      });
      assert.equal(r.outcome, 'auth-rejected');
      assert.deepEqual(r.auth?.reply?.raw, GMAIL_BAD_CREDENTIALS.split('\r\n'));
      assert.equal(r.auth.serverDetails?.status, '400');
    });
  });

  test("lab: a greeting override (signatures' connect stage) is served, and a 421 closes the connection", async () => {
    await withLab({ persona: 'ses', override: { phase: 'connect', reply: SES_TOO_MANY } }, async (lab) => {
      const client = await RawClient.connect(lab.ports.starttls ?? 0);
      assert.equal(await client.reply(), `${SES_TOO_MANY}\r\n`);
      assert.ok(await client.closedByServer());
    });
  });

  test('lab: a data override answers the end of the message', async () => {
    await withLab({ persona: 'sendgrid', override: { phase: 'data', reply: SENDGRID_SENDER } }, async (lab) => {
      const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
      assert.equal(
        await client.send(`AUTH PLAIN ${b64('\0apikey\0SG.lab-key.abcdefghijklmnopqrstuvwxyz0123456789')}`),
        '235 Authentication successful\r\n',
      );
      assert.equal(await client.send('MAIL FROM:<me@lab.test>'), '250 Sender address accepted\r\n');
      assert.equal(await client.send('RCPT TO:<you@lab.test>'), '250 Recipient address accepted\r\n');
      assert.equal(await client.send('DATA'), '354 Continue\r\n');
      assert.equal(await client.send('Subject: hi\r\n\r\nhello\r\n.'), `${SENDGRID_SENDER}\r\n`);
      client.destroy();
    });
  });

  test('lab: rcpt and mail overrides answer those commands', async () => {
    await withLab(
      {
        persona: 'postfix-dovecot',
        override: [
          { phase: 'rcpt', reply: POSTFIX_RELAY },
          { phase: 'mail', reply: M365_SEND_AS },
        ],
      },
      async (lab) => {
        const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
        assert.equal(await client.send('MAIL FROM:<me@lab.test>'), `${M365_SEND_AS}\r\n`);
        // Every reply at an overridden phase is the override, whatever state the session is in.
        assert.equal(await client.send('RCPT TO:<fake@fake.com>'), `${POSTFIX_RELAY}\r\n`);
        client.destroy();
      },
    );
    await withLab({ persona: 'postfix-dovecot', override: { phase: 'rcpt', reply: POSTFIX_RELAY } }, async (lab) => {
      const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
      assert.equal(await client.send('MAIL FROM:<me@lab.test>'), '250 2.1.0 Ok\r\n');
      assert.equal(await client.send('RCPT TO:<fake@fake.com>'), `${POSTFIX_RELAY}\r\n`);
      client.destroy();
    });
  });

  test('lab: a non-220 starttls override keeps the session in plaintext, and the client withholds credentials', async () => {
    await withLab(
      { persona: 'postfix-dovecot', override: { phase: 'starttls', reply: POSTFIX_NO_TLS } },
      async (lab) => {
        const r = await runSession({
          host: '127.0.0.1',
          port: lab.ports.starttls ?? 0,
          security: 'starttls',
          ca: [lab.ca],
          credentials: { username: 'alice@lab.test', secret: new Secret('lab-password-1') },
          timeoutMs: 3000,
        });
        const starttls = r.steps.find((s) => s.step === 'starttls');
        assert.equal(starttls?.result, 'rejected');
        assert.deepEqual(starttls.reply?.raw, [POSTFIX_NO_TLS]);
        assert.ok(!r.transcript.some((e) => e.dir === 'client' && e.text.startsWith('AUTH')));
      },
    );
  });

  test('lab: an ehlo override replaces the capability list', async () => {
    const ehlo = '250-mx.lab.test\r\n250-SIZE 1000\r\n250 AUTH=LOGIN';
    await withLab({ override: { phase: 'ehlo', reply: ehlo } }, async (lab) => {
      const client = await RawClient.connect(lab.ports.starttls ?? 0);
      await client.reply();
      assert.equal(await client.send('EHLO raw.test'), `${ehlo}\r\n`);
      client.destroy();
    });
  });

  test('lab: a 2xx auth override logs the client in, so the persona then accepts MAIL', async () => {
    await withLab({ persona: 'gmail', override: { phase: 'auth', reply: '235 2.7.0 Accepted' } }, async (lab) => {
      const client = await open(lab.ports.starttls ?? 0, lab.ca, true);
      assert.equal(await client.send(`AUTH PLAIN ${b64('\0nobody@lab.test\0nothing')}`), '235 2.7.0 Accepted\r\n');
      assert.match(await client.send('MAIL FROM:<me@lab.test>'), /^250 2\.1\.0 OK /);
      client.destroy();
    });
  });

  const invalid: [ReplyOverride | ReplyOverride[], RegExp][] = [
    [{ phase: 'banner' as 'greeting', reply: '220 x' }, /unknown phase "banner"/],
    [{ phase: 'auth', reply: 'Username and Password not accepted' }, /must start with a three-digit code/],
    [{ phase: 'auth', reply: [] }, /no reply given/],
    [
      [
        { phase: 'auth', reply: '535 a' },
        { phase: 'auth', reply: '535 b' },
      ],
      /two overrides for the auth phase/,
    ],
  ];
  for (const [override, error] of invalid) {
    test(`lab: an invalid override is refused before anything listens (${error.source})`, async () => {
      await assert.rejects(withLab({ override }, nothing), error);
    });
  }
});
