import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Lab } from '../../src/lab/index.js';
import { RawClient, b64, withLab } from '../helpers/lab.js';

/** A raw client that has greeted and (for STARTTLS) upgraded and said EHLO again. */
async function ready(lab: Lab, tls = true): Promise<RawClient> {
  const c = await RawClient.connect(lab.ports.starttls ?? 0);
  await c.reply();
  await c.send('EHLO raw.test');
  if (tls) {
    await c.send('STARTTLS');
    await c.startTls(lab.ca);
    await c.send('EHLO raw.test');
  }
  return c;
}

type Step = [send: string, expect: string | RegExp];

interface Dialogue {
  title: string;
  persona?: string;
  tls?: boolean;
  steps: Step[];
}

const PLAIN_OK = b64('\0alice@lab.test\0lab-password-1');

const DIALOGUES: Dialogue[] = [
  {
    title: 'AUTH PLAIN without an initial response gets an empty 334 challenge, then the verdict',
    steps: [
      ['AUTH PLAIN', '334 \r\n'],
      [PLAIN_OK, '235 Authentication successful\r\n'],
    ],
  },
  {
    title: 'AUTH LOGIN with the user name on the command line goes straight to the password prompt',
    steps: [
      [`AUTH LOGIN ${b64('alice@lab.test')}`, '334 UGFzc3dvcmQ6\r\n'],
      [b64('lab-password-1'), '235 Authentication successful\r\n'],
    ],
  },
  {
    title: 'AUTH LOGIN in two steps prompts Username: then Password:',
    steps: [
      ['AUTH LOGIN', '334 VXNlcm5hbWU6\r\n'],
      [b64('alice@lab.test'), '334 UGFzc3dvcmQ6\r\n'],
      [b64('lab-password-1'), '235 Authentication successful\r\n'],
    ],
  },
  {
    title: 'a client that cancels with * gets 501',
    steps: [
      ['AUTH LOGIN', '334 VXNlcm5hbWU6\r\n'],
      ['*', '501 Authentication aborted\r\n'],
    ],
  },
  {
    title: 'a response that is not base64 is refused, not guessed at',
    steps: [['AUTH PLAIN not*base64', '501 Error: invalid userdata\r\n']],
  },
  {
    title: 'CRAM-MD5 with an initial response is a syntax error: the server speaks first',
    steps: [['AUTH CRAM-MD5 abc', /^501 /]],
  },
  {
    title: 'a second AUTH after logging in is refused',
    steps: [
      [`AUTH PLAIN ${PLAIN_OK}`, '235 Authentication successful\r\n'],
      [`AUTH PLAIN ${PLAIN_OK}`, '503 Error: No identity changes permitted\r\n'],
    ],
  },
  {
    title: 'the envelope is checked in order: RCPT needs MAIL, DATA needs RCPT, RSET clears',
    steps: [
      ['RCPT TO:<b@lab.test>', '503 Error: need MAIL command\r\n'],
      ['DATA', '503 Error: need RCPT command\r\n'],
      ['MAIL FROM:<a@lab.test>', '250 Accepted\r\n'],
      ['MAIL FROM:<a@lab.test>', '503 Error: nested MAIL command\r\n'],
      ['RSET', '250 Flushed\r\n'],
      ['RCPT TO:<b@lab.test>', '503 Error: need MAIL command\r\n'],
      ['MAIL FROM:a@lab.test', '501 Error: Bad sender address syntax\r\n'],
      ['NOOP', '250 OK\r\n'],
      ['VRFY alice', '500 Error: command not recognized\r\n'],
    ],
  },
  {
    title: 'a message with dot-stuffed lines is read to its lone dot',
    steps: [
      ['MAIL FROM:<a@lab.test>', '250 Accepted\r\n'],
      ['RCPT TO:<b@lab.test>', '250 Accepted\r\n'],
      ['DATA', '354 End data with <CR><LF>.<CR><LF>\r\n'],
      ['Subject: x\r\n\r\n..a line that starts with a dot\r\n.', '250 OK: message queued\r\n'],
    ],
  },
  {
    title: 'STARTTLS inside TLS is refused',
    steps: [['STARTTLS', '503 Error: TLS already active\r\n']],
  },
  {
    title: 'gmail: MAIL after TLS without AUTH gets the two-line 530-5.7.0 Authentication Required',
    persona: 'gmail',
    steps: [
      [
        'MAIL FROM:<a@lab.test>',
        /^530-5\.7\.0 Authentication Required\. For more information, go to\r\n530 5\.7\.0 {2}https:\/\/support\.google\.com\/mail\/\?p=WantAuthError \S+ - gsmtp\r\n$/,
      ],
    ],
  },
  {
    title: 'gmail: an envelope address with a display name gets 555 5.5.2 Syntax error',
    persona: 'gmail',
    steps: [
      [`AUTH PLAIN ${b64('\0alice@lab.test\0abcdefghijklmnop')}`, '235 2.7.0 Accepted\r\n'],
      ['MAIL FROM:<Alice <alice@lab.test>>', /^555 5\.5\.2 Syntax error, cannot decode response\. /],
    ],
  },
  {
    title: 'postfix-dovecot: an unauthenticated RCPT gets 454 4.7.1 <address>: Relay access denied',
    persona: 'postfix-dovecot',
    steps: [
      ['MAIL FROM:<a@lab.test>', '250 2.1.0 Ok\r\n'],
      ['RCPT TO:<fake@fake.com>', '454 4.7.1 <fake@fake.com>: Relay access denied\r\n'],
    ],
  },
  {
    title: 'exim: an unauthenticated RCPT gets 550 relay not permitted',
    persona: 'exim',
    steps: [
      ['MAIL FROM:<a@lab.test>', '250 OK\r\n'],
      ['RCPT TO:<b@remote.test>', '550 relay not permitted\r\n'],
    ],
  },
  {
    title: 'yahoo: an unknown command is named in the reply',
    persona: 'yahoo',
    tls: false,
    steps: [['HELP', '500 5.5.1 Command HELP unrecognized.\r\n']],
  },
  {
    title: 'ses: MAIL before TLS gets 530 Must issue a STARTTLS command first',
    persona: 'ses',
    tls: false,
    steps: [['MAIL FROM:<a@lab.test>', '530 Must issue a STARTTLS command first\r\n']],
  },
  {
    title: 'exchange: AUTH NTLM is advertised as Exchange does, and the lab says plainly it does not run it',
    persona: 'exchange',
    tls: false,
    steps: [
      [
        'AUTH NTLM',
        '504 5.5.4 NTLM is advertised as the real server does, but the smtp-doctor lab does not implement it\r\n',
      ],
    ],
  },
];

