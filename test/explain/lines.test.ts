import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyLines } from '../../src/explain/lines.js';

const kinds = (text: string): string =>
  classifyLines(text)
    .map((l) => l.kind.charAt(0))
    .join('');

describe('explain lines: a session pasted without markers', () => {
  // [what, text, the kind of each line: s server, c client, o other]
  const cases: [string, string, string][] = [
    [
      'commands typed between the replies (telnet)',
      '220 mx ESMTP\nEHLO me.example\n250-mx\n250 AUTH NTLM\nAUTH LOGIN\n504 5.7.4 Unrecognized authentication type',
      'scsscs',
    ],
    [
      'SASL responses right after a 334 challenge',
      '220 mx\nAUTH LOGIN\n334 VXNlcm5hbWU6\nYWxpY2U=\n334 UGFzc3dvcmQ6\nc2VjcmV0\n535 5.7.8 no',
      'scscscs',
    ],
    [
      'pipelined commands answered together',
      '250 ok\nMAIL FROM:<a@x.example>\nRCPT TO:<b@y.example>\n250 ok\n250 ok',
      'sccss',
    ],
    ['a command that nothing answers', '220 mx ESMTP\nEHLO me.example', 'so'],
    ['prose that names commands', '220 mx ESMTP\nThen send EHLO with your name\nDATA comes last\n250 ok', 'soos'],
    ['a paste that starts with a command its reply answers', 'EHLO me.example\n250 ok', 'cs'],
    ['a paste that starts with a command nothing answers', 'EHLO me.example\nthen it hung', 'oo'],
    ['a word after a reply that is not a command', '535 5.7.8 no\nretrying\n535 5.7.8 no', 'sos'],
    [
      'EHLO typed after a tool’s own output (openssl s_client), answered right away',
      '$ openssl s_client -starttls smtp -crlf -connect mx.example:25\n...\nEHLO me.example\n250-mx.example\n250 8BITMIME',
      'oocss',
    ],
    ['prose after other text that is not a command', 'some log\nDATA comes last\n250 ok', 'oos'],
  ];
  for (const [what, text, expected] of cases) {
    test(`explain lines: reads ${what}`, () => {
      assert.equal(kinds(text), expected);
    });
  }
});

describe('explain lines: debug markers', () => {
  test("explain lines: reads PEAR Net_SMTP's debug lines as Roundcube logs them (Recv:, Send:)", () => {
    const text = [
      '[28-Nov-2019 11:08:54 +0000]: <1lnaie7h> Recv: 220 mx.example ESMTP Postfix',
      '[28-Nov-2019 11:08:54 +0000]: <1lnaie7h> Send: EHLO me.example',
      '[28-Nov-2019 11:08:54 +0000]: <1lnaie7h> Recv: 250-mx.example',
      '[28-Nov-2019 11:08:54 +0000]: <1lnaie7h> Recv: 250 STARTTLS',
    ].join('\n');
    assert.equal(kinds(text), 'scss');
  });
});
