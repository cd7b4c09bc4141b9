// Every signature replayed: the lab serves each verbatim sample at its phase, check() probes it, the diagnosis names it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { check } from '../../src/check/check.js';
import { listSignatures, type SignatureListing } from '../../src/knowledge/index.js';
import { parseAccount } from '../../src/lab/accounts.js';
import type { LabCertificates } from '../../src/lab/certificates.js';
import { findPersona, startLab, type OverridePhase } from '../../src/lab/index.js';
import type { Report } from '../../src/model/report.js';
import { Secret } from '../../src/model/secret.js';
import { labCertificates } from '../helpers/certs.js';

/** The lab persona that imitates each provider; providers without one are served by the permissive `plain`. */
const PERSONA_OF: Readonly<Record<string, string>> = {
  google: 'gmail',
  microsoft365: 'microsoft365',
  yahoo: 'yahoo',
  icloud: 'icloud',
  ses: 'ses',
  sendgrid: 'sendgrid',
  mailgun: 'mailgun',
  postmark: 'postmark',
  postfix: 'postfix-dovecot',
  dovecot: 'postfix-dovecot',
  exim: 'exim',
  exchange: 'exchange',
  haraka: 'haraka',
  opensmtpd: 'opensmtpd',
  'smtp-server': 'plain',
};

/**
 * Providers the lab recognises by the user's e-mail address (check's `address`), the only clue left when the
 * persona cannot show the provider's host name (the lab listens on 127.0.0.1).
 */
const ADDRESS_OF: Readonly<Record<string, string>> = {
  icloud: 'alice@icloud.com',
  zoho: 'alice@zoho.com',
  gmx: 'alice@gmx.net',
  proton: 'alice@proton.me',
};

/** What a case needs beyond "the persona, the sample at the signature's first phase, a password login". */
interface Special {
  /** The replies served at the phase (default: the sample alone). */
  reply?: (sample: string) => string[];
  /** Log in with an OAuth token (XOAUTH2) instead of a password. */
  token?: boolean;
  /** The sample is not what the user must fix first (e.g. a success): do not require it as findings[0]. */
  notRootCause?: string;
  /** A visible gap: why the lab cannot reproduce this signature with one override. */
  todo?: string;
}

/** A signature's sample, for replies a case needs around its own (the knowledge's wording, never invented). */
function sampleOf(id: string, n = 1): string {
  const sample = listSignatures().find((s) => s.id === id)?.samples[n - 1];
  if (sample === undefined) throw new Error(`no sample ${n} of ${id}`);
  return sample;
}

const HOST_ONLY = 'is recognised only by its host names, and the lab answers on 127.0.0.1';

const SPECIAL: Readonly<Record<string, Special>> = {
  // Gmail's XOAUTH2 exchange: the error challenge, the client's empty line, then the final refusal of the token.
  'google.xoauth2-error': { token: true, reply: (sample) => [sample, sampleOf('google.bad-credentials')] },
  // The same exchange on any server: the JSON challenge, then the RFC's 535.
  'rfc.xoauth2-error-challenge': { token: true, reply: (sample) => [sample, sampleOf('rfc.credentials-invalid')] },
  // The test message goes out after a login that works: auth-ok comes first, message-accepted after it.
  'rfc.message-accepted': { notRootCause: 'auth-ok comes first' },
  'proton.authentication-failed': {
    todo:
      'Proton is recognised by its host names (the lab answers on 127.0.0.1) or the e-mail address; the address ' +
      'is the weakest clue, and the sample\'s own Postfix wording ("Error: authentication failed:") recognises ' +
      'postfix above it by design, so postfix.authentication-failed (the same credentials-rejected) is named',
  },
  'postmark.authentication-failed': {
    todo:
      `Postmark ${HOST_ONLY}; its persona greets like Postfix (unverified), so postfix.authentication-failed ` +
      '(the same credentials-rejected) is named',
  },
  'mailjet.authentication-failed': {
    todo: `Mailjet ${HOST_ONLY} (no persona, no banner or address clue); a bare 435 names nothing without it`,
  },
};

const TO = 'bob@example.net';
/** An account that logs in with an OAuth token on any persona that runs XOAUTH2. */
const TOKEN_ACCOUNT = 'alice@lab.test token=ya29.lab-token';
const SEND_PHASES = new Set<OverridePhase>(['mail', 'rcpt', 'data']);

