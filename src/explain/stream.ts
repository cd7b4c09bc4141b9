// Pastes of any size: read whole up to a size, beyond it only the lines that can matter (replies, errors, client
// messages, clues, credentials, and the lines around them), in one pass, in memory bounded whatever the input's size.
import { StringDecoder } from 'node:string_decoder';
import { catalog } from '../knowledge/catalog.js';
import { CLIENT_MESSAGES } from '../knowledge/client-messages.js';
import type { InputFacts } from '../model/evidence.js';
import { harvestSecrets } from './redact.js';

/** Text to explain: all of the paste, or the lines of it that can matter. */
export interface Paste {
  text: string;
  /** Set when lines were left out: how much was read and how much kept. */
  input?: InputFacts;
  /** Secrets found in the lines left out: their echoes in the kept lines are hidden all the same. */
  secrets: string[];
}

/** A paste up to this many characters is explained whole, as it always was. */
export const WHOLE_CHARS = 1_000_000;
/**
 * Beyond WHOLE_CHARS, at most this many characters of lines are kept: explain's cost follows what it reads, and a log
 * dense with transcripts fills any budget (half a megabyte holds thousands of replies).
 */
export const KEPT_CHARS = 512 * 1024;
/**
 * How many characters each tier (1 to 4, see tierOf) may keep at most. Lines with only an error or a credential
 * word are common in any application's log: a few of the first and last ones are context, not more.
 */
const TIER_CHARS = [0, 128 * 1024, 128 * 1024, KEPT_CHARS, KEPT_CHARS];
/** Lines on either side of a line that matters that are kept with it: a reply's other lines, a trace's message. */
const CONTEXT = 2;
/** Longer lines are cut into pieces this long, each judged on its own (a log line can hold a whole JSON dump). */
const PIECE = 8192;
/** Text is judged in blocks of about this many characters: each pattern runs once over a block, not once per line. */
const BLOCK = 256 * 1024;
/**
 * Lines left out that hold credentials are searched for secrets up to this many characters (each different line once):
 * a kept line that echoes one of those secrets is scrubbed all the same. The kept lines themselves are always scrubbed.
 */
const MAX_HARVEST_CHARS = 1_000_000;
/** How many different left-out lines are remembered so that a repeated one is searched once. */
const MAX_HARVEST_SEEN = 65_536;
const HARVEST_BATCH = 64 * 1024;

/**
 * What a line can be, one bit each. Patterns are broad on purpose: they only decide what is kept for the reading
 * that follows, which is where meaning is decided. Each is run over a whole block, so a line costs nothing extra.
 */
const SMTP = 1;
const NETWORK = 2;
const CREDENTIALS = 4;
const TROUBLE = 8;
const ENHANCED = 16;
const REPLY_START = 32;
const REPLY = 64;
const CARRIER = 128;

