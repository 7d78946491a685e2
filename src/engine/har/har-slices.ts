/**
 * A HAR text read a slice of entries at a time: same result and errors as readHar(text), faster and with
 * a fraction of the live memory.
 *
 * Why: JSON.parse of a whole 100 MB HAR builds millions of objects that all stay alive until every entry
 * is converted, and the garbage collector traces them again and again (profiled: most of an import was
 * GC). Here `log.entries` is cut between entries every ~256 K characters; each slice is parsed and
 * converted at once, so its objects die young.
 *
 * Finding the cuts costs little: entries written by one tool start with the same key (`"startedDateTime"`
 * or `"_initiator"`), so the next cut is found with indexOf, not by walking every character. A cut found
 * that way is only a guess (the key could sit deeper in an entry), but JSON.parse of every slice checks
 * every character: a slice that starts where an entry starts parses as a list of values only if it also
 * ends between two entries. Where no guess is found, or a guess was wrong, a character scanner tracks
 * strings and depth.
 * Anything unexpected (no top-level object, a `log` or `entries` key twice or spelled with escapes, an
 * entries value that is not an array, a slice JSON.parse rejects, …) falls back to readHar on the whole
 * text, which gives the usual result or the usual one-line error.
 */
import { checkHarDocument, convertEntries, parseHarJson, readHar, type HarReadResult } from './har';
import type { ExchangeOptions } from '../intake/to-exchange';
import type { Exchange } from '../types';

/** Characters of entries per slice: small enough for the young generation, big enough to be cheap to cut. */
export const SLICE_CHARS = 256 * 1024;

/** The JSON characters the slicers look for (here and in har-stream.ts). */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_OBJ = 0x7b;
export const CLOSE_OBJ = 0x7d;
export const OPEN_ARR = 0x5b;
export const CLOSE_ARR = 0x5d;

class Fallback extends Error {}

