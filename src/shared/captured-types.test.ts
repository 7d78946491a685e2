import { describe, expect, it } from 'vitest';
import { workerCapturesResourceType } from './captured-types';

describe('workerCapturesResourceType', () => {
  it('documents and fetch/XHR are the worker’s; scripts, styles, images are not', () => {
    expect(['document', 'xhr', 'fetch'].map(workerCapturesResourceType)).toEqual([true, true, true]);
    expect(['script', 'stylesheet', 'image', 'font', 'media', 'other'].map(workerCapturesResourceType)).toEqual([false, false, false, false, false, false]);
  });
  it('an entry without a type (Firefox) counts as captured, so it is not shown twice', () => {
    expect(workerCapturesResourceType(undefined)).toBe(true);
    expect(workerCapturesResourceType(42)).toBe(true);
  });
});
