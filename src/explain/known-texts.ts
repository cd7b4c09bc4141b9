// Known texts: a server's own words that name one signature, found anywhere in a paste without their reply code.
import { catalog, type CompiledSignature } from '../knowledge/catalog.js';
import type { Observation } from '../model/evidence.js';
import type { Reply } from '../model/reply.js';
import { parseReplyText } from '../protocol/reply-parser.js';
import { lineAt } from './lines.js';

type ReplyObservation = Extract<Observation, { kind: 'reply' }>;

/** How much of the line after the words is kept as the reply's text (a reply line is rarely longer). */
const MAX_TEXT = 400;

/**
 * Clients often print the server's words without its code ("Invalid login: Authentication unsuccessful, the request
 * did not meet the criteria to be authenticated successfully."). A signature whose words are distinctive enough to
 * stand alone (knowledge `standalone`) is read from them: the reply of its first code and its first sample's enhanced
 * code, with the words and the rest of their line as the text, at the signature's phase when it has only one. Once
 * per signature, and not when the reply finder already read a reply with those words and one of those codes.
 */
export function knownTexts(text: string, found: readonly ReplyObservation[]): ReplyObservation[] {
  const out: ReplyObservation[] = [];
  for (const sig of catalog().signatures) {
    if (!sig.standalone) continue;
    const at = sig.standalone.exec(text);
    if (!at || alreadyRead(sig, found)) continue;
    const reply = replyOf(sig, text, at.index, at.index + at[0].length);
    if (!reply) continue;
    const phases = sig.data.phases;
    out.push({
      kind: 'reply',
      reply,
      phase: phases.length === 1 ? (phases[0] ?? null) : null,
      quote: lineAt(text, at.index, MAX_TEXT),
    });
  }
  return out;
}

function alreadyRead(sig: CompiledSignature, found: readonly ReplyObservation[]): boolean {
  const { codes } = sig.data.match;
  return found.some(
    (o) =>
      codes.includes(o.reply.code) &&
      (sig.standalone?.test(o.reply.raw.join(' ')) === true || sig.text?.test(o.reply.text) === true),
  );
}

/** The reply the words stand for: the signature's code (and enhanced code, unless the words carry their own). */
function replyOf(sig: CompiledSignature, text: string, index: number, wordsEnd: number): Reply | null {
  // To the end of the line the words end on: a client may have wrapped them.
  const end = text.indexOf('\n', wordsEnd);
  const words = text
    .slice(index, end === -1 ? undefined : end)
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, MAX_TEXT);
  const code = sig.data.match.codes[0];
  if (code === undefined || words === '') return null;
  const sample = parseReplyText(`${(sig.data.samples[0] ?? '').split('\n').join('\r\n')}\r\n`);
  // The sample's enhanced code only when it is of the code's class (a 4.x.x does not go with a 550).
  const sampled = sample?.enhanced?.class === Math.floor(code / 100) ? sample.enhanced.code : undefined;
  const enhanced = /^[245]\.\d{1,3}\.\d{1,3}\s/.test(words) ? undefined : (sig.data.match.enhanced ?? sampled);
  return parseReplyText(`${code} ${enhanced === undefined ? '' : `${enhanced} `}${words}\r\n`);
}
