import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeJson } from './json-out';
import { fuzz } from '../engine/test-support/fuzz';

const written = (v: unknown) => {
  const pieces: string[] = [];
  writeJson(v, (s) => pieces.push(s));
  return { text: pieces.join(''), pieces: pieces.length };
};

describe('writeJson', () => {
  it('the bytes of JSON.stringify(value, null, 2) + newline (property)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 5, withNullPrototype: false, withMap: false, withSet: false, withBigInt: false, withTypedArray: false, withSparseArray: false, withObjectString: false, withBoxedValues: false }), (v) => {
        expect(written(v).text).toBe((JSON.stringify(v, null, 2) ?? 'null') + '\n');
      }),
      fuzz(606, 500),
    );
    for (const v of [{}, [], { a: undefined, b: () => 1, c: [undefined, () => 1] }, { d: new Date(0), e: [new Date(1)] }, 'x', 5, null, [[[[[1]]]]], { s: 'a\nb\u2028"\ud800', n: [-0, NaN, Infinity, 1e21, 0.1], t: true }]) expect(written(v).text).toBe(JSON.stringify(v, null, 2) + '\n');
  });

  it('a large report goes out in pieces', () => {
    const report = { version: 1, findings: Array.from({ length: 20_000 }, (_, i) => ({ code: 'session-expired', entry: i, url: `https://jira.example.com/rest/api/2/search?startAt=${i}`, message: 'm'.repeat(60) })) };
    const { text, pieces } = written(report);
    expect(pieces).toBeGreaterThan(2);
    expect(text).toBe(JSON.stringify(report, null, 2) + '\n');
  });
});
