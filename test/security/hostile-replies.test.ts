// Security suite, hostile replies: bad bytes, bad codes, SASL abuse, trickling servers, terminal escapes and echoed credentials.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import type { ScriptContext } from '../helpers/scripted-server.js';
import type { Report } from '../../src/model/report.js';
import type { SessionRecord } from '../../src/model/session.js';
import { DEFAULT_LIMITS } from '../../src/protocol/limits.js';
import { runCli } from '../helpers/cli.js';
import { labCertificates } from '../helpers/certs.js';
import {
  authLines,
  checkAgainst,
  cliAgainst,
  hostile,
  ids,
  leaks,
  login,
  PASSWORD,
  sessionAgainst,
  TOKEN,
  USER,
  type HostileBehaviour,
} from './support.js';

let certs: LabCertificates;
before(async () => {
  certs = await labCertificates();
});

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function violationOf(record: SessionRecord): string | undefined {
  const failure = record.steps.find((s) => s.failure?.kind === 'protocol-violation')?.failure;
  return failure?.kind === 'protocol-violation' ? failure.violation.kind : undefined;
}

/** C0 and C1 controls other than the line breaks a text output uses: none may reach a terminal raw. */
// eslint-disable-next-line no-control-regex -- control characters are what we look for
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;

function assertNoRawControls(text: string, where: string): void {
  const m = RAW_CONTROL.exec(text);
  assert.equal(m, null, `${where} holds a raw control character U+${(m?.[0].codePointAt(0) ?? 0).toString(16)}`);
}

describe('security: bytes a reply should never carry', () => {
  const CASES: { id: string; name: string; bytes: Buffer; anomaly: string }[] = [
    {
      id: 'A8-utf8',
      name: 'invalid UTF-8 in the greeting',
      bytes: Buffer.concat([
        Buffer.from('220 hostile.test '),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('\r\n'),
      ]),
      anomaly: 'invalid-utf8',
    },
    {
      id: 'A8-nul',
      name: 'NUL bytes in the greeting',
      bytes: Buffer.from('220 hostile.test\0ESMTP\0\0 ready\r\n'),
      anomaly: 'nul-byte',
    },
    {
      id: 'A8-control',
      name: 'a bell and a backspace in the greeting',
      bytes: Buffer.from('220 hostile.test \x07\x08\x08 ESMTP\r\n'),
      anomaly: 'control-chars',
    },
  ];

  for (const c of CASES) {
    test(`security ${c.id} (session): ${c.name} is recorded as an anomaly and the code still decides`, async () => {
      const { result: record } = await sessionAgainst(
        async (ctx) => {
          ctx.write(c.bytes);
          await hostile(certs, { greeting: '' })(ctx);
        },
        { security: 'starttls' },
      );
      assert.equal(record.greeting?.code, 220);
      assert.ok(record.greeting.anomalies.includes(c.anomaly as never), record.greeting.anomalies.join());
      assert.equal(record.steps.find((s) => s.step === 'ehlo')?.result, 'ok', 'the session went on');
    });

    test(`security ${c.id} (cli): ${c.name} is printed escaped in every output`, async () => {
      const script = (): ReturnType<typeof hostile> => async (ctx) => {
        ctx.write(c.bytes);
        await hostile(certs, { greeting: '' })(ctx);
      };
      for (const argv of [
        ['session', ...login(0)],
        ['session', ...login(0, '--json')],
        ['check', ...login(0, '--verbose')],
        ['check', ...login(0, '--json')],
      ]) {
        const { result: run } = await cliAgainst(script(), (port) => argv.map((a) => (a === '0' ? String(port) : a)));
        assertNoRawControls(run.stdout, argv.join(' '));
        assertNoRawControls(run.stderr, argv.join(' '));
        assert.ok(run.code === 1, `${argv.join(' ')}: exit ${run.code}: ${run.stderr}`);
      }
    });
  }
});

