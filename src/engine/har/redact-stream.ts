/**
 * redactHar for a HAR text too large to hold: read as chunks, written as it goes, with memory that follows the
 * largest entry, not the file. The output is byte for byte what the CLI writes from the whole document,
 * `JSON.stringify(redactHar(doc), null, 2) + '\n'` (redact-stream.test.ts proves it on every fixture).
 *
 * Two passes over the text, because a value found in the last entry must also be swept out of the first:
 *  1. each entry (har-stream.ts cuts them out) is redacted by structure, noting every secret it replaces, and
 *     thrown away; then the document around the entries (creator, pages, comment, …), also noting. After
 *     this pass every found value is known and the text is known to be a readable HAR.
 *  2. the text is read again; each entry is redacted by structure again and swept with the whole found set
 *     (the same Sweeper redactHarFound uses), stringified and written between the skeleton's two halves.
 * Redaction is deterministic and entries are independent, so pass 2 redacts each entry exactly as pass 1 did.
 * Nothing is written before pass 2: a file that is not JSON or not a HAR is refused with nothing written.
 *
 * Why not one pass writing the structurally redacted entries to a temporary file and sweeping that: the
 * temporary file would hold, unswept, every secret found only later, on disk. Reading the input twice costs
 * the structural pass twice (the sweep is once), and leaves nothing secret anywhere.
 */
import { HarEntryStream, HarStreamFallback, STREAM_SLICE_CHARS } from './har-stream';
import { redactHarEntryInPlace, redactHarSkeleton, sweepHarPart } from '../redact/redact';
import { Sweeper, collecting } from '../redact/sweep';

/** Pushes the whole HAR text, in chunks of any size; called once per pass. */
export type HarSource = (push: (chunk: string) => void) => void;

export interface StreamRedactOptions {
  /** Applied to each parsed entry and to the document around them before redaction (the CLI: makeWellFormed). */
  prepare?: (value: unknown) => unknown;
  sliceChars?: number;
}

/** The text changed between the two passes (a file written to while it was redacted). */
export class HarChangedError extends Error {
  override readonly name = 'HarChangedError';
}

/** Nesting (in brackets) from which an entry is stringified in pass 1, so a RangeError comes before any output. */
const DEEP = 1000;
/** Characters gathered before each write. */
const WRITE_CHARS = 1 << 20;

/**
 * Redacts the HAR text `source` gives, writing the result through `write`. Throws HarStreamFallback (nothing
 * written) when the text needs the whole-document path: not JSON, not a HAR, or a shape the stream does not
 * read (har-stream.ts); RangeError (nothing written) when an entry is too deep to write as JSON.
 */
export function redactHarStream(source: HarSource, write: (text: string) => void, opts: StreamRedactOptions = {}): { found: Set<string>; entries: number } {
  const prepare = opts.prepare ?? ((v: unknown) => v);
  const sliceChars = opts.sliceChars ?? STREAM_SLICE_CHARS;

  // Pass 1: what is found, and whether the text can be read at all. Each slice's finds are copied into a set
  // of their own strings: a value cut out of a long text (a token in a 5 MB body) would keep that text alive.
  const found = new Set<string>();
  const keep = (noted: Set<string>) => {
    for (const v of noted) if (!found.has(v)) found.add(ownString(v));
  };
  const stream1 = new HarEntryStream((list, _first, depth) => {
    const { found: noted } = collecting(() => {
      for (let k = 0; k < list.length; k++) {
        const entry = redactHarEntryInPlace(prepare(list[k]));
        list[k] = null;
        if (depth >= DEEP) JSON.stringify(entry);
      }
    });
    keep(noted);
  }, sliceChars);
  source((chunk) => stream1.push(chunk));
  const end1 = stream1.end();
  const { result: skeleton1, found: notedAround } = collecting(() => redactHarSkeleton(prepare(end1.skeleton)) as { log: Record<string, unknown> });
  keep(notedAround);
  const first = { skeleton: skeleton1, entries: end1.entries };
  const sweeper = found.size ? new Sweeper(found) : null;
  const skeleton = (sweeper ? sweepHarPart(first.skeleton, sweeper) : first.skeleton) as { log: Record<string, unknown> };

  // The skeleton as the whole document would print it, cut where its entries go.
  const [before, after] = cutAtEntries(skeleton);

  // Pass 2: the same entries again, swept with everything found, written in order.
  let out = before;
  let written = 0;
  const flush = (force: boolean) => {
    if (out.length >= WRITE_CHARS || (force && out)) {
      write(out);
      out = '';
    }
  };
  const stream = new HarEntryStream((list) => {
    for (let k = 0; k < list.length; k++) {
      let entry = redactHarEntryInPlace(prepare(list[k]));
      list[k] = null;
      if (sweeper) entry = sweepHarPart(entry, sweeper);
      out += (written++ === 0 ? '[\n      ' : ',\n      ') + JSON.stringify(entry, null, 2).replace(/\n/g, '\n      ');
      flush(false);
    }
  }, sliceChars, { guess: true }); // pass 1 measured every entry's depth
  try {
    source((chunk) => stream.push(chunk));
    stream.end();
  } catch (err) {
    if (err instanceof HarStreamFallback) throw new HarChangedError(`changed while it was redacted (${err.message})`);
    throw err;
  }
  if (written !== first.entries) throw new HarChangedError('changed while it was redacted (a different number of entries)');
  out += (written ? '\n    ]' : '[]') + after;
  flush(true);
  return { found, entries: written };
}

/** A string of its own (V8 may keep a substring as a view into the text it was cut from). */
const ownString = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** `JSON.stringify(doc, null, 2) + '\n'` of the skeleton, in two: before and after its `log.entries` value. */
function cutAtEntries(skeleton: { log: Record<string, unknown> }): [string, string] {
  for (let n = 0; ; n++) {
    const mark = `\u0000seraph-lens entries ${n}\u0000`;
    skeleton.log.entries = mark;
    const text = JSON.stringify(skeleton, null, 2) + '\n';
    const quoted = JSON.stringify(mark);
    const at = text.indexOf(quoted);
    if (at >= 0 && text.indexOf(quoted, at + 1) < 0) return [text.slice(0, at), text.slice(at + quoted.length)];
  }
}
