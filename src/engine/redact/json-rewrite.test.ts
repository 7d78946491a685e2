import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rewriteJson, type JsonRewriter } from './json-rewrite';
import { fuzz } from '../test-support/fuzz';

/** Replaces every value whose key is "secret" (and everything below it) by "X". */
const secretKey: JsonRewriter<boolean> = {
  child: (parent, key) => parent || key === 'secret',
  replace: (state) => (state ? '"X"' : undefined),
};
const keepAll: JsonRewriter<null> = { child: () => null, replace: () => undefined };

describe('rewriteJson', () => {
  it('rewrites only the chosen values, every other byte kept', () => {
    const text = '{\n  "id": 12345678901234567890, "v": 1.0e0,\n  "secret": "s", "list": [ {"secret": {"deep": [1, "x"]}} ], "u": "\\u00e9"\n}';
    expect(rewriteJson(text, false, secretKey)).toBe('{\n  "id": 12345678901234567890, "v": 1.0e0,\n  "secret": "X", "list": [ {"secret": {"deep": ["X", "X"]}} ], "u": "\\u00e9"\n}');
  });
  it('returns the very same string when nothing changes, and reads escaped keys decoded', () => {
    const text = '{"a": [true, false, null, -0.5, "x\\"y"]}';
    expect(rewriteJson(text, null, keepAll)).toBe(text);
    expect(rewriteJson('{"se\\u0063ret": 1}', false, secretKey)).toBe('{"se\\u0063ret": "X"}');
  });
  it('null for anything that is not JSON', () => {
    for (const bad of ['', '{', '{"a" 1}', '{"a": 1,}', '[1 2]', '{"a": 1}}', 'nul', '{"a": "x}', "{'a': 1}", '{"a": 01}', '[1]x', '{"a":1 "b":2}', '{1: 2}']) {
      expect(rewriteJson(bad, false, secretKey), bad).toBeNull();
    }
  });
  it('hostile keys are plain text, nesting costs no stack', () => {
    const text = '{"__proto__": {"secret": 1}, "constructor": {"prototype": {"secret": 2}}}';
    expect(rewriteJson(text, false, secretKey)).toBe('{"__proto__": {"secret": "X"}, "constructor": {"prototype": {"secret": "X"}}}');
    expect(({} as Record<string, unknown>).secret).toBeUndefined();
    const deep = '['.repeat(200_000) + '{"secret": 1}' + ']'.repeat(200_000);
    expect(rewriteJson(deep, false, secretKey)).toBe('['.repeat(200_000) + '{"secret": "X"}' + ']'.repeat(200_000));
  });
  it('megabytes in one pass', () => {
    const big = JSON.stringify({ issues: Array.from({ length: 20_000 }, (_, i) => ({ key: `ABC-${i}`, fields: { summary: 'x'.repeat(100) } })), secret: 'y' });
    expect(big.length).toBeGreaterThan(2_000_000);
    expect(rewriteJson(big, false, secretKey)).toBe(big.replace('"secret":"y"', '"secret":"X"'));
  });
  it('agrees with JSON.parse on what is JSON', () => {
    const isJson = (t: string) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    // Near-JSON from JSON's own characters (no control characters: the scanner does not check those inside strings).
    const nearJson = fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ 0123.-eEtruefalsnu'), maxLength: 30 });
    const text = fc.oneof(fc.json(), nearJson, fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))), fc.json().map((j) => `${j} ${j}`));
    fc.assert(
      fc.property(text, (t) => {
        expect(rewriteJson(t, null, keepAll) !== null).toBe(isJson(t));
      }),
      fuzz(31, 1000),
    );
  });
});
