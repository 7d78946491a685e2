import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHar } from './har';
import { HarStreamReader, readHarBytes, readHarStream } from './har-stream';
import { fuzz } from './test-support/fuzz';

const entry = (i: number, over: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-11-24T10:00:00.000Z',
  time: 12.5,
  request: { method: 'GET', url: `https://jira.example.com/browse/ABC-${i}?q="[{,}]"\\`, headers: [{ name: 'Cookie', value: `JSESSIONID=S3CRET${i}; b="x\\"]}"` }] },
  response: { status: i % 3 ? 200 : 401, headers: [{ name: 'X-AUSERNAME', value: 'frëd 😀' }, { name: 'Set-Cookie', value: 'a=b\\' }], content: { mimeType: 'text/html', text: '<html>"\\\\' + ']},'.repeat(i) } },
  ...over,
});
const doc = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [{ id: '[entries]' }], entries } });
const bytes = (text: string) => new TextEncoder().encode(text);

/** readHar's answer: the result, or the error's message. */
function viaText(text: string): unknown {
  try {
    return readHar(new TextDecoder().decode(bytes(text)));
  } catch (err) {
    return { error: String(err) };
  }
}
function viaBytes(text: string, chunk: number, slice: number): unknown {
  try {
    return readHarBytes(bytes(text), chunk, slice);
  } catch (err) {
    return { error: String(err) };
  }
}

describe('readHarStream', () => {
  const text = doc(Array.from({ length: 12 }, (_, i) => (i === 4 ? null : i === 7 ? 'x' : entry(i))));

  it('gives what readHar gives, for every chunk size and slice size', () => {
    const expected = viaText(text);
    expect((expected as { exchanges: unknown[] }).exchanges.length).toBe(10);
    for (const chunk of [1, 2, 3, 7, 64, 1000, text.length]) {
      for (const slice of [1, 50, 400, 1 << 20]) expect(viaBytes(text, chunk, slice)).toEqual(expected);
    }
  });

  it('valid documents take the fast path', () => {
    for (const t of [text, '\ufeff' + text, JSON.stringify(JSON.parse(text), null, 2), JSON.stringify({ log: { entries: [] } })]) {
      for (const slice of [1, 100, 1 << 20]) {
        const reader = new HarStreamReader(slice);
        const b = bytes(t);
        for (let i = 0; i < b.length; i += 17) reader.push(b.subarray(i, i + 17));
        expect(reader.end()).toEqual(readHar(t));
        expect(reader.fellBack).toBe(false);
      }
    }
  });

  it('reads a web stream', async () => {
    const b = bytes(text);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < b.length; i += 333) c.enqueue(b.subarray(i, i + 333));
        c.close();
      },
    });
    expect(await readHarStream(stream)).toEqual(readHar(text));
  });

  it('a byte-order mark, pretty printing, keys around entries, an empty list', () => {
    const cases = [
      '\ufeff' + text,
      JSON.stringify(JSON.parse(text), null, 2),
      JSON.stringify({ x: { log: 1, entries: [1] }, log: { entries: [entry(1), entry(2)], comment: '"]' }, y: [] }),
      JSON.stringify({ log: { entries: [] } }),
      ' { "log" : { "version" : "1.1" , "entries" : [ ] } } \n',
    ];
    for (const t of cases) for (const slice of [1, 1 << 20]) expect(viaBytes(t, 5, slice)).toEqual(viaText(t));
  });

  it('malformed or unusual documents: the same result or the same error as readHar', () => {
    const e = JSON.stringify(entry(1));
    const cases = [
      '',
      '   ',
      '[]',
      'null',
      '{"log": {"entries": [1,}',
      `{"log": {"entries": [${e},]}}`,
      `{"log": {"entries": [ , ${e}]}}`,
      `{"log": {"entries": [${e}, ${e}]}} x`,
      `{"log": {"entries": [${e}]}`,
      `{"log": {"entries": [${e}], "entries": []}}`,
      `{"log": {"entries": [], "entries": [${e}]}}`,
      `{"log": {"entries": [${e}]}, "log": {"entries": []}}`,
      `{"log": 5, "log": {"entries": [${e}]}}`,
      `{"l\\u006fg": {"entries": [${e}]}}`,
      `{"log": {"entri\\u0065s": [${e}]}}`,
      `{"log": {"version": "2.0", "entries": [${e}]}}`,
      `{"log": {"entries": {"a": [${e}]}}}`,
      `{"log": [{"entries": [${e}]}]}`,
      `{"log": {"entries": [${e}}}}`,
      `{"log": {"entries": [${e}]]}}`,
      `{"log": {"entries": [${e.slice(0, -5)}`,
      `{"log": {"entries": ["\\"]}}`,
      `{"log": {"entries": [${e}, "a\\\\"]}}`,
    ];
    for (const t of cases) for (const chunk of [1, 4, 1000]) for (const slice of [1, 30, 1 << 20]) expect(viaBytes(t, chunk, slice), `${t.slice(0, 80)} ${chunk} ${slice}`).toEqual(viaText(t));
  });

  it('any JSON-ish text: the same as readHar (property)', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '"log"', '"entries"', '1', 'null', '"a"', JSON.stringify(entry(2)));
    const text = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((p) => `{"log":{"entries":[${p.join('')}`),
      fc.array(fc.oneof(fc.constant(entry(3)), fc.jsonValue()), { maxLength: 6 }).map((entries) => doc(entries)),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 200 }), (t, chunk, slice) => {
        expect(viaBytes(t, chunk, slice)).toEqual(viaText(t));
      }),
      fuzz(4242, 300),
    );
  });
});