const CATEGORIES: readonly [number, RegExp][] = [
  [
    SMTP,
    // SMTP itself: commands, SASL, transcript markers, mail servers and client libraries, the submission ports (after
    // a host, not in a time of day).
    /\b(?:e?smtp|ehlo|helo|lhlo|starttls|sasl|xoauth|oauthbearer|cram-md5|mail from|rcpt to|gsmtp|postfix|exim|dovecot|sendmail|qmail|nodemailer|phpmailer|swiftmailer|symfony\\component\\mailer|mailkit|mimekit|javax\.mail|jakarta\.mail|com\.sun\.mail|net::(?:smtp|opentimeout|readtimeout)|system\.net\.mail|lettre|gomail|msmtp|swaks|actionmailer|django\.core\.mail|greeting|auth (?:plain|login|xoauth2|cram-md5)|(?:server|client) -> (?:client|server)|port:? ?(?:25|465|587|2525)\b)|(?<!\d\d:\d\d):(?:25|465|587|2525)(?![\d.:])/gi,
  ],
  [
    NETWORK,
    // Network, name and TLS errors as Node, OpenSSL, Python, Java, .NET, Go and curl word them.
    /\b(?:E(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN|PIPE|AUTH|ENVELOPE|SOCKET|CONNECTION|TLS|DNS|PROTOCOL)\b|ERR_(?:SSL|TLS)|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|getaddrinfo|certificate|handshake|x509|ssl|tls|openssl|gnutls|wrong version|unknown protocol|no such host|name or service not known|nodename nor servname|name resolution|connection (?:refused|reset|closed|timed out|was closed|aborted|lost|dropped)|timed out|timeout|socket|broken pipe|unexpected eof)/gi,
  ],
  [
    CREDENTIALS,
    /\b(?:auth|login|logon|log in|sign in|credential|passw|pwd|username|user name|app password|application-specific|oauth|token|bearer|secret|api.?key|unauthori[sz]ed|two-step|2-step|mfa)/gi,
  ],
  [
    TROUBLE,
    /\b(?:error|exception|fail|denied|refused|reject|invalid|unable|cannot|can't|could not|couldn't|not accepted|incorrect|unsuccessful|unavailable|disconnect|closed|abort|fatal|panic|traceback|caused by|not allowed|blocked|disabled|locked|suspended|expired|too many|quota|unrecognized|unsupported|not supported|required)/gi,
  ],
  [ENHANCED, /(?<![\w.])[245]\.\d{1,3}\.\d{1,3}(?![\w.])/g],
  // A reply code where a reply starts: at a line's start after a transcript's marker, or after a wrapper's label.
  [
    REPLY_START,
    /^[^\w\n]{0,16}(?:[SC]:[ \t]*)?[2-5]\d\d(?:[ -]|$)|\b(?:reply|response|responded|server said|server response|detail|message)\b[^\w\n]{0,12}[2-5]\d\d\b/gim,
  ],
  [REPLY, /(?<![\w.:/-])[2-5]\d\d[ -](?=[A-Za-z<([])/g],
  // Where a secret can be written: settings, URLs with a password, command lines, AUTH commands and their answers.
  [
    CARRIER,
    /pass|pwd|secret|token|api.?key|bearer|authorization|:\/\/[^\s/@:]+:[^\s/@]*@|(?:^|\s)(?:-u|--user|-ap|--auth-password)(?=[\s=])|\bauth\b|\blogin\b/gi,
  ],
];

/**
 * Texts that knowledge recognises (provider signatures and client messages): a line with an error word that holds
 * one matters as much as a reply. Built once; a pattern the combination cannot hold is tried on its own.
 */
let knownTexts: RegExp[] | undefined;
function knownTextPatterns(): RegExp[] {
  if (knownTexts) return knownTexts;
  const sources = [
    ...catalog().signatures.flatMap((s) => (s.text ? [s.text.source] : [])),
    ...CLIENT_MESSAGES.map((m) => m.pattern),
  ];
  try {
    knownTexts = [new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'giu')];
  } catch {
    knownTexts = sources.flatMap((s) => {
      try {
        return [new RegExp(s, 'giu')];
      } catch {
        return [new RegExp(s, 'gi')];
      }
    });
  }
  return knownTexts;
}

/**
 * How much a line can matter, 0 (not at all) to 4 (a reply, a client's error): under pressure, higher ones are kept
 * first. A reply shape counts as a reply when it looks like one (an enhanced code, at a reply's place) or sits among
 * SMTP, network or credential words; an HTTP status in a web log does not.
 */
function tierOf(flags: number, known: boolean): number {
  const smtp = (flags & SMTP) !== 0;
  const network = (flags & NETWORK) !== 0;
  const credentials = (flags & CREDENTIALS) !== 0;
  const trouble = (flags & TROUBLE) !== 0;
  const reply = (flags & (ENHANCED | REPLY_START)) !== 0 || ((flags & REPLY) !== 0 && (smtp || network || credentials));
  if (reply || known || (smtp && (trouble || credentials)) || (network && trouble)) return 4;
  if (smtp || network) return 3;
  if (credentials || (flags & REPLY) !== 0) return 2;
  return trouble ? 1 : 0;
}

interface Line {
  index: number;
  /** The line's text: while it waits in #pending, the block it is in and where (read only if it is kept). */
  text: string;
  block?: string;
  start: number;
  end: number;
  /** The line goes on from the previous piece (a long line cut): no line break between them. */
  continues: boolean;
  own: number;
  tier: number;
  carrier: boolean;
}

/**
 * The lines of one tier: the first ones up to half the budget, then the latest ones in a window of the other half. Lines
 * arrive a block at a time, still pointing into their block: only those that stay are copied out of it.
 */
class TierStore {
  readonly head: Line[] = [];
  headChars = 0;
  /** The head takes the first lines that fit, in order: once one does not, the rest go to the tail. */
  headFull = false;
  readonly tail: Line[] = [];
  tailStart = 0;
  tailChars = 0;

  constructor(
    private readonly capacity: number,
    private readonly drop: (line: Line) => void,
  ) {}

  /** A block's lines of this tier, in order. */
  addAll(lines: readonly Line[]): void {
    const half = this.capacity / 2;
    let i = 0;
    for (; i < lines.length && !this.headFull; i++) {
      const line = lines[i];
      if (!line) continue;
      if (this.headChars + size(line) > half) {
        this.headFull = true;
        break;
      }
      detach(line);
      this.head.push(line);
      this.headChars += size(line);
    }
    if (i >= lines.length) return;
    // The tail ends as the latest lines that fit its half: those of this block first, then the ones it held.
    let from = lines.length;
    let chars = 0;
    while (from > i && chars + size(lines[from - 1]) <= half) {
      from -= 1;
      chars += size(lines[from]);
    }
    const limit = from > i ? 0 : half - chars;
    while (this.tailChars > limit && this.tailStart < this.tail.length) {
      const old = this.tail[this.tailStart];
      this.tail[this.tailStart] = undefined as unknown as Line;
      this.tailStart += 1;
      if (!old) continue;
      this.tailChars -= size(old);
      this.drop(old);
    }
    for (let j = i; j < from; j++) {
      const line = lines[j];
      if (line) this.drop(line);
    }
    detachAll(lines, from, chars);
    for (let j = from; j < lines.length; j++) {
      const line = lines[j];
      if (line) this.tail.push(line);
    }
    this.tailChars += chars;
    if (this.tailStart > 4096 && this.tailStart * 2 > this.tail.length) {
      this.tail.splice(0, this.tailStart);
      this.tailStart = 0;
    }
  }

  /**
   * Up to `budget` characters: all lines when they fit, else the latest ones up to half the budget and the first ones
   * up to the rest. The others are dropped.
   */
  take(budget: number): Line[] {
    const all = [...this.head, ...this.tail.slice(this.tailStart)];
    if (this.headChars + this.tailChars <= budget) return all;
    let used = 0;
    let from = all.length;
    while (from > 0 && used + size(all[from - 1]) <= budget / 2) {
      from -= 1;
      used += size(all[from]);
    }
    let to = 0;
    while (to < from && used + size(all[to]) <= budget) {
      used += size(all[to]);
      to += 1;
    }
    for (const line of all.slice(to, from)) this.drop(line);
    return [...all.slice(0, to), ...all.slice(from)];
  }
}

function size(line: Line | undefined): number {
  return line ? line.end - line.start + 1 : 0;
}

/** The line's text, whether still in its block or already copied out. */
function textOf(line: Line): string {
  return line.block === undefined ? line.text : line.block.slice(line.start, line.end);
}

/**
 * The texts of lines[from…] (`chars` characters in all) copied out of their blocks: where they lie close together in
 * one block, one copy of the stretch that holds them (at most twice their size), which they then share.
 */
function detachAll(lines: readonly Line[], from: number, chars: number): void {
  const first = lines[from];
  const last = lines.at(-1);
  const block = first?.block;
  if (first && last && block !== undefined && last.block === block && last.end - first.start <= 2 * chars) {
    const stretch = detached(block.slice(first.start, last.end));
    for (let j = from; j < lines.length; j++) {
      const line = lines[j];
      if (line?.block !== block) {
        if (line) detach(line);
        continue;
      }
      line.text = stretch.slice(line.start - first.start, line.end - first.start);
      line.block = undefined;
    }
    return;
  }
  for (let j = from; j < lines.length; j++) {
    const line = lines[j];
    if (line) detach(line);
  }
}

/** The line's text copied out of its block: a kept line must not hold the whole block in memory. */
function detach(line: Line): void {
  if (line.block === undefined) return;
  line.text = detached(line.block.slice(line.start, line.end));
  line.block = undefined;
}

/** Reads a paste in pieces (as a stream delivers it) and keeps what an explanation can need. */
export class PasteReader {
  #whole: string[] | null = [];
  #wholeChars = 0;
  #selector: Selector | null = null;

  push(text: string): void {
    if (this.#whole) {
      this.#whole.push(text);
      this.#wholeChars += text.length;
      if (this.#wholeChars <= WHOLE_CHARS) return;
      const selector = new Selector();
      for (const piece of this.#whole) selector.push(piece);
      this.#whole = null;
      this.#selector = selector;
      return;
    }
    this.#selector?.push(text);
  }

  end(): Paste {
    if (this.#whole) return { text: this.#whole.join(''), secrets: [] };
    return this.#selector?.end() ?? { text: '', secrets: [] };
  }
}

/** A paste given as one string (the library's explain(text)): whole up to WHOLE_CHARS, else selected. */
export function readPaste(text: string): Paste {
  if (text.length <= WHOLE_CHARS) return { text, secrets: [] };
  const selector = new Selector();
  for (let at = 0; at < text.length; at += BLOCK) selector.push(text.slice(at, at + BLOCK));
  return selector.end();
}

/** The paste a stream delivers (standard input, a file), decoded as UTF-8; more than `maxBytes` throws TooLongError. */
export async function readPasteFrom(stream: AsyncIterable<unknown>, maxBytes = Infinity): Promise<Paste> {
  const reader = new PasteReader();
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array);
    bytes += buffer.length;
    if (bytes > maxBytes) throw new PasteTooLongError(maxBytes);
    reader.push(decoder.write(buffer));
  }
  reader.push(decoder.end());
  return reader.end();
}

export class PasteTooLongError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the paste holds more than ${maxBytes} bytes`);
  }
}

/** The selection itself: lines judged block by block, kept by tier, with their neighbours. */
class Selector {
  /** What was pushed since the last block was judged. */
  #parts: string[] = [];
  #partsChars = 0;
  /** Lines read, and pieces (a long line is several): a piece's index orders what is kept. */
  #lines = 0;
  #lineCount = 0;
  #chars = 0;
  /** The last CONTEXT lines, not yet settled: a line that matters lifts the lines before it too. */
  readonly #pending: Line[] = [];
  readonly #stores: TierStore[];
  /** The lines of the block being judged whose tier is known, by tier. */
  #settled: Line[][] = [[], [], [], []];
  #harvest: string[] = [];
  #harvestChars = 0;
  #harvested = 0;
  readonly #harvestSeen = new Set<string>();
  readonly #secrets = new Set<string>();

  constructor() {
    const drop = (line: Line): void => this.#dropped(line);
    this.#stores = [1, 2, 3, 4].map((tier) => new TierStore(TIER_CHARS[tier] ?? 0, drop));
  }

  push(text: string): void {
    this.#chars += text.length;
    this.#parts.push(text);
    this.#partsChars += text.length;
    if (this.#partsChars < BLOCK) return;
    const joined = this.#parts.join('');
    const cut = joined.lastIndexOf('\n');
    // A block without a line break is cut at a piece's boundary (a line that long is read in pieces anyway).
    const end = cut >= 0 ? cut + 1 : joined.length - (joined.length % PIECE);
    this.#judge(joined.slice(0, end), cut < 0);
    this.#parts = [joined.slice(end)];
    this.#partsChars = joined.length - end;
  }

  end(): Paste {
    this.#judge(this.#parts.join(''), false, true);
    this.#parts = [];
    let budget = KEPT_CHARS;
    const kept: Line[] = [];
    for (let tier = 4; tier >= 1; tier--) {
      const lines = this.#stores[tier - 1]?.take(Math.max(0, Math.min(budget, TIER_CHARS[tier] ?? 0))) ?? [];
      for (const line of lines) budget -= line.text.length + 1;
      kept.push(...lines);
    }
    this.#flushHarvest();
    kept.sort((a, b) => a.index - b.index);
    let text = '';
    let previous = -2;
    for (const line of kept) {
      // A blank line where lines were left out: nothing read across it joins text that was apart.
      if (previous >= 0) text += line.index === previous + 1 ? (line.continues ? '' : '\n') : '\n\n';
      text += line.text;
      previous = line.index;
    }
    return {
      text,
      input: {
        chars: this.#chars,
        lines: this.#lines,
        keptChars: text.length,
        keptLines: kept.filter((line, i) => i === 0 || !line.continues).length,
      },
      secrets: [...this.#secrets],
    };
  }

  /** Judges a block of whole lines (`open`: its last line goes on in the next block; `last`: nothing comes after). */
  #judge(block: string, open: boolean, last = false): void {
    const starts: number[] = [];
    const ends: number[] = [];
    const continues: boolean[] = [];
    let continuing = this.#continuing;
    for (let at = 0; at < block.length;) {
      const newline = block.indexOf('\n', at);
      const lineEnd = newline === -1 ? block.length : newline;
      for (let from = at; ; from += PIECE) {
        starts.push(from);
        ends.push(Math.min(lineEnd, from + PIECE));
        continues.push(continuing);
        continuing = true;
        if (from + PIECE >= lineEnd) break;
      }
      continuing = newline === -1 && open;
      at = newline === -1 ? block.length : newline + 1;
    }
    this.#continuing = open;
    const flags = new Uint8Array(starts.length);
    for (const [bit, re] of CATEGORIES) markLines(block, re, starts, ends, flags, bit);
    // Lines with an error word that are not yet known to matter much: do they hold a text knowledge recognises? A
    // log repeats its lines with other numbers and ids: each wording is checked once.
    const known = new Uint8Array(starts.length);
    const candidates: number[] = [];
    const wordings = new Map<string, number[]>();
    flags.forEach((f, i) => {
      if ((f & TROUBLE) === 0 || tierOf(f, false) >= 3) return;
      const key = wordingOf(block.slice(starts[i], ends[i]));
      const same = wordings.get(key);
      if (same) same.push(i);
      else {
        wordings.set(key, [i]);
        candidates.push(i);
      }
    });
    if (candidates.length > 0) {
      const offsets: number[] = [];
      let joined = '';
      for (const i of candidates) {
        offsets.push(joined.length);
        joined += `${block.slice(starts[i], ends[i])}\n`;
      }
      const found = new Uint8Array(candidates.length);
      for (const re of knownTextPatterns())
        markLines(
          joined,
          re,
          offsets,
          offsets.map((o, k) => (offsets[k + 1] ?? joined.length) - 1),
          found,
          1,
        );
      found.forEach((f, k) => {
        if (f === 0) return;
        const i = candidates[k] ?? 0;
        for (const same of wordings.get(wordingOf(block.slice(starts[i], ends[i]))) ?? []) known[same] = 1;
      });
    }
    // Each line's tier is the highest own tier within CONTEXT lines of it. The last CONTEXT lines wait for the next
    // block (their next lines are there); a line that does not matter costs no object at all.
    const n = starts.length;
    const own = new Uint8Array(n);
    for (let i = 0; i < n; i++) own[i] = tierOf(flags[i] ?? 0, known[i] === 1);
    const waiting = this.#pending.splice(0);
    const m = waiting.length;
    const total = m + n;
    const owns = new Uint8Array(total);
    for (let v = 0; v < m; v++) owns[v] = waiting[v]?.own ?? 0;
    owns.set(own, m);
    const settled = last ? total : Math.max(0, total - CONTEXT);
    const first = this.#lineCount;
    const lineAt = (i: number, tier: number): Line => ({
      index: first + i,
      text: '',
      block,
      start: starts[i] ?? 0,
      end: ends[i] ?? 0,
      continues: continues[i] ?? false,
      own: own[i] ?? 0,
      tier,
      carrier: ((flags[i] ?? 0) & CARRIER) !== 0,
    });
    for (let v = 0; v < total; v++) {
      const before = v < m ? waiting[v] : undefined;
      let tier = before?.tier ?? 0;
      for (let u = Math.max(0, v - CONTEXT), to = Math.min(total - 1, v + CONTEXT); u <= to; u++) {
        const o = owns[u] ?? 0;
        if (o > tier) tier = o;
      }
      if (before) before.tier = tier;
      if (v >= settled) this.#pending.push(before ?? lineAt(v - m, tier));
      else if (before) this.#settle(before);
      else if (tier > 0 || ((flags[v - m] ?? 0) & CARRIER) !== 0) this.#settle(lineAt(v - m, tier));
    }
    this.#storeSettled();
    this.#lineCount += n;
    for (let i = 0; i < n; i++) if (!(continues[i] ?? false)) this.#lines += 1;
  }

  #continuing = false;

  /** A line whose tier is known: stored by tier at the end of its block, or dropped. */
  #settle(line: Line): void {
    if (line.tier > 0) this.#settled[line.tier - 1]?.push(line);
    else this.#dropped(line);
  }

  /** The lines settled in a block, to their tiers' stores. */
  #storeSettled(): void {
    this.#settled.forEach((lines, i) => {
      if (lines.length === 0) return;
      this.#stores[i]?.addAll(lines);
      this.#settled[i] = [];
    });
  }

  #dropped(line: Line): void {
    if (!line.carrier || this.#harvested + this.#harvestChars >= MAX_HARVEST_CHARS) return;
    const text = textOf(line);
    // A log repeats its lines: the same line holds the same secrets.
    if (this.#harvestSeen.has(text)) return;
    if (this.#harvestSeen.size < MAX_HARVEST_SEEN && text.length <= 1024) this.#harvestSeen.add(detached(text));
    this.#harvest.push(text);
    this.#harvestChars += text.length + 1;
    if (this.#harvestChars >= HARVEST_BATCH) this.#flushHarvest();
  }

  #flushHarvest(): void {
    if (this.#harvest.length === 0) return;
    for (const secret of harvestSecrets(this.#harvest.join('\n'))) this.#secrets.add(secret);
    this.#harvested += this.#harvestChars;
    this.#harvest = [];
    this.#harvestChars = 0;
  }
}

/**
 * Sets `bit` on each line (start/end offsets in `text`) where `re` (global) matches; after a match the search goes
 * on at the next line, so a pattern costs one pass over the text whatever the number of lines.
 */
function markLines(
  text: string,
  re: RegExp,
  starts: readonly number[],
  ends: readonly number[],
  flags: Uint8Array,
  bit: number,
): void {
  let line = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    while (line + 1 < starts.length && (starts[line + 1] ?? 0) <= m.index) line += 1;
    flags[line] = (flags[line] ?? 0) | bit;
    const next = starts[line + 1];
    if (next === undefined) break;
    re.lastIndex = Math.max(next, m.index + 1);
  }
}

/** A line without what changes from one copy to the next (numbers, ids): the same wording, once. */
function wordingOf(line: string): string {
  return line.replace(/[\w.+@-]*\d[\w.+@-]*/g, '#');
}

/** A copy of a piece of a block: kept lines must not hold the whole block in memory. */
function detached(text: string): string {
  return text.length < 16 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}
