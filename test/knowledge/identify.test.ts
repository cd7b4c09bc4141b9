import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildContext } from '../../src/diagnose/context.js';
import { identifyProvider, recognise, type ProviderClues } from '../../src/knowledge/identify.js';
import { listSignatures, providerById, submissionFor } from '../../src/knowledge/index.js';
import type { Evidence } from '../../src/model/evidence.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';
import { live, observe, pasted, reply } from '../fixtures/evidence.js';

describe('provider recognition', () => {
  const cases: [string, ProviderClues, string | null, string | null][] = [
    ['the Gmail submission host', { host: 'smtp.gmail.com' }, 'google', 'host'],
    ['a host name in capitals with a trailing dot', { host: 'SMTP.Office365.com.' }, 'microsoft365', 'host'],
    ['an SES regional endpoint', { host: 'email-smtp.eu-west-1.amazonaws.com' }, 'ses', 'host'],
    ['a Google MX record', { mxHosts: ['alt1.aspmx.l.google.com'] }, 'google', 'mx'],
    ['a Microsoft 365 MX record', { mxHosts: ['contoso-com.mail.protection.outlook.com'] }, 'microsoft365', 'mx'],
    ['a Gmail banner', { banner: 'smtp.gmail.com ESMTP a6sm1234567pgt.55 - gsmtp' }, 'google', 'banner'],
    ['a Postfix banner', { banner: 'mail.example.org ESMTP Postfix (Debian/GNU)' }, 'postfix', 'banner'],
    [
      'an Exim banner',
      { banner: 'mail.example.org ESMTP Exim 4.96 Mon, 24 Nov 2026 10:00:00 +0000' },
      'exim',
      'banner',
    ],
    ['Mailgun’s banner', { banner: 'Mailgun Influx ready' }, 'mailgun', 'banner'],
    ['an smtp-server EHLO greeting', { ehloDomain: 'lab.test Nice to meet you, [127.0.0.1]' }, 'smtp-server', 'ehlo'],
    ['Gmail’s reply suffix', { replyText: 'Username and Password not accepted. x - gsmtp' }, 'google', 'text'],
    ['an outlook.com address', { emailDomain: 'alice@outlook.com' }, 'microsoft365', 'address'],
    ['an AOL address', { emailDomain: 'bob@aol.com' }, 'yahoo', 'address'],
    ['an unknown host', { host: 'mail.example.org' }, null, null],
    // Greetings as public transcripts show them (the sources are in the providers' recognise.sources).
    [
      'Zoho’s banner (smtp.zoho.com, smtppro.zoho.com)',
      { banner: 'mx.zohomail.com SMTP Server ready January 25, 2018 12:17:24 AM PST' },
      'zoho',
      'banner',
    ],
    [
      'Zoho’s EHLO greeting',
      { ehloDomain: 'mx.zohomail.com Hello limix.eu (80.211.220.26 (80.211.220.26))' },
      'zoho',
      'ehlo',
    ],
    [
      'Yahoo’s banner (smtp.mail.yahoo.com, smtp.aol.com)',
      { banner: 'smtp.mail.yahoo.com ESMTP ready' },
      'yahoo',
      'banner',
    ],
    [
      'Yahoo’s EHLO greeting from a named node',
      { ehloDomain: 'smtp429.mail.ir2.yahoo.com Hello 7 [188.254.110.183])' },
      'yahoo',
      'ehlo',
    ],
    [
      'an EHLO greeting that only mentions a provider later on',
      { ehloDomain: 'mail.example.org Hello yahoo.com' },
      null,
      null,
    ],
    [
      'a provider host named at the start of a banner, before its server software',
      { banner: 'smtp.postmarkapp.com ESMTP Postfix' },
      'postmark',
      'banner',
    ],
    [
      'a provider host named at the start of an EHLO reply',
      { ehloDomain: 'smtp.sendgrid.net Hello [203.0.113.5]' },
      'sendgrid',
      'ehlo',
    ],
  ];
  for (const [what, clues, provider, by] of cases) {
    test(`identify: recognises ${what}`, () => {
      const [first] = identifyProvider(clues);
      assert.equal(first?.provider ?? null, provider);
      assert.equal(first?.by ?? null, by);
    });
  }

  test('identify: orders hints by strength, one per provider', () => {
    const hints = identifyProvider({
      emailDomain: 'a@gmail.com',
      host: 'smtp.office365.com',
      banner: 'x ESMTP Postfix',
    });
    assert.deepEqual(
      hints.map((h) => [h.provider, h.by]),
      [
        ['microsoft365', 'host'],
        ['postfix', 'banner'],
        ['google', 'address'],
      ],
    );
  });

  test('identify: a provider’s host in the banner goes before the server software it runs on', () => {
    const hints = identifyProvider({ banner: 'smtp.postmarkapp.com ESMTP Postfix' });
    assert.deepEqual(
      hints.map((h) => [h.provider, h.by]),
      [
        ['postmark', 'banner'],
        ['postfix', 'banner'],
      ],
    );
  });

  test('knowledge: submission settings come per e-mail domain', () => {
    assert.equal(submissionFor('yahoo', 'bob@aol.com')[0]?.host, 'smtp.aol.com');
    assert.equal(submissionFor('yahoo', 'bob@yahoo.com')[0]?.host, 'smtp.mail.yahoo.com');
    assert.equal(submissionFor('microsoft365', 'alice@outlook.com')[0]?.host, 'smtp-mail.outlook.com');
    assert.equal(submissionFor('microsoft365', 'alice@contoso.com')[0]?.host, 'smtp.office365.com');
    assert.deepEqual(
      submissionFor('google').map((e) => [e.port, e.security]),
      [
        [587, 'starttls'],
        [465, 'tls'],
      ],
    );
    assert.deepEqual(submissionFor('nobody'), []);
  });

  test('knowledge: providerById returns the validated data, or null', () => {
    assert.equal(providerById('sendgrid')?.submission?.username.literal, 'apikey');
    assert.equal(providerById('nobody'), null);
  });

  test('knowledge: listSignatures gives wire samples that parse back to the same lines', () => {
    const all = listSignatures();
    assert.ok(all.length >= 100);
    for (const sig of all) {
      assert.ok(sig.samples.length > 0, sig.id);
      assert.ok(sig.findings.length > 0, sig.id);
      for (const wire of sig.samples) {
        assert.doesNotMatch(wire, /\r\n$/, `${sig.id}: no trailing CRLF`);
        assert.doesNotMatch(wire, /(?<!\r)\n/, `${sig.id}: lines joined by CRLF`);
        const reply = parseReplyText(`${wire}\r\n`);
        assert.ok(reply, `${sig.id}: ${wire}`);
        assert.deepEqual(reply.raw, wire.split('\r\n'), sig.id);
        assert.ok(sig.codes.includes(reply.code), `${sig.id}: code ${reply.code}`);
        // One observed reply pairs 451 with 5.7.3: the class mismatch is part of the evidence, not a typo.
        assert.deepEqual(
          reply.anomalies.filter((a) => a !== 'enhanced-class-mismatch'),
          [],
          sig.id,
        );
      }
    }
  });
});

