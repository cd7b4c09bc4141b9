// Security suite, STARTTLS: the client-side cases of the NO STARTTLS test set (EAST B_1, O_1–O_4, D_1) and response injection.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import type { ScriptContext } from '../helpers/scripted-server.js';
import { labCertificates } from '../helpers/certs.js';
import {
  authLines,
  checkAgainst,
  cliAgainst,
  EHLO_TLS,
  hostile,
  ids,
  jsonIds,
  leaks,
  login,
  PASSWORD,
  sessionAgainst,
} from './support.js';

let certs: LabCertificates;
before(async () => {
  certs = await labCertificates();
});

/** Every injection answers STARTTLS with a 220 plus bytes an attacker slipped in, then really starts TLS. */
const INJECTIONS: { id: string; name: string; marker: RegExp; answer: (ctx: ScriptContext) => Promise<boolean> }[] = [
  {
    id: 'C1',
    name: 'injected reply lines after the STARTTLS 220 in the same packet',
    marker: /INJECTED/,
    answer: (ctx) => {
      ctx.write('220 2.0.0 Ready to start TLS\r\n250-hostile.test\r\n250 AUTH PLAIN LOGIN INJECTED\r\n');
      return ctx.startTls(certs.valid);
    },
  },
  {
    id: 'C2',
    name: 'an injected line fragment without CRLF after the STARTTLS 220 in the same packet',
    marker: /SMTPUTF8 INJECTED-MARKER/,
    answer: (ctx) => {
      ctx.write('220 2.0.0 Ready to start TLS\r\n250-SMTPUTF8 INJECTED-MARKER ');
      return ctx.startTls(certs.valid);
    },
  },
  {
    id: 'C1b',
    name: 'injected reply lines after the STARTTLS 220 in a following packet',
    marker: /INJECTED-LATER/,
    answer: async (ctx) => {
      ctx.line('220 2.0.0 Ready to start TLS');
      await ctx.sleep(30);
      ctx.write('250 AUTH PLAIN INJECTED-LATER\r\n');
      return ctx.startTls(certs.valid);
    },
  },
  {
    id: 'C1c',
    name: 'injected lines in the packet that completes a STARTTLS 220 split across packets',
    marker: /INJECTED-SPLIT/,
    answer: async (ctx) => {
      ctx.write('220 2.0.0 Rea');
      await ctx.sleep(30);
      ctx.write('dy to start TLS\r\n250 AUTH PLAIN INJECTED-SPLIT\r\n');
      return ctx.startTls(certs.valid);
    },
  },
];

describe('security: STARTTLS response injection', () => {
  for (const c of INJECTIONS) {
    test(`security ${c.id} (session): ${c.name} is discarded, reported, no credentials sent`, async () => {
      const { result: record, received } = await sessionAgainst(hostile(certs, { starttls: c.answer }));
      assert.ok(record.injection, 'the injection is part of the session record');
      assert.match(record.injection.preview, c.marker);
      assert.equal(record.outcome, 'stopped');
      assert.deepEqual(authLines(received), []);
      assert.deepEqual(leaks(received.join('\n'), PASSWORD), []);
      assert.ok(
        !record.capabilities.afterTls?.auth.includes('INJECTED'),
        'nothing injected reached the post-TLS capabilities',
      );
    });

    test(`security ${c.id} (check): ${c.name} gives starttls-injection first and zero AUTH lines`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, { starttls: c.answer }));
      assert.equal(ids(report)[0], 'starttls-injection', ids(report).join());
      assert.deepEqual(authLines(received), []);
      assert.equal(report.verdict, 'fail');
      assert.equal(report.working, null, 'an intercepted endpoint is never "proven to work"');
    });

    test(`security ${c.id} (cli): ${c.name} exits 1 with starttls-injection and no AUTH on the wire`, async () => {
      const { result: run, received } = await cliAgainst(hostile(certs, { starttls: c.answer }), (port) => [
        'check',
        ...login(port, '--security', 'starttls', '--json'),
      ]);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(jsonIds(run.stdout)[0], 'starttls-injection');
      assert.deepEqual(authLines(received), []);
    });
  }

  test('security C1 (lab): the lab fault starttls-injection is caught by session --json and nothing reaches AUTH', async () => {
    const { startLab } = await import('../../src/lab/index.js');
    const lab = await startLab({
      persona: 'plain',
      accounts: [{ username: 'alice@hostile.test', password: PASSWORD, flags: [] }],
      faults: ['starttls-injection'],
      certificates: certs,
    });
    try {
      const { runCli } = await import('../helpers/cli.js');
      const { labCaFile } = await import('./support.js');
      const run = await runCli(
        [
          'session',
          ...login(lab.ports.starttls ?? 0, '--security', 'starttls', '--json'),
          '--ca',
          await labCaFile(),
          '--timeout',
          '2000',
        ],
        { env: { PW: PASSWORD } },
      );
      assert.equal(run.code, 1);
      const record = JSON.parse(run.stdout) as { injection?: { preview: string }; auth?: unknown };
      assert.match(record.injection?.preview ?? '', /INJECTED/);
      assert.equal(record.auth, undefined, 'no AUTH exchange');
      assert.equal(lab.failedLogins, 0);
    } finally {
      await lab.close();
    }
  });
});

