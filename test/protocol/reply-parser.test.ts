import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../../src/protocol/limits.js';
import { ReplyParser, parseReplyText, type ParseEvent } from '../../src/protocol/reply-parser.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

function parseAll(chunks: Uint8Array[], parser = new ReplyParser()): ParseEvent[] {
  return chunks.flatMap((c) => parser.push(c));
}

describe('reply parser', () => {
  const cases: {
    name: string;
    wire: string;
    code: number;
    lines: string[];
    enhanced?: string | null;
    anomalies?: string[];
  }[] = [
    {
      name: 'reads a single-line reply',
      wire: '220 mx.example ESMTP ready\r\n',
      code: 220,
      lines: ['mx.example ESMTP ready'],
      enhanced: null,
    },
    {
      name: 'joins 250- continuation lines',
      wire: '250-mx.example\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN\r\n',
      code: 250,
      lines: ['mx.example', 'PIPELINING', 'AUTH PLAIN LOGIN'],
    },
    { name: 'accepts a code alone', wire: '250\r\n', code: 250, lines: [''] },
    { name: 'accepts a last line without the space', wire: '250-a\r\n250\r\n', code: 250, lines: ['a', ''] },
    {
      name: 'tolerates LF-only line ends and says so',
      wire: '220 hi\n',
      code: 220,
      lines: ['hi'],
      anomalies: ['bare-lf'],
    },
    {
      name: 'strips the enhanced status code from each line (Gmail layout)',
      wire: '535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1\r\n',
      code: 535,
      enhanced: '5.7.8',
      lines: [
        'Username and Password not accepted. For more information, go to',
        'https://support.google.com/mail/?p=BadCredentials x1',
      ],
    },
    {
      name: 'reads no enhanced code on a 334 challenge',
      wire: '334 2.0.0\r\n',
      code: 334,
      lines: ['2.0.0'],
      enhanced: null,
    },
    {
      name: 'flags an enhanced class that disagrees with the code',
      wire: '250 5.1.1 odd\r\n',
      code: 250,
      lines: ['5.1.1 odd'],
      enhanced: null,
      anomalies: ['enhanced-class-mismatch'],
    },
    {
      name: 'flags mixed codes in one multi-line reply',
      wire: '250-a\r\n535 b\r\n',
      code: 535,
      lines: ['a', 'b'],
      anomalies: ['mixed-codes'],
    },
    {
      name: 'flags a code outside 2xx-5xx',
      wire: '999 weird\r\n',
      code: 999,
      lines: ['weird'],
      anomalies: ['code-out-of-range'],
    },
    {
      name: 'keeps NUL bytes visible as an anomaly',
      wire: '220 a\0b\r\n',
      code: 220,
      lines: ['a\0b'],
      anomalies: ['nul-byte'],
    },
    {
      name: 'decodes UTF-8 text',
      wire: '550 Zugriff verweigert – ungültig\r\n',
      code: 550,
      lines: ['Zugriff verweigert – ungültig'],
    },
  ];
  for (const c of cases) {
    test(`reply parser: ${c.name}`, () => {
      const reply = parseReplyText(c.wire);
      assert.ok(reply, 'a reply');
      assert.equal(reply.code, c.code);
      assert.deepEqual(reply.lines, c.lines);
      if (c.enhanced !== undefined) assert.equal(reply.enhanced?.code ?? null, c.enhanced);
      assert.deepEqual([...reply.anomalies].sort(), [...(c.anomalies ?? [])].sort());
    });
  }

  test('reply parser: flags invalid UTF-8 and keeps going', () => {
    const events = new ReplyParser().push(Buffer.from([0x32, 0x32, 0x30, 0x20, 0xff, 0xfe, 0x0d, 0x0a]));
    const first = events[0];
    assert.ok(first?.type === 'reply');
    assert.ok(first.reply.anomalies.includes('invalid-utf8'));
  });

  test('reply parser: a UTF-8 character split across chunks decodes whole', () => {
    const wire = bytes('550 ungültig\r\n');
    const split = wire.indexOf(0xc3) + 1; // inside the two-byte ü
    const events = parseAll([wire.subarray(0, split), wire.subarray(split)]);
    assert.equal(events[0]?.type === 'reply' && events[0].reply.lines[0], 'ungültig');
  });

  test('reply parser: two replies in one chunk come out in order', () => {
    const events = parseAll([bytes('220 a\r\n250 b\r\n')]);
    assert.deepEqual(
      events.map((e) => (e.type === 'reply' ? e.reply.code : 0)),
      [220, 250],
    );
  });

  test('reply parser: a line without a reply code is a violation that stops the parser', () => {
    const parser = new ReplyParser();
    const events = parser.push(bytes('HTTP/1.1 400 Bad Request\r\n220 late\r\n'));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.type === 'violation' && events[0].violation.kind, 'malformed-line');
    assert.equal(parser.failed, true);
    assert.deepEqual(parser.push(bytes('220 more\r\n')), []);
  });

  test('reply parser: a 1 MB line stops at the line limit', () => {
    const parser = new ReplyParser();
    const events = parser.push(Buffer.concat([bytes('250 '), Buffer.alloc(1024 * 1024, 0x61), bytes('\r\n')]));
    assert.equal(events[0]?.type === 'violation' && events[0].violation.kind, 'line-too-long');
    assert.ok(parser.pendingBytes === 0);
  });

  test('reply parser: a line growing in small chunks stops at the limit without keeping more than the limit', () => {
    const parser = new ReplyParser();
    let violation: ParseEvent | undefined;
    for (let i = 0; i < 2000 && !violation; i++) {
      violation = parser.push(Buffer.alloc(100, 0x61)).find((e) => e.type === 'violation');
      assert.ok(parser.pendingBytes <= DEFAULT_LIMITS.maxLineBytes + 100);
    }
    assert.equal(violation?.type === 'violation' && violation.violation.kind, 'line-too-long');
  });

  test('reply parser: an endless multi-line reply stops at the line count limit', () => {
    const parser = new ReplyParser();
    const events: ParseEvent[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.maxReplyLines + 10; i++) events.push(...parser.push(bytes('250-x\r\n')));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.type === 'violation' && events[0].violation.kind, 'reply-too-many-lines');
  });

  test('reply parser: an endless multi-line reply of long lines stops at the size limit', () => {
    const parser = new ReplyParser();
    const line = `250-${'y'.repeat(1000)}\r\n`;
    const events: ParseEvent[] = [];
    for (let i = 0; i < 100; i++) events.push(...parser.push(bytes(line)));
    assert.equal(events[0]?.type === 'violation' && events[0].violation.kind, 'reply-too-large');
    assert.ok(parser.discardedBytes > 0);
  });

  test('reply parser: takePending hands over the bytes after a complete reply and forgets them', () => {
    const parser = new ReplyParser();
    parser.push(bytes('220 go ahead\r\n250-injected\r\n250 PIPE'));
    assert.equal(parser.takePending().toString('utf8'), '250-injected\r\n250 PIPE');
    assert.equal(parser.pendingBytes, 0);
  });

  test('reply parser: any chunking of valid replies parses the same (property)', () => {
    const lineText = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '.', '-', 'é', '€', '😀'), maxLength: 30 });
    const reply = fc.record({
      code: fc.integer({ min: 200, max: 599 }),
      lines: fc.array(lineText, { minLength: 1, maxLength: 5 }),
      lf: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(reply, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (replies, cuts) => {
          const wire = Buffer.from(
            replies
              .map((r) =>
                r.lines
                  .map((l, i) => `${r.code}${i === r.lines.length - 1 ? ' ' : '-'}${l}${r.lf ? '\n' : '\r\n'}`)
                  .join(''),
              )
              .join(''),
            'utf8',
          );
          const whole = parseAll([wire]);
          const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let at = 0;
          for (const p of points) {
            chunks.push(wire.subarray(at, p));
            at = p;
          }
          chunks.push(wire.subarray(at));
          assert.deepEqual(parseAll(chunks), whole);
          assert.equal(whole.length, replies.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
