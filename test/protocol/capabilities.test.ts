import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heloCapabilities, parseCapabilities } from '../../src/protocol/capabilities.js';
import { parseReplyText } from '../../src/protocol/reply-parser.js';

function caps(wire: string) {
  const reply = parseReplyText(wire);
  assert.ok(reply);
  return parseCapabilities(reply);
}

test('capabilities: reads Gmail before TLS (no AUTH, STARTTLS offered)', () => {
  const c = caps(
    '250-smtp.gmail.com at your service, [203.0.113.5]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n',
  );
  assert.equal(c.domain, 'smtp.gmail.com');
  assert.deepEqual(c.auth, []);
  assert.equal(c.starttls, true);
  assert.equal(c.enhancedStatusCodes, true);
  assert.equal(c.size, 35882577);
  assert.equal(c.smtputf8, true);
});

test('capabilities: reads the AUTH list in upper case without duplicates', () => {
  const c = caps('250-mx\r\n250-AUTH login Plain XOAUTH2 PLAIN\r\n250 OK\r\n');
  assert.deepEqual(c.auth, ['LOGIN', 'PLAIN', 'XOAUTH2']);
  assert.equal(c.legacyAuthOnly, false);
});

test('capabilities: reads the legacy AUTH= form, alone and alongside AUTH', () => {
  assert.deepEqual(caps('250-mx\r\n250 AUTH=LOGIN PLAIN\r\n').auth, ['LOGIN', 'PLAIN']);
  assert.equal(caps('250-mx\r\n250 AUTH=LOGIN PLAIN\r\n').legacyAuthOnly, true);
  const both = caps('250-mx\r\n250-AUTH LOGIN PLAIN CRAM-MD5\r\n250 AUTH=LOGIN PLAIN\r\n');
  assert.deepEqual(both.auth, ['LOGIN', 'PLAIN', 'CRAM-MD5']);
  assert.equal(both.legacyAuthOnly, false);
});

test('capabilities: a long list of odd mechanism names parses without error', () => {
  const names = Array.from({ length: 60 }, (_, i) => `X-MECH-${i}`).join(' ');
  const c = caps(`250-mx\r\n250 AUTH ${names} PLAIN\r\n`);
  assert.equal(c.auth.length, 61);
  assert.ok(c.auth.includes('PLAIN'));
});

test('capabilities: ignores lines that are not EHLO keywords', () => {
  const c = caps('250-mx\r\n250-  \r\n250-<script>\r\n250 8BITMIME\r\n');
  assert.deepEqual(Object.keys(c.extensions), ['8BITMIME']);
});

test('capabilities: HELO gives nothing but the domain', () => {
  const reply = parseReplyText('250 old.example Hello\r\n');
  assert.ok(reply);
  const c = heloCapabilities(reply);
  assert.equal(c.domain, 'old.example');
  assert.equal(c.viaHelo, true);
  assert.equal(c.starttls, false);
});
