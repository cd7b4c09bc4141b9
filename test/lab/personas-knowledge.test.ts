// Persona replies against knowledge: every refusal a persona can send is read by its provider's signatures, and a reply that names a signature is that signature's sample.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostPatternToRegExp } from '../../src/knowledge/catalog.js';
import {
  listSignatures,
  matchReply,
  providerById,
  type MatchContext,
  type SignatureMatch,
} from '../../src/knowledge/index.js';
import type { LabAccount } from '../../src/lab/accounts.js';
import { judgeLogin, type AuthAttempt } from '../../src/lab/auth-policy.js';
import { PERSONAS } from '../../src/lab/personas/index.js';
import type { AccountFlag, Persona, ReplyKey, SourcedReply } from '../../src/lab/personas/types.js';
import { rateLimitReply } from '../../src/lab/rate-limit.js';
import { advertisedMechanisms, renderReply, replyFor } from '../../src/lab/replies.js';
import { isLabMechanism } from '../../src/lab/sasl-server.js';
import type { Phase } from '../../src/model/transcript.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';
import { templateRegex } from '../helpers/lab.js';

/** One failure reply a persona can send, and where: what a client did to get it. */
interface Situation {
  what: string;
  key: ReplyKey;
  reply: SourcedReply;
  phase: Phase;
  /** Whether the connection was encrypted when the reply came. */
  tls: boolean;
  credential: MatchContext['credential'];
}

/**
 * Replies a client gets only by breaking the SMTP sequence or syntax, and replies of the lab's own faults: knowledge
 * reads login and sending failures, so these may be read by the RFC alone.
 */
const OUTSIDE_KNOWLEDGE: Readonly<Partial<Record<ReplyKey, string>>> = {
  needHelo: 'AUTH or MAIL before EHLO: a client bug, not a login failure',
  authAlreadyDone: 'a second AUTH after a successful one: a client bug',
  syntaxError: 'a command with broken arguments: a client bug',
  mailNested: 'a second MAIL FROM in one transaction: a client bug',
  mailSyntax: 'a sender address that is not one: a client bug',
  rcptSyntax: 'a recipient address that is not one: a client bug',
  rcptNeedMail: 'RCPT before MAIL: a client bug',
  dataNeedRcpt: 'DATA before RCPT: a client bug',
  dataTooBig: 'a message over the lab limit: the lab’s own size, no provider’s',
  lineTooLong: 'a line over the lab limit: the lab’s own limit',
  starttlsUnavailable: 'STARTTLS on a connection that is already encrypted: a client bug',
  authCancelled: 'the client cancelled the exchange itself ("*"): nothing failed',
  unknownCommand:
    'a command the server does not know (and STARTTLS refused by the strip-starttls fault, the refusal of a man in the middle)',
  serviceUnavailable: 'the greeting-421 fault: a lab fault on top of any persona, in RFC 5321 wording',
  authNotImplemented:
    'a mechanism the persona advertises as the real server does but the lab cannot run (NTLM, OAUTHBEARER…): lab wording',
};

/**
 * Failure replies a persona sends in RFC wording because no source shows the provider's own: `persona.key` → why.
 * Each must still be true (a listed reply that its provider's signatures now read fails the test: remove it).
 */