describe('security: reply codes', () => {
  const BAD_GREETINGS: { id: string; name: string; line: string; violation: string }[] = [
    { id: 'A4-199', name: 'a greeting with code 199', line: '199 hostile.test', violation: 'invalid-reply-code' },
    { id: 'A4-600', name: 'a greeting with code 600', line: '600 hostile.test', violation: 'invalid-reply-code' },
    { id: 'A4-099', name: 'a greeting with code 099', line: '099 hostile.test', violation: 'invalid-reply-code' },
    {
      id: 'A4-2x0',
      name: 'a greeting with the non-numeric code 2x0',
      line: '2x0 hostile.test',
      violation: 'malformed-line',
    },
    {
      id: 'A3-greeting',
      name: 'a multi-line greeting whose lines carry different codes',
      line: '220-hostile.test\r\n554 go away',
      violation: 'mixed-reply-codes',
    },
  ];
  for (const c of BAD_GREETINGS) {
    test(`security ${c.id} (check): ${c.name} is protocol-violation (${c.violation}) and nothing is sent`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, { greeting: `${c.line}\r\n` }));
      assert.equal(ids(report)[0], 'protocol-violation', ids(report).join());
      assert.equal(report.findings[0]?.detail, c.violation);
      assert.deepEqual(authLines(received), []);
    });
  }

  const BAD_AUTH_REPLIES: { id: string; name: string; reply: string; violation: string }[] = [
    {
      id: 'A4-auth-600',
      name: 'AUTH answered with code 600',
      reply: '600 6.0.0 who knows',
      violation: 'invalid-reply-code',
    },
    { id: 'A4-auth-199', name: 'AUTH answered with code 199', reply: '199 maybe', violation: 'invalid-reply-code' },
    {
      id: 'A3-auth',
      name: 'AUTH answered 535 and 235 in one multi-line reply',
      reply: '535-5.7.8 Authentication credentials invalid\r\n235 2.7.0 Authentication successful',
      violation: 'mixed-reply-codes',
    },
    {
      id: 'A3-auth-reverse',
      name: 'AUTH answered 235 and 535 in one multi-line reply',
      reply: '235-2.7.0 Authentication successful\r\n535 5.7.8 Authentication credentials invalid',
      violation: 'mixed-reply-codes',
    },
    // RFC 4954 §6: only 235 says the login worked; any other 2xx is a server out of step, not a success.
    { id: 'A5-auth-250', name: 'AUTH answered 250 OK', reply: '250 2.0.0 OK', violation: 'unexpected-reply-code' },
    { id: 'A5-auth-221', name: 'AUTH answered 221 Bye', reply: '221 2.0.0 Bye', violation: 'unexpected-reply-code' },
    { id: 'A5-auth-220', name: 'AUTH answered 220 ready', reply: '220 ready', violation: 'unexpected-reply-code' },
    // RFC 3463 §2: the enhanced code's class must agree with the reply's; a 235 that says 5.7.8 contradicts itself.
    {
      id: 'A5-auth-235-5xx',
      name: 'AUTH answered "235 5.7.8 Authentication failed"',
      reply: '235 5.7.8 Authentication failed',
      violation: 'unexpected-reply-code',
    },
    {
      id: 'A5-auth-235-4xx',
      name: 'AUTH answered "235 4.7.0 Temporary authentication failure"',
      reply: '235 4.7.0 Temporary authentication failure',
      violation: 'unexpected-reply-code',
    },
  ];
  for (const c of BAD_AUTH_REPLIES) {
    test(`security ${c.id} (session): ${c.name} is a protocol violation, neither "works" nor "rejected"`, async () => {
      const { result: record } = await sessionAgainst(
        hostile(certs, {
          auth: (ctx) => {
            ctx.write(`${c.reply}\r\n`);
            return Promise.resolve(true);
          },
        }),
      );
      assert.equal(violationOf(record), c.violation);
      assert.equal(record.outcome, 'stopped');
    });

    test(`security ${c.id} (check): ${c.name} is protocol-violation, never auth-ok or credentials-rejected`, async () => {
      const { result: report } = await checkAgainst(
        hostile(certs, {
          auth: (ctx) => {
            ctx.write(`${c.reply}\r\n`);
            return Promise.resolve(true);
          },
        }),
      );
      assert.equal(ids(report)[0], 'protocol-violation', ids(report).join());
      assert.ok(!ids(report).includes('auth-ok'));
      assert.ok(!ids(report).includes('credentials-rejected'));
    });
  }

  /** A 235 before the mechanism's exchange is complete: the server "accepts" credentials it never received. */
  const PREMATURE: { name: string; mechanism: string; initialResponse: boolean; prompts: string[]; token?: boolean }[] =
    [
      { name: 'LOGIN, after the user name', mechanism: 'LOGIN', initialResponse: false, prompts: [b64('Username:')] },
      { name: 'LOGIN with the user name on the AUTH line', mechanism: 'LOGIN', initialResponse: true, prompts: [] },
      { name: 'PLAIN without an initial response, at once', mechanism: 'PLAIN', initialResponse: false, prompts: [] },
      { name: 'CRAM-MD5, before the challenge', mechanism: 'CRAM-MD5', initialResponse: false, prompts: [] },
      {
        name: 'XOAUTH2 without an initial response',
        mechanism: 'XOAUTH2',
        initialResponse: false,
        prompts: [],
        token: true,
      },
    ];
  const earlySuccess =
    (prompts: string[]): HostileBehaviour['auth'] =>
    async (ctx) => {
      for (const prompt of prompts) {
        ctx.line(`334 ${prompt}`);
        if ((await ctx.readLine()) === null) return false;
      }
      ctx.line('235 2.7.0 Authentication successful');
      return true;
    };
  for (const c of PREMATURE) {
    test(`security A5-auth-235-early (session): a 235 to ${c.name} is a protocol violation (premature-success), and the secret never went out`, async () => {
      const { result: record, received } = await sessionAgainst(hostile(certs, { auth: earlySuccess(c.prompts) }), {
        mechanism: c.mechanism,
        initialResponse: c.initialResponse,
        ...(c.token ? { token: TOKEN } : {}),
      });
      assert.equal(violationOf(record), 'premature-success');
      assert.equal(record.outcome, 'stopped');
      assert.notEqual(record.auth?.result, 'accepted');
      assert.deepEqual(leaks(received.join('\n'), c.token ? TOKEN : PASSWORD), []);
    });
  }

  test("security A5-auth-235-early (check): a 235 after LOGIN's user name is protocol-violation, never auth-ok", async () => {
    const { result: report } = await checkAgainst(hostile(certs, { auth: earlySuccess([b64('Username:')]) }), {
      mechanism: 'LOGIN',
    });
    assert.equal(ids(report)[0], 'protocol-violation', ids(report).join());
    assert.equal(report.findings[0]?.detail, 'premature-success');
    assert.ok(!ids(report).includes('auth-ok'));
    assert.equal(report.verdict, 'fail');
    assert.notEqual(report.working?.proven, 'login');
  });

  test('security A3 (session): an EHLO reply with mixed codes is a protocol violation, its capabilities are not used', async () => {
    const { result: record, received } = await sessionAgainst(
      hostile(certs, { ehlo: '250-hostile.test\r\n550-STARTTLS\r\n250 AUTH PLAIN\r\n' }),
    );
    assert.equal(violationOf(record), 'mixed-reply-codes');
    assert.ok(!received.includes('STARTTLS'));
    assert.deepEqual(authLines(received), []);
  });
});

