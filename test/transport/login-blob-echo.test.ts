import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { renderTranscript } from '../../src/report/transcript-text.js';
import { session } from '../helpers/session.js';

// audit14 L2/L3: with LOGIN, a server that echoes the PLAIN-shaped login data (never sent) as base64, URL-safe base64
// or base64 twice showed a weak password whole and a strong one's ends.
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const url = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

let mode: 'b64' | 'b64url' | 'b64b64' = 'b64';
let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer(async (ctx) => {
    ctx.line('220 echo.test ESMTP');
    let user = '';
    for (;;) {
      const line = await ctx.readLine(3000);
      if (line === null) return;
      if (/^EHLO/i.test(line)) ctx.line('250-echo.test\r\n250 AUTH PLAIN LOGIN');
      else if (line === 'AUTH LOGIN') ctx.line(`334 ${b64('Username:')}`);
      else if (line === 'QUIT') return ctx.line('221 bye');
      else if (user === '') {
        user = Buffer.from(line, 'base64').toString('utf8');
        ctx.line(`334 ${b64('Password:')}`);
      } else {
        const blob = b64(`\0${user}\0${Buffer.from(line, 'base64').toString('utf8')}`);
        const echo = mode === 'b64' ? blob : mode === 'b64url' ? url(blob) : b64(blob);
        ctx.line(`535 5.7.8 Bad credentials ${echo}`);
      }
    }
  });
});
after(() => server.close());

for (const [user, pass] of [
  ['uu@lab.test', 'hunter2'],
  ['u@lab.test', 'hunter2'],
  ['uuu@lab.test', 'password'],
  ['uu@lab.test', 'Xq7vR2mZt9LkW4bN'],
  ['u@lab.test', 'é漢字🔑pass'],
] as const) {
  for (const m of ['b64', 'b64url', 'b64b64'] as const) {
    test(`LOGIN: a ${m} echo of the PLAIN blob of ${user} is scrubbed whole`, async () => {
      mode = m;
      const record = await session(server.port, {
        security: 'none',
        allowPlaintext: true,
        user,
        password: pass,
        mechanism: 'LOGIN',
      });
      const out = JSON.stringify(record) + renderTranscript(record.transcript, { timestamps: false });
      const line = record.transcript.find((e) => e.dir === 'server' && e.text.startsWith('535'));
      assert.ok(line, 'the 535 is recorded');
      assert.equal(line.text, '535 5.7.8 Bad credentials [redacted]');
      const blob = b64(`\0${user}\0${pass}`);
      // The weak "password" is also a word of our own notes ("[base64 of password …]"): the 535 line is checked above.
      for (const form of [blob, url(blob), b64(blob), b64(pass)]) assert.ok(!out.includes(form), `leaked ${form}`);
    });
  }
}
