/** Which values found are swept: masks and fillers (fewer than four different characters) are not. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collecting, noteSecret } from './sweep';
import { fuzz } from '../test-support/fuzz';

const noted = (v: string) => collecting(() => noteSecret(v)).found.has(v);
/** The rule as first written: different code points among the first 64 code units. */
const masked = (v: string) => new Set(v.slice(0, 64)).size < 4;

describe('sweepable values', () => {
  it('masks and fillers are not swept, tokens are', () => {
    expect(noted('********')).toBe(false);
    expect(noted('abababababab')).toBe(false);
    expect(noted('😀😀😀😀😀😀😀😀')).toBe(false);
    expect(noted('😀😁😂ab😀😁😂ab')).toBe(true);
    // Only the first 64 code units count: the last 😀 is cut in two there, its first half a fourth character.
    expect(noted('1a😀' + 'a'.repeat(59) + '😀')).toBe(true);
    expect(noted('1a😀' + 'a'.repeat(60) + '😀')).toBe(false);
    expect(noted('Zx9kQ2mN')).toBe(true);
  });

  it('the same as counting a Set of the first 64 code units’ code points (property)', () => {
    const chars = fc.constantFrom('a', 'b', 'c', 'd', '1', '😀', '😁', '\ud83d', '\ude00', 'é', ' ');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 6, maxLength: 80 }), (parts) => {
        // `1a` first: a letter and a digit, so no other rule (words, numbers) decides.
        const v = '1a' + parts.join('');
        expect(noted(v), JSON.stringify(v)).toBe(!masked(v));
      }),
      fuzz(2591, 500),
    );
  });
});