/** The first key of the first entry, quoted (`"startedDateTime"`), when plain enough to search for. */
export const FIRST_KEY = /^\s*\{\s*("[A-Za-z0-9_$.-]{1,64}")\s*:/;

/** `keep`: what the exchanges keep besides what the analysis reads (exchange.ts; the panel's imports). */
export function readHarText(text: string, sliceChars = SLICE_CHARS, keep: ExchangeOptions = {}): HarReadResult {
  // Not the shape the fast path expects, or not valid: readHar gives the result or the error, with its
  // line and column in the whole file.
  return readHarSliced(text, sliceChars, keep) ?? readHar(text, keep);
}

/** The fast path alone: the result, or null when the text needs readHar (exported for tests). */
export function readHarSliced(text: string, sliceChars = SLICE_CHARS, keep: ExchangeOptions = {}): HarReadResult | null {
  try {
    return new SlicedReader(text, sliceChars, keep).read();
  } catch {
    return null;
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

class SlicedReader {
  constructor(
    private readonly text: string,
    private readonly sliceChars: number,
    private readonly keep: ExchangeOptions,
  ) {}

  // head and tail: a small general JSON scanner that knows which key it is under at depths 1 and 2
  private stack: number[] = []; // OPEN_OBJ / OPEN_ARR
  private expectKey = false;
  private keyAt: string[] = ['', '', ''];
  private seenLog = false;
  private seenEntries = false;

  private exchanges: Exchange[] = [];
  private entries = 0;
  private slices = 0;

  read(): HarReadResult {
    const { text } = this;
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark (readHar allows it)
    const open = this.scanGeneral(start, true);
    if (open < 0) throw new Fallback(); // no log.entries array
    const close = this.scanEntries(open + 1);
    if (this.scanGeneral(close + 1, false) >= 0 || this.stack.length !== 0) throw new Fallback();
    // The document without its entries: the same checks as readHar (object, log, version, an array).
    const skeleton = parseHarJson(text.slice(0, open + 1) + text.slice(close));
    checkHarDocument(skeleton);
    if (skeleton.log.entries.length !== 0) throw new Fallback();
    return { exchanges: this.exchanges, entries: this.entries, skipped: this.entries - this.exchanges.length };
  }

  /**
   * Head (`head` true: returns the offset of log.entries' `[`, or -1 at the end) or tail (returns -1 at
   * the end), character by character: they are small.
   */
  private scanGeneral(from: number, head: boolean): number {
    const { text } = this;
    const n = text.length;
    let started = !head;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) continue;
      if (!started) {
        started = true;
        if (c !== OPEN_OBJ) throw new Fallback();
      } else if (this.stack.length === 0) throw new Fallback(); // something after the document
      if (c === QUOTE) {
        const end = stringEnd(text, i);
        const d = this.stack.length;
        if (this.expectKey && d <= 2) {
          const key = text.slice(i + 1, end);
          // A key spelled with escapes could be "log" or "entries" in disguise: let JSON.parse decide.
          if (key.includes('\\')) throw new Fallback();
          this.onKey(key);
        }
        this.expectKey = false;
        i = end;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const d = this.stack.length;
        if (c === OPEN_ARR && head && d === 2 && this.keyAt[1] === 'log' && this.keyAt[2] === 'entries') {
          this.stack.push(OPEN_ARR);
          return i;
        }
        this.stack.push(c);
        this.expectKey = c === OPEN_OBJ;
        if (d + 1 <= 2) this.keyAt[d + 1] = '';
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        const open = this.stack.pop();
        if (open !== (c === CLOSE_OBJ ? OPEN_OBJ : OPEN_ARR)) throw new Fallback();
        this.expectKey = false;
      } else if (c === COMMA) {
        this.expectKey = this.stack[this.stack.length - 1] === OPEN_OBJ;
      }
    }
    if (!started) throw new Fallback(); // empty text
    return -1;
  }

  private onKey(key: string): void {
    const d = this.stack.length;
    if (d === 1) {
      if (key === 'log') {
        if (this.seenLog) throw new Fallback(); // JSON.parse keeps the last one
        this.seenLog = true;
      }
      this.keyAt[1] = key;
    } else if (d === 2) {
      if (this.keyAt[1] === 'log' && key === 'entries') {
        if (this.seenEntries) throw new Fallback();
        this.seenEntries = true;
      }
      this.keyAt[2] = key;
    }
  }

  /** Entries from `from` (just after the `[`): slices cut, parsed and converted. Returns the offset of the `]`. */
  private scanEntries(from: number): number {
    const { text } = this;
    const firstKey = FIRST_KEY.exec(text.slice(from, from + 256))?.[1] ?? null;
    const lastBracket = text.lastIndexOf(']');
    let sliceStart = from;
    // Guessed cuts while they can be found, each checked by the parse of its slice. A wrong guess (the key
    // recurs deeper in entries) costs that one parse: the character scanner takes over from the last cut.
    for (;;) {
      const cut = firstKey === null ? -1 : guessCut(text, firstKey, sliceStart, sliceStart + this.sliceChars, lastBracket);
      if (cut < 0) break;
      try {
        this.slice(sliceStart, cut, false);
      } catch {
        break;
      }
      sliceStart = cut + 1;
    }
    // The rest, character by character: depth and strings, cuts by size, up to the closing `]`.
    const n = text.length;
    let depth = 0;
    for (let i = sliceStart; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) i = stringEnd(text, i);
      else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
      else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (depth === 0) {
          if (c !== CLOSE_ARR) throw new Fallback();
          this.slice(sliceStart, i, true);
          this.stack.pop();
          this.expectKey = false;
          return i;
        }
        depth--;
      } else if (c === COMMA && depth === 0 && i - sliceStart >= this.sliceChars) {
        this.slice(sliceStart, i, false);
        sliceStart = i + 1;
      }
    }
    throw new Fallback(); // the array never closes
  }

  /**
   * Entries between two cuts: parsed and converted now, then let go. Throws a SyntaxError, before anything
   * is added, when the slice is not a list of JSON values. `final` catches the one case where each part
   * parses but the whole does not: only whitespace between two cuts (`[ , 1]`, `[1, ]`).
   */
  private slice(start: number, end: number, final: boolean): void {
    const list = JSON.parse(`[${this.text.slice(start, end)}]`) as unknown[];
    if (list.length === 0 && (this.slices > 0 || !final)) throw new SyntaxError('an empty slice of entries');
    convertEntries(list, this.entries, this.exchanges, this.keep);
    this.entries += list.length;
    this.slices++;
  }
}

/**
 * The comma before the first entry that starts with `key` at or after `from` and before `limit`, cutting a
 * non-empty slice after `start`; -1 when there is none. Only a guess: the slice's parse tells (here and in
 * har-stream.ts).
 */
export function guessCut(text: string, key: string, start: number, from: number, limit: number): number {
  for (let at = text.indexOf(key, from); at >= 0 && at < limit; at = text.indexOf(key, at + key.length)) {
    // Back over `{` and `,` (whitespace allowed): the comma must leave a non-empty slice behind it.
    let j = at - 1;
    while (j > start && isSpace(text.charCodeAt(j))) j--;
    if (j <= start || text.charCodeAt(j) !== OPEN_OBJ) continue;
    j--;
    while (j > start && isSpace(text.charCodeAt(j))) j--;
    if (j > start && text.charCodeAt(j) === COMMA) return j;
  }
  return -1;
}

/** Offset of the quote that closes the string opening at `at`; throws Fallback when it never closes. */
function stringEnd(text: string, at: number): number {
  for (let q = text.indexOf('"', at + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let k = q;
    while (text.charCodeAt(k - 1) === BACKSLASH) k--;
    if ((q - k) % 2 === 0) return q;
  }
  throw new Fallback();
}
