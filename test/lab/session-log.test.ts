import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LabLogEvent } from '../../src/lab/session-log.js';
import { describeBlob, formatLogEvent, redactCommand } from '../../src/lab/session-log.js';
import { Secret } from '../../src/model/secret.js';
import { runSession } from '../../src/transport/session.js';
import { RawClient, b64, withLab } from '../helpers/lab.js';

const PASSWORD = 'S3cret pass wörd!';
const TOKEN = 'ya29.super-secret-token';

/** Every way the secret could leak into a log line. */
function leaks(text: string, secret: string, user: string): string | null {
  const forms = [
    secret,
    b64(secret),
    b64(`\0${user}\0${secret}`),
    b64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`),
  ];
  return forms.find((f) => text.includes(f)) ?? null;
}

describe('lab session log redaction', () => {
  const mechanisms: [string, boolean][] = [
    ['PLAIN', false],
    ['LOGIN', false],
    ['CRAM-MD5', false],
    ['XOAUTH2', true],
  ];
  for (const [mechanism, token] of mechanisms) {
    for (const right of [true, false]) {
      test(`lab: the session log never holds the ${token ? 'token' : 'password'} of a ${right ? 'successful' : 'failed'} ${mechanism} login`, async () => {
        const events: LabLogEvent[] = [];
        const account = `alice@lab.test:"${PASSWORD}" token=${TOKEN}`;
        await withLab({ accounts: [account], log: (e) => events.push(e) }, async (lab) => {
          const secret = right ? (token ? TOKEN : PASSWORD) : `${token ? TOKEN : PASSWORD}x`;
          const r = await runSession({
            host: '127.0.0.1',
            port: lab.ports.starttls ?? 0,
            security: 'starttls',
            ca: [lab.ca],
            credentials: { username: 'alice@lab.test', secret: new Secret(secret, token ? 'token' : 'password') },
            mechanism,
            timeoutMs: 3000,
          });
          assert.equal(r.outcome, right ? 'authenticated' : 'auth-rejected');
          const text = events.map(formatLogEvent).join('\n');
          for (const s of [PASSWORD, TOKEN, `${PASSWORD}x`, `${TOKEN}x`])
            assert.equal(leaks(text, s, 'alice@lab.test'), null);
          assert.match(text, new RegExp(`${mechanism} login as "alice@lab.test": ${right ? 'accepted' : 'refused'}`));
        });
      });
    }
  }

  test('lab: a refused login is logged with the shape of what was sent, which is what a developer needs', async () => {
    const events: LabLogEvent[] = [];
    await withLab({ log: (e) => events.push(e) }, async (lab) => {
      await runSession({
        host: '127.0.0.1',
        port: lab.ports.starttls ?? 0,
        security: 'starttls',
        ca: [lab.ca],
        credentials: { username: 'alice@lab.test', secret: new Secret('lab-password-1 ') },
        timeoutMs: 3000,
      });
    });
    const verdict = events.find((e) => e.kind === 'info' && e.text.includes('refused'));
    assert.match(
      verdict?.text ?? '',
      /wrong password \(password: 15 characters, lowercase\+digits\+symbols\+spaces; TRAILING WHITESPACE\)/,
    );
  });

  test('lab: the message body is logged by size only', async () => {
    const events: LabLogEvent[] = [];
    await withLab({ log: (e) => events.push(e) }, async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      await c.send('EHLO raw.test');
      await c.send('MAIL FROM:<a@lab.test>');
      await c.send('RCPT TO:<b@lab.test>');
      await c.send('DATA');
      assert.equal(await c.send('Subject: private\r\n\r\nconfidential body\r\n.'), '250 OK: message queued\r\n');
      c.destroy();
    });
    const text = events.map((e) => e.text).join('\n');
    assert.ok(!text.includes('confidential'));
    assert.match(text, /\[message: 3 lines, \d+ bytes\]/);
  });

  const commands: [string, string][] = [
    ['AUTH PLAIN AGFsaWNlAHB3', 'AUTH PLAIN [credentials: 12 base64 characters]'],
    ['auth login YWxpY2U=', 'auth login [credentials: 8 base64 characters]'],
    ['AUTH LOGIN', 'AUTH LOGIN'],
    ['MAIL FROM:<a@b.c>', 'MAIL FROM:<a@b.c>'],
    ['EHLO \x00\x1b[31m', 'EHLO \\x00\\x1b[31m'],
    // Lines arrive as latin1; valid UTF-8 is shown as the characters the client meant.
    [
      Buffer.from('MAIL FROM:<jörg@bücher.example> SMTPUTF8', 'utf8').toString('latin1'),
      'MAIL FROM:<jörg@bücher.example> SMTPUTF8',
    ],
    // Not UTF-8 (a latin1 client): shown byte for byte, not as replacement characters.
    ['EHLO caf\xe9', 'EHLO café'],
    // C1 controls and bidi overrides could reorder or restyle a terminal line.
    [Buffer.from('EHLO a\u202eb\u0085', 'utf8').toString('latin1'), 'EHLO a\\u202eb\\x85'],
  ];
  for (const [line, logged] of commands) {
    test(`lab: the client line ${JSON.stringify(line)} is logged as ${JSON.stringify(logged)}`, () => {
      assert.equal(redactCommand(line), logged);
    });
  }

  const blobs: [string, string][] = [
    ['', '(empty line)'],
    ['*', '* (cancel)'],
    ['cGFzc3dvcmQ=', '[credentials: 12 base64 characters]'],
    ['not base64!', '[credentials: 11 characters, not base64]'],
  ];
  for (const [blob, logged] of blobs) {
    test(`lab: a SASL response ${JSON.stringify(blob)} is logged as ${JSON.stringify(logged)}`, () => {
      assert.equal(describeBlob(blob), logged);
    });
  }
});
