import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_INJECTION, parseFault, type Fault } from '../../src/lab/faults.js';
import type { Lab } from '../../src/lab/index.js';
import { Secret } from '../../src/model/secret.js';
import type { SessionRecord, StepName } from '../../src/model/session.js';
import { runSession, type SessionOptions } from '../../src/transport/session.js';
import { RawClient, b64, nothing, withLab } from '../helpers/lab.js';

function session(lab: Lab, password: string, extra: Partial<SessionOptions> = {}): Promise<SessionRecord> {
  const security = extra.security ?? 'starttls';
  return runSession({
    host: '127.0.0.1',
    port: (security === 'tls' ? lab.ports.tls : lab.ports.starttls) ?? 0,
    security,
    ca: [lab.ca],
    credentials: { username: 'alice@lab.test', secret: new Secret(password) },
    timeoutMs: 3000,
    deadlineMs: 10_000,
    ...extra,
  });
}

const step = (r: SessionRecord, name: StepName) => r.steps.find((s) => s.step === name);

describe('lab fault parsing', () => {
  const good: [string, Fault][] = [
    ['no-greeting', { kind: 'no-greeting' }],
    ['late-greeting', { kind: 'late-greeting', delayMs: 10_000 }],
    ['late-greeting=250', { kind: 'late-greeting', delayMs: 250 }],
    ['greeting-421', { kind: 'greeting-421' }],
    ['drop-mid-reply', { kind: 'drop-mid-reply', phase: 'ehlo' }],
    ['drop-mid-reply=auth', { kind: 'drop-mid-reply', phase: 'auth' }],
    ['slow=50', { kind: 'slow', bytesPerSecond: 50 }],
    ['rate-limit=3', { kind: 'rate-limit', afterFailures: 3 }],
    ['starttls-injection', { kind: 'starttls-injection', bytes: DEFAULT_INJECTION }],
    ['starttls-injection=250 X\\r\\n', { kind: 'starttls-injection', bytes: '250 X\r\n' }],
    ['strip-starttls', { kind: 'strip-starttls' }],
    ['self-signed-cert', { kind: 'certificate', certificate: 'self-signed' }],
    ['expired-cert', { kind: 'certificate', certificate: 'expired' }],
    ['wrong-host-cert', { kind: 'certificate', certificate: 'wrong-host' }],
    ['oversize-reply', { kind: 'oversize-reply', phase: 'ehlo', bytes: 1_048_576 }],
    ['endless-reply=greeting', { kind: 'endless-reply', phase: 'greeting' }],
  ];
  for (const [text, fault] of good) {
    test(`lab: fault ${JSON.stringify(text)} parses`, () => assert.deepEqual(parseFault(text), fault));
  }
  const bad: [string, RegExp][] = [
    ['slowly', /unknown fault "slowly" \(faults: no-greeting, /],
    ['slow=fast', /slow needs a whole number from 1 to/],
    ['slow=0', /slow needs a whole number/],
    ['no-greeting=5', /no-greeting takes no value/],
    ['drop-mid-reply=quit', /needs a phase \(greeting, ehlo, /],
  ];
  for (const [text, error] of bad) {
    test(`lab: fault ${JSON.stringify(text)} is refused with one clear line`, () =>
      assert.throws(() => parseFault(text), error));
  }
  test('lab: the same fault twice is refused', async () => {
    await assert.rejects(withLab({ faults: ['slow=5', 'slow=6'] }, nothing), /the fault slow is given twice/);
  });
});

describe('lab faults on the wire', () => {
  test('lab: no-greeting accepts the connection and never greets, so the client times out at the greeting', async () => {
    await withLab({ faults: ['no-greeting'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1', { timeoutMs: 300 });
      assert.equal(step(r, 'connect')?.result, 'ok');
      assert.equal(step(r, 'greeting')?.failure?.kind, 'timeout');
    });
  });

  test('lab: late-greeting greets after the delay, and the session then works', async () => {
    await withLab({ faults: ['late-greeting=200'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      assert.equal(r.outcome, 'authenticated');
    });
  });

  test('lab: late-greeting longer than the client waits is a greeting timeout', async () => {
    await withLab({ faults: ['late-greeting=5000'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1', { timeoutMs: 200 });
      assert.equal(step(r, 'greeting')?.failure?.kind, 'timeout');
    });
  });

  test('lab: greeting-421 refuses service at the greeting and closes', async () => {
    await withLab({ faults: ['greeting-421'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      assert.equal(r.greeting?.code, 421);
      assert.deepEqual(r.greeting.raw, ['421 lab.test Service not available, closing transmission channel']);
      assert.equal(r.outcome, 'stopped');
    });
  });

  for (const phase of ['greeting', 'ehlo', 'auth'] as const) {
    test(`lab: drop-mid-reply at ${phase} sends half a reply and resets the connection`, async () => {
      await withLab({ faults: [`drop-mid-reply=${phase}`] }, async (lab) => {
        const r = await session(lab, 'lab-password-1', { security: 'none', allowPlaintext: true });
        const failed = r.steps.find((s) => s.result === 'failed');
        assert.equal(failed?.step, phase === 'auth' ? 'auth' : phase);
        assert.ok(
          failed.failure && ['closed', 'network-error'].includes(failed.failure.kind),
          JSON.stringify(failed.failure),
        );
      });
    });
  }

  test('lab: slow sends the greeting in many small packets, byte for byte the same', async () => {
    await withLab({ faults: ['slow=50'] }, async (lab) => {
      const client = await RawClient.connect(lab.ports.starttls ?? 0);
      // 50 bytes per second goes out 5 bytes at a time: the 20-byte greeting cannot arrive in one piece.
      assert.equal(await client.reply(5000), '220 lab.test ESMTP\r\n');
      assert.ok(client.dataEvents > 1, `${client.dataEvents} pieces`);
      client.destroy();
    });
  });

  test('lab: slow still lets a whole session through', async () => {
    await withLab({ faults: ['slow=20000'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      assert.equal(r.outcome, 'authenticated');
    });
  });

  test('lab: rate-limit=2 refuses the third login as throttled — right password included — and counts exactly', async () => {
    await withLab({ faults: ['rate-limit=2'] }, async (lab) => {
      const replies: string[] = [];
      for (const password of ['wrong-1', 'wrong-2', 'wrong-3', 'lab-password-1']) {
        const r = await session(lab, password);
        replies.push(r.auth?.reply?.raw.join('\n') ?? `(${r.outcome})`);
      }
      assert.deepEqual(replies, [
        '535 Error: Authentication credentials invalid',
        '535 Error: Authentication credentials invalid',
        '454 4.7.0 Too many failed login attempts, try again later',
        '454 4.7.0 Too many failed login attempts, try again later',
      ]);
      assert.equal(lab.failedLogins, 2);
    });
  });

  test("lab: rate-limit on the Gmail persona uses Gmail's 454 4.7.0 Too many login attempts", async () => {
    await withLab({ persona: 'gmail', faults: ['rate-limit=1'] }, async (lab) => {
      await session(lab, 'wrong');
      const r = await session(lab, 'abcdefghijklmnop');
      assert.match(
        r.auth?.reply?.raw[0] ?? '',
        /^454 4\.7\.0 Too many login attempts, please try again later\. \S+ - gsmtp$/,
      );
    });
  });

  test('lab: rate-limit=0 refuses every login from the first one', async () => {
    await withLab({ faults: ['rate-limit=0'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      assert.equal(r.auth?.reply?.code, 454);
    });
  });

  test('lab: starttls-injection puts plaintext after the 220 in the same packet; the client sees it and withholds credentials', async () => {
    await withLab({ faults: ['starttls-injection'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      assert.ok(r.injection, 'injection detected');
      assert.match(r.injection.preview, /INJECTED/);
      assert.equal(step(r, 'auth')?.result, 'skipped');
      assert.ok(!r.transcript.some((e) => e.dir === 'client' && e.text.startsWith('AUTH')));
    });
  });

  test('lab: starttls-injection bytes arrive in the same write as the 220', async () => {
    await withLab({ faults: ['starttls-injection'] }, async (lab) => {
      const client = await RawClient.connect(lab.ports.starttls ?? 0);
      await client.reply();
      await client.send('EHLO raw.test');
      const ready = await client.send('STARTTLS');
      assert.equal(ready, '220 Ready to start TLS\r\n');
      const leftover = await client.startTls(lab.ca).catch(() => 'handshake failed');
      assert.equal(leftover, DEFAULT_INJECTION);
      client.destroy();
    });
  });

  test('lab: strip-starttls removes STARTTLS from EHLO and refuses the command, so a careful client sends no password', async () => {
    await withLab({ persona: 'gmail', faults: ['strip-starttls'] }, async (lab) => {
      const r = await session(lab, 'abcdefghijklmnop');
      assert.equal(r.capabilities.beforeTls?.starttls, false);
      assert.equal(step(r, 'starttls')?.result, 'rejected');
      assert.ok(!r.transcript.some((e) => e.dir === 'client' && e.text.startsWith('AUTH')));
    });
  });

  const certificateCases: [string, string][] = [
    ['self-signed-cert', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['expired-cert', 'CERT_HAS_EXPIRED'],
    ['wrong-host-cert', 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ];
  for (const [fault, code] of certificateCases) {
    for (const security of ['starttls', 'tls'] as const) {
      test(`lab: ${fault} makes a verifying client refuse the certificate with ${code} (${security})`, async () => {
        await withLab({ faults: [fault] }, async (lab) => {
          const r = await session(lab, 'lab-password-1', { security, host: 'localhost' });
          const failure = step(r, 'tls-handshake')?.failure;
          assert.equal(failure?.kind, 'certificate-rejected', JSON.stringify(failure));
          assert.equal(failure.code, code);
        });
      });
    }
  }

  test('lab: oversize-reply answers EHLO with one 1 MiB line, which a bounded client refuses', async () => {
    await withLab({ faults: ['oversize-reply'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      const failure = step(r, 'ehlo')?.failure;
      assert.equal(failure?.kind, 'protocol-violation');
      assert.equal(failure.violation.kind, 'line-too-long');
    });
  });

  test('lab: oversize-reply sends exactly the number of bytes asked for', async () => {
    await withLab({ faults: ['oversize-reply=5000'] }, async (lab) => {
      const client = await RawClient.connect(lab.ports.starttls ?? 0);
      await client.reply();
      const reply = await client.send('EHLO raw.test');
      assert.equal(reply.length, 5000);
      assert.match(reply, /^250 x+\r\n$/);
      client.destroy();
    });
  });

  test('lab: endless-reply streams continuation lines until the client gives up, and the lab serves the next client', async () => {
    await withLab({ faults: ['endless-reply'] }, async (lab) => {
      const r = await session(lab, 'lab-password-1');
      const failure = step(r, 'ehlo')?.failure;
      assert.equal(failure?.kind, 'protocol-violation');
      assert.ok(['reply-too-many-lines', 'reply-too-large'].includes(failure.violation.kind), failure.violation.kind);
      const again = await RawClient.connect(lab.ports.starttls ?? 0);
      assert.equal(await again.reply(), '220 lab.test ESMTP\r\n');
      again.destroy();
    });
  });

  test('lab: faults combine — slow and rate-limit together still count exactly', async () => {
    await withLab({ persona: 'postfix-dovecot', faults: ['slow=50000', 'rate-limit=1'] }, async (lab) => {
      const first = await session(lab, 'wrong');
      const second = await session(lab, 'lab-password-1');
      assert.equal(first.auth?.reply?.raw[0], '535 5.7.8 Error: authentication failed: (reason unavailable)');
      assert.equal(second.auth?.reply?.raw[0], '450 4.7.1 Error: too many AUTH commands from 127.0.0.1');
    });
  });

  test('lab: AUTH LOGIN prompts still flow under the slow fault', async () => {
    await withLab({ faults: ['slow=5000'] }, async (lab) => {
      const client = await RawClient.connect(lab.ports.starttls ?? 0);
      await client.reply();
      await client.send('EHLO raw.test');
      assert.equal(await client.send('AUTH LOGIN'), '334 VXNlcm5hbWU6\r\n');
      assert.equal(await client.send(b64('alice@lab.test')), '334 UGFzc3dvcmQ6\r\n');
      assert.equal(await client.send(b64('lab-password-1')), '235 Authentication successful\r\n');
      client.destroy();
    });
  });
});