describe('security: SASL challenges', () => {
  /** Mechanisms and how each is started, so that its first answer is a response to a challenge. */
  const MECHANISMS: { name: string; token?: boolean }[] = [
    { name: 'PLAIN' },
    { name: 'LOGIN' },
    { name: 'CRAM-MD5' },
    { name: 'XOAUTH2', token: true },
  ];

  /**
   * What each mechanism answers to prompts that are not base64. RFC 4954 §4 says to cancel; real servers prompt PLAIN
   * with "334 Go ahead" (Mailgun), and answering a prompt that carries nothing sends no more than an initial response
   * would. A challenge the mechanism needs (CRAM-MD5) or one that comes after everything was said is cancelled.
   */
  const NON_BASE64: Record<string, (answers: string[]) => void> = {
    PLAIN: (a) => assert.deepEqual([a.length, a.at(-1)], [2, '*']),
    LOGIN: (a) => assert.deepEqual([a.length, a.at(-1)], [3, '*']),
    'CRAM-MD5': (a) => assert.deepEqual(a, ['*']),
    XOAUTH2: (a) => assert.deepEqual([a.length, a[1], a.at(-1)], [3, '', '*']),
  };

  for (const m of MECHANISMS) {
    test(`security D9 (session, ${m.name}): 334 prompts that are not base64 get nothing beyond what ${m.name} sends anyway, over verified TLS only, then *`, async () => {
      const answers: string[] = [];
      const { result: record } = await sessionAgainst(
        hostile(certs, {
          auth: async (ctx) => {
            for (let i = 0; i < 5; i++) {
              ctx.line('334 Go ahead (this is not base64!)');
              const answer = await ctx.readLine();
              if (answer === null) return false;
              answers.push(answer);
              if (answer === '*') break;
            }
            ctx.line('501 5.7.0 Authentication aborted');
            return true;
          },
        }),
        { mechanism: m.name, initialResponse: false, ...(m.token ? { token: TOKEN } : {}) },
      );
      NON_BASE64[m.name]?.(answers);
      assert.equal(record.auth?.result, 'cancelled');
      const sent = record.transcript.filter((e) => e.dir === 'client' && e.phase === 'auth');
      assert.ok(sent.length > 0 && sent.every((e) => e.tls), 'every AUTH line went over TLS');
      assert.equal(record.tls?.verification.ok, true);
      if (m.name === 'CRAM-MD5') assert.deepEqual(leaks(answers.join('\n'), PASSWORD), []);
    });
  }

  for (const m of MECHANISMS) {
    test(`security D10 (session, ${m.name}): a never-ending 334 loop is cut off after the challenge limit`, async () => {
      let challenges = 0;
      const { result: record, received } = await sessionAgainst(
        hostile(certs, {
          auth: async (ctx) => {
            for (;;) {
              challenges += 1;
              ctx.line(`334 ${b64(challenges % 2 === 1 ? 'Username:' : 'Password:')}`);
              const line = await ctx.readLine(2_000);
              if (line === null || line === 'QUIT') return false;
            }
          },
        }),
        { mechanism: m.name, ...(m.token ? { token: TOKEN } : {}) },
      );
      assert.ok(received.includes('*'), 'cancelled with *');
      assert.ok(
        challenges <= DEFAULT_LIMITS.maxChallenges + 2,
        `at most ${DEFAULT_LIMITS.maxChallenges} challenges answered, the server got to send ${challenges}`,
      );
      assert.notEqual(record.outcome, 'authenticated');
      assert.equal(record.steps.find((s) => s.step === 'auth')?.result, 'failed');
    });
  }

  test('security D10 (check): a never-ending 334 loop is protocol-violation (too-many-challenges), one attempt', async () => {
    const { result: report, received } = await checkAgainst(
      hostile(certs, {
        auth: async (ctx) => {
          for (;;) {
            ctx.line(`334 ${b64('Password:')}`);
            const line = await ctx.readLine(2_000);
            if (line === null || line === 'QUIT') return false;
          }
        },
      }),
      { mechanism: 'LOGIN', maxAttempts: 3 },
    );
    assert.equal(ids(report)[0], 'protocol-violation', ids(report).join());
    assert.equal(report.findings[0]?.detail, 'too-many-challenges');
    assert.equal(authLines(received).length, 1);
  });
});

