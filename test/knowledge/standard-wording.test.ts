// A weak password that is a word of a server's standard reply (greeting, STARTTLS, closing) stays in that reply; the
// same word elsewhere is still taken out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStandardWording } from '../../src/knowledge/standard-wording.js';
import { FormScrubber } from '../../src/protocol/secret-forms.js';

function scrubberFor(password: string): FormScrubber {
  const scrubber = new FormScrubber('[redacted]');
  scrubber.addSecret(password);
  scrubber.keepStandardWording(isStandardWording);
  return scrubber;
}

test('standard wording: Microsoft’s greeting keeps MAIL when the password is "mail"', () => {
  const greeting = '220 AB1PR01CA0001.outlook.office365.com Microsoft ESMTP MAIL Service ready at Mon, 7 Dec 2026';
  assert.equal(scrubberFor('mail').scrub(greeting), greeting);
});

test('standard wording: RFC 5321’s closing reply keeps its words; an echo of the same word is still taken', () => {
  const scrubber = scrubberFor('closing');
  assert.equal(
    scrubber.scrub('221 2.0.0 Service closing transmission channel'),
    '221 2.0.0 Service closing transmission channel',
  );
  assert.equal(scrubber.scrub('535 5.7.8 password closing was refused'), '535 5.7.8 password [redacted] was refused');
});
