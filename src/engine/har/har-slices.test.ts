import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHar } from './har';
import { readHarSliced, readHarText } from './har-slices';
import { fuzz } from '../test-support/fuzz';
import { malformedHarTexts } from '../test-support/malformed-hars';

const entry = (i: number, over: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-11-24T10:00:00.000Z',
  time: 12.5,
  request: { method: 'GET', url: `https://jira.example.com/browse/ABC-${i}?q="[{,}]"\\`, headers: [{ name: 'Cookie', value: `JSESSIONID=S3CRET${i}; b="x\\"]}"` }] },
  response: { status: i % 3 ? 200 : 401, headers: [{ name: 'X-AUSERNAME', value: 'frëd 😀' }, { name: 'Set-Cookie', value: 'a=b\\' }], content: { mimeType: 'text/html', text: '<html>"\\\\' + ']},'.repeat(i) } },
  ...over,
});
const doc = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [{ id: '[entries]' }], entries } });

/** readHar's answer: the result, or the error's message. */
function viaText(text: string): unknown {
  try {
    return readHar(text);
  } catch (err) {
    return { error: String(err) };
  }
}
function viaSlices(text: string, slice: number): unknown {
  try {
    return readHarText(text, slice);
  } catch (err) {
    return { error: String(err) };
  }
}

describe('readHarText', () => {
  const text = doc(Array.from({ length: 12 }, (_, i) => (i === 4 ? null : i === 7 ? 'x' : entry(i))));

  it('gives what readHar gives, for every slice size', () => {
    const expected = viaText(text);
    expect((expected as { exchanges: unknown[] }).exchanges.length).toBe(10);
    for (const slice of [1, 2, 3, 7, 50, 400, 1000, 1 << 20]) expect(viaSlices(text, slice)).toEqual(expected);
  });

  it('valid documents take the fast path', () => {
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    // Entries that start with different keys: cuts are guessed where the first entry's key recurs, and
    // found by the character scanner elsewhere.
    const mixed = doc([entry(1), { _first: 1, ...entry(2) }, entry(3), { request: entry(4).request }, entry(5), entry(6)]);
    for (const t of [text, '\ufeff' + text, pretty, mixed, JSON.stringify({ log: { entries: [] } })]) {
      for (const slice of [1, 100, 1 << 20]) expect(readHarSliced(t, slice), `${t.slice(0, 40)} ${slice}`).toEqual(readHar(t));
    }
  });

  it('a first key that recurs deeper in an entry, or after the entries, is not taken for a cut', () => {
    const nested = (i: number) => ({ startedDateTime: 'x', request: { url: `https://j/${i}`, headers: [] }, _extra: [{ startedDateTime: 'y' }, { startedDateTime: 'z' }] });
    const t = JSON.stringify({ log: { entries: Array.from({ length: 8 }, (_, i) => nested(i)), pages: [{ startedDateTime: 'p' }, { startedDateTime: 'q' }] } });
    for (const slice of [1, 10, 100, 1 << 20]) expect(viaSlices(t, slice)).toEqual(viaText(t));
    expect((readHarText(t, 1) as { entries: number }).entries).toBe(8);
  });

  it('a byte-order mark, pretty printing, keys around entries, an empty list', () => {
    const cases = [
      '\ufeff' + text,
      JSON.stringify(JSON.parse(text), null, 2),
      JSON.stringify({ x: { log: 1, entries: [1] }, log: { entries: [entry(1), entry(2)], comment: '"]' }, y: [] }),
      JSON.stringify({ log: { entries: [] } }),
      ' { "log" : { "version" : "1.1" , "entries" : [ ] } } \n',
    ];
    for (const t of cases) for (const slice of [1, 1 << 20]) expect(viaSlices(t, slice)).toEqual(viaText(t));
  });

  it('malformed or unusual documents: the same result or the same error as readHar', () => {
    const e = JSON.stringify(entry(1));
    const cases = malformedHarTexts(e);
    for (const t of cases) for (const slice of [1, 30, 1 << 20]) expect(viaSlices(t, slice), `${t.slice(0, 80)} ${slice}`).toEqual(viaText(t));
  });

  it('entries of mixed shapes, with the first key recurring anywhere: the same as readHar, on the fast path (property)', () => {
    const shape = fc.constantFrom<unknown>(
      entry(1),
      { _first: 3, ...entry(2) },
      { startedDateTime: 'a', request: { url: 'https://j/x', headers: [] }, _more: [{ startedDateTime: 'b' }, { startedDateTime: 'c' }] },
      { startedDateTime: ',{"startedDateTime":', request: { url: 'https://j/,{"startedDateTime":' } },
      null,
      'startedDateTime',
      [{ startedDateTime: 1 }, { startedDateTime: 2 }],
    );
    fc.assert(
      fc.property(fc.array(shape, { maxLength: 12 }), fc.boolean(), fc.integer({ min: 1, max: 400 }), (entries, pretty, slice) => {
        const t = pretty ? JSON.stringify(JSON.parse(doc(entries)), null, 1) : doc(entries);
        expect(readHarSliced(t, slice)).toEqual(readHar(t));
      }),
      fuzz(977, 300),
    );
  });

  it('any JSON-ish text: the same as readHar (property)', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '"log"', '"entries"', '1', 'null', '"a"', JSON.stringify(entry(2)));
    const text = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((p) => `{"log":{"entries":[${p.join('')}`),
      fc.array(fc.oneof(fc.constant(entry(3)), fc.jsonValue()), { maxLength: 6 }).map((entries) => doc(entries)),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 200 }), (t, slice) => {
        expect(viaSlices(t, slice)).toEqual(viaText(t));
      }),
      fuzz(4242, 300),
    );
  });
});
