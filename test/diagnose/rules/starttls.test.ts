// starttls rule: STARTTLS not offered or refused, plaintext injected after the go-ahead, a failed handshake — live and pasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { starttls } from '../../../src/diagnose/rules/starttls.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { Failure } from '../../../src/model/session.js';
import { caps, failure, live, observe, pasted, type SessionSpec } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const gmail = { host: 'smtp.gmail.com' };
const m365 = { host: 'smtp.office365.com' };
const ADVERTISED = caps([], { starttls: true });
const NOT_ADVERTISED = caps(['PLAIN']);
const implicitWorks: SessionSpec = { port: 465, security: 'tls', until: { connected: true } };
const refused = (port: number, security: 'tls' | 'starttls', host?: string): SessionSpec => ({
  ...(host !== undefined ? { host } : {}),
  port,
  security,
  until: { failed: failure.network('ECONNREFUSED') },
});
const cut = (phase: Failure['phase'], partial?: string): Failure =>
  partial === undefined ? { kind: 'closed', phase } : { kind: 'closed', phase, partial };

/** A server that strips STARTTLS from EHLO and refuses the command (as the probe tries it anyway). */
const stripped = (host: Partial<SessionSpec>, alternatives: SessionSpec[]): Evidence =>
  live(
    {
      ...host,
      port: 587,
      security: 'starttls',
      before: caps([]),
      until: { starttls: '500 5.5.1 Unrecognized command' },
    },
    alternatives,
  );

const injected: SessionSpec = {
  port: 587,
  security: 'starttls',
  injection: { bytes: 29, preview: '250-EVIL\\r\\n250 AUTH PLAIN\\r\\n' },
  until: { authSkipped: 'plaintext was injected after the STARTTLS go-ahead' },
};

export const cases: RuleCase[] = [
  [
    'STARTTLS missing from EHLO, implicit TLS proven on 465: use it',
    live({ port: 587, security: 'starttls', before: NOT_ADVERTISED, until: { noStarttls: true } }, [implicitWorks]),
    [
      {
        id: 'starttls-unavailable',
        detail: 'not-offered',
        confidence: 'high',
        settings: { port: 465, security: 'tls' },
        fixes: ['starttls.implicit-proven'],
        deadEnds: ['tls-off'],
        says: /does not list it.*credentials were withheld/,
      },
    ],
  ],
  [
    'an advertised STARTTLS refused with 454, nothing else known: the host questioned, no port guessed',
    live({ port: 587, security: 'starttls', until: { starttls: '454 4.7.0 TLS not available due to local problem' } }),
    [
      {
        id: 'starttls-unavailable',
        detail: 'refused',
        confidence: 'high',
        fixes: ['starttls.check-submission-host'],
        deadEnds: ['tls-off'],
        says: /advertised STARTTLS but refused it/,
      },
    ],
  ],
  [
    'a 250 to an advertised STARTTLS is no go-ahead: a refusal',
    live({ port: 587, security: 'starttls', until: { starttls: '250 2.0.0 OK' } }),
    [{ id: 'starttls-unavailable', detail: 'refused' }],
  ],
  [
    'STARTTLS proven on another port: use it there',
    live({ port: 25, security: 'starttls', before: NOT_ADVERTISED, until: { noStarttls: true } }, [
      { port: 587, security: 'starttls', until: { connected: true } },
    ]),
    [
      {
        id: 'starttls-unavailable',
        detail: 'not-offered',
        fixes: ['starttls.starttls-proven'],
        settings: { port: 587, security: 'starttls' },
      },
    ],
  ],
  [
    'a connection dropped in the middle of an advertised STARTTLS is not a refusal (connection-lost reads it)',
    live({
      port: 587,
      security: 'starttls',
      before: ADVERTISED,
      until: { failed: cut('starttls', '220 2.0.0 Ready') },
    }),
    [],
  ],
  [
    'a server that stops answering an advertised STARTTLS is not a refusal either',
    live({ port: 587, security: 'starttls', before: ADVERTISED, until: { failed: failure.timeout('starttls') } }),
    [],
  ],
  [
    'a drop after a STARTTLS that EHLO never listed is still not-offered',
    live({ port: 587, security: 'starttls', before: NOT_ADVERTISED, until: { failed: cut('starttls') } }),
    [{ id: 'starttls-unavailable', detail: 'not-offered' }],
  ],
  [
    'implicit TLS settings: no STARTTLS step, nothing to say',
    live({ port: 465, security: 'tls', until: { connected: true } }),
    [],
  ],
  [
    'Gmail without STARTTLS, 465 not probed: the documented implicit-TLS port',
    stripped(gmail, []),
    [
      {
        id: 'starttls-unavailable',
        detail: 'not-offered',
        fixes: ['starttls.documented-endpoint'],
        settings: { port: 465, security: 'tls' },
      },
    ],
  ],
  [
    'Gmail without STARTTLS and 465 refused: Gmail documents 465, but the probe saw it fail',
    stripped(gmail, [refused(465, 'tls', gmail.host)]),
    [{ id: 'starttls-unavailable', fixes: ['starttls.path-interference'] }],
  ],
  [
    'Microsoft 365 without STARTTLS: its own submission host, so the network path, never 465 or "not an MX host"',
    stripped(m365, [refused(465, 'tls', m365.host)]),
    [{ id: 'starttls-unavailable', detail: 'not-offered', fixes: ['starttls.path-interference'] }],
  ],
  [
    'an unknown server without STARTTLS and no alternative: no port guessed, the host questioned',
    stripped({}, []),
    [{ id: 'starttls-unavailable', fixes: ['starttls.check-submission-host'] }],
  ],
  [
    'an unknown server without STARTTLS: implicit TLS where an alternative reached EHLO over it',
    stripped({}, [{ port: 2465, security: 'tls', until: { connected: true } }]),
    [{ id: 'starttls-unavailable', fixes: ['starttls.implicit-proven'], settings: { port: 2465, security: 'tls' } }],
  ],
  [
    'bytes after the STARTTLS go-ahead, implicit TLS proven: injection, and implicit TLS leaves nothing to inject into',
    live(injected, [implicitWorks]),
    [
      {
        id: 'starttls-injection',
        confidence: 'high',
        settings: { port: 465, security: 'tls' },
        fixes: ['starttls.implicit-proven', 'starttls.report-tampering'],
        deadEnds: ['tls-off'],
        says: /sent 29 more plaintext bytes/,
      },
    ],
  ],
  [
    'STARTTLS injection at Microsoft 365 (no implicit-TLS port documented): only the report to the administrator',
    live({ ...m365, ...injected }, [refused(465, 'tls', m365.host)]),
    [{ id: 'starttls-injection', fixes: ['starttls.report-tampering'] }],
  ],
  [
    'pasted: the client says STARTTLS is not offered',
    pasted([observe.message('starttls-not-advertised', 'STARTTLS extension not supported by server.', 'starttls')]),
    [
      {
        id: 'starttls-unavailable',
        detail: 'not-offered',
        confidence: 'medium',
        fixes: ['starttls.check-submission-host'],
        deadEnds: ['tls-off'],
        neverSays: /withheld/,
      },
    ],
  ],
  [
    'pasted: STARTTLS not offered by Gmail: the port Gmail documents, on its host',
    pasted([observe.message('starttls-not-advertised', 'STARTTLS extension not supported by server.', 'starttls')], {
      providerHints: [{ provider: 'google', by: 'host', quote: 'smtp.gmail.com' }],
    }),
    [
      {
        id: 'starttls-unavailable',
        fixes: ['starttls.documented-endpoint'],
        settings: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
      },
    ],
  ],
  [
    'pasted: a failed STARTTLS without more detail is a handshake failure, said with low confidence',
    pasted([observe.message('starttls-failed', 'Unable to connect with STARTTLS', 'starttls')]),
    [
      {
        id: 'tls-handshake-failed',
        detail: 'starttls',
        confidence: 'low',
        fixes: ['starttls.read-handshake-error', 'starttls.check-submission-host'],
        deadEnds: [],
      },
    ],
  ],
  [
    'pasted: a failed STARTTLS with a TLS error code is the handshake rule’s',
    pasted([
      observe.message('starttls-failed', 'Unable to connect with STARTTLS', 'starttls'),
      observe.code('CERT_HAS_EXPIRED', 'tls'),
    ]),
    [],
  ],
];

