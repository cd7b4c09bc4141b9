// Clients that say which reply code they expected and which they got, without the server's words: mailsend's
// "Expected smtp code 250, got 552", "expected 235, got 535". SwiftMailer's and Symfony's fuller form is symfony.ts.
import type { Phase } from '../../model/transcript.js';
import type { Extractor, FoundReply } from './types.js';

const EXPECTED =
  /\bexpected (?:(?:smtp|response|reply|status) )?code:? ?"?([2-5]\d\d)"?,? (?:but )?got:? (?:code )?"?([2-5]\d\d)"?(?![\w.])/gi;

/** The command a client expected a code for: 334 and 235 only answer AUTH, 354 only DATA (RFC 4954, RFC 5321). */
function phaseOf(expected: string): Phase | null {
  if (expected === '235' || expected === '334') return 'auth';
  if (expected === '354') return 'data';
  return null;
}

export const expectedCode: Extractor = {
  id: 'expected-code',
  fallback: true,
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(EXPECTED)) {
      const [whole, expected = '', code = ''] = m;
      out.push({
        lines: [code],
        phase: phaseOf(expected),
        start: m.index,
        end: m.index + whole.length,
        source: 'expected-code',
        quote: whole,
        certainty: 'inferred',
      });
    }
    return out;
  },
};