describe('security: servers that trickle', () => {
  /** Sends `text` one byte at a time, `gapMs` apart, until the client leaves. */
  async function trickle(ctx: ScriptContext, text: string, gapMs = 100): Promise<boolean> {
    for (const ch of text) {
      if (ctx.closed) return false;
      ctx.write(ch);
      await ctx.sleep(gapMs);
    }
    return true;
  }

  const PHASES: { id: string; phase: string; behaviour: HostileBehaviour; step: string }[] = [
    {
      id: 'A7-greeting',
      phase: 'the greeting',
      behaviour: { greeting: '' },
      step: 'greeting',
    },
    {
      id: 'A7-ehlo',
      phase: 'the EHLO reply',
      behaviour: { ehlo: '' },
      step: 'ehlo',
    },
    {
      id: 'A7-auth',
      phase: 'the AUTH reply',
      behaviour: {},
      step: 'auth',
    },
  ];

  for (const p of PHASES) {
    test(`security ${p.id} (session): a server sending ${p.phase} one byte at a time is stopped by the overall deadline`, async () => {
      const slow = 'x'.repeat(200);
      const behaviour: HostileBehaviour = {
        ...p.behaviour,
        ...(p.step === 'greeting' ? { greeting: '' } : {}),
        ...(p.step === 'auth'
          ? { auth: async (ctx) => trickle(ctx, `535 5.7.8 ${slow}\r\n`) }
          : { auth: async () => Promise.resolve(true) }),
      };
      const script = hostile(certs, behaviour);
      const { result: record } = await sessionAgainst(
        async (ctx) => {
          if (p.step === 'greeting') {
            await trickle(ctx, `220 ${slow}\r\n`);
            return;
          }
          if (p.step === 'ehlo') {
            ctx.line('220 hostile.test');
            await ctx.readLine();
            await trickle(ctx, `250-${slow}\r\n250 AUTH PLAIN\r\n`);
            return;
          }
          await script(ctx);
        },
        { timeoutMs: 60_000, deadlineMs: 700, ...(p.step === 'auth' ? {} : { security: 'none' }) },
      );
      const failed = record.steps.find((s) => s.result === 'failed');
      assert.equal(failed?.step, p.step);
      assert.deepEqual(failed.failure?.kind === 'timeout' && failed.failure.limit, 'deadline');
      assert.equal(record.outcome, 'stopped');
    });
  }

  test('security A7 (cli): check against a byte-per-interval server ends at --deadline with a diagnosis', async () => {
    const { result: run } = await cliAgainst(
      async (ctx) => {
        await trickle(ctx, `220 ${'x'.repeat(200)}\r\n`);
      },
      (port) => ['check', ...login(port, '--json'), '--timeout', '60000', '--deadline', '600'],
    );
    const report = JSON.parse(run.stdout) as Report;
    const failure = report.evidence.sessions[0]?.record.steps.find((s) => s.result === 'failed')?.failure;
    assert.equal(failure?.kind === 'timeout' && failure.limit, 'deadline');
    assert.equal(run.code, 1);
  });
});

