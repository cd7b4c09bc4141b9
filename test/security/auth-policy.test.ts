// Security suite, AUTH policy: credentials go only with a mechanism the server lists and smtp-doctor speaks; where the
// server lists no AUTH, a forced mechanism is asked about without credentials (AUTH, then "*") and the step is skipped.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LabCertificates } from '../../src/lab/certificates.js';
import type { StepReason } from '../../src/model/session.js';
import { exitCodeOf } from '../../src/report/create.js';
import type { ScriptContext } from '../helpers/scripted-server.js';
import {
  authLines,
  checkAgainst,
  hostile,
  ids,
  leaks,
  PASSWORD,
  sessionAgainst,
  type HostileBehaviour,
} from './support.js';

let certs: LabCertificates;
before(async () => {
  certs = await labCertificates();
});

import { labCertificates } from '../helpers/certs.js';

/** An AUTH answer that is one reply; the conversation goes on. */
function answer(reply: string): HostileBehaviour['auth'] {
  return (ctx) => {
    ctx.write(`${reply}\r\n`);
    return Promise.resolve(true);
  };
}

/** A 334 to the bare AUTH, then what the server says to our "*". */
function challengeThen(afterCancel: string): HostileBehaviour['auth'] {
  return async (ctx: ScriptContext) => {
    ctx.line('334 ');
    const next = await ctx.readLine();
    if (next === null) return false;
    ctx.write(`${afterCancel}\r\n`);
    return true;
  };
}

const NO_AUTH_BEFORE_TLS = '250-hostile.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n';
const NO_AUTH_NO_TLS = '250-hostile.test\r\n250 8BITMIME\r\n';
/** Dovecot submission with ssl=yes, to a client that is not on its own address: the keyword without a mechanism. */
const EMPTY_AUTH_KEYWORD = '250-hostile.test\r\n250-STARTTLS\r\n250-AUTH \r\n250 8BITMIME\r\n';
const NO_AUTH_AFTER_TLS = '250-hostile.test\r\n250 8BITMIME\r\n';

interface UnlistedCase {
  name: string;
  behaviour: HostileBehaviour;
  security: 'none' | 'starttls';
  mechanism?: string;
  /** What the server received of AUTH: the bare command and our "*", never a response. */
  lines: string[];
  probe: 'challenged' | 'refused' | 'unexpected' | 'failed' | undefined;
  first: readonly string[];
}

