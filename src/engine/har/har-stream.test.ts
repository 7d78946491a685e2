import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convertEntries, readHar } from './har';
import { HarEntryStream, HarStreamFallback } from './har-stream';
import { fuzz } from '../test-support/fuzz';
import type { Exchange } from '../types';
import { malformedHarTexts } from '../test-support/malformed-hars';

const entry = (i: number, over: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-11-24T10:00:00.000Z',
  time: 12.5,
  request: { method: 'GET', url: `https://jira.example.com/browse/ABC-${i}?q="[{,}]"\\`, headers: [{ name: 'Cookie', value: `JSESSIONID=S3CRET${i}; b="x\\"]}"` }] },
  response: { status: i % 3 ? 200 : 401, headers: [{ name: 'X-AUSERNAME', value: 'frëd 😀' }, { name: 'Set-Cookie', value: 'a=b\\' }], content: { mimeType: 'text/html', text: '<html>"\\\\' + ']},'.repeat(i) } },
  ...over,
});
const doc = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [{ id: '[entries]' }], entries } });

/** The text pushed in chunks of `chunk` characters, through the stream: readHar's result, or 'fallback'. */
function viaStream(text: string, chunk: number, slice: number, guess: boolean): unknown {
  const exchanges: Exchange[] = [];
  const stream = new HarEntryStream((list, first) => convertEntries(list, first, exchanges), slice, { guess });
  try {
    for (let i = 0; i < text.length; i += chunk) stream.push(text.slice(i, i + chunk));
    const { entries } = stream.end();
    return { exchanges, entries, skipped: entries - exchanges.length };
  } catch (err) {
    if (err instanceof HarStreamFallback) return 'fallback';
    throw err;
  }
}
function viaText(text: string): unknown {
  try {
    return readHar(text);
  } catch (err) {
    return { error: String(err) };
  }
}
/** The stream agrees with readHar, or hands the text back (the caller then runs readHar itself); cuts guessed or not. */
function agrees(text: string, chunk: number, slice: number, mustStream = false): void {
  for (const guess of [false, true]) {
    const got = viaStream(text, chunk, slice, guess);
    if (got === 'fallback' && !mustStream) continue;
    expect(got, `${text.slice(0, 60)} chunk ${chunk} slice ${slice} guess ${guess}`).toEqual(viaText(text));
  }
}

