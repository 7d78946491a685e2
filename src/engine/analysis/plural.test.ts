import { describe, expect, it } from 'vitest';
import { noun, plural } from './plural';

describe('plural', () => {
  it('one, many, none', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(2, 'request')).toBe('2 requests');
    expect(plural(0, 'request')).toBe('0 requests');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
  it('large numbers as they are (texts and tests match them)', () => {
    expect(plural(5000, 'request')).toBe('5000 requests');
  });
  it('the noun alone', () => {
    expect(noun(1, 'page')).toBe('page');
    expect(noun(4, 'page')).toBe('pages');
  });
});