const UNLISTED: UnlistedCase[] = [
  {
    name: 'no AUTH before STARTTLS, forced PLAIN, "530 Must issue a STARTTLS command first" (--allow-plaintext)',
    behaviour: { ehlo: NO_AUTH_BEFORE_TLS, auth: answer('530 5.7.0 Must issue a STARTTLS command first') },
    security: 'none',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN'],
    probe: 'refused',
    first: ['auth-requires-tls'],
  },
  {
    name: 'no AUTH before STARTTLS, forced LOGIN, Postfix "503 5.5.1 Error: authentication not enabled"',
    behaviour: { ehlo: NO_AUTH_BEFORE_TLS, auth: answer('503 5.5.1 Error: authentication not enabled') },
    security: 'none',
    mechanism: 'LOGIN',
    lines: ['AUTH LOGIN'],
    probe: 'refused',
    first: ['auth-requires-tls'],
  },
  {
    name: 'no AUTH before STARTTLS, forced PLAIN, a server that would take it anyway (334, then 501 to "*")',
    behaviour: { ehlo: NO_AUTH_BEFORE_TLS, auth: challengeThen('501 5.7.0 Authentication aborted') },
    security: 'none',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN', '*'],
    probe: 'challenged',
    first: ['auth-requires-tls'],
  },
  {
    name: 'the AUTH keyword with no mechanism (Dovecot ssl=yes), forced PLAIN, "523 5.7.10 Plaintext authentication disabled."',
    behaviour: { ehlo: EMPTY_AUTH_KEYWORD, auth: answer('523 5.7.10 Plaintext authentication disabled.') },
    security: 'none',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN'],
    probe: 'refused',
    first: ['auth-requires-tls'],
  },
  {
    name: 'no AUTH and no STARTTLS at all, forced CRAM-MD5',
    behaviour: { ehlo: NO_AUTH_NO_TLS, auth: answer('503 5.5.1 Error: authentication not enabled') },
    security: 'none',
    mechanism: 'CRAM-MD5',
    lines: ['AUTH CRAM-MD5'],
    probe: 'refused',
    first: ['auth-requires-tls', 'auth-not-offered'],
  },
  {
    name: 'no AUTH before STARTTLS and no mechanism forced: not even the bare command',
    behaviour: { ehlo: NO_AUTH_BEFORE_TLS },
    security: 'none',
    lines: [],
    probe: undefined,
    first: ['auth-requires-tls'],
  },
  {
    name: 'no AUTH after STARTTLS (an MTA port), forced PLAIN, "503 5.5.1 Error: authentication not enabled"',
    behaviour: { ehloAfterTls: NO_AUTH_AFTER_TLS, auth: answer('503 5.5.1 Error: authentication not enabled') },
    security: 'starttls',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN'],
    probe: 'refused',
    first: ['auth-not-offered'],
  },
  {
    name: 'no AUTH after STARTTLS, forced DIGEST-MD5 (server-first: a challenge comes before any credential), answered with a challenge',
    behaviour: { ehloAfterTls: NO_AUTH_AFTER_TLS, auth: challengeThen('501 5.7.0 Authentication aborted') },
    security: 'starttls',
    mechanism: 'DIGEST-MD5',
    lines: ['AUTH DIGEST-MD5', '*'],
    probe: 'challenged',
    first: ['auth-not-offered'],
  },
  {
    name: 'no AUTH after STARTTLS, a hostile 235 to the bare AUTH: no login, whatever it says',
    behaviour: { ehloAfterTls: NO_AUTH_AFTER_TLS, auth: answer('235 2.7.0 Authentication successful') },
    security: 'starttls',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN'],
    probe: 'unexpected',
    first: ['auth-not-offered'],
  },
  {
    name: 'no AUTH after STARTTLS, a 334 and then a 235 to our "*": still no login',
    behaviour: { ehloAfterTls: NO_AUTH_AFTER_TLS, auth: challengeThen('235 2.7.0 Authentication successful') },
    security: 'starttls',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN', '*'],
    probe: 'challenged',
    first: ['auth-not-offered'],
  },
  {
    name: 'no AUTH after STARTTLS, the server hangs up on the bare AUTH',
    behaviour: {
      ehloAfterTls: NO_AUTH_AFTER_TLS,
      auth: (ctx) => {
        ctx.destroy();
        return Promise.resolve(false);
      },
    },
    security: 'starttls',
    mechanism: 'PLAIN',
    lines: ['AUTH PLAIN'],
    probe: 'failed',
    first: ['auth-not-offered'],
  },
];

describe('security: no credentials where the server lists no AUTH', () => {
  for (const c of UNLISTED) {
    test(`auth policy (session): ${c.name}`, async () => {
      const { result: record, received } = await sessionAgainst(hostile(certs, c.behaviour), {
        security: c.security,
        allowPlaintext: true,
        ...(c.mechanism ? { mechanism: c.mechanism } : {}),
      });
      assert.deepEqual(authLines(received).concat(received.filter((l) => l === '*')), c.lines);
      assert.deepEqual(leaks(received.join('\n'), PASSWORD), []);
      assert.equal(record.auth, undefined, 'no AUTH exchange with credentials');
      assert.equal(record.authProbe?.result, c.probe);
      const auth = record.steps.find((s) => s.step === 'auth');
      assert.equal(auth?.result, 'skipped');
      assert.equal(auth.reason, 'no-auth-offered' satisfies StepReason);
      assert.ok(!record.transcript.some((e) => e.secret), 'no transcript line carried the secret');
    });

    test(`auth policy (check): ${c.name} → ${c.first.join(' or ')} first, no failed login counted`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, c.behaviour), {
        security: c.security,
        allowPlaintext: true,
        ...(c.mechanism ? { mechanism: c.mechanism } : {}),
      });
      assert.ok(c.first.includes(ids(report)[0] ?? ''), ids(report).join());
      assert.ok(!ids(report).includes('credentials-sent-in-clear'), ids(report).join());
      assert.ok(!ids(report).includes('auth-ok'), ids(report).join());
      assert.equal(exitCodeOf(report), 1);
      assert.equal(report.evidence.attempts?.failed, 0);
      assert.deepEqual(leaks(received.join('\n'), PASSWORD), []);
    });
  }
});