/** EAST Negotiation cases and the EAST "others/starttls" code matrix: every answer but 220 means no TLS, so no credentials. */
const REFUSALS: { id: string; name: string; ehlo?: string; reply: string }[] = [
  {
    id: 'O_1',
    name: 'STARTTLS not advertised and refused with 502',
    ehlo: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n',
    reply: '502 5.5.1 Command not implemented',
  },
  { id: 'O_2', name: 'STARTTLS advertised but answered 502', reply: '502 5.5.1 Command not implemented' },
  { id: 'O_3', name: 'STARTTLS answered 454', reply: '454 4.7.0 TLS not available due to temporary reason' },
  { id: 'O_4', name: 'STARTTLS answered with the odd code 354', reply: '354 do something else' },
  { id: 'others/221', name: 'STARTTLS answered 221', reply: '221 2.0.0 Bye' },
  { id: 'others/250', name: 'STARTTLS answered with a success code other than 220', reply: '250 2.0.0 OK' },
  { id: 'others/421', name: 'STARTTLS answered 421', reply: '421 4.3.2 Service not available' },
  { id: 'others/500', name: 'STARTTLS answered 500', reply: '500 5.5.1 Unknown command' },
  { id: 'others/501', name: 'STARTTLS answered 501', reply: '501 5.5.4 Syntax error' },
  { id: 'others/530', name: 'STARTTLS answered 530', reply: '530 5.7.0 Must issue a STARTTLS command first' },
];

