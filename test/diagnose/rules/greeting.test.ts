// greeting rule: no 220 greeting — a silent server (live or pasted), a hang-up before greeting, another code instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContext } from '../../../src/diagnose/context.js';
import { greeting } from '../../../src/diagnose/rules/greeting.js';
import { NODEMAILER_GREETING_TIMEOUT_MS } from '../../../src/knowledge/causes/greeting.js';
import { clientSetting } from '../../../src/knowledge/clients.js';
import { render } from '../../../src/knowledge/template.js';
import type { Evidence } from '../../../src/model/evidence.js';
import type { Failure } from '../../../src/model/session.js';
import { failure, live, observe, pasted } from '../../fixtures/evidence.js';
import { testRule, type RuleCase } from './support.js';

const starttls = { port: 587, security: 'starttls' as const };
const greetingNever = observe.message('greeting-never-received', 'Greeting never received', 'greeting');

function waited(afterMs: number, limit: 'phase' | 'deadline'): Failure {
  return { kind: 'timeout', phase: 'greeting', afterMs, limit };
}

const silent = (f: Failure): Evidence => live({ ...starttls, until: { failed: f } }, [], { target: { port: 587 } });

const liveChecks = ['greeting.check-middlebox', 'greeting.check-smtp-service'];

export const cases: RuleCase[] = [
  [
    'a silent server after a short --timeout (2 s): slowness first, and the timeout it used',
    silent(waited(2000, 'phase')),
    [
      {
        id: 'greeting-timeout',
        confidence: 'medium',
        fixes: ['greeting.slow-server', ...liveChecks],
        deadEnds: ['change-password'],
        says: /^The server accepted the connection but sent no greeting within 2 s$[\s\S]*within 2 s, smtp-doctor's phase timeout \(--timeout\)[\s\S]*greets slowly[\s\S]*passes nothing through/m,
      },
    ],
  ],
  [
    'a silent server after the session deadline says so',
    silent(waited(20000, 'deadline')),
    [
      {
        id: 'greeting-timeout',
        fixes: ['greeting.slow-server', ...liveChecks],
        says: /session deadline \(--deadline\)/,
      },
    ],
  ],
  [
    'a wait longer than nodemailer’s 30 s: slowness last',
    silent(waited(45000, 'phase')),
    [{ id: 'greeting-timeout', fixes: [...liveChecks, 'greeting.slow-server'], says: /within 45 s/ }],
  ],
  [
    'another port that greets comes first, then slowness',
    live({ ...starttls, until: { failed: waited(15000, 'phase') } }, [
      { port: 465, security: 'tls', until: { connected: true } },
    ]),
    [
      {
        id: 'greeting-timeout',
        fixes: ['greeting.use-answering-port', 'greeting.slow-server', ...liveChecks],
        settings: { port: 465, security: 'tls' },
      },
    ],
  ],
  [
    'STARTTLS on 465 and implicit TLS there silent too: the mode is not the cause',
    live({ port: 465, security: 'starttls', until: { failed: failure.timeout('greeting') } }, [
      { port: 465, security: 'tls', until: { failed: failure.timeout('greeting') } },
    ]),
    [{ id: 'greeting-timeout', says: /An implicit-TLS session to the same port got no greeting either/ }],
  ],
  [
    'a login refused elsewhere drops "changing the password"',
    live({ ...starttls, until: { failed: failure.timeout('greeting') } }, [
      { port: 465, security: 'tls', until: { auth: '535 5.7.8 Authentication credentials invalid' } },
    ]),
    [{ id: 'greeting-timeout', deadEnds: [] }],
  ],
  [
    'plaintext on 465 without a greeting is the tls-mode rule’s',
    live({ port: 465, security: 'none', until: { failed: failure.timeout('greeting') } }),
    [],
  ],
  [
    'a hang-up before the greeting: service unavailable, closed before greeting',
    live({ ...starttls, until: { failed: failure.closed('greeting') } }),
    [
      {
        id: 'service-unavailable',
        detail: 'closed-before-greeting',
        confidence: 'medium',
        fixes: liveChecks,
        deadEnds: [],
        says: /mail\.example\.org:587 accepted the connection and closed it without a greeting/,
      },
    ],
  ],
  [
    'a greeting with another code than 220, 421 or 554: a refusal all the same',
    live({ ...starttls, until: { greeting: '530 5.7.0 Must issue a STARTTLS command first' } }),
    [
      {
        id: 'service-unavailable',
        detail: 'unexpected-greeting',
        fixes: ['greeting.check-submission-endpoint', 'connection-lost.server-logs'],
        says: /^The server greeted with 530 instead of 220$/m,
      },
    ],
  ],
  [
    'a 554 greeting is the knowledge base’s (rfc.greeting-refused)',
    live({ ...starttls, until: { greeting: '554 No SMTP service here' } }),
    [],
  ],
  ['a 421 greeting is the knowledge base’s', live({ ...starttls, until: { greeting: '421 4.3.2 Busy' } }), []],
  [
    'garbage instead of a greeting is the connection-lost rule’s',
    live({ ...starttls, until: { failed: failure.violation('greeting', 'malformed-line', 'HTTP/1.1 400') } }),
    [],
  ],
  [
    'pasted: no greeting on 587',
    pasted([greetingNever], { target: { port: 587 } }),
    [
      {
        id: 'greeting-timeout',
        confidence: 'medium',
        fixes: ['greeting.test-elsewhere', 'greeting.check-middlebox', 'greeting.slow-server'],
        deadEnds: ['change-password'],
        says: /^The server accepted the connection but never greeted$[\s\S]*The TCP connection to port 587 opened/m,
        neverSays: /On port 465/,
      },
    ],
  ],
  [
    'pasted: no greeting on an unknown port is still a greeting that never came, which also names the implicit-TLS story',
    pasted([greetingNever]),
    [{ id: 'greeting-timeout', confidence: 'medium', says: /On port 465 a plaintext client waits in vain too/ }],
  ],
  ['pasted: no greeting on 465 is the tls-mode rule’s', pasted([greetingNever], { target: { port: 465 } }), []],
  [
    'pasted: the client read the end of the stream where the greeting belongs (JavaMail, aiosmtplib): a hang-up',
    pasted([
      observe.message(
        'connection-closed',
        'Got bad greeting from SMTP host: localhost, port: 1025, response: [EOF]',
        'greeting',
      ),
    ]),
    [
      {
        id: 'service-unavailable',
        detail: 'closed-before-greeting',
        confidence: 'medium',
        fixes: ['greeting.test-elsewhere', 'greeting.check-middlebox', 'greeting.check-smtp-service'],
        says: /^The server hung up before greeting\nThe server accepted the connection and closed it/,
      },
    ],
  ],
  [
    'pasted: the same hang-up on a port the text names says which',
    pasted([observe.message('connection-closed', 'Unexpected EOF received', 'greeting')], { target: { port: 587 } }),
    [{ id: 'service-unavailable', says: /\nPort 587 accepted the connection/ }],
  ],
  [
    'pasted: a plaintext hang-up on 465 is the tls-mode rule’s',
    pasted([observe.message('connection-closed', 'Unexpected EOF received', 'greeting')], { target: { port: 465 } }),
    [],
  ],
  [
    'pasted: a close the client does not place is not the greeting’s',
    pasted([observe.message('connection-closed', 'Connection unexpectedly closed')]),
    [],
  ],
  [
    'pasted: an IMAP greeting where the 220 belongs is a mailbox port, not SMTP',
    pasted([
      observe.message(
        'other-protocol-greeting',
        'short response: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] Dovecot ready.',
        'greeting',
      ),
    ]),
    [
      {
        id: 'protocol-violation',
        detail: 'other-protocol-greeting',
        confidence: 'high',
        fixes: ['greeting.use-submission-port', 'greeting.check-submission-endpoint'],
        deadEnds: ['change-password'],
        says: /^The port answers with IMAP, not SMTP$[\s\S]*"\* OK…"/m,
      },
    ],
  ],
  [
    'pasted: a POP3 greeting says POP3',
    pasted([observe.message('other-protocol-greeting', 'Invalid greeting. response=+OK Dovecot ready.', 'greeting')]),
    [{ id: 'protocol-violation', says: /^The port answers with POP3, not SMTP$/m }],
  ],
];

testRule(greeting, cases);

test('greeting: the slow-server fix re-runs past what was waited, and names the client’s greeting timeout', () => {
  const slow = (evidence: Evidence): string =>
    greeting
      .run(buildContext(evidence))
      .flatMap((c) => c.finding.fixes)
      .find((f) => f.id === 'greeting.slow-server')?.text ?? '';
  assert.match(slow(silent(waited(2000, 'phase'))), /--timeout 60000 --deadline 90000/);
  assert.match(slow(silent(waited(2000, 'phase'))), /\(nodemailer: greetingTimeout, default 30 s, .*; other clients:/);
  assert.match(slow(silent(waited(90000, 'phase'))), /--timeout 300000 --deadline 330000/);
  assert.match(
    slow(pasted([greetingNever], { target: { port: 587 } })),
    /^If the server is only slow to greet: raise your client’s greeting timeout/,
  );
});

test('greeting: nodemailer’s default in the client table is the one the rule compares with', () => {
  const seconds = render('{{ms|seconds}}', { ms: NODEMAILER_GREETING_TIMEOUT_MS });
  assert.match(clientSetting('greeting-timeout', 'nodemailer'), new RegExp(`greetingTimeout, default ${seconds}`));
});