describe('HarEntryStream', () => {
  const text = doc(Array.from({ length: 12 }, (_, i) => (i === 4 ? null : i === 7 ? 'x' : entry(i))));

  it('gives what readHar gives, whatever the chunk and slice sizes', () => {
    for (const chunk of [1, 2, 3, 17, 1000, 1 << 20]) for (const slice of [1, 50, 1000, 1 << 20]) agrees(text, chunk, slice, true);
  });

  it('the document around the entries comes back with entries empty, and the count of entries', () => {
    const t = JSON.stringify({ a: 1, log: { version: '1.2', pages: [{ title: 'x' }], entries: [entry(1), 5, entry(2)], comment: '"]}' }, z: [] });
    for (const chunk of [1, 7, 1 << 20]) {
      const seen: unknown[] = [];
      const stream = new HarEntryStream((list) => seen.push(...list), 10);
      for (let i = 0; i < t.length; i += chunk) stream.push(t.slice(i, i + chunk));
      const end = stream.end();
      expect(end.entries).toBe(3);
      expect(seen).toEqual(JSON.parse(t).log.entries);
      expect(end.skeleton).toEqual({ ...JSON.parse(t), log: { ...JSON.parse(t).log, entries: [] } });
    }
  });

  it('slices: many entries per slice, one large entry alone, and the nesting depth of each', () => {
    const big = entry(1, { _big: 'y'.repeat(5000), _deep: [[[[{ a: [1] }]]]] });
    const t = doc([entry(1), entry(2), big, entry(3)]);
    const slices: { n: number; depth: number }[] = [];
    const stream = new HarEntryStream((list, _f, depth) => slices.push({ n: list.length, depth }), 2000);
    for (let i = 0; i < t.length; i += 333) stream.push(t.slice(i, i + 333));
    stream.end();
    expect(slices.reduce((a, s) => a + s.n, 0)).toBe(4);
    expect(Math.max(...slices.map((s) => s.depth))).toBe(7);
  });

  it('guessed cuts: the first key deeper in an entry or inside a string is not taken for an entry start', () => {
    const nested = entry(5, { _pages: [{ a: 1 }, { startedDateTime: 'x', b: ']' }], _note: ',{"startedDateTime": "y"}' });
    const t = doc([entry(1), nested, entry(2), nested, entry(3)]);
    for (const chunk of [1, 9, 64, 500, 1 << 20]) for (const slice of [1, 100, 1 << 20]) agrees(t, chunk, slice, true);
  });

  it('guessed cuts: each entry parsed alone, handed on about a slice at a time, across any chunk boundary', () => {
    const t = doc(Array.from({ length: 40 }, (_, i) => entry(i)));
    const one = JSON.stringify(entry(20)).length;
    for (const chunk of [7, 300, 4096]) {
      const sizes: number[] = [];
      const seen: unknown[] = [];
      const stream = new HarEntryStream((list) => (sizes.push(list.length), seen.push(...list)), one * 4, { guess: true });
      for (let i = 0; i < t.length; i += chunk) stream.push(t.slice(i, i + chunk));
      expect(stream.end().entries).toBe(40);
      expect(seen).toEqual(JSON.parse(t).log.entries);
      expect(Math.max(...sizes), `chunk ${chunk}`).toBeLessThanOrEqual(5);
    }
  });

  it('guessed cuts: a large entry read in many chunks, keys split across chunks before and after it', () => {
    const t = doc([entry(1), entry(2, { _big: 'y'.repeat(100_000) + '",{"startedDateTime"' }), entry(3), entry(4)]);
    for (const chunk of [7, 16, 1000, 4096]) agrees(t, chunk, 1 << 20, true);
  });

  it('valid documents stream: a byte-order mark, pretty printing, keys around entries, an empty list', () => {
    const cases = [
      '\ufeff' + text,
      JSON.stringify(JSON.parse(text), null, 2),
      JSON.stringify({ x: { log: 1, entries: [1] }, log: { entries: [entry(1), entry(2)], comment: '"]' }, y: [] }),
      JSON.stringify({ log: { entries: [] } }),
      ' { "log" : { "version" : "1.1" , "entries" : [ ] } } \n',
      // keys spelled with escapes are read as JSON.parse reads them
      `{"l\\u006fg": {"entri\\u0065s": [${JSON.stringify(entry(1))}], "\\"": 1}, "\\\\": 2}`,
    ];
    for (const t of cases) for (const chunk of [1, 5, 1 << 20]) for (const slice of [1, 1 << 20]) agrees(t, chunk, slice, true);
  });

  it('malformed or unusual documents: handed back (readHar decides), never a different answer', () => {
    const e = JSON.stringify(entry(1));
    const cases = malformedHarTexts(e);
    for (const t of cases) for (const chunk of [1, 4, 1 << 20]) for (const slice of [1, 30, 1 << 20]) agrees(t, chunk, slice);
  });

  it('any JSON-ish text in any chunks: the same as readHar, or handed back (property)', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '"log"', '"entries"', '1', 'null', '"a"', JSON.stringify(entry(2)));
    const gen = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((p) => `{"log":{"entries":[${p.join('')}`),
      fc.array(fc.oneof(fc.constant(entry(3)), fc.jsonValue()), { maxLength: 6 }).map((entries) => doc(entries)),
    );
    fc.assert(
      fc.property(gen, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 200 }), (t, chunk, slice) => agrees(t, chunk, slice)),
      fuzz(4243, 300),
    );
  });

  it('valid HAR documents always stream (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(entry(3)), fc.jsonValue()), { maxLength: 6 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 200 }), (entries, pretty, chunk, slice) => {
        const t = pretty ? JSON.stringify(JSON.parse(doc(entries)), null, 2) : doc(entries);
        agrees(t, chunk, slice, true);
      }),
      fuzz(4244, 200),
    );
  });
});
