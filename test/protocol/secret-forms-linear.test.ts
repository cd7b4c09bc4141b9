// The scrubber is linear: the same text out as the plain definition (every form split out longest first, then every
// window of a secret's forms looked up at every position), for any secrets and any text, and many secrets are cheap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { base64Runs, decodeEscapes } from '../../src/protocol/decoded-view.js';
import {
  FormScrubber,
  isWeakSecret,
  MIN_FRAGMENT_LENGTH,
  secretForms,
  secretFormsByKind,
} from '../../src/protocol/secret-forms.js';

const LOGIN_PROMPTS = ['VXNlcm5hbWU6', 'UGFzc3dvcmQ6', 'dXNlcm5hbWU6', 'cGFzc3dvcmQ6'];
const WORD_LIKE_PIECE =
  /^(?=.{1,15}$)[ .,:;'"()!?-]*(?:[A-Z]?[a-z]+|[A-Z]+)(?:[ .,:;'"()!?-]+(?:[A-Z]?[a-z]+|[A-Z]+))*[ .,:;'"()!?-]*$/;

/** The scrubber by its definition, quadratic and obviously right: what the linear one must equal. */
function reference(
  secrets: readonly string[],
  exact: readonly string[],
  replacement: string,
  echoes = true,
): (text: string) => string {
  // Each form, and whether it is taken only as a whole token (a string registered both ways is taken anywhere).
  const forms = new Map<string, boolean>();
  const windows = { readable: new Set<string>(), encoded: new Set<string>() };
  const add = (form: string, kind: 'exact' | 'readable' | 'encoded' | 'token'): void => {
    forms.set(form, (forms.get(form) ?? true) && kind === 'token');
    if (kind === 'exact' || kind === 'token') return;
    const stride = form.length > 4096 ? 8 : 1;
    for (let i = 0; i + MIN_FRAGMENT_LENGTH <= form.length; i += stride)
      windows[kind].add(form.slice(i, i + MIN_FRAGMENT_LENGTH));
  };
  for (const s of secrets) {
    if (isWeakSecret(s)) {
      const { readable, encoded } = secretFormsByKind(s, echoes, 1);
      // A single character is taken only as typed, never case-folded.
      const swapped = Array.from(s)
        .map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
        .join('');
      const folded = new Set([s.toUpperCase(), s.toLowerCase(), swapped].filter((f) => f !== s));
      for (const f of [...readable.filter((f) => Array.from(s).length > 1 || !folded.has(f)), ...encoded])
        add(f, 'token');
      continue;
    }
    const { readable, encoded } = secretFormsByKind(s, echoes);
    for (const f of readable) add(f, 'readable');
    for (const f of encoded) add(f, 'encoded');
  }
  for (const f of exact) if (f.length >= 4) add(f, f.length < MIN_FRAGMENT_LENGTH ? 'token' : 'exact');
  const word = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}\p{M}_]/u.test(c);
  const joiner = (c: string | undefined): boolean => c !== undefined && /[.@\-+/\\'’]/.test(c);
  // A "/" after "://" in the same run of non-space characters separates path segments.
  const inUrl = (text: string, at: number): boolean =>
    text[at] === '/' && /:\/\/\S*$/.test(text.slice(Math.max(0, at - 512), at));
  // The "-" after a reply code standing alone ("220-") separates.
  const afterCode = (text: string, at: number): boolean =>
    text[at] === '-' && /(?:^|[^\p{L}\p{N}_.-])[2-5]\d\d$/u.test(text.slice(Math.max(0, at - 4), at));
  const wholeToken = (text: string, start: number, end: number): boolean =>
    !(start > 0 && text.startsWith(replacement, start - 1)) &&
    !word(text[start - 1]) &&
    !word(text[end]) &&
    !(joiner(text[start - 1]) && word(text[start - 2]) && !inUrl(text, start - 1) && !afterCode(text, start - 1)) &&
    !(joiner(text[end]) && word(text[end + 1]) && !inUrl(text, end) && !afterCode(text, end));
  const runsOf = (text: string, set: Set<string>): [number, number][] => {
    const runs: [number, number][] = [];
    for (let i = 0; i + MIN_FRAGMENT_LENGTH <= text.length; i++) {
      if (!set.has(text.slice(i, i + MIN_FRAGMENT_LENGTH))) continue;
      const last = runs.at(-1);
      if (last && i <= last[1]) last[1] = i + MIN_FRAGMENT_LENGTH;
      else runs.push([i, i + MIN_FRAGMENT_LENGTH]);
    }
    return runs;
  };
  const insidePrompt = (text: string, start: number, end: number): boolean =>
    LOGIN_PROMPTS.some((p) => {
      for (
        let at = text.indexOf(p, Math.max(0, end - p.length));
        at !== -1 && at <= start;
        at = text.indexOf(p, at + 1)
      )
        if (at + p.length >= end) return true;
      return false;
    });
  const spansOf = (text: string, strongOnly = false): [number, number][] => {
    const taken = new Array<boolean>(text.length).fill(false);
    const spans: [number, number][] = [];
    const sorted = [...forms]
      .filter(([, tokenOnly]) => !(strongOnly && tokenOnly))
      .sort((a, b) => b[0].length - a[0].length);
    for (const [form, tokenOnly] of sorted) {
      for (let at = text.indexOf(form); at !== -1;) {
        const end = at + form.length;
        if (taken.slice(at, end).some(Boolean) || (tokenOnly && !wholeToken(text, at, end))) {
          at = text.indexOf(form, at + 1);
          continue;
        }
        taken.fill(true, at, end);
        spans.push([at, end]);
        at = text.indexOf(form, end);
      }
    }
    spans.push(
      ...runsOf(text, windows.encoded).filter(([s, e]) => e - s >= 12 || !insidePrompt(text, s, e)),
      ...runsOf(text, windows.readable).filter(([s, e]) => !WORD_LIKE_PIECE.test(text.slice(s, e))),
    );
    return spans;
  };
  // The forms as written, with control characters left out, and with escapes decoded (no base64).
  const unfilled = (text: string, strongOnly: boolean): [number, number][] => {
    const spans = spansOf(text, strongOnly);
    const at: number[] = [];
    // eslint-disable-next-line no-control-regex -- the control characters a server slips into an echo
    const filler = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/;
    for (let i = 0; i < text.length; i++) if (!filler.test(text[i] ?? '')) at.push(i);
    if (at.length < text.length) {
      const stripped = at.map((i) => text[i]).join('');
      for (const [s, e] of spansOf(stripped, strongOnly)) spans.push([at[s] ?? 0, (at[e - 1] ?? 0) + 1]);
    }
    return spans;
  };
  // A strong secret's letters folded, found in the text with its letters folded (when it has capitals, and up to 64).
  const fold = (t: string): string => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const foldedForms = [...new Set(secrets.filter((x) => !isWeakSecret(x)).map(fold))].filter((f) => f.length >= 4);
  const foldedWindows = new Set<string>();
  for (const f of foldedForms)
    for (let i = 0; i + MIN_FRAGMENT_LENGTH <= f.length; i += f.length > 4096 ? 8 : 1)
      foldedWindows.add(f.slice(i, i + MIN_FRAGMENT_LENGTH));
  const foldedSpans = (text: string): [number, number][] => {
    if (foldedForms.length === 0 || foldedForms.length > 64 || !/[A-Z]/.test(text)) return [];
    const f = fold(text);
    const taken = new Array<boolean>(f.length).fill(false);
    const spans: [number, number][] = [];
    for (const form of [...foldedForms].sort((a, b) => b.length - a.length))
      for (let at = f.indexOf(form); at !== -1;) {
        const end = at + form.length;
        if (taken.slice(at, end).some(Boolean)) {
          at = f.indexOf(form, at + 1);
          continue;
        }
        taken.fill(true, at, end);
        spans.push([at, end]);
        at = f.indexOf(form, end);
      }
    spans.push(...runsOf(f, foldedWindows).filter(([a, b]) => !WORD_LIKE_PIECE.test(f.slice(a, b))));
    return spans;
  };
  const textSpans = (text: string, strongOnly = false): [number, number][] => {
    const spans = [...unfilled(text, strongOnly), ...foldedSpans(text)];
    const view = decodeEscapes(text);
    if (view)
      for (const [s, e] of unfilled(view.view, strongOnly)) spans.push([view.from[s] ?? 0, view.to[e - 1] ?? 0]);
    return spans;
  };
  return (text: string): string => {
    // The text's own spans, and its base64 runs whose decoding holds a secret (a weak one as a field).
    const spans = textSpans(text);
    for (const run of base64Runs(text)) {
      const holds = secrets.some((s) =>
        run.decoded.some((d) => {
          const latin = d.toString('latin1');
          const bytes = Buffer.from(s, 'utf8').toString('latin1');
          if (!isWeakSecret(s)) return latin.includes(bytes);
          // A weak secret as a field, as typed or case-folded (ASCII letters).
          const field = (hay: string, needle: string): boolean => {
            for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1))
              if (/^$|[\0- =:\x7f]/.test(hay[at - 1] ?? '') && /^$|[\0- \x7f]/.test(hay[at + needle.length] ?? ''))
                return true;
            return false;
          };
          // Or anywhere in decoded text that is no challenge of the server's own (LOGIN prompt, JSON, DIGEST, CRAM).
          const inText = (hay: string, needle: string): boolean => {
            if (needle.length < 2 || !hay.includes(needle)) return false;
            // eslint-disable-next-line no-control-regex -- control characters mean binary, not text
            if (/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(hay)) return false;
            if (new TextDecoder('utf-8').decode(d).includes('\ufffd')) return false;
            if (
              !/^(?:(?:user ?name|password):?\s*$|\{[\s\S]*\}\s*$|<[^<>]*>\s*$|[\s\S]*\bnonce=|r=[^,]*,s=)/i.test(hay)
            )
              return true;
            // A JSON challenge's own field holding the secret whole as its value (not status, schemes or scope).
            if (!hay.startsWith('{')) return false;
            for (let at = hay.indexOf(`"${needle}"`); at !== -1; at = hay.indexOf(`"${needle}"`, at + 1)) {
              const key = /"([^"\\]*)"\s*:\s*$/.exec(hay.slice(Math.max(0, at - 64), at))?.[1];
              if (key !== undefined && !['status', 'schemes', 'scope'].includes(key.toLowerCase())) return true;
            }
            return false;
          };
          const lower = (t: string): string => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
          const folded = Buffer.from(s.toLowerCase(), 'utf8').toString('latin1');
          return (
            field(latin, bytes) || field(lower(latin), folded) || inText(latin, bytes) || inText(lower(latin), folded)
          );
        }),
      );
      // Or a strong secret's form in the decoding (its hex, upper case…): base64 of an echo is an echo.
      const readsAsText = (d: Buffer): boolean =>
        // eslint-disable-next-line no-control-regex -- control characters but NUL, tab and line ends mean binary
        !/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(d.toString('latin1')) &&
        !new TextDecoder().decode(d).includes('\ufffd');
      const formInside = run.decoded.some((d) => readsAsText(d) && textSpans(d.toString('utf8'), true).length > 0);
      if ((holds || formInside) && text.length >= 8) spans.push([run.start, run.end]);
    }
    const merged: [number, number][] = [];
    for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    let result = '';
    let from = 0;
    for (const [s, e] of merged) {
      result += text.slice(from, s) + replacement;
      from = e;
    }
    return result + text.slice(from);
  };
}