const RFC_STANDS_IN: Readonly<Record<string, string>> = {
  'microsoft365.authBadBase64': 'no source shows Exchange Online’s answer to malformed base64',
  'yahoo.authBeforeTls': 'no transcript of AUTH before STARTTLS on smtp.mail.yahoo.com was found',
  'yahoo.authUnrecognized': 'no transcript of an unoffered mechanism on Yahoo was found',
  'yahoo.authBadBase64': 'no Yahoo transcript of malformed base64 was found',
  'yahoo.authRequired': 'no Yahoo transcript of MAIL without a login was found',
  'icloud.authBeforeTls': 'no verifiable iCloud SMTP transcript exists (the persona says so)',
  'icloud.authUnrecognized': 'no verifiable iCloud SMTP transcript exists',
  'icloud.authBadBase64': 'no verifiable iCloud SMTP transcript exists',
  'icloud.authRequired': 'no verifiable iCloud SMTP transcript exists',
  'icloud.rate-limit': 'no verifiable iCloud SMTP transcript exists',
  'ses.authUnrecognized': 'SES documents no reply for an unoffered mechanism',
  'ses.authBadBase64': 'SES documents no reply for malformed base64',
  'ses.rate-limit': 'SES documents no throttling of logins (its throttling replies are about sending)',
  'sendgrid.authUnrecognized': 'no SendGrid transcript of an unoffered mechanism was found',
  'sendgrid.authBadBase64': 'no SendGrid transcript of malformed base64 was found',
  'sendgrid.authRequired': 'no SendGrid transcript of MAIL without a login was found',
  'sendgrid.rate-limit': 'SendGrid documents no throttling of logins',
  'mailgun.authUnrecognized': 'no Mailgun transcript of an unoffered mechanism was found',
  'mailgun.authBadBase64': 'no Mailgun transcript of malformed base64 was found',
  'mailgun.authRequired': 'no Mailgun transcript of MAIL without a login was found',
  'mailgun.rate-limit': 'Mailgun documents no throttling of logins',
  'postmark.authBeforeTls': 'no Postmark transcript of AUTH before STARTTLS was found',
  'postmark.authUnrecognized': 'no Postmark transcript of an unoffered mechanism was found',
  'postmark.authBadBase64': 'no Postmark transcript of malformed base64 was found',
  'postmark.authRequired': 'no Postmark transcript of MAIL without a login was found',
  'postmark.rate-limit': 'Postmark documents no throttling of logins',
  'postfix-dovecot.authBadBase64': 'the persona has no sourced Postfix reply to malformed base64 yet',
  'exim.rate-limit': 'Exim has no login throttling of its own (ratelimit ACLs word their own replies)',
  'exchange.authBadBase64': 'no Exchange Server transcript of malformed base64 was found',
  'exchange.rate-limit': 'Exchange Server has no login throttling reply of its own',
  'haraka.rate-limit': 'Haraka slows failed logins down instead of refusing them',
  'opensmtpd.rate-limit': 'OpenSMTPD pauses failed logins instead of refusing them',
  'plain.authBadBase64':
    'smtp-server’s "501 Error: invalid userdata" is not in knowledge yet: explain does not read it after a log prefix',
  'plain.xoauth2ErrorChallenge': 'smtp-server sends whatever JSON the application returns: the JSON is the lab’s',
  'plain.authTemporaryFailure': 'smtp-server sends whatever onAuth returns: the lab returns the RFC’s text',
  'plain.accountLocked': 'smtp-server sends whatever onAuth returns: the lab returns the RFC’s text',
  'plain.rate-limit': 'smtp-server has no login throttling; onAuth decides',
};

/** Values for the placeholders, as a session fills them. */
function varsFor(persona: Persona): Record<string, string> {
  return {
    hostname: persona.hostname,
    'client-address': '203.0.113.7',
    'ehlo-name': 'client.example',
    'session-id': 'a640c23a62f3a-aa20df263bcsm696223666b.11',
    id: '08DE0B0C1A2B3C4D',
    timestamp: '2026-12-07T06:00:00.000Z',
    date: 'Mon, 07 Dec 2026 06:00:00 +0000',
    'date-unpadded': 'Mon, 7 Dec 2026 06:00:00 +0000',
    MECHANISM: 'CRAM-MD5',
    command: 'HELP',
    sender: 'alice@example.org',
    recipient: 'bob@example.net',
    ...persona.vars,
  };
}

/** An account of the persona (its first sample account's name), with the flags and secrets given. */
function account(persona: Persona, flags: AccountFlag[] = []): LabAccount {
  const first = persona.sampleAccounts[0] ?? '';
  const username = first.split(/[:\s]/)[0] ?? '';
  return { username, password: 'right-password', token: 'right-token', flags };
}

function attempt(persona: Persona, mechanism: string, secret: string): AuthAttempt {
  const username = account(persona).username;
  if (mechanism === 'XOAUTH2') return { mechanism, username, token: secret };
  if (mechanism === 'CRAM-MD5') return { mechanism, username, matches: (s) => s === secret };
  return { mechanism: mechanism === 'LOGIN' ? 'LOGIN' : 'PLAIN', username, password: secret };
}

