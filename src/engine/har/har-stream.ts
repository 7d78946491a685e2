/**
 * A HAR text fed in chunks (a file read piece by piece), cut between entries of `log.entries`: each slice
 * of entries (~256 K characters, or one entry when it is larger) is parsed and handed on at once, so what is
 * alive at any time is one chunk, one slice and the text around the entries (`log.creator`, `pages`, …),
 * never the file. The same cuts as har-slices.ts, found by a character scanner that can stop anywhere and
 * resume with the next chunk (strings are skipped with indexOf, so it looks at structure only).
With `guess` (the analyser's reading: it needs no depth), cuts are first guessed like har-slices.ts guesses
them, with indexOf on the key every entry starts with, before every entry, and each guess is checked by its
entry's parse: most of the text is then looked at by JSON.parse alone, and never copied (each entry is parsed
straight from a slice of the chunk read; only the entry across two chunks is joined). A wrong guess, an entry larger than GUESS_CHARS or the end
of the entries hand over to the character scanner (from the last cut); after its next cut, guessing resumes
unless a guess was wrong.
 *
 * The text around the entries is kept and given back by end() as the document with an empty `entries`
 * array, checked like readHar checks a document (checkHarDocument): the skeleton a writer puts the entries
 * back into.
 *
 * Anything unexpected (no top-level object, `log` or `entries` twice, a slice
 * JSON.parse rejects, text after the document, …) throws HarStreamFallback, possibly after some slices were
 * handed on: the caller then reads the whole text the usual way (readHar), which gives the usual result or
 * the usual one-line error with its line and column. Valid HAR files that tools write never take it.
 */
import { checkHarDocument, parseHarJson } from './har';
import { BACKSLASH, CLOSE_ARR, CLOSE_OBJ, COMMA, FIRST_KEY, OPEN_ARR, OPEN_OBJ, QUOTE, SLICE_CHARS, guessCut } from './har-slices';

/** Characters of entries per slice: the whole-text slicer's size. */
export const STREAM_SLICE_CHARS = SLICE_CHARS;

/** Not the shape the streaming reader expects, or not valid: read the whole text instead. */
export class HarStreamFallback extends Error {
  override readonly name = 'HarStreamFallback';
}

/**
 * Parsed entries of one slice, numbered from `first` (their index in log.entries). `depth`: the deepest
 * nesting inside them, in brackets (a writer can tell whether JSON.stringify could run out of stack); -1
 * when the cut was guessed (not measured: only streams made without `guess` always measure it).
 */
export type OnEntries = (list: unknown[], first: number, depth: number) => void;

