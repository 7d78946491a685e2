import { describe, expect, it } from 'vitest';
import { clockTime, isoDate, requestTime, stamp } from './format';

// Local times: the formatter prints the user's wall clock, so the tests build their moments locally too.
const at = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0) => new Date(y, mo - 1, d, h, mi, s, ms).getTime();

describe('time formats', () => {
  const now = at(2026, 12, 1, 16, 0, 0);
  it('24-hour, fixed width, milliseconds in the list', () => {
    expect(clockTime(at(2026, 12, 1, 9, 5, 7))).toBe('09:05:07');
    expect(requestTime(at(2026, 12, 1, 14, 3, 7, 45), now)).toBe('14:03:07.045');
    expect(requestTime(at(2026, 12, 1, 0, 0, 0, 999), now)).toBe('00:00:00.999');
  });
  it('the date in front when not today, also for the future and across years', () => {
    expect(requestTime(at(2026, 11, 30, 23, 59, 59, 1), now)).toBe('2026-11-30 23:59:59.001');
    expect(stamp(at(2025, 12, 1, 16, 0, 0), now)).toBe('2025-12-01 16:00:00');
    expect(stamp(at(2026, 12, 2, 1, 2, 3), now)).toBe('2026-12-02 01:02:03');
    expect(stamp(at(2026, 12, 1, 23, 59, 59), now)).toBe('23:59:59');
    expect(isoDate(at(2026, 3, 4, 12, 0, 0))).toBe('2026-03-04');
  });
});
