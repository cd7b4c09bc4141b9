import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveWorking } from '../../src/diagnose/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import type { WorkingSettings } from '../../src/model/report.js';
import { caps, failure, live, observe, pasted, tls } from '../fixtures/evidence.js';

const cases: [string, Evidence, WorkingSettings | null][] = [
  [
    'a login that worked is proven by login',
    live({
      host: 'smtp.gmail.com',
      port: 587,
      security: 'starttls',
      until: { auth: '235 2.7.0 Accepted', username: 'a@gmail.com' },
    }),
    {
      host: 'smtp.gmail.com',
      port: 587,
      security: 'starttls',
      mechanism: 'PLAIN',
      username: 'a@gmail.com',
      proven: 'login',
    },
  ],
  [
    'a refused login still proves the connection settings that reached AUTH over TLS',
    live({ port: 587, security: 'starttls', until: { auth: '535 5.7.8 Authentication credentials invalid' } }, [], {
      credentials: { username: 'alice@example.org' },
    }),
    { host: 'mail.example.org', port: 587, security: 'starttls', username: 'alice@example.org', proven: 'connection' },
  ],
  [
    'a failed configured session points to the alternative on the same port first',
    live({ port: 587, security: 'tls', until: { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    { host: 'mail.example.org', port: 587, security: 'starttls', proven: 'connection' },
  ],
  [
    'without one on the same port, the first alternative that reached AUTH over TLS',
    live({ port: 2525, security: 'starttls', until: { failed: failure.network('ECONNREFUSED') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    { host: 'mail.example.org', port: 465, security: 'tls', proven: 'connection' },
  ],
  [
    'an alternative without AUTH proves nothing',
    live(
      { port: 25, security: 'starttls', after: caps([]), until: { authSkipped: 'the server offers no AUTH here' } },
      [{ port: 2525, security: 'starttls', after: caps([]), until: { connected: true } }],
    ),
    null,
  ],
  [
    'an unverified certificate proves nothing',
    live({
      port: 465,
      security: 'tls',
      tls: tls('implicit', { ok: false, acceptedInsecurely: true }),
      until: { connected: true },
    }),
    null,
  ],
  [
    'a session that stopped before any TLS facts proves nothing',
    live({ port: 587, security: 'starttls', until: { failed: failure.timeout('auth') } }, [], {
      target: { mechanism: 'login' },
    }),
    null,
  ],
  ['pasted text proves nothing', pasted([observe.reply('235 2.7.0 OK', 'auth')]), null],
];

describe('working settings', () => {
  for (const [what, evidence, expected] of cases)
    test(`deriveWorking: ${what}`, () => assert.deepEqual(deriveWorking(evidence), expected));

  test('deriveWorking: keeps a configured mechanism the server offers', () => {
    const evidence = live({ port: 465, security: 'tls', until: { connected: true } }, [], {
      target: { mechanism: 'login' },
    });
    assert.equal(deriveWorking(evidence)?.mechanism, 'LOGIN');
  });
});