describe('security: terminal escapes in server text', () => {
  const ESCAPES = [
    '\x1b[2J\x1b[H', // clear the screen
    '\x1b]8;;https://evil.test/\x07click\x1b]8;;\x07', // OSC 8 hyperlink
    '\x1b]52;c;cm0gLXJmIH4=\x07', // OSC 52 clipboard write
    '\x9b31m', // 8-bit CSI
    '\x9d0;title\x9c', // 8-bit OSC
    '\u202egnp.exe', // right-to-left override
    '\u2066isolate\u2069', // bidi isolate
  ].join(' ');

  const xoauth2Error = b64(JSON.stringify({ status: `401 ${ESCAPES}`, schemes: 'Bearer', scope: ESCAPES }));

  const escaping = (): ReturnType<typeof hostile> =>
    hostile(certs, {
      greeting: `220 hostile.test ESMTP ${ESCAPES}\r\n`,
      ehloAfterTls: `250-hostile.test ${ESCAPES}\r\n250-${ESCAPES}\r\n250 AUTH PLAIN LOGIN XOAUTH2\r\n`,
      auth: async (ctx, line) => {
        if (line.startsWith('AUTH XOAUTH2')) {
          ctx.line(`334 ${xoauth2Error}`);
          await ctx.readLine();
        }
        ctx.line(`535-5.7.8 ${ESCAPES}\r\n535 5.7.8 ${ESCAPES}`);
        return true;
      },
    });

  const OUTPUTS: string[][] = [
    ['session'],
    ['session', '--timestamps'],
    ['session', '--json'],
    ['check'],
    ['check', '--verbose'],
    ['check', '--json'],
    ['session', '--mechanism', 'XOAUTH2'],
    ['check', '--verbose', '--mechanism', 'XOAUTH2'],
    ['check', '--json', '--mechanism', 'XOAUTH2'],
  ];
  for (const [command = 'check', ...flags] of OUTPUTS) {
    test(`security U1 (cli ${command} ${flags.join(' ')}): ANSI and OSC sequences from the server are escaped, never emitted raw`, async () => {
      const { result: run } = await cliAgainst(escaping(), (port) => [command, ...login(port, ...flags)], {
        env: { PW: flags.includes('XOAUTH2') ? TOKEN : PASSWORD },
      });
      assert.equal(run.code, 1, run.stderr);
      assertNoRawControls(run.stdout, 'stdout');
      assertNoRawControls(run.stderr, 'stderr');
      if (flags.includes('--json')) JSON.parse(run.stdout);
      else assert.match(run.stdout, /\\x1b\[2J|\\x1b/, 'the escape is shown, visibly');
    });
  }

  const PASTED: [what: string, text: string][] = [
    ['reply', `535-5.7.8 Username and Password not accepted ${ESCAPES}\n535 5.7.8 ${ESCAPES}`],
    [
      // The user name becomes a suggested setting ("username=…") and a title: both printed as text.
      'user name',
      `Failed to authenticate on SMTP server with username " ${ESCAPES} " using 1 possible authenticators. Authenticator "LOGIN" returned "Expected response code "235" but got code "535", with message "535 5.7.8 Error: authentication failed".`,
    ],
  ];
  for (const [what, text] of PASTED) {
    test(`security U1 (cli explain): ANSI and OSC sequences in a pasted ${what} are escaped in text and JSON`, async () => {
      for (const flags of [[], ['--json']]) {
        const run = await runCli(['explain', text, ...flags]);
        assertNoRawControls(run.stdout, `explain ${flags.join(' ')}`);
        assert.equal(run.code, 1, run.stderr);
      }
    });
  }
});

describe('security: a server that echoes our credentials', () => {
  const echo = (): ReturnType<typeof hostile> =>
    hostile(certs, {
      auth: async (ctx, line) => {
        let last = line;
        if (line === 'AUTH LOGIN') {
          ctx.line(`334 ${b64('Username:')}`);
          const user = (await ctx.readLine()) ?? '';
          ctx.line(`334 ${b64(`Password for ${user}:`)}`);
          last = (await ctx.readLine()) ?? '';
        }
        const blob = last.split(' ').pop() ?? '';
        ctx.line(`535-5.7.8 you sent ${last}`);
        ctx.line(`535-5.7.8 which decodes to ${Buffer.from(blob, 'base64').toString('utf8')}`);
        ctx.line(`535 5.7.8 and your password is ${PASSWORD} ${TOKEN}`);
        return true;
      },
    });

  for (const mechanism of ['PLAIN', 'LOGIN', 'XOAUTH2']) {
    test(`security D20 (session + check, ${mechanism}): the echoed AUTH line, its decoding and the secret appear in no output`, async () => {
      const secret = mechanism === 'XOAUTH2' ? TOKEN : PASSWORD;
      const token = mechanism === 'XOAUTH2' ? { token: TOKEN } : {};
      const { result: record, received } = await sessionAgainst(echo(), { mechanism, ...token });
      assert.equal(authLines(received).length, 1, 'the secret did go to the server (that is the point of the test)');
      assert.deepEqual(leaks(JSON.stringify(record), secret), []);
      const { result: report } = await checkAgainst(echo(), { mechanism, ...token });
      assert.deepEqual(leaks(JSON.stringify(report), secret), []);
      assert.equal(ids(report)[0], 'credentials-rejected');
      assert.equal(report.evidence.credentials?.username, USER);
    });
  }
});
