import { describe, expect, it } from 'vitest';
import { REVEAL_FRESH_MS, freshReveal, revealKey } from './protocol';

describe('the popup asking the panel to show a request', () => {
  const now = 1_800_000_000_000;
  it('a fresh wish is honoured; an old, future or malformed one is not', () => {
    expect(revealKey(7)).toBe('reveal/7');
    expect(freshReveal({ entry: 4, at: now - 1000 }, now)).toEqual({ entry: 4, at: now - 1000 });
    expect(freshReveal({ entry: 4, at: now - REVEAL_FRESH_MS - 1 }, now)).toBeNull();
    expect(freshReveal({ entry: 4, at: now + 3_600_000 }, now)).toBeNull();
    for (const bad of [undefined, null, 4, 'x', { entry: -1, at: now }, { entry: 1.5, at: now }, { entry: '4', at: now }, { entry: 4 }]) expect(freshReveal(bad, now)).toBeNull();
  });
});