interface Case {
  signature: SignatureListing;
  sample: string;
  number: number;
  persona: string;
  phase: OverridePhase;
  special: Special;
}

function overridePhase(signature: SignatureListing): OverridePhase {
  const phase = signature.phase;
  if (phase === 'connect') return 'greeting';
  if (phase === 'helo') return 'ehlo';
  if (phase === 'tls' || phase === 'quit') throw new Error(`${signature.id}: no override phase for ${phase}`);
  return phase;
}

const CASES: Case[] = listSignatures().flatMap((signature) =>
  signature.samples.map((sample, i) => ({
    signature,
    sample,
    number: i + 1,
    persona: PERSONA_OF[signature.provider] ?? 'plain',
    phase: overridePhase(signature),
    special: SPECIAL[signature.id] ?? {},
  })),
);

function caseName(c: Case): string {
  return `replay: ${c.signature.id} sample ${c.number} → ${c.signature.findings.join(' | ')}`;
}

function describeFindings(report: Report): string {
  return report.findings.map((f) => `${f.id}${f.signature ? ` (${f.signature})` : ''}`).join(', ') || '(none)';
}

describe('replay every knowledge signature in the lab and diagnose it', () => {
  let certs: LabCertificates;
  before(async () => {
    certs = await labCertificates();
  });

  test('replay: every signature sample has a case', () => {
    const samples = listSignatures().reduce((n, s) => n + s.samples.length, 0);
    assert.equal(CASES.length, samples);
    for (const id of Object.keys(SPECIAL))
      assert.ok(
        CASES.some((c) => c.signature.id === id),
        `SPECIAL names ${id}, which is no signature`,
      );
  });

  for (const c of CASES) {
    const options = c.special.todo === undefined ? {} : { todo: c.special.todo };
    test(caseName(c), options, async () => {
      const persona = findPersona(c.persona);
      const token = c.special.token === true;
      const account = token ? parseAccount(TOKEN_ACCOUNT) : parseAccount(persona.sampleAccounts[0] ?? '');
      const secret = token ? account.token : account.password;
      assert.ok(secret !== undefined, `${persona.id}'s first sample account has no ${token ? 'token' : 'password'}`);
      const lab = await startLab({
        persona,
        accounts: [account],
        certificates: certs,
        override: { phase: c.phase, reply: c.special.reply ? c.special.reply(c.sample) : c.sample },
        idleTimeoutMs: 5_000,
      });
      try {
        const from = account.username.includes('@') ? account.username : 'alice@lab.test';
        const address = ADDRESS_OF[c.signature.provider];
        const report = await check({
          host: '127.0.0.1',
          port: lab.ports.starttls,
          security: 'starttls',
          ca: [lab.ca],
          timeoutMs: 1_500,
          graceMs: 200,
          alternatives: lab.listeners.map((l) => ({ port: l.port, security: l.security })),
          credentials: { username: account.username, secret: new Secret(secret, token ? 'token' : 'password') },
          ...(token ? { mechanism: 'XOAUTH2' } : {}),
          ...(SEND_PHASES.has(c.phase) ? { send: { from, to: [TO] } } : {}),
          ...(address !== undefined ? { address } : {}),
        });
        const seen = describeFindings(report);
        const named = report.findings.find((f) => f.signature === c.signature.id);
        assert.ok(named, `no finding names ${c.signature.id}; findings: ${seen}`);
        assert.ok(
          c.signature.findings.includes(named.id),
          `${c.signature.id} is named by ${named.id}, not one of ${c.signature.findings.join(', ')}`,
        );
        // The lab reproduced the sample byte for byte, and the finding quotes it.
        const quoted = c.sample.split('\r\n').join('\n');
        assert.ok(
          named.evidence.some((q) => q.source === 'reply' && q.text === quoted),
          `${named.id} does not quote the sample; it quotes ${JSON.stringify(named.evidence.map((q) => q.text))}`,
        );
        if (c.signature.findings.length === 1 && c.special.notRootCause === undefined)
          assert.equal(
            report.findings[0]?.id,
            c.signature.findings[0],
            `the root cause comes first; findings: ${seen}`,
          );
      } finally {
        await lab.close();
      }
    });
  }
});