/** Every failure reply the persona can send: each phase, each mechanism it runs, each account state, each fault. */
function situations(persona: Persona): Situation[] {
  const out: Situation[] = [];
  const at = (what: string, key: ReplyKey, phase: Phase, tls: boolean, credential: Situation['credential'] = null) =>
    out.push({ what, key, reply: replyFor(persona, key), phase, tls, credential });
  const send = (what: string, tls: boolean) => {
    if (persona.authRequired !== false) at(`${what} without a login`, 'authRequired', persona.authRequired, tls);
  };

  if (persona.imitates.listeners.some((l) => l.security === 'starttls')) {
    if (persona.tlsRequired) {
      at('AUTH before STARTTLS', 'tlsRequired', 'auth', false, 'password');
      at('MAIL before STARTTLS', 'tlsRequired', 'mail', false);
    } else {
      if (persona.authBeforeTls !== 'allowed') at('AUTH before STARTTLS', 'authBeforeTls', 'auth', false, 'password');
      send('sending before STARTTLS', false);
    }
  }

  const offered = advertisedMechanisms(replyFor(persona, 'ehloAfterTls').reply);
  at('AUTH with a mechanism not offered', 'authUnrecognized', 'auth', true, 'password');
  at('AUTH data that is not base64', 'authBadBase64', 'auth', true, 'password');
  at('AUTH cancelled with "*"', 'authCancelled', 'auth', true, 'password');
  for (const mechanism of offered) {
    if (!isLabMechanism(mechanism)) {
      at(`AUTH ${mechanism}`, 'authNotImplemented', 'auth', true);
      continue;
    }
    const token = mechanism === 'XOAUTH2';
    const credential = token ? 'token' : 'password';
    const wrong = judgeLogin(persona, [account(persona)], attempt(persona, mechanism, 'wrong-secret'));
    assert.equal(wrong.ok, false, `${persona.id} accepts a wrong ${mechanism} secret`);
    if (wrong.oauthChallenge && replyFor(persona, 'xoauth2ErrorChallenge').reply !== '')
      at(`${mechanism} with a wrong token: the error challenge`, 'xoauth2ErrorChallenge', 'auth', true, credential);
    at(`${mechanism} with a wrong secret`, wrong.reply, 'auth', true, credential);
    for (const flag of Object.keys(persona.states) as AccountFlag[]) {
      const state = judgeLogin(
        persona,
        [account(persona, [flag])],
        attempt(persona, mechanism, `right-${token ? 'token' : 'password'}`),
      );
      if (!state.ok) at(`${mechanism} on an account marked ${flag}`, state.reply, 'auth', true, credential);
    }
  }
  out.push({
    what: 'AUTH under the rate-limit fault',
    key: 'authRateLimited',
    reply: rateLimitReply(persona),
    phase: 'auth',
    tls: true,
    credential: 'password',
  });
  send('sending over TLS', true);

  // Client bugs and lab faults (see OUTSIDE_KNOWLEDGE).
  const keys: [ReplyKey, Phase][] = [
    ['needHelo', 'mail'],
    ['authAlreadyDone', 'auth'],
    ['syntaxError', 'ehlo'],
    ['mailNested', 'mail'],
    ['mailSyntax', 'mail'],
    ['rcptSyntax', 'rcpt'],
    ['rcptNeedMail', 'rcpt'],
    ['dataNeedRcpt', 'data'],
    ['dataTooBig', 'data'],
    ['lineTooLong', 'mail'],
    ['starttlsUnavailable', 'starttls'],
    ['unknownCommand', 'starttls'],
    ['serviceUnavailable', 'greeting'],
  ];
  for (const [key, phase] of keys) at(key, key, phase, phase !== 'greeting' && phase !== 'starttls');
  return out;
}

/** The exception name of a situation: the rate-limit fault by its name, the rest by reply key. */
function exceptionKey(persona: Persona, s: Situation): string {
  return `${persona.id}.${s.what === 'AUTH under the rate-limit fault' ? 'rate-limit' : s.key}`;
}

function matches(persona: Persona, s: Situation): SignatureMatch[] {
  const reply = parseReplyText(renderReply(s.reply.reply, varsFor(persona)));
  assert.ok(reply, `${persona.id}.${s.key} renders to a reply`);
  return matchReply(
    { code: reply.code, enhanced: reply.enhanced?.code ?? null, text: reply.text, phase: s.phase },
    { providers: persona.providers, credential: s.credential, tls: s.tls },
  );
}

function describeMatch(found: readonly SignatureMatch[]): string {
  return found[0] ? `${found[0].signature.id} (${found[0].tier})` : 'nothing';
}

/** The sources knowledge gives a signature. */
function sourcesOf(id: string): string[] {
  const signature = providerById(id.split('.')[0] ?? '')?.signatures.find((s) => s.id === id);
  return signature?.sources ?? [];
}

