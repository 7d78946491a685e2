/**
 * A HAR file read as it streams in, a slice of entries at a time: same result as readHar(text) on the
 * whole file, for a fraction of the memory.
 *
 * Why: JSON.parse of a whole 100 MB HAR builds millions of objects that all stay alive until every entry
 * is converted, and the garbage collector traces them again and again (profiled: most of an import was
 * GC). Here a byte scanner finds the `log.entries` array and cuts it between entries every ~256 KB; each
 * slice is decoded, parsed and converted at once, so its objects die young, and the file is read from
 * disk while the slices before are being converted.
 *
 * The scanner only has to find the cuts: JSON.parse still checks every byte. Anything the scanner does
 * not expect (no top-level object, a `log` or `entries` key twice or spelled with escapes, an entries
 * value that is not an array, a slice JSON.parse rejects, …) falls back to readHar on the whole text,
 * which gives the usual result or the usual one-line error.
 */
import { checkHarDocument, fromHarEntry, parseHarJson, readHar, type HarReadResult } from './har';
import type { Exchange } from './types';

/** Bytes of entries per slice: small enough for the young generation, big enough to be cheap to cut. */
const SLICE_BYTES = 256 * 1024;

/** Bytes of a string the scanner walks itself before it asks indexOf for the closing quote. */
const SHORT_STRING = 48;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

class Fallback extends Error {}

/** Reads a HAR document from a stream of UTF-8 bytes (a File's `stream()`). */
export async function readHarStream(stream: ReadableStream<Uint8Array>): Promise<HarReadResult> {
  const reader = new HarStreamReader();
  const source = stream.getReader();
  for (;;) {
    const { done, value } = await source.read();
    if (done) break;
    if (value.length) reader.push(value);
  }
  return reader.end();
}

/** Whole bytes at once (tests; the stream version is the same code). */
export function readHarBytes(bytes: Uint8Array, chunkSize = bytes.length || 1, sliceBytes = SLICE_BYTES): HarReadResult {
  const reader = new HarStreamReader(sliceBytes);
  for (let i = 0; i < bytes.length; i += chunkSize) reader.push(bytes.subarray(i, i + chunkSize));
  return reader.end();
}

interface Chunk {
  bytes: Uint8Array;
  /** Offset of bytes[0] in the whole stream. */
  at: number;
}

type Phase = 'head' | 'entries' | 'tail';

export class HarStreamReader {
  constructor(private readonly sliceBytes = SLICE_BYTES) {}

  private chunks: Chunk[] = [];
  private total = 0;
  /** Set once the fast path is abandoned: the rest is only collected for readHar. */
  private fallback = false;
  private phase: Phase = 'head';

  // head and tail: a small general JSON scanner that knows which key it is under at depths 1 and 2
  private stack: number[] = []; // OPEN_OBJ / OPEN_ARR
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private keyBytes: number[] | null = null;
  private keyAt: string[] = ['', '', ''];
  private seenLog = false;
  private seenEntries = false;
  private started = false;

  // entries: depth inside the array, string state, where the current slice starts
  private depth = 0;
  private backslashes = 0;
  private entriesOpen = -1; // offset of the `[`
  private entriesClose = -1; // offset of the `]`
  private sliceStart = -1;
  private slices = 0;

  private exchanges: Exchange[] = [];
  private entries = 0;
  private skipped = 0;

  /** Whether the whole text went through readHar (for tests: valid files should never need it). */
  get fellBack(): boolean {
    return this.fallback;
  }

  push(bytes: Uint8Array): void {
    const chunk = { bytes, at: this.total };
    this.chunks.push(chunk);
    this.total += bytes.length;
    if (this.fallback) return;
    try {
      this.scan(chunk);
    } catch {
      // Not the shape expected, or not valid JSON: readHar on the whole text says which.
      this.fallback = true;
    }
  }

  end(): HarReadResult {
    // Not the shape the fast path expects, or not valid: the whole text, for readHar's own result or error.
    return this.complete() ?? readHar(this.decode(0, this.total));
  }

  /** The result when the fast path held to the end, else null (the whole text needs readHar). */
  complete(): HarReadResult | null {
    if (!this.fallback) {
      try {
        return this.finish();
      } catch {
        // readHar gives the result or the error, with its line and column in the whole file
      }
    }
    this.fallback = true;
    this.exchanges = [];
    return null;
  }

  private finish(): HarReadResult {
    if (this.phase !== 'tail' || this.stack.length !== 0 || this.inString || !this.started) throw new Fallback();
    // The document without its entries: the same checks as readHar (object, log, version, an array).
    const skeleton = parseHarJson(this.decode(0, this.entriesOpen + 1) + this.decode(this.entriesClose, this.total));
    checkHarDocument(skeleton);
    if (skeleton.log.entries.length !== 0) throw new Fallback();
    return { exchanges: this.exchanges, entries: this.entries, skipped: this.skipped };
  }

  private scan(chunk: Chunk): void {
    const { bytes, at } = chunk;
    let i = 0;
    while (i < bytes.length) {
      if (this.phase === 'entries') i = this.scanEntries(bytes, at, i);
      else i = this.scanGeneral(bytes, at, i);
    }
  }

