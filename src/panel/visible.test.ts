import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { visible } from './visible';

describe('visible', () => {
  it('escapes bidi controls, marks and isolates', () => {
    expect(visible('admin\u202Egnp.exe')).toBe('admin\\u202Egnp.exe');
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      expect(visible(`a${String.fromCodePoint(cp)}b`)).toBe(`a\\u${cp.toString(16).toUpperCase().padStart(4, '0')}b`);
    }
  });

  it('escapes zero-width and control characters, line breaks, lone surrogates, tags', () => {
    expect(visible('fr\u200Bed')).toBe('fr\\u200Bed');
    expect(visible('\uFEFFfred\u00AD')).toBe('\\uFEFFfred\\u00AD');
    expect(visible('a\nb\r\tc\0')).toBe('a\\u000Ab\\u000D\\u0009c\\u0000');
    expect(visible('x\u2028y\u2029')).toBe('x\\u2028y\\u2029');
    expect(visible('\uD800x')).toBe('\\uD800x');
    expect(visible('a\u{E0041}')).toBe('a\\u{E0041}');
    expect(visible('\u3164')).toBe('\\u3164');
  });

  it('leaves visible text of any script alone', () => {
    for (const s of ['fred', 'محمد علي', '山田太郎', 'Ærøskøbing', 'DOMAIN\\fred', 'a b', '👍', 'ŁTestł']) expect(visible(s)).toBe(s);
  });

  it('a backslash the server wrote before u is doubled, so it cannot pass for an escape', () => {
    expect(visible('\\u202E')).toBe('\\\\u202E');
  });

  it('the output never holds an invisible character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(visible(s))).toBe(false);
      }),
    );
  });
});