describe('lab personas read by knowledge', () => {
  for (const persona of PERSONAS) {
    test(`lab: every failure reply of the ${persona.id} persona is read by a signature of its provider (${persona.providers.join(', ')})`, () => {
      const stale: string[] = [];
      for (const s of situations(persona)) {
        if (s.reply.reply === '' || OUTSIDE_KNOWLEDGE[s.key] !== undefined) continue;
        const found = matches(persona, s);
        const own = persona.providers.includes(found[0]?.provider.id ?? '');
        const excepted = RFC_STANDS_IN[exceptionKey(persona, s)];
        if (excepted !== undefined) {
          if (own) stale.push(exceptionKey(persona, s));
          continue;
        }
        assert.ok(
          own,
          `${persona.id}: ${s.what} gets ${JSON.stringify(s.reply.reply)}, read as ${describeMatch(found)}`,
        );
      }
      assert.deepEqual(
        stale,
        [],
        'listed as RFC stand-ins, but now read by the provider: remove them from RFC_STANDS_IN',
      );
    });

    test(`lab: a ${persona.id} reply that names a signature is read as that signature where the persona sends it`, () => {
      for (const s of situations(persona)) {
        const id = s.reply.signature;
        if (id === undefined || s.reply.reply === '') continue;
        const found = matches(persona, s);
        const phases = listSignatures().find((sig) => sig.id === id)?.phases ?? [];
        // Outside the signature's phases (Haraka's "500 Unrecognized command" to STARTTLS) only the text is shared.
        if (!phases.includes(s.phase)) continue;
        if (persona.providers.includes(id.split('.')[0] ?? ''))
          assert.equal(found[0]?.signature.id, id, `${persona.id}: ${s.what} is read as ${describeMatch(found)}`);
        else
          assert.ok(
            found.some((m) => m.signature.id === id),
            `${persona.id}: ${s.what} (${id}) is read as ${describeMatch(found)}`,
          );
      }
    });
  }

  test('lab: every listed exception names a persona and a reply it sends', () => {
    const known = new Set(PERSONAS.flatMap((p) => situations(p).map((s) => exceptionKey(p, s))));
    for (const key of Object.keys(RFC_STANDS_IN)) assert.ok(known.has(key), `${key} is no reply a persona sends`);
  });

  test('lab: a persona that answers an XOAUTH2 error challenge then refuses as knowledge says (followedBy)', () => {
    for (const persona of PERSONAS) {
      const challenge = replyFor(persona, 'xoauth2ErrorChallenge').signature;
      const follower = listSignatures().find((s) => s.id === challenge)?.followedBy;
      if (follower) assert.equal(replyFor(persona, 'xoauth2Rejected').signature, follower, persona.id);
    }
  });

  test('lab: a persona imitates its provider’s submission endpoints and user-name form, as knowledge states them', () => {
    for (const persona of PERSONAS) {
      const submission = providerById(persona.providers[0] ?? '')?.submission;
      if (!submission) continue;
      for (const listener of persona.imitates.listeners)
        assert.ok(
          submission.endpoints.some(
            (e) =>
              e.port === listener.port &&
              e.security === listener.security &&
              hostPatternToRegExp(e.host.replace(/\{[a-z-]+\}/g, '*')).test(persona.imitates.host),
          ),
          `${persona.id}: ${persona.imitates.host}:${listener.port} (${listener.security}) is no endpoint of knowledge`,
        );
      const form = submission.username.form;
      if (form === 'address') assert.equal(persona.usernames.kind, 'email', persona.id);
      if (form === 'literal')
        assert.deepEqual(
          persona.usernames.kind === 'literal' ? persona.usernames.value : undefined,
          submission.username.literal,
          persona.id,
        );
    }
  });

  test('lab: no persona keeps its own copy of a failure reply knowledge has a sample of', () => {
    const samples = listSignatures().flatMap((s) => s.samples.map((sample) => ({ id: s.id, sample })));
    for (const persona of PERSONAS)
      for (const [key, reply] of Object.entries(persona.replies)) {
        if (reply.signature !== undefined || !/^(?:[45]\d\d|334)/.test(reply.reply)) continue;
        const copy = samples.find(({ sample }) => templateRegex(reply.reply).test(sample));
        assert.equal(copy, undefined, `${persona.id}.${key} copies the text of ${copy?.id ?? ''}: reference it`);
      }
  });

  test('lab: persona replies name knowledge signatures only, and carry the sample and sources of the one they name', () => {
    const signatures = new Map(listSignatures().map((s) => [s.id, s]));
    for (const persona of PERSONAS)
      for (const [key, reply] of Object.entries(persona.replies)) {
        if (reply.signature === undefined) continue;
        const signature = signatures.get(reply.signature);
        assert.ok(signature, `${persona.id}.${key} names ${reply.signature}, which knowledge does not have`);
        assert.ok(
          signature.samples.some((sample) => templateRegex(reply.reply).test(sample)),
          `${persona.id}.${key} is not a sample of ${reply.signature}`,
        );
        assert.deepEqual(reply.sources, sourcesOf(reply.signature), `${persona.id}.${key} carries its own sources`);
      }
  });
});
