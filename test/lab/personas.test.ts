import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAccount } from '../../src/lab/accounts.js';
import { checkAccounts } from '../../src/lab/auth-policy.js';
import { findPersona, PERSONAS, personaForProvider } from '../../src/lab/personas/index.js';
import { listProviders } from '../../src/knowledge/index.js';
import { GENERIC_REPLIES } from '../../src/lab/personas/generic.js';
import type { ReplyKey, SourcedReply } from '../../src/lab/personas/types.js';
import { advertisedMechanisms, replyFor, replyLines } from '../../src/lab/replies.js';

const REQUIRED: ReplyKey[] = ['greeting', 'ehlo', 'ehloAfterTls', 'authRejected'];
const ALL_IDS = [
  'plain',
  'gmail',
  'microsoft365',
  'yahoo',
  'icloud',
  'ses',
  'sendgrid',
  'mailgun',
  'postmark',
  'postfix-dovecot',
  'exim',
  'exchange',
  'haraka',
  'opensmtpd',
];

/** Every line starts with the same three-digit code; only the last one has a space after it. */
function wellFormed(reply: SourcedReply): string | null {
  if (reply.reply === '') return null;
  const lines = replyLines(reply.reply);
  const code = lines[0]?.slice(0, 3) ?? '';
  if (!/^[2-5]\d\d$/.test(code)) return `bad code in ${JSON.stringify(lines[0])}`;
  for (const [i, line] of lines.entries()) {
    if (line.slice(0, 3) !== code) return `line ${i + 1} changes the code`;
    const mark = line.charAt(3);
    const last = i === lines.length - 1;
    if (last ? mark !== ' ' && line.length !== 3 : mark !== '-')
      return `line ${i + 1} has continuation mark ${JSON.stringify(mark)}`;
  }
  return null;
}

describe('lab personas (data)', () => {
  test('lab: the persona registry holds the twelve providers of the brief plus Haraka and OpenSMTPD', () => {
    assert.deepEqual(
      PERSONAS.map((p) => p.id),
      ALL_IDS,
    );
  });

  test('lab: every persona names the knowledge providers it imitates, and no provider has two personas', () => {
    const known = new Set(listProviders().map((p) => p.id));
    const seen = new Map<string, string>();
    for (const persona of PERSONAS) {
      assert.ok(persona.providers.length > 0, `${persona.id} imitates some provider`);
      for (const id of persona.providers) {
        assert.ok(known.has(id), `${persona.id} names ${id}, which is no knowledge provider`);
        assert.equal(seen.get(id), undefined, `${id} is imitated by ${seen.get(id) ?? ''} and ${persona.id}`);
        seen.set(id, persona.id);
        assert.equal(personaForProvider(id), persona);
      }
    }
  });

  for (const persona of PERSONAS) {
    test(`lab: ${persona.id} persona replies are well-formed, sourced, and explain what is unverified`, () => {
      for (const key of REQUIRED) assert.ok(persona.replies[key], `${persona.id} defines ${key}`);
      for (const [key, reply] of Object.entries(persona.replies)) {
        assert.equal(wellFormed(reply), null, `${persona.id}.${key}: ${wellFormed(reply) ?? ''}`);
        assert.ok(reply.sources.length > 0, `${persona.id}.${key} has sources`);
        if (!reply.verified) assert.ok(reply.note, `${persona.id}.${key} is unverified and says why`);
        assert.ok(!reply.reply.endsWith('\r\n'), `${persona.id}.${key} holds no final CRLF (the renderer adds it)`);
      }
    });

    test(`lab: ${persona.id} persona never offers STARTTLS again after TLS (RFC 3207 §4.2)`, () => {
      const after = replyLines(replyFor(persona, 'ehloAfterTls').reply);
      assert.ok(!after.some((l) => /^\d{3}[ -]STARTTLS$/.test(l)));
      if (persona.imitates.listeners.some((l) => l.security === 'starttls'))
        assert.ok(replyLines(replyFor(persona, 'ehlo').reply).some((l) => /^\d{3}[ -]STARTTLS$/.test(l)));
    });

    test(`lab: ${persona.id} persona lists AUTH before TLS exactly when it says so (${persona.authBeforeTls})`, () => {
      const before = advertisedMechanisms(replyFor(persona, 'ehlo').reply);
      const after = advertisedMechanisms(replyFor(persona, 'ehloAfterTls').reply);
      assert.ok(after.length > 0, 'AUTH is offered after TLS');
      // Password mechanisms are what "hidden" hides: Exchange still lists NTLM and GSSAPI before TLS.
      const passwordBefore = before.filter((m) => ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'].includes(m));
      if (persona.authBeforeTls === 'hidden') assert.deepEqual(passwordBefore, []);
      else assert.ok(passwordBefore.length > 0);
    });

    test(`lab: ${persona.id} persona's account states point at replies it defines itself`, () => {
      for (const [flag, rule] of Object.entries(persona.states)) {
        assert.ok(persona.replies[rule.reply], `${persona.id} ${flag} → ${rule.reply}`);
      }
    });

    test(`lab: ${persona.id} persona's sample accounts pass its own account rules`, () => {
      const accounts = persona.sampleAccounts.map((s) => parseAccount(s));
      assert.doesNotThrow(() => checkAccounts(persona, accounts));
      assert.ok(accounts.length > 0);
    });
  }

  test('lab: generic fallback replies are RFC wording and marked as not imitating any provider', () => {
    for (const [key, reply] of Object.entries(GENERIC_REPLIES)) {
      assert.equal(wellFormed(reply), null, key);
      assert.equal(reply.verified, false, key);
      assert.ok(reply.note, key);
    }
  });

  const aliases: [string, string][] = [
    ['Gmail', 'gmail'],
    ['office365', 'microsoft365'],
    ['m365', 'microsoft365'],
    ['postfix', 'postfix-dovecot'],
    ['amazon-ses', 'ses'],
    ['aol', 'yahoo'],
  ];
  for (const [alias, id] of aliases) {
    test(`lab: persona name ${JSON.stringify(alias)} finds ${id}`, () => {
      assert.equal(findPersona(alias).id, id);
    });
  }

  test('lab: an unknown persona name is refused with the list of personas', () => {
    assert.throws(() => findPersona('hotmale'), /unknown persona "hotmale" \(personas: plain, gmail, /);
  });
});
