import { describe, expect, it } from 'vitest';
import { requestLabel, requestNumber } from './request-number';

describe('request numbers people see', () => {
  it('count from 1 over the 0-based entry', () => {
    expect(requestNumber(0)).toBe(1);
    expect(requestLabel(6)).toBe('#7');
  });
});
