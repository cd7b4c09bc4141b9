import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { renderTranscript } from '../../src/report/transcript-text.js';
import { summarizeSession } from '../../src/report/session-summary.js';
import { runCli } from '../helpers/cli.js';
import { session } from '../helpers/session.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A hostile server that echoes every line it gets back into its replies, walking each mechanism's prompts. */
let echo: ScriptedServer;
before(async () => {
  echo = await startScriptedServer(async (ctx) => {
    ctx.line('220 echo.test ESMTP');
    for (;;) {
      const line = await ctx.readLine(3000);
      if (line === null) return;
      if (/^EHLO/i.test(line)) {
        ctx.line('250-echo.test');
        ctx.line('250 AUTH PLAIN LOGIN CRAM-MD5');
      } else if (line === 'AUTH LOGIN') ctx.line(`334 ${b64('Username:')}`);
      else if (line === 'AUTH CRAM-MD5') ctx.line(`334 ${b64('<1.2@echo.test>')}`);
      else if (line === 'QUIT') {
        ctx.line(`221 bye ${line}`);
        return;
      } else if (ctx.received.length === 3 && ctx.received[1] === 'AUTH LOGIN')
        ctx.line(`334 ${b64(`Password: you said ${line}`)}`);
      else
        ctx.line(
          `535-5.7.8 you sent: ${line}\r\n535 5.7.8 decoded: ${Buffer.from(line.split(' ').pop() ?? '', 'base64').toString('utf8')}`,
        );
    }
  });
});
after(() => echo.close());

const unit = fc.constantFrom('a', 'Z', '9', ' ', ':', '=', '"', '\\', '%', '+', '/', 'ü', '€', '😀', '\t');
const username = fc.string({ unit, minLength: 3, maxLength: 30 }).filter((u) => u.trim().length >= 3);
const password = fc.string({ unit, minLength: 8, maxLength: 40 });
/** On the command line a ":" in --user splits it as curl does (user:password): that form has its own tests. */
const cliUsername = username.filter((u) => !u.includes(':'));

function forbiddenForms(user: string, pass: string): string[] {
  return [
    pass,
    b64(pass),
    b64(`\0${user}\0${pass}`),
    b64(user),
    encodeURIComponent(pass),
    Buffer.from(pass).toString('hex'),
    JSON.stringify(pass).slice(1, -1),
  ];
}

test('secret redaction: no transcript, JSON or summary contains the password or any base64 of it (property)', async () => {
  await fc.assert(
    fc.asyncProperty(
      username,
      password,
      fc.constantFrom('PLAIN', 'LOGIN', 'CRAM-MD5'),
      async (user, pass, mechanism) => {
        const record = await session(echo.port, {
          security: 'none',
          allowPlaintext: true,
          user,
          password: pass,
          mechanism,
        });
        const outputs = [
          JSON.stringify(record),
          renderTranscript(record.transcript, { timestamps: true }),
          summarizeSession(record),
        ];
        for (const out of outputs) {
          for (const form of forbiddenForms(user, pass)) {
            assert.ok(!out.includes(form), `leaked ${JSON.stringify(form)} with ${mechanism} in ${out.slice(0, 300)}`);
          }
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('secret redaction: the CLI output and errors never show the password (property)', async () => {
  await fc.assert(
    fc.asyncProperty(cliUsername, password, fc.boolean(), async (user, pass, json) => {
      const argv = [
        'session',
        '127.0.0.1',
        '--port',
        String(echo.port),
        '--security',
        'none',
        '--allow-plaintext',
        '--user',
        user,
        '--password-env',
        'PW',
      ];
      const run = await runCli(json ? [...argv, '--json'] : argv, { env: { PW: pass } });
      for (const form of forbiddenForms(user, pass)) {
        assert.ok(!run.stdout.includes(form) && !run.stderr.includes(form), `leaked ${JSON.stringify(form)}`);
      }
      assert.equal(run.code, 1);
    }),
    { numRuns: 25 },
  );
});
