import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { Secret } from '../../src/model/secret.js';
import { startScriptedServer, type Script, type ScriptContext } from '../helpers/scripted-server.js';
import { labCertificates } from '../helpers/certs.js';
import { clientLines, session, step } from '../helpers/session.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** Runs one session against a script and closes the server. */
async function against(script: Script, options: Parameters<typeof session>[1] = {}) {
  const server = await startScriptedServer(script);
  try {
    const record = await session(server.port, options);
    return { record, received: server.received.flat() };
  } finally {
    await server.close();
  }
}

async function greetAndEhlo(
  ctx: ScriptContext,
  ehlo = ['250-scripted.test', '250-STARTTLS', '250 AUTH PLAIN LOGIN'],
): Promise<void> {
  ctx.line('220 scripted.test ESMTP');
  await ctx.readLine();
  for (const l of ehlo) ctx.line(l);
}

describe('session against scripted servers', () => {
  let certs: LabCertificates;
  before(async () => {
    certs = await labCertificates();
  });

  test('session: reads multi-line greeting and EHLO replies', async () => {
    const { record } = await against(
      async (ctx) => {
        ctx.line('220-scripted.test ESMTP');
        ctx.line('220-second line');
        ctx.line('220 third line');
        await ctx.readLine();
        ctx.line('250-scripted.test hello');
        ctx.line('250-SIZE 1000');
        ctx.line('250 AUTH=LOGIN');
        await ctx.readLine();
        ctx.line('221 bye');
      },
      { security: 'none' },
    );
    assert.equal(record.outcome, 'connected');
    assert.deepEqual(record.greeting?.lines, ['scripted.test ESMTP', 'second line', 'third line']);
    assert.deepEqual(record.capabilities.beforeTls?.auth, ['LOGIN']);
    assert.equal(record.capabilities.beforeTls.legacyAuthOnly, true);
  });

  test('session: falls back to HELO when EHLO is refused, and then cannot STARTTLS', async () => {
    const { record, received } = await against(async (ctx) => {
      ctx.line('220 old.test SMTP');
      await ctx.readLine();
      ctx.line('502 5.5.2 EHLO not implemented');
      await ctx.readLine();
      ctx.line('250 old.test');
      await ctx.readLine();
      ctx.line('221 bye');
    });
    assert.ok(received.some((l) => l.startsWith('HELO ')));
    assert.equal(record.capabilities.beforeTls?.viaHelo, true);
    assert.equal(step(record, 'starttls')?.result, 'skipped');
    assert.ok(!received.includes('STARTTLS'));
  });

  test('session: STARTTLS answered 220 plus an injected line in the same packet is discarded, reported, and no credentials are sent', async () => {
    const { record, received } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx);
        await ctx.readLine();
        ctx.write('220 2.0.0 Ready to start TLS\r\n250-injected.example\r\n250 AUTH PLAIN\r\n');
        if (!(await ctx.startTls(certs.valid))) return;
        await ctx.readLine();
        ctx.line('250-scripted.test');
        ctx.line('250 AUTH PLAIN LOGIN');
        for (;;) {
          const l = await ctx.readLine(2000);
          if (l === null) return;
          ctx.line(l === 'QUIT' ? '221 bye' : '535 no');
        }
      },
      { user: 'u@x.test', password: 'pw-123456', ca: [certs.ca.cert] },
    );
    assert.ok(record.injection, 'injection recorded');
    assert.match(record.injection.preview, /injected\.example/);
    assert.equal(record.outcome, 'stopped');
    assert.equal(step(record, 'auth')?.result, 'skipped');
    assert.ok(!received.some((l) => l.startsWith('AUTH')), 'no AUTH sent');
    assert.deepEqual(record.capabilities.afterTls?.auth, ['PLAIN', 'LOGIN'], 'the post-TLS EHLO is what counts');
  });

  test('session: STARTTLS answered 220 with a partial injected line is discarded too', async () => {
    const { record } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx);
        await ctx.readLine();
        ctx.write('220 ready\r\n250-SMTPUTF8 INJECTED');
        if (!(await ctx.startTls(certs.valid))) return;
        await ctx.readLine();
        ctx.line('250 scripted.test');
        await ctx.readLine();
        ctx.line('221 bye');
      },
      { ca: [certs.ca.cert] },
    );
    assert.match(record.injection?.preview ?? '', /SMTPUTF8 INJECTED/);
    assert.equal(record.capabilities.afterTls?.domain, 'scripted.test');
  });

  test('session: plaintext injected in a later packet breaks the TLS handshake instead of being read', async () => {
    const { record, received } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx);
        await ctx.readLine();
        ctx.line('220 ready');
        await ctx.sleep(30);
        ctx.line('250 injected later');
        await ctx.startTls(certs.valid);
      },
      { user: 'u@x.test', password: 'pw-123456', ca: [certs.ca.cert] },
    );
    assert.equal(step(record, 'tls-handshake')?.result, 'failed');
    assert.ok(!received.some((l) => l.startsWith('AUTH')));
  });

  test('session: a server that never greets ends in a greeting timeout', async () => {
    const { record } = await against(
      async (ctx) => {
        await ctx.readLine(5000);
      },
      { timeoutMs: 300 },
    );
    const failure = step(record, 'greeting')?.failure;
    assert.equal(failure?.kind === 'timeout' && failure.limit, 'phase');
  });

  test('session: a 554 greeting is a refusal, answered with QUIT', async () => {
    const { record, received } = await against(async (ctx) => {
      ctx.line('554 5.7.1 no service for you');
      const l = await ctx.readLine();
      if (l === 'QUIT') ctx.line('221 bye');
    });
    assert.equal(step(record, 'greeting')?.result, 'rejected');
    assert.equal(record.greeting?.code, 554);
    assert.deepEqual(received, ['QUIT']);
  });

  test('session: a reset in the middle of a reply is reported with what had arrived', async () => {
    const { record } = await against(async (ctx) => {
      ctx.line('220 scripted.test');
      await ctx.readLine();
      ctx.write('250-scripted.test\r\n250-PIPELI');
      await ctx.sleep(20);
      ctx.destroy();
    });
    const failure = step(record, 'ehlo')?.failure;
    assert.ok(failure?.kind === 'network-error' || failure?.kind === 'closed', JSON.stringify(failure));
    if (failure.kind === 'closed') assert.match(failure.partial ?? '', /PIPELI/);
    assert.equal(record.outcome, 'stopped');
  });

  test('session: a 1 MB reply line stops at the line limit', async () => {
    const { record } = await against(async (ctx) => {
      ctx.write(`220 ${'A'.repeat(1024 * 1024)}\r\n`);
      await ctx.readLine(2000);
    });
    const failure = step(record, 'greeting')?.failure;
    assert.equal(failure?.kind === 'protocol-violation' && failure.violation.kind, 'line-too-long');
  });

  test('session: an endless multi-line reply stops at the limit and the connection is dropped', async () => {
    let written = 0;
    const { record } = await against(async (ctx) => {
      ctx.line('220 scripted.test');
      await ctx.readLine();
      while (!ctx.closed && written < 50_000_000) {
        ctx.write('250-this never ends\r\n'.repeat(500));
        written += 500;
        await ctx.sleep(0);
      }
    });
    const failure = step(record, 'ehlo')?.failure;
    assert.equal(failure?.kind === 'protocol-violation' && failure.violation.kind, 'reply-too-many-lines');
    assert.ok(written < 50_000_000, 'the client hung up long before the server gave up');
  });

  test('session: a reply code outside 2xx-5xx is a protocol violation', async () => {
    const { record } = await against(async (ctx) => {
      ctx.line('220 scripted.test');
      await ctx.readLine();
      ctx.line('999 what');
      await ctx.readLine(1000);
    });
    const failure = step(record, 'ehlo')?.failure;
    assert.equal(failure?.kind === 'protocol-violation' && failure.violation.kind, 'invalid-reply-code');
  });

  test('session: an endless 334 loop is cancelled after the challenge limit', async () => {
    let challenges = 0;
    const { record, received } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx, ['250-scripted.test', '250 AUTH LOGIN']);
        for (;;) {
          const l = await ctx.readLine(2000);
          if (l === null || l === 'QUIT') return;
          challenges += 1;
          ctx.line(`334 ${b64('Password:')}`);
        }
      },
      { security: 'none', allowPlaintext: true, user: 'u@x.test', password: 'pw-123456', mechanism: 'LOGIN' },
    );
    assert.ok(received.includes('*'), 'cancelled with *');
    assert.ok(challenges <= 8, `bounded (${challenges})`);
    assert.notEqual(record.outcome, 'authenticated');
  });

  test('session: an XOAUTH2 error challenge is answered with an empty line and kept as evidence', async () => {
    const json = '{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}';
    const { record, received } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx, ['250-scripted.test', '250 AUTH XOAUTH2']);
        await ctx.readLine();
        ctx.line(`334 ${b64(json)}`);
        const l = await ctx.readLine();
        ctx.line(l === '' ? '535 5.7.8 Username and Password not accepted' : '501 expected an empty line');
        await ctx.readLine();
        ctx.line('221 bye');
      },
      {
        security: 'none',
        allowPlaintext: true,
        credentials: { username: 'u@x.test', secret: new Secret('ya29.token', 'token') },
      },
    );
    assert.equal(received.at(-2), '');
    assert.equal(record.auth?.errorChallenge?.code, 334);
    assert.equal(record.auth.errorChallenge.text, b64(json));
    assert.equal(record.auth.serverDetails?.status, '400');
    assert.equal(record.auth.reply?.code, 535);
  });

  test('session: a 334 challenge that is not base64 is cancelled with *', async () => {
    const { record, received } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx, ['250-scripted.test', '250 AUTH CRAM-MD5']);
        await ctx.readLine();
        ctx.line('334 this is not base64!');
        const l = await ctx.readLine();
        ctx.line(l === '*' ? '501 5.7.0 Authentication aborted' : '535 hmm');
        await ctx.readLine();
        ctx.line('221 bye');
      },
      { security: 'none', allowPlaintext: true, user: 'u@x.test', password: 'pw-123456' },
    );
    assert.equal(received.at(-2), '*');
    assert.equal(record.auth?.result, 'cancelled');
    assert.equal(record.auth.reply?.code, 501);
    assert.equal(record.outcome, 'auth-rejected');
  });

  test('session: a server trickling one byte at a time is cut off by the overall deadline', async () => {
    const { record } = await against(
      async (ctx) => {
        for (const ch of '220 scripted.test slowly, very slowly\r\n') {
          if (ctx.closed) return;
          ctx.write(ch);
          await ctx.sleep(100);
        }
      },
      { timeoutMs: 5_000, deadlineMs: 600 },
    );
    const failure = step(record, 'greeting')?.failure;
    assert.equal(failure?.kind === 'timeout' && failure.limit, 'deadline');
  });

  test('session: STARTTLS refused with 454 means no TLS and no credentials', async () => {
    const { record, received } = await against(
      async (ctx) => {
        await greetAndEhlo(ctx);
        await ctx.readLine();
        ctx.line('454 4.7.0 TLS not available due to temporary reason');
        const l = await ctx.readLine();
        if (l === 'QUIT') ctx.line('221 bye');
      },
      { user: 'u@x.test', password: 'pw-123456' },
    );
    assert.equal(step(record, 'starttls')?.result, 'rejected');
    assert.equal(step(record, 'starttls')?.reply?.code, 454);
    assert.deepEqual(clientLines(record).slice(1), ['STARTTLS', 'QUIT']);
    assert.ok(!received.some((l) => l.startsWith('AUTH')));
  });

  test('session: replies nobody asked for are a protocol violation, never paired with our next command', async () => {
    const { record } = await against(async (ctx) => {
      ctx.line('220 scripted.test');
      ctx.line('250 unsolicited');
      await ctx.sleep(50);
      await ctx.readLine(2000);
    });
    const failure = step(record, 'ehlo')?.failure;
    assert.equal(failure?.kind === 'protocol-violation' && failure.violation.kind, 'unsolicited-replies');
    assert.equal(record.outcome, 'stopped');
  });
});

