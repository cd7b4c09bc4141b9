// connection-lost rule: a session that died after the connection opened, or a server that broke the protocol.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { connectionLost } from '../../../src/diagnose/rules/connection-lost.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { Failure } from '../../../src/model/session.js';
import { caps, failure, live, secret } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const starttls = { port: 587, security: 'starttls' as const };

function cut(phase: Failure['phase'], partial?: string): Failure {
  return partial === undefined ? { kind: 'closed', phase } : { kind: 'closed', phase, partial };
}

/** A login cut off by the server, with the first bytes of its reply when it had begun one. */
function dropped(partial?: string): Evidence {
  return live({ ...starttls, until: { failed: cut('auth', partial) } }, [], {
    credentials: { username: 'alice@example.org', secret: secret('lab-password-1') },
  });
}

function violation(phase: Failure['phase'], preview: string | undefined): Failure {
  const kind = preview === undefined ? 'reply-too-many-lines' : 'line-too-long';
  return {
    kind: 'protocol-violation',
    phase,
    violation: {
      kind,
      detail: preview === undefined ? 'a reply went on for more than 256 lines' : 'a reply line exceeded 16384 bytes',
      ...(preview === undefined ? {} : { preview }),
    },
  };
}

/** The failed EHLO as the one after STARTTLS (the fixture records the first EHLO's step name). */
function afterTls(evidence: Evidence): Evidence {
  const step = evidence.sessions[0]?.record.steps.find((s) => s.result === 'failed');
  if (step) step.step = 'ehlo-after-tls';
  return evidence;
}

const lostFixes = ['connection-lost.try-later', 'connection-lost.other-network'];
const lostLoginFixes = ['connection-lost.try-later', 'connection-lost.no-more-logins', 'connection-lost.other-network'];

export const cases: RuleCase[] = [
  [
    'a server that stops answering after EHLO: stalled',
    live({ ...starttls, until: { failed: failure.timeout('ehlo') } }),
    [
      {
        id: 'connection-lost',
        detail: 'stalled',
        confidence: 'medium',
        fixes: lostFixes,
        deadEnds: [],
        says: /^The server stopped answering during EHLO$/m,
      },
    ],
  ],
  [
    'a reset in the middle of AUTH: no verdict, no more logins for now',
    live({ ...starttls, until: { failed: failure.network('ECONNRESET', 'auth') } }),
    [
      {
        id: 'connection-lost',
        detail: 'reset',
        fixes: lostLoginFixes,
        deadEnds: ['change-password'],
        says: /The server reset the connection during AUTH[\s\S]*before the server gave a verdict/,
      },
    ],
  ],
  [
    'a 235 cut off: the server was accepting the login, so no lockout advice',
    dropped('235 2.0.0 Authenti'),
    [
      {
        id: 'connection-lost',
        detail: 'closed',
        fixes: lostFixes,
        deadEnds: ['change-password'],
        says: /accepting the login when the connection dropped: the reply it had begun, 235, is a success/,
      },
    ],
  ],
  [
    'a 535 cut off: the server was refusing it, so changing the password is no dead end',
    dropped('535 5.7.8 Authenti'),
    [{ id: 'connection-lost', fixes: lostLoginFixes, deadEnds: [], says: /refusing the login[\s\S]*535/ }],
  ],
  [
    'a 454 cut off: a temporary refusal, the password never judged',
    dropped('454 4.7.0 Tempor'),
    [{ id: 'connection-lost', fixes: lostLoginFixes, deadEnds: ['change-password'], says: /temporary refusal \(454/ }],
  ],
  [
    'nothing of a reply: the password never judged',
    dropped(),
    [{ id: 'connection-lost', deadEnds: ['change-password'], says: /before the server gave a verdict/ }],
  ],
  [
    'a login refused elsewhere in the run drops "the server never judged it"',
    live({ ...starttls, until: { failed: cut('auth') } }, [
      { port: 465, security: 'tls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
    ]),
    [{ id: 'connection-lost', deadEnds: [] }],
  ],
  [
    'a connection lost during STARTTLS points to implicit TLS where the probe saw it work',
    live({ ...starttls, before: caps([], { starttls: true }), until: { failed: cut('starttls', '220 2.0.0 Ready') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
    ]),
    [
      {
        id: 'connection-lost',
        detail: 'closed',
        fixes: [...lostFixes, 'connection-lost.implicit-tls-instead'],
        says: /^The server closed the connection during STARTTLS$/m,
      },
    ],
  ],
  [
    'lost during EHLO after STARTTLS says so',
    afterTls(live({ ...starttls, until: { failed: failure.timeout('ehlo') } })),
    [{ id: 'connection-lost', detail: 'stalled', says: /^The server stopped answering during EHLO after STARTTLS$/m }],
  ],
  [
    'an endless EHLO reply: a protocol violation, its detail as a sentence, no bytes to point to',
    live({ ...starttls, until: { failed: violation('ehlo', undefined) } }),
    [
      {
        id: 'protocol-violation',
        detail: 'reply-too-many-lines',
        fixes: [
          'connection-lost.check-smtp-server',
          'connection-lost.other-network-mangles',
          'connection-lost.server-logs',
        ],
        says: /^A reply went on for more than 256 lines\. smtp-doctor stopped there/m,
        neverSays: /quoted above/,
      },
    ],
  ],
  [
    'an over-long line quotes its first bytes, and the fix points to them',
    live({ ...starttls, until: { failed: violation('ehlo', '250 xxxxxxxx') } }),
    [{ id: 'protocol-violation', detail: 'line-too-long' }],
  ],
  [
    'an HTTP answer instead of a greeting is a protocol violation (not silence)',
    live({
      ...starttls,
      until: { failed: failure.violation('greeting', 'malformed-line', 'HTTP/1.1 400 Bad Request') },
    }),
    [{ id: 'protocol-violation', detail: 'malformed-line', says: /during GREETING/ }],
  ],
  [
    'silence before the greeting is the greeting rule’s',
    live({ ...starttls, until: { failed: failure.timeout('greeting') } }),
    [],
  ],
  [
    'a refused connection is the network rule’s',
    live({ ...starttls, until: { failed: failure.network('ECONNREFUSED') } }),
    [],
  ],
  [
    'a failed TLS handshake is the TLS rules’',
    live({ port: 465, security: 'tls', until: { failed: failure.network('ECONNRESET', 'tls') } }),
    [],
  ],
  ['a refused login is no lost connection', live({ ...starttls, until: { auth: '535 5.7.8 nope' } }), []],
];

testRule(connectionLost, cases);

test('connection-lost: "changing the password" says why it will not help, by what the cut-off reply shows', () => {
  const why = (evidence: Evidence): string[] =>
    connectionLost.run(buildContext(evidence)).flatMap((c) => c.finding.deadEnds.map((d) => d.why));
  assert.deepEqual(why(dropped('235 2.0.0 Authenti')), ['the server was accepting it when the connection dropped.']);
  assert.deepEqual(why(dropped()), ['the server never judged it.']);
});

test('connection-lost: a violation quotes the transcript line that shows the bytes, and the fix points to it', () => {
  const [found] = connectionLost.run(
    buildContext(live({ ...starttls, until: { failed: violation('ehlo', '250 xxxxxxxx') } })),
  );
  const finding = found?.finding;
  assert.ok(finding);
  assert.ok(finding.evidence.some((q) => q.text.includes('250 xxxxxxxx') && q.event !== undefined));
  assert.match(finding.fixes[0]?.text ?? '', /the first bytes quoted above show what answers/);
});