  /** Head and tail, byte by byte (they are small): structure, and the keys at depths 1 and 2. */
  private scanGeneral(bytes: Uint8Array, at: number, from: number): number {
    for (let i = from; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) {
          this.escaped = true;
          // A key spelled with escapes could be "log" or "entries" in disguise: let JSON.parse decide.
          if (this.keyBytes) throw new Fallback();
        } else if (c === QUOTE) {
          this.inString = false;
          if (this.keyBytes) {
            this.onKey(String.fromCharCode(...this.keyBytes));
            this.keyBytes = null;
          }
        } else if (this.keyBytes) {
          if (this.keyBytes.length < 16) this.keyBytes.push(c);
          else this.keyBytes.push(0); // long keys are none of ours; keep them unequal without growing
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (!this.started) {
        this.started = true;
        // A UTF-8 byte-order mark first (TextDecoder drops it, and so does readHar).
        if (c === 0xef && at + i === 0) {
          if (bytes.length < 3 || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Fallback();
          i += 2;
          this.started = false;
          continue;
        }
        if (c !== OPEN_OBJ) throw new Fallback();
      } else if (this.stack.length === 0) throw new Fallback(); // something after the document
      if (c === QUOTE) {
        this.inString = true;
        const d = this.stack.length;
        this.keyBytes = this.expectKey && d <= 2 ? [] : null;
        this.expectKey = false;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const d = this.stack.length;
        if (c === OPEN_ARR && this.phase === 'head' && d === 2 && this.keyAt[1] === 'log' && this.keyAt[2] === 'entries') {
          this.stack.push(OPEN_ARR);
          this.phase = 'entries';
          this.entriesOpen = at + i;
          this.sliceStart = at + i + 1;
          this.depth = 0;
          return i + 1;
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
    return bytes.length;
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

  /** Inside log.entries: only depth and strings matter, and strings are skipped with indexOf. */
  private scanEntries(bytes: Uint8Array, at: number, from: number): number {
    const n = bytes.length;
    let i = from;
    let depth = this.depth;
    let inString = this.inString;
    try {
      while (i < n) {
        if (inString) {
          // Most strings of a HAR are short (header names and values): a plain loop finds their closing
          // quote sooner than a call to indexOf does; a long one (a body, a big cookie) goes to indexOf.
          let q = -1;
          const stop = Math.min(n, i + SHORT_STRING);
          for (let j = i; j < stop; j++) {
            if (bytes[j] === QUOTE) {
              q = j;
              break;
            }
          }
          if (q < 0 && stop < n) q = bytes.indexOf(QUOTE, stop);
          if (q < 0) {
            this.backslashes = trailingBackslashes(bytes, i, n, this.backslashes);
            return n;
          }
          const run = q > i && bytes[q - 1] !== BACKSLASH ? 0 : trailingBackslashes(bytes, i, q, this.backslashes);
          this.backslashes = 0;
          i = q + 1;
          if (run % 2 === 0) inString = false;
          continue;
        }
        const c = bytes[i]!;
        if (c === QUOTE) {
          inString = true;
          this.backslashes = 0;
        } else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
        else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
          if (depth === 0) {
            if (c !== CLOSE_ARR) throw new Fallback();
            this.entriesClose = at + i;
            this.slice(this.sliceStart, at + i);
            this.stack.pop();
            this.phase = 'tail';
            this.expectKey = false;
            return i + 1;
          }
          depth--;
        } else if (c === COMMA && depth === 0 && at + i - this.sliceStart >= this.sliceBytes) {
          this.slice(this.sliceStart, at + i);
          this.sliceStart = at + i + 1;
        }
        i++;
      }
      return n;
    } finally {
      this.depth = depth;
      this.inString = inString;
    }
  }

  /** Entries between two cuts: decoded, parsed and converted now, then let go. */
  private slice(start: number, end: number): void {
    this.onSlice(start, end, end === this.entriesClose);
    this.slices++;
  }

  /**
   * One slice of entries, bytes [start, end) of the stream; `final` for the one that ends the array.
   * Parsed and converted here unless a subclass hands it elsewhere (then it must check it the same way).
   */
  protected onSlice(start: number, end: number, final: boolean): void {
    const converted = convertSlice(this.decode(start, end), this.entries, this.slices, final);
    for (const ex of converted.exchanges) this.exchanges.push(ex);
    this.entries += converted.entries;
    this.skipped += converted.entries - converted.exchanges.length;
  }

  /** Text of bytes [start, end) of the stream. */
  protected decode(start: number, end: number): string {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: start !== 0 });
    let out = '';
    for (const { bytes, at } of this.chunks) {
      if (at + bytes.length <= start) continue;
      if (at >= end) break;
      out += decoder.decode(bytes.subarray(Math.max(0, start - at), Math.min(bytes.length, end - at)), { stream: true });
    }
    return out + decoder.decode();
  }

}

/**
 * The entries of one slice's text (what lies between two cuts), numbered from `first`. Throws a
 * SyntaxError when the slice is not a list of JSON values: the caller falls back to readHar. `sliceNo`
 * and `final` catch the one case where each part parses but the whole does not: only whitespace between
 * two cuts (`[ , 1]`, `[1, ]`).
 */
export function convertSlice(text: string, first: number, sliceNo: number, final: boolean): { exchanges: Exchange[]; entries: number } {
  const list = JSON.parse(`[${text}]`) as unknown[];
  if (list.length === 0 && (sliceNo > 0 || !final)) throw new SyntaxError('an empty slice of entries');
  const exchanges: Exchange[] = [];
  for (let k = 0; k < list.length; k++) {
    const ex = fromHarEntry(list[k], first + k);
    if (ex) exchanges.push(ex);
  }
  return { exchanges, entries: list.length };
}

/** Length of the run of backslashes that ends at `end` (exclusive), continuing `carry` if it reaches `from`. */
function trailingBackslashes(bytes: Uint8Array, from: number, end: number, carry: number): number {
  let k = end;
  while (k > from && bytes[k - 1] === BACKSLASH) k--;
  return k === from ? carry + (end - from) : end - k;
}
