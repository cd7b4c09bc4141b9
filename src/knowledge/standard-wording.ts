// The servers' own standard wording, from the knowledge's sample replies and the standard replies every client sees: which word triples a known reply holds, so a
// weak secret that is an ordinary word ("password") is not mistaken for an echo where a server says its usual words.
import { catalog } from './catalog.js';
import { STANDARD_REPLIES } from './standard-replies.js';
import type { StandardWording } from '../protocol/secret-forms.js';

/** A word of a reply: letters only ("Application-specific" is two words), compared case-insensitively. */
const WORD = /\p{L}+/gu;

let triples: ReadonlySet<string> | undefined;

/** Every three consecutive words of every sample reply of every signature, built once per process. */
function knownTriples(): ReadonlySet<string> {
  if (triples) return triples;
  const found = new Set<string>();
  const samples = [
    ...catalog().signatures.flatMap((sig) => sig.data.samples),
    ...STANDARD_REPLIES.map((reply) => reply.text),
  ];
  for (const sample of samples) {
    const words = (sample.match(WORD) ?? []).map((w) => w.toLowerCase());
    for (let i = 0; i + 2 < words.length; i++) found.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  }
  triples = found;
  return found;
}

/** The word before `start` and the word after `end` in `text` (letters only), or '' at either end. */
function neighbours(text: string, start: number, end: number): [string, string] {
  const before = /(\p{L}+)[^\p{L}]*$/u.exec(text.slice(Math.max(0, start - 64), start))?.[1] ?? '';
  const after = /^[^\p{L}]*(\p{L}+)/u.exec(text.slice(end, end + 64))?.[1] ?? '';
  return [before.toLowerCase(), after.toLowerCase()];
}

/**
 * Whether the word at [start, end) stands between the same two words as in some known reply: "specific password
 * required" is Gmail's standard wording whatever the password. A word at the edge of the text (no neighbour) is never
 * standard: two words of context are what make it the server's sentence rather than an echo.
 */
export const isStandardWording: StandardWording = (text, start, end) => {
  const [before, after] = neighbours(text, start, end);
  if (before === '' || after === '') return false;
  return knownTriples().has(`${before} ${text.slice(start, end).toLowerCase()} ${after}`);
};
