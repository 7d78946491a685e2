import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StringFinder, MIN_LENGTH } from './find-strings';
import { fuzz } from '../test-support/fuzz';

const finder = (...s: string[]) => {
  const f = new StringFinder();
  for (const x of s) f.add(x);
  return f;
};
const star = (m: string) => `<${m.length}>`;

describe('StringFinder', () => {
  it('replaces every occurrence, leftmost and longest first', () => {
    const f = finder('SECRET-0001', 'SECRET-0001-LONGER', 'AnotherOne9');
    expect(f.replaceAll('a SECRET-0001 b SECRET-0001-LONGER c AnotherOne9AnotherOne9', star)).toBe('a <11> b <18> c <11><11>');
    expect(f.replaceAll('SECRET-0001', star)).toBe('<11>');
    expect(f.replaceAll('xSECRET-000', star)).toBe('xSECRET-000');
  });
  it('ignores strings too short to search for, and returns the same string when nothing matches', () => {
    const f = finder('short', '');
    expect(f.size).toBe(0);
    const text = 'short text';
    expect(f.replaceAll(text, star)).toBe(text);
  });
  it('non-ASCII and long texts', () => {
    const f = finder('pässwörd-ü', 'ẞecret🔑key');
    expect(f.replaceAll('x pässwörd-ü y ẞecret🔑key', star)).toBe('x <10> y <11>');
    const big = 'lorem ipsum '.repeat(400_000) + 'ẞecret🔑key';
    expect(f.replaceAll(big, star).endsWith('<11>')).toBe(true);
  });
  it('finds the same as a naive search, whatever the strings', () => {
    const alphabet = fc.constantFrom('a', 'b', 'ab', 'é', '😀');
    const word = fc.string({ unit: alphabet, minLength: MIN_LENGTH, maxLength: 14 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.string({ unit: alphabet, maxLength: 200 }), (words, text) => {
        const f = finder(...words);
        const sorted = [...new Set(words)].filter((w) => w.length >= MIN_LENGTH).sort((x, y) => y.length - x.length);
        let naive = '';
        for (let i = 0; i < text.length; ) {
          const w = sorted.find((s) => text.startsWith(s, i));
          if (w) {
            naive += star(w);
            i += w.length;
          } else naive += text[i++];
        }
        expect(f.replaceAll(text, star)).toBe(naive);
      }),
      fuzz(41, 500),
    );
  });
  it('costs the same with thousands of strings', () => {
    const f = new StringFinder();
    for (let i = 0; i < 20_000; i++) f.add(`tok-${i.toString(36)}-${(i * 7919).toString(36)}-x`);
    const text = '<div class="row">lorem ipsum dolor sit amet</div>\n'.repeat(100_000);
    const t = performance.now();
    expect(f.replaceAll(text, star)).toBe(text);
    expect(performance.now() - t).toBeLessThan(2_000); // ~5 MB; a regex alternation of 20 000 strings takes minutes
  });
});
