import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildContext } from '../../src/diagnose/context.js';
import { diagnose, RULES } from '../../src/diagnose/index.js';
import type { Evidence, Observation } from '../../src/model/evidence.js';
import type { Phase } from '../../src/model/transcript.js';
import { caps, failure, live, pasted, secret, type SessionSpec } from '../fixtures/evidence.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';

const phases: (Phase | null)[] = [
  null,
  'connect',
  'tls',
  'greeting',
  'ehlo',
  'starttls',
  'auth',
  'mail',
  'rcpt',
  'data',
];
const codes = [
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'CERT_HAS_EXPIRED',
  'ECONNRESET',
  'WHATEVER',
];
const messages = [
  'greeting-never-received',
  'auth-not-advertised',
  'starttls-failed',
  'credentials-missing',
  'auth-failed',
  'connection-closed',
  'unknown',
];

const observation: fc.Arbitrary<Observation> = fc.oneof(
  fc
    .record({
      code: fc.integer({ min: 200, max: 599 }),
      enh: fc.option(fc.constantFrom('5.7.8', '4.7.0', '5.7.139', '5.5.4')),
      text: fc.string({ maxLength: 60 }),
      phase: fc.constantFrom(...phases),
    })
    .map(({ code, enh, text, phase }) => {
      const wire = `${code} ${enh ?? ''} ${text.replace(/[\r\n]/g, ' ')}`.trim();
      const reply = parseReplyText(wire) ?? parseReplyText(`${code}`);
      if (!reply) throw new Error('unreachable');
      return { kind: 'reply' as const, reply, phase, quote: wire };
    }),
  fc
    .record({ code: fc.constantFrom(...codes), phase: fc.constantFrom(...phases) })
    .map(({ code, phase }) => ({ kind: 'error-code' as const, code, phase, quote: code })),
  fc
    .record({ id: fc.constantFrom(...messages), phase: fc.constantFrom(...phases) })
    .map(({ id, phase }) => ({ kind: 'client-message' as const, id, phase, quote: id })),
);

const until: fc.Arbitrary<SessionSpec['until']> = fc.oneof(
  fc.constantFrom<SessionSpec['until']>(
    { failed: failure.network('ECONNREFUSED') },
    { failed: failure.timeout('greeting') },
    { failed: failure.tls('ERR_SSL_WRONG_VERSION_NUMBER') },
    { failed: failure.cert('CERT_HAS_EXPIRED') },
    { failed: failure.closed('auth') },
    { greeting: '421 4.7.0 busy' },
    { noStarttls: true },
    { connected: true },
    { authSkipped: 'the server offers no AUTH here' },
  ),
  fc
    .record({
      code: fc.constantFrom(235, 334, 454, 501, 504, 530, 534, 535),
      mechanism: fc.constantFrom('PLAIN', 'LOGIN', 'XOAUTH2'),
    })
    .map(({ code, mechanism }) => ({ auth: `${code} x`, mechanism })),
);
const spec: fc.Arbitrary<SessionSpec> = fc.record({
  port: fc.constantFrom(25, 465, 587, 2525),
  security: fc.constantFrom('tls' as const, 'starttls' as const, 'none' as const),
  until,
  after: fc.constantFrom(undefined, caps([]), caps(['PLAIN'])),
});

const evidence: fc.Arbitrary<Evidence> = fc.oneof(
  fc.array(observation, { maxLength: 6 }).map((obs) => pasted(obs, { target: { port: 465 } })),
  fc
    .tuple(spec, fc.array(spec, { maxLength: 3 }), fc.option(fc.string({ maxLength: 20 })))
    .map(([c, alts, pw]) =>
      live(
        c,
        alts,
        pw === null
          ? {}
          : { credentials: { username: ' user', secret: secret(pw) }, attempts: { allowed: 3, failed: 2 } },
      ),
    ),
);

test('diagnose: no rule throws, and every finding cites evidence, on arbitrary evidence', () => {
  fc.assert(
    fc.property(evidence, (e) => {
      const context = buildContext(e);
      for (const rule of RULES) assert.doesNotThrow(() => rule.run(context), rule.id);
      for (const f of diagnose(e)) {
        assert.ok(f.evidence.length > 0, `${f.id} without evidence`);
        assert.ok(f.fixes.length > 0, `${f.id} without fixes`);
      }
    }),
    { numRuns: 300 },
  );
});
