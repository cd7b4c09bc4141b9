// Long pastes: a log repeats the same reply thousands of times. Each is kept once (its first and last copy), with how
// often it was seen, and beyond a bound only the first and last replies (and refusals between them) are kept.
import type { Observation } from '../model/evidence.js';

type ReplyObservation = Extract<Observation, { kind: 'reply' }>;

/** At most this many replies are kept from one paste: every finding quotes what it read, so this bounds the report. */
export const MAX_REPLIES = 30;
/** How many of the first and of the last replies a capped paste keeps; as many again are picked between them. */
const EDGE = MAX_REPLIES / 3;

/**
 * From how many copies the count is worth saying: clients print one failure twice (nodemailer's message and its
 * response property), which is no repetition.
 */
const COUNTED = 3;

interface Group {
  first: number;
  second: number;
  last: number;
  count: number;
  /** Copies differ in their ids, times or addresses, not in their wording. */
  varies: boolean;
}

/**
 * The same reply seen again: the same code, enhanced code and words once the parts with digits (queue ids, times,
 * server names) and the addresses are set aside, in the same phase and on the same side of STARTTLS.
 * Keeping the first and the last copy keeps both the story's start (what a transcript shows first) and its end
 * (the latest verdict) for the rules that read the order.
 */
export function collapseRepeats(replies: readonly ReplyObservation[]): ReplyObservation[] {
  const groups = new Map<string, Group>();
  const keys: string[] = [];
  let afterStarttls = false;
  replies.forEach((o, i) => {
    if (o.phase === 'greeting' && o.reply.code === 220) afterStarttls = false;
    if (o.phase === 'starttls' && o.reply.code === 220) afterStarttls = true;
    // A 334 challenge's text is what it asks for (VXNlcm5hbWU6 is "Username:"): compared whole.
    const text = o.reply.code === 334 ? o.reply.text : wording(o.reply.text);
    const key = `${o.phase ?? ''}|${String(afterStarttls)}|${o.reply.code}|${o.reply.enhanced?.code ?? ''}|${text}`;
    keys.push(key);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { first: i, second: i, last: i, count: 1, varies: false });
      return;
    }
    if (group.count === 1) group.second = i;
    group.last = i;
    group.count += 1;
    if (!group.varies && o.quote !== replies[group.first]?.quote) group.varies = true;
  });
  const kept: ReplyObservation[] = [];
  replies.forEach((o, i) => {
    const group = groups.get(keys[i] ?? '');
    if (!group || (i !== group.first && i !== group.last && !(i === group.second && repeatedFailure(o)))) return;
    // Every copy kept quotes the first one (with the count), so that a finding citing several shows one line.
    kept.push(
      group.count >= COUNTED
        ? { ...o, quote: `${replies[group.first]?.quote ?? o.quote} ${seen(group)}`, count: group.count }
        : o,
    );
  });
  return kept.length > MAX_REPLIES ? cap(kept) : kept;
}

/**
 * A refused login seen three times or more keeps a third copy: the lockout rule warns from three failed logins on,
 * and the copies quote how often the refusal was really seen.
 */
function repeatedFailure(o: ReplyObservation): boolean {
  return o.phase === 'auth' && o.reply.code >= 500;
}

/** The words of a reply without the tokens that hold digits or an address, read token by token (linear on any text). */
function wording(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\w.+@-]+/g, (token) => (/[\d@]/.test(token) ? '#' : token))
    .replace(/\s+/g, ' ');
}

function seen(group: Group): string {
  const times = group.count.toLocaleString('en-US');
  return group.varies
    ? `(appears ${times} times in the text, with other ids, addresses or numbers)`
    : `(appears ${times} times in the text)`;
}

/**
 * The first and last replies of the paste, and between them refusals before anything else: the evidence a finding
 * is most likely to rest on. The last refusal kept says how many replies were left out.
 */
function cap(kept: ReplyObservation[]): ReplyObservation[] {
  const middle = kept.slice(EDGE, kept.length - EDGE);
  const picked = new Set(
    [...middle.filter((o) => o.reply.code >= 400).slice(0, EDGE), ...middle.filter((o) => o.reply.code < 400)].slice(
      0,
      EDGE,
    ),
  );
  const out = [...kept.slice(0, EDGE), ...middle.filter((o) => picked.has(o)), ...kept.slice(kept.length - EDGE)];
  const left = kept.length - out.length;
  const noteAt = out.map((o) => o.reply.code >= 400).lastIndexOf(true);
  const at = noteAt >= 0 ? noteAt : out.length - 1;
  const target = out[at];
  if (target)
    out[at] = {
      ...target,
      quote: `${target.quote} (explain kept ${out.length} of ${kept.length.toLocaleString('en-US')} different replies in this text, the first and last ones and refusals between them: ${left.toLocaleString('en-US')} left out)`,
    };
  return out;
}