interface ForcedCase {
  name: string;
  mechanism: string;
  ehloAfterTls: string;
  reason: StepReason;
}

const FORCED: ForcedCase[] = [
  {
    name: 'GSSAPI, listed by the server (beside DIGEST-MD5, which smtp-doctor speaks), which smtp-doctor does not speak',
    mechanism: 'GSSAPI',
    ehloAfterTls: '250-hostile.test\r\n250 AUTH PLAIN LOGIN CRAM-MD5 DIGEST-MD5 GSSAPI\r\n',
    reason: 'mechanism-not-implemented',
  },
  {
    name: 'ntlm in lower case, listed by the server',
    mechanism: 'ntlm',
    ehloAfterTls: '250-hostile.test\r\n250 AUTH NTLM LOGIN\r\n',
    reason: 'mechanism-not-implemented',
  },
  {
    name: 'GSSAPI, not listed (the server offers PLAIN LOGIN)',
    mechanism: 'GSSAPI',
    ehloAfterTls: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n',
    reason: 'mechanism-not-offered',
  },
  {
    name: 'CRAM-MD5, which smtp-doctor speaks, not listed (the server offers PLAIN LOGIN)',
    mechanism: 'CRAM-MD5',
    ehloAfterTls: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n',
    reason: 'mechanism-not-offered',
  },
  {
    name: 'SCRAM-SHA-256, not listed',
    mechanism: 'SCRAM-SHA-256',
    ehloAfterTls: '250-hostile.test\r\n250 AUTH PLAIN LOGIN\r\n',
    reason: 'mechanism-not-offered',
  },
];

describe('security: a forced mechanism goes out only when the server lists it and smtp-doctor speaks it', () => {
  for (const c of FORCED) {
    test(`auth policy (session): --mechanism ${c.name}: no AUTH at all, skipped (${c.reason})`, async () => {
      const { result: record, received } = await sessionAgainst(hostile(certs, { ehloAfterTls: c.ehloAfterTls }), {
        mechanism: c.mechanism,
      });
      assert.deepEqual(authLines(received), []);
      assert.equal(record.auth, undefined);
      assert.equal(record.authProbe, undefined, 'the list is the answer: nothing to ask');
      const auth = record.steps.find((s) => s.step === 'auth');
      assert.equal(auth?.result, 'skipped');
      assert.equal(auth.reason, c.reason);
      assert.match(auth.note ?? '', new RegExp(c.mechanism.toUpperCase()));
    });

    test(`auth policy (check): --mechanism ${c.name} → mechanism-unsupported, no failed login counted`, async () => {
      const { result: report, received } = await checkAgainst(hostile(certs, { ehloAfterTls: c.ehloAfterTls }), {
        mechanism: c.mechanism,
      });
      assert.deepEqual(authLines(received), []);
      assert.equal(ids(report)[0], 'mechanism-unsupported', ids(report).join());
      if (c.reason === 'mechanism-not-offered')
        assert.match(report.findings[0]?.title ?? '', new RegExp(`does not offer ${c.mechanism.toUpperCase()}`));
      assert.equal(exitCodeOf(report), 1);
      assert.equal(report.evidence.attempts?.failed, 0);
    });
  }
});
