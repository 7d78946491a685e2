import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturePauses, PAUSE_KEY } from './capture-pause';
import type { PauseState } from '../shared/protocol';

function memoryArea(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    get: async (key: string | string[] | null) => (typeof key === 'string' ? (key in data ? { [key]: structuredClone(data[key]) } : {}) : structuredClone(data)),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

describe('CapturePauses', () => {
  // Test files share a thread (vitest.config.ts: isolate false): never leave fake timers behind, even on failure.
  afterEach(() => vi.useRealTimers());

  it('pause, count, resume; each change stored and told', async () => {
    vi.useFakeTimers();
    const area = memoryArea();
    const told: [number, PauseState][] = [];
    const pauses = new CapturePauses(area, (t, s) => told.push([t, s]));
    expect(pauses.isReady).toBe(false);
    await pauses.ready;
    expect(await pauses.set(3, true, 1000)).toEqual({ paused: true, since: 1000, skipped: 0 });
    expect(pauses.paused(3)).toBe(true);
    expect(pauses.paused(4)).toBe(false);
    pauses.skip(3);
    pauses.skip(3);
    pauses.skip(4); // not paused: nothing counted
    expect(area.data[PAUSE_KEY]).toEqual({ 3: { since: 1000, skipped: 2 } });
    vi.advanceTimersByTime(250);
    expect(told.at(-1)).toEqual([3, { paused: true, since: 1000, skipped: 2 }]); // coalesced: one notice for two
    expect(told).toHaveLength(2);
    expect(await pauses.set(3, false)).toEqual({ paused: false, since: null, skipped: 0 });
    expect(area.data[PAUSE_KEY]).toEqual({});
  });

  it('a new worker life reads which tabs are paused before deciding', async () => {
    const area = memoryArea({ [PAUSE_KEY]: { 5: { since: 42, skipped: 7 }, bad: { since: 'x' }, 6: null } });
    const pauses = new CapturePauses(area, () => undefined);
    await pauses.ready;
    expect(pauses.isReady).toBe(true);
    expect(pauses.state(5)).toEqual({ paused: true, since: 42, skipped: 7 });
    expect(pauses.paused(6)).toBe(false);
  });

  it('storage that cannot be read: ready anyway, recording', async () => {
    const pauses = new CapturePauses({ get: () => Promise.reject(new Error('gone')), set: async () => undefined }, () => undefined);
    await pauses.ready;
    expect(pauses.isReady).toBe(true);
    expect(pauses.paused(1)).toBe(false);
  });

  it('a closed tab is forgotten', async () => {
    const area = memoryArea();
    const pauses = new CapturePauses(area, () => undefined);
    await pauses.set(9, true, 1);
    pauses.forget(9);
    expect(pauses.paused(9)).toBe(false);
    await Promise.resolve();
    expect(area.data[PAUSE_KEY]).toEqual({});
  });
});
