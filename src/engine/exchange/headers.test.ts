import { describe, expect, it } from 'vitest';
import { firstHeader, headerValues, lowerName } from './headers';

describe('header helpers', () => {
  it('compare names case-insensitively and keep duplicates in order', () => {
    const headers = [
      { name: 'Set-Cookie', value: 'a=1' },
      { name: 'content-type', value: 'text/html' },
      { name: 'SET-COOKIE', value: 'b=2' },
    ];
    expect(headerValues(headers, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(firstHeader(headers, 'Content-Type')).toBe('text/html');
    expect(firstHeader(headers, 'location')).toBeNull();
  });

  it('lowerName gives the same answer as toLowerCase, cached or not, for many distinct and huge names', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `X-Custom-${i}-ÄÖ`);
    names.push('A'.repeat(1_000_000), 'İstanbul', '');
    for (let round = 0; round < 2; round++) for (const n of names) expect(lowerName(n)).toBe(n.toLowerCase());
  });
});
