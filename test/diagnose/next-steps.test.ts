// Follow-up: which next steps, codes and inconclusive reason a report carries, decided from the evidence; words from knowledge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { followUp, type FollowUpInput } from '../../src/diagnose/next-steps.js';
import { describeReplyCode } from '../../src/knowledge/codes.js';
import type { Finding } from '../../src/model/finding.js';
import { caps, live, observe, pasted } from '../fixtures/evidence.js';

const FINDING: Finding = {
  id: 'credentials-rejected',
  severity: 'error',
  title: 'x',
  summary: 'x',
  evidence: [{ text: 'x', source: 'pasted' }],
  fixes: [],
  deadEnds: [],
  docs: [],
  confidence: 'high',
};

const connected = live({ port: 587, security: 'starttls', until: { connected: true } }, [
  { port: 465, security: 'tls', until: { connected: true }, after: caps(['PLAIN']) },
  {
    port: 25,
    security: 'starttls',
    until: { failed: { kind: 'timeout', phase: 'greeting', afterMs: 1, limit: 'phase' } },
  },
]);
const code535 = describeReplyCode(535);

/** [what, the input, the reason, what the next steps say in order (one pattern each), the codes]. */
const cases: [string, FollowUpInput, string | undefined, RegExp[], string[]][] = [
  [
    'a diagnosed check: nothing to add',
    { command: 'check', evidence: connected, findings: [FINDING], login: { credentials: true } },
    undefined,
    [],
    [],
  ],
  [
    'a check with a user and no password: give the password, and what was learned',
    { command: 'check', evidence: connected, findings: [], login: { credentials: false, username: 'bob' } },
    'login-not-tested',
    [
      /^No password was given for "bob", so no login was attempted: give it with --password-env VAR/,
      /^Learned without logging in: port 587 with STARTTLS offers AUTH PLAIN LOGIN; port 465 with implicit TLS offers AUTH PLAIN; no SMTP session reached EHLO on port 25 with STARTTLS\.$/,
    ],
    [],
  ],
  [
    'a check without a user: give one',
    { command: 'check', evidence: connected, findings: [], login: { credentials: false } },
    'login-not-tested',
    [/^No login was attempted: give --user NAME/, /^Learned without logging in/],
    [],
  ],
  [
    'a check with --max-attempts 0: the login was skipped on purpose',
    { command: 'check', evidence: connected, findings: [], login: { credentials: true, maxAttempts: 0 } },
    'login-not-tested',
    [/skipped on purpose \(--max-attempts 0\)/, /^Learned without logging in/, /without --max-attempts 0/],
    [],
  ],
  [
    'a check whose login was tried and nothing diagnosed: keep the transcript',
    {
      command: 'check',
      evidence: live({ port: 587, security: 'starttls', until: { auth: '235 2.7.0 OK' } }),
      findings: [],
      login: { credentials: true },
    },
    'no-diagnosis',
    [/^Run again with --verbose/],
    [],
  ],
  [
    'an unknown pasted reply: its codes, and how to learn more',
    { command: 'explain', evidence: pasted([observe.reply('554 5.7.1 Some unknown policy text')]), findings: [] },
    'unknown-reply',
    [/^Let smtp-doctor talk to the server: smtp-doctor check <host>/, /debug transcript/, /^Search the provider/],
    ['554', '5.7.1'],
  ],
  [
    'bare codes: paste the whole reply',
    {
      command: 'explain',
      evidence: pasted([observe.reply('535')]),
      findings: [],
      codes: code535 ? [code535] : [],
    },
    'code-only',
    [/^Paste the whole reply/, /^Include the host/],
    ['535'],
  ],
  [
    'text with nothing known in it: what to collect',
    { command: 'explain', evidence: pasted([]), findings: [] },
    'nothing-recognised',
    [/^Paste the complete error/, /debug output on/, /^Include the host, port/, /^Or let smtp-doctor/],
    [],
  ],
  [
    'a diagnosed paste keeps the codes asked about, and adds nothing',
    { command: 'explain', evidence: pasted([]), findings: [FINDING], codes: code535 ? [code535] : [] },
    undefined,
    [],
    ['535'],
  ],
];

describe('follow-up: next steps, codes and the inconclusive reason', () => {
  for (const [what, input, reason, steps, codes] of cases)
    test(`follow-up: ${what}`, () => {
      const out = followUp(input);
      assert.equal(out.inconclusiveReason, reason);
      assert.equal((out.nextSteps ?? []).length, steps.length, (out.nextSteps ?? []).join('\n'));
      steps.forEach((pattern, i) => assert.match(out.nextSteps?.[i] ?? '', pattern));
      assert.deepEqual(
        (out.codes ?? []).map((c) => c.code),
        codes,
      );
    });

  test('follow-up: the debug advice names the client the paste shows', () => {
    const out = followUp({
      command: 'explain',
      evidence: pasted([], { client: { client: 'python-smtplib', quote: 'smtplib' } }),
      findings: [],
    });
    assert.ok(
      out.nextSteps?.includes(
        'Turn the client’s SMTP debug output on and paste that: Python: server.set_debuglevel(1).',
      ),
    );
  });
});
