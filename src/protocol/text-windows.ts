// Text windows: every position of a text indexed by the characters that start there, so that finding where many
// strings occur costs time linear in the text and in the strings, never the text once per string.

/** Multiplier of the polynomial hash (FNV's 32-bit prime): windows are hashed in one rolling pass. */
const BASE = 0x01000193;

/** BASE^(length-1), modulo 2^32: what the first character of a window weighs in its hash. */
function leadWeight(length: number): number {
  let w = 1;
  for (let k = 1; k < length; k++) w = Math.imul(w, BASE);
  return w;
}

/** The hash of the `length` characters of `s` from `at` (the value WindowIndex and eachWindowHash give them). */
export function windowHash(s: string, at: number, length: number): number {
  let h = 0;
  for (let k = 0; k < length; k++) h = (Math.imul(h, BASE) + s.charCodeAt(at + k)) | 0;
  return h;
}

/**
 * Calls `visit(position, hash)` for the windows of `length` characters of `s` at positions 0, stride, 2·stride…
 * in one rolling pass (a stride above 1 still reads every character once).
 */
export function eachWindowHash(
  s: string,
  length: number,
  stride: number,
  visit: (position: number, hash: number) => void,
): void {
  const last = s.length - length;
  if (last < 0) return;
  const lead = leadWeight(length);
  let h = windowHash(s, 0, length);
  for (let i = 0; ; i++) {
    if (i % stride === 0) visit(i, h);
    if (i === last) return;
    h = (Math.imul(h - Math.imul(s.charCodeAt(i), lead), BASE) + s.charCodeAt(i + length)) | 0;
  }
}

/**
 * The windows of one length of a text, by hash: which positions start with a given string, left to right. The table
 * holds each different hash once, so a text that repeats itself (a log) gets a small table that lookups keep in
 * cache; memory is at most a few typed arrays the size of the text. A hash only narrows the search: every position
 * is confirmed.
 */
export class WindowIndex {
  readonly #text: string;
  readonly #length: number;
  #shift: number;
  #mask: number;
  #count = 0;
  /** Open addressing: the hash held by each slot (`#used` tells an empty slot from hash 0)… */
  #keys: Int32Array;
  #used: Uint8Array;
  /** …and the first position with that hash; `#next` chains the rest in ascending order (-1 ends a chain). */
  #head: Int32Array;
  readonly #next: Int32Array;
  /**
   * One bit per hash (a Bloom filter with one function) in a few bits per window: most hashes a text does not hold are
   * turned away without reading the table, which for a long text is far bigger than the processor's caches.
   */
  readonly #bits: Int32Array;
  readonly #bitsShift: number;

  constructor(text: string, length: number) {
    this.#text = text;
    this.#length = length;
    const count = Math.max(0, text.length - length + 1);
    // Room for every window at half load from the start (a short reply gets a small table), growing if need be.
    const slots = Math.min(10, Math.max(4, Math.ceil(Math.log2(count * 2 + 1))));
    this.#shift = 32 - slots;
    this.#mask = (1 << slots) - 1;
    this.#keys = new Int32Array(1 << slots);
    this.#used = new Uint8Array(1 << slots);
    this.#head = new Int32Array(1 << slots);
    this.#next = new Int32Array(count);
    const hashes = new Int32Array(count);
    eachWindowHash(text, length, 1, (i, h) => (hashes[i] = h));
    const log2 = Math.min(27, Math.max(10, Math.ceil(Math.log2(Math.max(1, count) * 8))));
    this.#bits = new Int32Array(1 << (log2 - 5));
    this.#bitsShift = 32 - log2;
    for (const h of hashes) {
      const bit = Math.imul(h, 0x85ebca6b) >>> this.#bitsShift;
      this.#bits[bit >>> 5] = (this.#bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    // From the last position back, each prepended: every chain reads left to right.
    for (let i = count - 1; i >= 0; i--) {
      const h = hashes[i] ?? 0;
      let slot = this.#slot(h);
      if (this.#used[slot] === 0) {
        if ((this.#count + 1) * 2 > this.#keys.length) {
          this.#grow();
          slot = this.#slot(h);
        }
        this.#keys[slot] = h;
        this.#used[slot] = 1;
        this.#head[slot] = -1;
        this.#count += 1;
      }
      this.#next[i] = this.#head[slot] ?? -1;
      this.#head[slot] = i;
    }
  }

  /** Some window of the text has this hash (its characters may still differ: confirm with eachPosition). */
  mayHold(hash: number): boolean {
    const bit = Math.imul(hash, 0x85ebca6b) >>> this.#bitsShift;
    if (((this.#bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    return this.#used[this.#slot(hash)] === 1;
  }

  /**
   * Some window of `s` may be in the text (by hash; false for a string shorter than a window). One rolling pass over
   * `s` that stops at the first window found: the test a scrubber runs on every form of every secret.
   */
  maySomeWindowOf(s: string): boolean {
    const length = this.#length;
    const last = s.length - length;
    if (last < 0) return false;
    const bits = this.#bits;
    const shift = this.#bitsShift;
    const lead = leadWeight(length);
    let h = windowHash(s, 0, length);
    for (let i = 0; ; i++) {
      const bit = Math.imul(h, 0x85ebca6b) >>> shift;
      if (((bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0 && this.#used[this.#slot(h)] === 1) return true;
      if (i === last) return false;
      h = (Math.imul(h - Math.imul(s.charCodeAt(i), lead), BASE) + s.charCodeAt(i + length)) | 0;
    }
  }

  /** Calls `visit` with each position, left to right, where the text holds `window` (exactly `length` characters). */
  eachPosition(window: string, visit: (position: number) => void, hash = windowHash(window, 0, this.#length)): void {
    const slot = this.#slot(hash);
    if (this.#used[slot] !== 1) return;
    for (let p = this.#head[slot] ?? -1; p !== -1; p = this.#next[p] ?? -1)
      if (this.#text.startsWith(window, p)) visit(p);
  }

  /** The slot of `hash`: where it is, or the empty slot where it would go. */
  #slot(hash: number): number {
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.#shift;
    while (this.#used[slot] === 1 && this.#keys[slot] !== hash) slot = (slot + 1) & this.#mask;
    return slot;
  }

  /** Twice the slots, every hash moved with its chain. */
  #grow(): void {
    const [keys, used, head] = [this.#keys, this.#used, this.#head];
    const size = keys.length * 2;
    this.#shift -= 1;
    this.#mask = size - 1;
    this.#keys = new Int32Array(size);
    this.#used = new Uint8Array(size);
    this.#head = new Int32Array(size);
    for (let old = 0; old < used.length; old++) {
      if (used[old] !== 1) continue;
      const slot = this.#slot(keys[old] ?? 0);
      this.#keys[slot] = keys[old] ?? 0;
      this.#used[slot] = 1;
      this.#head[slot] = head[old] ?? -1;
    }
  }
}
