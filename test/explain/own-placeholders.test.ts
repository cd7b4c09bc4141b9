import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../src/explain/redact.js';

// audit14 G1: with the password "password", the words of our own placeholder were scrubbed as echoes of it.
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

test('explain: the placeholders we write are never scrubbed, even when the password is one of their words', () => {
  for (const pass of ['password', 'user', 'base', 'lowercase', 'characters', 'redacted']) {
    const blob = b64(`\0u@lab.test\0${pass}`);
    const text = [
      `AUTH PLAIN ${blob}`,
      `password=${pass}`,
      `535 5.7.8 Bad credentials ${blob}`,
      `535 5.7.8 Bad credentials ${pass}`,
    ].join('\n');
    const out = redactSecrets(text).text;
    const shape = `${pass.length} characters, lowercase`;
    assert.ok(out.includes(`AUTH PLAIN [base64 of user "u@lab.test" and password: ${shape}]`), out);
    assert.ok(out.includes(`535 5.7.8 Bad credentials [base64 of user "u@lab.test" and password: ${shape}]`), out);
    // The pasted key "password" is pasted text (scrubbed when it is the password); the placeholder after it is ours.
    assert.ok(out.includes(`=[redacted password: ${shape}]`), out);
    assert.ok(out.endsWith('535 5.7.8 Bad credentials [redacted]'), out);
  }
});

test('explain: a user name in our placeholder is still scrubbed when it is the password', () => {
  const out = redactSecrets(`AUTH PLAIN ${b64('\0hunter22\0hunter22')}\n535 5.7.8 no hunter22`).text;
  assert.ok(!out.includes('hunter22'), out);
  assert.ok(out.includes('[base64 of user "[redacted]" and password: 8 characters'), out);
});
