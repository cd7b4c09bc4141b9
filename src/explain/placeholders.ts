// Placeholders we write into pasted text, held as sentinels while the text is scrubbed: no word of ours is an echo.
/** A piece of a placeholder: our words, or a value from the paste (a user name) that is scrubbed as pasted text. */
export type Piece = string | { pasted: string };

const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Digits of a placeholder's number, base 256, in the private use area: never a word, a joiner or base64. */
const DIGIT0 = 0xe100;
const SENTINEL = /\[\uE000([\uE100-\uE1FF]+)\uE001\]/g;

export class Placeholders {
  readonly #kept: Piece[][] = [];

  /**
   * A sentinel that stands for the placeholder "[" + pieces + "]" until restore(). It starts with "[" as the
   * placeholder does, so that a carrier still sees a value that is already hidden.
   */
  mark(...pieces: Piece[]): string {
    let n = this.#kept.push(pieces) - 1;
    let digits = '';
    do {
      digits = String.fromCharCode(DIGIT0 + (n % 256)) + digits;
      n = Math.floor(n / 256);
    } while (n > 0);
    return `[${OPEN}${digits}${CLOSE}]`;
  }

  /** The text with every sentinel replaced by its placeholder; `scrub` cleans the pasted pieces (a user name). */
  restore(text: string, scrub: (pasted: string) => string): string {
    if (this.#kept.length === 0) return text;
    // One scrub for all pasted pieces (JSON strings: no line breaks): a scrub per piece would rebuild every form each time.
    const pasted = this.#kept.flatMap((pieces) => pieces.filter((p) => typeof p !== 'string').map((p) => p.pasted));
    const clean = pasted.length === 0 ? [] : scrub(pasted.join('\n')).split('\n');
    let next = 0;
    const cleaned = this.#kept.map((pieces) =>
      pieces.map((p) => (typeof p === 'string' ? p : (clean[next++] ?? '[redacted]'))),
    );
    return text.replace(SENTINEL, (whole, digits: string) => {
      let n = 0;
      for (const d of digits) n = n * 256 + (d.charCodeAt(0) - DIGIT0);
      const pieces = cleaned[n];
      if (pieces === undefined) return whole;
      return `[${pieces.join('')}]`;
    });
  }
}