describe('lab persona protocol (raw dialogues)', () => {
  for (const d of DIALOGUES) {
    test(`lab: ${d.title}`, async () => {
      await withLab({ persona: d.persona ?? 'plain' }, async (lab) => {
        const c = await ready(lab, d.tls ?? true);
        for (const [send, expect] of d.steps) {
          const reply = await c.send(send);
          if (typeof expect === 'string') assert.equal(reply, expect, send);
          else assert.match(reply, expect, send);
        }
        c.destroy();
      });
    });
  }

  test('lab: plaintext pipelined after STARTTLS is discarded, never answered inside TLS (CVE-2011-0411)', async () => {
    await withLab({}, async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      await c.send('EHLO raw.test');
      c.write('STARTTLS\r\nNOOP\r\n');
      assert.equal(await c.reply(), '220 Ready to start TLS\r\n');
      await c.startTls(lab.ca);
      assert.match(await c.send('EHLO again.test'), /^250-lab\.test Nice to meet you/);
      c.destroy();
    });
  });

  test('lab: STARTTLS resets the session, so AUTH before the new EHLO is refused', async () => {
    await withLab({}, async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      await c.reply();
      await c.send('EHLO raw.test');
      await c.send('STARTTLS');
      await c.startTls(lab.ca);
      assert.equal(await c.send(`AUTH PLAIN ${PLAIN_OK}`), '503 Error: send HELO/EHLO first\r\n');
      c.destroy();
    });
  });

  test('lab: the implicit-TLS listener answers EHLO without STARTTLS and refuses the command', async () => {
    await withLab({ persona: 'gmail' }, async (lab) => {
      const c = await RawClient.connectTls(lab.ports.tls ?? 0, lab.ca);
      assert.match(await c.reply(), /^220 smtp\.gmail\.com ESMTP \S+ - gsmtp\r\n$/);
      const ehlo = await c.send('EHLO raw.test');
      assert.ok(!ehlo.includes('STARTTLS'));
      assert.match(ehlo, /250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n/);
      assert.equal(await c.send('STARTTLS'), '503 Bad sequence of commands\r\n');
      c.destroy();
    });
  });

  test('lab: HELO gets the persona HELO reply and no extensions', async () => {
    await withLab({ persona: 'exim' }, async (lab) => {
      const c = await RawClient.connect(lab.ports.starttls ?? 0);
      assert.match(
        await c.reply(),
        /^220 mail\.lab\.test ESMTP Exim 4\.96 \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\r\n$/,
      );
      assert.equal(await c.send('HELO old.test'), '250 mail.lab.test Hello old.test [127.0.0.1]\r\n');
      c.destroy();
    });
  });
});