describe('recognise: the provider from the whole evidence, one strength table', () => {
  const by = (evidence: Evidence): string[] => recognise(evidence).map((h) => `${h.provider}/${h.by}`);

  const cases: [string, Evidence, string[]][] = [
    [
      'a live session: the host beats its own banner, one hint per provider',
      live({ host: 'smtp.gmail.com', port: 465, security: 'tls', until: { auth: '535 5.7.8 x - gsmtp' } }),
      ['google/host'],
    ],
    [
      'a host that says nothing: the banner of any session names the server software',
      (() => {
        const evidence = live({ host: '203.0.113.7', port: 587, security: 'starttls', until: { connected: true } });
        const record = evidence.sessions[0]?.record;
        if (record) record.greeting = reply('220 smtp.postmarkapp.com ESMTP Postfix');
        return evidence;
      })(),
      ['postmark/banner', 'postfix/banner'],
    ],
    [
      'the AUTH reply text of a session',
      live({ host: '203.0.113.7', port: 465, security: 'tls', until: { auth: '535 5.7.8 Bad credentials - gsmtp' } }),
      ['google/text'],
    ],
    [
      'the address the user gave and the MX records of its domain',
      {
        ...pasted([]),
        origin: 'probe',
        target: { address: 'ceo@startup.test' },
        dns: { host: 'x', addresses: [], mx: [{ exchange: 'aspmx.l.google.com', priority: 1 }] },
      },
      ['google/mx'],
    ],
    [
      'pasted replies, the hosts the text mentions, then the user’s address',
      pasted([observe.reply('535 5.7.8 Authentication failed')], {
        mentions: { hosts: ['smtp.office365.com'], emailDomains: ['gmail.com'] },
      }),
      ['microsoft365/host', 'google/address'],
    ],
    [
      'a pasted greeting and EHLO reply',
      pasted([observe.reply('220 mail.example.org ESMTP Postfix', 'greeting')]),
      ['postfix/banner'],
    ],
    ['nothing that names a provider', pasted([observe.reply('535 5.7.8 Authentication failed')]), []],
  ];
  for (const [what, evidence, expected] of cases)
    test(`recognise: ${what}`, () => {
      assert.deepEqual(by(evidence), expected);
    });

  test('recognise: of two clues for one provider the strongest is kept, whatever their order', () => {
    const evidence = pasted([observe.reply('535 5.7.8 x - gsmtp')], {
      target: { host: 'smtp.gmail.com' },
      mentions: { hosts: [], emailDomains: ['gmail.com'] },
    });
    assert.deepEqual(by(evidence), ['google/host']);
  });

  test('recognise: diagnosis reads the recorded hints and recognises nothing itself', () => {
    const evidence = live({ host: 'smtp.gmail.com', port: 465, security: 'tls', until: { connected: true } });
    assert.equal(buildContext(evidence).provider?.id, 'google');
    assert.equal(buildContext({ ...evidence, providerHints: [] }).provider, null);
  });
});