testRule(starttls, cases);

test('starttls: cites the fix words it was given — provider, port and host', () => {
  const [found] = starttls.run(buildContext(stripped(gmail, [])));
  assert.equal(found?.finding.fixes[0]?.text, 'Use implicit TLS on port 465, as Gmail / Google Workspace documents.');
  const [pastedFound] = starttls.run(
    buildContext(
      pasted([observe.message('starttls-not-advertised', 'STARTTLS extension not supported by server.', 'starttls')], {
        providerHints: [{ provider: 'google', by: 'host', quote: 'smtp.gmail.com' }],
      }),
    ),
  );
  assert.equal(
    pastedFound?.finding.fixes[0]?.text,
    'Use implicit TLS on port 465 of smtp.gmail.com, as Gmail / Google Workspace documents.',
  );
  const [m365Found] = starttls.run(buildContext(stripped(m365, [refused(465, 'tls', m365.host)])));
  assert.match(
    m365Found?.finding.fixes[0]?.text ?? '',
    /^smtp\.office365\.com is Microsoft .*’s own submission server/,
  );
});

test('starttls: a STARTTLS never advertised quotes the session’s line and the capabilities it saw', () => {
  const [found] = starttls.run(
    buildContext(live({ port: 587, security: 'starttls', before: NOT_ADVERTISED, until: { noStarttls: true } })),
  );
  assert.deepEqual(
    found?.finding.evidence.map((q) => q.text),
    ['STARTTLS was not advertised', 'EHLO capabilities: PIPELINING 8BITMIME AUTH'],
  );
  const helo = live({ port: 587, security: 'starttls', before: NOT_ADVERTISED, until: { noStarttls: true } });
  const before = helo.sessions[0]?.record.capabilities.beforeTls;
  if (before) before.viaHelo = true;
  const [fromHelo] = starttls.run(buildContext(helo));
  assert.equal(fromHelo?.finding.evidence[0]?.text, 'the server refused EHLO, so STARTTLS cannot be negotiated');
});

test('starttls: the injected bytes are quoted as the session recorded them', () => {
  const [found] = starttls.run(buildContext(live(injected)));
  assert.ok(found);
  assert.deepEqual(found.finding.evidence, [
    { text: '250-EVIL\\r\\n250 AUTH PLAIN\\r\\n', source: 'transcript', session: 0 },
  ]);
  assert.deepEqual(
    found.finding.docs.map((d) => d.url),
    ['https://nostarttls.secvuln.info/'],
  );
});
