import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/model/errors.js';
import * as cmd from '../../src/protocol/commands.js';

test('commands: build the lines we send', () => {
  assert.equal(cmd.ehlo('client.example').wire, 'EHLO client.example');
  assert.equal(cmd.helo('[127.0.0.1]').wire, 'HELO [127.0.0.1]');
  assert.equal(cmd.starttls().wire, 'STARTTLS');
  assert.equal(cmd.mailFrom('a@b.example').wire, 'MAIL FROM:<a@b.example>');
  assert.equal(cmd.rcptTo('c@d.example').wire, 'RCPT TO:<c@d.example>');
  assert.equal(cmd.quit().wire, 'QUIT');
});

const injections = ['x\r\nMAIL FROM:<evil@example>', 'x\nRSET', 'x\rQUIT', 'x\0y'];
for (const bad of injections) {
  test(`commands: refuse CR/LF/NUL injection in ${JSON.stringify(bad)}`, () => {
    assert.throws(() => cmd.ehlo(bad), InputError);
    assert.throws(() => cmd.mailFrom(bad), InputError);
    assert.throws(() => cmd.rcptTo(bad), InputError);
  });
}

test('commands: refuse a command longer than RFC 5321 allows', () => {
  assert.throws(() => cmd.ehlo('a'.repeat(600)), InputError);
});