test('session: a flood of unsolicited replies while we wait is bounded', async () => {
  const server = await startScriptedServer(async (ctx) => {
    ctx.write(`220 scripted.test\r\n${'250 flood\r\n'.repeat(500)}`);
    await ctx.readLine(2000);
  });
  try {
    const record = await session(server.port);
    assert.equal(record.outcome, 'stopped');
    const failures = record.steps.flatMap((s) =>
      s.failure?.kind === 'protocol-violation' ? [s.failure.violation.kind] : [],
    );
    assert.deepEqual(failures, ['unsolicited-replies']);
  } finally {
    await server.close();
  }
});

test('session: an asynchronous 421 is read as the answer to the next command', async () => {
  const server = await startScriptedServer(async (ctx) => {
    ctx.line('220 scripted.test');
    ctx.line('421 4.3.2 System shutting down');
    ctx.end();
    await ctx.readLine(1000);
  });
  try {
    const record = await session(server.port);
    assert.equal(step(record, 'ehlo')?.reply?.code, 421);
    assert.match(record.stopReason ?? '', /421/);
  } finally {
    await server.close();
  }
});

describe('session: QUIT without waiting for its reply (quitReply: leave)', () => {
  /** A server that takes QUIT and never answers it: it reports what it read after QUIT (null: the client closed). */
  async function mute(options: Parameters<typeof session>[1]) {
    let done: (afterQuit: string | null | undefined) => void = () => undefined;
    const scriptEnded = new Promise<string | null | undefined>((resolve) => (done = resolve));
    const server = await startScriptedServer(async (ctx) => {
      await greetAndEhlo(ctx, ['250-scripted.test', '250 SIZE 1000']);
      const quit = await ctx.readLine();
      done(quit === 'QUIT' ? await ctx.readLine(5_000) : undefined);
    });
    try {
      const record = await session(server.port, options);
      const afterQuit = await scriptEnded;
      return { record, received: server.received.flat(), afterQuit };
    } finally {
      await server.close();
    }
  }

  test('leave: QUIT is sent, the step is done without a reply, and the client closes its side', async () => {
    const { record, received, afterQuit } = await mute({ security: 'none', quitReply: 'leave' });
    assert.equal(record.outcome, 'connected');
    assert.deepEqual(clientLines(record).slice(-1), ['QUIT']);
    assert.ok(received.includes('QUIT'));
    // With 'wait', the unanswered QUIT is a failed step (its reply timed out); here nothing is waited for.
    assert.equal(step(record, 'quit')?.result, 'ok');
    assert.equal(step(record, 'quit')?.reply, undefined);
    assert.equal(step(record, 'quit')?.failure, undefined);
    // The server reads the end of the stream after QUIT: a graceful close, not a connection left open.
    assert.equal(afterQuit, null);
  });

  test('wait (the default): the same unanswered QUIT is waited for, and recorded as failed', async () => {
    const { record } = await mute({ security: 'none', timeoutMs: 300 });
    assert.equal(step(record, 'quit')?.result, 'failed');
    assert.equal(step(record, 'quit')?.failure?.kind, 'timeout');
  });
});