export interface HarStreamEnd {
  /** The document with `log.entries` empty, parsed and checked. */
  skeleton: { log: Record<string, unknown> & { entries: unknown[] } };
  /** Entries handed on, malformed ones included. */
  entries: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Characters held without a guessed cut before the scanner takes over (it keeps an open string's chunks unjoined). */
const GUESS_CHARS = 8 * 1024 * 1024;

export class HarEntryStream {
  private phase: 'head' | 'entries' | 'tail' = 'head';
  /** Head: the text so far from the start; entries: the text from the current slice's start; tail: from `]`. */
  private buf = '';
  private pos = 0; // where scanning resumes in buf
  private head = ''; // up to and with log.entries' `[`
  private first = true; // before the first chunk (a byte-order mark)

  // head: a small general JSON scanner that knows which key it is under at depths 1 and 2
  private stack: number[] = [];
  private expectKey = false;
  private keyAt: string[] = ['', '', ''];
  private seenLog = false;
  private seenEntries = false;
  private started = false;

  // entries
  private depth = 0;
  private maxDepth = 0;
  /**
   * A string of the entries still open at the end of buf: later chunks wait here, unjoined, until one closes it
   * (joining each chunk to a 50 MB buffer would copy it again each time). `trail`: backslashes at its end so far.
   */
  private open: { parts: string[]; length: number; trail: number } | null = null;
  private entries = 0;
  private slices = 0;

  // guessed cuts
  private guessing: boolean;
  /** Guessing may resume after the scanner's next cut: false once a guess was wrong or there is no key to guess by. */
  private guessable: boolean;
  /** The first key of the first entry, quoted; undefined until enough text came to read it. */
  private firstKey: string | null | undefined = undefined;
  /** Where the next search for the key starts in buf (the text before it was searched). */
  private searchFrom = 0;

  constructor(
    private readonly onEntries: OnEntries,
    private readonly sliceChars = STREAM_SLICE_CHARS,
    opts: { guess?: boolean } = {},
  ) {
    this.guessing = this.guessable = opts.guess === true;
  }

  push(chunk: string): void {
    if (chunk === '') return;
    if (this.first) {
      this.first = false;
      // A byte-order mark (readHar allows it): kept in the head, skipped by the scanner.
      if (chunk.charCodeAt(0) === 0xfeff) this.pos = 1;
    }
    if (this.phase === 'entries' && this.guessing && typeof this.firstKey === 'string' && this.buf !== '') {
      this.pushGuessing(chunk, this.firstKey);
      return;
    }
    if (this.open) {
      if (!this.closeOpen(chunk)) return;
    } else this.buf += chunk;
    if (this.phase === 'head') this.scanHead();
    this.entriesPhase();
    // tail: kept whole, scanned at the end (it is the few characters after the entries)
  }

  /**
   * Chunks after buf in which no entry can start (the middle of a large entry), kept unjoined until a chunk
   * holds the key, GUESS_CHARS is passed, or the text ends: each `buf + chunk` searched would be flattened,
   * a copy of the whole entry so far at every chunk.
   */
  private later: string[] = [];
  private laterLength = 0;
  /** The last characters of buf and later, one fewer than the key's: where a key across two chunks starts. */
  private edge = '';

  /**
   * A chunk while cuts are guessed, buf holding the start of an entry: that entry is finished with the chunk's
   * text up to its first key, and when the cuts leave nothing of buf, the rest of buf is a slice of the chunk,
   * never a copy (`buf + chunk` is flattened, a copy of every character, at its first search).
   */
  private pushGuessing(chunk: string, key: string): void {
    const k = chunk.indexOf(key);
    if (this.later.length === 0) this.edge = this.buf.slice(-(key.length - 1));
    const across = k < 0 && (this.edge + chunk.slice(0, key.length - 1)).includes(key);
    if (k < 0 && !across && this.buf.length + this.laterLength + chunk.length <= GUESS_CHARS) {
      this.later.push(chunk);
      this.laterLength += chunk.length;
      this.edge = (this.edge + chunk).slice(-(key.length - 1));
      return;
    }
    this.joinLater();
    const head = k < 0 ? chunk : chunk.slice(0, k + key.length);
    const before = this.buf.length;
    this.buf += head;
    const total = this.buf.length;
    if (this.guessCuts()) {
      const used = total - this.buf.length;
      if (used >= before) {
        this.buf = chunk.slice(used - before);
        this.entriesPhase();
        return;
      }
    }
    if (head.length < chunk.length) this.buf += chunk.slice(head.length);
    this.entriesPhase();
  }

  private joinLater(): void {
    if (this.later.length === 0) return;
    this.buf += this.later.join('');
    this.later = [];
    this.laterLength = 0;
  }

  end(): HarStreamEnd {
    if (this.phase === 'entries' && this.guessing) {
      // The last entries and the `]` after them: the scanner finds where they end.
      this.joinLater();
      this.stopGuessing(false);
      this.scanEntries();
    }
    if (this.phase !== 'tail' || this.open) throw new HarStreamFallback('the entries never close');
    const tail = this.buf;
    this.buf = '';
    this.scanTail(tail);
    let skeleton: unknown;
    try {
      skeleton = parseHarJson(this.head + tail);
      checkHarDocument(skeleton);
    } catch {
      throw new HarStreamFallback('the document around the entries');
    }
    if (skeleton.log.entries.length !== 0) throw new HarStreamFallback('entries outside the array');
    return { skeleton, entries: this.entries };
  }

  /** Up to log.entries' `[` (then the entries phase starts), stopping at a string the buffer does not close. */
  private scanHead(): void {
    const text = this.buf;
    const n = text.length;
    for (let i = this.pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) continue;
      if (!this.started) {
        this.started = true;
        if (c !== OPEN_OBJ) throw new HarStreamFallback('not an object');
      } else if (this.stack.length === 0) throw new HarStreamFallback('text after the document');
      if (c === QUOTE) {
        const end = stringEnd(text, i);
        if (end < 0) {
          this.pos = i; // resumed here with more text
          return;
        }
        if (this.expectKey && this.stack.length <= 2) {
          this.onKey(keyOf(text, i, end));
        }
        this.expectKey = false;
        i = end;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const d = this.stack.length;
        this.stack.push(c);
        if (c === OPEN_ARR && d === 2 && this.keyAt[1] === 'log' && this.keyAt[2] === 'entries') {
          this.head = text.slice(0, i + 1);
          this.buf = text.slice(i + 1);
          this.pos = 0;
          this.phase = 'entries';
          return;
        }
        this.expectKey = c === OPEN_OBJ;
        if (d + 1 <= 2) this.keyAt[d + 1] = '';
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        const open = this.stack.pop();
        if (open !== (c === CLOSE_OBJ ? OPEN_OBJ : OPEN_ARR)) throw new HarStreamFallback('unbalanced');
        this.expectKey = false;
      } else if (c === COMMA) {
        this.expectKey = this.stack[this.stack.length - 1] === OPEN_OBJ;
      }
    }
    this.pos = n;
  }

  private onKey(key: string): void {
    const d = this.stack.length;
    if (d === 1) {
      if (key === 'log') {
        if (this.seenLog) throw new HarStreamFallback('log twice'); // JSON.parse keeps the last one
        this.seenLog = true;
      }
      this.keyAt[1] = key;
    } else if (d === 2) {
      if (this.keyAt[1] === 'log' && key === 'entries') {
        if (this.seenEntries) throw new HarStreamFallback('entries twice');
        this.seenEntries = true;
      }
      this.keyAt[2] = key;
    }
  }

  /** Guessed cuts while they hold; the scanner otherwise, which hands back to guessing after its next cut. */
  private entriesPhase(): void {
    while (this.phase === 'entries') {
      if (this.guessing) {
        if (this.guessCuts()) return; // waiting for more text
      } else if (this.scanEntries()) return;
    }
  }

  /**
   * Cuts guessed in buf, one before each entry: every entry is parsed alone, straight from the text (a slice
   * of entries wrapped in `[…]` was a copy of all of them, which cost more than half the parse), and the
   * entries are handed on about sliceChars at a time. A piece that starts where an entry starts parses as one
   * value only if it ends where that entry ends, so a wrong guess fails its parse. True when it waits for
   * more text; false when the scanner must take over from buf's start (a wrong guess, no key to guess by, an
   * entry too large).
   */
  private guessCuts(): boolean {
    const text = this.buf;
    if (this.firstKey === undefined) {
      if (text.length < 256) return true;
      this.firstKey = FIRST_KEY.exec(text.slice(0, 256))?.[1] ?? null;
    }
    const key = this.firstKey;
    if (key === null || text.length > GUESS_CHARS) return this.stopGuessing(key !== null);
    let list: unknown[] = [];
    let at = 0; // where the next entry starts
    let handed = 0; // where the entries not handed on yet start
    let from = Math.max(1, this.searchFrom);
    for (;;) {
      const cut = guessCut(text, key, at, from, text.length);
      if (cut < 0) break;
      const entry = parseEntry(text.slice(at, cut));
      if (entry === NOT_ONE_VALUE) {
        if (list.length) this.handOn(list, false, -1);
        this.buf = text.slice(at);
        return this.stopGuessing(false);
      }
      list.push(entry);
      at = cut + 1;
      from = at + 1;
      if (at - handed >= this.sliceChars) {
        this.handOn(list, false, -1);
        list = [];
        handed = at;
      }
    }
    if (list.length) this.handOn(list, false, -1);
    if (at > 0) this.buf = text.slice(at);
    // A key that starts before here would have been found whole.
    this.searchFrom = Math.max(1, this.buf.length - key.length + 1);
    return true;
  }

  private stopGuessing(resume: boolean): false {
    this.guessing = false;
    this.guessable &&= resume;
    this.pos = 0;
    this.depth = 0;
    this.maxDepth = 0;
    this.searchFrom = 0;
    return false;
  }

  /**
   * Depth and strings from pos; a slice is cut at a comma between entries once it is sliceChars long. True when
   * it waits for more text (or the entries ended); false when guessing takes over again after a cut.
   */
  private scanEntries(): boolean {
    let text = this.buf;
    let n = text.length;
    let depth = this.depth;
    let maxDepth = this.maxDepth;
    let i = this.pos;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const end = stringEnd(text, i);
        if (end < 0) {
          // Open at the end of the text: the next chunks are searched alone for its end (closeOpen), and the
          // scan resumes after it.
          let trail = 0;
          while (n - 1 - trail > i && text.charCodeAt(n - 1 - trail) === BACKSLASH) trail++;
          this.open = { parts: [], length: 0, trail };
          i = n;
          break;
        }
        i = end;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (++depth > maxDepth) maxDepth = depth;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (depth === 0) {
          if (c !== CLOSE_ARR) throw new HarStreamFallback('unbalanced');
          this.slice(text.slice(0, i), true, maxDepth);
          this.stack.pop();
          this.expectKey = false;
          this.buf = text.slice(i);
          this.pos = 0;
          this.phase = 'tail';
          return true;
        }
        depth--;
      } else if (c === COMMA && depth === 0 && i >= this.sliceChars) {
        this.slice(text.slice(0, i), false, maxDepth);
        // The rest: a new buffer, scanned from its start (or guessed in).
        text = text.slice(i + 1);
        if (this.guessable) {
          this.buf = text;
          this.guessing = true;
          this.searchFrom = 0;
          return false;
        }
        n = text.length;
        i = -1;
        maxDepth = 0;
      }
    }
    this.buf = text;
    this.pos = i;
    this.depth = depth;
    this.maxDepth = maxDepth;
    return true;
  }

  /**
   * A chunk while a string is open: true (and buf joined, pos after the closing quote) when the chunk closes
   * it; false when the string goes on (the chunk kept aside).
   */
  private closeOpen(chunk: string): boolean {
    const open = this.open!;
    for (let q = chunk.indexOf('"'); q >= 0; q = chunk.indexOf('"', q + 1)) {
      let k = q;
      while (k > 0 && chunk.charCodeAt(k - 1) === BACKSLASH) k--;
      const backslashes = q - k + (k === 0 ? open.trail : 0);
      if (backslashes % 2 === 0) {
        const base = this.buf.length + open.length;
        this.buf = this.buf + open.parts.join('') + chunk;
        this.pos = base + q + 1;
        this.open = null;
        return true;
      }
    }
    open.parts.push(chunk);
    open.length += chunk.length;
    let t = 0;
    while (t < chunk.length && chunk.charCodeAt(chunk.length - 1 - t) === BACKSLASH) t++;
    open.trail = t === chunk.length ? open.trail + t : t;
    return false;
  }

  /**
   * Entries between two cuts, parsed and handed on. `final` catches the one case where each part parses
   * but the whole does not: only whitespace between two cuts (`[ , 1]`, `[1, ]`).
   */
  private slice(text: string, final: boolean, depth: number): void {
    const list = parseSlice(text);
    if (list === null) throw new HarStreamFallback('a slice is not JSON');
    this.handOn(list, final, depth);
  }

  private handOn(list: unknown[], final: boolean, depth: number): void {
    if (list.length === 0 && (this.slices > 0 || !final)) throw new HarStreamFallback('an empty slice of entries');
    const first = this.entries;
    this.entries += list.length;
    this.slices++;
    if (list.length) this.onEntries(list, first, depth);
  }

  /** After the entries' `]`: only closing brackets, other keys of log and of the document, whitespace. */
  private scanTail(text: string): void {
    const n = text.length;
    for (let i = 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) continue;
      if (this.stack.length === 0) throw new HarStreamFallback('text after the document');
      if (c === QUOTE) {
        const end = stringEnd(text, i);
        if (end < 0) throw new HarStreamFallback('a string never closes');
        if (this.expectKey && this.stack.length <= 2) {
          this.onKey(keyOf(text, i, end));
        }
        this.expectKey = false;
        i = end;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        this.stack.push(c);
        this.expectKey = c === OPEN_OBJ;
        if (this.stack.length <= 2) this.keyAt[this.stack.length] = '';
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        const open = this.stack.pop();
        if (open !== (c === CLOSE_OBJ ? OPEN_OBJ : OPEN_ARR)) throw new HarStreamFallback('unbalanced');
        this.expectKey = false;
      } else if (c === COMMA) {
        this.expectKey = this.stack[this.stack.length - 1] === OPEN_OBJ;
      }
    }
    if (this.stack.length !== 0) throw new HarStreamFallback('the document never closes');
  }
}

const NOT_ONE_VALUE = Symbol('not one JSON value');

/** The entry between two guessed cuts, or NOT_ONE_VALUE when the text is not exactly one JSON value. */
function parseEntry(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_ONE_VALUE;
  }
}

/** The entries between two cuts, or null when they are not a list of JSON values. */
function parseSlice(text: string): unknown[] | null {
  try {
    return JSON.parse(`[${text}]`) as unknown[];
  } catch {
    return null;
  }
}

/** The key whose quotes are at `at` and `end`, its escapes read (`"l\u006fg"` is `log`). */
function keyOf(text: string, at: number, end: number): string {
  const key = text.slice(at + 1, end);
  if (!key.includes('\\')) return key;
  try {
    return JSON.parse(text.slice(at, end + 1)) as string;
  } catch {
    throw new HarStreamFallback('a key that is not JSON');
  }
}

/** Offset of the quote that closes the string opening at `at`; -1 when the text does not close it (yet). */
function stringEnd(text: string, at: number): number {
  for (let q = text.indexOf('"', at + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let k = q;
    while (text.charCodeAt(k - 1) === BACKSLASH) k--;
    if ((q - k) % 2 === 0) return q;
  }
  return -1;
}