/** Secrets from a small alphabet, so that they share pieces with each other and with the text around them. */
const secret = fc.string({
  unit: fc.constantFrom('a', 'b', 'A', 'B', '1', ' ', ':', 'é', 'password', 'Zq', '.', '\0'),
  minLength: 1,
  maxLength: 14,
});

test('secret forms: the linear scrubber gives what the definition gives, for any secrets and text', () => {
  fc.assert(
    fc.property(
      fc.array(secret, { minLength: 1, maxLength: 4 }),
      fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'B', '1', ' ', ':', '[', 'x', ']'), maxLength: 10 }), {
        maxLength: 2,
      }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.string({ maxLength: 6 })), { maxLength: 8 }),
      (secrets, exact, picks) => {
        const scrubber = new FormScrubber('[x]');
        for (const s of secrets) scrubber.addSecret(s);
        for (const e of exact) scrubber.add(e);
        // The text: pieces of the forms (whole, cut anywhere) and noise, LOGIN's prompts among them.
        const all = [...secrets.flatMap((s) => secretForms(s)), ...LOGIN_PROMPTS, ...exact];
        const text = picks
          .map(([which, from, len, noise]) => {
            const form = all[which % all.length] ?? '';
            const start = from % (form.length + 1);
            return noise + form.slice(start, start + (len % (form.length + 2)));
          })
          .join('');
        assert.equal(scrubber.scrub(text), reference(secrets, exact, '[x]')(text));
      },
    ),
    { numRuns: 3000 },
  );
});

test('secret forms: with many secrets (forms built at each scrub, not kept) the scrubber still gives the definition', () => {
  // Beyond 64 registrations the scrubber builds forms per scrub and keeps only those the text may hold.
  const many = Array.from({ length: 70 }, (_, i) => `filler-${String(i)}-Zq`);
  fc.assert(
    fc.property(
      fc.array(secret, { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.string({ maxLength: 6 })), { maxLength: 8 }),
      (secrets, picks) => {
        const all = [...many, ...secrets];
        const scrubber = new FormScrubber('[x]');
        for (const s of all) scrubber.addSecret(s);
        const forms = [...all.flatMap((s) => secretForms(s)), ...LOGIN_PROMPTS];
        const text = picks
          .map(([which, from, len, noise]) => {
            const form = forms[which % forms.length] ?? '';
            const start = from % (form.length + 1);
            return noise + form.slice(start, start + (len % (form.length + 2)));
          })
          .join('');
        assert.equal(scrubber.scrub(text), reference(all, [], '[x]', false)(text));
      },
    ),
    { numRuns: 300 },
  );
});