describe('security: STARTTLS stripped or refused', () => {
  for (const c of REFUSALS) {
    const behaviour = (): Parameters<typeof hostile>[1] => ({
      ...(c.ehlo ? { ehlo: c.ehlo } : {}),
      starttls: (ctx) => {
        ctx.line(c.reply);
        return Promise.resolve(true);
      },
    });

    test(`security ${c.id} (session): ${c.name}: credentials withheld`, async () => {
      const { result: record, received } = await sessionAgainst(hostile(certs, behaviour()));
      assert.equal(record.outcome, 'stopped');
      assert.equal(record.tls, undefined);
      assert.deepEqual(authLines(received), []);
      assert.ok(received.includes('STARTTLS'), 'STARTTLS was tried');
      assert.deepEqual(leaks(received.join('\n'), PASSWORD), []);
    });

    test(`security ${c.id} (check): ${c.name}: starttls-unavailable, zero AUTH lines`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, behaviour()));
      assert.ok(ids(report).includes('starttls-unavailable'), ids(report).join());
      assert.deepEqual(authLines(received), []);
      assert.equal(report.verdict, 'fail');
    });
  }

  test('security O_3 (cli): STARTTLS answered 454 exits 1 with starttls-unavailable and no AUTH on the wire', async () => {
    const script = hostile(certs, {
      starttls: (ctx) => {
        ctx.line('454 4.7.0 TLS not available due to temporary reason');
        return Promise.resolve(true);
      },
    });
    const { result: run, received } = await cliAgainst(script, (port) => [
      'check',
      ...login(port, '--security', 'starttls', '--json'),
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(jsonIds(run.stdout).includes('starttls-unavailable'));
    assert.deepEqual(authLines(received), []);
  });

  test('security D_1 (check): EHLO refused, HELO only: STARTTLS impossible, starttls-unavailable, nothing sent', async () => {
    const script = hostile(certs, { ehlo: '502 5.5.2 Error: command not recognized\r\n' });
    const { result: report, received } = await checkAgainst(script);
    assert.ok(ids(report).includes('starttls-unavailable'), ids(report).join());
    assert.ok(received.some((l) => l.startsWith('HELO ')));
    assert.ok(!received.includes('STARTTLS'), 'no STARTTLS after HELO');
    assert.deepEqual(authLines(received), []);
  });

  test('security C3b (session): STARTTLS not advertised but accepted: credentials only after verified TLS', async () => {
    const { result: record, received } = await sessionAgainst(
      hostile(certs, { ehlo: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n', ehloAfterTls: EHLO_TLS }),
    );
    assert.equal(record.tls?.verification.ok, true);
    const auth = received.findIndex((l) => l.startsWith('AUTH'));
    assert.ok(auth > received.indexOf('STARTTLS'), 'AUTH only after STARTTLS');
    const authEvent = record.transcript.find((e) => e.dir === 'client' && e.text.startsWith('AUTH'));
    assert.equal(authEvent?.tls, true);
  });
});

describe('security: AUTH offered on a plaintext connection', () => {
  const plaintext = (): ReturnType<typeof hostile> =>
    hostile(certs, { ehlo: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n' });

  test('security D1 (session): AUTH PLAIN advertised without TLS: credentials withheld without --allow-plaintext', async () => {
    const { result: record, received } = await sessionAgainst(plaintext(), { security: 'none' });
    assert.equal(record.steps.find((s) => s.step === 'auth')?.result, 'skipped');
    assert.deepEqual(authLines(received), []);
    assert.match(record.stopReason ?? '', /not encrypted/);
  });

  test('security D1 (check): AUTH PLAIN advertised without TLS warns with auth-requires-tls and sends nothing', async () => {
    const { result: report, received } = await checkAgainst(plaintext(), { security: 'none' });
    assert.equal(ids(report)[0], 'auth-requires-tls');
    assert.deepEqual(authLines(received), []);
  });

  test('security D1b (check): a login that worked only because --allow-plaintext sent the password in the clear is reported as a warning that follows auth-ok', async () => {
    const { result: report } = await checkAgainst(
      hostile(certs, {
        ehlo: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n',
        auth: (ctx) => {
          ctx.line('235 2.7.0 Authentication successful');
          return Promise.resolve(true);
        },
      }),
      { security: 'none', allowPlaintext: true },
    );
    // The verdict is ok: the working login is the root finding, and the warning follows it.
    assert.equal(report.verdict, 'ok');
    assert.deepEqual(ids(report).slice(0, 2), ['auth-ok', 'credentials-sent-in-clear']);
    assert.equal(report.findings[1]?.severity, 'warning');
  });

  test('security D1 (cli): AUTH PLAIN over plaintext is sent only with --allow-plaintext, and the transcript shows it unencrypted', async () => {
    const without = await cliAgainst(plaintext(), (port) => ['session', ...login(port, '--security', 'none')]);
    assert.equal(without.result.code, 1);
    assert.deepEqual(authLines(without.received), []);
    assert.match(without.result.stdout, /--allow-plaintext/);

    const withFlag = await cliAgainst(plaintext(), (port) => [
      'session',
      ...login(port, '--security', 'none', '--allow-plaintext'),
    ]);
    assert.equal(authLines(withFlag.received).length, 1, 'sent once, because it was asked for');
    assert.match(withFlag.result.stdout, / -> AUTH PLAIN \[base64 of/);
    assert.match(withFlag.result.stdout, /WARNING: sending credentials without TLS/);
    assert.match(withFlag.result.stdout, /without TLS/);
    assert.deepEqual(leaks(withFlag.result.stdout + withFlag.result.stderr, PASSWORD), []);
  });
});

describe('security: the EAST "others" code matrices', () => {
  const GREETINGS = [
    '221 2.0.0 Bye',
    '354 go ahead',
    '421 4.3.2 busy',
    '500 5.5.1 what',
    '501 5.5.4 syntax',
    '530 5.7.0 auth first',
    '554 5.7.1 no service',
  ];
  for (const greeting of GREETINGS) {
    test(`security others/greeting (check): a greeting of "${greeting}" is service-unavailable; only QUIT is sent`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, { greeting: `${greeting}\r\n` }));
      assert.equal(ids(report)[0], 'service-unavailable', ids(report).join());
      assert.deepEqual(received, ['QUIT']);
    });
  }

  const EHLO_REPLIES = [
    '221 2.0.0 Bye',
    '354 go ahead',
    '500 5.5.1 what',
    '501 5.5.4 syntax',
    '530 5.7.0 auth first',
    '554 5.7.1 no',
  ];
  for (const ehlo of EHLO_REPLIES) {
    test(`security others/ehlo (check): EHLO answered "${ehlo}" leaves no way to TLS: starttls-unavailable, no AUTH`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, { ehlo: `${ehlo}\r\n` }));
      assert.equal(ids(report)[0], 'starttls-unavailable', ids(report).join());
      assert.ok(!received.includes('STARTTLS'));
      assert.deepEqual(authLines(received), []);
    });
  }

  test('security others/X_1 (session): sixty odd mechanism names are parsed without error and only known ones are used', async () => {
    const odd = Array.from({ length: 60 }, (_, i) => `X-ODD-MECH-${i}`).join(' ');
    const { result: record, received } = await sessionAgainst(
      hostile(certs, {
        ehloAfterTls: `250-hostile.test\r\n250 AUTH ${odd} SCRAM-SHA-256 GSSAPI NTLM LOGIN\r\n`,
        auth: (ctx) => {
          ctx.line('235 2.7.0 Authentication successful');
          return Promise.resolve(true);
        },
      }),
    );
    assert.equal(record.capabilities.afterTls?.auth.length, 64);
    assert.equal(record.auth?.mechanism, 'LOGIN');
    assert.deepEqual(authLines(received), ['AUTH LOGIN']);
  });

  test('security C7 (session): STARTTLS advertised again after TLS is never negotiated twice', async () => {
    const { result: record, received } = await sessionAgainst(
      hostile(certs, { ehloAfterTls: '250-hostile.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n' }),
    );
    assert.equal(received.filter((l) => l === 'STARTTLS').length, 1);
    assert.equal(record.tls?.verification.ok, true);
  });
});
