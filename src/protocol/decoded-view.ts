// Decoded views of a server's text: its escapes (percent, HTML entities, \u and \x) decoded, each character mapped
// back to the text it came from; and its base64 runs decoded, so that a secret in any escaping is found as written.

/** A text with its escapes decoded: `view[i]` came from `text.slice(from[i], to[i])`. */
export interface DecodedView {
  view: string;
  from: number[];
  to: number[];
}

/**
 * One escape: percent, \x, a C octal escape (\150) or quoted-printable's =XX (a byte; runs of them are read as
 * UTF-8), an HTML numeric or named entity, or a \u escape (a UTF-16 unit), or \r, \n, \t and \0. Whichever characters a server chose to escape, the view reads the same.
 */
const ESCAPE =
  /%([0-9A-Fa-f]{2})|\\x([0-9A-Fa-f]{2})|&#(\d{1,7});|&#[xX]([0-9A-Fa-f]{1,6});|&(amp|lt|gt|quot|apos);|\\u([0-9A-Fa-f]{4})|\\([0-3][0-7]{2})|=([0-9A-F]{2})|\\([rnt0])/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/**
 * A repr's line ends and tabs (Python's b'…\r\n', JSON): an echo at the end of such a line ends there; and a NUL
 * written as \0 (a C or Python repr of a PLAIN blob, or NULs slipped between an echo's characters).
 */
const CONTROL: Readonly<Record<string, string>> = { r: '\r', n: '\n', t: '\t', '0': '\0' };

/** The text with every escape decoded, or undefined when it holds none. Linear in the text. */
export function decodeEscapes(text: string): DecodedView | undefined {
  if (!/[%&\\=]/.test(text)) return undefined;
  let view = '';
  const from: number[] = [];
  const to: number[] = [];
  let last = 0;
  let found = false;
  // Pending bytes of consecutive percent or \x escapes: [byte, start, end] each.
  let bytes: [number, number, number][] = [];
  const push = (s: string, start: number, end: number): void => {
    for (let k = 0; k < s.length; k++) {
      view += s[k] ?? '';
      from.push(start);
      to.push(end);
    }
  };
  const flush = (): void => {
    for (const [text, start, end] of utf8Chars(bytes)) push(text, start, end);
    bytes = [];
  };
  for (const m of text.matchAll(ESCAPE)) {
    const at = m.index;
    const end = at + m[0].length;
    if (at > last) {
      flush();
      for (let i = last; i < at; i++) push(text[i] ?? '', i, i + 1);
    }
    last = end;
    found = true;
    const byte = m[1] ?? m[2] ?? m[8];
    if (byte !== undefined || m[7] !== undefined) {
      bytes.push([byte !== undefined ? parseInt(byte, 16) : parseInt(m[7] ?? '0', 8), at, end]);
      continue;
    }
    flush();
    const point = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? parseInt(m[4], 16) : undefined;
    if (point !== undefined) push(point <= 0x10ffff ? String.fromCodePoint(point) : m[0], at, end);
    else if (m[5] !== undefined) push(NAMED[m[5]] ?? m[0], at, end);
    else if (m[9] !== undefined) push(CONTROL[m[9]] ?? m[0], at, end);
    else push(String.fromCharCode(parseInt(m[6] ?? '0', 16)), at, end);
  }
  if (!found) return undefined;
  flush();
  for (let i = last; i < text.length; i++) push(text[i] ?? '', i, i + 1);
  return { view, from, to };
}

/** Bytes read as UTF-8 where they form valid sequences, and one Latin-1 character per byte where they do not. */
function utf8Chars(bytes: readonly [number, number, number][]): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let i = 0; i < bytes.length;) {
    const [lead, start, end] = bytes[i] ?? [0, 0, 0];
    const n = lead >= 0xf0 && lead < 0xf5 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 1;
    const group = bytes.slice(i, i + n);
    const valid = n > 1 && group.length === n && group.slice(1).every(([b]) => (b & 0xc0) === 0x80);
    if (lead < 0x80 || !valid) {
      out.push([String.fromCharCode(lead), start, end]);
      i += 1;
      continue;
    }
    const decoded = Buffer.from(group.map(([b]) => b)).toString('utf8');
    out.push([decoded, start, group.at(-1)?.[2] ?? end]);
    i += n;
  }
  return out;
}

/**
 * A base64 run long enough to hide a secret (8 characters with padding: 6 bytes, a user-less blob of a 2-character
 * password): standard or URL-safe characters, padding only at its end.
 */
const BASE64_RUN = /[A-Za-z0-9+/_-]{6,}={0,2}/g;
const MIN_BASE64_RUN = 8;
/** Decoding stops after this many characters of runs in one text: a reply is short, a flood is not read twice. */
const BASE64_BUDGET = 64 * 1024;

/**
 * The base64 runs of a text (MIN_BASE64_RUN characters or more) with their decodings — as they start and at each of the other
 * three offsets, since a run may be glued to the text before it — and, where a decoding is base64 again, its own
 * decoding (a server that encoded twice). Bounded: at most BASE64_BUDGET characters of runs are decoded.
 */
export function base64Runs(text: string): { start: number; end: number; decoded: Buffer[] }[] {
  const runs: { start: number; end: number; decoded: Buffer[] }[] = [];
  let budget = BASE64_BUDGET;
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    if (run.length < MIN_BASE64_RUN) continue;
    budget -= run.length;
    if (budget < 0) break;
    const decoded: Buffer[] = [];
    for (let offset = 0; offset < 4 && offset + 8 <= run.length; offset++) {
      const once = Buffer.from(run.slice(offset), 'base64');
      decoded.push(once);
      // Base64 inside the decoding (a server that encodes a text quoting our base64): each inner run decoded once.
      if (offset !== 0) continue;
      const inner = once.toString('latin1');
      for (const m2 of inner.matchAll(BASE64_RUN)) {
        if (m2[0].length < MIN_BASE64_RUN) continue;
        budget -= m2[0].length;
        if (budget < 0) break;
        decoded.push(Buffer.from(m2[0], 'base64'));
      }
    }
    // A run of hex digits is base64's alphabet too, and more likely hex: decoded both ways, and base64 inside the hex.
    if (run.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(run)) {
      const hex = Buffer.from(run, 'hex');
      decoded.push(hex);
      const text = hex.toString('latin1');
      if (text.length >= MIN_BASE64_RUN && /^[A-Za-z0-9+/_-]+={0,2}$/.test(text))
        decoded.push(Buffer.from(text, 'base64'));
    }
    runs.push({ start: m.index, end: m.index + run.length, decoded });
  }
  return runs;
}
